import Foundation
import IndexCore
import Intake
import Testing

@Suite("Survey validation")
struct SurveyValidationTests {
    static let yaml = """
    id: survey
    title: Survey
    blocks:
      - {id: p, name: Provinces}
      - {id: m, name: Ministries}
    fields:
      - {id: staff_total, label: Staff, type: count, max: 100000}
      - {id: staff_pc, label: Staff with a computer, type: count}
      - {id: has_dc, label: Data centre, type: boolean}
      - id: level
        label: Level
        type: choice
        choices:
          - {id: basic, label: {vi: Cơ bản, en: Basic}, value: 1}
          - {id: full, label: {vi: Đầy đủ, en: Full}, value: 2}
      - {id: share, label: Share online, type: percent}
      - {id: remarks, label: Remarks, type: text}
      - {id: budget, label: Budget, type: number, blocks: [m]}
    constraints:
      - id: pc_le_total
        check: staff_pc <= staff_total
        message: {vi: Số người có máy tính không vượt quá tổng số, en: Staff with a computer cannot exceed staff}
    index:
      id: index
      children:
        - {id: x, weight: 10, value: staff_pc / staff_total, score: ratio}
    """

    var validator: SurveyValidator {
        get throws { SurveyValidator(methodology: try loadMethodology(Self.yaml)) }
    }

    func validateCSV(_ csv: String) throws -> [UnitAnswers] {
        try validator.validate(try SurveyReader.readCSV(Data(csv.utf8), fileName: "answers.csv"))
    }

    func csvDiagnostics(_ csv: String) throws -> [Diagnostic] {
        let records = try SurveyReader.readCSV(Data(csv.utf8), fileName: "answers.csv")
        do {
            _ = try validator.validate(records)
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics
        }
    }

    @Test("a valid CSV: numbers with spaces, percentages, yes/no words, choices by label or value, text")
    func valid() throws {
        let csv = """
        id,name,block,staff_total,staff_pc,has_dc,level,share,remarks
        hue,Thừa Thiên Huế,p,1 200,600,có,Đầy đủ,55%,"ghi chú, có dấu phẩy"
        dng,Đà Nẵng,p,800,800,Không,basic,40,
        bnv,Bộ Nội vụ,m,300,150,yes,2,12.5,
        """
        let answers = try validateCSV(csv)
        #expect(answers.map(\.unitID) == ["hue", "dng", "bnv"])
        #expect(answers[0].values == ["staff_total": 1200, "staff_pc": 600, "has_dc": 1, "level": 2, "share": 55])
        #expect(answers[0].texts == ["remarks": "ghi chú, có dấu phẩy"])
        #expect(answers[1].values == ["staff_total": 800, "staff_pc": 800, "has_dc": 0, "level": 1, "share": 40])
        #expect(answers[1].texts.isEmpty)
        #expect(answers[2].values["has_dc"] == 1)
        #expect(answers[2].values["level"] == 2)
        #expect(answers[2].block == "m")
        #expect(answers[0].sources["share"] == IndexCore.SourceLocation(file: "answers.csv", line: 2, column: 8, detail: "share"))
    }

    @Test("every kind of wrong answer, each with the file, line and column")
    func errors() throws {
        let csv = """
        id,name,block,staff_total,staf_pc,has_dc,share
        hue,Huế,p,abc,10,có,50
        dng,Đà Nẵng,p,100,10,perhaps,120
        hue,Huế again,p,10,1,no,5
        qng,Quảng Ngãi,x,10,1,no,5
        """
        let diagnostics = try csvDiagnostics(csv)
        func find(_ code: Diagnostic.Code, line: Int) -> Diagnostic? {
            diagnostics.first { $0.code == code && $0.location?.line == line }
        }
        #expect(diagnostics.allSatisfy { $0.location?.file == "answers.csv" })
        // wrong type: 'abc' for a count, at row 2, column 4
        let abc = try #require(find(.typeMismatch, line: 2))
        #expect(abc.location?.column == 4)
        #expect(abc.message == "staff_total: expected a whole number, found 'abc'")
        // a yes/no field answered 'perhaps', row 3, column 6
        let perhaps = try #require(find(.typeMismatch, line: 3))
        #expect(perhaps.location?.column == 6)
        #expect(perhaps.message.contains("expected yes/no"))
        // 120 is above the percent maximum 100, row 3, column 7
        let range = try #require(find(.outOfRange, line: 3))
        #expect(range.location?.column == 7)
        #expect(range.message == "share: 120 is above the maximum 100")
        // the unknown column, with a suggestion, on each row that is read
        let unknown = try #require(find(.unknownField, line: 2))
        #expect(unknown.location?.column == 5)
        #expect(unknown.message.contains("unknown field 'staf_pc'; did you mean 'staff_pc'"))
        #expect(find(.unknownField, line: 3) != nil)
        // the same unit twice
        let duplicate = try #require(find(.duplicateUnit, line: 4))
        #expect(duplicate.message.contains("unit 'hue' appears twice for the same period (first at answers.csv:2)"))
        // an unknown block
        let block = try #require(find(.unknownBlock, line: 5))
        #expect(block.message.contains("unknown block 'x'"))
        #expect(diagnostics.count == 7)
    }

