import Foundation
import IndexCore
import Intake
import Testing

@Suite("Ranking")
struct RankingTests {
    @Test("competition ranks: 1224")
    func competition() {
        #expect(Ranking.competitionRanks([0.9, 0.8, 0.8, 0.7]) == [1, 2, 2, 4])
        #expect(Ranking.competitionRanks([0.7, 0.8, 0.9, 0.8]) == [4, 2, 1, 2])
        // ascending (lower is better)
        #expect(Ranking.competitionRanks([0.9, 0.8, 0.8, 0.7], descending: false) == [4, 2, 2, 1])
        // missing values are unranked (0) and take no place
        #expect(Ranking.competitionRanks([.nan, 5, 5, 3, .nan]) == [0, 1, 1, 3, 0])
        #expect(Ranking.competitionRanks([]) == [])
    }

    @Test("PublishedRounding.round rounds half away from zero, as a person would")
    func rounding() {
        // 0.6325 is stored as 0.63249999…; the 1e-12 nudge makes it round up
        #expect(PublishedRounding.round(0.6325, decimals: 3) == 0.633)
        #expect(PublishedRounding.round(-0.6325, decimals: 3) == -0.633)
        #expect(PublishedRounding.round(1.005, decimals: 2) == 1.01)
        #expect(PublishedRounding.round(2.5, decimals: 0) == 3)
        #expect(PublishedRounding.round(-2.5, decimals: 0) == -3)
        #expect(PublishedRounding.round(0.63249, decimals: 3) == 0.632)
        #expect(PublishedRounding.round(0.7274, decimals: 3) == 0.727)
        #expect(PublishedRounding.round(.nan, decimals: 3).isNaN)
    }

    /// One as_is leaf over field `v`, optionally ranking on rounded values.
    func rankingYAML(_ ranking: String) -> String {
        """
        id: ranking
        title: Ranking
        scale: unit
        \(ranking)
        blocks:
          - {id: p, name: Provinces}
        fields:
          - {id: v, label: Published index, type: number}
        index:
          id: index
          children:
            - {id: x, weight: 1, value: v, score: as_is}
        """
    }

    @Test("the engine ranks every node with competition ranks")
    func engineRanks() throws {
        let m = try loadMethodology(rankingYAML(""))
        let r = try computeBlock(m, units("v", [0.9, 0.8, 0.8, 0.7]))
        #expect(r.ranks("index") == [1, 2, 2, 4])
        #expect(r.ranks("x") == [1, 2, 2, 4])
        #expect(r.rankedUnitIndices == [0, 1, 2, 3])
        #expect(m.ranking.decimals == nil)
    }

    @Test("ranking on values rounded to N decimals ties what the published table ties")
    func decimals() throws {
        // 0.6334 and 0.6326 both print as 0.633: exact ranks 1, 2, 3; rounded ranks 1, 1, 3
        let values: [Double?] = [0.6334, 0.6326, 0.6244]
        let exact = try computeBlock(try loadMethodology(rankingYAML("")), units("v", values))
        #expect(exact.ranks("index") == [1, 2, 3])
        let m = try loadMethodology(rankingYAML("ranking: {decimals: 3, method: competition}"))
        #expect(m.ranking.decimals == 3)
        let rounded = try computeBlock(m, units("v", values))
        #expect(rounded.ranks("index") == [1, 1, 3])
        // the scores themselves are not rounded
        expectClose(rounded.index, [0.6334, 0.6326, 0.6244])
    }

    struct PublishedRow {
        var row: Int
        var unit: String
        var rank: Int
        var index: Double
    }

