import Foundation
import IndexCore
import Testing

@Suite("Aggregation, rescale, scales, blocks and derived values")
struct AggregationTests {
    /// Two clamped as_is leaves `x` (field a, weight 1) and `y` (field b, weight 3) under a root
    /// with the given aggregation.
    func twoLeaves(_ aggregate: String, weights: (String, String) = ("1", "3")) -> String {
        twoLeavesYAML(aggregate, weights: weights)
    }

    @Test("arithmetic: Σwᵢsᵢ / Σwᵢ")
    func arithmetic() throws {
        let m = try loadMethodology(twoLeaves("arithmetic"))
        let r = try computeBlock(m, [unit("u1", ["a": 0.25, "b": 1]), unit("u2", ["a": 0, "b": 0.5])])
        // u1: (1·0.25 + 3·1) / 4 = 3.25 / 4 = 0.8125; u2: (0 + 3·0.5) / 4 = 0.375
        expectClose(r.index, [0.8125, 0.375])
    }

    @Test("geometric: Π sᵢ^(wᵢ/Σw); with zero_scores: zero, 0 when a weighted child is 0")
    func geometric() throws {
        let m = try loadMethodology(twoLeaves("geometric\n  zero_scores: zero"))
        let r = try computeBlock(m, [unit("u1", ["a": 0.25, "b": 1]), unit("u2", ["a": 0, "b": 0.5]), unit("u3", ["a": 0.5, "b": 0.5])])
        // u1: 0.25^(1/4) · 1^(3/4) = √0.5 = 0.7071067811…; u2: a child is 0 → 0; u3: 0.5^(1/4)·0.5^(3/4) = 0.5
        expectClose(r.index, [(0.5).squareRoot(), 0, 0.5])
    }

    @Test("geometric ignores a zero score whose weight is zero")
    func geometricZeroWeight() throws {
        let m = try loadMethodology(twoLeaves("geometric", weights: ("0", "1")))
        let r = try computeBlock(m, [unit("u1", ["a": 0, "b": 0.5])])
        // weights 0 and 1: exp((0 + 1·ln 0.5) / 1) = 0.5
        expectClose(r.index, [0.5])
    }

    @Test("harmonic: Σw / Σ(wᵢ/sᵢ); with zero_scores: zero, 0 when a weighted child is 0")
    func harmonic() throws {
        let m = try loadMethodology(twoLeaves("harmonic\n  zero_scores: zero"))
        let r = try computeBlock(m, [unit("u1", ["a": 0.25, "b": 1]), unit("u2", ["a": 0, "b": 0.5])])
        // u1: 4 / (1/0.25 + 3/1) = 4 / 7 = 0.571428…; u2: 0
        expectClose(r.index, [4.0 / 7.0, 0])
    }

    @Test("min_max rescale of a group across the block, seen by its parent")
    func rescale() throws {
        let yaml = """
        id: rescale
        title: Rescale
        scale: unit
        blocks:
          - {id: p, name: Provinces}
        fields:
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
        index:
          id: index
          children:
            - id: g
              weight: 1
              rescale: min_max
              children:
                - {id: x, weight: 1, value: a, score: ratio}
            - {id: y, weight: 1, value: b, score: ratio}
        """
        let m = try loadMethodology(yaml)
        let r = try computeBlock(m, [unit("u1", ["a": 0.2, "b": 0]), unit("u2", ["a": 0.5, "b": 0]), unit("u3", ["a": 0.8, "b": 1])])
        // g before rescale: 0.2, 0.5, 0.8 → (s − 0.2) / 0.6: 0, 0.5, 1
        expectClose(r.scores("g"), [0, 0.5, 1])
        // index: (g + y) / 2: (0 + 0)/2 = 0; (0.5 + 0)/2 = 0.25; (1 + 1)/2 = 1
        expectClose(r.index, [0, 0.25, 1])
        #expect(r.explain(unit: 0, node: r.plan.index(of: "g")).rule == "arithmetic, then min_max")
    }

    /// The same tree on either scale: c1 = {a1: 20, a2: 30} with declared weight 50,
    /// c2 = {b1: 50} without a declared weight.
    func scaleTree(_ scale: String) -> String {
        """
        id: scales
        title: Scales
        scale: \(scale)
        blocks:
          - {id: p, name: Provinces}
        fields:
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
          - {id: c, label: C, type: count}
        index:
          id: index
          children:
            - id: c1
              weight: 50
              children:
                - {id: a1, weight: 20, value: a, score: ratio}
                - {id: a2, weight: 30, value: b, score: ratio}
            - id: c2
              children:
                - {id: b1, weight: 50, value: c, score: {rule: capped_count, cap: 5}}
        """
    }

    @Test("points scale: a group's maximum is the sum of its children's; index = points / maximum")
    func pointsScale() throws {
        let m = try loadMethodology(scaleTree("points"))
        let r = try computeBlock(m, [unit("u1", ["a": 0.5, "b": 1, "c": 2])])
        let p = r.plan
        // maxima: a1 20, a2 30, c1 50, b1 50, c2 50 (sum of children), index 100
        #expect(p.nodes[p.index(of: "c1")!].maxPoints == 50)
        #expect(p.nodes[p.index(of: "c2")!].maxPoints == 50)
        #expect(p.root.maxPoints == 100)
        // a1 = 0.5 → 10 points; a2 = 1 → 30 points; c1 = 40 / 50 = 0.8
        // b1 = 2/5 = 0.4 → 20 points; c2 = 0.4; index = (40 + 20) / 100 = 0.6
        expectClose(r.score("c1", "u1"), 0.8)
        expectClose(r.score("c2", "u1"), 0.4)
        expectClose(r.index, [0.6])
        expectClose(r.points(node: p.index(of: "a1")!, unit: 0), 10)
        expectClose(r.points(node: p.index(of: "c1")!, unit: 0), 40)
        expectClose(r.points(node: p.rootIndex, unit: 0), 60)
    }

