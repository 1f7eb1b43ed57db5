import Foundation
import IndexCore
@testable import Formats
@testable import Intake
import Reports
import Testing

/// The general XLSX writer and reader: round trips, determinism, formula neutralisation and
/// malformed packages.
@Suite struct XLSXTests {
    /// A small workbook using every feature of the writer.
    static func sample(storage: XLSXWorkbook.StringStorage = .shared) -> XLSXWorkbook {
        var sheet = XLSXSheet(name: "Dữ liệu")
        sheet.set(XLSXCellReference("A1")!, .text("Tên"), style: .header)
        sheet.set(XLSXCellReference("B1")!, .text("Giá trị"), style: .header)
        sheet.set(XLSXCellReference("A2")!, .text("Thừa Thiên Huế"))
        sheet.set(XLSXCellReference("B2")!, .number(0.1 + 0.2))
        sheet.set(XLSXCellReference("C2")!, .boolean(true))
        sheet.set(XLSXCellReference("D2")!, .empty, style: XLSXStyle(fill: "FFF2CC", locked: false))
        sheet.set(XLSXCellReference("A3")!, .text("  leading & <trailing> \"quotes\"  \nline two"))
        sheet.set(XLSXCellReference("B3")!, .number(-1.5e-7))
        sheet.set(XLSXCellReference("C3")!, .boolean(false))
        sheet.set(XLSXCellReference("AA10")!, .number(123_456_789_012))
        sheet.columnWidths = [1: 30, 2: 12]
        sheet.hiddenColumns = [5]
        sheet.frozenRows = 1
        sheet.frozenColumns = 1
        sheet.mergedRanges = [XLSXCellRange("F1:G1")!]
        sheet.validations = [
            XLSXDataValidation(.list(["có", "không"]), ranges: [XLSXCellRange("C2:C3")!], errorTitle: "Sai", error: "Chọn có hoặc không"),
            XLSXDataValidation(.whole(minimum: 0, maximum: 14), ranges: [XLSXCellRange("D2")!], prompt: "0–14"),
            XLSXDataValidation(.decimal(minimum: 0, maximum: nil), ranges: [XLSXCellRange("B2:B3")!]),
        ]
        sheet.isProtected = true
        var hidden = XLSXSheet(name: "Lists")
        hidden.isHidden = true
        hidden.set(XLSXCellReference("A1")!, .text("one, with comma"))
        return XLSXWorkbook(sheets: [sheet, hidden], definedNames: [XLSXDefinedName(name: "choices", reference: "Lists!$A$1:$A$1")], stringStorage: storage)
    }

    @Test(arguments: [XLSXWorkbook.StringStorage.shared, .inline])
    func writerReaderRoundTrip(storage: XLSXWorkbook.StringStorage) throws {
        let data = try Self.sample(storage: storage).data()
        let document = try XLSXReader.read(data, fileName: "sample.xlsx")
        #expect(document.sheets.map(\.name) == ["Dữ liệu", "Lists"])
        #expect(document.sheets.map(\.isHidden) == [false, true])
        let sheet = try #require(document.sheet(named: "Dữ liệu"))
        #expect(sheet["A1"]?.content == .text("Tên"))
        #expect(sheet["A2"]?.content == .text("Thừa Thiên Huế"))
        #expect(sheet["B2"]?.content == .number(0.1 + 0.2), "numbers round-trip bit for bit")
        #expect(sheet["C2"]?.content == .boolean(true))
        #expect(sheet["C3"]?.content == .boolean(false))
        #expect(sheet["A3"]?.content == .text("  leading & <trailing> \"quotes\"  \nline two"))
        #expect(sheet["B3"]?.content == .number(-1.5e-7))
        #expect(sheet["AA10"]?.content == .number(123_456_789_012))
        #expect(sheet["D2"]?.content == .empty)
        #expect(sheet["D2"]?.isLocked == false)
        #expect(sheet["A2"]?.isLocked == true)
        #expect(sheet.isProtected)
        #expect(sheet.mergedRanges == [XLSXCellRange("F1:G1")!])
        #expect(sheet.validations.count == 3)
        #expect(sheet.validations[0].type == "list" && sheet.validations[0].formula1 == "\"có,không\"")
        #expect(sheet.validations[1].type == "whole" && sheet.validations[1].operatorName == "between" && sheet.validations[1].formula2 == "14")
        #expect(sheet.validations[2].operatorName == "greaterThanOrEqual")
        #expect(document.definedNames["choices"] == "Lists!$A$1:$A$1")
        #expect(document.sheet(named: "Lists")?["A1"]?.content == .text("one, with comma"))
    }

