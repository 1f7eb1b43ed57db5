import Foundation
import IndexCore
import Intake
import Testing

/// Issue 11: unit-id syntax, decimal numbers only, periods, control characters, and the
/// registry's resolution of units in stateless mode.
@Suite("Hostile input")
struct HostileInputTests {
    var validator: SurveyValidator {
        get throws { SurveyValidator(methodology: try loadMethodology(SurveyValidationTests.yaml)) }
    }

    func problems(_ csv: String) throws -> [Diagnostic] {
        let records = try SurveyReader.readCSV(Data(csv.utf8), fileName: "answers.csv")
        do {
            _ = try validator.validate(records)
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics
        }
    }

    // MARK: Unit ids

    @Test("unit ids: ASCII letters, digits, '-' and '_', at most 64, no reserved device names")
    func unitIDSyntax() {
        for valid in ["ha-noi", "tuyen-quang-2025", "VNM", "u1", "a", "bo_cong_thuong", String(repeating: "a", count: 64)] {
            #expect(UnitID.problem(valid) == nil, "\(valid)")
        }
        let invalid = ["", "../../../../x", "<b>id</b>", "a/b", "a\\b", ".hidden", "-x", "_x", "hà-nội", "ha noi", "a.b", "x\u{202E}y",
                       String(repeating: "a", count: 65), String(repeating: "x", count: 300), "con", "NUL", "com1", "lpt9"]
        for id in invalid {
            #expect(UnitID.problem(id) != nil, "\(id)")
        }
        #expect(UnitID.problem(String(repeating: "x", count: 300))?.en.contains("longer than 64 characters") == true)
        #expect(UnitID.problem(String(repeating: "x", count: 300))!.en.count < 200, "a long id is shortened in the message")
    }

    @Test("a survey row whose id is a path, markup or 300 characters is rejected at intake, with its line")
    func pathLikeIDsAreRejectedAtIntake() throws {
        let long = String(repeating: "x", count: 300)
        let found = try problems("""
        id,name,block,staff_total
        ../../../../x,Evil,p,1
        <b>id</b>,Bold,p,1
        \(long),Long,p,1
        ok,Fine,p,1
        """)
        try #require(found.map(\.location?.line) == [2, 3, 4])
        #expect(found.allSatisfy { $0.code == .invalidValue && $0.location?.file == "answers.csv" })
        #expect(found[0].message.contains("'../../../../x' is not a unit id"))
        #expect(found[2].message.contains("longer than 64"))
    }

    @Test("ids compare without regard to case: BO-CONG-THUONG beside bo-cong-thuong is one unit twice")
    func idsDifferingInCaseAreDuplicates() throws {
        let found = try problems("""
        id,name,block,staff_total
        bo-cong-thuong,Bộ Công Thương,m,1
        BO-CONG-THUONG,Bộ Công Thương,m,2
        """)
        #expect(found.count == 1)
        #expect(found.first?.code == .duplicateUnit)
        #expect(found.first?.location?.line == 3)
    }

    @Test("registry ids follow the same syntax, in lower case")
    func registryIDs() throws {
        func problems(_ yaml: String) -> [Diagnostic] {
            var registry = UnitRegistry(units: [])
            do {
                try registry.add(yaml: yaml, fileName: "units.yaml")
                return []
            } catch let error as DiagnosticError {
                return error.diagnostics
            } catch {
                return []
            }
        }
        #expect(problems("block: p\nunits:\n  - {id: ha-noi, name: Hà Nội}\n").isEmpty)
        let traversal = problems("block: p\nunits:\n  - {id: ../x, name: X}\n")
        #expect(traversal.first?.message.contains("is not a unit id") == true)
        #expect(traversal.first?.location?.line == 3)
        #expect(problems("block: p\nunits:\n  - {id: Ha-Noi, name: Hà Nội}\n").first?.message.contains("write 'ha-noi'") == true)
        let rlo = problems("block: p\nunits:\n  - {id: x, name: \"A\\u202EB\", aliases: [\"ok\", \"C\\rD\"]}\n")
        #expect(rlo.count == 2)
        #expect(rlo.first?.message.contains("U+202E (right-to-left override)") == true)
        #expect(rlo.last?.message.contains("U+000D (carriage return)") == true)
    }

    // MARK: Numbers

    @Test("decimal numbers only: no hex, no infinities, no NaN, no overflow")
    func decimalNumbersOnly() {
        for (text, value) in [("0", 0.0), ("-1", -1), ("+2.5", 2.5), ("0.72", 0.72), (".5", 0.5), ("5.", 5), ("1e3", 1000), ("1.5E-2", 0.015), (" 12 ", 12)] {
            #expect(DecimalNumber.parse(text) == value, "\(text)")
        }
        for text in ["0x10", "0x1p-2", "-0x1", "inf", "-inf", "infinity", "nan", "NaN", "1e999", "-1e999", "0,72", "1,200", "", "-", ".", "e5", "1e", "1e+", "١٢", "1_000", "１２"] {
            #expect(DecimalNumber.parse(text) == nil, "\(text)")
        }
    }

