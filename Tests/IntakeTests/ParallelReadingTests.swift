import Foundation
import IndexCore
@testable import Intake
import Testing

/// The wide CSV read in parts on several threads (issue 11, item 14) gives exactly the table read
/// on one: the same units, numbers, texts, line numbers and places, and the same refusals, wherever
/// the parts start — in particular when a part starts right after a line end inside a quoted
/// field, where reading from that point would see rows that are not there.
@Suite struct ParallelReadingTests {
    typealias Split = SurveyTableReader.Split

    /// Seeded random answers to `SurveyTableReaderTests.yaml`: quoted names with commas and
    /// doubled quotes, notes with those and line ends inside quotes, quoted and blank-padded numbers, blank lines
    /// between rows, CR LF line ends and a byte-order mark when asked.
    static func randomFile(seed: UInt64, rows: Int, crlf: Bool, bom: Bool) -> String {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }
        func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
        func number(_ whole: Bool) -> String {
            let value = whole ? String(1 + random.next() % 999) : String(Double(random.next() % 100_000) / 1000)
            return pick([value, value, " \(value) ", "\"\(value)\""])
        }
        let lineEnd = crlf ? "\r\n" : "\n"
        // A line end inside quotes is written as the file's line end or a bare LF or CR LF.
        func quotedText() -> String {
            var text = ""
            for _ in 0..<(1 + random.next() % 4) {
                text += pick(["Hà Nội", "a, b", "\"\"q\"\"", "x", "Huế", ",", "  "])
                if chance(40) { text += pick([lineEnd, "\n", "\r\n"]) }
            }
            return "\"" + text + "\""
        }
        var lines = ["id,name,block,staff,speed,share,portal,note,local"]
        for row in 0..<rows {
            if chance(5) { lines.append("") }
            let block = chance(70) ? "p" : "m"
            let cells = [
                "\(block)-\(row)",
                chance(50) ? pick(["\"Huế, \"\"A\"\"\"", "\"a,b\"", "\"\"\"q\"\"\""]) : "Unit \(row)",
                block,
                chance(10) ? "" : number(true),
                chance(10) ? "" : number(false),
                chance(10) ? "" : number(false),
                pick(["0", "1", "có", "không", ""]),
                chance(60) ? quotedText() : pick(["", "plain", "  "]),
                block == "p" && chance(80) ? number(false) : "",
            ]
            lines.append(cells.joined(separator: ","))
        }
        return (bom ? "\u{FEFF}" : "") + lines.joined(separator: lineEnd) + (chance(50) ? lineEnd : "")
    }

    /// Offsets of every line feed inside a quoted field: a part chosen to start at one of them
    /// starts inside the field.
    static func quotedLineFeeds(_ text: String) -> [Int] {
        var inside = false, offsets: [Int] = []
        for (offset, byte) in text.utf8.enumerated() {
            if byte == UInt8(ascii: "\"") { inside.toggle() }
            if byte == UInt8(ascii: "\n"), inside { offsets.append(offset) }
        }
        return offsets
    }

    static func read(_ url: URL, _ methodology: Methodology, split: Split) -> AnswerTable? {
        SurveyTableReader.read([url], methodology: methodology, registry: UnitRegistry(units: []), defaultPeriod: nil, split: split)
    }

    /// Everything a table holds: each unit's answers and their places, the numbers as bit
    /// patterns, each row's place.
    struct Contents: Equatable {
        let answers: [UnitAnswers]
        let columns: [String: [UInt64]]
        let places: [IndexCore.SourceLocation]
    }

    static func contents(_ table: AnswerTable?) -> Contents? {
        guard let table else { return nil }
        return Contents(answers: table.allAnswers, columns: table.columns.mapValues { $0.map(\.bitPattern) },
                        places: table.units.indices.map { table.locations!.location(row: $0) })
    }

    @Test(arguments: [(1, false, false), (2, true, false), (3, false, true), (4, true, true)] as [(UInt64, Bool, Bool)])
    func partsGiveTheWholeReadingsTable(seed: UInt64, crlf: Bool, bom: Bool) throws {
        let methodology = try SurveyTableReaderTests.methodology()
        let text = Self.randomFile(seed: seed, rows: 60, crlf: crlf, bom: bom)
        let url = try SurveyTableReaderTests.write(text)
        let whole = Self.contents(Self.read(url, methodology, split: .at([])))
        #expect(whole != nil, "the random answers are valid")
        // The record path reads the same answers.
        let table = try #require(Self.read(url, methodology, split: .at([])))
        #expect(table.allAnswers == (try SurveyTableReaderTests.recordPath(url, methodology)))

        let size = text.utf8.count
        let insideQuotes = Self.quotedLineFeeds(text)
        #expect(insideQuotes.count > 10)
        var random = SplitMix64(seed: seed &* 31)
        var splits: [[Int]] = insideQuotes.map { [$0] } // one part starting inside quotes
        splits += insideQuotes.map { [$0 - 1] }          // the line feed found from just before it
        splits += (0..<40).map { _ in (0..<(1 + random.next() % 6)).map { _ in Int(random.next() % UInt64(size)) }.sorted() }
        splits += [Array(stride(from: 0, to: size, by: 7)), insideQuotes, [0], [size - 1]]
        for offsets in splits {
            #expect(Self.contents(Self.read(url, methodology, split: .at(offsets))) == whole, "parts from \(offsets)")
        }
    }

    /// A part that starts inside a quoted field sees what looks like rows: a row of the wrong
    /// width, an unclosed quote, a unit given twice. None of it is in the file, nothing is refused.
    @Test func aPartStartingInsideQuotesIsReadFromTheTrueRowStart() throws {
        let methodology = try SurveyTableReaderTests.methodology()
        let text = """
            id,name,block,staff,speed,share,portal,note,local
            p-01,A,p,1,,,,"x
            p-01,A,p,1
            ""unclosed
            p-02,B,p,2,,,,,",
            p-03,C,p,3,,,,,

            """
        let url = try SurveyTableReaderTests.write(text)
        let whole = try #require(Self.contents(Self.read(url, methodology, split: .at([]))))
        for offset in Self.quotedLineFeeds(text) {
            #expect(Self.contents(Self.read(url, methodology, split: .at([offset]))) == whole, "a part from \(offset)")
        }
        #expect(Self.contents(Self.read(url, methodology, split: .at(Self.quotedLineFeeds(text)))) == whole)
    }

    /// What the whole reading refuses, the parts refuse: a wrong answer or a unit given twice in
    /// a later part, the same unit in two parts.
    @Test(arguments: [
        ("a count that is not whole in the last part", "p-09,I,p,2.5,,,,,"),
        ("a unit of the first part again", "p-00,Z,p,1,,,,,"),
        ("a row of the wrong width", "p-09,I,p,1"),
        ("an unclosed quote", "p-09,\"I,p,1,,,,,"),
    ])
    func refusalsAreTheWholeReadings(_ problem: String, _ last: String) throws {
        let methodology = try SurveyTableReaderTests.methodology()
        let rows = (0..<9).map { "p-0\($0),N\($0),p,\($0 + 1),,,,," }
        let text = (["id,name,block,staff,speed,share,portal,note,local"] + rows + [last]).joined(separator: "\n") + "\n"
        let url = try SurveyTableReaderTests.write(text)
        #expect(Self.read(url, methodology, split: .at([])) == nil, "\(problem)")
        let size = text.utf8.count
        for offsets in [[size / 2], [size / 3, 2 * size / 3], Array(stride(from: 0, to: size, by: 11))] {
            #expect(Self.read(url, methodology, split: .at(offsets)) == nil, "\(problem), parts from \(offsets)")
        }
    }

    /// A byte that is not UTF-8 in any part makes the reading step aside, as in a whole file.
    @Test func textThatIsNotUTF8InAnyPartIsRefused() throws {
        let methodology = try SurveyTableReaderTests.methodology()
        let rows = (0..<9).map { "p-0\($0),N\($0),p,\($0 + 1),,,,,\n" }
        var bytes = Array(("id,name,block,staff,speed,share,portal,note,local\n" + rows.joined()).utf8)
        let valid = try SurveyTableReaderTests.write(String(decoding: bytes, as: UTF8.self))
        #expect(Self.read(valid, methodology, split: .at([bytes.count / 2])) != nil)
        bytes[bytes.count - 12] = 0xFF // in the name of the last unit
        let url = try temporaryDirectory().appendingPathComponent("answers.csv")
        try Data(bytes).write(to: url)
        for offsets in [[], [bytes.count / 2], [bytes.count - 40], Array(stride(from: 0, to: bytes.count, by: 13))] {
            #expect(Self.read(url, methodology, split: .at(offsets)) == nil, "parts from \(offsets)")
        }
    }

    /// Where parts start: after the first line feed at or after each offset, increasing, never at
    /// the end; a small file stays whole unless parts are asked for.
    @Test func partsStartAfterLineFeeds() {
        var text = Array("ab\ncd\n\nef\n".utf8)
        text.withUnsafeBufferPointer { bytes in
            #expect(Split.at([0, 1, 3, 4, 6, 9]).starts(bytes, after: 0) == [3, 6, 7])
            #expect(Split.at([5, 2]).starts(bytes, after: 3) == [6])
            #expect(Split.automatic.starts(bytes, after: 0) == [])
        }
        text = Array(repeating: UInt8(ascii: "x"), count: Split.parallelBytes + 10)
        for offset in stride(from: 99, to: text.count, by: 100) { text[offset] = UInt8(ascii: "\n") }
        text.withUnsafeBufferPointer { bytes in
            let starts = Split.automatic.starts(bytes, after: 0)
            #expect(starts.count == ProcessInfo.processInfo.activeProcessorCount - 1)
            #expect(starts.allSatisfy { bytes[$0 - 1] == UInt8(ascii: "\n") })
        }
    }
}
