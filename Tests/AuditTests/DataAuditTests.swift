import Audit
import Foundation
import IndexCore
import Testing

@Suite("Data audit statistics")
struct DataAuditTests {
    @Test("Pearson and Spearman (average ranks for ties), by hand")
    func correlations() {
        #expect(abs(AuditStatistics.pearson([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]) - 1) < 1e-12)
        #expect(abs(AuditStatistics.pearson([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]) + 1) < 1e-12)
        #expect(AuditStatistics.averageRanks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4])
        // ranks x = 1, 2.5, 2.5, 4 and y = 1, 3, 2, 4: 4.5 / √(4.5 · 5) = 0.948683
        #expect(abs(AuditStatistics.spearman([1, 2, 2, 3], [1, 3, 2, 4]) - 4.5 / (4.5 * 5).squareRoot()) < 1e-12)
        // Missing values are left out pairwise; fewer than 3 pairs: undefined.
        #expect(abs(AuditStatistics.pearson([1, .nan, 2, 3], [2, 9, 4, 6]) - 1) < 1e-12)
        #expect(AuditStatistics.pearson([1, 2], [2, 1]).isNaN)
    }

    @Test("skewness and kurtosis as Excel's SKEW and KURT, and the outlier rule")
    func moments() {
        // 1, 2, 3, 4, 10: mean 4, s = √12.5; Σz³ = 180 / s³, Σz⁴ = 1394 / s⁴.
        let s = 12.5.squareRoot()
        #expect(abs(SampleMoments.skewness([1, 2, 3, 4, 10]) - 5.0 / 12 * 180 / pow(s, 3)) < 1e-12)
        #expect(abs(SampleMoments.kurtosis([1, 2, 3, 4, 10]) - (1.25 * 1394 / pow(s, 4) - 8)) < 1e-12)
        #expect(abs(SampleMoments.skewness([1, 2, 3, 4, 10]) - 1.697056) < 1e-6)
        #expect(!SampleMoments.isSkewed([1, 2, 3, 4, 10]))
        #expect(SampleMoments.isSkewed([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]))
        #expect(SampleMoments.kurtosis([1, 2, 3]).isNaN)
    }

    @Test("Cronbach's alpha, the first principal component's share and Jacobi eigenvalues, by hand")
    func consistency() {
        #expect(abs(AuditStatistics.cronbachAlpha([[1, 2, 3], [2, 3, 4]]) - 1) < 1e-12)
        // variances 5/3 and 5/3, totals 3, 3, 7, 7 of variance 16/3: 2 · (1 − (10/3) / (16/3)) = 0.75
        #expect(abs(AuditStatistics.cronbachAlpha([[1, 2, 3, 4], [2, 1, 4, 3]]) - 0.75) < 1e-12)
        // two items with r = 0.6: eigenvalues 1.6 and 0.4, share 0.8
        #expect(abs(AuditStatistics.firstComponentShare([[1, 2, 3, 4], [2, 1, 4, 3]]) - 0.8) < 1e-12)
        let eigen = AuditStatistics.symmetricEigenvalues([[2, 1, 0], [1, 2, 0], [0, 0, 5]]).sorted()
        #expect(zip(eigen, [1.0, 3, 5]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(AuditStatistics.nearestRankQuantile([1, 2, 3, 4], 0.5) == 2)
        #expect(AuditStatistics.nearestRankQuantile([1, 2, 3, 4], 0.05) == 1)
        #expect(AuditStatistics.nearestRankQuantile([1, 2, 3, 4], 0.95) == 4)
    }

    static let yaml = """
    id: audit
    title: Audit
    scale: unit
    blocks: [{id: p, name: P}]
    fields:
      - {id: a, label: A, type: number}
      - {id: b, label: B, type: number}
      - {id: c, label: C, type: number}
      - {id: d, label: D, type: number}
    index:
      id: index
      children:
        - id: g1
          children:
            - {id: ia, value: a, score: min_max}
            - {id: ib, value: b, score: min_max}
        - id: g2
          children:
            - {id: ic, value: c, score: min_max}
            - {id: id, value: d, score: min_max}
    """

    @Test("a block audit: availability, flags for collinear and negative pairs, low availability and outliers")
    func blockAudit() throws {
        let m = try MethodologyLoader.load(yaml: Self.yaml, fileName: "audit.yaml")
        let a: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100]
        let answers = (0..<10).map { i in
            unit(String(format: "u%02d", i + 1), ["a": a[i], "b": a[i] * 2 + 1, "c": Double(i), "d": i < 3 ? nil : Double(10 - i)])
        }
        let result = try Engine.compute(m, answers: answers).block("p")!
        let audit = DataAudit(result)
        let ia = try #require(audit.indicators.first { $0.id == "ia" })
        #expect(ia.availability == 1 && ia.parent == "g1" && ia.hasOutliers)
        let d = try #require(audit.indicators.first { $0.id == "id" })
        #expect(d.present == 7 && abs(d.availability - 0.7) < 1e-12)
        #expect(audit.units.first { $0.id == "u01" }?.present == 3)
        #expect(audit.flags.contains { $0.kind == .collinear && $0.subjects == ["ia", "ib"] && $0.group == "g1" })
        #expect(audit.flags.contains { $0.kind == .negativeCorrelation && $0.subjects == ["ic", "id"] })
        #expect(audit.flags.contains { $0.kind == .outliers && $0.subjects == ["ia"] })
        #expect(!audit.flags.contains { $0.kind == .lowIndicatorAvailability })
        let g1 = try #require(audit.groups.first { $0.id == "g1" })
        #expect(abs(g1.pearson[0][1] - 1) < 1e-12 && abs(g1.firstComponentShare - 1) < 1e-9)
        #expect(audit.pearson.count == 4 && audit.groups.first?.id == "index")
    }
}
