import Analysis
import Foundation
import IndexCore
import Intake
@testable import Reports
import Testing

/// Issue 11 in the reports: file names from checked ids, one neutralising CSV writer, control
/// characters in names, and the rankings that only the committed reports' bytes checked.
@Suite struct HardeningTests {
    static let yaml = """
    id: tiny
    title: Tiny
    ranking: {decimals: 2}
    blocks:
      - {id: p, name: Provinces}
    fields:
      - {id: a, label: A, type: number}
    index:
      id: index
      children:
        - {id: x, weight: 1, value: a, score: as_is}
    """

    static func result(_ values: [(id: String, name: String, value: Double)], period: Int = 2019) throws -> IndexResult {
        let methodology = try MethodologyLoader.load(yaml: yaml, fileName: "tiny.yaml")
        let answers = values.map { UnitAnswers(unitID: $0.id, name: $0.name, block: "p", period: period, values: ["a": $0.value]) }
        return try Engine.compute(methodology, answers: answers, period: period)
    }

    // MARK: Item 1: file names from checked ids

    @Test func aUnitIDThatIsAPathWritesNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-hardening-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        for id in ["../../x", "<b>id</b>", String(repeating: "x", count: 300)] {
            let data = try ReportData(results: [try Self.result([("ok", "OK", 0.5), (id, "Evil", 0.7)])])
            do {
                try ReportWriter.write(NationalReport(data, language: .en), formats: Set(ReportWriter.Format.allCases), to: out)
                Issue.record("a report with unit id \(id.prefix(20)) must not be written")
            } catch let error as DiagnosticError {
                #expect(error.diagnostics.count == 2, "the HTML and the Markdown page: \(error.diagnostics)")
                #expect(error.diagnostics.allSatisfy { $0.message.hasPrefix("no page is written for this unit") })
            }
            #expect(!FileManager.default.fileExists(atPath: out.path), "nothing is written, not even the folder")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("x.html").path))
        }
        #expect(ReportWriter.pathProblem("units/ha-noi.html") == nil)
        #expect(ReportWriter.pathProblem("csv/ranking-province.csv") == nil)
        for bad in ["../x.html", "/etc/passwd", "units/../../x.md", ".hidden", "a//b", "csv/a b.csv", "units/con.html"] {
            #expect(ReportWriter.pathProblem(bad) != nil, "\(bad)")
        }
    }

    // MARK: Item 3: one CSV writer

    @Test func theReportsCSVTablesAreNeutralised() throws {
        let hostile = ["=cmd|' /C calc'!A0", "@SUM(A1)", "+cmd", "-2+3", "\r=3+4"]
        let values = hostile.enumerated().map { (id: "u\($0.offset)", name: $0.element, value: 0.1 * Double($0.offset + 1)) }
        let data = try ReportData(results: [try Self.result(values)])
        let files = try ReportWriter.files(NationalReport(data, language: .en), formats: [.csv])
        let tables = files.filter { $0.path.hasPrefix("csv/") }
        #expect(!tables.isEmpty)
        var checked = 0
        for (path, bytes) in files {
            let text = String(decoding: bytes, as: UTF8.self)
            let rows = try CSVReader().rows(text, fileName: path)
            for row in rows {
                for cell in row.fields {
                    #expect(!SpreadsheetSafety.isFormulaLike(cell), "\(path):\(row.line): \(cell.debugDescription)")
                    if hostile.contains(where: { cell == "'" + $0 }) { checked += 1 }
                }
            }
        }
        #expect(checked >= hostile.count * 2, "every hostile name appears neutralised in rankings.csv and the report's tables (\(checked))")
    }

    // MARK: Item 4: control characters

    @Test func controlCharactersNeverReachATerminalOrAPage() {
        var table = TextTable(headers: ["name", "rank"], alignments: [.left, .right])
        table.append(["Hà\rNội\u{202E}", "1"])
        table.append(["\u{1B}[2Jclear", "2"])
        let text = table.rendered()
        #expect(!text.unicodeScalars.contains { InputText.isForbidden($0, allowLineBreaks: true) })
        #expect(text.contains("Hà\u{FFFD}Nội\u{FFFD}"))
        #expect(text.split(separator: "\n").count == 4, "no extra line from the carriage return")
        #expect(HTML.escape("a\u{202E}<b>") == "a\u{FFFD}&lt;b&gt;")
        #expect(MarkdownRenderer.escape("a\u{2066}b\r\nc") == "a\u{FFFD}b c")
    }

    // MARK: Tests the suite lacked

    /// The `--as-of` rankings rank the mapped values *rounded* as published: two successors
    /// whose means differ only in the third decimal tie at 2 decimals (unrounded they would be
    /// 1 and 2).
    @Test func asOfRankingsRankRoundedValues() throws {
        var registry = UnitRegistry(units: [])
        try registry.add(yaml: """
        block: p
        units:
          - {id: a, name: A, valid_to: 2024-12-31}
          - {id: b, name: B, valid_to: 2024-12-31}
          - {id: c, name: C, valid_to: 2024-12-31}
          - {id: d, name: D, valid_to: 2024-12-31}
          - {id: e, name: E, valid_to: 2024-12-31}
          - {id: x, name: X, valid_from: 2025-01-01, predecessors: [a, b]}
          - {id: y, name: Y, valid_from: 2025-01-01, predecessors: [c, d]}
          - {id: z, name: Z, valid_from: 2025-01-01, predecessors: [e]}
        """, fileName: "units.yaml")
        // x = (0.500 + 0.5024) / 2 = 0.5012, y = (0.4990 + 0.5018) / 2 = 0.5004: both 0.50.
        let result = try Self.result([("a", "A", 0.500), ("b", "B", 0.5024), ("c", "C", 0.4990), ("d", "D", 0.5018), ("e", "E", 0.40)])
        let day = Day(year: 2025, month: 7, day: 1)
        let table = RankingTable(result, mappedTo: day, registry: registry)
        let rows = try #require(table.sections.first?.rows)
        #expect(rows.map(\.id) == ["x", "y", "z"])
        #expect(rows.map(\.rank) == [1, 1, 3])
        #expect(abs(rows[0].value - 0.5012) < 1e-12 && abs(rows[1].value - 0.5004) < 1e-12, "values stay unrounded")

        let previous = try Self.result([("a", "A", 0.3), ("b", "B", 0.3), ("c", "C", 0.2), ("d", "D", 0.2), ("e", "E", 0.5)], period: 2018)
        let trends = Trends([previous, result], registry: registry, asOf: day)
        let units = try #require(trends.blocks.first?.units)
        #expect(units.map(\.id) == ["x", "y", "z"])
        #expect(units.map(\.rank) == [1, 1, 3])
        #expect(units.map(\.previousRank) == [2, 3, 1])
    }

    /// The unit page says the rank the engine computed, for every unit (ties included), not only
    /// through the committed reports' bytes.
    @Test func theUnitPageShowsTheEnginesRank() throws {
        let result = try Repository.compute(2019)
        let report = NationalReport(try ReportData(results: [result], whatIfLimit: 0), language: .en)
        var checked = 0
        for block in result.blocks {
            let root = block.plan.rootIndex
            let ranked = block.rank[root].filter { $0 > 0 }.count
            for u in block.units.indices where block.rank[root][u] > 0 {
                let id = block.units[u].unitID
                let page = try #require(report.documents.first { $0.path == "units/\(id)" }, "no page for \(id)")
                let text = page.blocks.compactMap { block -> String? in if case .paragraph(let text) = block { return text } else { return nil } }.joined(separator: "\n")
                let rank = block.rank[root][u]
                #expect(text.contains(", rank \(rank) of \(ranked) in the block."), "\(id): \(text.prefix(200))")
                checked += 1
            }
        }
        #expect(checked == 87)
    }
}
