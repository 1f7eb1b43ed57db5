import Foundation
import IndexCore
import Testing

/// The provincial DTI 2022 (Indicators/vn-dti/2022.yaml) on hand-computed cases.
@Suite struct VietnamDTITests {
    static func methodology() throws -> Methodology { try Library.methodology("vn-dti/2022.yaml") }

    static let mainIndexes = ["awareness", "institutions", "infrastructure", "human_resources", "cybersecurity", "smart_city", "government", "economy", "society"]

    /// The published maxima of QĐ 922/QĐ-BTTTT add up to 1,000 points in both forms.
    @Test func publishedMaxima() throws {
        let methodology = try Self.methodology()
        let expected: [Double] = [100, 100, 100, 100, 100, 0, 200, 150, 150]
        for block in ["province", "province_reported"] {
            let plan = try BlockPlan(methodology: methodology, block: block)
            #expect(plan.root.children.map { plan.nodes[$0].id } == Self.mainIndexes, "\(block)")
            #expect(plan.root.children.map { plan.nodes[$0].maxPoints } == expected, "\(block)")
            #expect(plan.root.maxPoints == 1000, "\(block)")
        }
    }

    /// From sub-indicators. Province P1, points by main index:
    /// - awareness: resolution yes 40 + communication 50% × 30 = 15 + steering no 0 = 55 → 0.55
    /// - institutions: plan yes 30 + budget 0.5% of a 1% goal × 40 = 20 + talent no 0 = 50 → 0.5
    /// - infrastructure: fibre 80% × 35 = 28 + 4G 100% × 35 = 35 + LGSP yes 30 = 93 → 0.93
    /// - human resources: trained 40% × 50 = 20 + IT staff 1 of a goal of 2 × 50 = 25 = 45 → 0.45
    /// - cybersecurity: levels 60% × 50 = 30 + monitoring yes 25 + drill no 0 = 55 → 0.55
    /// - smart city: not given, weight 0 → 0 points
    /// - government: fully online 30% × 60 = 18 + online dossiers 50% × 80 = 40 + signed 90% × 60 = 54 = 112 → 0.56
    /// - economy: 10% of GRDP of a 20% goal × 50 = 25 + SMEs 20% × 50 = 10 + e-contracts 60% × 50 = 30 = 65 → 0.4333
    /// - society: smartphones 70% × 50 = 35 + payments 50% × 50 = 25 + digital id 40% × 50 = 20 = 80 → 0.5333
    /// DTI = (55 + 50 + 93 + 45 + 55 + 0 + 112 + 65 + 80) / 1000 = 555 / 1000 = 0.555.
    /// P2 answers everything at the top (1.0); P3 answers nothing (0 under `missing: zero`).
    @Test func fromSubIndicatorsHandComputed() throws {
        let fields = ["awareness_leadership", "awareness_communication", "awareness_steering",
                      "institutions_plan", "institutions_budget", "institutions_talent",
                      "infrastructure_fibre", "infrastructure_mobile", "infrastructure_platform",
                      "human_resources_trained", "human_resources_it_staff",
                      "cybersecurity_levels", "cybersecurity_monitoring", "cybersecurity_drills",
                      "government_full_online", "government_online_dossiers", "government_signed_documents",
                      "economy_grdp_share", "economy_sme_platforms", "economy_e_contracts",
                      "society_smartphones", "society_payments", "society_digital_id"]
        let p1 = ["yes", "50", "no", "yes", "0.5", "no", "80", "100", "yes", "40", "1", "60", "yes", "no", "30", "50", "90", "10", "20", "60", "70", "50", "40"]
        let p2 = ["yes", "100", "yes", "yes", "2", "yes", "100", "100", "yes", "100", "3", "100", "yes", "yes", "100", "100", "100", "25", "100", "100", "100", "100", "100"]
        let csv = (["id,name,block," + fields.joined(separator: ",")]
            + ["P1,Tỉnh Một,province," + p1.joined(separator: ","),
               "P2,Tỉnh Hai,province," + p2.joined(separator: ","),
               "P3,Tỉnh Ba,province," + String(repeating: ",", count: fields.count - 1)]).joined(separator: "\n") + "\n"
        let block = try Library.compute(try Self.methodology(), block: "province", csv: csv)
        let expected: [(String, Double)] = [("awareness", 0.55), ("institutions", 0.5), ("infrastructure", 0.93), ("human_resources", 0.45),
                                            ("cybersecurity", 0.55), ("government", 0.56), ("economy", 65.0 / 150), ("society", 80.0 / 150)]
        for (node, value) in expected {
            #expect(close(try block.score(node, "P1"), value), "\(node)")
        }
        let p1Index = try block.position("P1")
        #expect(close(block.points(node: try #require(block.plan.index(of: "government")), unit: p1Index), 112))
        #expect(close(try block.value("P1"), 0.555))
        #expect(close(try block.value("P2"), 1))
        #expect(try block.value("P3") == 0)
        #expect(try [block.rankOf("P2"), block.rankOf("P1"), block.rankOf("P3")] == [1, 2, 3])
        // The root is the weighted sum of the main indexes: Σ maxᵢ × indexᵢ / 1000.
        let weighted = expected.map { node, value in value * block.plan.nodes[block.plan.index(of: node)!].maxPoints }.reduce(0, +) / 1000
        #expect(close(weighted, 0.555))
    }

