/// A horizontal bar chart: one bar per item on a 0–`maximum` scale, with optional per-item
/// markers (e.g. the block mean and best) and vertical reference lines (e.g. the mean).
public struct BarChart: Sendable {
    /// One bar.
    public struct Item: Sendable {
        /// The unit or category the bar stands for, shown at its left (wrapped, never cut).
        public var label: String
        /// The bar's length on the chart's 0–``BarChart/maximum`` scale; NaN draws no bar.
        public var value: Double
        /// The value as shown at the end of the bar.
        public var valueText: String
        /// Whether the bar is drawn in the accent colour (the unit a page is about).
        public var highlighted: Bool
        /// Ticks drawn across the bar at these values (NaN values are skipped).
        public var markers: [Double]

        /// A bar of `value`, labelled `label` and showing `valueText`.
        public init(label: String, value: Double, valueText: String, highlighted: Bool = false, markers: [Double] = []) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.highlighted = highlighted
            self.markers = markers
        }
    }

    /// A vertical line across every bar, e.g. the block mean.
    public struct Reference: Sendable {
        /// Where the line is drawn, on the chart's scale.
        public var value: Double
        /// The line's label, written above the chart.
        public var label: String

        /// A reference line at `value` labelled `label`.
        public init(value: Double, label: String) {
            self.value = value
            self.label = label
        }
    }

    /// The chart's accessible title.
    public var title: String
    /// The bars, top to bottom.
    public var items: [Item]
    /// The value a full-length bar stands for (1 for scores on 0–1).
    public var maximum: Double = 1
    /// Vertical reference lines.
    public var references: [Reference] = []
    /// Legend entries for the markers, in marker order.
    public var markerLegend: [String] = []
    /// The chart's width in pixels; the height follows from the rows.
    public var width: Double = 640
    /// The height of a one-line bar row in pixels.
    public var rowHeight: Double = 16

    /// A bar chart of `items` on a 0–`maximum` scale.
    public init(title: String, items: [Item], maximum: Double = 1, references: [Reference] = [], markerLegend: [String] = []) {
        self.title = title
        self.items = items
        self.maximum = maximum
        self.references = references
        self.markerLegend = markerLegend
    }

    static let markerColors = ["#d7301f", "#222"]

    /// The chart as a self-contained SVG document (the same bytes for the same chart).
    public var svg: String {
        let labelSize = 11.0, valueSize = 10.0, lineGap = 12.0
        // Labels get up to 45% of the width; a longer one wraps onto more lines (never cut).
        let labelLimit = (width * 0.45).rounded()
        let labels = items.map { Self.wrap($0.label, width: labelLimit - 8, size: labelSize) }
        let labelWidth = min(labelLimit, (labels.joined().map { SVGCanvas.textWidth($0, size: labelSize) }.max() ?? 0) + 8)
        // Values sit in a column of their own at the right, so neither the mean line nor a
        // marker (the block's best) is ever read as the value, and no line crosses them.
        let valueWidth = (items.map { SVGCanvas.textWidth($0.valueText, size: valueSize) }.max() ?? 0) + 12
        let top = references.isEmpty ? 4.0 : 18.0
        let legendHeight = markerLegend.isEmpty ? 0.0 : 18.0
        let plotWidth = width - labelWidth - valueWidth
        let heights = labels.map { rowHeight + Double($0.count - 1) * lineGap }
        let plotHeight = heights.reduce(0, +)
        let height = top + plotHeight + 4 + legendHeight
        var canvas = SVGCanvas(width: width, height: height, title: title)
        func x(_ value: Double) -> Double { labelWidth + plotWidth * min(max(value / maximum, 0), 1) }
        var y = top
        for (i, item) in items.enumerated() {
            let rowTop = y, middle = y + heights[i] / 2
            for (k, line) in labels[i].enumerated() {
                let baseline = middle + 4 + (Double(k) - Double(labels[i].count - 1) / 2) * lineGap
                canvas.text(line, x: labelWidth - 6, y: baseline, size: labelSize, anchor: .end, bold: item.highlighted)
            }
            let barTop = middle - (rowHeight - 4) / 2
            if !item.value.isNaN {
                canvas.rect(x: labelWidth, y: barTop, width: x(item.value) - labelWidth, height: rowHeight - 4, fill: item.highlighted ? "#d95f02" : "#4a7fb5", tooltip: "\(item.label): \(item.valueText)")
            }
            canvas.text(item.valueText, x: width - 2, y: middle + 4, size: valueSize, anchor: .end)
            for (k, marker) in item.markers.enumerated() where !marker.isNaN {
                canvas.line(x1: x(marker), y1: barTop - 1, x2: x(marker), y2: barTop + rowHeight - 3, stroke: Self.markerColors[k % Self.markerColors.count], width: 2)
            }
            y = rowTop + heights[i]
        }
        for reference in references where !reference.value.isNaN {
            let rx = x(reference.value)
            canvas.line(x1: rx, y1: top - 2, x2: rx, y2: top + plotHeight, stroke: "#d7301f", width: 1, dashed: true)
            // The label above the line, kept inside the plot.
            let half = SVGCanvas.textWidth(reference.label, size: 10) / 2
            canvas.text(reference.label, x: min(max(rx, labelWidth + half), width - half), y: top - 6, size: 10, anchor: .middle, fill: "#d7301f")
        }
        var lx = labelWidth
        for (k, entry) in markerLegend.enumerated() {
            let y = height - 6
            canvas.line(x1: lx, y1: y - 9, x2: lx, y2: y + 1, stroke: Self.markerColors[k % Self.markerColors.count], width: 2)
            canvas.text(entry, x: lx + 5, y: y, size: 10)
            lx += SVGCanvas.textWidth(entry, size: 10) + 24
        }
        return canvas.rendered
    }

    /// The text broken into lines at spaces so that each fits `width` (a single word longer
    /// than the width keeps its own line, whole).
    public static func wrap(_ text: String, width: Double, size: Double) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if current.isEmpty || SVGCanvas.textWidth(candidate, size: size) <= width {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        return lines + [current]
    }
}

