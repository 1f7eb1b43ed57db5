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
    /// ``note`` in both languages (Vietnamese with the decimal comma).
    public var text: LocalizedText

    init(note: String, changed: [Bool], vi: String) {
        self.note = note
        self.changed = changed
        self.text = LocalizedText(vi: vi, en: note)
    }
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
        // `points` counts distinct units whose value was changed, as COINr's `winsorise` does: a
        // unit moved again (its new value being the extreme at the next step) is not counted twice.
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
            let newlyChanged = tied.filter { !changed[$0] }.count
            // Never more than the limit: a step that would change too many units is not taken.
            if points + newlyChanged > limit { break }
            for u in tied { x[u] = next; changed[u] = true }
            points += newlyChanged
        }
        let r2 = { (value: Double, language: Language) in NumberFormatting.format(PublishedRounding.round(value, decimals: 2), in: language) }
        if !skewed(x) {
            guard points > 0 else { return (values, nil) }
            let after = SampleMoments.skewness(x)
            return (x, ValueAdjustment(note: "winsorised \(points) point\(points == 1 ? "" : "s") (skewness \(r2(before, .en)) → \(r2(after, .en)))", changed: changed,
                                       vi: "winsor hoá \(points) điểm dữ liệu (độ lệch \(r2(before, .vi)) → \(r2(after, .vi)))"))
        }
        guard logIfSkewed else {
            guard points > 0 else { return (values, nil) }
            let after = SampleMoments.skewness(x)
            return (x, ValueAdjustment(note: "winsorised \(points) point\(points == 1 ? "" : "s"), still skewed (skewness \(r2(after, .en)))", changed: changed,
                                       vi: "winsor hoá \(points) điểm dữ liệu, vẫn lệch (độ lệch \(r2(after, .vi)))"))
        }
        // Still skewed: undo the winsorisation and log-transform the original values.
        let present = values.filter { !$0.isNaN }
        guard let low = present.min(), let high = present.max(), high > low else { return (values, nil) }
        let offset = (high - low) / 100
        let positive = before > 0
        let logged = values.map { v in v.isNaN ? v : positive ? log(v - low + offset) : -log(high - v + offset) }
        let formula = { (language: Language) in
            positive ? "ln(x − \(NumberFormatting.format(low, in: language)) + \(NumberFormatting.format(offset, in: language)))" : "−ln(\(NumberFormatting.format(high, in: language)) − x + \(NumberFormatting.format(offset, in: language)))"
        }
        let after = SampleMoments.skewness(logged)
        return (logged, ValueAdjustment(
            note: "log-transformed: \(formula(.en)) (skewness \(r2(before, .en)) → \(r2(after, .en)))",
            changed: values.map { !$0.isNaN },
            vi: "lấy logarit: \(formula(.vi)) (độ lệch \(r2(before, .vi)) → \(r2(after, .vi)))"
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
    ///   - groups: for ``groupMean`` and ``groupMedian``, each unit's group (`nil`: none), in the
    ///     same unit order.
    /// - Returns: the values with imputations and, when any was made, what and for which units.
    public func apply(_ values: [Double], previous: [Double]? = nil, groups: [String?]? = nil) -> (values: [Double], adjustment: ValueAdjustment?) {
        guard self != .none, values.contains(where: \.isNaN) else { return (values, nil) }
        let present = values.filter { !$0.isNaN }
        var x = values
        var changed = [Bool](repeating: false, count: x.count)
        let note: String, vi: String
        switch self {
        case .none:
            return (values, nil)
        case .mean, .median:
            guard !present.isEmpty else { return (values, nil) }
            let statistics = NodeStatistics(present)
            let fill = self == .mean ? statistics.mean : statistics.median
            for u in x.indices where x[u].isNaN { x[u] = fill; changed[u] = true }
            note = "block \(rawValue) of \(present.count)"
            vi = "\(name(in: .vi)) của \(present.count) đơn vị"
        case .previous:
            guard let previous else { return (values, nil) }
            for u in x.indices where x[u].isNaN && u < previous.count && !previous[u].isNaN { x[u] = previous[u]; changed[u] = true }
            note = "previous period"
            vi = "giá trị năm trước"
        case .groupMean, .groupMedian:
            guard let groups else { return (values, nil) }
            var members: [String: [Double]] = [:]
            for u in x.indices where !x[u].isNaN { if let group = groups[u] { members[group, default: []].append(x[u]) } }
            var filled: [String: Double] = [:]
            for (group, present) in members {
                let statistics = NodeStatistics(present)
                filled[group] = self == .groupMean ? statistics.mean : statistics.median
            }
            for u in x.indices where x[u].isNaN {
                if let group = groups[u], let fill = filled[group] { x[u] = fill; changed[u] = true }
            }
            note = "group \(self == .groupMean ? "mean" : "median") of the unit's group"
            vi = self == .groupMean ? "trung bình nhóm của đơn vị" : "trung vị nhóm của đơn vị"
        }
        return changed.contains(true) ? (x, ValueAdjustment(note: note, changed: changed, vi: vi)) : (values, nil)
    }
}