    /// From main-index values given directly (as the DTI report publishes them):
    /// (100·0.6 + 100·0.7 + 100·0.8 + 100·0.5 + 100·0.9 + 0·0.3 + 200·0.75 + 150·0.4 + 150·0.6) / 1000
    /// = (60 + 70 + 80 + 50 + 90 + 0 + 150 + 60 + 90) / 1000 = 0.65. The smart-city value is
    /// reported (score 0.3) but earns no points.
    @Test func fromMainIndexValuesHandComputed() throws {
        let csv = """
            id,name,block,awareness_index,institutions_index,infrastructure_index,human_resources_index,cybersecurity_index,smart_city_index,government_index,economy_index,society_index
            R1,Tỉnh Một,province_reported,0.6,0.7,0.8,0.5,0.9,0.3,0.75,0.4,0.6
            R2,Tỉnh Hai,province_reported,0.6,0.7,0.8,0.5,0.9,1,0.75,0.4,0.6
            R3,Tỉnh Ba,province_reported,1,1,1,1,1,,0.5,0.5,0.5

            """
        let block = try Library.compute(try Self.methodology(), block: "province_reported", csv: csv)
        #expect(close(try block.value("R1"), 0.65))
        #expect(close(try block.score("government", "R1"), 0.75))
        #expect(close(try block.score("smart_city", "R1"), 0.3))
        #expect(block.points(node: try #require(block.plan.index(of: "smart_city")), unit: try block.position("R1")) == 0)
        // Smart city changes nothing: R1 and R2 tie.
        #expect(try block.value("R2") == block.value("R1"))
        // R3: 500 + 100 + 75 + 75 = 750 points → 0.75; first, then R1 and R2 tied second.
        #expect(close(try block.value("R3"), 0.75))
        #expect(try [block.rankOf("R3"), block.rankOf("R1"), block.rankOf("R2")] == [1, 2, 2])
        // Explain shows the given value as the main index's only input.
        let explanation = block.explain(unit: try block.position("R1"), node: block.plan.index(of: "economy"))
        #expect(explanation.children.map(\.nodeID) == ["economy.reported"])
        #expect(explanation.children.first?.inputs.first?.id == "economy_index")
    }

    /// Main-index values outside 0–1 are rejected before computing.
    @Test func mainIndexValuesMustLieOnZeroToOne() throws {
        let csv = "id,name,block,awareness_index\nR1,Tỉnh Một,province_reported,55\n"
        #expect(throws: DiagnosticError.self) { try Library.answers(csv: csv, for: try Self.methodology()) }
    }
}
