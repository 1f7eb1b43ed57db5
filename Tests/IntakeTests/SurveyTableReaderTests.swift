import Foundation
import IndexCore
@testable import Intake
import Testing

/// The columnar intake of the stateless `compute` (issue 11, item 14): wide CSV answers read
/// straight into an `AnswerTable` give the units, numbers, texts and sources the record path
/// (`SurveyReader` → `UnitRegistry.resolveStateless` → `SurveyValidator.validate`) gives, the
/// engine the same results bit for bit, and anything the record path would report makes it step
/// aside (`nil`) so that the record path reports it.
@Suite struct SurveyTableReaderTests {
    static let yaml = """
        id: columns
        title: {vi: Chỉ số thử, en: Test index}
        scale: unit
        missing: zero
        blocks:
          - {id: p, name: {vi: Tỉnh, en: Provinces}}
          - {id: m, name: {vi: Bộ, en: Ministries}}
        fields:
          - {id: staff, label: Staff, type: count, min: 1, max: 100000}
          - {id: speed, label: Speed, type: number}
          - {id: share, label: Share, type: percent}
          - {id: portal, label: Portal, type: boolean}
          - {id: note, label: Note, type: text}
          - {id: local, label: Local, type: number, blocks: [p]}
        index:
          id: index
          children:
            - {id: x, value: speed / staff, score: as_is}
            - {id: y, value: share, score: as_is}
            - {id: z, value: portal, score: as_is}
        """

    /// Cells as people and spreadsheets write them: blanks around numbers, a quoted number, a
    /// thousands space, a percent sign, yes/no words, an exponent, a negative zero, text with a
    /// comma and a quote, unanswered cells.
    static let csv = #"""
        id,name,block,staff,speed,share,portal,note,local
        p-02,"Huế, Thừa Thiên",p, 12 ,"0.5",55%,có,"ghi chú, ""một""",1 200
        p-01,Hà Nội,p,3,1e3,0.25,1,,-0
        m-01,Bộ Tài chính,m,40,0.1,,không,  ,
        p-03,Đà Nẵng,p,7,,0.123456789012345678,0,plain,2.5

