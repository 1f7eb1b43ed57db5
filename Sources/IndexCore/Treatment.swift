import Foundation

/// Sample moments of a distribution, as used by the outlier rule of composite indicators.
///
/// Both use the bias-adjusted sample formulas of spreadsheet software (Excel's `SKEW` and
/// `KURT`, which COINr's `skew()` and `kurt()` also use). Missing values (NaN) are left out.
public enum SampleMoments {
    /// The adjusted Fisher–Pearson skewness `n / ((n − 1)(n − 2)) · Σ zᵢ³`, with `zᵢ = (xᵢ − mean) / s`
    /// and `s` the sample standard deviation. NaN with fewer than 3 values or when `s` is 0.
    public static func skewness(_ values: [Double]) -> Double {
        let x = values.filter { !$0.isNaN }
        let n = Double(x.count)
        guard x.count >= 3 else { return .nan }
        let mean = x.reduce(0, +) / n
        let s = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        guard s > 0 else { return .nan }
        let cubes = x.reduce(0) { let z = ($1 - mean) / s; return $0 + z * z * z }
        return n / ((n - 1) * (n - 2)) * cubes
    }

    /// The excess kurtosis `n(n + 1) / ((n − 1)(n − 2)(n − 3)) · Σ zᵢ⁴ − 3(n − 1)² / ((n − 2)(n − 3))`.
    /// NaN with fewer than 4 values or when the standard deviation is 0.
    public static func kurtosis(_ values: [Double]) -> Double {
        let x = values.filter { !$0.isNaN }
        let n = Double(x.count)
        guard x.count >= 4 else { return .nan }
        let mean = x.reduce(0, +) / n
        let s = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        guard s > 0 else { return .nan }
        let fourth = x.reduce(0) { let z = ($1 - mean) / s; return $0 + z * z * z * z }
        return n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * fourth - 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3))
    }

    /// The outlier rule: |skewness| above `skewnessLimit` and kurtosis above `kurtosisLimit`.
    public static func isSkewed(_ values: [Double], skewnessLimit: Double = 2, kurtosisLimit: Double = 3.5) -> Bool {
        let skew = skewness(values), kurt = kurtosis(values)
        return !skew.isNaN && !kurt.isNaN && abs(skew) > skewnessLimit && kurt > kurtosisLimit
    }
}

/// What a treatment or an imputation did to one leaf of a block.
public struct ValueAdjustment: Hashable, Sendable {
    /// What happened, e.g. `winsorised 2 points (skewness 3.41 → 1.12)`.
    public var note: String
    /// Per unit: whether its value was changed.
    public var changed: [Bool]
}

extension Treatment {
    /// Applies the treatment to a block's values (NaN = missing, left alone).
    ///
    /// Returns the treated values and, when anything changed, what was done and to which units.
    public func apply(_ values: [Double]) -> (values: [Double], adjustment: ValueAdjustment?) {
        let skewed = { (v: [Double]) in SampleMoments.isSkewed(v, skewnessLimit: skewnessLimit, kurtosisLimit: kurtosisLimit) }
        guard !isIdentity, skewed(values) else { return (values, nil) }
        let before = SampleMoments.skewness(values)
        var x = values
        var changed = [Bool](repeating: false, count: x.count)
        var points = 0
        let limit = winsoriseMaxPoints ?? 0
        while points < limit, skewed(x) {
            // The most extreme value on the side of the skew goes to the next value; tied units move together.
            let positive = SampleMoments.skewness(x) > 0
            let present = x.filter { !$0.isNaN }
            guard let extreme = positive ? present.max() : present.min() else { break }
            let rest = present.filter { $0 != extreme }
            guard let next = positive ? rest.max() : rest.min() else { break }
            let tied = x.indices.filter { x[$0] == extreme }
            if points + tied.count > limit { break }
            for u in tied { x[u] = next; changed[u] = true }
            points += tied.count
        }
        if !skewed(x) {
            guard points > 0 else { return (values, nil) }
            return (x, ValueAdjustment(note: "winsorised \(points) point\(points == 1 ? "" : "s") (skewness \(formatNumber(roundPublished(before, decimals: 2))) → \(formatNumber(roundPublished(SampleMoments.skewness(x), decimals: 2))))", changed: changed))
        }
        guard logIfSkewed else {
            guard points > 0 else { return (values, nil) }
            return (x, ValueAdjustment(note: "winsorised \(points) point\(points == 1 ? "" : "s"), still skewed (skewness \(formatNumber(roundPublished(SampleMoments.skewness(x), decimals: 2))))", changed: changed))
        }
        // Still skewed: undo the winsorisation and log-transform the original values.
        let present = values.filter { !$0.isNaN }
        guard let low = present.min(), let high = present.max(), high > low else { return (values, nil) }
        let offset = (high - low) / 100
        let positive = before > 0
        let logged = values.map { v in v.isNaN ? v : positive ? log(v - low + offset) : -log(high - v + offset) }
        let formula = positive ? "ln(x − \(formatNumber(low)) + \(formatNumber(offset)))" : "−ln(\(formatNumber(high)) − x + \(formatNumber(offset)))"
        return (logged, ValueAdjustment(
            note: "log-transformed: \(formula) (skewness \(formatNumber(roundPublished(before, decimals: 2))) → \(formatNumber(roundPublished(SampleMoments.skewness(logged), decimals: 2))))",
            changed: values.map { !$0.isNaN }
        ))
    }
}

extension Imputation {
    /// Fills the missing values of a block's raw values.
    ///
    /// - Parameters:
    ///   - values: the block's raw values of one leaf, NaN where missing.
    ///   - previous: for ``previous``, each unit's value in the previous period (NaN
    ///   when it has none), in the same unit order.
    /// - Returns: the values with imputations and, when any was made, what and for which units.
    public func apply(_ values: [Double], previous: [Double]? = nil) -> (values: [Double], adjustment: ValueAdjustment?) {
        guard self != .none, values.contains(where: \.isNaN) else { return (values, nil) }
        let present = values.filter { !$0.isNaN }
        var x = values
        var changed = [Bool](repeating: false, count: x.count)
        let note: String
        switch self {
        case .none:
            return (values, nil)
        case .mean, .median:
            guard !present.isEmpty else { return (values, nil) }
            let statistics = NodeStatistics(present)
            let fill = self == .mean ? statistics.mean : statistics.median
            for u in x.indices where x[u].isNaN { x[u] = fill; changed[u] = true }
            note = "block \(rawValue) of \(present.count)"
        case .previous:
            guard let previous else { return (values, nil) }
            for u in x.indices where x[u].isNaN && u < previous.count && !previous[u].isNaN { x[u] = previous[u]; changed[u] = true }
            note = "previous period"
        }
        return changed.contains(true) ? (x, ValueAdjustment(note: note, changed: changed)) : (values, nil)
    }
}
