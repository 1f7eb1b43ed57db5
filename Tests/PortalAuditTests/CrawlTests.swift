import Foundation
import IndexCore
import IndexStore
import NIOHTTP1
import Testing
@testable import PortalAudit
import PortalAuditFixtures

/// Small budgets and timeouts so that every test is quick.
func testSettings(maxPages: Int = 60) -> CrawlSettings {
    var settings = CrawlSettings()
    settings.maxPages = maxPages
    settings.maxDepth = 4
    settings.concurrency = 2
    settings.delay = 0
    settings.autoThrottle = false
    settings.retries = 1
    settings.retryBaseDelay = 0.05
    settings.maxRetryAfter = 2
    settings.maxSeconds = 20
    settings.maxPerShape = 15
    settings.fetch.connectTimeout = 2
    settings.fetch.readTimeout = 1
    settings.fetch.totalTimeout = 2
    settings.fetch.maxBodyBytes = 1024 * 1024
    return settings
}

let fixtureDay = Day(year: 2019, month: 12, day: 31)

/// Crawls `url` looking for the items of `checklist`; `log` collects every page with its facts.
func crawl(_ url: URL, settings: CrawlSettings = testSettings(), journal: (any CrawlJournal)? = nil, today: Day = fixtureDay,
           checklist: Checklist? = nil, log: PageLog? = nil) async -> Crawler.Result {
    let crawler = Crawler(settings: settings, today: today)
    var onPage: (@Sendable (PageRecord, PageFacts?) -> Void)?
    if let log { onPage = { record, facts in log.add(record, facts) } }
    let result = await crawler.crawl(url, checklist: checklist, journal: journal, onPage: onPage)
    await crawler.shutdown()
    return result
}

/// The pages a crawl reported through `onPage`, in order.
final class PageLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(record: PageRecord, facts: PageFacts?)] = []
    func add(_ record: PageRecord, _ facts: PageFacts?) { lock.withLock { entries.append((record, facts)) } }
    var records: [PageRecord] { lock.withLock { entries.map(\.record) } }
    var facts: [PageFacts] { lock.withLock { entries.compactMap(\.facts) } }
}

/// The expected checklist results committed beside a fixture portal.
struct Expected: Decodable {
    var checklist: String
    var period: Int
    var items_found: [String]
    var items_missing: [String]
    var checks: [String: Bool]
    var fields: [String: Double]
}

extension PortalAuditSuite {
@Suite struct FixturePortalTests {
    static let checklists = try! Checklist.loadAll(from: Fixtures.repository.appendingPathComponent("Indicators/portal"))

    @Test(arguments: ["good-province", "ministry", "poor", "legacy-1258", "js-shell"])
    func portalMatchesExpected(_ name: String) async throws {
        let root = Fixtures.portals.appendingPathComponent(name)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: root.appendingPathComponent("expected.json")))
        let server = try await FixtureServer(route: FixtureServer.directory(root))
        // The reference day is the end of the period the portal is evidence for.
        let today = Day.endOf(year: expected.period)
        let checklist = try #require(Checklist.forPeriod(expected.period, among: Self.checklists))
        #expect(checklist.id == expected.checklist)
        let result = await crawl(server.baseURL, today: today, checklist: checklist)
        await server.stop()
        let evaluation = Evaluator.evaluate(result.site, checklist: checklist, asOf: today)
        if ProcessInfo.processInfo.environment["ICTINDEX_UPDATE_EXPECTED"] != nil {
            // Regenerates expected.json from the current results (review the diff before committing).
            func list(_ passed: Bool) -> String { evaluation.findings.filter { $0.check.hasPrefix("item.") && $0.passed == passed }.map { "\"\($0.check.dropFirst(5))\"" }.sorted().joined(separator: ", ") }
            let checks = evaluation.findings.filter { ["tech.", "a11y.", "content.", "services."].contains(where: $0.check.hasPrefix) }.map { "    \"\($0.check)\": \($0.passed)" }
            let fields = evaluation.observations.map { "    \"\($0.field)\": \($0.value)" }
            let json = "{\n  \"checklist\": \"\(expected.checklist)\",\n  \"period\": \(expected.period),\n  \"items_found\": [\(list(true))],\n  \"items_missing\": [\(list(false))],\n  \"checks\": {\n\(checks.joined(separator: ",\n"))\n  },\n  \"fields\": {\n\(fields.joined(separator: ",\n"))\n  }\n}\n"
            try json.write(to: root.appendingPathComponent("expected.json"), atomically: true, encoding: .utf8)
        }
        let found = evaluation.findings.filter { $0.check.hasPrefix("item.") && $0.passed }.map { String($0.check.dropFirst(5)) }.sorted()
        let missing = evaluation.findings.filter { $0.check.hasPrefix("item.") && !$0.passed }.map { String($0.check.dropFirst(5)) }.sorted()
        #expect(found == expected.items_found.sorted(), "\(name): items found")
        #expect(missing == expected.items_missing.sorted(), "\(name): items missing")
        for (check, passed) in expected.checks {
            #expect(evaluation.finding(check)?.passed == passed, "\(name): \(check) → \(String(describing: evaluation.finding(check)))")
        }
        let fields = Dictionary(uniqueKeysWithValues: evaluation.observations.map { ($0.field, $0.value) })
        for (field, value) in expected.fields {
            #expect(fields[field] == value, "\(name): \(field)")
        }
        // Every observation carries evidence: a URL and the checks behind it.
        for observation in evaluation.observations { #expect(observation.location.hasPrefix("http://127.0.0.1:")) }
        #expect(HTMLDocument.liveDocuments == 0)
    }