/// A line chart over categories (periods): one line per series, points marked, a y axis with
/// gridlines, a legend below (one series per line).
public struct LineChart: Sendable {
    /// One line of the chart.
    public struct Series: Sendable {
        /// The series' name in the legend.
        public var name: String
        /// One value per category, in category order; NaN leaves a gap.
        public var values: [Double]
        /// Whether the line is dashed (e.g. a block compared with the main one).
        public var dashed: Bool

        /// A series named `name` with one value per category.
        public init(name: String, values: [Double], dashed: Bool = false) {
            self.name = name
            self.values = values
            self.dashed = dashed
        }
    }

    /// The chart's accessible title.
    public var title: String
    /// The x-axis categories (periods), left to right.
    public var categories: [String]
    /// The lines, drawn in palette order.
    public var series: [Series]
    /// Formats axis values (e.g. with a decimal comma).
    public var format: @Sendable (Double) -> String
    /// Formats the values of the points in their hover titles, as precisely as the report's
    /// text gives them (the axis may round more coarsely).
    public var pointFormat: @Sendable (Double) -> String
    /// The chart's width in pixels.
    public var width: Double = 480
    /// The chart's height in pixels, legend excluded.
    public var height: Double = 200

    /// A line chart; `pointFormat` defaults to `format`.
    public init(title: String, categories: [String], series: [Series], format: @escaping @Sendable (Double) -> String, pointFormat: (@Sendable (Double) -> String)? = nil) {
        self.title = title
        self.categories = categories
        self.series = series
        self.format = format
        self.pointFormat = pointFormat ?? format
    }

    /// The series colours in order, repeated after six (ColorBrewer's Dark2).
    public static let palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"]

    /// The chart as a self-contained SVG document.
    public var svg: String {
        let values = series.flatMap(\.values).filter { !$0.isNaN }
        let step = 0.1
        var low = ((values.min() ?? 0) / step).rounded(.down) * step
        var high = ((values.max() ?? 1) / step).rounded(.up) * step
        if high - low < step { high = low + step }
        low = max(0, low)
        let left = 44.0, right = 16.0, top = 12.0
        let bottom = 24 + Double(series.count) * 16
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        var canvas = SVGCanvas(width: width, height: height, title: title)
        func x(_ i: Int) -> Double { categories.count < 2 ? left + plotWidth / 2 : left + plotWidth * Double(i) / Double(categories.count - 1) }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (v - low) / (high - low)) }
        let ticks = Int(((high - low) / step).rounded())
        for t in 0...ticks {
            let v = low + Double(t) * step
            canvas.line(x1: left, y1: y(v), x2: width - right, y2: y(v), stroke: "#ddd")
            canvas.text(format(v), x: left - 4, y: y(v) + 4, size: 10, anchor: .end, fill: "#555")
        }
        for (i, category) in categories.enumerated() {
            canvas.text(category, x: x(i), y: top + plotHeight + 14, size: 10, anchor: .middle, fill: "#555")
        }
        for (k, line) in series.enumerated() {
            let color = Self.palette[k % Self.palette.count]
            let points = line.values.enumerated().filter { !$0.element.isNaN }.map { (x: x($0.offset), y: y($0.element)) }
            if points.count > 1 { canvas.polyline(points, stroke: color, dashed: line.dashed) }
            for (i, v) in line.values.enumerated() where !v.isNaN {
                canvas.circle(x: x(i), y: y(v), radius: 3.5, fill: color, tooltip: "\(line.name) \(categories[i]): \(pointFormat(v))")
            }
            let ly = top + plotHeight + 32 + Double(k) * 16
            canvas.line(x1: left, y1: ly - 4, x2: left + 16, y2: ly - 4, stroke: color, width: 2, dashed: line.dashed)
            canvas.text(line.name, x: left + 20, y: ly, size: 10)
        }
        return canvas.rendered
    }
}

