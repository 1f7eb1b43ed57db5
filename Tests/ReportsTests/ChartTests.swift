import Foundation
import Reports
import Testing

/// Compares `text` with the golden file `Golden/<name>`; with UPDATE_GOLDEN=1 in the
/// environment, writes the file instead.
func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = Repository.url("Tests/ReportsTests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try Data(text.utf8).write(to: url)
        return
    }
    let golden = try String(contentsOf: url, encoding: .utf8)
    #expect(text == golden, "differs from Golden/\(name); rerun with UPDATE_GOLDEN=1 after checking", sourceLocation: sourceLocation)
}

@Suite struct ChartTests {
    @Test func escapeEverything() {
        #expect(HTML.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(HTML.escape("a & \"b\" 'c'") == "a &amp; &quot;b&quot; &#39;c&#39;")
        #expect(HTML.escape("Thừa Thiên Huế") == "Thừa Thiên Huế")
        #expect(MarkdownRenderer.escape("<b>|*x*|</b>") == "&lt;b&gt;\\|\\*x\\*\\|&lt;/b&gt;")
    }

    @Test func barChartGolden() throws {
        let chart = BarChart(title: "Chỉ số <test>", items: [
            .init(label: "Đà Nẵng", value: 0.9, valueText: "0,900"),
            .init(label: "Thừa Thiên Huế", value: 0.75, valueText: "0,750", highlighted: true, markers: [0.6, 0.9]),
            .init(label: "<script>alert(1)</script>", value: .nan, valueText: "—"),
        ], references: [.init(value: 0.6, label: "trung bình")], markerLegend: ["mean", "best"])
        let svg = chart.svg
        #expect(!svg.contains("<script>"))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        try expectGolden(svg + "\n", "bar-chart.svg")
    }

    /// Long names wrap onto more lines instead of being cut ("…phát triển nông th…").
    @Test func barLabelsAreNeverCut() throws {
        let long = "Bộ Nông nghiệp và Phát triển nông thôn của nước Cộng hoà xã hội chủ nghĩa Việt Nam"
        let svg = BarChart(title: "t", items: [.init(label: long, value: 0.5, valueText: "0,500"), .init(label: "Huế", value: 0.7, valueText: "0,700")]).svg
        #expect(!svg.contains("…"))
        let texts = svg.matches(of: /<text[^>]*>([^<]*)<\/text>/).map { String($0.1) }
        #expect(texts.joined(separator: " ").contains(long), "\(texts)")
        #expect(BarChart.wrap(long, width: 200, size: 11).count > 1)
        #expect(BarChart.wrap("một", width: 1, size: 11) == ["một"])
    }

    /// The values sit in their own column right of the plot: no reference line (the mean) and
    /// no marker (the block's best) can touch them, so neither is read as the value.
    @Test func valuesNeverMeetTheMeanLineOrMarkers() throws {
        let chart = BarChart(title: "t", items: [
            .init(label: "A", value: 0.3, valueText: "0,300", markers: [0.62, 0.99]),
            .init(label: "B", value: 0.62, valueText: "0,620", markers: [0.62, 0.99]),
            .init(label: "C", value: 0.3, valueText: "0,300"),  // just short of the mean: its label used to sit on the line
        ], references: [.init(value: 0.35, label: "trung bình 0,35")], markerLegend: ["mean", "best"])
        let svg = chart.svg
        let lines = svg.matches(of: /<line x1="([0-9.]+)"/).map { Double(String($0.1))! }
        let values = svg.matches(of: /<text x="([0-9.]+)" y="[0-9.]+" font-size="10" text-anchor="end" fill="#222">(0,[0-9]+)<\/text>/)
            .map { Double(String($0.1))! - SVGCanvas.textWidth(String($0.2), size: 10) }
        #expect(values.count == 3)
        #expect(lines.allSatisfy { line in values.allSatisfy { $0 > line + 2 } }, "a line at \(lines) reaches a value starting at \(values)")
    }

    /// Hover titles give a point's value as precisely as the text does, even when the axis
    /// rounds more (a 0,82 mean was shown as 0,8).
    @Test func lineChartHoverTitlesRoundAsTheText() throws {
        let chart = LineChart(title: "t", categories: ["2018", "2019"], series: [.init(name: "Bộ", values: [0.69, 0.82])],
                              format: { String(format: "%.1f", $0) }, pointFormat: { String(format: "%.2f", $0) })
        #expect(chart.svg.contains("<title>Bộ 2019: 0.82</title>"))
        #expect(chart.svg.contains(">0.8</text>"), "the axis keeps its own rounding")
    }

    @Test func lineChartGolden() throws {
        let chart = LineChart(title: "Means", categories: ["2018", "2019"], series: [
            .init(name: "Provinces", values: [0.65, 0.72]),
            .init(name: "Ministries", values: [0.69, 0.82]),
            .init(name: "Agencies", values: [.nan, 0.6], dashed: true),
        ], format: { String(format: "%.1f", $0) })
        try expectGolden(chart.svg + "\n", "line-chart.svg")
    }

    @Test func tileMapGolden() throws {
        let tiles = TileMap.layout(csv: "id,row,col,abbr\nha-noi,0,1,HNO\nda-nang,1,1,ĐNA\nho-chi-minh,2,0,HCM\n")
        #expect(tiles.count == 3)
        let map = TileMap(title: "Map", tiles: tiles, values: ["ha-noi": 0.9, "ho-chi-minh": 0.8], names: ["ha-noi": "Hà Nội"], format: { String(format: "%.2f", $0) })
        try expectGolden(map.svg + "\n", "tile-map.svg")
    }

    @Test func provinceLayoutCoversThe63Provinces() throws {
        let csv = try String(contentsOf: Repository.url("Reports/templates/vn-provinces-tilegrid.csv"), encoding: .utf8)
        let tiles = TileMap.layout(csv: csv)
        #expect(tiles.count == 63)
        #expect(Set(tiles.map { "\($0.row),\($0.column)" }).count == 63, "two provinces share a tile")
        #expect(Set(tiles.map(\.code)).count == 63)
        let registry = try String(contentsOf: Repository.url("Indicators/units/provinces.yaml"), encoding: .utf8)
        for tile in tiles { #expect(registry.contains("- id: \(tile.id)\n"), "\(tile.id) is not a province id") }
    }

    @Test func colorScale() {
        #expect(ColorScale.color(0).fill == ColorScale.steps[0])
        #expect(ColorScale.color(1).fill == ColorScale.steps[6])
        #expect(ColorScale.color(.nan).fill == "#e0e0e0")
        // text on every colour of the scale, and on the grey of missing values, meets WCAG AA
        for fill in ColorScale.steps + [ColorScale.missing] {
            #expect(ColorScale.contrast(fill, ColorScale.textColor(on: fill)) >= 4.5, "\(fill)")
        }
        #expect(ColorScale.textColor(on: "#1d91c0") == "#111") // white on it was 3.6:1
        #expect(ColorScale.textColor(on: "#0c2c84") == "#fff")
        #expect(abs(ColorScale.contrast("#000000", "#ffffff") - 21) < 1e-9)
        #expect(ColorScale.contrast("#fff", "#ffffff") == 1)
        #expect(SVGCanvas.number(12.04) == "12")
        #expect(SVGCanvas.number(12.25) == "12.3")
    }
}
