import Foundation
@testable import IndexCore
import Testing

/// A leaf's score before the missing-data policy is kept once when its node score repeats it but
/// for the policy's zeros (issue 11, item 14: 1.6 KB a unit for 200 leaves), and reads back bit
/// for bit as the leaf scores computed afresh.
@Suite struct LeafScoreSharingTests {
    static let yaml = """
        id: shared
        title: {vi: Chỉ số thử, en: Test index}
        scale: unit
        missing: zero
        blocks:
          - {id: p, name: {vi: Tỉnh, en: Provinces}}
        fields:
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
          - {id: c, label: C, type: number}
        index:
          id: index
          children:
            - {id: x, value: a, score: {rule: min_max}}
            - {id: y, value: b / c, score: {rule: min_max}}
            - {id: z, value: c, score: {rule: min_max}, zero_when: a > 5}
            - {id: w, value: a + c, score: {rule: min_max}}
        """

    /// Hand-made answers: u2 misses a (x and w missing → 0), u3 misses c (y, z, w missing → 0).
    static func answers() -> [UnitAnswers] {
        [
            UnitAnswers(unitID: "u1", name: "U1", block: "p", values: ["a": 2, "b": 1, "c": 4]),
            UnitAnswers(unitID: "u2", name: "U2", block: "p", values: ["b": 3, "c": 2]),
            UnitAnswers(unitID: "u3", name: "U3", block: "p", values: ["a": 10, "b": 5]),
            UnitAnswers(unitID: "u4", name: "U4", block: "p", values: ["a": 6, "b": 2, "c": 8]),
        ]
    }

    @Test func sharedLeafScoresReadAsTheLeafScoresComputedAfresh() throws {
        let methodology = try MethodologyLoader.load(yaml: Self.yaml, fileName: "shared.yaml")
        let block = try #require(try Engine.compute(methodology, answers: Self.answers()).blocks.first)
        let fresh = Engine.scoreLeaves(block.plan, data: block.data)
        for leaf in block.plan.leafIndices {
            let id = block.plan.nodes[leaf].id
            #expect(block.leaves.score[leaf].map(\.bitPattern) == fresh.score[leaf].map(\.bitPattern), "\(id)")
            for u in 0..<block.data.count {
                #expect(block.leaves.score.value(node: leaf, unit: u).bitPattern == fresh.score[leaf][u].bitPattern, "\(id), unit \(u)")
            }
        }
        // Hand-computed: x = min–max of a over (2, 10, 6) = 0, 1, 0.5; u2 missing.
        let x = try #require(block.plan.index(of: "x"))
        #expect(block.leaves.score[x][0] == 0 && block.leaves.score[x][1].isNaN && block.leaves.score[x][2] == 1 && block.leaves.score[x][3] == 0.5)
        #expect(block.score[x] == [0, 0, 1, 0.5], "the policy's zero for u2")
        #expect(block.imputed[x] == [false, true, false, false])
    }

    @Test func onlyLeavesWhoseNodeScoreRepeatsThemAreShared() throws {
        let methodology = try MethodologyLoader.load(yaml: Self.yaml, fileName: "shared.yaml")
        let block = try #require(try Engine.compute(methodology, answers: Self.answers()).blocks.first)
        let plan = block.plan
        func shared(_ id: String) -> Bool { block.leaves.score.isShared(node: plan.index(of: id)!) }
        #expect(shared("x") && shared("y") && shared("w"), "missing units filled with 0: kept once")
        #expect(!shared("z"), "zero_when set u4's score (c = 8, a = 6 > 5) to 0: the leaf keeps its own column")
    }

    /// Reruns from a result's leaves (what-if, uncertainty) give the same result.
    @Test func aggregatingAgainFromSharedLeavesGivesTheSameResult() throws {
        let methodology = try MethodologyLoader.load(yaml: Self.yaml, fileName: "shared.yaml")
        let block = try #require(try Engine.compute(methodology, answers: Self.answers()).blocks.first)
        let again = try Engine.aggregate(block.plan, data: block.data, leaves: block.leaves)
        #expect(again.score.map { $0.map(\.bitPattern) } == block.score.map { $0.map(\.bitPattern) })
        #expect(again.rank == block.rank)
    }
}
