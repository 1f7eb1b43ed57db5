import Foundation
import IndexCore
import Intake
import Testing

/// The UN EGDI files against the published 2012, 2014 and 2016 editions (Fixtures/egdi-YYYY.csv,
/// from UNU-EGOV/datasets), and the raw-indicator form against hand-computed cases.
@Suite struct UNEGDITests {
    /// One country of a published edition.
    struct Published {
        var code: String, name: String, rank: Int, egdi: Double, osi: Double, hci: Double, tii: Double
    }

    /// The countries the 2012 Survey could not assess (no national portal): EGDI set to 0.
    static let noPortal2012: Set<String> = ["LBY", "CAF", "GIN"]

    static func published(_ year: Int) throws -> [Published] {
        let url = Library.url("Tests/MethodologyLibraryTests/Fixtures/egdi-\(year).csv")
        let rows = try CSVReader().rows(try String(contentsOf: url, encoding: .utf8), fileName: url.lastPathComponent)
        let header = try #require(rows.first).fields
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "no column \(name)") }
        let (code, name, rank, egdi, osi, hci, tii) = (try column("country-code"), try column("country-name"), try column("e-gov-rank"), try column("e-gov-index"), try column("osi"), try column("hci"), try column("tii"))
        return try rows.dropFirst().map { row in
            let f = row.fields
            return Published(code: f[code], name: f[name], rank: try #require(Int(f[rank])), egdi: try #require(Double(f[egdi])),
                             osi: try #require(Double(f[osi])), hci: try #require(Double(f[hci])), tii: try #require(Double(f[tii])))
        }
    }

    /// A published edition written as survey answers for components.yaml.
    static func surveyCSV(_ rows: [Published], noPortal: Set<String>) -> String {
        var lines = ["id,name,block,osi,hci,tii,no_national_portal"]
        for row in rows {
            let name = "\"" + row.name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            lines.append("\(row.code),\(name),country,\(row.osi),\(row.hci),\(row.tii),\(noPortal.contains(row.code) ? "yes" : "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func compute(_ year: Int, decimals: Int? = 5) throws -> (BlockResult, [Published]) {
        var methodology = try Library.methodology("un-egdi/components.yaml")
        methodology.ranking.decimals = decimals
        let rows = try published(year)
        let block = try Library.compute(methodology, block: "country", csv: surveyCSV(rows, noPortal: year == 2012 ? noPortal2012 : []))
        return (block, rows)
    }

    @Test(arguments: [2012, 2014, 2016])
    func everyPublishedEGDIAndRank(year: Int) throws {
        let (block, rows) = try Self.compute(year)
        #expect(rows.count == 193)
        #expect(block.units.count == 193)
        var valuesMatched = 0, ranksMatched = 0
        for row in rows {
            let value = try block.value(row.code), rank = try block.rankOf(row.code)
            #expect(abs(value - row.egdi) <= 1e-4, "\(year) \(row.code): EGDI \(value), published \(row.egdi)")
            #expect(rank == row.rank, "\(year) \(row.code): rank \(rank), published \(row.rank)")
            if abs(value - row.egdi) <= 1e-4 { valuesMatched += 1 }
            if rank == row.rank { ranksMatched += 1 }
        }
        #expect(valuesMatched == 193)
        #expect(ranksMatched == 193)
    }

    @Test func vietNamRanksAsPublished() throws {
        for (year, rank) in [(2012, 83), (2014, 99), (2016, 89)] {
            #expect(try Self.compute(year).0.rankOf("VNM") == rank, "\(year)")
        }
    }

    /// 2012: Libya, the Central African Republic and Guinea had no assessable portal. Their EGDI
    /// is 0 (not the mean of their components, which is not 0) and they share rank 191.
    @Test func noPortalCountriesIn2012() throws {
        let (block, rows) = try Self.compute(2012)
        for code in Self.noPortal2012 {
            let row = try #require(rows.first { $0.code == code })
            #expect(row.egdi == 0 && row.rank == 191)
            #expect((row.osi + row.hci + row.tii) / 3 > 0.1, "the components alone would not give 0")
            #expect(try block.value(code) == 0)
            #expect(try block.rankOf(code) == 191)
            let explanation = block.explain(unit: try block.position(code))
            #expect(explanation.zeroNote == "set to 0: no_national_portal holds (zero_when)")
            #expect(explanation.children.map(\.nodeID) == ["osi", "hci", "tii"])
        }
        // Without the rule, Libya would rank far above 191.
        let unruled = try Library.compute(try Library.methodology("un-egdi/components.yaml"), block: "country", csv: Self.surveyCSV(rows, noPortal: []))
        #expect(try unruled.rankOf("LBY") < 150)
        #expect(try unruled.value("LBY") > 0.4)
        // Other countries are untouched by the rule.
        #expect(block.explain(unit: try block.position("VNM")).zeroNote == nil)
    }

    /// Ranks are competition ranks of the EGDI to 5 decimals (the data set's precision); exact values
    /// give the same ranks; 4 decimals (the report tables) do not.
    @Test func rankingPrecision() throws {
        for year in [2012, 2014, 2016] {
            for decimals in [5, nil] as [Int?] {
                let (block, rows) = try Self.compute(year, decimals: decimals)
                #expect(try rows.allSatisfy { try block.rankOf($0.code) == $0.rank }, "\(year), decimals \(String(describing: decimals))")
            }
            let (block, rows) = try Self.compute(year, decimals: 4)
            let mismatches = try rows.filter { try block.rankOf($0.code) != $0.rank }.count
            #expect(mismatches == [2012: 2, 2014: 3, 2016: 3][year], "\(year) at 4 decimals")
        }
    }

    // MARK: raw-indicator form (raw-2018.yaml): hand-computed, not published data

    /// Four countries. TII indicators are each an affine function of (−1, 0, 1, 0), so each
    /// indicator's z-score is proportional to it, their mean too, and the min-max rescale gives
    /// A 0, B ½, C 1, D ½.
    ///
    /// HCI, z-scores with the sample deviation:
    /// - literacy 60, 90, 90, 90: mean 82.5, sd 15 → −1.5, 0.5, 0.5, 0.5
    /// - enrolment 50, 70, 90, 70: mean 70, sd 16.3299 → −1.224745, 0, 1.224745, 0
    /// - expected years 8, 12, 16, 12: mean 12, sd 3.26599 → −1.224745, 0, 1.224745, 0
    /// - mean years 4, 8, 9, 8: mean 7.25, sd 2.217356 → −1.465710, 0.338241, 0.789228, 0.338241
    /// - weighted (3·lit + 2·enr + 2·exp + 2·mean) / 9: A −1.370044, B 0.241831, C 0.886382, D 0.241831
    /// - rescaled: A 0, C 1, B = D = (0.241831 + 1.370044) / (0.886382 + 1.370044) = 0.714349
    ///
    /// OSI totals 20, 50, 80 and none for D (no portal): A 0, B ½, C 1, D 0.
    /// EGDI: A 0, B (½ + 0.714349 + ½) / 3 = 0.571450, C 1, D 0 (would be 0.404783 without the rule).
    static let rawCSV = """
        id,name,block,osi_total,adult_literacy,gross_enrolment,expected_schooling,mean_schooling,internet_users,mobile_subscriptions,mobile_broadband,fixed_broadband,no_national_portal
        A,Country A,country,20,60,50,8,4,10,50,20,5,
        B,Country B,country,50,90,70,12,8,50,100,60,15,
        C,Country C,country,80,90,90,16,9,90,150,100,25,
        D,Country D,country,,90,70,12,8,50,100,60,15,yes

        """

    @Test func rawFormHandComputed() throws {
        let methodology = try Library.methodology("un-egdi/raw-2018.yaml")
        let block = try Library.compute(methodology, block: "country", csv: Self.rawCSV)
        // Each z-scored leaf: mean 0; literacy as computed above.
        #expect(close(try block.score("hci.literacy", "A"), -1.5))
        #expect(close(try block.score("hci.literacy", "B"), 0.5))
        #expect(close(try block.score("hci.mean_years", "A"), -1.465710, 1e-6))
        // Components: one country 0 and one 1 after the min-max rescale.
        for (unit, tii) in [("A", 0.0), ("B", 0.5), ("C", 1.0), ("D", 0.5)] { #expect(close(try block.score("tii", unit), tii), "TII \(unit)") }
        for (unit, hci) in [("A", 0.0), ("B", 0.714349), ("C", 1.0), ("D", 0.714349)] { #expect(close(try block.score("hci", unit), hci, 1e-6), "HCI \(unit)") }
        for (unit, osi) in [("A", 0.0), ("B", 0.5), ("C", 1.0), ("D", 0.0)] { #expect(close(try block.score("osi", unit), osi), "OSI \(unit)") }
        #expect(close(try block.value("A"), 0))
        #expect(close(try block.value("B"), 0.571450, 1e-6))
        #expect(close(try block.value("C"), 1))
        #expect(try block.value("D") == 0)
        #expect(try [block.rankOf("C"), block.rankOf("B"), block.rankOf("A"), block.rankOf("D")] == [1, 2, 3, 3])
        // D's OSI is 0 by the missing-data policy, its EGDI by the no-portal rule.
        let d = block.explain(unit: try block.position("D"))
        #expect(d.zeroNote != nil)
        #expect(d.children.first { $0.nodeID == "osi" }?.missingNote == "missing → 0 (policy: zero)")
        #expect(d.children.first { $0.nodeID == "hci" }.map { close($0.score ?? -1, 0.714349, 1e-6) } == true)
    }

    /// The weights are the published ninths, and TII's four indicators count equally.
    @Test func rawFormWeights() throws {
        let plan = try BlockPlan(methodology: try Library.methodology("un-egdi/raw-2018.yaml"), block: "country")
        let hci = try #require(plan.index(of: "hci")), tii = try #require(plan.index(of: "tii"))
        let hciWeights: [Double] = plan.nodes[hci].children.map { plan.nodes[$0].weight }
        let total: Double = hciWeights.reduce(0, +)
        let published: [Double] = [1.0 / 3, 2.0 / 9, 2.0 / 9, 2.0 / 9]
        #expect(hciWeights.count == 4)
        for (weight, expected) in zip(hciWeights, published) { #expect(close(weight / total, expected, 1e-15)) }
        #expect(Set(plan.nodes[tii].children.map { plan.nodes[$0].weight }) == [1])
        #expect(plan.nodes[tii].children.count == 4)
        #expect(plan.nodes[hci].rescale == .minMax && plan.nodes[tii].rescale == .minMax)
    }
}
