import Foundation
import Formats
import IndexCore
import Intake
import Testing

/// Issue 13: evidence typed in a returned form is data. Before, resubmitting Hà Nội's form with
/// only a source added printed "0 mới, 0 thay thế, 1 không đổi; 0 câu trả lời" and dropped it.
@Suite struct EvidenceImportTests {
    /// Hà Nội's 2019 form filled with its answers; with `evidence`, that text beside staff_total.
    func form(evidence: String?, to url: URL) throws {
        let methodology = try MethodologyLoader.load(contentsOf: Repository.url("Indicators/vn-it-application/2019.yaml"))
        let record = try #require(try SurveyReader.read(Repository.url("Examples/vn-it-application/survey-2019.csv")).first { $0.unitID == "ha-noi" })
        var writer = SurveyFormWriter(methodology: methodology, block: "province", unitID: "ha-noi", unitName: "TP. Hà Nội", period: 2019, language: .vi)
        writer.prefill = record
        var workbook = try writer.workbook()
        if let evidence {
            let index = try #require(workbook.sheetIndex(named: SurveyFormLayout.formSheetName(.vi)))
            let row = try #require(workbook.sheets[index].cells.first { $0.key.column == SurveyFormLayout.keyColumn && $0.value.value == .text("staff_total") }?.key.row)
            workbook.sheets[index].setValue(.text(evidence), at: XLSXCellReference(column: SurveyFormLayout.evidenceColumn, row: row))
        }
        try workbook.write(to: url)
    }

    @Test func aResubmissionWithOnlyNewEvidenceIsRecordedAndShown() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = directory.appendingPathComponent("ws").path
        #expect(try await CLI.run(["init", workspace]).status == 0)
        let first = directory.appendingPathComponent("ha-noi-1.xlsx"), second = directory.appendingPathComponent("ha-noi-2.xlsx")
        try form(evidence: nil, to: first)
        try form(evidence: "Báo cáo số 12/BC-UBND", to: second)
        let imported = try await CLI.run(["import", "--workspace", workspace, first.path, "--lang", "vi"])
        #expect(imported.stdout.contains("đã nhập: 1 mới, 0 thay thế, 0 không đổi"), "\(imported.stdout)\(imported.stderr)")
        let again = try await CLI.run(["import", "--workspace", workspace, second.path, "--lang", "vi"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("đã nhập: 0 mới, 1 thay thế, 0 không đổi"), "\(again.stdout)")
        #expect(again.stdout.contains(#"      staff_total (bằng chứng): (trống) → "Báo cáo số 12/BC-UBND""#), "\(again.stdout)")
        let history = try await CLI.run(["history", "--workspace", workspace, "--unit", "ha-noi", "--lang", "en"])
        #expect(history.stdout.contains(#"      staff_total (evidence): (none) → "Báo cáo số 12/BC-UBND""#), "\(history.stdout)")
        // The same form once more: nothing changed.
        let same = try await CLI.run(["import", "--workspace", workspace, second.path, "--lang", "vi"])
        #expect(same.stdout.contains("đã nhập: 0 mới, 0 thay thế, 1 không đổi"), "\(same.stdout)")
    }
}
