import Analysis
import Foundation
import IndexCore
import Reports
import Testing
import TestProcesses

/// Runs the built `ictindex` binary (beside the test bundle) from the repository root and awaits
/// its end (`ChildProcess`: no thread of the cooperative pool is held while it runs).
enum CLI {
    typealias Output = ChildProcess.Result

    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ictindex")

    static func run(_ arguments: [String], executable: URL = binary) async throws -> Output {
        try await ChildProcess.run(executable, arguments, directory: Repository.root)
    }
}

func temporaryDirectory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Relative paths of every file under `directory`, sorted.
func files(under directory: URL) -> [String] {
    let base = directory.standardizedFileURL.path
    let enumerator = FileManager.default.enumerator(atPath: base)
    var paths: [String] = []
    while let path = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue { paths.append(path) }
    }
    return paths.sorted()
}

@Suite struct ReportTests {
    @Test func namesAreEscapedEverywhere() throws {
        let methodology = try Repository.methodology()
        let hostile = "<script>alert(1)</script>"
        let answers = try Repository.examples(2019).map { answer in
            var changed = answer
            if answer.unitID == "ha-noi" { changed.name = hostile }
            return changed
        }
        let result = try Engine.compute(methodology, answers: answers, period: 2019)
        let data = try ReportData(results: [result], unitPages: ["ha-noi"], whatIfLimit: 2)
        let report = NationalReport(data, language: .en)
        for document in report.documents {
            let html = HTMLRenderer.render(document)
            #expect(!html.contains("<script"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            let markdown = MarkdownRenderer.render(document)
            #expect(!markdown.contains("<script"))
        }
        let files = try ReportWriter.files(report, formats: Set(ReportWriter.Format.allCases))
        for file in files where file.path.hasSuffix(".svg") || file.path.hasSuffix(".html") {
            #expect(!String(decoding: file.data, as: UTF8.self).contains("<script"), "\(file.path)")
        }
    }

