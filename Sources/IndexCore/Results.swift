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

    /// Statistics of the present (non-NaN) values.
    ///
    /// The mean sums the values in ascending order (as it always has, so published means do not
    /// change by a bit); that order is all the sort is for. ``SortedSummary`` walks the values in
    /// that order without building the sorted array when it can.
    public init(_ values: [Double]) {
        if let summary = SortedSummary(values) {
            count = summary.count
            mean = summary.count > 0 ? summary.sum / Double(summary.count) : .nan
            median = summary.median
            minimum = summary.minimum
            maximum = summary.maximum
            return
        }
        let present = sortedPresent(values)
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
    /// `forcedZero[node][unit]`: the node's `zero_when` condition held and set the score to 0
    /// (empty for nodes without a condition).
    public let forcedZero: [[Bool]]
    /// Statistics of each node's scores.
    public let statistics: [NodeStatistics]

    init(plan: BlockPlan, data: BlockData, leaves: LeafScores, score: [[Double]], rank: [[Int]], imputed: [[Bool]], forcedZero: [[Bool]], statistics: [NodeStatistics]? = nil) {
        self.plan = plan
        self.data = data
        self.leaves = leaves
        self.score = score
        self.rank = rank
        self.imputed = imputed
        self.forcedZero = forcedZero
        self.statistics = statistics ?? score.map(NodeStatistics.init)
    }

    public var units: [UnitAnswers] { data.units }

    /// The index (root score) of each unit, in unit order.
    public var index: [Double] { score[plan.rootIndex] }

    /// Statistics of the index.
    public var indexStatistics: NodeStatistics { statistics[plan.rootIndex] }

    /// The position of a unit by id.
    public func unitIndex(_ unitID: String) -> Int? { data.units.firstIndex { $0.unitID == unitID } }

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

/// Count, ascending-order sum, median, minimum and maximum of the values that are not NaN, equal
/// bit for bit to what summing and indexing `sortedPresent(values)` gives.
///
/// Node scores often take few distinct values (yes/no, steps, capped counts, percentages), so the
/// distinct values are first counted in a small hash table and only those are sorted; the sum then
/// adds each distinct value as many times as it occurs, in ascending order. Columns with many
/// distinct values take a radix sort whose keys are never turned back into an array of doubles.
/// `nil` when a -0.0 is present: only the stable `sorted()` puts ±0 in the order the callers saw.
struct SortedSummary {
    var count = 0
    var sum = 0.0
    var median = Double.nan
    var minimum = Double.nan
    var maximum = Double.nan

    /// At most this many distinct values go through the hash table.
    static let distinctLimit = 1024

    init() {}

    init?(_ values: [Double]) {
        let result: SortedSummary? = values.withUnsafeBufferPointer { values in
            switch Self.fewDistinct(values) {
            case .summary(let summary): summary
            case .negativeZero: nil
            case .tooManyDistinct: Self.bucketed(values) ?? Self.radix(values)
            }
        }
        guard let result else { return nil }
        self = result
    }

    enum Outcome {
        case summary(SortedSummary)
        case negativeZero
        case tooManyDistinct
    }

    /// Order-preserving keys: flip every bit of negatives, the sign bit of positives.
    @inline(__always) static func key(_ v: Double) -> UInt64 {
        v.sign == .minus ? ~v.bitPattern : v.bitPattern | (1 << 63)
    }

    @inline(__always) static func value(_ k: UInt64) -> Double {
        Double(bitPattern: k >> 63 == 1 ? k & ~(1 << 63) : ~k)
    }

    @inline(__always) static func isNegativeZero(_ v: Double) -> Bool { v == 0 && v.sign == .minus }

    /// The summary from the distinct values, unless a -0.0 is present or there are more than
    /// ``distinctLimit`` distinct values.
    static func fewDistinct(_ values: UnsafeBufferPointer<Double>) -> Outcome {
        var capacity = 16
        while capacity < 2 * Swift.min(values.count, distinctLimit) { capacity *= 2 }
        let mask = capacity - 1, shift = UInt64(64 - capacity.trailingZeroBitCount)
        // Keys are bit patterns; a NaN pattern marks an empty slot (NaN values never go in).
        let empty = Double.nan.bitPattern
        var slots = [UInt64](repeating: empty, count: capacity)
        var counts = [Int](repeating: 0, count: capacity)
        var distinct = 0, present = 0
        let outcome: Outcome? = slots.withUnsafeMutableBufferPointer { slots in
            counts.withUnsafeMutableBufferPointer { counts in
                for v in values where !v.isNaN {
                    if isNegativeZero(v) { return .negativeZero }
                    let bits = v.bitPattern
                    var slot = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
                    while true {
                        let existing = slots[slot]
                        if existing == bits { counts[slot] += 1; break }
                        if existing == empty {
                            if distinct == distinctLimit { return .tooManyDistinct }
                            slots[slot] = bits
                            counts[slot] = 1
                            distinct += 1
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                    present += 1
                }
                return nil
            }
        }
        if let outcome { return outcome }
        var summary = SortedSummary()
        summary.count = present
        guard present > 0 else { return .summary(summary) }
        // Distinct values in ascending order, each with its count.
        var order: [(key: UInt64, count: Int)] = []
        order.reserveCapacity(distinct)
        for slot in 0..<capacity where slots[slot] != empty {
            order.append((key(Double(bitPattern: slots[slot])), counts[slot]))
        }
        order.sort { $0.key < $1.key }
        let middle = present / 2
        var seen = 0, sum = 0.0, below = Double.nan
        for (k, n) in order {
            let v = value(k)
            for _ in 0..<n { sum += v }
            // The values at sorted positions middle - 1 and middle.
            if seen <= middle - 1 && middle - 1 < seen + n { below = v }
            if seen <= middle && middle < seen + n {
                summary.median = present.isMultiple(of: 2) ? (below + v) / 2 : v
            }
            seen += n
        }
        summary.sum = sum
        summary.minimum = value(order[0].key)
        summary.maximum = value(order[order.count - 1].key)
        return .summary(summary)
    }

    /// The summary through a bucket sort, for columns of many distinct values; `nil` when a -0.0 is
    /// present or the values' range is too wide to map (then ``radix(_:)`` decides).
    ///
    /// Each value goes to the bucket `(v - min) × scale`, about one bucket per value: floating-point
    /// subtraction and multiplication never reverse an order, so bucket by bucket the values come
    /// in ascending order, and each bucket, usually of a value or two, is sorted on its own. Scores
    /// spread fairly evenly over their range, so this takes two passes where a radix sort of 64-bit
    /// keys takes five or six; clustered values only make some buckets larger.
    static func bucketed(_ values: UnsafeBufferPointer<Double>) -> SortedSummary? {
        var count = 0, low = Double.infinity, high = -Double.infinity
        for v in values where !v.isNaN {
            if isNegativeZero(v) { return nil }
            count += 1
            low = Swift.min(low, v)
            high = Swift.max(high, v)
        }
        let buckets = Swift.max(1, count)
        let scale = Double(buckets - 1) / (high - low)
        guard count > 1, scale.isFinite, scale > 0 else { return nil }
        @inline(__always) func bucket(_ v: Double) -> Int { Swift.min(Int((v - low) * scale), buckets - 1) }
        // Bucket starts (a counting sort on the bucket number).
        var start = [Int](repeating: 0, count: buckets + 1)
        var sorted = [Double](repeating: 0, count: count)
        start.withUnsafeMutableBufferPointer { start in
            sorted.withUnsafeMutableBufferPointer { sorted in
                for v in values where !v.isNaN { start[bucket(v) + 1] += 1 }
                for b in 0..<buckets { start[b + 1] += start[b] }
                var next = Array(start[0..<buckets])
                next.withUnsafeMutableBufferPointer { next in
                    for v in values where !v.isNaN {
                        let b = bucket(v)
                        sorted[next[b]] = v
                        next[b] += 1
                    }
                }
                // Sort each bucket: insertion sort for the usual handful, the library sort beyond.
                for b in 0..<buckets {
                    let first = start[b], end = start[b + 1]
                    if end - first <= 1 { continue }
                    if end - first > 32 {
                        var bucket = UnsafeMutableBufferPointer(rebasing: sorted[first..<end])
                        bucket.sort()
                        continue
                    }
                    for i in first + 1 ..< end {
                        let v = sorted[i]
                        var j = i
                        while j > first && sorted[j - 1] > v {
                            sorted[j] = sorted[j - 1]
                            j -= 1
                        }
                        sorted[j] = v
                    }
                }
            }
        }
        var summary = SortedSummary()
        summary.count = count
        sorted.withUnsafeBufferPointer { sorted in
            var sum = 0.0
            for v in sorted { sum += v }
            summary.sum = sum
            let middle = count / 2
            summary.median = count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
            summary.minimum = sorted[0]
            summary.maximum = sorted[count - 1]
        }
        return summary
    }

    /// The summary through an LSD radix sort of the keys, or `nil` when a -0.0 is present.
    static func radix(_ values: UnsafeBufferPointer<Double>) -> SortedSummary? {
        var keys: [UInt64] = []
        keys.reserveCapacity(values.count)
        for v in values where !v.isNaN {
            if isNegativeZero(v) { return nil }
            keys.append(key(v))
        }
        var summary = SortedSummary()
        summary.count = keys.count
        guard !keys.isEmpty else { return summary }
        radixSort(&keys)
        keys.withUnsafeBufferPointer { keys in
            var sum = 0.0
            for k in keys { sum += value(k) }
            summary.sum = sum
            let middle = keys.count / 2
            summary.median = keys.count.isMultiple(of: 2) ? (value(keys[middle - 1]) + value(keys[middle])) / 2 : value(keys[middle])
            summary.minimum = value(keys[0])
            summary.maximum = value(keys[keys.count - 1])
        }
        return summary
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

private func radixSort(_ keys: inout [UInt64]) {
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
