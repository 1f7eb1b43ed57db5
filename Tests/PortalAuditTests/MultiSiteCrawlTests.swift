import Foundation
import IndexCore
import Testing
@testable import PortalAudit
import PortalAuditFixtures

/// `crawl --all`: hosts in parallel under global limits, each host as polite as alone.
extension PortalAuditSuite {
@Suite struct MultiSiteCrawlTests {
    /// A site of `pages` pages linked from its home page, recording when each request arrived.
    static func site(pages: Int, log: StartLog) async throws -> FixtureServer {
        try await FixtureServer { path, _ in
            if path == "/robots.txt" || path == "/sitemap.xml" { return .status(404) }
            log.add(path)
            if path == "/" { return CrawlPartsTests.page((1..<pages).map { "/p\($0)" }) }
            return .delayed(seconds: 0.05, reply: CrawlPartsTests.page([]))
        }
    }

    static func settings(delay: Double) -> CrawlSettings {
        var settings = testSettings()
        settings.delay = delay
        settings.autoThrottle = false
        settings.concurrency = 1
        settings.sitemaps = false
        settings.siteChecks = false
        return settings
    }

    /// Four sites of five pages at 0.3 s per host take ≈ 1.2 s each alone; in parallel the
    /// whole run takes about as long as one site, each host's requests still 0.3 s apart, and
    /// the reports come back in the order of the targets.
    @Test func hostsAreCrawledInParallelAndPolitely() async throws {
        let logs = (0..<4).map { _ in StartLog() }
        var servers: [FixtureServer] = []
        for log in logs { servers.append(try await Self.site(pages: 5, log: log)) }
        let targets = servers.enumerated().map { MultiSiteCrawl.Target(unitID: "unit-\($0.offset)", seed: $0.element.baseURL) }
        let crawl = MultiSiteCrawl(settings: Self.settings(delay: 0.3), checklists: PortalAuditSuite.FixturePortalTests.checklists, maxRequests: 8, maxConnections: 8)
        #expect(crawl.sitesAtOnce == 8)
        let events = EventLog()
        let clock = ContinuousClock()
        let started = clock.now
        let reports = try await crawl.run(targets, period: 2019, today: fixtureDay, store: nil) { events.add($0) }
        let elapsed = clock.now - started
        for server in servers { await server.stop() }
        #expect(reports.map(\.unitID) == targets.map(\.unitID))
        #expect(reports.allSatisfy { $0.crawl.progress.pages == 5 })
        // Alone, one site needs 4 × 0.3 s between its five starts; four one after the other ≥ 4.8 s.
        #expect(elapsed < .milliseconds(3_000), "4 sites in parallel took \(elapsed)")
        for log in logs {
            let gaps = zip(log.times.dropFirst(), log.times).map { $0 - $1 }
            #expect(gaps.count == 4 && gaps.allSatisfy { $0 >= 0.28 }, "per-host gaps \(gaps)")
        }
        #expect(events.started == 4 && events.finished == 4)
    }

    /// The global limit holds across hosts: with one request in flight at most, the sites' requests
    /// never overlap, though each host alone would allow two.
    @Test func globalRequestLimitHolds() async throws {
        let inFlight = InFlight()
        var servers: [FixtureServer] = []
        for _ in 0..<3 {
            servers.append(try await FixtureServer { path, _ in
                if path == "/robots.txt" || path == "/sitemap.xml" { return .status(404) }
                inFlight.enter()
                let reply: FixtureReply = path == "/" ? CrawlPartsTests.page(["/a", "/b", "/c"]) : CrawlPartsTests.page([])
                return .delayed(seconds: 0.05, reply: reply)
            })
        }
        var settings = Self.settings(delay: 0)
        settings.concurrency = 2
        let limiter = RequestLimiter(limit: 1)
        let auditor = PortalAuditor(settings: settings, checklists: PortalAuditSuite.FixturePortalTests.checklists, limiter: limiter)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for server in servers {
                group.addTask { _ = try await auditor.audit(seed: server.baseURL, unitID: nil, period: 2019, today: fixtureDay, store: nil) }
            }
            try await group.waitForAll()
        }
        for server in servers { await server.stop() }
        #expect(limiter.peak == 1)
        #expect(limiter.inFlight == 0, "every permit is given back")
        #expect(inFlight.total == 12)
    }

    /// Two units with the same portal are never crawled at the same time.
    @Test func oneSiteIsNeverCrawledTwiceAtOnce() async throws {
        let log = StartLog()
        let server = try await Self.site(pages: 3, log: log)
        let targets = ["a", "b"].map { MultiSiteCrawl.Target(unitID: $0, seed: server.baseURL) }
        let crawl = MultiSiteCrawl(settings: Self.settings(delay: 0.2), checklists: PortalAuditSuite.FixturePortalTests.checklists, maxRequests: 8, maxConnections: 8)
        let reports = try await crawl.run(targets, period: 2019, today: fixtureDay, store: nil)
        await server.stop()
        #expect(reports.map(\.unitID) == ["a", "b"])
        #expect(log.paths == ["/", "/p1", "/p2", "/", "/p1", "/p2"])
        let gaps = zip(log.times.dropFirst(), log.times).map { $0 - $1 }
        #expect(gaps.enumerated().allSatisfy { $0.offset == 2 || $0.element >= 0.18 }, "\(gaps)")
    }

    @Test func progressBoardLines() throws {
        let target = MultiSiteCrawl.Target(unitID: "tinh-tot", seed: URL(string: "http://h.vn/")!)
        var progress = CrawlProgress()
        progress.pages = 12
        progress.seconds = 4
        progress.queued = 3
        progress.maxPages = 300
        var plain = CrawlProgressBoard(interactive: false, interval: 10)
        #expect(plain.text(after: .started(index: 0, target: target), now: 0) == "[   0.0 s] tinh-tot: started http://h.vn/\n")
        #expect(plain.text(after: .progress(index: 0, target: target, progress), now: 5) == "", "not before the interval")
        #expect(plain.text(after: .progress(index: 0, target: target, progress), now: 10.5) == "[  10.5 s] tinh-tot: 12 pages, 0 errors, 3.0 pages/s, 3 queued, ETA 1s\n")
        var terminal = CrawlProgressBoard(interactive: true)
        #expect(terminal.text(after: .started(index: 0, target: target), now: 0) == "\r\u{1B}[Jtinh-tot: starting http://h.vn/\n")
        #expect(terminal.text(after: .progress(index: 0, target: target, progress), now: 1) == "\u{1B}[1A\r\u{1B}[Jtinh-tot: 12 pages, 0 errors, 3.0 pages/s, 3 queued, ETA 1s\n")
        #expect(terminal.clear() == "\u{1B}[1A\r\u{1B}[J")
    }
}
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [MultiSiteCrawl.Event] = []
    func add(_ event: MultiSiteCrawl.Event) { lock.withLock { events.append(event) } }
    var started: Int { lock.withLock { events.filter { if case .started = $0 { return true } else { return false } }.count } }
    var finished: Int { lock.withLock { events.filter { if case .finished = $0 { return true } else { return false } }.count } }
}

/// Counts requests a server received.
final class InFlight: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func enter() { lock.withLock { count += 1 } }
    var total: Int { lock.withLock { count } }
}
