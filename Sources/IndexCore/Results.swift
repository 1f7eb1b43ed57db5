import Foundation

/// The results of one computation: every block of a methodology for one period.
public struct IndexResult: Sendable {
    /// The methodology the results were computed with.
    public let methodology: Methodology
    /// The data year computed, when the answers carry one.
    public let period: Int?
    /// One result per block of the methodology that had units, in the methodology's block order.
    public let blocks: [BlockResult]

    /// The result of the block with the given id, if it was computed.
    public func block(_ id: String) -> BlockResult? { blocks.first { $0.plan.block.id == id } }
}

/// Summary statistics of one node across the units of a block that have a value.
public struct NodeStatistics: Hashable, Sendable {
    /// How many units have a value (missing values are not counted).
    public var count: Int
    /// The mean of the present values, summed in ascending order; NaN when `count` is 0.
    public var mean: Double
    /// The median of the present values (the mean of the middle two for an even count); NaN when
    /// `count` is 0.
    public var median: Double
    /// The lowest present value; NaN when `count` is 0.
    public var minimum: Double
    /// The highest present value; NaN when `count` is 0.
    public var maximum: Double

    /// Statistics as given, e.g. read back from a stored run (they are not checked against each
    /// other).
    public init(count: Int, mean: Double, median: Double, minimum: Double, maximum: Double) {
        self.count = count
        self.mean = mean
        self.median = median
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Statistics of the present (non-NaN) values.
    ///
    /// The mean sums the values in ascending order, so it does not depend on the order they come
    /// in (and published means have not changed by a bit since the first release).
    public init(_ values: [Double]) {
        let present = sortedPresent(values)
        self = present.withUnsafeBufferPointer { NodeStatistics(ascending: $0) }
    }
}

/// The computed values of one block: for every node and unit, the raw value (leaves), the score
/// on 0–1, the points and the rank, plus statistics per node.
public struct BlockResult: Sendable {
    /// The compiled methodology the block was computed with (node ``BlockPlan/nodes`` index the
    /// arrays below).
    public let plan: BlockPlan
    /// The answers the block was computed from, one column per field and derived value, units
    /// sorted by id.
    public let data: BlockData
    /// The raw values and leaf scores before aggregation, kept so
    /// ``Engine/aggregate(_:data:leaves:)`` can recompute with other weights.
    public let leaves: LeafScores
    /// `score[node][unit]` on 0–1 (after missing-data policy and rescale); NaN when missing.
    public let score: [[Double]]
    /// `rank[node][unit]`, competition ranks within the block; 0 when unranked.
    public let rank: BlockRanks
    /// `imputed[node][unit]`: the value was missing and the policy gave it 0.
    public let imputed: [[Bool]]
    /// `forcedZero[node][unit]`: the node's `zero_when` condition held and set the score to 0
    /// (empty for nodes without a condition).
    public let forcedZero: [[Bool]]
    /// Statistics of each node's scores.
    public let statistics: [NodeStatistics]
    /// The units screening left out of the block (`screening:`), with the reason; they are not
    /// among ``units``.
    public internal(set) var screened: [ScreenedUnit] = []

    init(plan: BlockPlan, data: BlockData, leaves: LeafScores, score: [[Double]], rank: BlockRanks, imputed: [[Bool]], forcedZero: [[Bool]], statistics: [NodeStatistics]? = nil) {
        self.plan = plan
        self.data = data
        self.leaves = leaves
        self.score = score
        self.rank = rank
        self.imputed = imputed
        self.forcedZero = forcedZero
        self.statistics = statistics ?? score.map(NodeStatistics.init)
    }

    /// The block's units in the order every per-unit array uses (sorted by id).
    public var units: [UnitAnswers] { data.units }

    /// The index (root score) of each unit, in unit order.
    public var index: [Double] { score[plan.rootIndex] }

    /// Statistics of the index.
    public var indexStatistics: NodeStatistics { statistics[plan.rootIndex] }

    /// The position of a unit by id.
    public func unitIndex(_ unitID: String) -> Int? { data.units.firstIndex { $0.unitID == unitID } }

    /// Competition ranks of node `node`'s scores within each group of units sharing the value of
    /// the unit attribute `attribute` (e.g. ranks within a region, beside the block's rank), on the
    /// methodology's published rounding; 0 for units without a score or without the attribute.
    public func ranks(node: Int? = nil, within attribute: String) -> [Int] {
        let values = score[node ?? plan.rootIndex]
        // The members of each group in one pass (one filter per group would be quadratic in units
        // when most units form groups of their own).
        var members: [String: [Int]] = [:]
        for u in data.units.indices {
            if let group = data.attribute(attribute, unit: u) { members[group, default: []].append(u) }
        }
        var result = [Int](repeating: 0, count: values.count)
        for units in members.values {
            let ranks = Engine.ranks(units.map { values[$0] }, ranking: plan.methodology.ranking)
            for (k, u) in units.enumerated() { result[u] = ranks[k] }
        }
        return result
    }

