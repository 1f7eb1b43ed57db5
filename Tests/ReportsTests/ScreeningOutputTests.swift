import Foundation
import IndexCore
import Reports
import TestFixtures
import Testing

/// Units that `screening:` leaves out of their block are listed with the reason wherever the
/// ranking is shown: the terminal table and the compute JSON (issue 15, item 6).
@Suite struct ScreeningOutputTests {
    /// The shared screened set-up (`TestFixtures`): u3 has 1 of 3 indicators and is screened out.
    func table() throws -> RankingTable {
        RankingTable(try Engine.compute(try ScreenedFixture.methodology(), answers: ScreenedFixture.units))
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
        #expect(screened.first?["reason"] as? String == ScreenedFixture.u3Reason.en)

        // Without screening the block has no "screened" key: the JSON contract is unchanged.
        let plain = try MethodologyLoader.load(yaml: ScreenedFixture.yaml().replacingOccurrences(of: "screening: {data_threshold: 66%}\n", with: ""), fileName: "plain.yaml")
        #expect(plain.screening == nil, "the screening line was removed")
        let result = try Engine.compute(plain, answers: ScreenedFixture.units.filter { ["u1", "u4"].contains($0.unitID) })
        let plainJSON = ResultFormatter(RankingTable(result)).json(language: .en).rendered()
        let plainObject = try #require(try JSONSerialization.jsonObject(with: Data(plainJSON.utf8)) as? [String: Any])
        let plainBlock = try #require((plainObject["blocks"] as? [[String: Any]])?.first)
        #expect(plainBlock["screened"] == nil)
        #expect(Set(plainBlock.keys) == ["id", "name", "count", "mean", "units"])
    }
}
