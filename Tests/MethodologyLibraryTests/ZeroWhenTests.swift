import Foundation
import IndexCore
import Testing

/// `zero_when:`, the node key the EGDI's no-portal rule needs: loading, order of computation, explain.
@Suite struct ZeroWhenTests {
    static func yaml(_ condition: String, rescale: Bool = false) -> String {
        """
        id: zero-when-test
        title: test
        scale: unit
        blocks:
          - {id: a, name: A}
          - {id: b, name: B}
        fields:
          - {id: x, label: x, type: number}
          - {id: y, label: y, type: number}
          - {id: closed, label: closed, type: boolean}
          - {id: only_b, label: only in b, type: boolean, blocks: [b]}
        index:
          id: total
          children:
            - id: g
              \(rescale ? "rescale: min_max" : "")
              zero_when: \(condition)
              children:
                - {id: gx, value: x, score: as_is}
                - {id: gy, value: y, score: as_is}
        """
    }

    static func load(_ yaml: String) -> [Diagnostic] {
        do { _ = try MethodologyLoader.load(yaml: yaml, fileName: "test.yaml"); return [] } catch let error as DiagnosticError { return error.diagnostics } catch { return [] }
    }

    @Test func theConditionMustBeYesNoOverKnownFieldsOfTheBlock() {
        #expect(Self.load(Self.yaml("closed")).isEmpty)
        #expect(Self.load(Self.yaml("x > 3 and not closed")).isEmpty)
        let number = Self.load(Self.yaml("x"))
        #expect(number.map(\.code) == [.typeMismatch])
        #expect(number.first?.location?.line == 15, "reported at the node, as value expressions are")
        #expect(Self.load(Self.yaml("closd")).map(\.code) == [.unknownField])
        #expect(Self.load(Self.yaml("closd")).first?.message.contains("did you mean 'closed'") == true)
        // only_b is not answered by block a, to which the node applies.
        #expect(Self.load(Self.yaml("only_b")).map(\.code) == [.unknownField])
    }

    @Test func appliesAfterAggregationAndRescaleAndOnlyWhereTheConditionHolds() throws {
        let methodology = try MethodologyLoader.load(yaml: Self.yaml("closed", rescale: true), fileName: "test.yaml")
        let answers = [
            UnitAnswers(unitID: "u1", name: "U1", block: "a", values: ["x": 1, "y": 1, "closed": 0]),
            UnitAnswers(unitID: "u2", name: "U2", block: "a", values: ["x": 3, "y": 3, "closed": 1]),
            UnitAnswers(unitID: "u3", name: "U3", block: "a", values: ["x": 5, "y": 5]),   // condition missing
            UnitAnswers(unitID: "u4", name: "U4", block: "a", values: ["x": 2, "y": 2, "closed": 0]),
        ]
        let block = try Engine.compute(BlockPlan(methodology: methodology, block: "a"), answers: answers)
        let g = try #require(block.plan.index(of: "g"))
        // The rescale sees u2's aggregated 3 (min 1, max 5), then u2 is set to 0.
        #expect(block.score[g] == [0, 0, 1, 0.25])
        #expect(block.index == [0, 0, 1, 0.25])
        #expect(block.rank[block.plan.rootIndex] == [3, 3, 1, 2])
        #expect(block.isForcedZero(node: g, unit: 1))
        #expect(!block.isForcedZero(node: g, unit: 2))
        #expect(!block.isForcedZero(node: block.plan.rootIndex, unit: 1))
        #expect(block.explain(unit: 1, node: g).zeroNote == "set to 0: closed holds (zero_when)")
        #expect(block.explain(unit: 0, node: g).zeroNote == nil)
    }
}
