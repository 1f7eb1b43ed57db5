import Foundation

/// The survey answers of one unit for one period, as the engine reads them.
public struct UnitAnswers: Sendable, Hashable {
    /// The stable unit id.
    public var unitID: String
    /// The display name (Vietnamese, NFC).
    public var name: String
    public var block: String
    public var period: Int?
    /// Numeric answers by field id: counts and numbers as given, yes/no as 1/0, choices as the
    /// option's value. Absent means not answered.
    public var values: [String: Double]
    /// Free-text answers by field id.
    public var texts: [String: String]
    /// Where each answer came from (file, line, column or cell), by field id.
    public var sources: [String: SourceLocation]

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
    public var score: [[Double]]
    /// The block quantities each leaf's rule used.
    public var context: [ScoringContext?]
    /// `scored[node][unit]`: the values the rule scored, for leaves whose raw values an
    /// imputation or treatment changed (empty otherwise: the raw values were scored).
    public var scored: [[Double]] = []
    /// Per node: the imputation of missing raw values made (`impute:`), if any.
    public var imputation: [ValueAdjustment?] = []
    /// Per node: the treatment of raw values made (`treatment:`), if any.
    public var treatment: [ValueAdjustment?] = []

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
        try aggregate(plan, data: data, leaves: scoreLeaves(plan, data: data, previous: previous))
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
        var result = LeafScores(
            raw: Array(repeating: [], count: plan.nodes.count), score: Array(repeating: [], count: plan.nodes.count),
            context: Array(repeating: nil, count: plan.nodes.count), scored: Array(repeating: [], count: plan.nodes.count),
            imputation: Array(repeating: nil, count: plan.nodes.count), treatment: Array(repeating: nil, count: plan.nodes.count))
        for (index, leaf) in zip(leaves, scored) {
            guard let leaf else { continue }
            result.raw[index] = leaf.raw
            result.score[index] = leaf.score
            result.context[index] = leaf.context
            result.scored[index] = leaf.scored
            result.imputation[index] = leaf.imputation
            result.treatment[index] = leaf.treatment
        }
        return result
    }

    /// One leaf's raw values, imputation, treatment and scores; `nil` for a node without an
    /// expression or a rule.
    private static func scoreLeaf(_ node: PlanNode, data: BlockData, previous: BlockData?, previousPosition: [Int?]?)
        -> (raw: [Double], score: [Double], context: ScoringContext?, scored: [Double], imputation: ValueAdjustment?, treatment: ValueAdjustment?)? {
        guard let expression = node.expression, let scoring = node.scoring else { return nil }
        let raw = expression.evaluate(columns: data.columns, count: data.count)
        var input = raw
        var imputation: ValueAdjustment?, treatment: ValueAdjustment?
        if node.imputation != .none {
            var previousValues: [Double]?
            if node.imputation == .previous, let previous, let previousPosition {
                let values = expression.evaluate(columns: previous.columns, count: previous.count)
                previousValues = previousPosition.map { $0.map { values[$0] } ?? .nan }
            }
            let imputed = node.imputation.apply(input, previous: previousValues)
            input = imputed.values
            imputation = imputed.adjustment
        }
        if let rule = node.treatment {
            let treated = rule.apply(input)
            input = treated.values
            treatment = treated.adjustment
        }
        let scored = scoring.score(input, weight: node.weight)
        return (raw, scored.scores, scored.context, imputation != nil || treatment != nil ? input : [], imputation, treatment)
    }

    /// Applies missing-data policies, aggregates groups, rescales and ranks.
    public static func aggregate(_ plan: BlockPlan, data: BlockData, leaves: LeafScores) throws -> BlockResult {
        let (score, imputed, forcedZero) = try nodeScores(plan, data: data, leaves: leaves)
        let decimals = plan.methodology.ranking.decimals
        let (ranks, statistics) = ranksAndStatistics(score, decimals: decimals)
        return BlockResult(plan: plan, data: data, leaves: leaves, score: score, rank: ranks, imputed: imputed, forcedZero: forcedZero, statistics: statistics)
    }

    /// The ranks and statistics of every node, each node in one go while its scores are in cache,
    /// nodes spread over the cores for large blocks.
    static func ranksAndStatistics(_ score: [[Double]], decimals: Int?) -> (ranks: [[Int]], statistics: [NodeStatistics]) {
        let scale = decimals.map { pow(10, Double($0)) }
        let workers = Parallel.workers(items: score.count, units: score.first?.count ?? 0)
        let results = Parallel.map(count: score.count, workers: workers, state: { PublishedRanking() }) { published, node -> (ranks: [Int], statistics: NodeStatistics) in
            let values = score[node]
            guard let scale else { return (competitionRanks(values), NodeStatistics(values)) }
            return published.ranksAndStatistics(values, scale: scale)
                ?? (competitionRanks(values.map { publishedSteps($0, scale: scale) }), NodeStatistics(values))
        }
        return (results.map(\.ranks), results.map(\.statistics))
    }

    /// The index of every unit (the root's scores), as ``aggregate(_:data:leaves:)`` computes it
    /// but without ranks, statistics or a result: the cheap rerun for uncertainty analyses.
    public static func indexScores(_ plan: BlockPlan, data: BlockData, leaves: LeafScores) throws -> [Double] {
        try nodeScores(plan, data: data, leaves: leaves).score[plan.rootIndex]
    }

    /// Competition ranks of a block's index values as the methodology publishes them (on values
    /// rounded to `ranking.decimals` when given); 0 for units without a value.
    public static func ranks(_ values: [Double], ranking: RankingPolicy) -> [Int] {
        guard let decimals = ranking.decimals else { return competitionRanks(values) }
        let scale = pow(10, Double(decimals))
        var published = PublishedRanking()
        return published.ranksAndStatistics(values, scale: scale)?.ranks ?? competitionRanks(values.map { publishedSteps($0, scale: scale) })
    }

    /// Missing-data policies, aggregation, rescale and `zero_when` for every node.
    static func nodeScores(_ plan: BlockPlan, data: BlockData, leaves: LeafScores) throws -> (score: [[Double]], imputed: [[Bool]], forcedZero: [[Bool]]) {
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
        var values = node.isLeaf ? leaves.score[index]
            : aggregateChildren(plan, node: node, scores: scores, complete: node.children.allSatisfy { complete[$0] })
        if let rescale = node.rescale { values = apply(rescale, values) }
        // Which units miss a value: one pass, and none at all for most groups.
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
                    failures.append(Diagnostic(.missingData, "\(unit.name) (\(unit.unitID)) has no value for '\(node.id)' and its missing-data policy is 'fail'"))
                }
                zeroed = [Bool](repeating: false, count: n)
            }
        }
        // `zero_when:` comes last: the node scores 0 where its condition holds (not where missing).
        var forced = [Bool](repeating: false, count: node.zeroCondition == nil ? 0 : n)
        if let condition = node.zeroCondition {
            let holds = condition.evaluate(columns: data.columns, count: n)
            for u in 0..<n where !holds[u].isNaN && holds[u] != 0 {
                values[u] = 0
                forced[u] = true
            }
        }
        return (values, zeroed, forced, failures, missing == 0 || node.missing == .zero)
    }

    /// - Parameter complete: whether every child has a score for every unit, so that every unit's
    ///   weights add up to the same sum.
    static func aggregateChildren(_ plan: BlockPlan, node: PlanNode, scores: [[Double]], complete: Bool = false) -> [Double] {
        let n = scores[node.children[0]].count
        if complete && node.aggregation == .arithmetic { return arithmeticMeanOfComplete(plan, node: node, scores: scores) }
        // Child by child over all units rather than unit by unit over the children: each pass reads
        // one contiguous column. Every unit still adds its children in the same order, so the sums
        // are the same to the bit. Plain buffers, so that the loops keep their addresses in registers.
        let weightSum = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let accumulator = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let zero = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        let present = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        defer {
            weightSum.deallocate()
            accumulator.deallocate()
            zero.deallocate()
            present.deallocate()
        }
        weightSum.initialize(repeating: 0)
        accumulator.initialize(repeating: 0)
        zero.initialize(repeating: false)
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
                case .geometric, .harmonic:
                    let geometric = aggregation == .geometric
                    for u in 0..<n where !column[u].isNaN {
                        let s = column[u]
                        present[u] = true
                        weightSum[u] += w
                        if s <= 0 {
                            if w > 0 { zero[u] = true }
                        } else {
                            accumulator[u] += geometric ? w * log(s) : w / s
                        }
                    }
                }
            }
        }
        return [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            let out = buffer
            for u in 0..<n {
                let sum = weightSum[u], a = accumulator[u]
                if !(sum > 0) {
                    // No child present (or all weights zero): missing, unless some child was present.
                    out[u] = present[u] ? 0 : .nan
                    continue
                }
                switch aggregation {
                case .arithmetic: out[u] = a / sum
                case .geometric: out[u] = zero[u] ? 0 : exp(a / sum)
                case .harmonic: out[u] = zero[u] ? 0 : sum / a
                }
            }
            initialized = n
        }
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
