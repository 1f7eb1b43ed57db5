import ArgumentParser
import Foundation
import IndexCore
import Reports
import Season

struct Compute: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the index of every unit and rank them within their blocks.",
        discussion: """
        The JSON output is a stable contract, documented in docs/compute-json.md.

        Examples:
          ictindex compute vn-it-application-2019 Examples/vn-it-application/survey-2019.csv --block province
          ictindex compute --workspace ws --period 2019 --format json --lang en
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var input: InputOptions

    @Option(help: "Only this block (repeatable), e.g. --block province.")
    var block: [String] = []

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .table

    @OptionGroup var languageOption: LanguageOption

    @Option(help: "Show the results as the units valid on this date (YYYY-MM-DD), combining predecessors by lineage, e.g. 2025-07-01 for the 34 provinces.")
    var asOf: String?

    @Option(help: "How predecessors combine with --as-of: mean or weighted (default: the registry's rule).")
    var lineageRule: LineageRule?

    @Option(help: "The unit registry without a workspace: resolves the data's units and serves --as-of (default: the bundled one).")
    var registry: String?

    func run() async throws {
        var inputs = input.request
        inputs.registry = registry
        let request = ComputeRequest(inputs: inputs, blocks: block, asOf: try parseDay(asOf, option: "--as-of"), lineageRule: lineageRule, registry: registry)
        let computed = try await season.compute(request)
        if computed.notRecorded {
            FileHandle.standardError.write(Data((Message.readOnlyComputeNote.text(in: lang) + "\n").utf8))
        }
        let formatter = ResultFormatter(computed.table)
        switch format {
        case .table: print(formatter.text(language: lang), terminator: "")
        case .json: print(formatter.json(language: lang).rendered())
        case .csv: formatter.writeCSV { print($0, terminator: "") } // row by row: never the whole table in memory
        }
    }
}
