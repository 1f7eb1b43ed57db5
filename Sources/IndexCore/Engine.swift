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

/// The answers of a block's units laid out as one column per field and derived value, units
/// sorted by id so every computation is independent of input order.
public struct BlockData: Sendable {
    public let units: [UnitAnswers]
    /// `columns[c][u]`: the value of ``BlockPlan/columns``[c] for unit `u`; NaN when missing.
    public let columns: [[Double]]

    public var count: Int { units.count }

    public init(plan: BlockPlan, answers: [UnitAnswers]) {
        let units = answers.filter { $0.block == plan.block.id }.sorted { $0.unitID < $1.unitID }
        var columns = plan.columns.prefix(plan.fieldCount).map { field in
            units.map { $0.values[field] ?? .nan }
        }
        columns.append(contentsOf: Array(repeating: [], count: plan.columns.count - plan.fieldCount))
        for (column, expression) in plan.derived {
            columns[column] = expression.evaluate(columns: columns, count: units.count)
        }
        self.units = units
        self.columns = columns
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
}

/// Computes indexes. Pure and deterministic: the same methodology and answers give the same
/// numbers, whatever order the answers come in.
public enum Engine {
    /// Computes every block of `methodology` that has answers.
    public static func compute(_ methodology: Methodology, answers: [UnitAnswers], period: Int? = nil) throws -> IndexResult {
        var blocks: [BlockResult] = []
        var problems: [Diagnostic] = []
        for block in methodology.blocks where answers.contains(where: { $0.block == block.id }) {
            do {
                blocks.append(try compute(BlockPlan(methodology: methodology, block: block.id), answers: answers))
            } catch let error as DiagnosticError {
                problems.append(contentsOf: error.diagnostics)
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return IndexResult(methodology: methodology, period: period ?? answers.compactMap(\.period).first ?? methodology.period, blocks: blocks)
    }

    /// Computes one block.
    public static func compute(_ plan: BlockPlan, answers: [UnitAnswers]) throws -> BlockResult {
        let data = BlockData(plan: plan, answers: answers)
        let leaves = scoreLeaves(plan, data: data)
        return try aggregate(plan, data: data, leaves: leaves)
    }

    /// Raw values and scores of the leaves.
    public static func scoreLeaves(_ plan: BlockPlan, data: BlockData) -> LeafScores {
        var raw = [[Double]](repeating: [], count: plan.nodes.count)
        var score = raw
        var context = [ScoringContext?](repeating: nil, count: plan.nodes.count)
        for index in plan.nodes.indices {
            let node = plan.nodes[index]
            guard let expression = node.expression, let scoring = node.scoring else { continue }
            raw[index] = expression.evaluate(columns: data.columns, count: data.count)
            let scored = scoring.score(raw[index], weight: node.weight)
            score[index] = scored.scores
            context[index] = scored.context
        }
        return LeafScores(raw: raw, score: score, context: context)
    }

    /// Applies missing-data policies, aggregates groups, rescales and ranks.
    public static func aggregate(_ plan: BlockPlan, data: BlockData, leaves: LeafScores) throws -> BlockResult {
        let n = data.count
        var score = [[Double]](repeating: [], count: plan.nodes.count)
        var imputed = [[Bool]](repeating: [], count: plan.nodes.count)
        var failures: [Diagnostic] = []
        for index in plan.nodes.indices {
            let node = plan.nodes[index]
            var values = node.isLeaf ? leaves.score[index] : aggregateChildren(plan, node: node, scores: score)
            if let rescale = node.rescale { values = apply(rescale, values) }
            var zeroed = [Bool](repeating: false, count: n)
            for u in 0..<n where values[u].isNaN {
                switch node.missing {
                case .zero:
                    values[u] = 0
                    zeroed[u] = true
                case .reweight:
                    break
                case .fail:
                    let unit = data.units[u]
                    failures.append(Diagnostic(.missingData, "\(unit.name) (\(unit.unitID)) has no value for '\(node.id)' and its missing-data policy is 'fail'"))
                }
            }
            score[index] = values
            imputed[index] = zeroed
        }
        if !failures.isEmpty { throw DiagnosticError(failures) }
        let decimals = plan.methodology.ranking.decimals
        let ranks = score.map { values in
            competitionRanks(decimals.map { d in values.map { roundPublished($0, decimals: d) } } ?? values)
        }
        return BlockResult(plan: plan, data: data, leaves: leaves, score: score, rank: ranks, imputed: imputed)
    }

    static func aggregateChildren(_ plan: BlockPlan, node: PlanNode, scores: [[Double]]) -> [Double] {
        let n = scores[node.children[0]].count
        var out = [Double](repeating: .nan, count: n)
        let weights = node.children.map { plan.nodes[$0].weight }
        for u in 0..<n {
            var weightSum = 0.0, accumulator = 0.0, zero = false
            for (k, child) in node.children.enumerated() {
                let s = scores[child][u]
                if s.isNaN { continue }
                let w = weights[k]
                weightSum += w
                switch node.aggregation {
                case .arithmetic: accumulator += w * s
                case .geometric: if s <= 0 { if w > 0 { zero = true } } else { accumulator += w * log(s) }
                case .harmonic: if s <= 0 { if w > 0 { zero = true } } else { accumulator += w / s }
                }
            }
            guard weightSum > 0 else {
                // No child present (or all weights zero): missing, unless some child was present.
                if node.children.contains(where: { !scores[$0][u].isNaN }) { out[u] = 0 }
                continue
            }
            switch node.aggregation {
            case .arithmetic: out[u] = accumulator / weightSum
            case .geometric: out[u] = zero ? 0 : exp(accumulator / weightSum)
            case .harmonic: out[u] = zero ? 0 : weightSum / accumulator
            }
        }
        return out
    }

    static func apply(_ rescale: Rescale, _ values: [Double]) -> [Double] {
        switch rescale {
        case .minMax:
            return Scoring(.minMax).score(values, weight: 1).scores
        }
    }
}