    @Test func outputIsDeterministic() throws {
        let data = try ReportData(results: [try Repository.compute(2018), try Repository.compute(2019)], unitPages: ["ca-mau", "bo-tai-chinh"], whatIfLimit: 3)
        let again = try ReportData(results: [try Repository.compute(2019), try Repository.compute(2018)], unitPages: ["ca-mau", "bo-tai-chinh"], whatIfLimit: 3)
        let a = try ReportWriter.files(NationalReport(data, language: .vi), formats: Set(ReportWriter.Format.allCases))
        let b = try ReportWriter.files(NationalReport(again, language: .vi), formats: Set(ReportWriter.Format.allCases))
        #expect(a.map(\.path) == b.map(\.path))
        for (x, y) in zip(a, b) { #expect(x.data == y.data, "\(x.path)") }
        #expect(a.contains { $0.path == "units/ca-mau.html" })
        #expect(a.contains { $0.path == "report.xlsx" })
    }

    @Test func trendSentenceNamesTheRisers() throws {
        let data = try ReportData(results: [try Repository.compute(2018), try Repository.compute(2019)], unitPages: [])
        let html = HTMLRenderer.render(NationalReport(data, language: .en).mainPage)
        #expect(html.contains("mean 0.65 (2018) → 0.72 (2019), +0.07"))
        #expect(html.contains("mean 0.69 (2018) → 0.82 (2019), +0.13"))
        #expect(html.contains("mean 0.55 (2018) → 0.60 (2019), +0.05"))
        #expect(html.contains("rose most"))
        let vi = HTMLRenderer.render(NationalReport(data, language: .vi).mainPage)
        #expect(vi.contains("trung bình 0,65 (2018) → 0,72 (2019), +0,07"))
    }

    /// The 2019 methodology with one published rule changed, as another edition would have it:
    /// bandwidth per civil servant scored as a capped count instead of relative to the best.
    static func otherEdition() throws -> URL {
        let text = try String(contentsOf: Repository.url("Indicators/vn-it-application/2019.yaml"), encoding: .utf8)
        let changed = text
            .replacingOccurrences(of: "value: bandwidth_mbps / staff_total\n          score: relative_to_best", with: "value: bandwidth_mbps / staff_total\n          score: {rule: capped_count, cap: 10}")
            .replacingOccurrences(of: "edition: \"2019\"", with: "edition: \"2018\"")
        #expect(changed != text && changed.contains("cap: 10"))
        let url = try temporaryDirectory("edition").appendingPathComponent("2018.yaml")
        try Data(changed.utf8).write(to: url)
        return url
    }

    /// The trends of the report's JSON for block `block`.
    static func trends(_ out: URL, block: String) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any]
        let blocks = try #require((json?["trends"] as? [String: Any])?["blocks"] as? [[String: Any]])
        return try #require(blocks.first { $0["id"] as? String == block })
    }

    @Test("each year is computed with its own methodology when one is given for it")
    func methodologyPerYear() async throws {
        let edition = try Self.otherEdition()
        defer { try? FileManager.default.removeItem(at: edition.deletingLastPathComponent()) }
        let data = ["Indicators/vn-it-application/2019.yaml", "Examples/vn-it-application/survey-2018.csv", "Examples/vn-it-application/survey-2019.csv"]
        let common = ["--format", "json", "--unit", "thua-thien-hue", "--what-if", "1"]
        let same = try temporaryDirectory("report-same"), other = try temporaryDirectory("report-other")
        defer { try? FileManager.default.removeItem(at: same); try? FileManager.default.removeItem(at: other) }
        let one = try await CLI.run(["report"] + data + common + ["--out", same.path])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try await CLI.run(["report"] + data + common + ["--out", other.path, "--methodology-for", "2018=\(edition.path)"])
        #expect(two.status == 0, "\(two.stderr)")
        // One methodology: the years compare node for node, and units keep their 2018 value.
        let a = try Self.trends(same, block: "province")
        #expect((a["excluded"] as? [Any])?.isEmpty == true)
        let unitsA = try #require(a["units"] as? [[String: Any]])
        #expect(unitsA.allSatisfy { $0["previous"] is Double })
        // 2018 with its own edition: the changed leaf and everything above it are not compared,
        // and no unit is given a 2018 index to compare with.
        let b = try Self.trends(other, block: "province")
        let excluded = try #require(b["excluded"] as? [[String: Any]]).compactMap { $0["node"] as? String }
        #expect(excluded.contains("c1.bandwidth"))
        let unitsB = try #require(b["units"] as? [[String: Any]])
        #expect(unitsB.allSatisfy { $0["previous"] is NSNull })
        // The 2018 means differ: the bandwidth leaf was scored by the other rule.
        let meansA = try #require(a["means"] as? [Double]), meansB = try #require(b["means"] as? [Double])
        #expect(meansA.count == 2 && meansB.count == 2)
        #expect(meansA[0] != meansB[0] && meansA[1] == meansB[1])
    }

    @Test("across the 2025 merger the ranking is also shown as the 34 provinces, with what each combines")
    func rankingAsOfMerger() async throws {
        let out = try temporaryDirectory("report-as-of")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try await CLI.run(["report", "Indicators/vn-it-application/2019.yaml", "Examples/vn-it-application/survey-2018.csv", "Examples/vn-it-application/survey-2019.csv",
                               "--as-of", "2025-07-01", "--format", "md", "--lang", "en", "--unit", "ha-noi", "--what-if", "1", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let markdown = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(markdown.contains("Ranking as the units of 2025-07-01 — Provinces and centrally-run cities"))
        // the table of the provinces of 2025: 34 rows, merged units naming their predecessors
        let lines = markdown.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.contains("Ranking as the units of 2025-07-01 — Provinces") })
        let rows = lines[(start + 1)...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }.dropFirst(2) // header and rule
        #expect(rows.count == 34)
        let anGiang = try #require(rows.first { $0.contains("| An Giang |") })
        #expect(anGiang.contains("An Giang, Kiên Giang"))
        let haNoi = try #require(rows.first { $0.contains("| TP. Hà Nội |") })
        #expect(haNoi.hasSuffix("|  |")) // kept its own id: combines nothing
        // a renamed unit names the one it continues
        #expect(rows.contains { $0.contains("| TP. Huế |") && $0.hasSuffix("| Thừa Thiên Huế |") })
        // the published 63-province table no longer mixes in year-on-year columns matched by id
        let published = try #require(lines.firstIndex { $0.contains("Ranking — Provinces and centrally-run cities") })
        let firstRow = try #require(lines[(published + 1)...].drop { !$0.hasPrefix("|") }.dropFirst(2).first)
        #expect(firstRow.hasSuffix("| — | — | — |"), "\(firstRow)")
    }

    @Test("a methodology for a year without data, or not written YEAR=FILE, is a usage error")
    func methodologyPerYearErrors() async throws {
        let data = ["Indicators/vn-it-application/2019.yaml", "Examples/vn-it-application/survey-2019.csv", "--out", "/tmp/unused-report"]
        let missing = try await CLI.run(["report"] + data + ["--methodology-for", "2017=Indicators/vn-it-application/2019.yaml", "--lang", "en"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--methodology-for 2017: there is no data for 2017"))
        let malformed = try await CLI.run(["report"] + data + ["--methodology-for", "2018", "--lang", "en"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("--methodology-for takes YEAR=FILE"))
    }

    /// The command that wrote the committed examples (Reports/README.md): both example years, unit
    /// pages for the first and last unit of each block and a few provinces, and the rank intervals
    /// of the example uncertainty spec with 128 base samples (1,408 model runs, about a second).
    static let exampleArguments = ["Indicators/vn-it-application/2019.yaml", "Examples/vn-it-application/survey-2018.csv", "Examples/vn-it-application/survey-2019.csv"]
        + ["--uncertainty", "Examples/vn-it-application/uncertainty.yaml", "--uncertainty-runs", "128"]
        + ["thua-thien-hue", "da-nang", "ha-noi", "ca-mau", "quang-nam", "bo-tai-chinh", "bo-xay-dung", "bao-hiem-xa-hoi-viet-nam", "vien-han-lam-khoa-hoc-xa-hoi-viet-nam"].flatMap { ["--unit", $0] }

    /// The committed example reports are what `ictindex report` writes today, byte for byte.
    /// With UPDATE_REPORTS=1 in the environment the committed files are rewritten instead.
    @Test(arguments: ["vi", "en"])
    func committedExampleReportsAreUpToDate(language: String) async throws {
        let committed = Repository.url("Reports/example-\(language)")
        let update = ProcessInfo.processInfo.environment["UPDATE_REPORTS"] == "1"
        let out = update ? committed : try temporaryDirectory("report-\(language)")
        if update { try? FileManager.default.removeItem(at: committed) }
        let run = try await CLI.run(["report"] + Self.exampleArguments + ["--out", out.path, "--lang", language])
        #expect(run.status == 0, "\(run.stderr)")
        guard !update else { return }
        defer { try? FileManager.default.removeItem(at: out) }
        let expected = files(under: committed), actual = files(under: out)
        #expect(actual == expected, "the set of report files changed; regenerate with UPDATE_REPORTS=1")
        for path in expected where actual.contains(path) {
            let a = try Data(contentsOf: out.appendingPathComponent(path)), b = try Data(contentsOf: committed.appendingPathComponent(path))
            #expect(a == b, "Reports/example-\(language)/\(path) differs from a fresh run; regenerate with UPDATE_REPORTS=1 and review the diff")
        }
    }
}
