import Audit
import IndexCore
import Formats

/// The uncertainty analysis of `ictindex uncertainty` as a terminal report, JSON or CSV.
public enum UncertaintyFormatter {
    /// Per block: runs, the mean rank shift and its sensitivity indices, and each unit's interval.
    public static func text(_ result: UncertaintyResult, language: Language) -> String {
        let spec = result.spec
        var out = ""
        for block in result.blocks {
            out += "\(block.block.name[language]) (\(block.block.id)): \(block.runs) runs (\(spec.method.rawValue), seed \(spec.seed)); mean |Δrank| \(NumberFormatting.format(PublishedRounding.round(block.meanRankShift, decimals: 3)))\n"
            if let s = block.meanRankShiftSensitivity {
                for (i, input) in spec.inputs.enumerated() {
                    out += "  \(input.label[language]): S = \(NumberFormatting.format(PublishedRounding.round(s.first[i], decimals: 3))), ST = \(NumberFormatting.format(PublishedRounding.round(s.total[i], decimals: 3)))\n"
                }
                // Estimates, not exact indices: with few runs S can come out below 0 or above ST.
                if spec.inputs.indices.contains(where: { s.first[$0] < 0 || s.first[$0] > s.total[$0] }) {
                    out += Message.sobolSamplingError.text(in: language) + "\n"
                }
            }
            var table = TextTable(headers: ["rank", "unit", "median", "interval", "most influential"], alignments: [.right, .left, .right, .right, .left])
            for unit in block.units {
                table.append([String(unit.nominalRank), unit.name, String(unit.medianRank), "\(unit.bestRank)–\(unit.worstRank)", unit.mostInfluentialInput.map { spec.inputs[$0].label[language] } ?? ""])
            }
            out += "\n" + table.rendered() + "\n\n"
        }
        return out
    }

    /// The analysis as JSON, with names, values and Sobol indices (the report's writer).
    public static func json(_ result: UncertaintyResult, language: Language) -> JSONValue {
        ReportWriter.uncertaintyJSON(result, language: language, detail: true)
    }

    /// One row per unit: ranks, interval, most influential input and, for Sobol, S and ST per input.
    public static func csv(_ result: UncertaintyResult) -> String {
        let spec = result.spec
        var header = ["block", "id", "name", "rank", "median_rank", "best_rank", "worst_rank", "most_influential"]
        for input in spec.inputs { header += ["S_\(input.id)", "ST_\(input.id)"] }
        var lines = [header.map(CSVWriter.escape).joined(separator: ",")]
        for block in result.blocks {
            for unit in block.units {
                var cells = [block.block.id, unit.id, unit.name, String(unit.nominalRank), String(unit.medianRank), String(unit.bestRank), String(unit.worstRank), unit.mostInfluentialInput.map { spec.inputs[$0].id } ?? ""]
                for i in spec.inputs.indices {
                    cells += unit.sensitivity.map { [CSVWriter.number($0.first[i]), CSVWriter.number($0.total[i])] } ?? ["", ""]
                }
                lines.append(cells.map(CSVWriter.escape).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
