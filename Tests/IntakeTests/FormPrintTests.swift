import Foundation
import IndexCore
@testable import Formats
@testable import Intake
import Testing

/// The survey form as it prints: A4 portrait, one page wide (column A, the machine keys, off
/// paper), the header row repeated on every page, rows as tall as their wrapped text, the
/// deadline, and a signature block the reader ignores.
@Suite struct FormPrintTests {
    static func provinceForm(deadline: Day? = Day(year: 2020, month: 1, day: 15)) throws -> (XLSXWorkbook, SurveyFormWriter) {
        let writer = SurveyFormWriter(methodology: try Repository.methodology(), block: "province", unitID: "ha-noi", unitName: "TP. Hà Nội", period: 2019, deadline: deadline)
        return (try writer.workbook(), writer)
    }

    @Test func pageSetupIsWrittenForBothSheets() throws {
        let (workbook, writer) = try Self.provinceForm()
        let data = try workbook.data()
        let lastRow = try #require(workbook.sheets[1].rowHeights.keys.max())
        #expect(lastRow == SurveyFormLayout.headerRow + writer.fields.count + 5, "the signature block ends 5 rows below the last question")
        let book = try partText(data, "xl/workbook.xml")
        #expect(book.contains("<definedName name=\"_xlnm.Print_Title\("s")\" localSheetId=\"1\">&apos;Phiếu&apos;!$9:$9</definedName>"), "\(book)")
        #expect(book.contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"1\">&apos;Phiếu&apos;!$B$1:$H$\(lastRow)</definedName>"))
        #expect(book.contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">&apos;Hướng dẫn&apos;!$A$1:$A$"))
        for sheet in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            let xml = try partText(data, sheet)
            #expect(xml.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"), "\(sheet)")
            #expect(xml.contains("<pageSetup paperSize=\"9\" orientation=\"portrait\" fitToWidth=\"1\" fitToHeight=\"0\"/>"), "\(sheet)")
        }
        let form = try partText(data, "xl/worksheets/sheet2.xml")
        #expect(form.contains("<oddFooter>&amp;LTỉnh, thành phố trực thuộc Trung ương&amp;RTrang &amp;P/&amp;N</oddFooter>"))
        #expect(form.contains("<row r=\"\(lastRow)\" ht=\"80\" customHeight=\"1\"/>"), "room to sign")
    }

    /// Every wrapped label gets the lines it needs: the longest question (a 100-character label
    /// in a 38-wide column) is at least three lines tall; a one-line question keeps the default.
    @Test func rowsAreAsTallAsTheirWrappedText() throws {
        let (workbook, _) = try Self.provinceForm()
        let form = workbook.sheets[1]
        let rows = form.rowsByKey
        #expect((form.rowHeights[rows["portal_functions"]!] ?? 15) >= 3 * 15)
        #expect(form.rowHeights[rows["questions_received"]!] == nil, "every text of this row fits one line")
        #expect(XLSXSheet.wrappedLineCount("một hai ba", capacity: 7) == 2)
        #expect(XLSXSheet.wrappedLineCount("một hai ba", capacity: 10) == 1)
        #expect(XLSXSheet.wrappedLineCount("abcdefghij", capacity: 4) == 3)
        #expect(XLSXSheet.wrappedLineCount("a\nb", capacity: 10) == 2)
    }

    @Test func deadlineInstructionsAndHelp() throws {
        let (workbook, writer) = try Self.provinceForm()
        let texts = workbook.sheets.flatMap { $0.cells.values.compactMap { cell -> String? in if case .text(let t) = cell.value { t } else { nil } } }
        #expect(texts.contains("Hạn gửi phiếu: 15/01/2020"))
        let eighth = try #require(texts.first { $0.hasPrefix("8. ") })
        #expect(!eighth.contains("ictindex"), "officials have no terminal: \(eighth)")
        #expect(eighth.contains("trước ngày 15/01/2020"))
        #expect(texts.contains("THỦ TRƯỞNG ĐƠN VỊ"))
        // Help for every question that is not self-explanatory: all but at most two.
        #expect(writer.fields.filter { $0.help == nil }.count <= 2, "\(writer.fields.filter { $0.help == nil }.map(\.id))")
        let blank = try SurveyFormWriter(methodology: try Repository.methodology(), block: "province").workbook()
        #expect(!blank.sheets.flatMap { $0.cells.values }.contains { if case .text(let t) = $0.value { t.hasPrefix("Hạn gửi") } else { false } })
    }

    /// The signature block's rows carry `sign-off` in column A and hold text in the evidence
    /// column: the reader must skip them, not report them as unknown questions.
    @Test func theSignatureBlockIsNotReadAsAQuestion() throws {
        let methodology = try Repository.methodology()
        let record = try Repository.records2019().first { $0.unitID == "ha-noi" }!
        let workbook = try filledForm(methodology, record)
        let directory = try temporaryDirectory()
        let url = directory.appendingPathComponent("ha-noi.xlsx")
        try workbook.write(to: url)
        let content = try SurveyFormReader.read(url, methodology: methodology)
        #expect(content.record.unitID == "ha-noi")
        #expect(!content.record.cells.contains { $0.field == SurveyFormLayout.signOffKey })
    }

    @Test func prefilledFormReadsBackToTheSameAnswers() throws {
        let methodology = try Repository.methodology()
        let record = try Repository.records2019().first { $0.unitID == "ha-noi" }!
        var writer = SurveyFormWriter(methodology: methodology, block: "province", unitID: "ha-noi", unitName: record.name, period: 2019)
        writer.prefill = record
        let directory = try temporaryDirectory()
        let url = directory.appendingPathComponent("ha-noi.xlsx")
        try writer.write(to: url)
        let read = try SurveyFormReader.read(url, methodology: methodology)
        let validator = SurveyValidator(methodology: methodology)
        let original = try validator.validate([record])[0], fromForm = try validator.validate([read.record])[0]
        #expect(fromForm.values == original.values)
        #expect(fromForm.texts == original.texts)
    }

    /// Printed through LibreOffice: one instructions page, the form one page wide in portrait,
    /// every question's label, answer and evidence on one printed line (so on one page), the
    /// header on every form page, the instructions and the signature block whole.
    @Test(.enabled(if: ExternalTools.hasLibreOffice && ExternalTools.has("pdftotext"), "needs LibreOffice and pdftotext (scripts/bootstrap --with-test-tools)"))
    func theFormPrintsOnePageWide() async throws {
        let methodology = try Repository.methodology()
        var (workbook, writer) = try Self.provinceForm()
        let index = 1
        let rows = workbook.sheets[index].rowsByKey
        for (n, field) in writer.fields.enumerated() {
            workbook.sheets[index].setValue(.text("A\(n)Z"), at: XLSXCellReference(column: SurveyFormLayout.answerColumn, row: rows[field.id]!))
            workbook.sheets[index].setValue(.text("E\(n)Z"), at: XLSXCellReference(column: SurveyFormLayout.evidenceColumn, row: rows[field.id]!))
        }
        let directory = try temporaryDirectory()
        let form = directory.appendingPathComponent("form.xlsx")
        try workbook.write(to: form)
        let profile = directory.appendingPathComponent("profile")
        let pdf = try await run("soffice", ["-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", directory.path, form.path],
                          environment: ["HOME": directory.path])
        #expect(pdf.status == 0, "\(pdf.output)")
        let text = directory.appendingPathComponent("form.txt")
        let converted = try await run("pdftotext", ["-layout", directory.appendingPathComponent("form.pdf").path, text.path])
        #expect(converted.status == 0, "\(converted.output)")
        var pages = try String(contentsOf: text, encoding: .utf8).components(separatedBy: "\u{0C}").map { VietnameseText.nfc($0) }
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        if let keep = ProcessInfo.processInfo.environment["FORM_PRINT_DIR"] {
            let kept = URL(fileURLWithPath: keep).appendingPathComponent("form.pdf")
            try? FileManager.default.removeItem(at: kept)
            try? FileManager.default.copyItem(at: directory.appendingPathComponent("form.pdf"), to: kept)
        }
        // The instructions on one page, whole (not a letter cut off at either side).
        let firstFormPage = try #require(pages.firstIndex { $0.contains("PHIẾU KHẢO SÁT") })
        #expect(firstFormPage == 1, "the instructions take \(firstFormPage) pages")
        #expect(pages[0].contains("Chỉ số ứng dụng công nghệ thông tin trong cơ quan nhà nước"))
        #expect(pages[0].contains("CÁCH ĐIỀN PHIẾU"))
        #expect(pages[0].contains("9. Ký, ghi rõ họ tên"), "the last instruction is cut off")
        #expect(pages[0].contains("(staff_trained <= staff_total)"), "the last check between answers is cut off")
        // Every word of every instruction is on the page: a line running off the paper loses its end.
        let printed = Set(pages[0].split(whereSeparator: \.isWhitespace).map { VietnameseText.fold(String($0)) })
        for line in workbook.sheets[0].cells.values.compactMap({ cell -> String? in if case .text(let t) = cell.value { t } else { nil } }) {
            let missing = line.split(separator: " ").map { VietnameseText.fold(String($0)) }.filter { !$0.isEmpty && !printed.contains($0) }
            #expect(missing.isEmpty, "cut off on the printed instructions: \(missing) of '\(line)'")
        }
        let formPages = Array(pages[firstFormPage...])
        #expect(formPages.count == Self.expectedFormPages, "the form prints on \(formPages.count) pages")
        for (number, page) in formPages.enumerated() {
            #expect(page.contains("Minh chứng") && page.contains("Trả lời") && page.contains("Hướng dẫn"), "page \(number + 2) lacks the repeated header (or is split by column)")
        }
        let lines = formPages.flatMap { $0.components(separatedBy: "\n") }.map(VietnameseText.fold)
        for (n, field) in writer.fields.enumerated() {
            let start = VietnameseText.fold(field.label[.vi].split(separator: " ").prefix(2).joined(separator: " "))
            let same = lines.contains { $0.contains("a\(n)z") && $0.contains("e\(n)z") && $0.contains(start) }
            #expect(same, "question \(field.id): its label, answer and evidence are not on one printed line")
        }
        #expect(formPages.last?.contains("THỦ TRƯỞNG ĐƠN VỊ") == true)
        #expect(formPages.first?.contains("Hạn gửi phiếu: 15/01/2020") == true)
        _ = methodology
    }

    /// 52 province questions, the metadata and the signature block on A4 portrait.
    static let expectedFormPages = 2
}
