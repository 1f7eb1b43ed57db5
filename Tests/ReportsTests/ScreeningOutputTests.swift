import Foundation
import IndexCore
import Reports
import Testing

/// Units that `screening:` leaves out of their block are listed with the reason wherever the
/// ranking is shown: the terminal table and the compute JSON (issue 15, item 6).
@Suite struct ScreeningOutputTests {
    static let yaml = """
        id: screened
        title: {vi: Chỉ số thử, en: Test index}
        scale: unit
        missing: reweight
        screening: {data_threshold: 66%}
        blocks:
          - {id: p, name: {vi: Tỉnh, en: Provinces}}
        fields:
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
          - {id: c, label: C, type: number}
        index:
          id: index
          children:
            - {id: x, value: a, score: min_max}
            - {id: y, value: b, score: min_max}
            - {id: z, value: c, score: min_max}
        """

    func unit(_ id: String, _ values: [String: Double]) -> UnitAnswers {
        UnitAnswers(unitID: id, name: "Unit \(id)", block: "p", values: values)
    }

    func table() throws -> RankingTable {
        let methodology = try MethodologyLoader.load(yaml: Self.yaml, fileName: "screened.yaml")
        let result = try Engine.compute(methodology, answers: [
            unit("u1", ["a": 0, "b": 0, "c": 0]),
            unit("u2", ["a": 10, "b": 10]),   // 2 of 3 indicators: kept
            unit("u3", ["a": 1000]),          // 1 of 3 (33.3%): screened out
            unit("u4", ["a": 20, "b": 20, "c": 20]),
        ])
        return RankingTable(result)
    }

    @Test func theTerminalTableListsScreenedUnitsWithTheReason() throws {
        let formatter = ResultFormatter(try table())
        let vi = formatter.text(language: .vi)
        #expect(vi.contains("3 đơn vị"), "the screened unit is not counted: \(vi)")
        #expect(vi.contains("Không xếp hạng (sàng lọc theo mức đủ dữ liệu):\n  Unit u3 (u3): có dữ liệu 1/3 chỉ tiêu (33,3%), dưới ngưỡng sàng lọc 66%"), "\(vi)")
        let en = formatter.text(language: .en)
        #expect(en.contains("Not ranked (screened out for missing data):\n  Unit u3 (u3): data for 1 of 3 indicators (33.3%), below the 66% screening threshold"), "\(en)")
    }

    @Test func theJSONListsScreenedUnitsOnlyWhenThereAreAny() throws {
        let json = ResultFormatter(try table()).json(language: .en).rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let block = try #require((object["blocks"] as? [[String: Any]])?.first)
        #expect((block["units"] as? [[String: Any]])?.map { $0["id"] as? String } == ["u4", "u2", "u1"])
        let screened = try #require(block["screened"] as? [[String: Any]])
        #expect(screened.count == 1)
        #expect(screened.first?["id"] as? String == "u3")
        #expect(screened.first?["indicators"] as? Int == 1 && screened.first?["of"] as? Int == 3)
        #expect(screened.first?["reason"] as? String == "data for 1 of 3 indicators (33.3%), below the 66% screening threshold")

        // Without screening the block has no "screened" key: the JSON contract is unchanged.
        let plain = try MethodologyLoader.load(yaml: Self.yaml.replacingOccurrences(of: "screening: {data_threshold: 66%}\n", with: ""), fileName: "plain.yaml")
        let result = try Engine.compute(plain, answers: [unit("u1", ["a": 0, "b": 0, "c": 0]), unit("u4", ["a": 20, "b": 20, "c": 20])])
        let plainJSON = ResultFormatter(RankingTable(result)).json(language: .en).rendered()
        let plainObject = try #require(try JSONSerialization.jsonObject(with: Data(plainJSON.utf8)) as? [String: Any])
        let plainBlock = try #require((plainObject["blocks"] as? [[String: Any]])?.first)
        #expect(plainBlock["screened"] == nil)
        #expect(Set(plainBlock.keys) == ["id", "name", "count", "mean", "units"])
    }
}
