import Foundation
@testable import IndexCore
import Testing

/// Issue 11's engine items: undefined geometric means, winsorisation counting distinct points,
/// the limits on expression nesting and chains of derived values, overflowing expressions and
/// keys given twice in YAML.
@Suite("Hostile input: undefined means, winsorisation, limits, overflow, duplicate keys")
struct EngineHostileInputTests {
    func twoLeaves(_ aggregate: String, extra: String = "", clamp: Bool = true) -> String {
        twoLeavesYAML(aggregate, extra: extra, clamp: clamp)
    }

    func computeErrors(_ m: Methodology, _ answers: [UnitAnswers]) -> [Diagnostic] { computeDiagnostics(m, answers) }

    // MARK: 9. geometric mean of zero or negative scores

    @Test("a geometric mean with a score of 0 is an error naming the node and the unit", arguments: ["geometric", "harmonic"])
    func zeroScoreIsAnError(_ aggregation: String) throws {
        let m = try loadMethodology(twoLeaves(aggregation))
        let problems = computeErrors(m, [unit("u1", ["a": 0.25, "b": 1]), unit("u2", ["a": 0, "b": 0.5])])
        #expect(problems.count == 1)
        #expect(problems.first?.code == .nonPositive)
        #expect(problems.first?.message.contains("Unit u2 (u2) has a score of 0 under 'index'") == true, "\(problems)")
        #expect(problems.first?.message.contains("zero_scores: zero") == true)
    }

    @Test("zero_scores: zero declares the old behaviour: the group scores 0, and the explanation says why")
    func zeroScoresZero() throws {
        let m = try loadMethodology(twoLeaves("geometric", extra: "zero_scores: zero"))
        let r = try computeBlock(m, [unit("u1", ["a": 0.25, "b": 1]), unit("u2", ["a": 0, "b": 0.5])])
        // u1: 0.25^(1/4) · 1^(3/4) = √0.5; u2: a child is 0 → 0 (declared)
        expectClose(r.index, [(0.5).squareRoot(), 0])
        #expect(r.explain(unit: 1).formula == "geometric mean of [1×0, 3×0.5] = 0 (a score of 0, zero_scores: zero)")
        #expect(r.explain(unit: 1).formulaText.vi == "trung bình nhân của [1×0; 3×0,5] = 0 (có điểm 0, zero_scores: zero)")
    }

    @Test("zero_scores at the top level is inherited by every group")
    func zeroScoresInherited() throws {
        let yaml = twoLeaves("geometric").replacingOccurrences(of: "scale: unit", with: "scale: unit\nzero_scores: zero")
        let r = try computeBlock(try loadMethodology(yaml), [unit("u2", ["a": 0, "b": 0.5])])
        expectClose(r.index, [0])
    }

    @Test("a negative score under a geometric mean is always an error (z-scores)")
    func negativeScore() throws {
        let m = try loadMethodology(twoLeaves("geometric", extra: "zero_scores: zero", clamp: false))
        let problems = computeErrors(m, [unit("u1", ["a": -0.5, "b": 1])])
        #expect(problems.map(\.code) == [.nonPositive])
        #expect(problems.first?.message.contains("has a negative score under 'index'") == true)
        #expect(problems.first?.message.contains("target: {mean: 10, sd: 2}") == true)
    }

    // MARK: 10. winsorisation counts distinct points

