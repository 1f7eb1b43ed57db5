import Foundation

/// The survey answers of one unit for one period, as the engine reads them.
public struct UnitAnswers: Sendable, Hashable {
    /// The stable unit id.
    public var unitID: String
    /// The display name (Vietnamese, NFC).
    public var name: String
    /// The id of the block the unit belongs to (it is ranked there).
    public var block: String
    /// The data year the answers are for, when known (multi-period inputs must give it).
    public var period: Int?
    /// Numeric answers by field id: counts and numbers as given, yes/no as 1/0, choices as the
    /// option's value. Absent means not answered.
    public var values: [String: Double]
    /// Free-text answers by field id.
    public var texts: [String: String]
    /// Where each answer came from (file, line, column or cell), by field id.
    public var sources: [String: SourceLocation]
    /// The unit's attributes from the unit registry (``UnitRegistry/attachingAttributes(to:)``),
    /// by attribute id: they stand in for an attribute's field when the data do not answer it.
    public var attributes: [String: String] = [:]
    /// The evidence or source a form gives for each answer (its evidence column: a document
    /// number, a link), by field id. Data, not computed with: a resubmission that changes only
    /// evidence is still a new submission, and its diff shows the change.
    public var evidence: [String: String] = [:]

    /// A unit's answers; every dictionary is keyed by field id.
    public init(unitID: String, name: String, block: String, period: Int? = nil, values: [String: Double] = [:], texts: [String: String] = [:], sources: [String: SourceLocation] = [:]) {
        self.unitID = unitID
        self.name = name
        self.block = block
        self.period = period
        self.values = values
        self.texts = texts
        self.sources = sources
    }
}

/// Leaf raw values and scores of a block: everything that does not depend on weights or
/// aggregation, so reruns with other weights start from here.
public struct LeafScores: Sendable {
    /// `raw[node][unit]` for leaves (empty for groups).
    public var raw: [[Double]]
    /// `score[node][unit]` for leaves before the missing-data policy (empty for groups).
    public var score: LeafScoreColumns
    /// The block quantities each leaf's rule used.
    public var context: [ScoringContext?]
    /// `scored[node][unit]`: the values the rule scored, for leaves whose raw values an
    /// imputation or treatment changed (empty otherwise: the raw values were scored).
    public var scored: [[Double]] = []
    /// Per node: the imputation of missing raw values made (`impute:`), if any.
    public var imputation: [ValueAdjustment?] = []
    /// Per node: the treatment of raw values made (`treatment:`), if any.
    public var treatment: [ValueAdjustment?] = []
    /// Problems found while scoring that stop the computation (an expression that overflows, a
    /// reference unit not in the block); ``Engine/aggregate(_:data:leaves:)`` throws them.
    public var problems: [Diagnostic] = []

    /// The value the rule of leaf `node` scored for unit `unit`: the raw value after imputation
    /// and treatment.
    public func scoredValue(node: Int, unit: Int) -> Double {
        node < scored.count && !scored[node].isEmpty ? scored[node][unit] : raw[node][unit]
    }
}

/// Computes indexes. Pure and deterministic: the same methodology and answers give the same
/// numbers, whatever order the answers come in.
public enum Engine {
    /// Computes every block of `methodology` that has answers.
    ///
    /// - Parameters:
    ///   - methodology: the index to compute.
    ///   - answers: every unit's answers, in any order; units of a block without answers are absent.
    ///   - period: the data year (default: the answers', else the methodology's).
    ///   - previous: the answers of the previous period, for leaves that impute missing
    ///   values from it (`impute: previous`); others ignore them.
    public static func compute(_ methodology: Methodology, answers: [UnitAnswers], period: Int? = nil, previous: [UnitAnswers] = []) throws -> IndexResult {
        try computeBlocks(methodology, units: answers, period: period) { plan in
            (BlockData(plan: plan, answers: answers), previous.isEmpty ? nil : BlockData(plan: plan, answers: previous))
        }
    }