    /// Whether the node's `zero_when` condition set the unit's score to 0.
    public func isForcedZero(node: Int, unit: Int) -> Bool { forcedZero[node].isEmpty ? false : forcedZero[node][unit] }

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

/// The values that are not NaN in ascending order, exactly as `sorted()` gives them.
///
/// Statistics sort every node's scores, so blocks of many units use a least-significant-digit
/// radix sort on the bits (11 bits per pass), several times faster than a comparison sort. Bits
/// cannot keep -0.0 and 0.0 in input order as the stable `sorted()` does, so values with a -0.0
/// take `sorted()`.
func sortedPresent(_ values: [Double]) -> [Double] {
    let present = values.filter { !$0.isNaN }
    guard present.count > 256, !present.contains(where: { $0 == 0 && $0.sign == .minus }) else { return present.sorted() }
    // Keys that order as the numbers do: flip every bit of negatives, the sign bit of positives.
    var keys = present.map { v in v.sign == .minus ? ~v.bitPattern : v.bitPattern | (1 << 63) }
    radixSort(&keys)
    return keys.map { k in Double(bitPattern: k >> 63 == 1 ? k & ~(1 << 63) : ~k) }
}

/// Sorts keys in ascending order with an LSD radix sort (11 bits a pass; passes in which every
/// key has the same digit are skipped). Stable, like every LSD radix sort.
func radixSort(_ keys: inout [UInt64]) {
    let n = keys.count, bits = 11, buckets = 1 << bits, passes = (64 + bits - 1) / bits
    let digitMask = UInt64(buckets - 1)
    var scratch = [UInt64](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: passes * buckets)
    keys.withUnsafeMutableBufferPointer { keys in
        scratch.withUnsafeMutableBufferPointer { scratch in
            counts.withUnsafeMutableBufferPointer { counts in
                for k in keys {
                    for pass in 0..<passes { counts[pass * buckets + Int((k >> UInt64(pass * bits)) & digitMask)] += 1 }
                }
                var source = keys, target = scratch
                for pass in 0..<passes {
                    let shift = UInt64(pass * bits), base = pass * buckets
                    // Skip a pass where every key has the same digit: it would move nothing.
                    if counts[base + Int((source[0] >> shift) & digitMask)] == n { continue }
                    var offset = 0
                    for digit in 0..<buckets {
                        let count = counts[base + digit]
                        counts[base + digit] = offset
                        offset += count
                    }
                    for k in source {
                        let slot = base + Int((k >> shift) & digitMask)
                        target[counts[slot]] = k
                        counts[slot] += 1
                    }
                    swap(&source, &target)
                }
                if source.baseAddress != keys.baseAddress { _ = keys.update(fromContentsOf: source) }
            }
        }
    }
}

/// A unit screening left out of its block (`screening:`), and why.
public struct ScreenedUnit: Hashable, Sendable {
    /// The unit left out, with its answers.
    public var unit: UnitAnswers
    /// The indicators (leaves) the unit has raw values for, and the block's count of them.
    public var indicators: Int
    /// How many indicators (leaves) the block has.
    public var of: Int
    /// The share of indicators the methodology asks for.
    public var threshold: Double

    /// The share of the block's indicators the unit has values for.
    public var availability: Double { of == 0 ? 1 : Double(indicators) / Double(of) }

    /// Why the unit is not ranked, e.g. `data for 3 of 10 indicators (30%), below the 66%
    /// screening threshold` / `có dữ liệu 3/10 chỉ tiêu (30%), dưới ngưỡng sàng lọc 66%`.
    public var reason: LocalizedText {
        let share = { (x: Double, language: Language) in NumberFormatting.format(PublishedRounding.round(x * 100, decimals: 1), in: language) + "%" }
        return LocalizedText(
            vi: "có dữ liệu \(indicators)/\(of) chỉ tiêu (\(share(availability, .vi))), dưới ngưỡng sàng lọc \(share(threshold, .vi))",
            en: "data for \(indicators) of \(of) indicators (\(share(availability, .en))), below the \(share(threshold, .en)) screening threshold")
    }
}

/// The competition ranks of every node of a block, `ranks[node][unit]` (0: unranked), held in 32
/// bits: a block of 100,000 units and 237 nodes keeps 24 million of them, 95 MB fewer than as
/// `Int`s. Read like `[[Int]]`.
public struct BlockRanks: RandomAccessCollection, Hashable, Sendable {
    private let nodes: [UnitRanks]