    @Test("winsorisation counts distinct points: 0–4 four times, 30, 60, 1000 with max_points 5 winsorises 3 points")
    func winsorisationCountsPoints() {
        let values = (0..<20).map { Double($0 % 5) } + [30, 60, 1000]
        let treatment = Treatment(winsoriseMaxPoints: 5)
        let (treated, adjustment) = treatment.apply(values)
        // Hand-computed with the Excel/COINr skewness and kurtosis:
        // skewness 4.76, kurtosis 22.79: 1000 → 60 (1 point); still 2.67 / 6.08: the two 60s → 30
        // (2 points: 60 and the former 1000); still 2.26 / 3.60: the three 30s → 4 (3 points).
        // Now −0.23: not skewed. Counting moves instead (1 + 2 + 3 = 6 > 5) would stop after two
        // steps with 30 and 60 untouched.
        #expect(Array(treated.suffix(3)) == [4, 4, 4])
        #expect(Array(treated.prefix(20)) == Array(values.prefix(20)))
        #expect(adjustment?.note == "winsorised 3 points (skewness 4.76 → -0.23)")
        #expect(adjustment?.text.vi == "winsor hoá 3 điểm dữ liệu (độ lệch 4,76 → -0,23)")
        #expect(adjustment?.changed.filter { $0 }.count == 3)
    }

    @Test("winsorisation never changes more than max_points units: a step that would is not taken")
    func winsorisationLimit() {
        let values = (0..<20).map { Double($0 % 5) } + [30, 60, 1000]
        // max_points 2: after 1000 → 60 and 60, 60 → 30, the next step would change a third unit.
        let (treated, adjustment) = Treatment(winsoriseMaxPoints: 2).apply(values)
        #expect(Array(treated.suffix(3)) == [30, 30, 30])
        #expect(adjustment?.note.hasPrefix("winsorised 2 points, still skewed") == true)
    }

    // MARK: 13. limits

    @Test("expressions nested beyond 256 levels are rejected with the limit, not a stack overflow", arguments: [
        String(repeating: "(", count: 40_000) + "a" + String(repeating: ")", count: 40_000),
        "a" + String(repeating: " + a", count: 40_000),
        String(repeating: "-", count: 40_000) + "a",
        String(repeating: "abs(", count: 40_000) + "a" + String(repeating: ")", count: 40_000),
        String(repeating: "not ", count: 40_000) + "flag",
    ])
    func deepExpressions(_ text: String) {
        #expect(throws: ExpressionSyntaxError.self) { try Expression.parse(text) }
        do {
            _ = try Expression.parse(text)
        } catch {
            #expect(error.code == .limit)
            #expect(error.message.contains("more than 256 levels"))
        }
    }

    @Test("256 levels are allowed, 257 are not")
    func nestingBoundary() throws {
        let allowed = "a" + String(repeating: " + a", count: 255) // 256 terms: depth 256
        #expect(throws: Never.self) { try Expression.parse(allowed) }
        #expect(throws: ExpressionSyntaxError.self) { try Expression.parse(allowed + " + a") }
        let calls = String(repeating: "abs(", count: 255) + "a" + String(repeating: ")", count: 255)
        #expect(throws: Never.self) { try Expression.parse(calls) }
    }

    @Test("a methodology with a 40,000-deep expression reports the limit at its line, quoting only the start")
    func deepExpressionInAFile() {
        let deep = String(repeating: "(", count: 40_000) + "a" + String(repeating: ")", count: 40_000)
        let problems = loadDiagnostics(singleLeafYAML(value: deep, score: "as_is"))
        #expect(problems.map(\.code) == [.limit])
        #expect(problems.first?.location?.line == line(of: "value: '((", in: singleLeafYAML(value: deep, score: "as_is")))
        #expect((problems.first?.message.count ?? 0) < 400)
    }

    func chain(_ length: Int) -> String {
        var derived = "  - {id: d1, value: a}\n"
        for k in 2...length { derived += "  - {id: d\(k), value: d\(k - 1) + 1}\n" }
        return """
        id: chain
        title: Chain
        scale: unit
        blocks:
          - {id: p, name: P}
        fields:
          - {id: a, label: A, type: number}
        derived:
        \(derived)index:
          id: index
          children:
            - {id: x, value: d\(length), score: as_is}
        """
    }

    @Test("a chain of 20,000 derived values is rejected with the limit (not a stack overflow)")
    func longChain() {
        let problems = loadDiagnostics(chain(20_000))
        #expect(problems.map(\.code) == [.limit])
        #expect(problems.first?.message.contains("'d20000' starts a chain of 20000 derived values") == true, "\(problems)")
        #expect(problems.first?.location?.line == 8 + 20_000) // d1 is on line 9
    }

