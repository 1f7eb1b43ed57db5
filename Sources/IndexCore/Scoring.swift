import Foundation

/// Block-level quantities a scoring rule used, kept so an explanation can show them
/// ("best of the block: 40 Mbps").
public struct ScoringContext: Hashable, Sendable {
    /// Units with a value.
    public var count: Int
    /// The lowest value among the block's units with a value (NaN when none has one).
    public var minimum: Double
    /// The highest value among the block's units with a value.
    public var maximum: Double
    /// The mean of the values present.
    public var mean: Double
    /// The sample standard deviation (n − 1) of the values present; 0 for a single value, NaN when
    /// the rule needed no spread.
    public var standardDeviation: Double
    /// For the distance rules: the reference unit's value or the target.
    public var reference: Double = .nan

    static let empty = ScoringContext(count: 0, minimum: .nan, maximum: .nan, mean: .nan, standardDeviation: .nan)

    /// The best value for the direction.
    public func best(_ direction: Direction) -> Double { direction == .higher ? maximum : minimum }
}

extension Scoring {
    /// Scores the raw values of all units of a block (NaN = missing; missing stays missing).
    ///
    /// - Parameters:
    ///   - weight: the node's weight, dividing step points into scores.
    ///   - reference: for ``ScoringRule/distanceToReference(unit:)``, the reference unit's position
    ///     in `raw` (`nil`: not in the block, every score missing).
    /// - Returns: the scores, and the block quantities the rule used (`nil` for rules that score
    ///   each unit on its own value: ratio, goalpost, steps, capped count, yes/no, as is).
    func score(_ raw: [Double], weight: Double, reference: Int? = nil) -> (scores: [Double], context: ScoringContext?) {
        var (scores, context) = ruleScores(raw, weight: weight, reference: reference)
        if let output {
            for i in scores.indices where !scores[i].isNaN { scores[i] = output.apply(scores[i]) }
        }
        return (scores, context)
    }

    /// The scores on the rule's own scale.
    private func ruleScores(_ raw: [Double], weight: Double, reference: Int?) -> (scores: [Double], context: ScoringContext?) {
        var context = usesBlockContext ? Self.context(raw, spread: usesSpread) : .empty
        let higher = direction == .higher
        var out = [Double](repeating: .nan, count: raw.count)
        @inline(__always) func clamp01(_ x: Double) -> Double { Swift.min(Swift.max(x, 0), 1) }
        // Every leaf of every block passes through here: the loops run over unsafe buffers (no
        // bounds or uniqueness checks per unit). The rule's code is written as on arrays.
        // The buffer is copied into a constant: written through the closure's inout parameter, its
        // base address would be reloaded from memory on every write.
        raw.withUnsafeBufferPointer { raw in out.withUnsafeMutableBufferPointer { buffer in
            let out = buffer
            /// Scores every unit with `rule`, missing values staying missing: a loop without branches
            /// that the compiler vectorises (the rule also runs on missing values, and is discarded).
            @inline(__always) func each(_ rule: (Double) -> Double) {
                for i in 0..<raw.count {
                    let v = raw[i]
                    let s = rule(v)
                    out[i] = v.isNaN ? .nan : s
                }
            }
            switch rule {
            case .ratio:
                if higher { each { clamp01($0) } } else { each { 1 - clamp01($0) } }
            case .asIs(let clamp):
                for i in raw.indices where !raw[i].isNaN {
                    let v = higher ? raw[i] : -raw[i]
                    out[i] = clamp ? clamp01(higher ? raw[i] : 1 - raw[i]) : v
                }
            case .yesNo:
                if higher { each { $0 != 0 ? 1 : 0 } } else { each { $0 != 0 ? 0 : 1 } }
            case .relativeToBest:
                let best = context.best(direction)
                if higher {
                    each { v in v == best ? (best == 0 ? 0 : 1) : (best > 0 ? clamp01(v / best) : 0) }
                } else {
                    each { v in v == best ? 1 : (v > 0 ? clamp01(best / v) : 1) }
                }
            case .goalpost(let low, let high):
                let span = high - low
                if truncate ?? true {
                    if higher { each { clamp01(($0 - low) / span) } } else { each { 1 - clamp01(($0 - low) / span) } }
                } else {
                    if higher { each { ($0 - low) / span } } else { each { 1 - ($0 - low) / span } }
                }
            case .steps(let steps):
                // The first step whose threshold the value reaches gives the score.
                let thresholds = steps.map(\.threshold)
                let awards = steps.map { step in
                    switch step.award {
                    case .points(let points): weight > 0 ? clamp01(points / weight) : 0
                    case .score(let score): score
                    }
                }
                for i in raw.indices where !raw[i].isNaN {
                    let v = raw[i]
                    var award = 0.0
                    for k in thresholds.indices where higher ? v >= thresholds[k] : v <= thresholds[k] {
                        award = awards[k]
                        break
                    }
                    out[i] = award
                }
            case .cappedCount(let cap):
                if higher {
                    each { Swift.min(Swift.max($0, 0), cap) / cap }
                } else {
                    each { 1 - Swift.min(Swift.max($0, 0), cap) / cap }
                }
            case .minMax:
                let (minimum, maximum) = (context.minimum, context.maximum)
                let range = maximum - minimum
                if range == 0 {
                    each { _ in 1 }
                } else if higher {
                    each { ($0 - minimum) / range }
                } else {
                    each { (maximum - $0) / range }
                }
            case .zScore(let population):
                let sd = population ? Self.populationSD(raw, mean: context.mean) : context.standardDeviation
                let mean = context.mean
                if !(sd > 0) {
                    each { _ in higher ? 0 : -0.0 } // z = 0; lower is better negates it
                } else if higher {
                    each { ($0 - mean) / sd }
                } else {
                    each { -(($0 - mean) / sd) }
                }
            case .rank:
                let ranks = Ranking.competitionRanks(Array(raw), descending: higher)
                let n = context.count
                for i in raw.indices where !raw[i].isNaN {
                    out[i] = n <= 1 ? 1 : Double(n - ranks[i]) / Double(n - 1)
                }
            case .percentRank, .borda:
                // Ranks with the worst value 1 and ties at the lowest rank: the units strictly worse.
                let present = raw.filter { !$0.isNaN }.sorted()
                let n = present.count
                let percent = rule == .percentRank
                for i in raw.indices where !raw[i].isNaN {
                    let worse = higher ? lowerBound(present, raw[i]) : n - upperBound(present, raw[i])
                    out[i] = percent ? (n > 1 ? Double(worse) / Double(n - 1) : 1) : Double(worse)
                }
            case .distanceToReference, .distanceToTarget:
                // 1 − (goal − v)/(goal − worst), with the block's worst value (its minimum; the
                // maximum when lower is better); capped at 1 with `truncate: true`.
                let goal: Double
                if case .distanceToTarget(let target) = rule { goal = target } else { goal = reference.map { raw[$0] } ?? .nan }
                context.reference = goal
                let worst = higher ? context.minimum : context.maximum
                let cap = truncate ?? false
                each { v in
                    let s = 1 - (goal - v) / (goal - worst)
                    return cap ? Swift.min(s, 1) : s
                }
            case .percentile:
                let present = raw.filter { !$0.isNaN }.sorted()
                let n = present.count
                for i in raw.indices where !raw[i].isNaN {
                    guard n > 1 else { out[i] = 1; continue }
                    let below = lowerBound(present, raw[i])
                    let equalOthers = upperBound(present, raw[i]) - below - 1
                    let above = n - below - equalOthers - 1
                    out[i] = (Double(higher ? below : above) + 0.5 * Double(equalOthers)) / Double(n - 1)
                }
            }
        } }
        return (out, usesBlockContext ? context : nil)
    }

