import Foundation
import IndexCore
import Reports
import Testing

/// The example data, computed by the 2019 methodology, reproduce every published figure listed in
/// the project's brief (shared/data/published/README.md).
@Suite struct PublishedFiguresTests {
    @Test func ministries2019MatchThePublishedTableToFourDecimalsAndRanks() throws {
        let block = try #require(try Repository.compute(2019).block("ministry"))
        let text = try String(contentsOf: Repository.url("Tests/ictindexTests/Fixtures/it-application-2019-ministries.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 17)
        #expect(block.units.count == 17)
        for row in rows {
            let (rank, name, published) = (Int(row[0])!, row[1], Double(row[2])!)
            let u = try #require(block.units.firstIndex { $0.name == name }, "\(name) is missing from the examples")
            #expect(PublishedRounding.round(block.index[u], decimals: 4) == published, "\(name)")
            #expect(block.rank[block.plan.rootIndex][u] == rank, "\(name)")
        }
        #expect(PublishedRounding.round(block.indexStatistics.mean, decimals: 3) == 0.818)
    }

    @Test func blockMeansRiseAsPublished() throws {
        let y2018 = try Repository.compute(2018), y2019 = try Repository.compute(2019)
        let expected: [(String, Double, Double)] = [("ministry", 0.69, 0.82), ("agency", 0.55, 0.60), ("province", 0.65, 0.72)]
        for (block, mean2018, mean2019) in expected {
            #expect(PublishedRounding.round(try #require(y2018.block(block)).indexStatistics.mean, decimals: 2) == mean2018, "\(block) 2018")
            #expect(PublishedRounding.round(try #require(y2019.block(block)).indexStatistics.mean, decimals: 2) == mean2019, "\(block) 2019")
        }
        #expect(y2018.block("ministry")?.units.count == 19)
        #expect(y2019.block("ministry")?.units.count == 17)
        #expect(y2018.block("province")?.units.count == 63)
        #expect(y2019.block("province")?.units.count == 63)
    }

    @Test func provinces2019() throws {
        let block = try #require(try Repository.compute(2019).block("province"))
        #expect(Array(block.order.prefix(5)) == ["thua-thien-hue", "da-nang", "quang-ninh", "binh-duong", "ho-chi-minh"])
        #expect(PublishedRounding.round(block.value("thua-thien-hue"), decimals: 4) == 0.9039)
        #expect(block.index.filter { $0 > 0.9 }.count == 1, "only Thừa Thiên Huế is above 0.9")
        #expect(block.rankOf("an-giang") == 7)
        #expect(block.rankOf("bac-kan") == 16)
        #expect(block.rankOf("bac-ninh") == 17)
    }

    @Test func provinces2018() throws {
        let block = try #require(try Repository.compute(2018).block("province"))
        #expect(block.rankOf("da-nang") == 1)
        #expect(block.rankOf("thua-thien-hue") == 2)
        #expect(PublishedRounding.round(block.value("thua-thien-hue"), decimals: 3) == 0.897)
        #expect(block.rankOf("ho-chi-minh") == 7)
        #expect(block.rankOf("ha-noi") == 11)
    }

    @Test func provincesThatClimbedMost() throws {
        let r2018 = try #require(try Repository.compute(2018).block("province"))
        let r2019 = try #require(try Repository.compute(2019).block("province"))
        let climbs = r2019.units.map { unit in (unit.unitID, r2018.rankOf(unit.unitID) - r2019.rankOf(unit.unitID)) }
            .sorted { $0.1 > $1.1 }
        #expect(Set(climbs.prefix(4).map(\.0)) == ["son-la", "bac-ninh", "bac-kan", "an-giang"])
    }

    @Test func agencies() throws {
        let y2019 = try #require(try Repository.compute(2019).block("agency"))
        #expect(y2019.order == [
            "bao-hiem-xa-hoi-viet-nam", "vien-han-lam-khoa-hoc-va-cong-nghe-viet-nam", "thong-tan-xa-viet-nam",
            "dai-tieng-noi-viet-nam", "dai-truyen-hinh-viet-nam", "ban-quan-ly-lang-chu-tich-ho-chi-minh",
            "vien-han-lam-khoa-hoc-xa-hoi-viet-nam",
        ])
        let y2018 = try #require(try Repository.compute(2018).block("agency"))
        #expect(Array(y2018.order.prefix(3)) == ["bao-hiem-xa-hoi-viet-nam", "thong-tan-xa-viet-nam", "dai-truyen-hinh-viet-nam"])
        #expect(y2018.order.last == "ban-quan-ly-lang-chu-tich-ho-chi-minh")
    }

    @Test func ministries2018TopSix() throws {
        let block = try #require(try Repository.compute(2018).block("ministry"))
        #expect(Array(block.order.prefix(6)) == [
            "bo-tai-chinh", "bo-cong-thuong", "bo-thong-tin-va-truyen-thong", "bo-y-te",
            "ngan-hang-nha-nuoc-viet-nam", "bo-lao-dong-thuong-binh-va-xa-hoi",
        ])
    }

    @Test(arguments: [2018, 2019])
    func csvAndJSONExamplesGiveIdenticalResults(year: Int) throws {
        let fromCSV = try Repository.compute(year), fromJSON = try Repository.compute(year, format: "json")
        for block in fromCSV.blocks {
            let other = try #require(fromJSON.block(block.plan.block.id))
            #expect(block.score == other.score)
            #expect(block.rank == other.rank)
        }
    }
}

@Suite struct ResultCSVTests {
    /// A unit name that a spreadsheet would run as a formula is neutralised in the results CSV.
    @Test func formulaLikeNamesAreNeutralised() throws {
        var answers = try Repository.examples(2019)
        let index = try #require(answers.firstIndex { $0.unitID == "ha-noi" })
        answers[index].name = "=HYPERLINK(\"http://x\")"
        let result = try Engine.compute(try Repository.methodology(), answers: answers, period: 2019)
        let csv = ResultFormatter(RankingTable(result)).csv()
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","))
        #expect(!csv.contains(",=HYPERLINK"))
    }
}
