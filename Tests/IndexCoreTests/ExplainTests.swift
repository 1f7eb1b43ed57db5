import Foundation
import IndexCore
import Intake
import Testing

@Suite("Explanations")
struct ExplainTests {
    static let yaml = """
    id: explain
    title: Explain
    scale: points
    blocks:
      - {id: p, name: Provinces}
    fields:
      - {id: staff_total, label: Staff, type: count}
      - {id: staff_pc, label: Staff with a computer, type: count}
      - {id: servers, label: Server rooms, type: count}
      - {id: bandwidth, label: Bandwidth, type: number}
    derived:
      - {id: pc_share, label: Share with a computer, value: staff_pc / staff_total}
    index:
      id: index
      children:
        - id: infra
          children:
            - {id: pcs, label: Computers, weight: 20, value: pc_share, score: ratio, provenance: published}
            - id: dc
              weight: 70
              value: servers
              score:
                rule: steps
                steps:
                  - {at_least: 1, points: 35}
                  - {at_least: 2, points: 70}
        - {id: net, weight: 40, value: bandwidth, score: relative_to_best}
    """

    /// Two provinces read from CSV, so every answer has a file location.
    func result() throws -> BlockResult {
        let csv = """
        id,name,block,staff_total,staff_pc,servers,bandwidth
        hue,Thừa Thiên Huế,p,50,40,1,10
        dng,Đà Nẵng,p,20,20,2,40
        """
        let m = try loadMethodology(Self.yaml)
        let records = try SurveyReader.readCSV(Data(csv.utf8), fileName: "answers.csv")
        let answers = try SurveyValidator(methodology: m).validate(records)
        return try computeBlock(m, answers)
    }

    @Test("a leaf: the rule applied to the unit's numbers, points and inputs with their sources")
    func leaf() throws {
        let r = try result()
        let hue = try #require(r.unitIndex("hue"))
        let pcs = r.explain(unit: hue, node: r.plan.index(of: "pcs"))
        // pc_share = 40 / 50 = 0.8; ratio → 0.8; 0.8 × 20 = 16 points
        #expect(pcs.isLeaf)
        #expect(pcs.expression == "pc_share")
        #expect(pcs.raw == 0.8)
        #expect(pcs.rule == "ratio")
        #expect(pcs.formula == "clamp(0.8, 0, 1) = 0.8")
        #expect(pcs.score == 0.8)
        #expect(pcs.maxPoints == 20)
        #expect(pcs.points == 16)
        #expect(pcs.provenance == .published)
        // the input is a derived value: its expression, no file location
        #expect(pcs.inputs.count == 1)
        #expect(pcs.inputs.first?.id == "pc_share")
        #expect(pcs.inputs.first?.expression == "staff_pc / staff_total")
        #expect(pcs.inputs.first?.source == nil)
        #expect(pcs.inputs.first?.label?.en == "Share with a computer")

        // steps: 1 server room ≥ 1 → 35 of 70 points = 0.5
        let dc = r.explain(unit: hue, node: r.plan.index(of: "dc"))
        #expect(dc.formula == "1 ≥ 1 → 35 of 70 points = 0.5")
        #expect(dc.points == 35)
        #expect(dc.inputs.first?.id == "servers")
        #expect(dc.inputs.first?.value == 1)
        // the answer came from row 2 (line 2), column 6 of answers.csv
        #expect(dc.inputs.first?.source == IndexCore.SourceLocation(file: "answers.csv", line: 2, column: 6, detail: "servers"))

        // relative to the best: 10 / 40 = 0.25 → 10 of 40 points
        let net = r.explain(unit: hue, node: r.plan.index(of: "net"))
        #expect(net.formula == "10 / 40 (best of 2) = 0.25")
        #expect(net.points == 10)
        #expect(net.rank == 2)
        #expect(net.rankOf == 2)
    }

