import Foundation
import IndexCore
import IndexStore
import Testing
@testable import PortalAudit
import PortalAuditFixtures

/// AutoThrottle, the byte budget, sitemap discovery, the incremental evaluation and resuming.
extension PortalAuditSuite {
@Suite struct CrawlFeatureTests {
    static func page(_ links: [String], title: String = "Trang", padding: Int = 0) -> FixtureReply {
        .ok("<html lang='vi'><head><title>\(title)</title></head><body>" + links.map { "<a href='\($0)'>\($0)</a>" }.joined(separator: " ")
            + String(repeating: " ", count: padding) + "</body></html>")
    }

    // MARK: AutoThrottle

    @Test func autoThrottleDelayFollowsLatency() {
        var settings = CrawlSettings()
        settings.delay = 0.1
        settings.maxDelay = 5
        settings.targetConcurrency = 2
        // The mean of the previous delay and latency ÷ target concurrency: (0.1 + 3 / 2) / 2.
        #expect(HostThrottle.throttledDelay(previous: 0.1, latency: 3, failed: false, floor: settings.delay, settings: settings) == 0.8)
        // Never below the configured delay, never above maxDelay.
        #expect(HostThrottle.throttledDelay(previous: 0.1, latency: 0, failed: false, floor: settings.delay, settings: settings) == 0.1)
        #expect(HostThrottle.throttledDelay(previous: 5, latency: 60, failed: false, floor: settings.delay, settings: settings) == 5)
        // An error response never lowers the delay: (2 + 0.2 / 2) / 2 = 1.05 < 2.
        #expect(HostThrottle.throttledDelay(previous: 2, latency: 0.2, failed: true, floor: settings.delay, settings: settings) == 2)
        #expect(HostThrottle.throttledDelay(previous: 2, latency: 0.2, failed: false, floor: settings.delay, settings: settings) == 1.05)
    }