    @Test("a cross-field constraint violation points at the answer")
    func constraint() throws {
        let csv = """
        id,name,block,staff_total,staff_pc
        hue,Huế,p,50,60
        dng,Đà Nẵng,p,50,40
        bnv,Bộ Nội vụ,m,10,
        """
        let diagnostics = try csvDiagnostics(csv)
        // only Huế breaks it: 60 > 50 (Bộ Nội vụ has no staff_pc: a missing value breaks nothing)
        #expect(diagnostics.count == 1)
        let violation = try #require(diagnostics.first)
        #expect(violation.code == .constraintViolated)
        #expect(violation.location == IndexCore.SourceLocation(file: "answers.csv", line: 2, column: 5, detail: "staff_pc"))
        #expect(violation.message.contains("unit 'hue' breaks 'pc_le_total' (staff_pc <= staff_total): staff_pc = 60, staff_total = 50"))
        #expect(violation.message.hasSuffix("Staff with a computer cannot exceed staff"))
    }

    @Test("a field that the unit's block is not asked")
    func fieldOutsideBlock() throws {
        let diagnostics = try csvDiagnostics("id,name,block,budget\nhue,Huế,p,100\nbnv,Bộ Nội vụ,m,100\n")
        #expect(diagnostics.map(\.code) == [.invalidValue])
        #expect(diagnostics.first?.location?.line == 2)
        #expect(diagnostics.first?.message == "field 'budget' is not asked of block 'p', but unit 'hue' answers it")
    }

    func record(_ id: String, block: String = "p", _ cells: [(String, RawValue)]) -> RawRecord {
        RawRecord(unitID: id, name: nil, block: block, period: nil, cells: cells.map { ($0.0, $0.1, IndexCore.SourceLocation(file: "form", detail: $0.0)) }, location: IndexCore.SourceLocation(file: "form"))
    }

    @Test("yes/no words: có/không, yes/no, 1/0, true/false, x, đạt/không đạt")
    func booleanWords() throws {
        let words: [(String, Double)] = [
            ("có", 1), ("Có", 1), ("CÓ", 1), ("không", 0), ("KHÔNG", 0), ("yes", 1), ("No", 0), ("y", 1), ("n", 0),
            ("1", 1), ("0", 0), ("true", 1), ("False", 0), ("x", 1), ("đạt", 1), ("Không đạt", 0),
            ("co\u{301}", 1), // NFD "có"
        ]
        let records = words.enumerated().map { i, word in record("u\(i)", [("has_dc", .text(word.0))]) }
        let answers = try validator.validate(records)
        #expect(answers.map { $0.values["has_dc"] } == words.map(\.1))
        // numbers other than 0 and 1, and other words, are rejected
        for wrong: RawValue in [.number(2), .text("maybe"), .text("có thể")] {
            let error = #expect(throws: DiagnosticError.self) { try validator.validate([record("u", [("has_dc", wrong)])]) }
            #expect(error?.diagnostics.map(\.code) == [.typeMismatch])
        }
        #expect(try validator.validate([record("u", [("has_dc", .boolean(true)), ("staff_total", .number(3))])]).first?.values == ["has_dc": 1, "staff_total": 3])
    }

    @Test("choices by id, by label (with or without diacritics) and by value")
    func choices() throws {
        let inputs: [(RawValue, Double)] = [
            (.text("full"), 2), (.text("FULL"), 2), (.text("Đầy đủ"), 2), (.text("day du"), 2), (.text("Basic"), 1),
            (.text("Cơ bản"), 1), (.text("1"), 1), (.number(2), 2),
        ]
        let answers = try validator.validate(inputs.enumerated().map { i, input in record("u\(i)", [("level", input.0)]) })
        #expect(answers.map { $0.values["level"] } == inputs.map(\.1))
        let error = #expect(throws: DiagnosticError.self) { try validator.validate([record("u", [("level", .text("partial"))])]) }
        #expect(error?.diagnostics.first?.message == "level: expected one of basic, full, found 'partial'")
        let number = #expect(throws: DiagnosticError.self) { try validator.validate([record("u", [("level", .number(3))])]) }
        #expect(number.map { $0.diagnostics.map(\.code) } == [.typeMismatch])
    }

    @Test("numbers: counts must be whole, minimums and maximums, percent signs only on percentages")
    func numbers() throws {
        func codes(_ field: String, _ value: RawValue) throws -> [Diagnostic.Code] {
            do {
                _ = try validator.validate([record("u", [(field, value)])])
                return []
            } catch let error as DiagnosticError {
                return error.diagnostics.map(\.code)
            }
        }
        #expect(try codes("staff_total", .text("12.5")) == [.typeMismatch])
        #expect(try codes("staff_total", .number(-1)) == [.outOfRange])
        #expect(try codes("staff_total", .number(100_001)) == [.outOfRange])
        #expect(try codes("staff_total", .text("100 000")) == [])
        #expect(try codes("staff_total", .text("5%")) == [.typeMismatch])
        #expect(try codes("share", .text("-1")) == [.outOfRange])
        #expect(try codes("share", .text("99.5 %")) == [])
        #expect(try codes("share", .boolean(true)) == [.typeMismatch])
        #expect(try codes("remarks", .number(3)) == [])
        #expect(try codes("staff_total", .empty) == [])
    }

