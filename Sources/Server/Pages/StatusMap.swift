import Platform
import Reports
import Season

/// The reviewer's tile map: the provinces on the report's tile grid
/// (`Reports/templates/vn-provinces-tilegrid.csv`), each tile coloured by the unit's state in the
/// season, with the same colours as the status badges of the dashboard table (site.css).
enum StatusMap {
    /// Fill and text colour of each state (the badges' colours in site.css, darker for contrast).
    static let colors: [UnitState: (fill: String, text: String)] = [
        .notStarted: ("#e0e0e0", "#222222"),
        .draft: ("#ffe08a", "#222222"),
        .submitted: ("#6b9bd1", "#000000"),
        .returned: ("#e08a5a", "#000000"),
        .accepted: ("#1b7837", "#ffffff"),
    ]

    /// The province tile layout, from the bundled standard files.
    static let tiles: [TileMap.Tile] = StandardLibrary.bundled.files(at: StandardLibrary.tileGridPath).first.map { TileMap.layout(csv: $0.text) } ?? []

    /// The map as SVG, or `nil` when no unit of `statuses` has a tile (e.g. a season without
    /// provinces). `stateName` gives the state's words for the tooltips.
    static func svg(_ statuses: [UnitStatus], title: String, stateName: (UnitState) -> String) -> String? {
        let byUnit = Dictionary(statuses.map { ($0.unit, $0) }, uniquingKeysWith: { first, _ in first })
        let placed = tiles.filter { byUnit[$0.id] != nil }
        guard !placed.isEmpty else { return nil }
        let size = 40.0, gap = 2.0
        let rows = (placed.map(\.row).max() ?? 0) + 1, columns = (placed.map(\.column).max() ?? 0) + 1
        var canvas = SVGCanvas(width: Double(columns) * (size + gap), height: Double(rows) * (size + gap), title: title)
        for tile in placed {
            guard let status = byUnit[tile.id], let color = colors[status.state] else { continue }
            let x = Double(tile.column) * (size + gap), y = Double(tile.row) * (size + gap)
            canvas.rect(x: x, y: y, width: size, height: size, fill: color.fill, tooltip: "\(status.name): \(stateName(status.state))")
            canvas.text(tile.code, x: x + size / 2, y: y + 24, size: 11, anchor: .middle, bold: true, fill: color.text)
        }
        return canvas.rendered
    }
}
