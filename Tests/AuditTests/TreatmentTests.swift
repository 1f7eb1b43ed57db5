import Audit
import Foundation
import IndexCore
import Intake
import Testing

@Suite("Treatment and imputation")
struct TreatmentTests {
    static func yaml(_ leafExtra: String, top: String = "") -> String {
        """
        id: treat
        title: Treat
        scale: unit
        \(top)
        blocks: [{id: p, name: P}]
        fields:
          - {id: x, label: X, type: number}
          - {id: y, label: Y, type: number}
        index:
          id: index
          children:
            - {id: lx, value: x, score: min_max\(leafExtra)}
            - {id: ly, value: y, score: min_max}
        """
    }

    static let skewed: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100]

    static func answers(_ x: [Double?]) -> [UnitAnswers] {
        x.enumerated().map { i, v in unit(String(format: "u%02d", i + 1), ["x": v, "y": Double(i)]) }
    }

    @Test("winsorisation: the outlier goes to the next value, is flagged and shown by explain")
    func winsorise() throws {
        let m = try MethodologyLoader.load(yaml: Self.yaml(", treatment: {winsorise: {max_points: 3}, log_if_skewed: true}"), fileName: "t.yaml")
        let r = try Engine.compute(m, answers: Self.answers(Self.skewed)).block("p")!
        let lx = r.plan.index(of: "lx")!
        #expect(r.leaves.scored[lx] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 9])
        #expect(r.leaves.treatment[lx]?.changed == Array(repeating: false, count: 9) + [true])
        // min–max on the treated values: u10 and u09 both score 1
        #expect(r.leaves.score[lx][9] == 1 && r.leaves.score[lx][8] == 1)
        let explanation = r.explain(unit: 9, node: lx)
        #expect(explanation.treatmentNote?.hasPrefix("treated: 100 → 9 (winsorised 1 point") == true)
        #expect(r.explain(unit: 0, node: lx).treatmentNote == nil)
        // Shown in the explanation of the whole index too.
        #expect(r.explain(unit: 9).children.first?.treatmentNote == explanation.treatmentNote)
    }

    @Test("when winsorisation is not asked for or not enough, the original values are log-transformed")
    func logTransform() throws {
        let values: [Double] = Array(repeating: 1, count: 12) + [2, 90, 100]  // 100 → 90 leaves it skewed
        let m = try MethodologyLoader.load(yaml: Self.yaml(", treatment: {winsorise: {max_points: 1}, log_if_skewed: true}"), fileName: "t.yaml")
        let r = try Engine.compute(m, answers: Self.answers(values)).block("p")!
        let lx = r.plan.index(of: "lx")!
        let offset = 99.0 / 100
        #expect(r.leaves.scored[lx] == values.map { log($0 - 1 + offset) })
        #expect(r.leaves.treatment[lx]?.changed.allSatisfy { $0 } == true)
        #expect(r.explain(unit: 14, node: lx).treatmentNote?.contains("log-transformed") == true)
        // Without log_if_skewed the winsorised values stay, flagged as still skewed.
        let w = try MethodologyLoader.load(yaml: Self.yaml(", treatment: {winsorise: {max_points: 1}}"), fileName: "t.yaml")
        let rw = try Engine.compute(w, answers: Self.answers(values)).block("p")!
        #expect(rw.leaves.scored[lx].last == 90)
        #expect(rw.leaves.treatment[lx]?.note.contains("still skewed") == true)
    }

    @Test("a treatment on a group or the methodology applies to its leaves; 'none' switches it off")
    func inheritance() throws {
        let m = try MethodologyLoader.load(yaml: Self.yaml(", treatment: none", top: "treatment: {log_if_skewed: true}"), fileName: "t.yaml")
        let plan = try BlockPlan(methodology: m, block: "p")
        #expect(plan.nodes[plan.index(of: "lx")!].treatment == nil)
        #expect(plan.nodes[plan.index(of: "ly")!].treatment?.logIfSkewed == true)
    }

    @Test("imputation by block mean and median, flagged and explained; 'none' leaves the policy to act")
    func meanMedian() throws {
        let x: [Double?] = [1, 2, nil, 6]
        let mean = try MethodologyLoader.load(yaml: Self.yaml(", impute: mean"), fileName: "t.yaml")
        let r = try Engine.compute(mean, answers: Self.answers(x)).block("p")!
        let lx = r.plan.index(of: "lx")!
        #expect(r.leaves.scored[lx] == [1, 2, 3, 6])
        #expect(r.leaves.imputation[lx]?.changed == [false, false, true, false])
        #expect(r.explain(unit: 2, node: lx).imputationNote == "imputed: missing → 3 (block mean of 3)")
        #expect(!r.imputed[lx][2])  // not the missing-data policy
        let median = try MethodologyLoader.load(yaml: Self.yaml(", impute: median"), fileName: "t.yaml")
        #expect(try Engine.compute(median, answers: Self.answers(x)).block("p")!.leaves.scored[lx] == [1, 2, 2, 6])
        let none = try MethodologyLoader.load(yaml: Self.yaml(", impute: none"), fileName: "t.yaml")
        let rn = try Engine.compute(none, answers: Self.answers(x)).block("p")!
        #expect(rn.leaves.scored[lx].isEmpty && rn.imputed[lx][2])
    }

    @Test("imputation from the previous period's answers of the same unit")
    func previous() throws {
        let m = try MethodologyLoader.load(yaml: Self.yaml(", impute: previous"), fileName: "t.yaml")
        let current = Self.answers([1, 2, nil, 6, nil])
        let previous = [unit("u03", ["x": 4]), unit("u01", ["x": 9]), unit("u09", ["x": 1])]
        let r = try Engine.compute(m, answers: current, previous: previous).block("p")!
        let lx = r.plan.index(of: "lx")!
        #expect(r.leaves.raw[lx][2].isNaN)
        #expect(r.leaves.scored[lx][2] == 4 && r.leaves.scored[lx][4].isNaN)
        #expect(r.explain(unit: 2, node: lx).imputationNote == "imputed: missing → 4 (previous period)")
        #expect(r.imputed[lx][4])  // no previous value: the policy applies
        // Without previous answers nothing is imputed.
        #expect(try Engine.compute(m, answers: current).block("p")!.leaves.scored[lx].isEmpty)
    }

    @Test("treatment and impute keys are validated with file and line")
    func loaderErrors() {
        let text = Self.yaml(", treatment: {winsorise: {max_points: -1}, log_if_skewd: true}, impute: average")
        let problems = diagnostics { _ = try MethodologyLoader.load(yaml: text, fileName: "t.yaml") }
        let lineNumber = line(of: "id: lx", in: text)
        #expect(problems.contains { $0.code == .invalidValue && $0.message.contains("max_points") && $0.location?.line == lineNumber })
        #expect(problems.contains { $0.code == .unknownKey && $0.message.contains("log_if_skewed") })
        #expect(problems.contains { $0.code == .invalidValue && $0.message.contains("unknown impute method 'average'") })
    }
}