    @Test func cellReferences() {
        #expect(XLSXCellReference("C7") == XLSXCellReference(column: 3, row: 7))
        #expect(XLSXCellReference("$AA$10") == XLSXCellReference(column: 27, row: 10))
        #expect(XLSXCellReference(column: 16_384, row: 1).description == "XFD1")
        #expect(XLSXCellReference("7C") == nil)
        #expect(XLSXCellReference("C0") == nil)
        #expect(XLSXCellReference("XFE1") == nil)
        #expect(XLSXCellRange("B3:A1")?.description == "A1:B3")
        for column in [1, 26, 27, 52, 53, 702, 703, 16_384] {
            #expect(XLSXCellReference(XLSXCellReference.columnName(column) + "1")?.column == column)
        }
    }

    @Test func outputIsDeterministic() throws {
        let first = try Self.sample().data()
        let second = try Self.sample().data()
        #expect(first == second)
        let methodology = try Repository.methodology()
        let form1 = try SurveyFormWriter(methodology: methodology, block: "province", language: .vi).workbook().data()
        let form2 = try SurveyFormWriter(methodology: methodology, block: "province", language: .vi).workbook().data()
        #expect(form1 == form2)
        // Every zip entry carries the fixed date 1980-01-01 00:00 (DOS date 0x0021, time 0).
        var offset = 0
        var headers = 0
        let bytes = [UInt8](first)
        while offset + 30 <= bytes.count {
            if bytes[offset] == 0x50, bytes[offset + 1] == 0x4B, bytes[offset + 2] == 3, bytes[offset + 3] == 4 {
                #expect(bytes[offset + 10] == 0 && bytes[offset + 11] == 0, "modification time")
                #expect(bytes[offset + 12] == 0x21 && bytes[offset + 13] == 0, "modification date")
                headers += 1
            }
            offset += 1
        }
        #expect(headers >= 6)
    }

    @Test func formulaLikeTextIsNeutralised() throws {
        #expect(SpreadsheetSafety.neutralise("=1+2") == "'=1+2")
        #expect(SpreadsheetSafety.neutralise("+84 234 382") == "'+84 234 382")
        #expect(SpreadsheetSafety.neutralise("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0")
        #expect(SpreadsheetSafety.neutralise("@SUM(A1)") == "'@SUM(A1)")
        #expect(SpreadsheetSafety.neutralise("\t=1") == "'\t=1")
        #expect(SpreadsheetSafety.neutralise("Bộ Công Thương") == "Bộ Công Thương")
        #expect(SpreadsheetSafety.neutralise("-5") == "-5")
        #expect(SpreadsheetSafety.neutralise("+0.25") == "+0.25")
        #expect(SpreadsheetSafety.neutralise("-1e3") == "-1e3")
        #expect(SpreadsheetSafety.neutralise("-1e") == "'-1e")
        #expect(SpreadsheetSafety.neutralise("") == "")

        let dangerous = "=HYPERLINK(\"http://example.com\",\"x\")"
        var sheet = XLSXSheet(name: "S")
        sheet.set(XLSXCellReference("A1")!, .text(dangerous))
        sheet.set(XLSXCellReference("A2")!, .text("safe"))
        for storage in [XLSXWorkbook.StringStorage.shared, .inline] {
            let data = try XLSXWorkbook(sheets: [sheet], stringStorage: storage).data()
            let xml = try partText(data, "xl/worksheets/sheet1.xml")
            #expect(!xml.contains("<f>"), "never a formula")
            #expect(xml.contains(storage == .shared ? "t=\"s\"" : "t=\"inlineStr\""))
            let styles = try partText(data, "xl/styles.xml")
            #expect(styles.contains("quotePrefix=\"1\""))
            // The text comes back unchanged.
            let read = try XLSXReader.read(data, fileName: "x.xlsx")
            #expect(read.sheets[0]["A1"]?.content == .text(dangerous))
            #expect(read.sheets[0]["A1"]?.formula == nil)
        }
        // Export results: the CSV neutralises, the workbook keeps the text as a string.
        let methodology = try Repository.methodology()
        var records = try Repository.records2019()
        records[0].name = "=1+1"
        let answers = try SurveyValidator(methodology: methodology).validate(records)
        let result = try Engine.compute(methodology, answers: answers, period: 2019)
        let observations = ResultExport.observationsCSV(result)
        #expect(observations.contains(",'=1+1,"))
        let workbook = try ResultExport.workbook(result, language: .en).data()
        let document = try XLSXReader.read(workbook, fileName: "results.xlsx")
        let texts = document.sheets.flatMap { $0.cells.values.map(\.content) }
        #expect(texts.contains(.text("=1+1")))
        #expect(document.sheets.allSatisfy { $0.cells.values.allSatisfy { $0.formula == nil } })
    }