    @Test("a group: the weighted children and the total, for the hand-computed points")
    func group() throws {
        let r = try result()
        let hue = try #require(r.unitIndex("hue"))
        // infra = pcs (20 max) + dc (70 max) = 90 max; Huế: 16 + 35 = 51 → 51/90 = 0.566666…
        let infra = r.explain(unit: hue, node: r.plan.index(of: "infra"))
        #expect(infra.maxPoints == 90)
        #expect(infra.rule == "arithmetic")
        #expect(infra.formula == "(20×0.8 + 70×0.5) / 90 = 0.566667")
        #expect(infra.points.map { close($0, 51) } == true)
        #expect(infra.children.map(\.nodeID) == ["pcs", "dc"])
        // index = (51 + 10) / 130 = 0.469230…; Đà Nẵng: (20 + 70 + 40) / 130 = 1
        let index = r.explain(unit: hue)
        #expect(index.nodeID == "index")
        #expect(index.maxPoints == 130)
        #expect(index.formula == "(90×0.566667 + 40×0.25) / 130 = 0.469231")
        #expect(index.rank == 2)
        expectClose(r.index, [1, 61.0 / 130])
        #expect(r.units.map(\.unitID) == ["dng", "hue"])
    }

    @Test("a missing child is shown and left out of the denominator under reweight")
    func reweightFormula() throws {
        let yaml = """
        id: reweight
        title: Reweight
        scale: unit
        missing: reweight
        blocks:
          - {id: p, name: Provinces}
        fields:
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
        index:
          id: index
          children:
            - {id: x, weight: 1, value: a, score: ratio}
            - {id: y, weight: 3, value: b, score: ratio}
        """
        let r = try computeBlock(try loadMethodology(yaml), [unit("u1", ["a": 0.5, "b": nil])])
        // y is missing and left out: 1×0.5 / 1 = 0.5
        let e = r.explain(unit: 0)
        #expect(e.formula == "(1×0.5 + 3×—) / 1 = 0.5")
        #expect(e.children[1].missingNote == "missing → left out, parent re-weights (policy: reweight)")
        #expect(e.children[1].formula == "no value")
        #expect(e.children[1].inputs.first?.value == nil)
        #expect(e.children[1].inputs.first?.source == nil)
    }

    @Test("formulas of the other rules")
    func otherFormulas() throws {
        func formula(_ score: String, _ values: [Double?], unit index: Int = 0) throws -> String {
            let m = try loadMethodology(singleLeafYAML(score: score))
            let r = try computeBlock(m, units("a", values))
            return r.explain(unit: index, node: r.plan.index(of: "x")).formula
        }
        #expect(try formula("{rule: ratio, direction: lower}", [0.25]) == "1 − clamp(0.25, 0, 1) = 0.75")
        #expect(try formula("{rule: goalpost, low: 0, high: 0.3}", [0.15]) == "clamp((0.15 − 0) / (0.3 − 0), 0, 1) = 0.5")
        #expect(try formula("{rule: capped_count, cap: 5}", [3]) == "min(3, 5) / 5 = 0.6")
        #expect(try formula("min_max", [2, 6, 10], unit: 1) == "(6 − min 2) / (max 10 − min 2) = 0.5")
        #expect(try formula("yes_no", [0]) == "no → 0")
        #expect(try formula("{rule: relative_to_best, direction: lower}", [10, 5]) == "5 (best of 2) / 10 = 0.5")
        #expect(try formula("{rule: steps, steps: [{at_least: 3, score: 0.5}]}", [1]) == "1 reaches no step → 0")
        #expect(try formula("z_score", [2, 4, 6], unit: 2) == "(6 − mean 4) / sd = 1")
        #expect(try formula("rank", [2, 4, 6], unit: 2) == "rank among 3 → 1")
        #expect(try formula("percentile", [2, 4, 6], unit: 1) == "percentile among 3 → 0.5")
        #expect(try formula("ratio", [nil]) == "no value")
    }
}
