import IndexCore

/// One unit's standing in its block: its index and rank, each component against the block mean
/// and the best, its strengths and weaknesses, and what-if scenarios computed by the engine.
public struct Assessment: Sendable {
    /// One node of the unit's tree with the block's figures for comparison.
    public struct Component: Sendable, Hashable {
        /// The node's id.
        public var id: String
        /// The node's name.
        public var label: LocalizedText
        /// 1 for categories (children of the index), deeper nodes more.
        public var depth: Int
        /// Whether the node is an indicator (a leaf) rather than a group.
        public var isLeaf: Bool
        /// The unit's score on 0–1 (NaN when missing).
        public var score: Double
        /// The unit's points (score × maximum points).
        public var points: Double
        /// The node's maximum points (points scale), or 1.
        public var maxPoints: Double
        /// The leaf's raw value (NaN for groups or when missing).
        public var raw: Double
        /// The block's mean score of the node (units with a score).
        public var blockMean: Double
        /// The highest score of the node in the block.
        public var blockBest: Double
        /// 0 when unranked.
        public var rank: Int

        /// The score minus the block mean.
        public var gap: Double { score - blockMean }
    }

    /// A changed survey answer.
    public struct AnswerChange: Sendable, Hashable {
        /// The field's id.
        public var field: String
        /// The field's question.
        public var label: LocalizedText
        /// `nil` when not answered before.
        public var before: Double?
        /// The answer the scenario assumes.
        public var after: Double
    }

    /// A what-if scenario: changed answers that move one indicator, and what the engine computes.
    public struct WhatIf: Sendable, Hashable {
        /// Why this target was tried.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// The next threshold of a step table.
            case nextStep = "next_step"
            /// The value that earns full marks.
            case fullMarks = "full_marks"
            /// The best value in the block.
            case blockBest = "block_best"
            /// Ten percentage points more on a ratio.
            case plusTenPoints = "plus_10_points"
        }

        /// The indicator (leaf) the scenario moves.
        public var nodeID: String
        /// The indicator's name.
        public var label: LocalizedText
        /// Which target was tried.
        public var kind: Kind
        /// The answers changed to reach the target (one or more fields of the leaf's expression).
        public var changes: [AnswerChange]
        /// Whether the indicator is a share (shown as a percentage).
        public var isRatio: Bool
        /// The indicator's raw value now.
        public var rawBefore: Double
        /// The indicator's raw value with the changed answers.
        public var rawAfter: Double
        /// The unit's index now (0–1).
        public var valueBefore: Double
        /// The unit's index with the changed answers, as the engine computes it (0–1).
        public var valueAfter: Double
        /// Index points on the methodology's scale (e.g. of 1000).
        public var pointsGain: Double
        /// The unit's rank now.
        public var rankBefore: Int
        /// The unit's rank with the changed answers, the other units unchanged.
        public var rankAfter: Int

        /// The gain in the index (0–1).
        public var gain: Double { valueAfter - valueBefore }
        /// Places gained.
        public var placesGained: Int { rankBefore - rankAfter }
    }

    /// The unit's registry id.
    public var unitID: String
    /// The unit's name.
    public var name: String
    /// The block the unit is ranked in.
    public var block: Block
    /// The data year assessed, when known.
    public var period: Int?
    /// The unit's index on 0–1 (NaN when missing).
    public var value: Double
    /// 0 when unranked.
    public var rank: Int
    /// Units ranked in the block.
    public var rankOf: Int
    /// The block's mean index.
    public var blockMean: Double
    /// The highest index in the block.
    public var blockBest: Double
    /// The index's maximum points (1 on a unit scale).
    public var maxPoints: Double
    /// Every non-root node in tree order.
    public var components: [Component]
    /// What-if scenarios that raise the index, largest gain first.
    public var whatIf: [WhatIf]

    /// Categories where the unit is above the block mean, furthest above first.
    public var strengths: [Component] {
        components.filter { $0.depth == 1 && $0.gap > 0 }.sorted { ($0.gap, $1.id) > ($1.gap, $0.id) }
    }

    /// Categories where the unit is below the block mean, furthest below first.
    public var weaknesses: [Component] {
        components.filter { $0.depth == 1 && $0.gap < 0 }.sorted { ($0.gap, $0.id) < ($1.gap, $1.id) }
    }

    /// Assesses the unit `unitID` of a computed block.
    ///
    /// - Parameters:
    ///   - whatIfLimit: keep at most this many scenarios (all when `nil`).
    /// - Throws: when the unit is not in the block.
    public init(unitID: String, in result: BlockResult, period: Int? = nil, whatIfLimit: Int? = nil) throws {
        guard let u = result.unitIndex(unitID) else {
            throw DiagnosticError([Diagnostic(.unknownUnit, .unitNotInBlock(unitID, block: result.plan.block.id))])
        }
        let plan = result.plan
        let root = plan.rootIndex
        self.unitID = unitID
        name = result.units[u].name
        block = plan.block
        self.period = period ?? result.units[u].period
        value = result.score[root][u]
        rank = result.rank[root][u]
        rankOf = result.statistics[root].count
        blockMean = result.statistics[root].mean
        blockBest = result.statistics[root].maximum
        maxPoints = plan.root.maxPoints
        components = plan.descendantsInTreeOrder.map { n in
            let node = plan.nodes[n]
            return Component(id: node.id, label: node.label, depth: node.depth, isLeaf: node.isLeaf, score: result.score[n][u],
                             points: result.points(node: n, unit: u), maxPoints: node.maxPoints,
                             raw: node.isLeaf ? result.leaves.raw[n][u] : .nan,
                             blockMean: result.statistics[n].mean, blockBest: result.statistics[n].maximum, rank: result.rank[n][u])
        }
        // No scenario asked for: no search (it is most of an assessment's time).
        if whatIfLimit == 0 {
            whatIf = []
        } else {
            let scenarios = WhatIfSearch(result: result, unit: u).scenarios()
            whatIf = whatIfLimit.map { Array(scenarios.prefix($0)) } ?? scenarios
        }
    }
}

