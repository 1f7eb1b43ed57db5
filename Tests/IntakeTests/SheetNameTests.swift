import Foundation
@testable import Formats
import Testing

/// The one sheet namer: every name it makes is one the XLSX writer accepts.
@Suite struct SheetNameTests {
    /// Twelve tables with the same 31-character title: the tenth and later used to get a
    /// 32-character name (27 characters + " (10)") that the writer rejects.
    @Test func manyTablesWithALongTitleGetNamesTheWriterAccepts() throws {
        let title = "Bảng xếp hạng khối tỉnh năm 2019"
        #expect(title.count == 32)
        var workbook = XLSXWorkbook()
        for _ in 1...12 {
            workbook.sheets.append(XLSXSheet(name: XLSXSheetName.unique(title, taken: workbook.sheets.map(\.name))))
        }
        let names = workbook.sheets.map(\.name)
        #expect(names[0] == String(title.prefix(31)))
        #expect(names[1] == String(title.prefix(27)) + " (2)")
        #expect(names[9] == String(title.prefix(26)) + " (10)")
        #expect(names.allSatisfy { $0.count <= 31 })
        #expect(Set(names.map { $0.lowercased() }).count == 12)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sheet-names-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        try workbook.write(to: file)
        #expect(try XLSXReader.read(file).sheets.map(\.name) == names)
    }

    @Test func forbiddenCharactersApostrophesAndEmptyNames() {
        #expect(XLSXSheetName.unique("a/b:c[1]*?\\", taken: []) == "a_b_c_1____")
        #expect(XLSXSheetName.unique("'quoted'", taken: []) == "_quoted_")
        #expect(XLSXSheetName.unique("", taken: []) == "Sheet")
        #expect(XLSXSheetName.unique("Province", taken: ["province"]) == "Province (2)", "taken ignores case")
    }
}
