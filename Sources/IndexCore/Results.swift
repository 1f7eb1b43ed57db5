import Foundation

/// The results of one computation: every block of a methodology for one period.
public struct IndexResult: Sendable {
    public let methodology: Methodology
    public let period: Int?
    public let blocks: [BlockResult]

    public func block(_ id: String) -> BlockResult? { blocks.first { $0.plan.block.id == id } }
}

/// Summary statistics of one node across the units of a block that have a value.
public struct NodeStatistics: Hashable, Sendable {
    public var count: Int
    public var mean: Double
    public var median: Double
    public var minimum: Double
    public var maximum: Double

    init(_ values: [Double]) {
        let present = values.filter { !$0.isNaN }.sorted()
        count = present.count
        guard !present.isEmpty else {
            mean = .nan; median = .nan; minimum = .nan; maximum = .nan
            return
        }
        mean = present.reduce(0, +) / Double(present.count)
        let middle = present.count / 2
        median = present.count.isMultiple(of: 2) ? (present[middle - 1] + present[middle]) / 2 : present[middle]
        minimum = present.first!
        maximum = present.last!
    }
}

/// The computed values of one block: for every node and unit, the raw value (leaves), the score
/// on 0–1, the points and the rank, plus statistics per node.
public struct BlockResult: Sendable {
    public let plan: BlockPlan
    public let data: BlockData
    public let leaves: LeafScores
    /// `score[node][unit]` on 0–1 (after missing-data policy and rescale); NaN when missing.
    public let score: [[Double]]
    /// `rank[node][unit]`, competition ranks within the block; 0 when unranked.
    public let rank: [[Int]]
    /// `imputed[node][unit]`: the value was missing and the policy gave it 0.
    public let imputed: [[Bool]]
    /// Statistics of each node's scores.
    public let statistics: [NodeStatistics]

    init(plan: BlockPlan, data: BlockData, leaves: LeafScores, score: [[Double]], rank: [[Int]], imputed: [[Bool]]) {
        self.plan = plan
        self.data = data
        self.leaves = leaves
        self.score = score
        self.rank = rank
        self.imputed = imputed
        self.statistics = score.map(NodeStatistics.init)
    }

    public var units: [UnitAnswers] { data.units }

    /// The index (root score) of each unit, in unit order.
    public var index: [Double] { score[plan.rootIndex] }

    /// Statistics of the index.
    public var indexStatistics: NodeStatistics { statistics[plan.rootIndex] }

    /// The position of a unit by id.
    public func unitIndex(_ unitID: String) -> Int? { data.units.firstIndex { $0.unitID == unitID } }

    /// Points of a node for a unit: score × maximum points.
    public func points(node: Int, unit: Int) -> Double { score[node][unit] * plan.nodes[node].maxPoints }

    /// Unit positions ordered by rank of the index, then by id; unranked units last.
    public var rankedUnitIndices: [Int] {
        let ranks = rank[plan.rootIndex]
        return data.units.indices.sorted { a, b in
            let ra = ranks[a] == 0 ? Int.max : ranks[a], rb = ranks[b] == 0 ? Int.max : ranks[b]
            return ra != rb ? ra < rb : data.units[a].unitID < data.units[b].unitID
        }
    }
}
