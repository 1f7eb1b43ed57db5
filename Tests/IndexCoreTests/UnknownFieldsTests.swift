import Foundation
@testable import IndexCore
import Intake
import Testing

/// Answers to fields the methodology does not declare (issue 11, item 15): the first 20 distinct
/// ones reported one by one with suggestions, the rest summed up in one diagnostic, and the work
/// counted structurally (suggestions computed), not timed.
@Suite("Unknown fields at scale")
struct UnknownFieldsTests {
    static let yaml = """
    id: survey
    title: Survey
    blocks:
      - {id: p, name: Provinces}
    fields:
      - {id: staff_total, label: Staff, type: count}
      - {id: staff_pc, label: Staff with a computer, type: count}
    index:
      id: index
      children:
        - {id: x, weight: 10, value: staff_pc / staff_total, score: ratio}
    """

    /// A CSV of `rows` units answering both fields and `unknown` columns the methodology does not
    /// know (`extra_0`, `extra_1`, …).
    static func csv(unknown: Int, rows: Int = 1) -> Data {
        var header = "id,block,staff_total,staff_pc"
        for c in 0..<unknown { header += ",extra_\(c)" }
        var lines = [header]
        for r in 0..<rows {
            var line = "u\(r),p,10,5"
            for c in 0..<unknown { line += ",\(c % 10)" }
            lines.append(line)
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The diagnostics of validating `data` and how many times suggestions were computed.
    static func validate(_ data: Data) throws -> (diagnostics: [Diagnostic], suggestions: Int) {
        let validator = SurveyValidator(methodology: try MethodologyLoader.load(yaml: yaml, fileName: "m.yaml"))
        let records = try SurveyReader.readCSV(data, fileName: "wide.csv")
        var report = UnknownFieldReport(fieldIDs: validator.methodology.fields.map(\.id))
        do {
            _ = try validator.validate(records, unknownFields: &report)
            return ([], report.suggestionsComputed)
        } catch let error as DiagnosticError {
            return (error.diagnostics, report.suggestionsComputed)
        }
    }

    @Test("up to 20 unknown columns: each reported with its place and suggestions, no summary")
    func fewUnknownColumns() throws {
        let (diagnostics, suggestions) = try Self.validate(Self.csv(unknown: 20, rows: 2))
        #expect(diagnostics.count == 40, "20 columns on each of 2 rows")
        #expect(suggestions == 20, "one suggestion search per distinct column, not per row")
        #expect(diagnostics.allSatisfy { $0.code == .unknownField })
        let first = try #require(diagnostics.first)
        #expect(first.location == SourceLocation(file: "wide.csv", line: 2, column: 5, detail: "extra_0"))
        #expect(first.message == "unknown field 'extra_0'")
        #expect(!diagnostics.contains { $0.message.contains("more unknown fields") })
    }

    @Test("a suggestion is still made for a misspelt column")
    func suggestion() throws {
        let data = Data("id,block,staff_total,staf_pc\nu1,p,10,5\n".utf8)
        let (diagnostics, _) = try Self.validate(data)
        #expect(diagnostics.map(\.message) == ["unknown field 'staf_pc'; did you mean 'staff_pc'?"])
    }

    @Test("beyond 20 unknown columns: one summary with the count, the first names and its place")
    func manyUnknownColumns() throws {
        let (diagnostics, _) = try Self.validate(Self.csv(unknown: 26, rows: 3))
        #expect(diagnostics.count == 3 * 20 + 1)
        let summary = try #require(diagnostics.last)
        #expect(summary.code == .unknownField)
        #expect(summary.location == SourceLocation(file: "wide.csv", line: 2, column: 25, detail: "extra_20"))
        #expect(summary.message == "and 6 more unknown fields (not listed one by one, no suggestions): 'extra_20', 'extra_21', 'extra_22', 'extra_23', 'extra_24', …; check that the file's header is this methodology's")
        #expect(summary.message(in: .vi).hasPrefix("và 6 trường khác không có trong phương pháp"))
    }

    @Test("the work does not grow with the unknown columns: 100 and 20,000 columns compute the same 20 suggestions")
    func linearInColumns() throws {
        let small = try Self.validate(Self.csv(unknown: 100))
        let large = try Self.validate(Self.csv(unknown: 20_000))
        #expect(small.suggestions == 20)
        #expect(large.suggestions == 20)
        #expect(small.diagnostics.count == 21)
        #expect(large.diagnostics.count == 21)
        #expect(large.diagnostics.last?.message.hasPrefix("and 19980 more unknown fields") == true)
    }

    @Test("JSON answers to unknown fields follow the same rule")
    func json() throws {
        let answers = (0..<30).map { "\"zz_\(String(format: "%02d", $0))\": 1" }.joined(separator: ", ")
        let data = Data("{\"units\": [{\"id\": \"u1\", \"block\": \"p\", \"answers\": {\"staff_total\": 10, \(answers)}}]}".utf8)
        let validator = SurveyValidator(methodology: try MethodologyLoader.load(yaml: Self.yaml, fileName: "m.yaml"))
        var report = UnknownFieldReport(fieldIDs: ["staff_total", "staff_pc"])
        let error = try #require(throws: DiagnosticError.self) { try validator.validate(SurveyReader.readJSON(data, fileName: "a.json"), unknownFields: &report) }
        #expect(error.diagnostics.count == 21)
        #expect(report.suggestionsComputed == 20)
        #expect(error.diagnostics.last?.location?.detail == "units[0].answers.zz_20")
        #expect(error.diagnostics.last?.message.hasPrefix("and 10 more unknown fields") == true)
    }
}
