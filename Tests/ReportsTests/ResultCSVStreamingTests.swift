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

    /// Rows are formatted in batches of 2,048, the next batch while the one before is written:
    /// 5,000 units (three batches) come out once each, in rank order, every cell the table's
    /// number read back bit for bit, from the table and from the engine's result alike.
    @Test func rowsOfManyBatchesComeOutInOrderWithTheirNumbers() throws {
        let methodology = try MethodologyLoader.load(yaml: Self.yaml, fileName: "streamed.yaml")
        var random = SplitMix64(seed: 11)
        let answers = (0..<5000).map { unit in
            UnitAnswers(unitID: "u\(unit)", name: "Unit \(unit)", block: "p",
                        values: ["a": Double(random.next() % 1_000_000) / 1_000_000, "b": Double(random.next() % 1000) / 7])
        }
        let result = try Engine.compute(methodology, answers: answers)
        let table = RankingTable(result)
        var pieces: [String] = []
        ResultFormatter(table).writeCSV(chunkSize: 10_000) { pieces.append($0) }
        let text = pieces.joined()
        var fromResult = ""
        ResultFormatter.writeCSV(result) { fromResult += $0 }
        #expect(fromResult == text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "block,rank,id,name,value,x,y")
        #expect(lines.count == 5000 + 2 && lines.last == "")
        let rows = table.sections[0].rows
        for (row, line) in zip(rows, lines.dropFirst()) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let byID = Dictionary(uniqueKeysWithValues: row.components.map { ($0.id, $0.value) })
            let expected = [row.value, byID["x"]!, byID["y"]!].map(\.bitPattern)
            guard cells.count == 7, cells[2] == row.id, cells[1] == String(row.rank),
                  [cells[4], cells[5], cells[6]].compactMap(Double.init).map(\.bitPattern) == expected
            else {
                Issue.record("row \(row.id): \(line)")
                return
            }
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
