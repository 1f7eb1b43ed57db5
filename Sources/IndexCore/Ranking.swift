import Foundation

/// Ranking of plain values, for callers outside the engine (the engine ranks nodes through
/// `PublishedRanking`, which gives the same ranks faster). To rank as a methodology publishes,
/// use ``RankingPolicy/ranks(_:)``, which rounds first.
public enum Ranking {
    /// Competition ranks ("1224") of `values`, 1 for the best: tied values share the best place
    /// and the next value skips places (0.9, 0.8, 0.8, 0.7 → 1, 2, 2, 4). Missing values (NaN)
    /// get rank 0, meaning unranked, and take no place.
    ///
    /// - Parameters:
    ///   - values: the values, one per unit; the result has the same count and order.
    ///   - descending: `true` (the default) ranks the highest value first; `false` the lowest,
    ///     for lower-is-better measures.
    public static func competitionRanks(_ values: [Double], descending: Bool = true) -> [Int] {
        // Sort (value, position) pairs by value: ranks depend on values only, so the order among
        // ties does not matter, and comparing pairs directly avoids reaching back into `values`.
        var order: [(value: Double, index: Int)] = []
        order.reserveCapacity(values.count)
        for (index, value) in values.enumerated() where !value.isNaN { order.append((value, index)) }
        if descending { order.sort { $0.value > $1.value } } else { order.sort { $0.value < $1.value } }
        var ranks = [Int](repeating: 0, count: values.count)
        for position in order.indices {
            let (value, index) = order[position]
            ranks[index] = position > 0 && order[position - 1].value == value ? ranks[order[position - 1].index] : position + 1
        }
        return ranks
    }
}

/// Rounding as published tables round: half away from zero, after a tiny relative nudge so that
/// a value written with one more decimal rounds as a person would.
public enum PublishedRounding {
    /// `value` rounded half away from zero to `decimals` places, as published tables do
    /// (0.6325 → 0.633 at 3 places, −2.5 → −3 at none); NaN stays NaN.
    ///
    /// A relative nudge of 1e-12 counters binary representation (0.6325 is stored as
    /// 0.63249999…), so values written with `decimals + 1` places round as a person would.
    /// `decimals` may be negative (−1 rounds to tens).
    public static func round(_ value: Double, decimals: Int) -> Double {
        round(value, scale: pow(10, Double(decimals)))
    }

    /// ``round(_:decimals:)`` with `scale` = 10^decimals computed once by the caller.
    @inline(__always)
    static func round(_ value: Double, scale: Double) -> Double {
        steps(value, scale: scale) / scale
    }

    /// The value rounded as published, counted in steps of 1/`scale`: a whole number (NaN stays NaN).
    @inline(__always)
    static func steps(_ value: Double, scale: Double) -> Double {
        let scaled = value * scale
        return roundHalfAwayFromZero(scaled + scaled * 1e-12)
    }
}
