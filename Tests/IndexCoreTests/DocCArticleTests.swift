import Foundation
import IndexCore
import Testing

/// The DocC article "Computing an index" (Sources/IndexCore/IndexCore.docc/ComputingAnIndex.md):
/// its Swift code is the code between the markers below, compiled and run here, and the numbers
/// it states are checked by hand-computed values.
@Suite struct DocCArticleTests {
    @Test func theArticleComputesRanksAndExplains() throws {
        // article-begin
        let yaml = """
            id: example-2024
            title: {vi: Chỉ số mẫu, en: Example index}
            edition: "2024"
            scale: unit
            blocks:
              - {id: province, name: {vi: Tỉnh, en: Provinces}}
            fields:
              - {id: staff, label: Staff, type: count}
              - {id: online, label: Staff working online, type: count}
              - {id: services, label: Online public services, type: count}
            index:
              id: index
              aggregate: arithmetic
              children:
                - {id: access, weight: 1, value: online / staff, score: {rule: as_is, clamp: true}}
                - {id: services, weight: 1, value: services, score: relative_to_best}
            """
        let methodology = try MethodologyLoader.load(yaml: yaml, fileName: "example-2024.yaml")

        let answers = [
            UnitAnswers(unitID: "tinh-a", name: "Tỉnh A", block: "province", values: ["staff": 100, "online": 80, "services": 10]),
            UnitAnswers(unitID: "tinh-b", name: "Tỉnh B", block: "province", values: ["staff": 50, "online": 50, "services": 20]),
            UnitAnswers(unitID: "tinh-c", name: "Tỉnh C", block: "province", values: ["staff": 200, "online": 100, "services": 5]),
        ]
        let result = try Engine.compute(methodology, answers: answers, period: 2024)

        let provinces = result.block("province")!
        let root = provinces.plan.rootIndex
        for unit in provinces.rankedUnitIndices {
            print(provinces.rank[root][unit], provinces.units[unit].name, provinces.index[unit])
        }
        // 1 Tỉnh B 1.0
        // 2 Tỉnh A 0.65
        // 3 Tỉnh C 0.375

        let why = provinces.explain(unit: provinces.unitIndex("tinh-a")!, node: provinces.plan.index(of: "services"))
        print(why.formula)
        // 10 / 20 (best of 3) = 0.5
        // article-end

        #expect(provinces.rankedUnitIndices.map { provinces.units[$0].unitID } == ["tinh-b", "tinh-a", "tinh-c"])
        #expect(provinces.rankedUnitIndices.map { provinces.rank[root][$0] } == [1, 2, 3])
        // A: (80/100 + 10/20) / 2 = (0.8 + 0.5) / 2 = 0.65; B: (1 + 1) / 2; C: (0.5 + 0.25) / 2 = 0.375
        #expect(provinces.rankedUnitIndices.map { provinces.index[$0] } == [1.0, 0.65, 0.375])
        #expect(why.rule == "relative_to_best")
        #expect(why.formula == "10 / 20 (best of 3) = 0.5")
        #expect(why.score == 0.5)
    }

    /// The article shows exactly the code above (indentation aside).
    @Test func theArticleShowsTheTestedCode() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let region = try #require(source.range(of: "// article-begin\n").flatMap { begin in
            source.range(of: "        // article-end", range: begin.upperBound..<source.endIndex).map { source[begin.upperBound..<$0.lowerBound] }
        })
        let tested = region.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : String($0) }
        let article = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/IndexCore/IndexCore.docc/ComputingAnIndex.md"), encoding: .utf8)
        var shown: [String] = [], inSwift = false
        for line in article.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "```swift" { inSwift = true; continue }
            if line == "```" && inSwift { inSwift = false; shown.append(""); continue }
            if inSwift { shown.append(String(line)) }
        }
        #expect(shown.joined(separator: "\n") == tested.joined(separator: "\n"))
    }
}
