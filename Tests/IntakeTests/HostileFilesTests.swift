import Foundation
import IndexCore
@testable import Formats
@testable import Intake
import Testing
import ZIPFoundation

/// Issue 11: hostile JSON and XLSX files, and the one CSV writer.
@Suite struct HostileFilesTests {
    // MARK: JSON

    func jsonProblems(_ text: String) -> [Diagnostic] {
        diagnostics { _ = try SurveyReader.readJSON(Data(text.utf8), fileName: "answers.json") }
    }

    @Test func invalidJSONNamesLineAndColumn() {
        let cases: [(String, Int, Int, String)] = [
            ("{\"units\": [\n  {\"id\": \"a\",}\n]}", 2, 14, "expected a key"),
            ("{\"units\": [\n  {\"id\": \"a\" \"b\"}\n]}", 2, 14, "expected ',' or '}'"),
            ("{\"units\": [\n  {\"id\": \"Hà Nội}\n]}", 2, 18, "a line break inside a string"),
            ("{\"units\": [1, 2", 1, 16, "the file ends inside a list"),
            ("{\"units\": []} x", 1, 15, "after the end"),
            ("{\"period\": 2019, \"period\": 2020, \"units\": []}", 1, 18, "the key \"period\" appears twice"),
            ("{\"units\": [{\"answers\": {\"x\": 0x10}}]}", 1, 31, "expected ',' or '}'"),
            ("{\"units\": [{\"answers\": {\"x\": 012}}]}", 1, 30, "may not start with 0"),
            ("{\"units\": [{\"answers\": {\"x\": NaN}}]}", 1, 30, "expected a value"),
            ("{\"units\": [{\"answers\": {\"x\": 1e999}}]}", 1, 30, "out of range"),
        ]
        for (text, line, column, message) in cases {
            let found = jsonProblems(text)
            #expect(found.count == 1, "\(text)")
            #expect(found.first?.location == SourceLocation(file: "answers.json", line: line, column: column), "\(text): \(found)")
            #expect(found.first?.message.contains(message) == true, "\(text): \(found.first?.message ?? "")")
            #expect(found.first?.message.hasPrefix("not valid JSON") == true)
        }
        let deep = String(repeating: "[", count: 100_000)
        #expect(jsonProblems(deep).first?.message.contains("nested more than 256 deep") == true)
        let notUTF8 = diagnostics { _ = try SurveyReader.readJSON(Data([0x7B, 0x0A, 0x22, 0xC3, 0x28, 0x22]), fileName: "x.json") }
        #expect(notUTF8.first?.message.contains("not UTF-8") == true)
        #expect(notUTF8.first?.location?.line == 2)
    }

    @Test func jsonPeriodsAreWholeYearsWithTheirPath() {
        let cases: [(String, String, String)] = [
            ("true", "period", "found true/false"),
            ("1e30", "period", "found 1e30"),
            ("2019.7", "period", "found 2019.7"),
            ("2019.0", "period", "found 2019.0"),
            ("\"2019\"", "period", "write the year without quotes"),
            ("-5", "period", "found -5"),
            ("1800", "period", "not a year from 1990 to 2100"),
        ]
        for (value, path, message) in cases {
            let found = jsonProblems("{\"period\": \(value), \"units\": [{\"id\": \"a\", \"block\": \"p\"}]}")
            #expect(found.count == 1, "\(value): \(found)")
            #expect(found.first?.location?.detail == path)
            #expect(found.first?.location?.line == 1)
            #expect(found.first?.location?.column == 12)
            #expect(found.first?.message.contains(message) == true, "\(value): \(found.first?.message ?? "")")
        }
        let unit = jsonProblems("{\"units\": [{\"id\": \"a\", \"block\": \"p\"},\n {\"id\": \"b\", \"period\": 2019.5}]}")
        #expect(unit.first?.location?.detail == "units[1].period")
        #expect(unit.first?.location?.line == 2)
        let good = try? SurveyReader.readJSON(Data("{\"period\": 2019, \"units\": [{\"id\": \"a\", \"block\": \"p\", \"answers\": {\"x\": 1.5, \"y\": \"có\", \"z\": null}}]}".utf8), fileName: "a.json")
        #expect(good?.first?.period == 2019)
        #expect(good?.first?.cells.map(\.value) == [.number(1.5), .text("có"), .empty])
        #expect(good?.first?.cells.first?.location == SourceLocation(file: "a.json", line: 1, column: 71, detail: "units[0].answers.x"))
    }