        """#

    static func methodology() throws -> Methodology {
        try MethodologyLoader.load(yaml: yaml, fileName: "columns.yaml")
    }

    static func write(_ text: String, name: String = "answers.csv") throws -> URL {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The record path's validated answers of `url`.
    static func recordPath(_ url: URL, _ methodology: Methodology, registry: UnitRegistry = UnitRegistry(units: [])) throws -> [UnitAnswers] {
        let records = try registry.resolveStateless(records: SurveyReader.read([url]), defaultPeriod: methodology.period)
        return try SurveyValidator(methodology: methodology).validate(records)
    }

    @Test func theTableHoldsTheHandReadAnswers() throws {
        let methodology = try Self.methodology()
        let table = try #require(SurveyTableReader.read([try Self.write(Self.csv)], methodology: methodology, registry: UnitRegistry(units: []), defaultPeriod: nil))
        #expect(table.units.map(\.unitID) == ["p-02", "p-01", "m-01", "p-03"])
        #expect(table.units.map(\.name) == ["Huế, Thừa Thiên", "Hà Nội", "Bộ Tài chính", "Đà Nẵng"])
        #expect(table.columns["staff"]?.map { $0.isNaN ? -1 : $0 } == [12, 3, 40, 7])
        #expect(table.columns["speed"]?.map { $0.isNaN ? -1 : $0 } == [0.5, 1000, 0.1, -1])
        #expect(table.columns["share"]?.map { $0.isNaN ? -1 : $0 } == [55, 0.25, -1, 0.123456789012345678])
        #expect(table.columns["portal"]?.map { $0.isNaN ? -1 : $0 } == [1, 1, 0, 0])
        #expect(table.columns["local"]?.map { $0.isNaN ? -1 : $0 } == [1200, 0, -1, 2.5])
        #expect(table.columns["local"]?[1].sign == .minus, "-0 stays a negative zero, as Double(\"-0\") reads it")
        #expect(table.columns["note"] == nil, "text answers are not numbers")
        #expect(table.units.map { $0.texts["note"] } == ["ghi chú, \"một\"", nil, nil, "plain"])
        // Where an answer came from, made when asked: line 3, column 5 (speed) of the file.
        #expect(table.locations?.location(field: "speed", row: 1) == SourceLocation(file: table.locations!.location(row: 1).file, line: 3, column: 5, detail: "speed"))
    }

    @Test func theTableGivesTheRecordPathsAnswersAndSources() throws {
        let methodology = try Self.methodology()
        let url = try Self.write(Self.csv)
        let table = try #require(SurveyTableReader.read([url], methodology: methodology, registry: UnitRegistry(units: []), defaultPeriod: nil))
        let answers = try Self.recordPath(url, methodology)
        #expect(table.allAnswers == answers)
        #expect(table.allAnswers.map(\.sources) == answers.map(\.sources))
        #expect(table.allAnswers.map(\.values) == answers.map(\.values))
    }

    /// Lines ending with CR LF or a lone CR (more rows than line feeds) read as with LF.
    @Test(arguments: ["\r\n", "\r"])
    func otherLineEndsGiveTheSameTable(_ lineEnd: String) throws {
        let methodology = try Self.methodology()
        let url = try Self.write(Self.csv.replacingOccurrences(of: "\n", with: lineEnd))
        let table = try #require(SurveyTableReader.read([url], methodology: methodology, registry: UnitRegistry(units: []), defaultPeriod: nil))
        #expect(table.allAnswers == (try Self.recordPath(url, methodology)))
        #expect(table.columns["staff"]?.map { $0.isNaN ? -1 : $0 } == [12, 3, 40, 7])
        #expect(table.columns.values.allSatisfy { $0.count == 4 })
    }

    @Test func theExampleAnswersGiveTheSameResultsBitForBit() throws {
        let methodology = try Repository.methodology()
        let url = Repository.url("Examples/vn-it-application/survey-2019.csv")
        let table = try #require(SurveyTableReader.read([url], methodology: methodology, registry: UnitRegistry(units: []), defaultPeriod: methodology.period))
        let answers = try Self.recordPath(url, methodology)
        #expect(table.allAnswers == answers)
        let fromTable = try Engine.compute(methodology, table: table)
        let fromAnswers = try Engine.compute(methodology, answers: answers)
        #expect(fromTable.blocks.count == fromAnswers.blocks.count)
        for (a, b) in zip(fromTable.blocks, fromAnswers.blocks) {
            #expect(a.score.map { $0.map(\.bitPattern) } == b.score.map { $0.map(\.bitPattern) })
            #expect(a.rank == b.rank)
            #expect(a.units.map(\.unitID) == b.units.map(\.unitID))
        }
    }

    /// Each of these would be reported by the record path; the columnar reader refuses it whole.
    @Test(arguments: [
        ("a count that is not whole", "p-01,A,p,2.5,,,,,"),
        ("below the minimum", "p-01,A,p,0,,,,,"),
        ("not a number", "p-01,A,p,abc,,,,,"),
        ("a decimal comma", "p-01,A,p,\"1,5\",,,,,"),
        ("not yes or no", "p-01,A,p,,,,2,,"),
        ("a field not asked of the block", "m-01,B,m,,,,,,5"),
        ("an unknown block", "x-01,C,x,,,,,,"),
        ("a bad unit id", "bad id!,C,p,,,,,,"),
        ("a row of the wrong width", "p-01,A,p,1"),
        ("the same unit twice", "p-01,A,p,1,,,,,\np-01,A,p,2,,,,,"),
    ])
    func inputTheRecordPathReportsIsRefused(_ problem: String, _ rows: String) throws {
        let methodology = try Self.methodology()
        let url = try Self.write("id,name,block,staff,speed,share,portal,note,local\n" + rows + "\n")
        #expect(SurveyTableReader.read([url], methodology: methodology, registry: UnitRegistry(units: []), defaultPeriod: nil) == nil, "\(problem)")
        #expect(throws: DiagnosticError.self, "\(problem): the record path reports it") { try Self.recordPath(url, methodology) }
    }

    @Test func otherLayoutsAndUnknownColumnsAreLeftToTheRecordPath() throws {
        let methodology = try Self.methodology()
        let registry = UnitRegistry(units: [])
        let long = try Self.write("period,id,block,field,value\n2019,p-01,p,staff,3\n")
        #expect(SurveyTableReader.read([long], methodology: methodology, registry: registry, defaultPeriod: nil) == nil)
        let unknown = try Self.write("id,name,block,staff,stafff\np-01,A,p,3,\n")
        #expect(SurveyTableReader.read([unknown], methodology: methodology, registry: registry, defaultPeriod: nil) == nil)
        let twice = try Self.write("id,name,block,staff,staff\np-01,A,p,3,4\n")
        #expect(SurveyTableReader.read([twice], methodology: methodology, registry: registry, defaultPeriod: nil) == nil)
        let json = try Self.write("{\"units\": []}", name: "answers.json")
        #expect(SurveyTableReader.read([json], methodology: methodology, registry: registry, defaultPeriod: nil) == nil)
    }

    /// The byte reader of numbers gives `Double(_:)`'s value bit for bit: seeded random decimals
    /// of every length, with and without sign, point, leading zeros and exponent.
    @Test func numbersFromBytesAreDoublesReadingBitForBit() {
        var random = SplitMix64(seed: 14)
        func digits(_ count: Int) -> String { String((0..<count).map { _ in Character(String(random.next() % 10)) }) }
        for _ in 0..<50_000 {
            var text = ["", "-", "+"][Int(random.next() % 3)]
            let whole = Int(random.next() % 20), fraction = Int(random.next() % 26)
            text += (random.next() % 4 == 0 ? "000" : "") + digits(whole)
            if fraction > 0 || random.next() % 5 == 0 { text += "." + digits(fraction) }
            if random.next() % 8 == 0 { text += "e" + ["", "-", "+"][Int(random.next() % 3)] + digits(1 + Int(random.next() % 3)) }
            let expected = DecimalNumber.parse(text)
            let read = text.utf8CString.withUnsafeBufferPointer { c in
                c.withMemoryRebound(to: UInt8.self) { DecimalNumber.parse(bytes: UnsafeBufferPointer(rebasing: $0.dropLast())) }
            }
            #expect(read?.bitPattern == expected?.bitPattern, "\(text)")
            if read?.bitPattern != expected?.bitPattern { return }
        }
    }
}
