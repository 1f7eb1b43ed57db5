import Foundation

/// The statistics of the data audit, on plain arrays (NaN = missing).
public enum AuditStatistics {
    /// Pearson's correlation over the units where both values are present; NaN with fewer than 3
    /// such units or when either has no variance.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        var a: [Double] = [], b: [Double] = []
        for i in x.indices where !x[i].isNaN && !y[i].isNaN { a.append(x[i]); b.append(y[i]) }
        return completePearson(a, b)
    }

    /// Spearman's correlation: Pearson's correlation of the ranks, ties sharing their average rank,
    /// over the units where both values are present.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        var a: [Double] = [], b: [Double] = []
        for i in x.indices where !x[i].isNaN && !y[i].isNaN { a.append(x[i]); b.append(y[i]) }
        return completePearson(averageRanks(a), averageRanks(b))
    }

    /// Ranks 1…n in ascending order, tied values sharing the average of their ranks (1, 2.5, 2.5, 4).
    public static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let average = Double(start + end + 2) / 2
            for k in start...end { ranks[order[k]] = average }
            start = end + 1
        }
        return ranks
    }

    static func completePearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        guard a.count >= 3 else { return .nan }
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices {
            let da = a[i] - ma, db = b[i] - mb
            sab += da * db; saa += da * da; sbb += db * db
        }
        guard saa > 0, sbb > 0 else { return .nan }
        return sab / (saa * sbb).squareRoot()
    }

    /// Cronbach's alpha of items given as columns (`items[i][unit]`), over the units with every
    /// item present: `k / (k − 1) · (1 − Σ var(itemᵢ) / var(Σ items))`, with sample variances.
    /// NaN with fewer than 2 items, fewer than 2 complete units, or no variance of the total.
    public static func cronbachAlpha(_ items: [[Double]]) -> Double {
        let rows = completeRows(items)
        let k = Double(items.count)
        guard items.count >= 2, rows.count >= 2 else { return .nan }
        let itemVariance = items.map { column in variance(rows.map { column[$0] }) }.reduce(0, +)
        let totals = rows.map { u in items.reduce(0) { $0 + $1[u] } }
        let totalVariance = variance(totals)
        guard totalVariance > 0 else { return .nan }
        return k / (k - 1) * (1 - itemVariance / totalVariance)
    }

    /// The share of the total variance of standardised items carried by the first principal
    /// component: the largest eigenvalue of their correlation matrix over the number of items,
    /// over the units with every item present. Items without variance are left out.
    public static func firstComponentShare(_ items: [[Double]]) -> Double {
        let rows = completeRows(items)
        let columns = items.map { column in rows.map { column[$0] } }.filter { variance($0) > 0 }
        guard columns.count >= 2, rows.count >= 3 else { return .nan }
        let k = columns.count
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k {
            matrix[i][i] = 1
            for j in 0..<i {
                let r = completePearson(columns[i], columns[j])
                matrix[i][j] = r; matrix[j][i] = r
            }
        }
        return (symmetricEigenvalues(matrix).max() ?? .nan) / Double(k)
    }

    /// The eigenvalues of a symmetric matrix by the cyclic Jacobi method (small matrices).
    public static func symmetricEigenvalues(_ matrix: [[Double]]) -> [Double] {
        var a = matrix
        let n = a.count
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in 0..<n where i != j { off += a[i][j] * a[i][j] } }
            if off < 1e-22 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(n, p + 1) where abs(a[p][q]) > 1e-300 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k][p], akq = a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p][k], aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                }
            }
        }
        return (0..<n).map { a[$0][$0] }
    }

    /// The sample variance (n − 1); 0 with fewer than 2 values.
    public static func variance(_ x: [Double]) -> Double {
        guard x.count >= 2 else { return 0 }
        let mean = x.reduce(0, +) / Double(x.count)
        return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
    }

    static func completeRows(_ items: [[Double]]) -> [Int] {
        guard let first = items.first else { return [] }
        return first.indices.filter { u in items.allSatisfy { !$0[u].isNaN } }
    }

    /// The `p`-quantile of whole numbers by the nearest-rank rule: the smallest value with at least
    /// a share `p` of the values at or below it (the 0.5-quantile of 1…4 is 2).
    public static func nearestRankQuantile(_ sorted: [Int], _ p: Double) -> Int {
        guard !sorted.isEmpty else { return 0 }
        let position = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(position, 1), sorted.count) - 1]
    }
}
