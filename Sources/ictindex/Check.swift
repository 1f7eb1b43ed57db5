import ArgumentParser
import Foundation
import IndexCore
import Reports

/// `ictindex check`: validate, compute and apply thresholds, for CI.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "For CI: validate and compute every period, then apply thresholds; print a one-line JSON summary.",
        discussion: """
        Exit codes: 0 every check passed, 1 invalid input (the problems are listed), 2 usage \
        error, 3 a threshold failed. The summary (stdout, one line of JSON): {"status": "pass" \
        or "fail", "period", "previous_period", "units", "blocks": [{"id", "count", "mean", \
        "previous_mean", "change"}], "failures": [{"check", "message"}]}. See docs/reports.md.
        """
    )

    @OptionGroup var input: PeriodInputs

    @Flag(help: "Fail when a unit leaves a question of its block unanswered.")
    var requireComplete = false

    @Flag(help: "Fail when a unit of the registry valid in the main year has no answers (blocks with data only).")
    var requireAllUnits = false

    @Option(help: "Fail when a block mean falls by more than this from the previous period (e.g. 0.05).")
    var maxMeanDrop: Double?

    @Option(help: "Fail when a unit's index is below a value: UNIT=VALUE, the unit by id or name (repeatable).")
    var minIndex: [String] = []

    @Option(help: "The unit registry for --require-all-units without a workspace.")
    var registry: String = "Indicators/units"

    @Option(help: "Also write the summary to this file.")
    var summary: String?

    func run() throws {
        let loaded = try input.load()
        let results = try loaded.results()
        guard let main = results.last else { throw ValidationError("no data") }
        let previous = results.count > 1 ? results[results.count - 2] : nil
        let answers = loaded.periods.last!.answers
        var failures: [(String, String)] = []
        if requireComplete {
            for unit in answers {
                let missing = loaded.methodology.fields.filter { $0.type != .text && $0.applies(to: unit.block) && unit.values[$0.id] == nil }
                if !missing.isEmpty {
                    failures.append(("complete", "\(unit.name) (\(unit.unitID)) has no answer for \(missing.map(\.id).joined(separator: ", "))"))
                }
            }
        }
        if requireAllUnits {
            let units = try loaded.workspace?.store.registry() ?? UnitRegistry.load(contentsOf: URL(fileURLWithPath: registry))
            let day = Day.endOf(year: main.period ?? loaded.methodology.period ?? 0)
            let present = Set(answers.map(\.unitID))
            for block in main.blocks {
                for unit in units.units(validOn: day, block: block.plan.block.id) where !present.contains(unit.id) {
                    failures.append(("all_units", "\(unit.name) (\(unit.id)) of block \(block.plan.block.id) has no answers for \(main.period.map(String.init) ?? "the period")"))
                }
            }
        }
        var blocks: [JSONValue] = []
        for block in main.blocks {
            let mean = block.indexStatistics.mean
            let before = previous?.block(block.plan.block.id)?.indexStatistics.mean ?? .nan
            let change = mean - before
            if let maxMeanDrop, change < -maxMeanDrop {
                failures.append(("mean_drop", "the mean of block \(block.plan.block.id) fell by \(formatNumber(roundPublished(-change, decimals: 4))) (\(formatNumber(roundPublished(before, decimals: 4))) → \(formatNumber(roundPublished(mean, decimals: 4)))), more than \(formatNumber(maxMeanDrop))"))
            }
            blocks.append(.object([
                ("id", .string(block.plan.block.id)), ("count", .integer(block.indexStatistics.count)), ("mean", .optionalNumber(mean)),
                ("previous_mean", .optionalNumber(before)), ("change", .optionalNumber(change)),
            ]))
        }
        for rule in minIndex {
            let parts = rule.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let threshold = Double(parts[1]) else { throw ValidationError("--min-index must be UNIT=VALUE, found '\(rule)'") }
            let id = try UnitLookup(answers.map { ($0.unitID, $0.name) }).find(parts[0])
            guard let block = main.blocks.first(where: { $0.unitIndex(id) != nil }) else { throw ValidationError("unit '\(parts[0])' has no result") }
            let value = block.index[block.unitIndex(id)!]
            if value.isNaN || value < threshold {
                failures.append(("min_index", "\(block.units[block.unitIndex(id)!].name) (\(id)) has index \(formatNumber(roundPublished(value, decimals: 4))), below \(formatNumber(threshold))"))
            }
        }
        let summary = JSONValue.object([
            ("status", .string(failures.isEmpty ? "pass" : "fail")),
            ("period", main.period.map { .integer($0) } ?? .null),
            ("previous_period", previous?.period.map { .integer($0) } ?? .null),
            ("units", .integer(main.blocks.reduce(0) { $0 + $1.units.count })),
            ("blocks", .array(blocks)),
            ("failures", .array(failures.map { .object([("check", .string($0.0)), ("message", .string($0.1))]) })),
        ]).rendered(indent: 0)
        print(summary)
        if let path = self.summary { try Data((summary + "\n").utf8).write(to: URL(fileURLWithPath: path)) }
        for failure in failures { FileHandle.standardError.write(Data("check failed (\(failure.0)): \(failure.1)\n".utf8)) }
        if !failures.isEmpty { Foundation.exit(3) }
    }
}