    /// The published provincial ranking of 2017 (rows 1–53), copied from the shared
    /// `data/published/` folder into `Tests/Fixtures/` (outside the test target, so SwiftPM does not
    /// ask for it to be declared as a resource; it is read from the source tree).
    func published2017() throws -> [PublishedRow] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent() // IndexCoreTests
            .deletingLastPathComponent() // Tests
            .appendingPathComponent("Fixtures/it-application-2017-provinces.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        let rows = try CSVReader().rows(text, fileName: url.lastPathComponent)
        #expect(rows.first?.fields == ["row", "unit", "rank", "index"])
        return try rows.dropFirst().map { row in
            guard row.fields.count == 4, let number = Int(row.fields[0]), let rank = Int(row.fields[2]), let index = Double(row.fields[3]) else {
                throw DiagnosticError([Diagnostic(.syntax, .foreignError("bad fixture row \(row.fields)"))])
            }
            return PublishedRow(row: number, unit: row.fields[1], rank: rank, index: index)
        }
    }

    @Test("the published 2017 provincial ranking is reproduced from the published values")
    func published() throws {
        let table = try published2017()
        #expect(table.count == 53)
        let m = try loadMethodology(rankingYAML("ranking: {decimals: 3}"))
        let answers = table.map { row in
            UnitAnswers(unitID: String(format: "r%02d", row.row), name: row.unit, block: "p", values: ["v": row.index])
        }
        let r = try computeBlock(m, answers)
        let ranks = r.ranks("index")
        for row in table {
            let u = try #require(r.unitIndex(String(format: "r%02d", row.row)))
            #expect(ranks[u] == row.rank, "\(row.unit): \(row.index)")
        }
        func rank(of name: String) -> Int? {
            r.units.firstIndex { $0.name == name }.map { ranks[$0] }
        }
        // the ties the README points out: 17, 17, 19; 32, 32, 34; 40, 40, 42
        #expect(rank(of: "Thanh Hóa") == 17)
        #expect(rank(of: "Bà Rịa - Vũng Tàu") == 17)
        #expect(rank(of: "Phú Thọ") == 19)
        #expect(rank(of: "Đắk Nông") == 32)
        #expect(rank(of: "Quảng Trị") == 32)
        #expect(rank(of: "Hà Nam") == 34)
        #expect(rank(of: "Ninh Thuận") == 40)
        #expect(rank(of: "Tuyên Quang") == 40)
        #expect(rank(of: "Quảng Ngãi") == 42)
        #expect(rank(of: "Thừa Thiên - Huế") == 1)
        #expect(rank(of: "Lạng Sơn") == 53)
    }

    @Test("unrounded values within half a unit of the third decimal still give the published ranks")
    func publishedWithNoise() throws {
        let table = try published2017()
        // ±0.0004 (alternating by row) never changes the value printed with 3 decimals,
        // but separates every published tie
        let answers = table.map { row in
            UnitAnswers(unitID: String(format: "r%02d", row.row), name: row.unit, block: "p", values: ["v": row.index + (row.row.isMultiple(of: 2) ? 0.0004 : -0.0004)])
        }
        let rounded = try computeBlock(try loadMethodology(rankingYAML("ranking: {decimals: 3}")), answers)
        #expect(rounded.ranks("index") == table.map(\.rank))
        let exact = try computeBlock(try loadMethodology(rankingYAML("")), answers)
        // without rounding nobody ties: ranks are 1…53 in some order, and the tied pairs split
        #expect(exact.ranks("index").sorted() == Array(1...53))
        let thanhHoa = exact.units.firstIndex { $0.name == "Thanh Hóa" }!
        let baRia = exact.units.firstIndex { $0.name == "Bà Rịa - Vũng Tàu" }!
        #expect(exact.ranks("index")[thanhHoa] == 18)
        #expect(exact.ranks("index")[baRia] == 17)
    }

    @Test("ranking decimals outside 0–12 and unknown methods are rejected")
    func invalidRanking() {
        let tooMany = loadDiagnostics(rankingYAML("ranking: {decimals: 13}"))
        #expect(tooMany.map(\.code) == [.invalidValue])
        let method = loadDiagnostics(rankingYAML("ranking: {method: dense}"))
        #expect(method.map(\.code) == [.unknownRule])
        let fraction = loadDiagnostics(rankingYAML("ranking: {decimals: 2.5}"))
        #expect(fraction.map(\.code) == [.invalidValue])
    }
}