    @Test("a missing unit id or block")
    func missingIDs() throws {
        let noID = RawRecord(unitID: nil, name: nil, block: "p", period: nil, cells: [], location: IndexCore.SourceLocation(file: "f.csv", line: 3))
        let noBlock = RawRecord(unitID: "u", name: nil, block: nil, period: nil, cells: [], location: IndexCore.SourceLocation(file: "f.csv", line: 4))
        let error = #expect(throws: DiagnosticError.self) { try validator.validate([noID, noBlock]) }
        #expect(error?.diagnostics.map(\.code) == [.missingKey, .missingKey])
        #expect(error?.diagnostics.map { $0.location?.line } == [3, 4])
    }

    @Test("the same unit in two periods is not a duplicate")
    func periods() throws {
        let csv = "id,name,block,period,staff_total\nhue,Huế,p,2018,10\nhue,Huế,p,2019,12\n"
        let answers = try validateCSV(csv)
        #expect(answers.map(\.period) == [2018, 2019])
    }

    @Test("JSON: booleans, numbers, nulls, the period, and where each answer came from")
    func json() throws {
        let nfd = "Thừa Thiên Huế".decomposedStringWithCanonicalMapping
        let json = """
        {"period": 2019, "units": [
          {"id": "hue", "name": "\(nfd)", "block": "p",
           "answers": {"has_dc": true, "staff_total": 1, "staff_pc": 0, "level": "full", "share": 0.5, "remarks": null}},
          {"id": "dng", "name": "Đà Nẵng", "block": "p", "period": 2018, "answers": {"has_dc": 0}}
        ]}
        """
        let records = try SurveyReader.readJSON(Data(json.utf8), fileName: "answers.json")
        let answers = try validator.validate(records)
        #expect(answers[0].values == ["has_dc": 1, "staff_total": 1, "staff_pc": 0, "level": 2, "share": 0.5])
        #expect(answers[0].period == 2019)
        #expect(answers[1].period == 2018)
        #expect(answers[1].values == ["has_dc": 0])
        #expect(answers[0].sources["has_dc"] == IndexCore.SourceLocation(file: "answers.json", line: 3, column: 26, detail: "units[0].answers.has_dc"))
        // the NFD name is stored in NFC
        #expect(answers[0].name.unicodeScalars.elementsEqual("Thừa Thiên Huế".precomposedStringWithCanonicalMapping.unicodeScalars))
        // a JSON boolean is not a number
        let wrong = try SurveyReader.readJSON(Data(#"[{"id": "u", "block": "p", "answers": {"staff_total": true, "has_dc": 2}}]"#.utf8), fileName: "a.json")
        let error = #expect(throws: DiagnosticError.self) { try validator.validate(wrong) }
        #expect(error?.diagnostics.map(\.code) == [.typeMismatch, .typeMismatch])
        #expect(error?.diagnostics.map { $0.location?.detail } == ["units[0].answers.has_dc", "units[0].answers.staff_total"])
    }

    @Test("NFD names and headers from CSV are normalised to NFC")
    func nfdCSV() throws {
        let name = "Bà Rịa - Vũng Tàu"
        let csv = "id,name,block,staff_total\nbrvt,\(name.decomposedStringWithCanonicalMapping),p,10\n"
        let answers = try validateCSV(csv)
        #expect(answers[0].name.unicodeScalars.elementsEqual(name.precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(answers[0].values["staff_total"] == 10)
        // a record built by hand with an NFD name is normalised by the validator
        let record = RawRecord(unitID: "brvt", name: name.decomposedStringWithCanonicalMapping, block: "p", period: nil, cells: [], location: IndexCore.SourceLocation(file: "form"))
        let validated = try validator.validate([record])
        #expect(validated[0].name.unicodeScalars.elementsEqual(name.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test("reader errors: missing columns, ragged rows, bad periods, bad JSON")
    func readerErrors() {
        func codes(_ csv: String) -> [Diagnostic.Code] {
            do {
                _ = try SurveyReader.readCSV(Data(csv.utf8), fileName: "r.csv")
                return []
            } catch let error as DiagnosticError {
                return error.diagnostics.map(\.code)
            } catch {
                return []
            }
        }
        #expect(codes("id,x\n1,2\n") == [.missingKey])
        #expect(codes("name,block,x\nA,p,2,3\n") == [.syntax])
        #expect(codes("id,block,period\nu,p,last year\n") == [.typeMismatch])
        #expect(codes("") == [.missingData])
        #expect(throws: DiagnosticError.self) { try SurveyReader.readJSON(Data("{".utf8), fileName: "x.json") }
        #expect(throws: DiagnosticError.self) { try SurveyReader.readJSON(Data(#"{"items": []}"#.utf8), fileName: "x.json") }
    }
}