    /// A server that answers four pages slowly, then four quickly, then three 404s: the delay
    /// between requests rises with the latency, falls when the server is fast again, and an
    /// error does not lower it.
    @Test func autoThrottleAdaptsToASlowServer() async throws {
        let slow = 0.2
        let server = try await FixtureServer { path, _ in
            if path == "/robots.txt" { return .status(404) }
            if path == "/" { return Self.page(["/slow/1"]) }
            if path.hasPrefix("/gone/") { return .status(404) }
            let n = Int(path.split(separator: "/").last ?? "") ?? 0
            if path.hasPrefix("/slow/") { return .delayed(seconds: slow, reply: Self.page([n < 4 ? "/slow/\(n + 1)" : "/fast/1"])) }
            return Self.page(n < 4 ? ["/fast/\(n + 1)"] : ["/gone/1", "/gone/2", "/gone/3"])
        }
        var settings = testSettings()
        settings.concurrency = 1
        settings.maxDepth = 20
        settings.delay = 0.01
        settings.autoThrottle = true
        settings.siteChecks = false
        settings.sitemaps = false
        settings.fetch.readTimeout = 10
        settings.fetch.totalTimeout = 10
        settings.maxSeconds = 60
        // The crawler runs on Swift's cooperative pool, two threads on a two-core machine. While
        // other suites block both threads (processes they wait for), a crawl can be starved until
        // its time budget ends, which says nothing about the throttle: such a run is done again
        // (at most three times). A throttle bug fails every run.
        var log = PageLog()
        var delays = DelayLog()
        for _ in 1...3 {
            log = PageLog()
            delays = DelayLog()
            let crawler = Crawler(settings: settings, today: fixtureDay)
            let (pageLog, delayLog) = (log, delays)
            let result = await crawler.crawl(server.baseURL, onPage: { pageLog.add($0, $1) }, progress: { delayLog.add($0.delay) })
            await crawler.shutdown()
            if result.stoppedBy != .time { break }
        }
        await server.stop()
        let paths = log.records.map { URL(string: $0.url)!.path }
        #expect(paths == ["/"] + (1...4).map { "/slow/\($0)" } + (1...4).map { "/fast/\($0)" } + (1...3).map { "/gone/\($0)" })
        let d = delays.values
        try #require(d.count == 12)
        // Slow phase: every slow response took at least `slow` seconds, so after k of them the
        // delay is at least slow × (1 − 2⁻ᵏ), far above the 0.01 s floor.
        for k in 1...4 { #expect(d[k] >= slow * (1 - pow(2, -Double(k))), "delay after slow page \(k): \(d[k])") }
        // Fast phase: the delay comes down again, not below the floor.
        #expect(d[8] < d[4])
        #expect(d[5...8].allSatisfy { $0 >= settings.delay })
        // Errors: 404s never lower it.
        #expect(d[9] >= d[8] && d[10] >= d[9] && d[11] >= d[10])
    }

    // MARK: Byte budget

    @Test func byteBudgetStopsTheCrawl() async throws {
        let size = 20_000
        let server = try await FixtureServer { path, _ in
            if path == "/robots.txt" || path == "/sitemap.xml" { return .status(404) }
            let n = Int(path.dropFirst()) ?? 0
            let body = Data(repeating: UInt8(ascii: " "), count: size)
            let links = (1...5).map { "<a href='/\(n * 5 + $0)'>\(n * 5 + $0)</a>" }.joined()
            var html = Data("<html><head><title>T</title></head><body>\(links)".utf8)
            html.append(body.prefix(size - html.count - 14))
            html.append(Data("</body></html>".utf8))
            return .response(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: html)
        }
        var settings = testSettings(maxPages: 50)
        settings.maxPerShape = 1_000
        settings.maxBytes = 100_000
        let result = await crawl(server.baseURL, settings: settings)
        await server.stop()
        #expect(result.stoppedBy == .bytes)
        // Five pages reach the budget; a request already in flight still lands.
        #expect((5...(4 + settings.concurrency)).contains(result.progress.pages), "\(result.progress.pages) pages")
        #expect(result.progress.bytes == result.progress.pages * size)
        let finding = try #require(result.site.crawlFindings.first { $0.check == "crawl.budget-bytes" })
        #expect(!finding.passed)
        #expect(finding.snippet?.contains("\(result.progress.pages) pages, \(result.progress.bytes) bytes") == true)
    }

    // MARK: Sitemaps

    /// robots.txt names a second sitemap; /sitemap.xml is an index naming a third. Their pages are
    /// fetched after the pages found by links, within the site and robots.txt.
    @Test func sitemapsSeedDiscovery() async throws {
        let hits = PathCounter()
        let server = try await FixtureServer { path, headers in
            hits.increment(path)
            let origin = "http://" + (headers["Host"].first ?? "")
            func urlset(_ locs: [String]) -> FixtureReply {
                .ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                    + locs.map { "<url><loc> \($0) </loc><lastmod>2019-12-01</lastmod></url>" }.joined() + "</urlset>", type: "application/xml")
            }
            switch path {
            case "/robots.txt": return .ok("User-agent: *\nDisallow: /private/\nSitemap: \(origin)/extra-sitemap.xml\nSitemap: http://other.example/sitemap.xml\n", type: "text/plain")
            case "/sitemap.xml":
                return .ok("<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>\(origin)/news-sitemap.xml</loc></sitemap></sitemapindex>", type: "application/xml")
            case "/news-sitemap.xml":
                return urlset(["\(origin)/", "\(origin)/hidden-1", "\(origin)/hidden-2?b=2&amp;a=1", "\(origin)/private/x", "http://other.example/page", "\(origin)/a"])
            case "/extra-sitemap.xml": return urlset(["\(origin)/hidden-3"])
            case "/": return Self.page(["/a"])
            case "/a", "/hidden-1", "/hidden-2?a=1&b=2", "/hidden-3": return Self.page([])
            default: return .status(404)
            }
        }
        var settings = testSettings()
        settings.siteChecks = false
        settings.concurrency = 1
        let log = PageLog()
        let checklist = PortalAuditSuite.FixturePortalTests.checklists.first!
        let result = await crawl(server.baseURL, settings: settings, checklist: checklist, log: log)
        await server.stop()
        let paths = log.records.map { URLCanonicalizer.pathAndQuery(URL(string: $0.url)!) }
        // Pages found by links first, then the sitemaps' pages in file order (the index's files
        // after the robots.txt one they were found after); each once.
        #expect(paths == ["/", "/a", "/hidden-3", "/hidden-1", "/hidden-2?a=1&b=2"])
        #expect(hits.max <= 1, "fetched twice: \(hits.repeated)")
        #expect(log.records.allSatisfy { $0.status == 200 })
        #expect(result.site.sitemapStatus == 200)
        #expect(Evaluator.evaluate(result.site, checklist: checklist, asOf: fixtureDay).finding("tech.sitemap-xml")?.passed == true)
        #expect(!result.site.crawlFindings.contains { $0.check == "crawl.sitemap" })
    }

