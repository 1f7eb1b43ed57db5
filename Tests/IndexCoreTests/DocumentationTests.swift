import Foundation
import IndexCore
import Testing

/// The complete example of `docs/methodology-language.md` loads and computes as the text says.
@Suite("Documentation")
struct DocumentationTests {
    func documentedExample() throws -> String {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent() // IndexCoreTests
            .deletingLastPathComponent() // Tests
            .deletingLastPathComponent() // the package
            .appendingPathComponent("docs/methodology-language.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(text.range(of: "```yaml\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test("the complete example loads and scores as documented")
    func completeExample() throws {
        let m = try loadMethodology(try documentedExample())
        #expect(m.id == "demo-2019")
        #expect(m.family == "demo")
        #expect(m.period == 2019)
        #expect(m.ranking.decimals == 3)
        #expect(m.blocks.map(\.name.vi) == ["Bộ, cơ quan ngang Bộ", "Tỉnh, thành phố"])
        let answers = [
            // pcs 40/50 = 0.8 → 16; bandwidth per staff 2 is the best → 40; data centre meeting the
            // standard → 70; level 4 at 15% on goalpost 0–30% → 0.5 → 25. Total 151 of 180.
            unit("hue", block: "provinces", ["staff_total": 50, "staff_pc": 40, "bandwidth": 100, "has_dc": 1, "dc_standard": 1, "level4_share": 15]),
            // pcs 1 → 20; bandwidth per staff 0.5 → 0.25 → 10; data centre only → 35; level 4 at 30% → 50.
            // Total 115 of 180.
            unit("dng", block: "provinces", ["staff_total": 20, "staff_pc": 20, "bandwidth": 10, "has_dc": 1, "dc_standard": 0, "level4_share": 30]),
            // ministries: level 4 at 25% on goalpost 0–50% → 0.5 → 25; pcs 0.5 → 10; bandwidth best → 40;
            // no data centre → 0. Total 75 of 180.
            unit("bnv", block: "ministries", ["staff_total": 10, "staff_pc": 5, "bandwidth": 10, "has_dc": 0, "dc_standard": 0, "level4_share": 25]),
        ]
        let provinces = try computeBlock(m, answers, block: "provinces")
        #expect(provinces.plan.root.maxPoints == 180)
        expectClose(provinces.index, [115.0 / 180, 151.0 / 180])
        #expect(provinces.ranks("index") == [2, 1])
        let ministries = try computeBlock(m, answers, block: "ministries")
        expectClose(ministries.index, [75.0 / 180])
    }
}