/// A tile-grid map: each unit a square at a fixed row and column (a committed layout, e.g.
/// `Reports/templates/vn-provinces-tilegrid.csv`), coloured by value, labelled with a short code
/// and the value.
public struct TileMap: Sendable {
    /// Where a unit's tile sits.
    public struct Tile: Sendable, Hashable {
        /// The unit's registry id.
        public var id: String
        /// The tile's row in the grid, 0 at the top.
        public var row: Int
        /// The tile's column in the grid, 0 at the left.
        public var column: Int
        /// The short code printed on the tile (e.g. `HNI`).
        public var code: String
    }

    /// The map's accessible title.
    public var title: String
    /// Every unit's tile.
    public var tiles: [Tile]
    /// Values by unit id; tiles without a value are grey.
    public var values: [String: Double]
    /// Unit names by id, for the tiles' hover titles.
    public var names: [String: String]
    /// Formats the values printed on the tiles (e.g. with a decimal comma).
    public var format: @Sendable (Double) -> String
    /// A tile's side in pixels.
    public var tileSize: Double = 40
    /// Whether the colour legend sits below the tiles instead of to their right (a phone's
    /// narrower drawing).
    public var legendBelow = false

    /// A map of `tiles` coloured by `values`.
    public init(title: String, tiles: [Tile], values: [String: Double], names: [String: String], format: @escaping @Sendable (Double) -> String) {
        self.title = title
        self.tiles = tiles
        self.values = values
        self.names = names
        self.format = format
    }

    /// Reads a layout: a CSV with the header `id,row,col,abbr`.
    public static func layout(csv: String) -> [Tile] {
        csv.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let parts = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 4, let row = Int(parts[1]), let column = Int(parts[2]) else { return nil }
            return Tile(id: parts[0], row: row, column: column, code: parts[3])
        }
    }

    /// The map as a self-contained SVG document, with a colour legend.
    public var svg: String {
        let present = tiles.compactMap { values[$0.id] }.filter { !$0.isNaN }
        let low = present.min() ?? 0, high = present.max() ?? 1
        let rows = (tiles.map(\.row).max() ?? 0) + 1, columns = (tiles.map(\.column).max() ?? 0) + 1
        let gap = 2.0, legendWidth = 120.0, legendRow = 18.0
        let gridWidth = Double(columns) * (tileSize + gap), gridHeight = Double(rows) * (tileSize + gap)
        let width = legendBelow ? max(gridWidth, legendWidth) : gridWidth + legendWidth
        let height = legendBelow ? gridHeight + 8 + Double(ColorScale.steps.count) * legendRow : gridHeight
        var canvas = SVGCanvas(width: width, height: height, title: title)
        for tile in tiles {
            let x = Double(tile.column) * (tileSize + gap), y = Double(tile.row) * (tileSize + gap)
            let value = values[tile.id] ?? .nan
            let color = ColorScale.color(value.isNaN ? .nan : ColorScale.position(value, low: low, high: high))
            let name = names[tile.id] ?? tile.id
            canvas.rect(x: x, y: y, width: tileSize, height: tileSize, fill: color.fill, tooltip: value.isNaN ? name : "\(name): \(format(value))")
            canvas.text(tile.code, x: x + tileSize / 2, y: y + 16, size: 10, anchor: .middle, bold: true, fill: color.text)
            if !value.isNaN { canvas.text(format(value), x: x + tileSize / 2, y: y + 30, size: 9, anchor: .middle, fill: color.text) }
        }
        // Legend: the colour steps from low to high.
        let lx = legendBelow ? 0 : gridWidth + 16, ly = legendBelow ? gridHeight + 8 : 8
        for (i, step) in ColorScale.steps.enumerated().reversed() {
            let y = ly + Double(ColorScale.steps.count - 1 - i) * legendRow
            let from = low + (high - low) * Double(i) / Double(ColorScale.steps.count)
            canvas.rect(x: lx, y: y, width: 16, height: 16, fill: step)
            canvas.text("≥ " + format(from), x: lx + 22, y: y + 12, size: 10)
        }
        return canvas.rendered
    }
}