    @Test("a chain of 1,000 derived values loads and computes: d1000 = a + 999")
    func chainAtTheLimit() throws {
        let m = try loadMethodology(chain(1_000))
        let r = try computeBlock(m, [unit("u1", ["a": 1])])
        #expect(r.leaves.raw[r.plan.index(of: "x")!] == [1_000])
    }

    @Test("a cycle among derived values is still reported once, in order")
    func cycle() {
        let yaml = chain(3).replacingOccurrences(of: "{id: d1, value: a}", with: "{id: d1, value: d3}")
        let problems = loadDiagnostics(yaml)
        #expect(problems.map(\.code).contains(.cycle))
        #expect(problems.first { $0.code == .cycle }?.message == "derived values refer to each other in a cycle: d1 → d3 → d2 → d1")
    }

    // MARK: 7. overflow

    @Test("an expression that overflows is an error naming the node and the unit", arguments: ["a * a", "a * a - a * a", "max(a * a, 1)", "-(a * a)"])
    func overflow(_ expression: String) throws {
        let m = try loadMethodology(singleLeafYAML(value: expression, score: "ratio"))
        let problems = computeErrors(m, [unit("u1", ["a": 2]), unit("u2", ["a": 1e200])])
        #expect(problems.map(\.code) == [.overflow], "\(problems)")
        #expect(problems.first?.message.contains("the value of node 'x'") == true)
        #expect(problems.first?.message.contains("Unit u2 (u2)") == true)
    }

    @Test("an overflow is located at the unit's answer the expression read")
    func overflowLocation() throws {
        let m = try loadMethodology(singleLeafYAML(value: "a * a", score: "ratio"))
        var answer = unit("u1", ["a": 1e200])
        answer.sources["a"] = SourceLocation(file: "survey.csv", line: 7, column: 4)
        let problems = computeErrors(m, [answer])
        #expect(problems.first?.location == SourceLocation(file: "survey.csv", line: 7, column: 4))
    }

    @Test("division by zero is still missing, not an overflow")
    func divisionByZero() throws {
        #expect(try evaluate("a / b", ["a": 1, "b": 0]).isNaN)
    }

    @Test("a number literal too large for a number is a syntax error")
    func hugeLiteral() {
        #expect(throws: ExpressionSyntaxError.self) { try Expression.parse("a * 1e999") }
    }

    // MARK: 11. a key given twice

    @Test("a key given twice: duplicate-key at the second occurrence's line and column, not the file")
    func duplicateKey() {
        let yaml = singleLeafYAML(score: "as_is").replacingOccurrences(of: "title: Single leaf", with: "title: Single leaf\ntitle: Again")
        let problems = loadDiagnostics(yaml)
        #expect(problems.map(\.code) == [.duplicateKey])
        #expect(problems.first?.location?.line == 3)
        #expect(problems.first?.location?.column == 1)
        #expect(problems.first?.message == "the key 'title' is given twice in the same mapping (first at line 2, column 1); keep one")
        #expect(problems.first?.description.contains("fields:") == false)
    }

    @Test("a key given twice in a nested or flow mapping is found too")
    func duplicateKeyNested() throws {
        let yaml = singleLeafYAML(score: "{rule: as_is, clamp: true, clamp: false}")
        let problems = loadDiagnostics(yaml)
        #expect(problems.map(\.code) == [.duplicateKey])
        let expectedLine = try #require(line(of: "clamp: true, clamp", in: yaml))
        let text = yaml.components(separatedBy: "\n")[expectedLine - 1]
        let column = text.distance(from: text.startIndex, to: try #require(text.range(of: "clamp: false")).lowerBound) + 1
        #expect(problems.first?.location?.line == expectedLine)
        #expect(problems.first?.location?.column == column)
    }
}
