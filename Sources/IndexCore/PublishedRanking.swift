/// Published competition ranks and statistics of node scores, one node after the other, through
/// scratch buffers reused from node to node.
///
/// Every node of every block is ranked and summarised, which made this the largest cost of a
/// computation (docs/benchmarks.md). Both come out of one bucketing of the scores by their rounded
/// value, the "step" (a whole number of 10⁻ᵈ): rounding is monotone, so a lower step always holds
/// lower values.
///
/// - Ranks: a unit's rank is one more than the number of units on a higher step; counting the
///   steps gives them without sorting.
/// - Statistics: the scores scattered step by step are in ascending order up to the order inside a
///   step, which an insertion sort settles (a step usually holds one value, or many equal ones).
///   The sum then runs over exactly the stable ascending order ``NodeStatistics/init(_:)`` sums
///   in, so both give the same bits, and the median, minimum and maximum are read off.
struct PublishedRanking {
    private var steps: [Int] = []
    private var sorted: [Double] = []
    /// The histogram of steps, then where each step ends (32-bit: half the cache its scattered
    /// accesses touch).
    private var stepEnds: [Int32] = []

    /// Published ranks (on values rounded to `decimals` places) and statistics of `values`, or
    /// `nil` when the rounded values span too many steps to count (huge or widely spread values);
    /// then `Ranking.competitionRanks` and ``NodeStatistics`` decide.
    mutating func ranksAndStatistics(_ values: [Double], scale: Double) -> (ranks: [Int], statistics: NodeStatistics)? {
        let n = values.count
        if steps.count < n {
            steps = [Int](repeating: 0, count: n)
            sorted = [Double](repeating: 0, count: n)
        }
        // Steps as whole numbers held in an Int (`Int.min` for a missing value). Below 2⁴⁰ steps
        // this is exactly `PublishedRounding.steps`: the same truncation, then one step away from zero when
        // the fraction is at least a half (the fraction has the sign of x).
        var low = Int.max, high = Int.min, present = 0, fits = true
        steps.withUnsafeMutableBufferPointer { buffer in
            let steps = buffer // a constant: kept in registers
            values.withUnsafeBufferPointer { values in
                for u in 0..<n {
                    let scaled = values[u] * scale
                    let x = scaled + scaled * 1e-12
                    if x.isNaN { steps[u] = Int.min; continue }
                    guard x.magnitude < 0x1p40 else { fits = false; return }
                    let truncated = Int(x)
                    let fraction = x - Double(truncated)
                    let step = truncated &+ (fraction >= 0.5 ? 1 : 0) &- (fraction <= -0.5 ? 1 : 0)
                    steps[u] = step
                    low = Swift.min(low, step)
                    high = Swift.max(high, step)
                    present &+= 1
                }
            }
        }
        guard fits else { return nil }
        if present == 0 { return ([Int](repeating: 0, count: n), NodeStatistics([])) }
        let range = high - low + 1
        guard n < Int(Int32.max) else { return nil }
        // A histogram costs a pass over every step of the range: measured, it beats sorting by
        // step up to ranges of several times the number of values. Wider ranges are sorted.
        guard range <= 8 * n + 16_384 else {
            guard range <= Int(UInt32.max) else { return nil }
            return sortedByStep(values, low: low, range: range, present: present)
        }
        if stepEnds.count < range + 1 { stepEnds = [Int32](repeating: 0, count: range + 1) }

        var statistics = NodeStatistics([])
        let ranks = stepEnds.withUnsafeMutableBufferPointer { buffer in
            let ends = buffer // a constant: kept in registers
            return steps.withUnsafeBufferPointer { steps in
                sorted.withUnsafeMutableBufferPointer { buffer in
                    let sorted = buffer // a constant: kept in registers
                    return values.withUnsafeBufferPointer { values in
                        // Units per step, then the running count: ends[s] = units on steps ≤ s.
                        UnsafeMutableBufferPointer(rebasing: ends[0...range]).initialize(repeating: 0)
                        for u in 0..<n where steps[u] != Int.min { ends[steps[u] - low] &+= 1 }
                        var running: Int32 = 0
                        for s in 0..<range {
                            running &+= ends[s]
                            ends[s] = running
                        }
                        ends[range] = Int32(present)
                        // Scatter from the last unit backwards, so that units keep their order
                        // within a step; afterwards ends[s] is where step s starts.
                        for u in stride(from: n - 1, through: 0, by: -1) where steps[u] != Int.min {
                            let s = steps[u] - low
                            ends[s] &-= 1
                            sorted[Int(ends[s])] = values[u]
                        }
                        Self.settleWithinSteps(UnsafeMutableBufferPointer(rebasing: sorted[0..<present]))
                        statistics = NodeStatistics(ascending: UnsafeBufferPointer(rebasing: sorted[0..<present]))
                        // Rank: 1 + the units on higher steps = 1 + present − (where step s + 1 starts).
                        return [Int](unsafeUninitializedCapacity: n) { buffer, initialized in
                            let out = buffer
                            for u in 0..<n {
                                let step = steps[u]
                                out[u] = step == Int.min ? 0 : 1 &+ present &- Int(ends[step - low + 1])
                            }
                            initialized = n
                        }
                    }
                }
            }
        }
        return (ranks, statistics)
    }