    @Test("lenient numbers are errors with their cell: 0x10, 0x1p-2, 1e999, -1 as yes, 0,72")
    func lenientNumbersAreErrors() throws {
        let found = try problems("""
        id,name,block,staff_total,has_dc,share
        a,A,p,0x10,,
        b,B,p,,-1,
        c,C,p,1e999,,
        d,D,p,,,0x1p-2
        e,E,p,,,"0,72"
        f,F,p,,2,
        g,G,p,inf,,
        h,H,p,,,nan
        """)
        try #require(found.map(\.location?.line) == [2, 3, 4, 5, 6, 7, 8, 9])
        #expect(found.allSatisfy { $0.code == .typeMismatch })
        #expect(found[0].message.contains("not hexadecimal"))
        #expect(found[1].message.contains("expected yes/no"))
        #expect(found[2].message.contains("too large"))
        #expect(found[4].message.contains("the decimal separator is a point: write 0.72"))
        #expect(found[0].location?.detail == "staff_total")
    }

    @Test("yes/no: 1, 0, 1.0, words; never -1 or other numbers")
    func booleans() throws {
        let answers = try validator.validate(try SurveyReader.readCSV(Data("""
        id,name,block,has_dc
        a,A,p,1
        b,B,p,0.0
        c,C,p,Có
        d,D,p,khong
        e,E,p,1.0
        """.utf8), fileName: "a.csv"))
        #expect(answers.map { $0.values["has_dc"] } == [1, 0, 1, 0, 1])
        for bad in ["-1", "-0.0e0x", "+1x", "10", "01x"] {
            #expect(try problems("id,name,block,has_dc\na,A,p,\(bad)\n").count == 1, "\(bad)")
        }
    }

    // MARK: Periods

    @Test("periods are whole years from 1990 to 2100")
    func periods() throws {
        #expect(try SurveyPeriod.parse("2019").get() == 2019)
        for bad in ["2019.7", "2019.0", "1e3", "0x7E3", "20190", "-2019", "1800", "true", "", "２０１９"] {
            #expect((try? SurveyPeriod.parse(bad).get()) == nil, "\(bad)")
        }
        let csv = "period,id,name,block,staff_total\n2019.7,a,A,p,1\n1800,b,B,p,1\n"
        let found: [Diagnostic]
        do {
            _ = try SurveyReader.readCSV(Data(csv.utf8), fileName: "a.csv")
            found = []
        } catch let error as DiagnosticError {
            found = error.diagnostics
        }
        try #require(found.map(\.location?.line) == [2, 3])
        #expect(found.map(\.location?.column) == [1, 1])
        #expect(found[1].message.contains("not a year from 1990 to 2100"))
    }

    // MARK: Control characters

    @Test("control and bidirectional formatting characters in names and answers are errors naming the character")
    func controlCharacters() throws {
        let found = try problems("id,name,block,remarks\na,\"Hà\u{202E}Nội\",p,\nb,\"Huế\rX\",p,\nc,C,p,\"two\nlines are fine\"\nd,D,p,\"bell\u{07}\"\n")
        try #require(found.count == 3)
        #expect(found[0].message.contains("U+202E (right-to-left override)"))
        #expect(found[0].location?.line == 2)
        #expect(found[1].message.contains("U+000D (carriage return)"))
        #expect(found[2].message.contains("U+0007 (C0 control)"))
        #expect(found[2].location?.detail == "remarks")
        #expect(InputText.displayable("a\u{202E}b\rc\td") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        #expect(InputText.displayable("Thừa Thiên Huế") == "Thừa Thiên Huế")
    }

    // MARK: Stateless resolution through the registry

    var registry: UnitRegistry {
        get throws {
            var registry = UnitRegistry(units: [])
            try registry.add(yaml: """
            block: m
            units:
              - {id: bo-cong-thuong, name: Bộ Công Thương, aliases: [BCT]}
              - {id: bo-y-te, name: Bộ Y tế}
            """, fileName: "units.yaml")
            return registry
        }
    }

    @Test("stateless mode: the id row and the name row of one unit are one unit; case is normalised; unknown ids are errors")
    func statelessResolution() throws {
        let records = try SurveyReader.readCSV(Data("""
        id,name,block,staff_total
        bo-cong-thuong,Bộ Công Thương,m,1
        ,Bo Cong Thuong,m,2
        """.utf8), fileName: "a.csv")
        let resolved = try registry.resolveStateless(records: records, defaultPeriod: nil)
        #expect(resolved.map(\.unitID) == ["bo-cong-thuong", "bo-cong-thuong"])
        let duplicate: [Diagnostic]
        do {
            _ = try validator.validate(resolved)
            duplicate = []
        } catch let error as DiagnosticError {
            duplicate = error.diagnostics
        }
        #expect(duplicate.map(\.code) == [.duplicateUnit])
        #expect(duplicate.first?.location?.line == 3)

        let upper = try registry.resolveStateless(records: try SurveyReader.readCSV(Data("id,name,block,staff_total\nBO-Y-TE,,m,1\n".utf8), fileName: "b.csv"), defaultPeriod: nil)
        #expect(upper.map(\.unitID) == ["bo-y-te"])
        #expect(upper.map(\.name) == ["Bộ Y tế"], "a row without a name gets the registry's")

        do {
            _ = try registry.resolveStateless(records: try SurveyReader.readCSV(Data("id,name,block,staff_total\nbo-moi,Bộ Mới,m,1\n".utf8), fileName: "c.csv"), defaultPeriod: nil)
            Issue.record("an unknown id must be an error")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.first?.code == .unknownUnit)
            #expect(error.diagnostics.first?.location?.line == 2)
        }

        // A block the registry does not hold (an index of countries) keeps its ids.
        let countries = try registry.resolveStateless(records: try SurveyReader.readCSV(Data("id,name,block,staff_total\nVNM,Viet Nam,p,1\n".utf8), fileName: "d.csv"), defaultPeriod: nil)
        #expect(countries.map(\.unitID) == ["VNM"])
    }
}
