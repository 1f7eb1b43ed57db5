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
          ictindex compute --workspace ws --group region=north

        --group shows only the units of one group under a unit attribute the methodology declares \
        (attributes:), each with its rank in the block and its rank in the group; the block is \
        computed and ranked whole as always.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var input: InputOptions

    @Option(help: "Only this block (repeatable), e.g. --block province.")
    var block: [String] = []

    @Option(help: "Only the units of one group, as attribute=value (e.g. --group region=north): their rank in the block and in the group.")
    var group: String?

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
        let request = ComputeRequest(inputs: inputs, blocks: block, asOf: try parseDay(asOf, option: "--as-of"), lineageRule: lineageRule, registry: registry,
                                     group: try group.map(parseGroup))
        let computed = try await season.compute(request)
        if computed.notRecorded {
            FileHandle.standardError.write(Data((Message.readOnlyComputeNote.text(in: lang) + "\n").utf8))
        }
        switch format {
        case .table: print(ResultFormatter(computed.table).text(language: lang), terminator: "")
        case .json: print(ResultFormatter(computed.table).json(language: lang).rendered())
        case .csv: computed.writeCSV { print($0, terminator: "") } // row by row from the result: never a table of every unit in memory
        }
    }
}

/// `--group attribute=value` as a group filter; a usage error (exit 2) without an `=` or with an
/// empty side.
func parseGroup(_ text: String) throws -> RankingTable.GroupFilter {
    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw SeasonError.usage(.groupOptionSyntax(text)) }
    return RankingTable.GroupFilter(attribute: parts[0], value: parts[1])
}