    /// Computes every block of `methodology` that has units in `table`: the same results as from
    /// the units' dictionaries of answers, without building them.
    public static func compute(_ methodology: Methodology, table: AnswerTable, period: Int? = nil) throws -> IndexResult {
        try computeBlocks(methodology, units: table.units, period: period) { plan in (BlockData(plan: plan, table: table), nil) }
    }

    /// Every block that has some of `units`, each from the data (and previous-period data) that
    /// `data` lays out for its plan; the problems of all blocks are reported together.
    private static func computeBlocks(_ methodology: Methodology, units: [UnitAnswers], period: Int?, data: (BlockPlan) -> (BlockData, BlockData?)) throws -> IndexResult {
        var blocks: [BlockResult] = []
        var problems: [Diagnostic] = []
        for block in methodology.blocks where units.contains(where: { $0.block == block.id }) {
            do {
                let plan = try BlockPlan(methodology: methodology, block: block.id)
                let (current, previous) = data(plan)
                blocks.append(try compute(plan, data: current, previous: previous))
            } catch let error as DiagnosticError {
                problems.append(contentsOf: error.diagnostics)
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return IndexResult(methodology: methodology, period: period ?? units.compactMap(\.period).first ?? methodology.period, blocks: blocks)
    }

    /// Computes one block.
    ///
    /// - Parameters:
    ///   - plan: the block's compiled methodology.
    ///   - answers: the answers of the block's units (others are ignored).
    ///   - previous: the answers of the previous period (any blocks), for `impute: previous`.
    public static func compute(_ plan: BlockPlan, answers: [UnitAnswers], previous: [UnitAnswers] = []) throws -> BlockResult {
        try compute(plan, data: BlockData(plan: plan, answers: answers), previous: previous.isEmpty ? nil : BlockData(plan: plan, answers: previous))
    }

    /// Computes one block from its answers in columns.
    ///
    /// - Parameters:
    ///   - plan: the block's compiled methodology.
    ///   - data: the block's answers, one column per field.
    ///   - previous: the block's answers of the previous period, for `impute: previous`.
    public static func compute(_ plan: BlockPlan, data: BlockData, previous: BlockData? = nil) throws -> BlockResult {
        let conflicts = data.attributeConflicts()
        if !conflicts.isEmpty { throw DiagnosticError(conflicts) }
        let leaves = scoreLeaves(plan, data: data, previous: previous)
        guard let screening = plan.methodology.screening else { return try aggregate(plan, data: data, leaves: consume leaves) }
        // Screening (COINr's `Screen`): units with raw values for too few indicators leave the
        // block before anything is computed, so that they take no part in its minima, means and
        // ranks; they are listed with the reason.
        let leafIndices = plan.leafIndices
        var kept: [Int] = [], screened: [ScreenedUnit] = []
        for u in 0..<data.count {
            let present = leafIndices.reduce(0) { $0 + (leaves.raw[$1].isEmpty || leaves.raw[$1][u].isNaN ? 0 : 1) }
            let share = leafIndices.isEmpty ? 1 : Double(present) / Double(leafIndices.count)
            if share + 1e-12 < screening.dataThreshold {
                screened.append(ScreenedUnit(unit: data.units[u], indicators: present, of: leafIndices.count, threshold: screening.dataThreshold))
            } else {
                kept.append(u)
            }
        }
        guard !screened.isEmpty else { return try aggregate(plan, data: data, leaves: leaves) }
        let remaining = data.keeping(kept)
        var result = try aggregate(plan, data: remaining, leaves: scoreLeaves(plan, data: remaining, previous: previous))
        result.screened = screened
        return result
    }

    /// Raw values and scores of the leaves: each leaf's expression, then its imputation of missing
    /// values (`impute:`), its treatment (`treatment:`) and its scoring rule.
    ///
    /// - Parameters:
    ///   - plan: the block's compiled methodology.
    ///   - data: the block's answers, one column per field.
    ///   - previous: the block's answers of the previous period, for `impute: previous`.
    public static func scoreLeaves(_ plan: BlockPlan, data: BlockData, previous: BlockData? = nil) -> LeafScores {
        // Previous-period units in this period's order.
        let previousPosition: [Int?]? = previous.map { previous in
            let positions = Dictionary(previous.units.enumerated().map { ($1.unitID, $0) }, uniquingKeysWith: { a, _ in a })
            return data.units.map { positions[$0.unitID] }
        }
        let leaves = plan.leafIndices
        let scored = Parallel.map(count: leaves.count, workers: Parallel.workers(items: leaves.count, units: data.count), state: {}) { _, i in
            scoreLeaf(plan.nodes[leaves[i]], data: data, previous: previous, previousPosition: previousPosition)
        }
        var problems: [Diagnostic] = []
        var result = LeafScores(
            raw: Array(repeating: [], count: plan.nodes.count), score: LeafScoreColumns(count: plan.nodes.count),
            context: Array(repeating: nil, count: plan.nodes.count), scored: Array(repeating: [], count: plan.nodes.count),
            imputation: Array(repeating: nil, count: plan.nodes.count), treatment: Array(repeating: nil, count: plan.nodes.count))
        for (index, leaf) in zip(leaves, scored) {
            guard let leaf else { continue }
            problems.append(contentsOf: leaf.problems)
            result.raw[index] = leaf.raw
            result.score[index] = leaf.score
            result.context[index] = leaf.context
            result.scored[index] = leaf.scored
            result.imputation[index] = leaf.imputation
            result.treatment[index] = leaf.treatment
        }
        result.problems = problems
        return result
    }

    /// The units for which an expression's values overflowed (±∞: the expression keeps an overflow
    /// infinite through every later step), as errors naming `what` and each unit.
    static func overflows(_ values: [Double], in data: BlockData, what: Message, expression: Expression?) -> [Diagnostic] {
        values.indices.filter { values[$0].isInfinite }.map { u in
            let unit = data.units[u]
            // Where the unit's answers came from: the first input of the expression with a source.
            let source = expression?.references.lazy.compactMap { unit.sources[$0] }.first
            return Diagnostic(.overflow, .overflow(what, expression: expression.map { String($0.description.prefix(80)) }, unitName: unit.name, unitID: unit.unitID), at: source)
        }
    }

    /// One leaf's raw values, imputation, treatment and scores; `nil` for a node without an
    /// expression or a rule.
    private static func scoreLeaf(_ node: PlanNode, data: BlockData, previous: BlockData?, previousPosition: [Int?]?)
        -> (raw: [Double], score: [Double], context: ScoringContext?, scored: [Double], imputation: ValueAdjustment?, treatment: ValueAdjustment?, problems: [Diagnostic])? {
        guard let expression = node.expression, let scoring = node.scoring else { return nil }
        var raw = expression.evaluate(columns: data.columns, count: data.count)
        var problems = overflows(raw, in: data, what: .valueOfNode(node.id), expression: node.value)
        if !problems.isEmpty {
            // Reported, and kept out of the block's statistics until the answers are corrected.
            for u in raw.indices where raw[u].isInfinite { raw[u] = .nan }
        }
        var reference: Int?
        if case .distanceToReference(let unitID) = scoring.rule {
            reference = data.units.firstIndex { $0.unitID == unitID }
            if reference == nil {
                problems.append(Diagnostic(.unknownUnit, .referenceUnitAbsent(node: node.id, unit: unitID, count: data.count, block: data.units.first?.block ?? ""), at: node.location))
            } else if raw[reference!].isNaN {
                problems.append(Diagnostic(.missingData, .referenceUnitWithoutValue(node: node.id, unit: unitID), at: node.location))
            }
        }
        var input = raw
        var imputation: ValueAdjustment?, treatment: ValueAdjustment?
        if node.imputation != .none {
            var previousValues: [Double]?
            if node.imputation == .previous, let previous, let previousPosition {
                let values = expression.evaluate(columns: previous.columns, count: previous.count)
                previousValues = previousPosition.map { $0.map { values[$0] } ?? .nan }
            }
            let groups = node.imputationGroup.map { attribute in data.units.indices.map { data.attribute(attribute, unit: $0) } }
            let imputed = node.imputation.apply(input, previous: previousValues, groups: groups)
            input = imputed.values
            imputation = imputed.adjustment
        }
        if let rule = node.treatment {
            let treated = rule.apply(input)
            input = treated.values
            treatment = treated.adjustment
        }
        let scored = scoring.score(input, weight: node.weight, reference: reference)
        return (raw, scored.scores, scored.context, imputation != nil || treatment != nil ? input : [], imputation, treatment, problems)
    }

    /// Applies missing-data policies, aggregates groups, rescales and ranks.
    public static func aggregate(_ plan: BlockPlan, data: BlockData, leaves: consuming LeafScores) throws -> BlockResult {
        let (score, imputed, forcedZero) = try nodeScores(plan, data: data, leaves: leaves)
        // A leaf's score that its node score repeats but for the policy's zeros is kept once,
        // before the ranks take their memory (1.6 KB a unit for 200 leaves).
        for index in plan.leafIndices { leaves.score.share(node: index, score: score[index], missing: imputed[index]) }
        let decimals = plan.methodology.ranking.decimals
        let (ranks, statistics) = ranksAndStatistics(score, decimals: decimals)
        return BlockResult(plan: plan, data: data, leaves: leaves, score: score, rank: ranks, imputed: imputed, forcedZero: forcedZero, statistics: statistics)
    }

    /// The ranks and statistics of every node, each node in one go while its scores are in cache,
    /// nodes spread over the cores for large blocks.
    static func ranksAndStatistics(_ score: [[Double]], decimals: Int?) -> (ranks: BlockRanks, statistics: [NodeStatistics]) {
        let scale = decimals.map { pow(10, Double($0)) }
        let workers = Parallel.workers(items: score.count, units: score.first?.count ?? 0)
        let results = Parallel.map(count: score.count, workers: workers, state: { PublishedRanking() }) { published, node -> (ranks: UnitRanks, statistics: NodeStatistics) in
            let values = score[node]
            // Each node's ranks in 32 bits as soon as they are made: never every node's in 64.
            guard let scale else { return (UnitRanks(Ranking.competitionRanks(values)), NodeStatistics(values)) }
            let (ranks, statistics) = published.ranksAndStatistics(values, scale: scale)
                ?? (Ranking.competitionRanks(values.map { PublishedRounding.steps($0, scale: scale) }), NodeStatistics(values))
            return (UnitRanks(ranks), statistics)
        }
        return (BlockRanks(results.map(\.ranks)), results.map(\.statistics))
    }

    /// The index of every unit (the root's scores), as ``aggregate(_:data:leaves:)`` computes it
    /// but without ranks, statistics or a result: the cheap rerun for uncertainty analyses.
    public static func indexScores(_ plan: BlockPlan, data: BlockData, leaves: LeafScores) throws -> [Double] {
        try nodeScores(plan, data: data, leaves: leaves).score[plan.rootIndex]
    }

    /// Competition ranks of a block's index values as the methodology publishes them (on values
    /// rounded to `ranking.decimals` when given); 0 for units without a value.
    public static func ranks(_ values: [Double], ranking: RankingPolicy) -> [Int] {
        guard let decimals = ranking.decimals else { return Ranking.competitionRanks(values) }
        let scale = pow(10, Double(decimals))
        var published = PublishedRanking()
        return published.ranksAndStatistics(values, scale: scale)?.ranks ?? Ranking.competitionRanks(values.map { PublishedRounding.steps($0, scale: scale) })
    }

    /// Missing-data policies, aggregation, rescale and `zero_when` for every node.
    static func nodeScores(_ plan: BlockPlan, data: BlockData, leaves: LeafScores) throws -> (score: [[Double]], imputed: [[Bool]], forcedZero: [[Bool]]) {
        if !leaves.problems.isEmpty { throw DiagnosticError(leaves.problems) }
        let count = plan.nodes.count
        var score = [[Double]](repeating: [], count: count)
        var imputed = [[Bool]](repeating: [], count: count)
        var forcedZero = [[Bool]](repeating: [], count: count)
        var failures = [[Diagnostic]](repeating: [], count: count)
        var complete = [Bool](repeating: false, count: count) // no unit misses the node's score
        // Level by level from the leaves up (a node's level is one more than its highest child's):
        // the nodes of a level only read the levels below, so they are computed side by side.
        var level = [Int](repeating: 0, count: count)
        for index in plan.nodes.indices where !plan.nodes[index].isLeaf {
            level[index] = 1 + (plan.nodes[index].children.map { level[$0] }.max() ?? 0)
        }
        for height in 0...(level.max() ?? 0) {
            let nodes = plan.nodes.indices.filter { level[$0] == height }
            let below = score, completeBelow = complete
            let workers = Parallel.workers(items: nodes.count, units: data.count)
            let results = Parallel.map(count: nodes.count, workers: workers, state: {}) { _, i in
                nodeScore(plan, node: nodes[i], data: data, leaves: leaves, scores: below, complete: completeBelow)
            }
            for (index, result) in zip(nodes, results) {
                (score[index], imputed[index], forcedZero[index], failures[index], complete[index]) = result
            }
        }
        if failures.contains(where: { !$0.isEmpty }) { throw DiagnosticError(failures.flatMap { $0 }) }
        return (score, imputed, forcedZero)
    }

    /// One node's scores from its leaf scores or its children's, after rescale, missing-data
    /// policy and `zero_when`; with the units it gave 0 for missing, those `zero_when` set to 0,
    /// and the units that broke a `fail` policy.
    private static func nodeScore(_ plan: BlockPlan, node index: Int, data: BlockData, leaves: LeafScores, scores: [[Double]], complete: [Bool])
        -> (score: [Double], imputed: [Bool], forcedZero: [Bool], failures: [Diagnostic], complete: Bool) {
        let n = data.count
        let node = plan.nodes[index]
        var failures: [Diagnostic] = []
        var values: [Double]
        if node.isLeaf {
            values = leaves.score[index]
        } else {
            let aggregated = aggregateChildren(plan, node: node, scores: scores, complete: node.children.allSatisfy { complete[$0] })
            values = aggregated.values
            for (u, negative) in aggregated.undefined {
                let unit = data.units[u]
                failures.append(Diagnostic(.nonPositive, .meanUndefined(unitName: unit.name, unitID: unit.unitID, node: node.id, negative: negative, aggregation: node.aggregation), at: node.location))
            }
        }
        if let rescale = node.rescale { values = apply(rescale, values) }
        // Which units miss a value: one pass, and none at all for most groups.
        if !node.isLeaf, let threshold = node.dataThreshold {
            // A unit with scores for less than the threshold's share of the children has no score.
            let children = Double(node.children.count)
            for u in 0..<n where !values[u].isNaN {
                let present = node.children.reduce(0) { $0 + (scores[$1][u].isNaN ? 0 : 1) }
                if Double(present) < threshold * children - 1e-12 { values[u] = .nan }
            }
        }
        var zeroed = [Bool](repeating: false, count: n)
        let missing = values.withUnsafeBufferPointer { values in zeroed.withUnsafeMutableBufferPointer { buffer in
            let zeroed = buffer
            var count = 0
            for u in 0..<n {
                let isMissing = values[u].isNaN
                zeroed[u] = isMissing
                count &+= isMissing ? 1 : 0
            }
            return count
        } }
        if missing > 0 {
            switch node.missing {
            case .zero:
                values = values.map { $0.isNaN ? 0 : $0 }
            case .reweight:
                zeroed = [Bool](repeating: false, count: n)
            case .fail:
                for u in 0..<n where zeroed[u] {
                    let unit = data.units[u]
                    failures.append(Diagnostic(.missingData, .missingWithFailPolicy(unitName: unit.name, unitID: unit.unitID, node: node.id)))
                }
                zeroed = [Bool](repeating: false, count: n)
            }
        }
        // `zero_when:` comes last: the node scores 0 where its condition holds (not where missing).
        var forced = [Bool](repeating: false, count: node.zeroCondition == nil ? 0 : n)
        if let condition = node.zeroCondition {
            let holds = condition.evaluate(columns: data.columns, count: n)
            failures.append(contentsOf: overflows(holds, in: data, what: .zeroWhenOfNode(node.id), expression: node.zeroWhen))
            for u in 0..<n where !holds[u].isNaN && !holds[u].isInfinite && holds[u] != 0 {
                values[u] = 0
                forced[u] = true
            }
        }
        return (values, zeroed, forced, failures, missing == 0 || node.missing == .zero)
    }

    /// A group's scores from its children's, and the units for which the aggregation is not
    /// defined (a score of 0 under a geometric or harmonic mean with `zero_scores: error`, or a
    /// negative score: `true`), which get no score.
    ///
    /// - Parameter complete: whether every child has a score for every unit, so that every unit's
    ///   weights add up to the same sum.
    static func aggregateChildren(_ plan: BlockPlan, node: PlanNode, scores: [[Double]], complete: Bool = false) -> (values: [Double], undefined: [(unit: Int, negative: Bool)]) {
        let n = scores[node.children[0]].count
        switch node.aggregation {
        case .arithmetic:
            if complete { return (arithmeticMeanOfComplete(plan, node: node, scores: scores), []) }
        case .median:
            return (weightedMedians(plan, node: node, scores: scores), [])
        case .copeland:
            return (copelandScores(plan, node: node, scores: scores), [])
        case .geometric, .harmonic, .power:
            break
        }
        // Child by child over all units rather than unit by unit over the children: each pass reads
        // one contiguous column. Every unit still adds its children in the same order, so the sums
        // are the same to the bit. Plain buffers, so that the loops keep their addresses in registers.
        let weightSum = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let accumulator = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let zero = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        let negative = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        let present = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        defer {
            weightSum.deallocate()
            accumulator.deallocate()
            zero.deallocate()
            negative.deallocate()
            present.deallocate()
        }
        weightSum.initialize(repeating: 0)
        accumulator.initialize(repeating: 0)
        zero.initialize(repeating: false)
        negative.initialize(repeating: false)
        present.initialize(repeating: false)
        let aggregation = node.aggregation
        for child in node.children {
            let w = plan.nodes[child].weight
            scores[child].withUnsafeBufferPointer { column in
                switch aggregation {
                case .arithmetic:
                    for u in 0..<n where !column[u].isNaN {
                        present[u] = true
                        weightSum[u] += w
                        accumulator[u] += w * column[u]
                    }
                case .power(let p) where p > 0:
                    for u in 0..<n where !column[u].isNaN {
                        let s = column[u]
                        present[u] = true
                        weightSum[u] += w
                        if s < 0 { if w > 0 { negative[u] = true } } else { accumulator[u] += w * pow(s, p) }
                    }
                default: // geometric, harmonic, power mean with p < 0: undefined at 0 and below
                    for u in 0..<n where !column[u].isNaN {
                        let s = column[u]
                        present[u] = true
                        weightSum[u] += w
                        if s <= 0 {
                            if w > 0 { if s < 0 { negative[u] = true } else { zero[u] = true } }
                        } else {
                            switch aggregation {
                            case .geometric: accumulator[u] += w * log(s)
                            case .power(let p): accumulator[u] += w * pow(s, p)
                            default: accumulator[u] += w / s
                            }
                        }
                    }
                }
            }
        }
        var undefined: [(unit: Int, negative: Bool)] = []
        let zeroIsZero = node.zeroScores == .zero
        let values = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            let out = buffer
            for u in 0..<n {
                let sum = weightSum[u], a = accumulator[u]
                if !(sum > 0) {
                    // No child present (or all weights zero): missing, unless some child was present.
                    out[u] = present[u] ? 0 : .nan
                    continue
                }
                if negative[u] || (zero[u] && !zeroIsZero) {
                    undefined.append((u, negative[u]))
                    out[u] = .nan
                    continue
                }
                switch aggregation {
                case .geometric: out[u] = zero[u] ? 0 : exp(a / sum)
                case .harmonic: out[u] = zero[u] ? 0 : sum / a
                case .power(let p): out[u] = zero[u] ? 0 : pow(a / sum, 1 / p)
                default: out[u] = a / sum
                }
            }
            initialized = n
        }
        return (values, undefined)
    }

    /// Weighted medians: per unit, the present children's scores in ascending order, the first
    /// whose cumulative weight reaches half of the total; when it reaches exactly half, the mean of
    /// that score and the next. Children of weight 0 do not count.
    static func weightedMedians(_ plan: BlockPlan, node: PlanNode, scores: [[Double]]) -> [Double] {
        let n = scores[node.children[0]].count
        var pairs: [(score: Double, weight: Double)] = []
        return (0..<n).map { u in
            pairs.removeAll(keepingCapacity: true)
            for child in node.children where !scores[child][u].isNaN && plan.nodes[child].weight > 0 {
                pairs.append((scores[child][u], plan.nodes[child].weight))
            }
            guard !pairs.isEmpty else { return .nan }
            pairs.sort { $0.score < $1.score }
            let half = pairs.reduce(0) { $0 + $1.weight } / 2
            var cumulative = 0.0
            for (k, pair) in pairs.enumerated() {
                cumulative += pair.weight
                if abs(cumulative - half) <= 1e-12 * half, k + 1 < pairs.count { return (pair.score + pairs[k + 1].score) / 2 }
                if cumulative >= half { return pair.score }
            }
            return pairs[pairs.count - 1].score
        }
    }

    /// Copeland scores (COINr's `a_copeland`) divided by n − 1: for each pair of units, the share of
    /// the children's total weight on which the unit scores higher, plus half the share on which
    /// the two are equal; comparisons with a missing score count for neither. A unit without any
    /// child's score has none; a block of one unit scores 1.
    static func copelandScores(_ plan: BlockPlan, node: PlanNode, scores: [[Double]]) -> [Double] {
        let n = scores[node.children[0]].count
        let totalWeight = node.children.reduce(0) { $0 + plan.nodes[$1].weight }
        let hasScore = (0..<n).map { u in node.children.contains { !scores[$0][u].isNaN } }
        let units = (0..<n).filter { hasScore[$0] }
        var result = [Double](repeating: .nan, count: n)
        guard totalWeight > 0 else { return result }
        if units.count == 1 { result[units[0]] = 1; return result }
        for i in units {
            var sum = 0.0
            for j in units where j != i {
                var share = 0.0
                for child in node.children {
                    let a = scores[child][i], b = scores[child][j]
                    guard !a.isNaN, !b.isNaN else { continue }
                    let w = plan.nodes[child].weight
                    if a > b { share += w } else if a == b { share += w / 2 }
                }
                sum += share / totalWeight
            }
            result[i] = sum / Double(units.count - 1)
        }
        return result
    }

    /// The weighted arithmetic mean when no child misses a unit: the sum of weights is one number
    /// (added up in child order, as each unit's sum would be, so the bits are the same) and the
    /// loop over units is a plain multiply-add the compiler vectorises.
    private static func arithmeticMeanOfComplete(_ plan: BlockPlan, node: PlanNode, scores: [[Double]]) -> [Double] {
        let n = scores[node.children[0]].count
        var weightSum = 0.0
        var accumulator = [Double](repeating: 0, count: n)
        accumulator.withUnsafeMutableBufferPointer { buffer in
            let accumulator = buffer
            for child in node.children {
                let w = plan.nodes[child].weight
                weightSum += w
                scores[child].withUnsafeBufferPointer { column in
                    for u in 0..<n { accumulator[u] += w * column[u] }
                }
            }
            // No child present (or all weights zero) is missing; with every child present, 0.
            if !(weightSum > 0) {
                accumulator.initialize(repeating: 0)
                return
            }
            for u in 0..<n { accumulator[u] /= weightSum }
        }
        return accumulator
    }

    static func apply(_ rescale: Rescale, _ values: [Double]) -> [Double] {
        switch rescale {
        case .minMax:
            return Scoring(.minMax).score(values, weight: 1).scores
        }
    }
}