    @Test("unit scale: weights are relative, groups without a weight weigh 1, points are scores")
    func unitScale() throws {
        let m = try loadMethodology(scaleTree("unit"))
        let r = try computeBlock(m, [unit("u1", ["a": 0.5, "b": 1, "c": 2])])
        let p = r.plan
        // c1 = (20·0.5 + 30·1) / 50 = 0.8; c2 = 0.4 (one child);
        // index = (50·0.8 + 1·0.4) / 51 = 40.4 / 51 = 0.792156…
        expectClose(r.score("c1", "u1"), 0.8)
        expectClose(r.score("c2", "u1"), 0.4)
        expectClose(r.index, [40.4 / 51])
        #expect(p.nodes[p.index(of: "c2")!].weight == 1)
        // on a unit scale every node is reported on 0–1: no node has more than 1 point
        for index in p.nodes.indices {
            #expect(p.nodes[index].maxPoints == 1, "\(p.nodes[index].id)")
        }
        expectClose(r.points(node: p.index(of: "a1")!, unit: 0), 0.5)
    }

    @Test("by_block overrides weight, value and score; blocks: restricts a node to some blocks")
    func byBlockAndBlocks() throws {
        let yaml = """
        id: blocks
        title: Blocks
        scale: unit
        blocks:
          - {id: m, name: Ministries}
          - {id: p, name: Provinces}
        fields:
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
          - {id: c, label: C, type: number, blocks: [p]}
        index:
          id: index
          children:
            - id: x
              weight: 1
              value: a
              score: ratio
              by_block:
                p: {weight: 3, value: b}
            - id: y
              weight: 1
              value: c
              score: ratio
              blocks: [p]
            - id: z
              weight: 2
              value: b
              score: ratio
              by_block:
                m: {score: {rule: as_is, clamp: true, direction: lower}}
        """
        let m = try loadMethodology(yaml)
        let answers = [unit("m1", block: "m", ["a": 0.5, "b": 0.2]), unit("p1", block: "p", ["a": 0.5, "b": 0.2, "c": 0.9])]
        let result = try Engine.compute(m, answers: answers)
        let ministries = try #require(result.block("m"))
        let provinces = try #require(result.block("p"))
        // ministries: y does not apply; x = ratio(a) = 0.5 (w 1); z = 1 − 0.2 = 0.8 (w 2)
        // index = (0.5 + 2·0.8) / 3 = 2.1 / 3 = 0.7
        #expect(ministries.plan.index(of: "y") == nil)
        expectClose(ministries.index, [0.7])
        // provinces: x = ratio(b) = 0.2 (w 3); y = 0.9 (w 1); z = ratio(b) = 0.2 (w 2)
        // index = (0.6 + 0.9 + 0.4) / 6 = 1.9 / 6 = 0.316666…
        expectClose(provinces.index, [1.9 / 6])
        #expect(provinces.plan.nodes[provinces.plan.index(of: "x")!].weight == 3)
        #expect(provinces.plan.nodes[provinces.plan.index(of: "x")!].value == .reference("b"))
    }

    @Test("derived values chain in any declaration order; division by zero gives missing")
    func derivedChain() throws {
        let yaml = """
        id: derived
        title: Derived
        scale: unit
        blocks:
          - {id: p, name: Provinces}
        fields:
          - {id: staff_total, label: Staff, type: count}
          - {id: staff_pc, label: Staff with a computer, type: count}
        derived:
          - {id: pct, value: share * 100}
          - {id: share, value: staff_pc / staff_total}
        index:
          id: index
          children:
            - {id: x, weight: 1, value: pct, score: {rule: goalpost, low: 0, high: 100}}
        """
        let m = try loadMethodology(yaml)
        let r = try computeBlock(m, [unit("u1", ["staff_total": 50, "staff_pc": 40]), unit("u2", ["staff_total": 0, "staff_pc": 3])])
        let x = r.plan.index(of: "x")!
        // u1: share = 40/50 = 0.8; pct = 80; goalpost (80 − 0)/100 = 0.8
        // u2: share = 3/0 → missing; pct missing; x missing → policy zero → 0, imputed
        expectClose(r.leaves.raw[x], [80, .nan])
        expectClose(r.scores("x"), [0.8, 0])
        #expect(r.imputed[x] == [false, true])
        #expect(Array(r.plan.columns.suffix(2)) == ["share", "pct"])
        #expect(r.plan.fieldCount == 2)
    }

    @Test("a boolean field and a choice field compute as 1/0 and the option's value")
    func booleanAndChoice() throws {
        let yaml = """
        id: kinds
        title: Kinds
        scale: points
        blocks:
          - {id: p, name: Provinces}
        fields:
          - {id: has_dc, label: Data centre, type: boolean}
          - id: level
            label: Level
            type: choice
            choices:
              - {id: none, value: 0}
              - {id: basic, value: 1}
              - {id: full, value: 2}
        index:
          id: index
          children:
            - {id: dc, weight: 35, value: has_dc, score: yes_no}
            - {id: lv, weight: 10, value: level / 2, score: ratio}
        """
        let m = try loadMethodology(yaml)
        let r = try computeBlock(m, [unit("u1", ["has_dc": 1, "level": 1]), unit("u2", ["has_dc": 0, "level": 2])])
        // u1: 35 + 10·(1/2) = 40 of 45; u2: 0 + 10 = 10 of 45
        expectClose(r.index, [40.0 / 45, 10.0 / 45])
    }
}
