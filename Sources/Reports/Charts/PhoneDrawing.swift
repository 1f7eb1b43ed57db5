/// The width charts are drawn at for a phone: a 390 px screen less the page's padding, so a
/// chart drawn this wide is shown at its own size — its text as drawn (≥ 9 px), nothing scaled
/// down and nothing scrolling sideways.
public enum PhoneDrawing {
    /// The drawing width in CSS pixels.
    public static let width = 360.0
}

extension BarChart {
    /// The same chart drawn ``PhoneDrawing/width`` wide (labels wrap onto more lines).
    public var narrow: BarChart {
        var chart = self
        chart.width = PhoneDrawing.width
        return chart
    }
}

extension LineChart {
    /// The same chart drawn ``PhoneDrawing/width`` wide.
    public var narrow: LineChart {
        var chart = self
        chart.width = PhoneDrawing.width
        return chart
    }
}

extension TileMap {
    /// The same map with its legend below the tiles and tiles small enough for
    /// ``PhoneDrawing/width`` (never below 34 px, which still holds a code and a value).
    public var narrow: TileMap {
        var map = self
        map.legendBelow = true
        let columns = Double((tiles.map(\.column).max() ?? 0) + 1)
        map.tileSize = min(tileSize, max(34, (PhoneDrawing.width / columns - 2).rounded(.down)))
        return map
    }
}
