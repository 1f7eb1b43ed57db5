import Foundation
import IndexCore
import IndexStore
import Testing

/// Evidence typed beside an answer (the form's evidence column) is data (issue 13): a
/// resubmission that changes only evidence is recorded, and its diff and the history show it.
@Suite struct EvidenceChangesTests {
    func makeStore(_ directory: TemporaryDirectory) throws -> Store {
        let store = try Store(path: directory.url.appendingPathComponent("evidence.sqlite").path)
        try store.replaceRegistry(try Repository.registry())
        return store
    }

    func haNoi(evidence: [String: String], file: String) throws -> Submission {
        var answers = try #require(try Repository.examples(2019).first { $0.unitID == "ha-noi" })
        answers.evidence = evidence
        return Submission(answers: answers, period: 2019, fileName: file, fileSHA256: file, methodologyHash: nil)
    }

    @Test func aResubmissionChangingOnlyEvidenceIsRecordedWithItsDiff() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let store = try makeStore(directory)
        let first = try store.importSubmissions([try haNoi(evidence: ["staff_total": "Báo cáo số 12/BC-UBND"], file: "ha-noi-1.xlsx")])
        #expect(first.entries.map(\.action) == [.new])
        // The same answers and evidence from another file: nothing to record.
        let same = try store.importSubmissions([try haNoi(evidence: ["staff_total": "Báo cáo số 12/BC-UBND"], file: "ha-noi-2.xlsx")])
        #expect(same.entries.map(\.action) == [.unchanged])
        // The same answers, one source corrected and one added: a new submission, and its diff says so.
        let corrected = try store.importSubmissions([try haNoi(evidence: ["staff_total": "Báo cáo số 15/BC-UBND", "has_datacentre": "QĐ 120/QĐ-UBND"], file: "ha-noi-3.xlsx")])
        let expected = [
            AnswerChange(field: "has_datacentre", before: nil, after: .text("QĐ 120/QĐ-UBND"), isEvidence: true),
            AnswerChange(field: "staff_total", before: .text("Báo cáo số 12/BC-UBND"), after: .text("Báo cáo số 15/BC-UBND"), isEvidence: true),
        ]
        #expect(corrected.entries.map(\.action) == [.supersede])
        #expect(corrected.entries.first?.changes == expected)
        let history = try store.history(unitID: "ha-noi")
        #expect(history.map(\.fileName) == ["ha-noi-3.xlsx", "ha-noi-1.xlsx"])
        #expect(history.first?.changes == expected, "history shows the same diff")
        // Answers and evidence changing together: the answer first, then the evidence.
        var both = try haNoi(evidence: ["staff_total": "Báo cáo số 15/BC-UBND"], file: "ha-noi-4.xlsx")
        let before = try #require(both.answers.values["staff_trained"])
        both.answers.values["staff_trained"] = before + 1
        let changedBoth = try store.importSubmissions([both], dryRun: true)
        #expect(changedBoth.entries.first?.changes == [
            AnswerChange(field: "staff_trained", before: .number(before), after: .number(before + 1)),
            AnswerChange(field: "has_datacentre", before: .text("QĐ 120/QĐ-UBND"), after: nil, isEvidence: true),
        ])
    }

    /// Answers without evidence hash as they always did, so that a workspace filled before
    /// evidence was kept sees re-imports of the same files as unchanged.
    @Test func answersWithoutEvidenceKeepTheirHash() throws {
        let answers = UnitAnswers(unitID: "u1", name: "U1", block: "p", values: ["a": 2], texts: ["t": "x"])
        let submission = Submission(answers: answers, period: 2019, fileName: "f.csv", fileSHA256: "0", methodologyHash: nil)
        let unchangedFormula = "u1|2019\na=\(2.0.bitPattern)\nt:x"
        #expect(submission.contentSHA256 == SHA256.hex(Data(unchangedFormula.utf8)))
        var withEvidence = submission
        withEvidence.answers.evidence = ["a": "Báo cáo"]
        #expect(withEvidence.contentSHA256 != submission.contentSHA256)
    }
}
