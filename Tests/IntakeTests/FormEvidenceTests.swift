import Foundation
import IndexCore
@testable import Formats
@testable import Intake
import Testing

/// The evidence column of a returned form reaches the validated answers (issue 13: evidence is
/// data), so that the workspace can store it and show its changes.
@Suite struct FormEvidenceTests {
    @Test func evidenceTypedInTheFormIsKeptWithTheAnswers() throws {
        let methodology = try Repository.methodology()
        let record = try #require(try Repository.records2019().first { $0.unitID == "thua-thien-hue" })
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("hue.xlsx")
        // filledForm writes "Báo cáo <unit> năm <year>" beside every answer it fills.
        try filledForm(methodology, record, language: .vi).write(to: url)
        let read = try SurveyReader.read([url])
        let answered = Set(record.cells.filter { $0.value != .empty }.map(\.field))
        #expect(Set(read[0].evidence.keys) == answered)
        let answers = try SurveyValidator(methodology: methodology).validate(read)
        #expect(answers[0].evidence["staff_total"] == "Báo cáo thua-thien-hue năm 2019")
        #expect(answers[0].evidence.count == answered.count)
        // A CSV has no evidence column: nothing is made up.
        #expect(try SurveyValidator(methodology: methodology).validate([record])[0].evidence.isEmpty)
    }
}
