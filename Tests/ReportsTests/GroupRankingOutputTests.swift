import Foundation
import IndexCore
import Reports
import Testing

/// Ranks within the groups of a unit attribute, and screened units, wherever the ranking is shown:
/// the terminal table, the compute JSON and the national report (issue 15, items 5 and 6).
///
/// Hand-computed: the index is the unit's value `v` as is; u1 0.9 north, u2 0.6 south, u3 0.7
/// north, u4 0.3 south rank 1, 3, 2, 4 in the block and 1, 1, 2, 2 within their regions; u5 has
/// no value for 2 of its 3 indicators and is screened out (1 of 3, 33.3%, below 50%).
@Suite struct GroupRankingOutputTests {
    static let yaml = """
        id: grouped
        title: {vi: Chỉ số thử, en: Test index}
        scale: unit
        missing: reweight
        attributes: [region]
        screening: {data_threshold: 50%}
        blocks:
          - {id: p, name: {vi: Tỉnh, en: Provinces}}
        fields:
          - {id: v, label: V, type: number}
          - {id: w, label: W, type: number}
          - {id: z, label: Z, type: number}
          - {id: region, label: {vi: Vùng, en: Region}, type: text}
        index:
          id: index
          children:
            - {id: x, value: v, score: as_is}
            - {id: y, value: w, score: as_is, weight: 0}
            - {id: t, value: z, score: as_is, weight: 0}
        """

    static func result() throws -> IndexResult {
        let methodology = try MethodologyLoader.load(yaml: yaml, fileName: "grouped.yaml")
        func unit(_ id: String, _ v: Double, _ region: String, complete: Bool = true) -> UnitAnswers {
            UnitAnswers(unitID: id, name: id.uppercased(), block: "p", values: complete ? ["v": v, "w": 0, "z": 0] : ["v": v], texts: ["region": region])
        }
        return try Engine.compute(methodology, answers: [
            unit("u1", 0.9, "north"), unit("u2", 0.6, "south"), unit("u3", 0.7, "north"), unit("u4", 0.3, "south"),
            unit("u5", 1.0, "north", complete: false),
        ])
    }

    @Test func theTerminalTableShowsTheGroupAndTheRankWithinIt() throws {
        let table = RankingTable(try Self.result())
        #expect(table.sections[0].rows.map { $0.groups.map(\.rank) } == [[1], [2], [1], [2]])
        let en = ResultFormatter(table).text(language: .en)
        let lines = en.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let header = try #require(lines.first { $0.first == "Rank" })
        #expect(header.prefix(6) == ["Rank", "region", "Rank", "in", "region", "Unit"], "\(en)")
        let rows = lines.filter { $0.count > 3 && $0[3].hasPrefix("U") && $0[3].count == 2 }.map { Array($0.prefix(4)) }
        #expect(rows == [["1", "north", "1", "U1"], ["2", "north", "2", "U3"], ["3", "south", "1", "U2"], ["4", "south", "2", "U4"]], "\(en)")
        let vi = ResultFormatter(table).text(language: .vi)
        #expect(vi.contains("Hạng trong region"), "\(vi)")
        #expect(vi.contains("Không xếp hạng (sàng lọc theo mức đủ dữ liệu):\n  U5 (u5): có dữ liệu 1/3 chỉ tiêu (33,3%), dưới ngưỡng sàng lọc 50%"), "\(vi)")
    }

    @Test func explainGivesTheGroupAndTheRankWithinIt() throws {
        let block = try #require(try Self.result().block("p"))
        let u3 = try #require(block.unitIndex("u3"))
        let notes = block.explain(unit: u3).notes
        #expect(notes.map(\.vi).contains("nhóm region = north: hạng 2/2 trong nhóm"), "\(notes)")
        #expect(notes.map(\.en).contains("group region = north: rank 2 of 2 in the group"), "\(notes)")
    }

    @Test func theJSONGivesEachUnitsGroupsOnlyWhenAttributesAreDeclared() throws {
        let json = ResultFormatter(RankingTable(try Self.result())).json(language: .en).rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let units = try #require((object["blocks"] as? [[String: Any]])?.first?["units"] as? [[String: Any]])
        let groups = units.map { unit -> String in
            let region = (unit["groups"] as? [String: Any])?["region"] as? [String: Any]
            return "\(unit["id"]!) \(region?["value"] ?? "-") \(region?["rank"] ?? "-")"
        }
        #expect(groups == ["u1 north 1", "u3 north 2", "u2 south 1", "u4 south 2"])

        // Without attributes, no unit has "groups": the contract is unchanged.
        let plain = try MethodologyLoader.load(yaml: Self.yaml.replacingOccurrences(of: "attributes: [region]\n", with: ""), fileName: "plain.yaml")
        let result = try Engine.compute(plain, answers: [UnitAnswers(unitID: "u1", name: "U1", block: "p", values: ["v": 1, "w": 0, "z": 0])])
        let plainJSON = ResultFormatter(RankingTable(result)).json(language: .en).rendered()
        let plainObject = try #require(try JSONSerialization.jsonObject(with: Data(plainJSON.utf8)) as? [String: Any])
        let unit = try #require(((plainObject["blocks"] as? [[String: Any]])?.first?["units"] as? [[String: Any]])?.first)
        #expect(Set(unit.keys) == ["id", "name", "value", "rank", "components"])
    }

    @Test(arguments: [Language.vi, .en])
    func theNationalReportShowsGroupRanksAGroupSectionAndScreenedUnits(language: Language) throws {
        let report = NationalReport(try ReportData(results: [try Self.result()], whatIfLimit: 0), language: language)
        let page = report.mainPage
        let vi = language == .vi
        let ranking = try #require(page.tables.first { $0.name == "ranking-p" })
        #expect(Array(ranking.headers.prefix(4)) == (vi ? ["Hạng", "Vùng", "Hạng trong nhóm", "Đơn vị"] : ["Rank", "Region", "Rank in group", "Unit"]))
        #expect(ranking.rows.map { $0.prefix(4).map(\.text) } == [["1", "north", "1", "U1"], ["2", "north", "2", "U3"], ["3", "south", "1", "U2"], ["4", "south", "2", "U4"]])
        // One ranking per group value, in order of the rank within the group, beside the block rank.
        let north = try #require(page.tables.first { $0.name == "ranking-p-group1-1" })
        #expect(north.caption?.hasPrefix(vi ? "Vùng: north" : "Region: north") == true)
        #expect(north.rows.map { [$0[0].text, $0[1].text, $0[3].text] } == [["1", "U1", "1"], ["2", "U3", "2"]])
        let south = try #require(page.tables.first { $0.name == "ranking-p-group1-2" })
        #expect(south.rows.map { [$0[0].text, $0[1].text, $0[3].text] } == [["1", "U2", "3"], ["2", "U4", "4"]])
        // The screened unit, with the reason, under the ranking.
        let markdown = String(decoding: try #require(try ReportWriter.files(report, formats: [.md]).first { $0.path == "index.md" }).data, as: UTF8.self)
        #expect(markdown.contains(vi ? "Không xếp hạng (sàng lọc theo mức đủ dữ liệu):" : "Not ranked (screened out for missing data):"))
        #expect(markdown.contains(vi ? "U5 (u5): có dữ liệu 1/3 chỉ tiêu (33,3%), dưới ngưỡng sàng lọc 50%" : "U5 (u5): data for 1 of 3 indicators (33.3%), below the 50% screening threshold"), "\(markdown)")
    }
}