    /// The ranks of each node, in node order.
    init(_ nodes: [UnitRanks]) { self.nodes = nodes }

    /// The first node's position (0).
    public var startIndex: Int { 0 }
    /// One past the last node.
    public var endIndex: Int { nodes.count }
    /// The ranks of node `node`, unit by unit.
    public subscript(node: Int) -> UnitRanks { nodes[node] }
}

/// The competition ranks of one node, unit by unit (0: unranked), held in 32 bits; read like
/// `[Int]`.
public struct UnitRanks: RandomAccessCollection, Hashable, Sendable {
    private let ranks: [Int32]

    /// Ranks as computed (each at most the number of units).
    init(_ ranks: [Int]) { self.ranks = ranks.map { Int32(truncatingIfNeeded: $0) } }

    /// The first unit's position (0).
    public var startIndex: Int { 0 }
    /// One past the last unit.
    public var endIndex: Int { ranks.count }
    /// The rank of unit `unit`.
    public subscript(unit: Int) -> Int { Int(ranks[unit]) }

    /// Whether the ranks are `other`, unit by unit.
    public static func == (lhs: UnitRanks, rhs: [Int]) -> Bool { lhs.elementsEqual(rhs) }
}

/// The leaves' scores before the missing-data policy, `score[node][unit]` (empty for groups),
/// read like `[[Double]]`.
///
/// A leaf whose node score (``BlockResult/score``) repeats it except for the zeros the
/// policy put where it is missing (`missing: zero`, without a rescale or `zero_when`) is kept as
/// that node score and the units the policy filled (``BlockResult/imputed``), not as a second
/// column: 1.6 KB a unit for 200 leaves. Reading it gives the same values, bit for bit.
public struct LeafScoreColumns: RandomAccessCollection, Sendable {
    private enum Column: Sendable {
        case values([Double])
        /// `score` with the NaN of bit pattern `nan` where `missing`.
        case imputed(score: [Double], missing: [Bool], nan: UInt64)
    }

    private var columns: [Column]

    /// `count` nodes without scores.
    init(count: Int) { columns = Array(repeating: .values([]), count: count) }

    /// The first node's position (0).
    public var startIndex: Int { 0 }
    /// One past the last node.
    public var endIndex: Int { columns.count }

    /// The scores of leaf `node`, unit by unit (empty for a group).
    public subscript(node: Int) -> [Double] {
        get {
            switch columns[node] {
            case .values(let values): return values
            case .imputed(let score, let missing, let nan):
                return score.indices.map { missing[$0] ? Double(bitPattern: nan) : score[$0] }
            }
        }
        set { columns[node] = .values(newValue) }
    }

    /// The score of leaf `node` for unit `unit`: `self[node][unit]` without reading the column.
    public func value(node: Int, unit: Int) -> Double {
        switch columns[node] {
        case .values(let values): return values[unit]
        case .imputed(let score, let missing, let nan): return missing[unit] ? Double(bitPattern: nan) : score[unit]
        }
    }

    /// Whether leaf `node`'s scores are kept as its node score and the units the policy filled.
    func isShared(node: Int) -> Bool {
        if case .imputed = columns[node] { return true }
        return false
    }

    /// Keeps leaf `node`'s scores as `score` with NaN where `missing`, when that gives every
    /// value bit for bit (each missing unit's NaN the same one); otherwise leaves them as they are.
    mutating func share(node: Int, score: [Double], missing: [Bool]) {
        guard case .values(let values) = columns[node], values.count == score.count, missing.count == score.count, !values.isEmpty else { return }
        var nan: UInt64?
        let same = values.withUnsafeBufferPointer { values in
            score.withUnsafeBufferPointer { score in
                missing.withUnsafeBufferPointer { missing in
                    for u in 0..<values.count {
                        if missing[u] {
                            guard values[u].isNaN, nan == nil || nan == values[u].bitPattern else { return false }
                            nan = values[u].bitPattern
                        } else if values[u].bitPattern != score[u].bitPattern {
                            return false
                        }
                    }
                    return true
                }
            }
        }
        // Without a missing unit the node score is the leaf's own column, already shared.
        guard same, let nan else { return }
        columns[node] = .imputed(score: score, missing: missing, nan: nan)
    }
}