    @Test func nestedAnswersAreErrorsNotText() {
        let found = jsonProblems("{\"units\": [{\"id\": \"a\", \"block\": \"p\", \"answers\": {\"x\": [1, 2], \"y\": {\"z\": 1}}}]}")
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.message.contains("an answer must be a number, text, true/false or null") })
        #expect(found.map(\.location?.detail) == ["units[0].answers.x", "units[0].answers.y"])
    }

    @Test func theExampleJSONReadsAsTheCSV() throws {
        let json = try SurveyReader.read(Repository.url("Examples/vn-it-application/survey-2019.json"))
        let csv = try Repository.records2019()
        #expect(json.count == csv.count)
        #expect(json.map(\.unitID) == csv.map(\.unitID))
        #expect(json.map(\.period) == csv.map(\.period))
    }

    // MARK: XLSX

    /// A workbook whose sheet inflates to `size` bytes while its zip headers declare 32 KB.
    static func lyingWorkbook(inflatedSize: Int) throws -> Data {
        let row = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
        let filler = String(repeating: "<!-- padding padding padding padding padding -->", count: inflatedSize / 48 + 1)
        var sheet = XLSXSheet(name: "S")
        sheet.set(XLSXCellReference("A1")!, .text("x"))
        var data = try patched(try XLSXWorkbook(sheets: [sheet]).data()) { parts in
            let index = parts.firstIndex { $0.0 == "xl/worksheets/sheet1.xml" }!
            parts[index].1 = Data("<?xml version=\"1.0\"?><worksheet><sheetData>\(row)</sheetData>\(filler)</worksheet>".utf8)
        }
        // Overwrite the declared uncompressed size of the sheet in its local and central headers.
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        func patchSize(signature: [UInt8], sizeOffset: Int, nameLengthOffset: Int, nameOffset: Int) {
            var start = data.startIndex
            while let found = data.range(of: Data(signature), in: start..<data.endIndex) {
                let header = found.lowerBound
                let nameLength = Int(data[header + nameLengthOffset]) | Int(data[header + nameLengthOffset + 1]) << 8
                if nameLength == name.count, Array(data[(header + nameOffset)..<(header + nameOffset + name.count)]) == name {
                    for (i, byte) in [UInt8(0x00), 0x80, 0x00, 0x00].enumerated() { data[header + sizeOffset + i] = byte }
                }
                start = found.upperBound
            }
        }
        patchSize(signature: [0x50, 0x4B, 0x03, 0x04], sizeOffset: 22, nameLengthOffset: 26, nameOffset: 30)
        patchSize(signature: [0x50, 0x4B, 0x01, 0x02], sizeOffset: 24, nameLengthOffset: 28, nameOffset: 46)
        return data
    }

    @Test func aPartThatInflatesBeyondTheLimitIsStoppedWhateverItsHeaderSays() throws {
        let limits = XLSXReader.Limits(partSize: 1 << 20, totalSize: 4 << 20)
        let bomb = try Self.lyingWorkbook(inflatedSize: 3 << 20)
        #expect(bomb.count < 200_000, "the bomb is small: \(bomb.count) bytes")
        let archive = try Archive(data: bomb, accessMode: .read, pathEncoding: nil)
        #expect(archive["xl/worksheets/sheet1.xml"]?.uncompressedSize == 32_768, "the header lies")
        let found = diagnostics { _ = try XLSXReader.read(bomb, fileName: "bomb.xlsx", limits: limits) }
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: "bomb.xlsx", detail: "xl/worksheets/sheet1.xml"))
        #expect(found.first?.message.contains("inflates to more than 1048576 bytes (its header says 32768)") == true, "\(found)")
        // Under the limit, the same lying file reads (the CRC still matches the real bytes).
        let small = try Self.lyingWorkbook(inflatedSize: 200_000)
        #expect(try XLSXReader.read(small, fileName: "ok.xlsx", limits: limits).sheets.first?["A1"]?.content == .text("x"))
        // The workbook limit counts every part together.
        let total = diagnostics { _ = try XLSXReader.read(bomb, fileName: "bomb.xlsx", limits: XLSXReader.Limits(partSize: 8 << 20, totalSize: 2 << 20)) }
        #expect(total.first?.message.contains("the workbook inflates to more than 2097152 bytes") == true, "\(total)")
    }

    @Test func dtdsAreNotAllowed() throws {
        let data = try XLSXTests.sample().data()
        let xxe = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        let shared = try patched(data) { replace("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>", with: xxe, in: "xl/sharedStrings.xml", &$0) }
        let found = diagnostics { _ = try XLSXReader.read(shared, fileName: "x.xlsx") }
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("DTDs are not allowed") == true, "\(found)")
        #expect(found.first?.location?.detail == "xl/sharedStrings.xml")
        #expect(!found.contains { $0.message.contains("NSXMLParserErrorDomain") || $0.message.contains("shared string ,") })
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
        let sheet = try patched(data) { replace("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>", with: laughs, in: "xl/worksheets/sheet1.xml", &$0) }
        #expect(diagnostics { _ = try XLSXReader.read(sheet, fileName: "x.xlsx") }.first?.message.hasPrefix("DTDs are not allowed") == true)
    }

    /// Found by the fuzz suite: Foundation's XMLParser trapped (SIGILL) on an attribute name with
    /// an invalid UTF-8 byte; the part is refused before the parser sees it.
    @Test func invalidUTF8InAPartIsAnErrorNotACrash() throws {
        let data = try XLSXTests.sample().data()
        let broken = try patched(data) { parts in
            let index = parts.firstIndex { $0.0 == "xl/workbook.xml" }!
            var bytes = [UInt8](parts[index].1)
            let target = Array("<sheets>".utf8)
            let at = (0...(bytes.count - target.count)).first { Array(bytes[$0..<$0 + target.count]) == target }!
            bytes.insert(contentsOf: Array("<x a".utf8) + [0xCB] + Array("b=\"1\"/>".utf8), at: at)
            parts[index].1 = Data(bytes)
        }
        let found = diagnostics { _ = try XLSXReader.read(broken, fileName: "x.xlsx") }
        #expect(found.count == 1)
        #expect(found.first?.location?.detail == "xl/workbook.xml")
        #expect(found.first?.message.contains("the part is not UTF-8 text (invalid byte 0xCB") == true, "\(found)")
    }

    @Test func numberCellsAreDecimal() throws {
        var sheet = XLSXSheet(name: "S")
        sheet.set(XLSXCellReference("A1")!, .empty)
        for raw in ["0x10", "inf", "nan", "1e999"] {
            let data = try patched(try XLSXWorkbook(sheets: [sheet]).data()) { replace("<c r=\"A1\"/>", with: "<c r=\"A1\"><v>\(raw)</v></c>", in: "xl/worksheets/sheet1.xml", &$0) }
            let found = diagnostics { _ = try XLSXReader.read(data, fileName: "f.xlsx") }
            #expect(found.first?.message == "a number cell holds '\(raw)'", "\(raw)")
            #expect(found.first?.location?.detail == "S!A1")
        }
    }

    // MARK: CSV

    @Test func everyCSVCellIsNeutralised() {
        let hostile = ["=cmd|' /C calc'!A0", "@SUM(A1)", "+cmd", "-2+3", "\r=3+4", "\t=1"]
        let line = CSVWriter.line(hostile + ["-0.25", "+3", "1e-3", "Hà Nội", "a,b"])
        #expect(line == "'=cmd|' /C calc'!A0,'@SUM(A1),'+cmd,'-2+3,\"'\r=3+4\",'\t=1,-0.25,+3,1e-3,Hà Nội,\"a,b\"")
        #expect(CSVWriter.escape("=1+1") == "'=1+1", "the old name neutralises too")
        #expect(CSVWriter.text("=1+1") == "'=1+1")
    }
}
