import Foundation
import IndexCore
import Reports

/// The thresholds of `ictindex check`, applied to the main (latest) period of the data.
public struct CheckRequest: Sendable {
    /// The periods checked; the latest is the main one, compared with the one before.
    public var inputs: InputRequest
    /// Fail when a unit leaves a question of its block unanswered.
    public var requireComplete: Bool
    /// Fail when a unit of the registry valid in the main year has no answers (blocks with data).
    public var requireAllUnits: Bool
    /// Fail when a block mean falls by more than this from the previous period.
    public var maxMeanDrop: Double?
    /// Fail when a unit's index is below a value; the unit by id or name.
    public var minIndex: [(unit: String, value: Double)]
    /// The unit registry for `requireAllUnits` without a workspace (`nil`: the bundled one).
    public var registry: String?

    /// A request; without thresholds a check only validates and computes.
    public init(inputs: InputRequest, requireComplete: Bool = false, requireAllUnits: Bool = false, maxMeanDrop: Double? = nil, minIndex: [(unit: String, value: Double)] = [], registry: String? = nil) {
        self.inputs = inputs
        self.requireComplete = requireComplete
        self.requireAllUnits = requireAllUnits
        self.maxMeanDrop = maxMeanDrop
        self.minIndex = minIndex
        self.registry = registry
    }
}

/// What a check found: the summary every CI job reads, and the failed thresholds.
public struct CheckOutcome: Sendable {
    /// One failed threshold: its name (`complete`, `all_units`, `mean_drop`, `min_index`) and why.
    public struct Failure: Sendable, Hashable {
        /// The threshold's name, stable for machines: `complete`, `all_units`, `mean_drop`, `min_index`.
        public var check: String
        /// What failed, naming the unit or block and the numbers, in both languages.
        public var message: Message

        /// A failure of `check`, explained by `message`.
        public init(check: String, message: Message) {
            self.check = check
            self.message = message
        }
    }

    /// The thresholds that failed, in the order they were applied.
    public var failures: [Failure]
    /// The summary as JSON: status, period, previous period, units, block means and changes,
    /// failures (docs/reports.md).
    public var summary: JSONValue

    /// Whether every threshold held.
    public var passed: Bool { failures.isEmpty }
}

extension SeasonService {
    /// Validates and computes every period, then applies the thresholds to the main one.
    public func check(_ request: CheckRequest) async throws(SeasonError) -> CheckOutcome {
        let season = try await loadSeason(request.inputs)
        let results = try season.results()
        let main = results[results.count - 1]
        let previous = results.count > 1 ? results[results.count - 2] : nil
        let answers = season.main.answers
        var failures: [CheckOutcome.Failure] = []
        if request.requireComplete {
            for unit in answers {
                let missing = season.methodology.fields.filter { $0.type != .text && $0.applies(to: unit.block) && unit.values[$0.id] == nil }
                if !missing.isEmpty {
                    failures.append(.init(check: "complete", message: .checkIncomplete(unitName: unit.name, unitID: unit.unitID, missing: missing.map(\.id))))
                }
            }
        }
        if request.requireAllUnits {
            let units = try registry(workspace: season.workspace, path: request.registry)
            let day = Day.endOf(year: main.period ?? season.methodology.period ?? 0)
            let present = Set(answers.map(\.unitID))
            for block in main.blocks {
                for unit in units.units(validOn: day, block: block.plan.block.id) where !present.contains(unit.id) {
                    failures.append(.init(check: "all_units", message: .checkUnitWithoutAnswers(unitName: unit.name, unitID: unit.id, block: block.plan.block.id, period: main.period)))
                }
            }
        }
        var blocks: [JSONValue] = []
        for block in main.blocks {
            let mean = block.indexStatistics.mean
            let before = previous?.block(block.plan.block.id)?.indexStatistics.mean ?? .nan
            let change = mean - before
            if let maxMeanDrop = request.maxMeanDrop, change < -maxMeanDrop {
                failures.append(.init(check: "mean_drop", message: .checkMeanDrop(block: block.plan.block.id, drop: published(-change), before: published(before), after: published(mean), limit: maxMeanDrop)))
            }
            blocks.append(.object([
                ("id", .string(block.plan.block.id)), ("count", .integer(block.indexStatistics.count)), ("mean", .optionalNumber(mean)),
                ("previous_mean", .optionalNumber(before)), ("change", .optionalNumber(change)),
            ]))
        }
        for rule in request.minIndex {
            let id = try SeasonError.capture { try UnitLookup(answers.map { ($0.unitID, $0.name) }).find(rule.unit) }
            guard let block = main.blocks.first(where: { $0.unitIndex(id) != nil }), let position = block.unitIndex(id) else {
                throw .usage(.unitHasNoResult(rule.unit))
            }
            let value = block.index[position]
            if value.isNaN || value < rule.value {
                failures.append(.init(check: "min_index", message: .checkBelowMinimum(unitName: block.units[position].name, unitID: id, value: published(value), minimum: rule.value)))
            }
        }
        let summary = JSONValue.object([
            ("status", .string(failures.isEmpty ? "pass" : "fail")),
            ("period", main.period.map { .integer($0) } ?? .null),
            ("previous_period", previous?.period.map { .integer($0) } ?? .null),
            ("units", .integer(main.blocks.reduce(0) { $0 + $1.units.count })),
            ("blocks", .array(blocks)),
            ("failures", .array(failures.map { .object([("check", .string($0.check)), ("message", .string($0.message.en))]) })),
        ])
        return CheckOutcome(failures: failures, summary: summary)
    }

    /// A value as published in a check message: four decimals, half away from zero.
    private func published(_ value: Double) -> Double { PublishedRounding.round(value, decimals: 4) }
}