    @Test func legacyPagesAreReadInWindows1258() async throws {
        let server = try await FixtureServer(route: FixtureServer.directory(Fixtures.portals.appendingPathComponent("legacy-1258")))
        let log = PageLog()
        let result = await crawl(server.baseURL, log: log)
        await server.stop()
        let news = try #require(log.facts.first { $0.url.hasSuffix("/tintuc.htm") })
        #expect(news.charset == "windows-1258")
        #expect(news.charsetSource == .heuristic)
        #expect(news.headings == ["Tin tức sự kiện"])
        #expect(news.headings[0] == news.headings[0].precomposedStringWithCanonicalMapping)
        #expect(log.facts.first { $0.url.hasSuffix("/tcvn3.htm") }?.legacyEncoding == .tcvn3)
        #expect(result.site.crawlFindings.contains { $0.check == "crawl.charset-undeclared" })
    }
}
}

/// Hostile servers on loopback: the crawl finishes, records a finding for each, and stays within
/// its budgets.
extension PortalAuditSuite {
@Suite struct HostileServerTests {
    static func page(_ links: [String], title: String = "Trang") -> FixtureReply {
        .ok("<html lang='vi'><head><title>\(title)</title></head><body>" + links.map { "<a href='\($0)'>\($0)</a>" }.joined(separator: " ") + "</body></html>")
    }

    static let route: FixtureServer.Route = { path, _ in
        switch path {
        case "/robots.txt": return .status(404)
        case "/": return page(["/loop-a", "/drip", "/endless", "/bomb", "/wrong-charset", "/no-charset", "/binary", "/limited", "/list?page=1", "/malformed", "/reset", "/report.pdf"])
        case "/loop-a": return .response(status: 302, headers: [("Location", "/loop-b")], body: Data())
        case "/loop-b": return .response(status: 301, headers: [("Location", "/loop-a")], body: Data())
        case "/drip": return .drip(headers: [("Content-Type", "text/html; charset=utf-8")], chunk: Data("<p>.</p>".utf8), interval: 0.3, count: 1_000)
        case "/endless": return .endless(headers: [("Content-Type", "text/html; charset=utf-8")], chunk: Data(repeating: UInt8(ascii: "a"), count: 64 * 1024))
        case "/bomb":
            let bomb = (try? Data(contentsOf: Fixtures.portals.appendingPathComponent("hostile/bomb.gz"))) ?? Data()
            return .response(status: 200, headers: [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")], body: bomb)
        case "/wrong-charset":
            return .response(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data("<html><body><h1>Vi".utf8) + Data([0xEA, 0xF2]) + Data("t Nam</h1></body></html>".utf8))
        case "/no-charset":
            return .response(status: 200, headers: [("Content-Type", "text/html")], body: Data("<html><body><h1>Th".utf8) + Data([0xF4, 0xEC]) + Data("ng tin</h1></body></html>".utf8))
        case "/binary": return .response(status: 200, headers: [("Content-Type", "text/html")], body: Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D]) + Data(count: 2000))
        case "/limited": return .response(status: 429, headers: [("Retry-After", "1")], body: Data())
        case "/malformed": return .ok("<html><body><div><p>Không đóng <b>thẻ <table><tr><td>ô</div></span></html><a href='/'>về</a>")
        case "/reset": return .reset
        case "/report.pdf": return .response(status: 200, headers: [("Content-Type", "application/pdf")], body: Data(count: 500_000))
        default:
            if path.hasPrefix("/list?page="), let n = Int(path.dropFirst("/list?page=".count)) {
                return page(["/list?page=\(n + 1)", "/list?page=\(n + 2)"], title: "Trang \(n)")
            }
            return .status(404)
        }
    }