extension Assessment.WhatIf {
    /// The survey answers of `unit` with this scenario's changes applied.
    public func applied(to unit: UnitAnswers) -> UnitAnswers {
        var changed = unit
        for change in changes { changed.values[change.field] = change.after }
        return changed
    }
}

extension Assessment {
    /// Several what-if scenarios taken together: the changes a unit could make in one year, and
    /// what the engine computes when all of them are made at once. Gains do not simply add up
    /// (a points scale caps categories, relative rules move the block), so the plan is computed,
    /// not summed.
    public struct Plan: Sendable, Hashable {
        /// The scenarios combined, one per indicator, largest single gain first.
        public var steps: [WhatIf]
        /// The unit's index now (0–1).
        public var valueBefore: Double
        /// The unit's index with every change of ``steps`` made, as the engine computes it.
        public var valueAfter: Double
        /// The unit's rank now.
        public var rankBefore: Int
        /// The unit's rank with every change made, the other units unchanged.
        public var rankAfter: Int
        /// Index points on the methodology's scale (e.g. of 1000).
        public var pointsGain: Double

        /// The gain in the index (0–1).
        public var gain: Double { valueAfter - valueBefore }
        /// Every changed answer of the plan, in the order of its steps.
        public var changes: [AnswerChange] { steps.flatMap(\.changes) }
    }

    /// The scenarios with the largest gain for each indicator, in order of gain: one line per
    /// indicator instead of the same indicator at several targets.
    public var bestScenarioPerIndicator: [WhatIf] {
        var seen = Set<String>()
        return whatIf.filter { seen.insert($0.nodeID).inserted }
    }

    /// A plan of up to `size` changes to different indicators, taken in order of their single
    /// gain, that together raise the unit's index — computed by the engine over the whole block.
    ///
    /// A scenario is skipped when it changes an answer an earlier step already changes, or when
    /// adding it breaks a rule of the methodology (a cross-field constraint) or does not raise the
    /// combined index. `nil` when no scenario raises the index.
    ///
    /// - Parameters:
    ///   - result: the block the assessment was made in (the same one given to `init`).
    ///   - size: the largest number of indicators in the plan.
    public func plan(in result: BlockResult, size: Int = 3) -> Plan? {
        guard size > 0, let u = result.unitIndex(unitID) else { return nil }
        let search = WhatIfSearch(result: result, unit: u)
        var chosen: [WhatIf] = []
        var changed = search.answers
        var best: (value: Double, rank: Int)?
        for candidate in bestScenarioPerIndicator where chosen.count < size {
            // One answer, one value: a field moved by an earlier step is not moved again.
            let fields = Set(chosen.flatMap(\.changes).map(\.field))
            guard candidate.changes.allSatisfy({ !fields.contains($0.field) }) else { continue }
            let trial = candidate.applied(to: changed)
            guard search.isValid(trial),
                  let recomputed = try? Engine.compute(result.plan, data: result.data.replacing(u, with: trial)) else { continue }
            let root = recomputed.plan.rootIndex
            let value = recomputed.score[root][u]
            guard value - (best?.value ?? self.value) > 1e-12 else { continue }
            chosen.append(candidate)
            changed = trial
            best = (value, recomputed.rank[root][u])
        }
        guard let best else { return nil }
        return Plan(steps: chosen, valueBefore: value, valueAfter: best.value, rankBefore: rank, rankAfter: best.rank,
                    pointsGain: (best.value - value) * maxPoints)
    }
}

/// A unit's index and rank in an earlier period: "last year, rank 44 of 63".
public struct PreviousStanding: Sendable, Hashable {
    /// The earlier data year.
    public var period: Int
    /// The unit's index that year (0–1).
    public var value: Double
    /// The unit's rank that year (0 when unranked).
    public var rank: Int
    /// Units ranked in the unit's block that year.
    public var rankOf: Int

    /// The standing of a unit in `period`: its index, rank and the number of units ranked.
    public init(period: Int, value: Double, rank: Int, rankOf: Int) {
        self.period = period
        self.value = value
        self.rank = rank
        self.rankOf = rankOf
    }
}
