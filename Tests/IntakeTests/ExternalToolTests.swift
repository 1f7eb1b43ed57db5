import Foundation
import IndexCore
import Formats
import Intake
import Reports
import Testing

/// The generated workbooks open in other programs: openpyxl (PyPI) and LibreOffice (Debian's
/// libreoffice-calc-nogui). `.ci/run` installs both; the tests are skipped where they are absent.
@Suite struct ExternalToolTests {
    @Test(.enabled("needs python3 with openpyxl (python3 -m pip install openpyxl)") { await ExternalTools.hasOpenpyxl.value })
    func openpyxlOpensTheForm() async throws {
        let directory = try temporaryDirectory()
        let methodology = try Repository.methodology()
        let record = try Repository.records2019().first { $0.block == "province" }!
        let vi = directory.appendingPathComponent("form-vi.xlsx")
        try filledForm(methodology, record).write(to: vi)
        let en = directory.appendingPathComponent("form-en.xlsx")
        try SurveyFormWriter(methodology: methodology, block: "ministry", language: .en).write(to: en)
        guard case .text(let staffText) = record.cells.first(where: { $0.field == "staff_total" })!.value, let staffTotal = Int(staffText) else {
            Issue.record("the example has no staff_total")
            return
        }
        let script = """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            assert wb.sheetnames == ["Hướng dẫn", "Phiếu"], wb.sheetnames
            ws = wb["Phiếu"]
            assert ws.protection.sheet, "sheet not protected"
            rows = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
            r = rows["has_datacentre"]
            assert ws.cell(row=r, column=3).protection.locked, "label cell not locked"
            assert not ws.cell(row=r, column=6).protection.locked, "answer cell locked"
            assert not ws.cell(row=r, column=7).protection.locked, "evidence cell locked"
            dvs = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
            dv = dvs["F%d" % r]
            assert dv.type == "list" and dv.formula1 == '"có,không"', (dv.type, dv.formula1)
            dv = dvs["F%d" % rows["staff_total"]]
            assert dv.type == "whole" and dv.operator == "between" and dv.formula1 == "1", (dv.type, dv.operator, dv.formula1)
            assert ws.cell(row=rows["staff_total"], column=6).value == \(staffTotal), ws.cell(row=rows["staff_total"], column=6).value
            assert ws.cell(row=rows["unit_name"], column=6).value == \(pythonString(record.name!))
            assert ws.freeze_panes == "A10", ws.freeze_panes
            en = openpyxl.load_workbook(sys.argv[2])
            assert en.sheetnames == ["Instructions", "Form"], en.sheetnames
            assert not en["Form"]["F7"].protection.locked, "unit cells open when no unit is given"
            print("ok")
            """
        let result = try await run("python3", ["-c", script, vi.path, en.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("ok"))
    }

    @Test(.enabled("needs python3 with openpyxl") { await ExternalTools.hasOpenpyxl.value })
    func openpyxlReadsExportsAndNeutralisedText() async throws {
        let directory = try temporaryDirectory()
        let methodology = try Repository.methodology()
        var records = try Repository.records2019()
        records[0].name = "=HYPERLINK(\"http://x\")"
        let answers = try SurveyValidator(methodology: methodology).validate(records)
        let result = try Engine.compute(methodology, answers: answers, period: 2019)
        let url = directory.appendingPathComponent("results.xlsx")
        try ResultExport.workbook(result, language: .vi).write(to: url)
        let script = """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            assert wb.sheetnames == ["ministry", "agency", "province", "Số liệu"], wb.sheetnames
            cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("http://x")']
            assert cells, "text missing"
            assert all(c.data_type == "s" and c.quotePrefix for c in cells), [(c.data_type, c.quotePrefix) for c in cells]
            assert wb["province"]["A2"].value == 1
            print("ok")
            """
        let run = try await run("python3", ["-c", script, url.path])
        #expect(run.status == 0, "\(run.output)")
    }

    /// LibreOffice converts the form to CSV (every sheet) and re-saves a filled form as .xlsx,
    /// which the reader then reads to the same answers.
    @Test(.enabled(if: ExternalTools.hasLibreOffice, "needs LibreOffice (apt-get install libreoffice-calc-nogui)"))
    func libreOfficeConvertsAndResavesTheForm() async throws {
        let directory = try temporaryDirectory()
        let methodology = try Repository.methodology()
        let record = try Repository.records2019().first { $0.block == "agency" }!
        let form = directory.appendingPathComponent("form.xlsx")
        try filledForm(methodology, record).write(to: form)
        let profile = directory.appendingPathComponent("profile")
        let environment = ["HOME": directory.path]
        let csvDirectory = directory.appendingPathComponent("csv")
        let csv = try await run("soffice", ["-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore",
                                      "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                                      "--outdir", csvDirectory.path, form.path], environment: environment)
        #expect(csv.status == 0, "\(csv.output)")
        let sheetCSV = try String(contentsOf: csvDirectory.appendingPathComponent("form-Phiếu.csv"), encoding: .utf8)
        #expect(sheetCSV.contains("field,Mục,Câu hỏi,Đơn vị tính,Giá trị cho phép,Trả lời,Minh chứng / nguồn số liệu,Hướng dẫn"))
        #expect(sheetCSV.contains("unit_id,,Mã đơn vị,,,\(record.unitID!),"))
        #expect(FileManager.default.fileExists(atPath: csvDirectory.appendingPathComponent("form-Hướng dẫn.csv").path))

        let resavedDirectory = directory.appendingPathComponent("resaved")
        let xlsx = try await run("soffice", ["-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore",
                                       "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", resavedDirectory.path, form.path], environment: environment)
        #expect(xlsx.status == 0, "\(xlsx.output)")
        let resaved = try XLSXReader.read(resavedDirectory.appendingPathComponent("form.xlsx"))
        let sheet = try #require(resaved.sheet(named: "Phiếu"))
        #expect(sheet.isProtected)
        #expect(!sheet.validations.isEmpty)
        let content = try SurveyFormReader.read(resaved, methodology: methodology)
        let original = try SurveyValidator(methodology: methodology).validate([record])[0]
        let fromForm = try SurveyValidator(methodology: methodology).validate([content.record])[0]
        #expect(fromForm.values == original.values)
        #expect(fromForm.texts == original.texts)
        #expect(fromForm.unitID == original.unitID && fromForm.name == original.name)
    }
}

/// A Python string literal.
func pythonString(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
