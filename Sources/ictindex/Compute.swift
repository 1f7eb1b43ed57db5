import ArgumentParser
import Foundation
import IndexCore
import Reports

struct Compute: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the index of every unit and rank them within their blocks.",
        discussion: "The JSON output is a stable contract, documented in docs/compute-json.md."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var input: InputOptions

    @Option(help: "Only this block (repeatable), e.g. --block province.")
    var block: [String] = []

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .table

    @Option(help: "Language of names and labels: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let methodology = try input.loadMethodology()
        for id in block where methodology.block(id) == nil {
            throw ValidationError("unknown block '\(id)'; the methodology has \(methodology.blocks.map(\.id).joined(separator: ", "))")
        }
        let (answers, period) = try input.loadAnswers(methodology)
        let result = try Engine.compute(methodology, answers: answers, period: period)
        let formatter = ResultFormatter(result: result, blocks: block.isEmpty ? nil : block)
        switch format {
        case .table: print(formatter.table(language: lang), terminator: "")
        case .json: print(formatter.json(language: lang).rendered())
        case .csv: print(formatter.csv(), terminator: "")
        }
    }
}
