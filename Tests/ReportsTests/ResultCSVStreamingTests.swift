import Foundation
import IndexCore
import Reports
import Testing

/// `compute --format csv` written row by row (issue 11, item 14): the pieces joined are the whole
/// CSV byte for byte, whatever the piece size, and the cells are the hand-computed ones.
///
/// Hand-computed: u1 answers a = 0.25, b = 0.75 (x = 0.25, y = 0.75, index = (0.25 + 0.75) / 2 =
/// 0.5); u2 answers a = 0.5 only (x = 0.5, y missing → 0 by `missing: zero`, index = 0.25). The
/// names carry a comma and a formula-like text, which are quoted and neutralised.
@Suite struct ResultCSVStreamingTests {
    static let yaml = """
        id: streamed
        title: {vi: Chỉ số thử, en: Test index}
        scale: unit
        missing: zero
        blocks:
          - {id: p, name: {vi: Tỉnh, en: Provinces}}
        fields:
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
        index:
          id: index
          children:
            - {id: x, value: a, score: as_is}
            - {id: y, value: b, score: as_is}
        """

    static func table() throws -> RankingTable {
        let methodology = try MethodologyLoader.load(yaml: yaml, fileName: "streamed.yaml")
        let result = try Engine.compute(methodology, answers: [
            UnitAnswers(unitID: "u1", name: "Huế, Thừa Thiên", block: "p", values: ["a": 0.25, "b": 0.75]),
            UnitAnswers(unitID: "u2", name: "=cmd", block: "p", values: ["a": 0.5]),
        ])
        return RankingTable(result)
    }

    static let expected = """
        block,rank,id,name,value,x,y
        p,1,u1,"Huế, Thừa Thiên",0.5,0.25,0.75
        p,2,u2,'=cmd,0.25,0.5,0

        """

    @Test func theCSVHasTheHandComputedCells() throws {
        #expect(ResultFormatter(try Self.table()).csv() == Self.expected)
    }

    @Test func piecesOfAnySizeJoinToTheWholeCSV() throws {
        let formatter = ResultFormatter(try Self.table())
        for size in [1, 7, 40, 1 << 16] {
            var pieces: [String] = []
            formatter.writeCSV(chunkSize: size) { pieces.append($0) }
            #expect(pieces.joined() == Self.expected, "chunk size \(size)")
            #expect(pieces.allSatisfy { $0.hasSuffix("\n") }, "every piece ends at a line end")
            if size == 1 { #expect(pieces.count == 3, "one piece per line when each line exceeds the size") }
        }
    }

    @Test func aRowListingItsComponentsInAnotherOrderIsWrittenByID() throws {
        var table = try Self.table()
        table.sections[0].rows[1].components.reverse()
        table.sections[0].rows[1].components[0].value = .nan // y missing: an empty cell
        #expect(ResultFormatter(table).csv() == """
            block,rank,id,name,value,x,y
            p,1,u1,"Huế, Thừa Thiên",0.5,0.25,0.75
            p,2,u2,'=cmd,0.25,0.5,

            """)
    }
}