    @Test func invalidWorkbooksAreRejectedWhenWritten() {
        #expect(throws: XLSXWriteError.self) { try XLSXWorkbook(sheets: []).data() }
        #expect(throws: XLSXWriteError.self) { try XLSXWorkbook(sheets: [XLSXSheet(name: "a/b")]).data() }
        #expect(throws: XLSXWriteError.self) { try XLSXWorkbook(sheets: [XLSXSheet(name: "A"), XLSXSheet(name: "a")]).data() }
        var hidden = XLSXSheet(name: "H")
        hidden.isHidden = true
        #expect(throws: XLSXWriteError.self) { try XLSXWorkbook(sheets: [hidden]).data() }
    }

    // MARK: Malformed packages

    @Test func notAZip() {
        let problems = diagnostics { _ = try XLSXReader.read(Data("id,name\n1,x\n".utf8), fileName: "form.xlsx") }
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("not a zip archive") == true)
        #expect(problems.first?.location?.file == "form.xlsx")
        let truncated = diagnostics { _ = try XLSXReader.read(try Self.sample().data().prefix(100), fileName: "form.xlsx") }
        #expect(truncated.first?.message.contains("zip archive cannot be opened") == true)
    }

    @Test func missingParts() throws {
        let data = try Self.sample().data()
        let noTypes = try patched(data) { $0.removeAll { $0.0 == "[Content_Types].xml" } }
        #expect(diagnostics { _ = try XLSXReader.read(noTypes, fileName: "f.xlsx") }.first?.message.contains("[Content_Types].xml is missing") == true)
        let noWorkbook = try patched(data) { $0.removeAll { $0.0 == "xl/workbook.xml" } }
        #expect(diagnostics { _ = try XLSXReader.read(noWorkbook, fileName: "f.xlsx") }.first?.message.contains("the workbook part (xl/workbook.xml) is missing") == true)
        let noSheet = try patched(data) { $0.removeAll { $0.0 == "xl/worksheets/sheet1.xml" } }
        let problems = diagnostics { _ = try XLSXReader.read(noSheet, fileName: "f.xlsx") }
        #expect(problems.count == 1)
        #expect(problems.first?.message == "the part of sheet 'Dữ liệu' (xl/worksheets/sheet1.xml) is missing from the workbook")
    }

    @Test func brokenSharedStringsAndXML() throws {
        let data = try Self.sample().data()
        // A shared-string table one entry short: the cell that refers to the missing entry is named.
        let short = try patched(data) { parts in
            let index = parts.firstIndex { $0.0 == "xl/sharedStrings.xml" }!
            var text = String(decoding: parts[index].1, as: UTF8.self)
            let last = text.range(of: "<si>", options: .backwards)!
            text.removeSubrange(last.lowerBound..<text.range(of: "</si>", options: .backwards)!.upperBound)
            parts[index].1 = Data(text.utf8)
        }
        let problems = diagnostics { _ = try XLSXReader.read(short, fileName: "f.xlsx") }
        #expect(problems.count == 1)
        #expect(problems.first?.location?.detail == "Lists!A1")
        #expect(problems.first?.message.contains("shared string 4") == true)
        // Unreadable XML names the part and the line.
        let broken = try patched(data) { replace("</sst>", with: "", in: "xl/sharedStrings.xml", &$0) }
        let xml = diagnostics { _ = try XLSXReader.read(broken, fileName: "f.xlsx") }
        #expect(xml.first?.message.hasPrefix("unreadable XML in xl/sharedStrings.xml") == true)
        let badSheet = try patched(data) { replace("<sheetData>", with: "<sheetData><row r=\"1\"><c r=\"A1\"", in: "xl/worksheets/sheet1.xml", &$0) }
        let sheetProblems = diagnostics { _ = try XLSXReader.read(badSheet, fileName: "f.xlsx") }
        #expect(sheetProblems.first?.message.contains("unreadable XML in xl/worksheets/sheet1.xml (the part of sheet 'Dữ liệu')") == true)
    }

    @Test func formulaCellsGiveTheirCachedValue() throws {
        var sheet = XLSXSheet(name: "S")
        sheet.set(XLSXCellReference("A1")!, .empty)
        let data = try patched(try XLSXWorkbook(sheets: [sheet]).data()) {
            replace("<c r=\"A1\"/>", with: "<c r=\"A1\"><f>2*3</f><v>6</v></c><c r=\"B1\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>ab</v></c><c r=\"C1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>", in: "xl/worksheets/sheet1.xml", &$0)
        }
        let read = try XLSXReader.read(data, fileName: "f.xlsx").sheets[0]
        #expect(read["A1"] == XLSXReadCell(content: .number(6), formula: "2*3"))
        #expect(read["B1"]?.content == .text("ab"))
        #expect(read["C1"]?.content == .error("#DIV/0!"))
    }
}
