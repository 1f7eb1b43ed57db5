import ArgumentParser
import Audit
import Foundation
import IndexCore
import Intake
import Reports

struct UncertaintyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uncertainty",
        abstract: "How firm is each unit's rank: Monte Carlo / Sobol analysis over weights, normalisations, aggregations, imputation and exclusions declared in a YAML spec.",
        discussion: "The spec is documented in docs/uncertainty.md; an example: Examples/vn-it-application/uncertainty.yaml. Runs on all cores; the same seed gives the same numbers."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    @OptionGroup var input: InputOptions

    @Option(help: "The uncertainty spec (YAML).")
    var spec: String

    @Option(help: "Override the spec's runs (Monte Carlo runs, or Sobol base samples N).")
    var runs: Int?

    @Option(help: "Override the spec's seed.")
    var seed: UInt64?

    @Option(help: "Output format: text, json or csv.")
    var format: Format = .text

    @Option(help: "Language of labels: vi or en.")
    var lang: Language = .en

    @Option(help: "Also write an SVG rank-interval chart per block to this directory.")
    var svg: String?

    func run() throws {
        let loaded = try input.load()
        var spec = try UncertaintySpec.load(contentsOf: URL(fileURLWithPath: self.spec), methodology: loaded.methodology)
        if let runs {
            guard runs >= 2 else { throw ValidationError("--runs must be at least 2") }
            spec.runs = runs
        }
        if let seed { spec.seed = seed }
        let result = try UncertaintyAnalysis.run(spec, methodology: loaded.methodology, answers: loaded.answers)
        if let svg {
            try FileManager.default.createDirectory(atPath: svg, withIntermediateDirectories: true)
            for block in result.blocks {
                try Data(RankIntervalChart.svg(block, interval: spec.interval, language: lang).utf8).write(to: URL(fileURLWithPath: svg).appendingPathComponent("rank-intervals-\(block.block.id).svg"))
            }
        }
        switch format {
        case .text: print(text(result), terminator: "")
        case .json: print(json(result).rendered())
        case .csv: print(csv(result), terminator: "")
        }
    }

    func text(_ result: UncertaintyResult) -> String {
        let spec = result.spec
        var out = ""
        for block in result.blocks {
            out += "\(block.block.name[lang]) (\(block.block.id)): \(block.runs) runs (\(spec.method.rawValue), seed \(spec.seed)); mean |Δrank| \(formatNumber(roundPublished(block.meanRankShift, decimals: 3)))\n"
            if let s = block.meanRankShiftSensitivity {
                for (i, input) in spec.inputs.enumerated() {
                    out += "  \(input.label[lang]): S = \(formatNumber(roundPublished(s.first[i], decimals: 3))), ST = \(formatNumber(roundPublished(s.total[i], decimals: 3)))\n"
                }
                // Estimates, not exact indices: with few runs S can come out below 0 or above ST.
                if spec.inputs.indices.contains(where: { s.first[$0] < 0 || s.first[$0] > s.total[$0] }) {
                    out += lang == .vi
                        ? "  (S âm hoặc S > ST là sai số lấy mẫu của ước lượng: S thật nằm giữa 0 và ST; tăng --runs để thu hẹp sai số.)\n"
                        : "  (S below 0 or S above ST is sampling error of the estimates: the true S lies between 0 and ST; more --runs narrow it.)\n"
                }
            }
            var table = TextTable(headers: ["rank", "unit", "median", "interval", "most influential"], alignments: [.right, .left, .right, .right, .left])
            for unit in block.units {
                table.append([String(unit.nominalRank), unit.name, String(unit.medianRank), "\(unit.bestRank)–\(unit.worstRank)", unit.mostInfluentialInput.map { spec.inputs[$0].label[lang] } ?? ""])
            }
            out += "\n" + table.rendered() + "\n\n"
        }
        return out
    }

    func json(_ result: UncertaintyResult) -> JSONValue {
        ReportWriter.uncertaintyJSON(result, language: lang, detail: true)
    }

    func csv(_ result: UncertaintyResult) -> String {
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