    @Test func sitemapLimitsAndProblems() async throws {
        let hits = PathCounter()
        let server = try await FixtureServer { path, headers in
            hits.increment(path)
            let origin = "http://" + (headers["Host"].first ?? "")
            switch path {
            case "/robots.txt": return .ok("User-agent: *\nSitemap: \(origin)/archive.xml.gz\nSitemap: \(origin)/big.xml\nSitemap: \(origin)/after.xml\n", type: "text/plain")
            case "/sitemap.xml": return .status(404)
            case "/archive.xml.gz": return .response(status: 200, headers: [("Content-Type", "application/x-gzip")], body: Data([0x1F, 0x8B, 0x08, 0x00]) + Data(count: 40))
            case "/big.xml": return .ok("<urlset>" + (1...10).map { "<url><loc>\(origin)/p\($0)</loc></url>" }.joined() + "</urlset>", type: "text/xml")
            case "/after.xml": return .ok("<urlset><url><loc>\(origin)/late</loc></url></urlset>", type: "text/xml")
            default: return Self.page([])
            }
        }
        var settings = testSettings(maxPages: 4)
        settings.siteChecks = false
        settings.concurrency = 1
        settings.maxSitemapURLs = 6
        let log = PageLog()
        let result = await crawl(server.baseURL, settings: settings, log: log)
        await server.stop()
        let sitemap = result.site.crawlFindings.filter { $0.check == "crawl.sitemap" }
        #expect(sitemap.count == 2)
        #expect(sitemap.contains { $0.url?.hasSuffix("/archive.xml.gz") == true && $0.snippet?.hasPrefix("gzip-compressed") == true })
        // Six URLs read of ten, and no further file once the cap is reached.
        #expect(sitemap.contains { $0.url?.hasSuffix("/big.xml") == true && $0.snippet == "more than 6 page URLs listed: the rest are not read" })
        #expect(hits.count("/big.xml") == 1 && hits.count("/after.xml") == 0)
        #expect(result.site.sitemapStatus == 404)
        // The page budget (4) stops the crawl before the six are all fetched.
        #expect(log.records.map { URL(string: $0.url)!.path } == ["/", "/p1", "/p2", "/p3"])
        #expect(result.stoppedBy == .pages)
        #expect(result.progress.queued == 3)
    }

