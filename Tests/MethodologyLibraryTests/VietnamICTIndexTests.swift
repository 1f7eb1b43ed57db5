import Foundation
import IndexCore
import Testing

/// The Vietnam ICT Index 2016 framework (Indicators/vn-ict-index/2016.yaml) on hand-computed cases.
@Suite struct VietnamICTIndexTests {
    static func methodology() throws -> Methodology { try Library.methodology("vn-ict-index/2016.yaml") }

    /// Three blocks (and their `…_reported` forms); online public services count only where units provide them.
    @Test func blocksAndComponents() throws {
        let methodology = try Self.methodology()
        #expect(methodology.blocks.map(\.id) == ["ministry_services", "ministry_no_services", "province",
                                                 "ministry_services_reported", "ministry_no_services_reported", "province_reported"])
        for block in methodology.blocks.map(\.id) where !block.hasSuffix("_reported") {
            let plan = try BlockPlan(methodology: methodology, block: block)
            #expect(plan.root.children.map { plan.nodes[$0].id } == ["infrastructure", "human_resources", "application"])
            #expect(plan.root.children.allSatisfy { plan.nodes[$0].weight == 1 && plan.nodes[$0].rescale == .minMax })
            let hasServices = plan.index(of: "application.services_level34") != nil
            #expect(hasServices == (block != "ministry_no_services"), "\(block)")
        }
    }

    /// Three provinces A, B, C. Each indicator follows one of two patterns, whose z-scores
    /// (sample deviation) are simple:
    /// - t₁ = 1, 2, 3 (or any equally spaced increasing values) → z = −1, 0, 1
    /// - t₂ = 3, 1, 2 (equally spaced, order C-A-B …) → z = 1, −1, 0
    /// Infrastructure: 4 indicators all t₁ → mean z −1, 0, 1 → rescaled 0, ½, 1.
    /// Human resources: 2 × t₁, 2 × t₂ → mean z (−1 + 1)/2, (0 − 1)/2, (1 + 0)/2 = 0, −½, ½ → ½, 0, 1.
    /// Application: 5 indicators all t₂ → mean z 1, −1, 0 → 1, 0, ½.
    /// ICT Index: A (0 + ½ + 1)/3 = ½, B (½ + 0 + 0)/3 = ⅙, C (1 + 1 + ½)/3 = ⅚. Ranks C, A, B.
    @Test func provincesHandComputed() throws {
        let csv = """
            id,name,block,computers_per_100_staff,broadband_computers,lan_wan_units,broadband_per_100,it_staff,it_staff_degree,staff_trained,schools_teaching_it,staff_email,electronic_documents,portal_information,services_level34,online_dossiers
            A,Tỉnh A,province,60,70,50,10,1,60,30,60,90,60,14,30,20
            B,Tỉnh B,province,80,80,60,20,2,40,10,80,70,40,10,10,10
            C,Tỉnh C,province,100,90,70,30,3,50,20,100,80,50,12,20,15

            """
        let block = try Library.compute(try Self.methodology(), block: "province", csv: csv)
        #expect(close(try block.score("infrastructure.computers_per_100_staff", "A"), -1))
        #expect(close(try block.score("application.staff_email", "A"), 1))
        for (unit, infrastructure, people, application) in [("A", 0.0, 0.5, 1.0), ("B", 0.5, 0.0, 0.0), ("C", 1.0, 1.0, 0.5)] {
            #expect(close(try block.score("infrastructure", unit), infrastructure), "infrastructure \(unit)")
            #expect(close(try block.score("human_resources", unit), people), "human resources \(unit)")
            #expect(close(try block.score("application", unit), application), "application \(unit)")
        }
        #expect(close(try block.value("A"), 0.5))
        #expect(close(try block.value("B"), 1.0 / 6))
        #expect(close(try block.value("C"), 5.0 / 6))
        #expect(try [block.rankOf("C"), block.rankOf("A"), block.rankOf("B")] == [1, 2, 3])
    }

    /// Ministries without public services are ranked on the other indicators only, and do not
    /// answer the service questions.
    @Test func ministriesWithoutServices() throws {
        let csv = """
            id,name,block,computers_per_100_staff,broadband_computers,lan_wan_units,it_staff,it_staff_degree,staff_trained,staff_email,electronic_documents,portal_information
            M1,Bộ Một,ministry_no_services,100,90,80,3,60,40,90,80,14
            M2,Bộ Hai,ministry_no_services,80,70,60,2,50,30,70,60,10

            """
        let block = try Library.compute(try Self.methodology(), block: "ministry_no_services", csv: csv)
        // Two units: every z-score is ±0.7071, every component rescales to 1 and 0.
        #expect(try block.value("M1") == 1)
        #expect(try block.value("M2") == 0)
        let withServices = csv.replacingOccurrences(of: "portal_information\n", with: "portal_information,services_level34\n")
            .replacingOccurrences(of: ",14\n", with: ",14,50\n").replacingOccurrences(of: ",10\n", with: ",10,40\n")
        #expect(throws: DiagnosticError.self) { try Library.answers(csv: withServices, for: try Self.methodology()) }
    }

    /// The `…_reported` blocks take the three published component indexes on 0–1 and give their
    /// mean, so a published total is reproduced and explained from its published parts:
    /// A (0.62 + 0.71 + 0.50)/3 = 0.61; B (0.80 + 0.40 + 0.90)/3 = 0.70; C (0.30 + 0.30 + 0.30)/3 = 0.30.
    @Test func fromPublishedComponents() throws {
        let methodology = try Self.methodology()
        let csv = """
            id,name,block,infrastructure_index,human_resources_index,application_index
            A,Tỉnh A,province_reported,0.62,0.71,0.50
            B,Tỉnh B,province_reported,0.80,0.40,0.90
            C,Tỉnh C,province_reported,0.30,0.30,0.30

            """
        let block = try Library.compute(methodology, block: "province_reported", csv: csv)
        #expect(close(try block.value("A"), 0.61))
        #expect(close(try block.value("B"), 0.70))
        #expect(close(try block.value("C"), 0.30))
        #expect([try block.rankOf("B"), try block.rankOf("A"), try block.rankOf("C")] == [1, 2, 3])
        // No rescale in the reported form: the published components are taken as they are.
        #expect(close(try block.score("infrastructure_reported", "C"), 0.30))
        let explanation = block.explain(unit: try block.position("A"))
        #expect(explanation.formula == "(1×0.62 + 1×0.71 + 1×0.5) / 3 = 0.61")
        #expect(explanation.formulaText.vi == "(1×0,62 + 1×0,71 + 1×0,5) / 3 = 0,61")
        // The indicator questions are not asked of the reported blocks.
        #expect(methodology.field("computers_per_100_staff")?.applies(to: "province_reported") == false)
    }
}