    /// Whether the rule scores a unit relative to the block (its best, range, mean or order).
    var usesBlockContext: Bool {
        switch rule {
        case .relativeToBest, .minMax, .zScore, .rank, .percentile, .percentRank, .borda, .distanceToReference, .distanceToTarget: true
        case .ratio, .asIs, .yesNo, .goalpost, .steps, .cappedCount: false
        }
    }

    /// Whether the rule needs the block's standard deviation (a second pass over the values).
    private var usesSpread: Bool {
        if case .zScore = rule { return true }
        return false
    }

    /// Count, min, max, mean and (with `spread`, else NaN) sample standard deviation of the present
    /// values. Sums run in unit order, which the engine fixes (sorted by id), so results do not
    /// depend on input order.
    static func context(_ raw: [Double], spread: Bool = true) -> ScoringContext {
        var count = 0, sum = 0.0, minimum = Double.infinity, maximum = -Double.infinity
        for v in raw where !v.isNaN {
            count += 1
            sum += v
            minimum = Swift.min(minimum, v)
            maximum = Swift.max(maximum, v)
        }
        guard count > 0 else { return .empty }
        let mean = sum / Double(count)
        guard spread else { return ScoringContext(count: count, minimum: minimum, maximum: maximum, mean: mean, standardDeviation: .nan) }
        var squares = 0.0
        for v in raw where !v.isNaN { squares += (v - mean) * (v - mean) }
        let sd = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
        return ScoringContext(count: count, minimum: minimum, maximum: maximum, mean: mean, standardDeviation: sd)
    }

    static func populationSD(_ raw: some Sequence<Double>, mean: Double) -> Double {
        var count = 0, squares = 0.0
        for v in raw where !v.isNaN { count += 1; squares += (v - mean) * (v - mean) }
        return count > 0 ? (squares / Double(count)).squareRoot() : 0
    }
}

private func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
    var lo = 0, hi = sorted.count
    while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < value { lo = mid + 1 } else { hi = mid } }
    return lo
}

private func upperBound(_ sorted: [Double], _ value: Double) -> Int {
    var lo = 0, hi = sorted.count
    while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] <= value { lo = mid + 1 } else { hi = mid } }
    return lo
}

/// `x.rounded(.toNearestOrAwayFromZero)` bit for bit, without a call into libm for the usual
/// magnitudes: truncate through Int64 (exact below 2⁵²), then step away from zero when the
/// fraction is at least a half; a zero result keeps the sign of `x`, as `round` does.
@inline(__always)
func roundHalfAwayFromZero(_ x: Double) -> Double {
    guard x.magnitude < 0x1p52 else { return x.rounded(.toNearestOrAwayFromZero) } // NaN, ∞, large
    let truncated = Double(Int64(x))
    let rounded = (x - truncated).magnitude >= 0.5 ? truncated + (x < 0 ? -1 : 1) : truncated
    return rounded == 0 ? (x.sign == .minus ? -0.0 : 0.0) : rounded
}