    @Test func sitemapParsing() {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>
                https://example.gov.vn/a.xml?x=1&amp;y=&#50;
              </loc></sitemap>
              <sitemap><loc></loc></sitemap>
              <sitemap><loc>https://example.gov.vn/b.xml</loc></sitemap>
              <sitemap><loc>https://example.gov.vn/c.xml</loc></sitemap>
            </sitemapindex>
            """
        let parsed = Sitemap.parse(Data(text.utf8), limit: 2)
        #expect(parsed.isIndex)
        #expect(parsed.locations == ["https://example.gov.vn/a.xml?x=1&y=2", "https://example.gov.vn/b.xml"])
        #expect(parsed.truncated)
        #expect(Sitemap.decodeEntities("a &lt;b&gt; &unknown; & c &#x1EA1;") == "a <b> &unknown; & c ạ")
        #expect(Sitemap.problem(Data("<html><body>Không tìm thấy</body></html>".utf8), contentType: "text/html") == "not XML (text/html)")
        #expect(Sitemap.problem(Data(text.utf8), contentType: nil) == nil)
        // A cut-off file gives the complete locations before the cut.
        #expect(Sitemap.parse(Data("<urlset><url><loc>/a</loc></url><url><loc>/b".utf8), limit: 10).locations == ["/a"])
    }

    // MARK: Incremental evaluation

    /// Items keep the first page (in fetch order) that shows them; a crawl started with one
    /// checklist does not pretend to have evaluated another's items.
    @Test func summaryKeepsFirstEvidence() throws {
        let checklists = PortalAuditSuite.FixturePortalTests.checklists
        let checklist = try #require(checklists.first { $0.id == "nd43-2011" })
        let other = try #require(checklists.first { $0.id != checklist.id })
        let seed = URL(string: "https://tinh.gov.vn/")!
        func facts(_ url: String, links: [(String, String)], headings: [String] = [], date: String? = nil, alt: Int = 0) -> PageFacts {
            var facts = PageFacts(url: url, title: "T", lang: "vi", charset: "UTF-8", charsetSource: .header, charsetProblems: [], legacyEncoding: nil,
                                  links: links.map { PageFacts.Link(url: $0.0, text: $0.1) }, headings: headings)
            facts.newestDate = date
            facts.images = alt
            facts.imagesWithoutAlt = alt
            return facts
        }
        var summary = SiteSummary(seed: seed, checklist: checklist)
        let pages = [
            facts("https://tinh.gov.vn/", links: [("https://tinh.gov.vn/gioi-thieu", "Giới thiệu"), ("https://tinh.gov.vn/gioi-thieu", "Giới thiệu")], date: "2019-11-02"),
            facts("https://tinh.gov.vn/a", links: [("https://tinh.gov.vn/x", "GIOI THIEU")], headings: ["Cơ cấu tổ chức"], date: "2019-12-20", alt: 2),
            facts("https://tinh.gov.vn/b", links: [], headings: ["Sơ đồ tổ chức"], date: "2019-12-20", alt: 1),
        ]
        for (i, page) in pages.enumerated() {
            summary.add(PageRecord(url: page.url, finalURL: page.url, depth: i == 0 ? 0 : 1, status: 200, contentType: "text/html", bytes: 100, seconds: 0.1, latency: Double(i + 1) / 10, redirectChain: [], failure: nil))
            summary.add(page)
        }
        let site = SiteSnapshot(seed: seed, summary: summary)
        let evaluation = Evaluator.evaluate(site, checklist: checklist, asOf: fixtureDay)
        let intro = try #require(evaluation.finding("item.introduction"))
        #expect(intro.passed && intro.url == "https://tinh.gov.vn/")
        let organisation = try #require(evaluation.finding("item.organisation"))
        #expect(organisation.passed && organisation.url == "https://tinh.gov.vn/a" && organisation.snippet == "heading “Cơ cấu tổ chức” (matches “co cau to chuc”)")
        #expect(evaluation.finding("item.news")?.passed == false)
        // The newest date's first page; the share of pages whose images all have alt text; the
        // median latency of three responses.
        #expect(evaluation.finding("content.freshness")?.url == "https://tinh.gov.vn/a")
        #expect(evaluation.finding("content.freshness")?.value == 11)
        let alt = try #require(evaluation.finding("a11y.img-alt"))
        #expect(!alt.passed && alt.url == "https://tinh.gov.vn/a" && alt.snippet == "2 of 2 images without alt" && alt.value == 1.0 / 3.0)
        #expect(evaluation.finding("tech.response-time")?.value == 0.2)
        #expect(summary.home?.links == 1, "distinct links of the home page")
        let elsewhere = Evaluator.evaluate(site, checklist: other, asOf: fixtureDay)
        #expect(elsewhere.findings.filter { $0.check.hasPrefix("item.") && $0.snippet?.hasPrefix("not evaluated") == true }.count == other.items.filter { !checklist.items.contains($0) }.count)
    }

    // MARK: Resuming

    /// An interrupted and resumed crawl evaluates exactly as an uninterrupted one (latencies
    /// aside: the response-time median is measured anew).
    @Test func resumedCrawlGivesTheSameResult() async throws {
        let checklist = try #require(Checklist.forPeriod(2019, among: PortalAuditSuite.FixturePortalTests.checklists))
        let server = try await FixtureServer(route: FixtureServer.directory(Fixtures.portals.appendingPathComponent("good-province")))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-resume-\(UUID().uuidString)")
        let opened = try Workspace.create(at: directory, methodologies: [Fixtures.repository.appendingPathComponent("Indicators/vn-it-application/2019.yaml")],
                                          registry: Fixtures.repository.appendingPathComponent("Indicators/units"))
        defer { try? FileManager.default.removeItem(at: directory) }
        var settings = testSettings()
        let whole = try await PortalAuditor(settings: settings, checklists: [checklist]).audit(seed: server.baseURL, unitID: nil, period: 2019, today: fixtureDay, store: nil)
        settings.interruptAfter = 5
        let first = try await PortalAuditor(settings: settings, checklists: [checklist]).audit(seed: server.baseURL, unitID: nil, period: 2019, today: fixtureDay, store: opened.store)
        #expect(first.crawl.interrupted && first.crawl.progress.pages >= 5)
        settings.interruptAfter = nil
        let log = PageLog()
        let crawler = Crawler(settings: settings, today: fixtureDay)
        let journal = try StoreJournal(store: opened.store, seed: server.baseURL, unitID: nil, period: 2019)
        #expect(journal.resumed)
        let resumed = await crawler.crawl(server.baseURL, checklist: checklist, journal: journal, onPage: { log.add($0, $1) })
        await crawler.shutdown()
        await server.stop()
        let evaluation = Evaluator.evaluate(resumed.site, checklist: checklist, asOf: fixtureDay)
        #expect(resumed.progress.pages == whole.crawl.progress.pages)
        #expect(log.records.count == whole.crawl.progress.pages, "replayed and new pages are all reported")
        func comparable(_ findings: [Finding]) -> [Finding] { findings.filter { $0.check != "tech.response-time" } }
        #expect(comparable(evaluation.findings) == comparable(whole.evaluation.findings))
        #expect(evaluation.observations == whole.evaluation.observations)
    }
}
}

final class DelayLog: @unchecked Sendable {
    private let lock = NSLock()
    private var delays: [Double] = []
    func add(_ delay: Double) { lock.withLock { delays.append(delay) } }
    var values: [Double] { lock.withLock { delays } }
}