    /// Ranks and statistics through ``radixSort(_:)`` of keys holding each present unit's step
    /// (above `low`) in the high 32 bits and its position in the low 32: sorted by step, and
    /// within a step by position, just as the histogram's scatter would place them.
    private mutating func sortedByStep(_ values: [Double], low: Int, range: Int, present: Int) -> (ranks: [Int], statistics: NodeStatistics) {
        let n = values.count
        var keys: [UInt64] = []
        keys.reserveCapacity(present)
        for u in 0..<n where steps[u] != Int.min { keys.append(UInt64(steps[u] - low) << 32 | UInt64(u)) }
        radixSort(&keys)
        @inline(__always) func unit(_ key: UInt64) -> Int { Int(key & 0xFFFF_FFFF) }
        var statistics = NodeStatistics([])
        sorted.withUnsafeMutableBufferPointer { buffer in
            for (i, key) in keys.enumerated() { buffer[i] = values[unit(key)] }
            Self.settleWithinSteps(UnsafeMutableBufferPointer(rebasing: buffer[0..<present]))
            statistics = NodeStatistics(ascending: UnsafeBufferPointer(rebasing: buffer[0..<present]))
        }
        // From the highest step down: a step's rank is 1 + the units above it.
        var ranks = [Int](repeating: 0, count: n)
        var i = present - 1
        while i >= 0 {
            let step = keys[i] >> 32, rank = present - i
            while i >= 0 && keys[i] >> 32 == step {
                ranks[unit(keys[i])] = rank
                i -= 1
            }
        }
        return (ranks, statistics)
    }

    /// Sorts values that are already in order except within runs of one step: an insertion sort
    /// (stable, and linear when runs are short or of equal values), which gives way to the library
    /// sort, also stable, if a long run of distinct values would make it quadratic.
    private static func settleWithinSteps(_ buffer: UnsafeMutableBufferPointer<Double>) {
        var values = buffer
        var budget = 8 * values.count + 1_024
        var i = 1
        while i < values.count {
            let v = values[i]
            // In order already (nearly always): nothing to move.
            if !(values[i - 1] > v) {
                i += 1
                continue
            }
            var j = i
            repeat {
                values[j] = values[j - 1]
                j -= 1
            } while j > 0 && values[j - 1] > v
            values[j] = v
            budget -= i - j
            if budget < 0 {
                values.sort()
                return
            }
            i += 1
        }
    }
}

extension NodeStatistics {
    /// Statistics of values already in ascending order, none of them NaN: the sum in that order,
    /// as ``init(_:)`` computes it.
    init(ascending values: UnsafeBufferPointer<Double>) {
        count = values.count
        guard let first = values.first, let last = values.last else {
            mean = .nan; median = .nan; minimum = .nan; maximum = .nan
            return
        }
        var sum = 0.0
        for v in values { sum += v }
        mean = sum / Double(count)
        let middle = count / 2
        median = count.isMultiple(of: 2) ? (values[middle - 1] + values[middle]) / 2 : values[middle]
        minimum = first
        maximum = last
    }
}
