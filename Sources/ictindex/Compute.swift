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

    @Option(help: "Show the results as the units valid on this date (YYYY-MM-DD), combining predecessors by lineage, e.g. 2025-07-01 for the 34 provinces.")
    var asOf: String?

    @Option(help: "How predecessors combine with --as-of: mean or weighted (default: the registry's rule).")
    var lineageRule: LineageRule?

    @Option(help: "The unit registry without a workspace: resolves the data's units (when the path exists) and serves --as-of.")
    var registry: String = "Indicators/units"

    func run() throws {
        let loaded = try input.load(registry: registry)
        let methodology = loaded.methodology
        for id in block where methodology.block(id) == nil {
            throw ValidationError("unknown block '\(id)'; the methodology has \(methodology.blocks.map(\.id).joined(separator: ", "))")
        }
        let result = try Engine.compute(methodology, answers: loaded.answers, period: loaded.period)
        if let workspace = loaded.workspace, workspace.isReadOnly {
            FileHandle.standardError.write(Data("note: the workspace is read-only; this computation is not recorded in it\n".utf8))
        } else if let workspace = loaded.workspace, let content = loaded.methodologyContent {
            // A workspace keeps every computation with its inputs' hash, for provenance.
            try workspace.store.recordRun(result, methodologyHash: try workspace.store.storeMethodology(methodology, content: content))
        }
        let blocks = block.isEmpty ? nil : block
        var table = RankingTable(result, blocks: blocks)
        if let asOf {
            guard let day = Day(asOf) else { throw ValidationError("--as-of must be a date YYYY-MM-DD, found '\(asOf)'") }
            let units = try loaded.workspace?.store.registry() ?? UnitRegistry.load(contentsOf: URL(fileURLWithPath: registry))
            table = RankingTable(result, mappedTo: day, registry: units, rule: lineageRule, blocks: blocks)
        }
        let formatter = ResultFormatter(table)
        switch format {
        case .table: print(formatter.text(language: lang), terminator: "")
        case .json: print(formatter.json(language: lang).rendered())
        case .csv: print(formatter.csv(), terminator: "")
        }
    }
}
