import Audit
import IndexCore

extension UnitUncertainty {
    /// One line for a unit's page, e.g. "7th, between 5th and 9th in 90% of scenarios; most
    /// sensitive to the weight of Category 4" (Vietnamese: "Hạng 7, trong khoảng hạng 5–9 ở 90%
    /// kịch bản; nhạy nhất với trọng số của Nhóm 4").
    public func summary(inputs: [UncertaintySpec.Input], interval: Double, language: Language) -> String {
        let percent = NumberFormatting.format(PublishedRounding.round(interval * 100, decimals: 1))
        var message = bestRank == worstRank
            ? Message.rankIntervalOne(rank: nominalRank, best: bestRank, percent: percent)
            : Message.rankIntervalRange(rank: nominalRank, best: bestRank, worst: worstRank, percent: percent)
        if let input = mostInfluentialInput { message = message.appending(.mostSensitiveTo(inputs[input].label), separator: "") }
        return message.text(in: language)
    }

    /// 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st.
    public static func ordinal(_ n: Int) -> String { NumberFormatting.englishOrdinal(n) }
}

/// A small, self-contained SVG chart of rank intervals: one row per unit in nominal order, a bar
/// from the best to the worst rank of the central interval, a dot at the median rank and a
/// diamond at the nominal rank. Rank 1 is on the left.
public enum RankIntervalChart {
    /// The chart of `block`'s units as SVG, `width` pixels wide; `interval` (0–1, e.g. 0.9) is
    /// named in the title and legend, in `language`.
    public static func svg(_ block: BlockUncertainty, interval: Double, language: Language, width: Int = 640) -> String {
        let units = block.units
        let rowHeight = 14, top = 28, left = 170, right = 16
        let height = top + rowHeight * units.count + 24
        let maxRank = max(units.map(\.worstRank).max() ?? 1, units.map(\.nominalRank).max() ?? 1, 2)
        let plotWidth = Double(width - left - right)
        func x(_ rank: Int) -> String { format(Double(left) + plotWidth * Double(rank - 1) / Double(maxRank - 1)) }
        let percent = NumberFormatting.format(PublishedRounding.round(interval * 100, decimals: 1))
        let title = Message.rankIntervalChartTitle(percent: percent, block: block.block.name, scenarios: block.scenarios).text(in: language)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"10\" role=\"img\" aria-label=\"\(escape(title))\">\n"
        svg += "<title>\(escape(title))</title>\n"
        svg += "<text x=\"\(left)\" y=\"14\" font-size=\"12\" font-weight=\"bold\">\(escape(title))</text>\n"
        // Axis ticks.
        let step = max(1, maxRank / 10)
        var ticks = Array(stride(from: 1, through: maxRank, by: step))
        if ticks.last != maxRank { ticks.append(maxRank) }
        let axisY = top + rowHeight * units.count + 4
        for tick in ticks {
            svg += "<line x1=\"\(x(tick))\" y1=\"\(top - 4)\" x2=\"\(x(tick))\" y2=\"\(axisY)\" stroke=\"#e0e0e0\"/>"
            svg += "<text x=\"\(x(tick))\" y=\"\(axisY + 12)\" text-anchor=\"middle\">\(tick)</text>\n"
        }
        for (row, unit) in units.enumerated() {
            let y = top + rowHeight * row + rowHeight / 2
            svg += "<g><title>\(escape(unit.name)): \(unit.nominalRank) (\(unit.bestRank)–\(unit.worstRank), median \(unit.medianRank))</title>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 3)\" text-anchor=\"end\">\(escape(unit.name))</text>"
            svg += "<line x1=\"\(x(unit.bestRank))\" y1=\"\(y)\" x2=\"\(x(unit.worstRank))\" y2=\"\(y)\" stroke=\"#4a78b5\" stroke-width=\"4\" stroke-linecap=\"round\"/>"
            svg += "<circle cx=\"\(x(unit.medianRank))\" cy=\"\(y)\" r=\"2.5\" fill=\"#ffffff\" stroke=\"#1d3f6e\"/>"
            if unit.nominalRank > 0 {
                let cx = Double(left) + plotWidth * Double(unit.nominalRank - 1) / Double(maxRank - 1)
                svg += "<path d=\"M\(format(cx)) \(y - 4)L\(format(cx + 4)) \(y)L\(format(cx)) \(y + 4)L\(format(cx - 4)) \(y)Z\" fill=\"#d9534f\"/>"
            }
            svg += "</g>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    static func format(_ value: Double) -> String { NumberFormatting.format(PublishedRounding.round(value, decimals: 1)) }

    /// The report's one markup escaper (an apostrophe too, which this chart's own used to miss).
    static func escape(_ text: String) -> String { HTML.escape(text) }
}
