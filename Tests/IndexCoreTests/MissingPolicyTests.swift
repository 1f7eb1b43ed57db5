import Foundation
import IndexCore
import Testing

@Suite("Missing-data policies")
struct MissingPolicyTests {
    /// Root with a group g (leaves x: a, w 1; y: b, w 3; g weight 2) and a leaf z (c, w 1).
    func tree(_ policy: String, group: String = "") -> String {
        """
        id: missing
        title: Missing
        scale: unit
        missing: \(policy)
        blocks:
          - {id: p, name: Provinces}
        fields:
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
          - {id: c, label: C, type: number}
        index:
          id: index
          children:
            - id: g
              weight: 2
              \(group)
              children:
                - {id: x, weight: 1, value: a, score: ratio}
                - {id: y, weight: 3, value: b, score: ratio}
            - {id: z, weight: 1, value: c, score: ratio}
        """
    }

    @Test("zero: a missing leaf scores 0 and is marked imputed")
    func zero() throws {
        let r = try computeBlock(try loadMethodology(tree("zero")), [unit("u1", ["a": 0.5, "b": nil, "c": 1])])
        // x = 0.5, y = 0 (imputed); g = (0.5 + 3·0) / 4 = 0.125; index = (2·0.125 + 1) / 3 = 1.25 / 3
        expectClose(r.score("y", "u1"), 0)
        expectClose(r.score("g", "u1"), 0.125)
        expectClose(r.index, [1.25 / 3])
        #expect(r.imputed[r.plan.index(of: "y")!] == [true])
        #expect(r.imputed[r.plan.index(of: "x")!] == [false])
    }

    @Test("reweight: a missing leaf is left out and its siblings are re-weighted")
    func reweight() throws {
        let r = try computeBlock(try loadMethodology(tree("reweight")), [unit("u1", ["a": 0.5, "b": nil, "c": 1])])
        // y missing → g = 1·0.5 / 1 = 0.5; index = (2·0.5 + 1) / 3 = 2/3
        #expect(r.score("y", "u1").isNaN)
        expectClose(r.score("g", "u1"), 0.5)
        expectClose(r.index, [2.0 / 3])
        #expect(r.imputed[r.plan.index(of: "y")!] == [false])
    }

    @Test("fail: computing stops with a missing-data diagnostic naming the unit and node")
    func fail() throws {
        let m = try loadMethodology(tree("fail"))
        let error = #expect(throws: DiagnosticError.self) {
            try Engine.compute(m, answers: [unit("u1", ["a": 0.5, "b": nil, "c": 1]), unit("u2", ["a": 0.5, "b": 1, "c": 1])])
        }
        #expect(error?.diagnostics.count == 1)
        #expect(error?.diagnostics.first?.code == .missingData)
        #expect(error?.diagnostics.first?.message.contains("(u1)") == true)
        #expect(error?.diagnostics.first?.message.contains("'y'") == true)
        // with every answer present, nothing fails: (2·(0.5 + 3)/4 + 1) / 3 = (1.75 + 1) / 3
        let r = try computeBlock(m, [unit("u2", ["a": 0.5, "b": 1, "c": 1])])
        expectClose(r.index, [2.75 / 3])
    }

    @Test("a group whose policy is zero passes it to its children: all missing gives 0")
    func allMissingGroupZero() throws {
        // children re-weight (inherited from the methodology), the group itself says zero
        let r = try computeBlock(try loadMethodology(tree("reweight", group: "missing: zero")), [unit("u1", ["a": nil, "b": nil, "c": 0.6])])
        // g: no child present → missing → policy zero → 0 (imputed); index = (2·0 + 0.6) / 3 = 0.2
        let g = r.plan.index(of: "g")!
        #expect(r.plan.nodes[r.plan.index(of: "x")!].missing == .zero)
        // the group's policy is inherited by its children, so they are zeroed first: g = 0 either way
        expectClose(r.score("g", "u1"), 0)
        expectClose(r.index, [0.2])
        #expect(r.plan.nodes[g].missing == .zero)
    }

    @Test("a group whose children are all missing is itself missing under reweight")
    func allMissingGroupReweight() throws {
        let r = try computeBlock(try loadMethodology(tree("reweight")), [unit("u1", ["a": nil, "b": nil, "c": 0.6]), unit("u2", ["a": 1, "b": 1, "c": 0])])
        // u1: g missing → left out → index = 0.6 / 1 = 0.6; u2: g = 1 → index = (2 + 0) / 3
        #expect(r.score("g", "u1").isNaN)
        expectClose(r.index, [0.6, 2.0 / 3])
        // the missing group is unranked (rank 0), the present one is first
        #expect(r.ranks("g") == [0, 1])
    }

    @Test("a group with children re-weighting and its own zero policy")
    func childrenReweightGroupZero() throws {
        let yaml = """
        id: nested
        title: Nested policies
        scale: unit
        missing: zero
        blocks:
          - {id: p, name: Provinces}
        fields:
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
          - {id: c, label: C, type: number}
        index:
          id: index
          children:
            - id: g
              weight: 1
              children:
                - {id: x, weight: 1, value: a, score: ratio, missing: reweight}
                - {id: y, weight: 1, value: b, score: ratio, missing: reweight}
            - {id: z, weight: 1, value: c, score: ratio}
        """
        let r = try computeBlock(try loadMethodology(yaml), [unit("u1", ["a": nil, "b": nil, "c": 0.6]), unit("u2", ["a": nil, "b": 0.4, "c": 0.6])])
        let g = r.plan.index(of: "g")!
        // u1: x, y missing and left out → g has no value → g's policy (zero, inherited) → 0, imputed
        //     index = (0 + 0.6) / 2 = 0.3
        // u2: x left out → g = 0.4 / 1 = 0.4; index = (0.4 + 0.6) / 2 = 0.5
        expectClose(r.scores("g"), [0, 0.4])
        #expect(r.imputed[g] == [true, false])
        expectClose(r.index, [0.3, 0.5])
        let explanation = r.explain(unit: 0, node: g)
        #expect(explanation.missingNote == "missing → 0 (policy: zero)")
    }

    @Test("everything missing under reweight leaves the index missing and unranked")
    func everythingMissing() throws {
        let r = try computeBlock(try loadMethodology(tree("reweight")), [unit("u1", ["a": nil, "b": nil, "c": nil]), unit("u2", ["a": 1, "b": 0, "c": 1])])
        #expect(r.index[0].isNaN)
        #expect(r.ranks("index") == [0, 1])
        #expect(r.rankedUnitIndices == [1, 0])
        #expect(r.indexStatistics.count == 1)
    }

    @Test("node policies are inherited from the parent, then the methodology")
    func inheritance() throws {
        let r = try computeBlock(try loadMethodology(tree("fail", group: "missing: reweight")), [unit("u1", ["a": 1, "b": 1, "c": 1])])
        let policy = { (id: String) in r.plan.nodes[r.plan.index(of: id)!].missing }
        #expect(policy("index") == .fail)
        #expect(policy("z") == .fail)
        #expect(policy("g") == .reweight)
        #expect(policy("x") == .reweight)
        #expect(policy("y") == .reweight)
    }
}