    @Test func everyHostileCaseIsRecorded() async throws {
        let server = try await FixtureServer(route: Self.route)
        var settings = testSettings(maxPages: 80)
        settings.maxDepth = 40
        let gauge = ByteGauge()
        let fetcher = Fetcher(limits: settings.fetch, userAgent: settings.userAgent, gauge: gauge)
        let crawler = Crawler(settings: settings, today: fixtureDay, fetcher: fetcher)
        let started = Date()
        let log = PageLog()
        let result = await crawler.crawl(server.baseURL, onPage: { log.add($0, $1) })
        await crawler.shutdown()
        await server.stop()
        let checks = Set(result.site.crawlFindings.map(\.check))
        for expected in ["crawl.redirect-loop", "crawl.timeout", "crawl.size-cap", "crawl.decompression-bomb", "crawl.charset", "crawl.charset-undeclared",
                         "crawl.binary-as-html", "crawl.rate-limited", "crawl.trap", "crawl.malformed-html", "crawl.connection-reset", "crawl.robots-missing"] {
            #expect(checks.contains(expected), "missing finding \(expected); got \(checks.sorted()) \(result.site.crawlFindings.filter { $0.url?.hasSuffix("/bomb") == true })")
        }
        // Budgets: pages, time; memory: the bytes held in buffers never exceed concurrency × cap.
        #expect(result.progress.pages <= settings.maxPages)
        #expect(Date().timeIntervalSince(started) < settings.maxSeconds + 5)
        #expect(gauge.peak <= settings.concurrency * settings.fetch.maxBodyBytes)
        #expect(gauge.current == 0)
        // The PDF is recorded, not parsed, and its body not read.
        let pdf = try #require(log.records.first { $0.url.hasSuffix("/report.pdf") })
        #expect(pdf.contentType == "application/pdf" && pdf.bytes == 0)
        // The redirect chain is recorded.
        let loop = try #require(log.records.first { $0.url.hasSuffix("/loop-a") })
        #expect(loop.redirectChain.count == 2)
        #expect(HTMLDocument.liveDocuments == 0)
    }

    @Test func robots5xxCrawlsNothing() async throws {
        let hits = Counter()
        let server = try await FixtureServer { path, _ in
            if path == "/robots.txt" { return .status(503) }
            hits.increment()
            return PortalAuditSuite.HostileServerTests.page(["/a"])
        }
        let result = await crawl(server.baseURL)
        await server.stop()
        #expect(result.progress.pages == 0)
        #expect(hits.value == 0)
        #expect(result.site.crawlFindings.contains { $0.check == "crawl.robots-unavailable" })
    }

    @Test func robotsRulesAreObeyed() async throws {
        let hits = Counter()
        let server = try await FixtureServer { path, headers in
            if path == "/robots.txt" { return .ok("User-agent: *\nDisallow: /private\nAllow: /private/open\n\nUser-agent: ictindex\nDisallow: /secret\n", type: "text/plain") }
            if path.hasPrefix("/secret") { hits.increment() }
            #expect(headers["User-Agent"].first?.contains("ictindex") == true)
            return PortalAuditSuite.HostileServerTests.page(["/secret/x", "/private/y", "/ok"])
        }
        let log = PageLog()
        _ = await crawl(server.baseURL, log: log)
        await server.stop()
        #expect(hits.value == 0)
        // The ictindex group applies, not '*': /private is allowed for ictindex.
        #expect(log.records.contains { $0.url.hasSuffix("/private/y") })
        #expect(log.records.contains { $0.url.hasSuffix("/ok") })
    }

    @Test func retryAfterIsHonoured() async throws {
        let attempts = Counter()
        let server = try await FixtureServer { path, _ in
            if path == "/robots.txt" { return .status(404) }
            if path == "/" {
                attempts.increment()
                return attempts.value == 1 ? .response(status: 429, headers: [("Retry-After", "1")], body: Data()) : PortalAuditSuite.HostileServerTests.page([])
            }
            return .status(404)
        }
        let started = Date()
        let log = PageLog()
        _ = await crawl(server.baseURL, log: log)
        await server.stop()
        #expect(attempts.value == 2)
        #expect(Date().timeIntervalSince(started) >= 0.9)
        #expect(log.records.first?.status == 200)
    }

    @Test func delayAndConcurrencyPerHost() async throws {
        let times = TimeLog()
        let server = try await FixtureServer { path, _ in
            if path == "/robots.txt" { return .status(404) }
            times.record()
            return PortalAuditSuite.HostileServerTests.page(["/a", "/b", "/c", "/d"])
        }
        var settings = testSettings()
        settings.delay = 0.2
        settings.siteChecks = false
        let result = await crawl(server.baseURL, settings: settings)
        await server.stop()
        #expect(result.progress.pages == 5)
        let gaps = zip(times.values.dropFirst(), times.values).map { $0 - $1 }
        // Requests to one host start at least `delay` apart (a little slack for the clock).
        #expect(gaps.allSatisfy { $0 >= 0.18 }, "gaps \(gaps)")
    }

    @Test func pageBudgetStopsTheCrawl() async throws {
        let server = try await FixtureServer { path, _ in
            if path == "/robots.txt" { return .status(404) }
            let n = Int(path.dropFirst()) ?? 0
            return PortalAuditSuite.HostileServerTests.page((1...5).map { "/\(n * 5 + $0)" })
        }
        var settings = testSettings(maxPages: 12)
        settings.maxPerShape = 1_000
        let result = await crawl(server.baseURL, settings: settings)
        await server.stop()
        #expect(result.progress.pages == 12)
        #expect(result.stoppedBy == .pages)
    }
}
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

final class TimeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [Double] = []
    func record() { lock.withLock { times.append(Date().timeIntervalSince1970) } }
    var values: [Double] { lock.withLock { times } }
}
