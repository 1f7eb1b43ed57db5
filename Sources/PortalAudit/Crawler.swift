import Foundation
import IndexCore
import IndexStore

/// Settings of a crawl: politeness, budgets, robustness. Defaults are for real government
/// portals; tests and the benchmark override them.
public struct CrawlSettings: Sendable {
    /// Pages fetched at most (HTML or not, including failures).
    public var maxPages = 300
    /// Links followed from the start page at most this deep.
    public var maxDepth = 4
    /// Bytes received at most, all responses together.
    public var maxBytes = 200 * 1024 * 1024
    /// Seconds for the whole crawl.
    public var maxSeconds: Double = 600
    /// Requests in flight to one host at most.
    public var concurrency = 2
    /// Seconds between the starts of two requests to one host (the floor of AutoThrottle).
    public var delay: Double = 1
    /// Latency-driven delay (like Scrapy's AutoThrottle): the delay follows latency ÷
    /// `targetConcurrency`, averaged with the previous delay, between `delay` and `maxDelay`.
    public var autoThrottle = true
    /// The requests in flight AutoThrottle aims at: the delay moves towards latency ÷ this.
    public var targetConcurrency: Double = 1
    /// The longest delay AutoThrottle sets, in seconds.
    public var maxDelay: Double = 30
    /// Further attempts after a 5xx, 429, a timeout or a reset, with exponential back-off and jitter.
    public var retries = 2
    /// Seconds before the first retry; each further one doubles it (plus jitter).
    public var retryBaseDelay: Double = 1
    /// A Retry-After longer than this ends the attempts on that URL.
    public var maxRetryAfter: Double = 120
    /// URLs of one shape (digits folded, query names) followed at most: endless pagination
    /// and calendars produce one shape with ever new numbers.
    public var maxPerShape = 40
    /// Links longer than this are not followed.
    public var maxURLLength = 2_000
    /// Timeouts, byte cap and redirect limit of each fetch.
    public var fetch = FetchLimits()
    /// The User-Agent header: names ictindex and a contact URL.
    public var userAgent = "ictindex/0.1 (portal audit; +https://github.com/ictindex/ictindex/blob/main/docs/portal-audit.md)"
    /// The product token robots.txt groups are matched against.
    public var robotsToken = "ictindex"
    /// Also fetch /sitemap.xml and http://host/ (for the http→https check).
    public var siteChecks = true
    /// Read /sitemap.xml and the `Sitemap:` files of robots.txt (same site only) before the crawl,
    /// and fetch the pages they list once the pages found by links run out (within the budgets).
    public var sitemaps = true
    /// Sitemap files read at most (index files included).
    public var maxSitemapFiles = 10
    /// Page URLs taken from sitemaps at most.
    public var maxSitemapURLs = 1_000
    /// A robots.txt cached in the journal is reused for this long (RFC 9309: at most 24 h).
    public var robotsCacheSeconds: Double = 24 * 3600
    /// Test hook: stop (as if interrupted) after this many pages, leaving the crawl resumable.
    public var interruptAfter: Int?
    /// Seeds the jitter of retry back-offs (mixed with the site), so that a crawl's timing is
    /// reproducible.
    public var randomSeed: UInt64 = 0x1C7_1DE

    /// The default settings: polite (2 requests in flight, 1 s apart, AutoThrottle on), within the
    /// default budgets.
    public init() {}

    /// Politeness off, for loopback benchmarks: `concurrency` requests at once, no delay.
    public static func impolite(concurrency: Int) -> CrawlSettings {
        var settings = CrawlSettings()
        settings.concurrency = concurrency
        settings.delay = 0
        settings.autoThrottle = false
        settings.retries = 0
        settings.siteChecks = false
        return settings
    }
}

/// Progress of a running crawl, for the terminal line and the summary.
public struct CrawlProgress: Sendable {
    /// Pages fetched so far (HTML or not, failures included).
    public var pages = 0
    /// Fetches that failed or answered 4xx/5xx.
    public var errors = 0
    /// Body bytes received so far.
    public var bytes = 0
    /// URLs waiting in the frontier.
    public var queued = 0
    /// Seconds since the crawl started.
    public var seconds: Double = 0
    /// The page budget (``CrawlSettings/maxPages``).
    public var maxPages = 0
    /// Seconds between the starts of two requests to the host now (AutoThrottle moves it).
    public var delay: Double = 0
    /// Pages per second so far (0 at the start).
    public var rate: Double { seconds > 0 ? Double(pages) / seconds : 0 }
    /// Seconds left at the current rate, bounded by the page budget.
    public var eta: Double? {
        guard rate > 0 else { return nil }
        return Double(min(queued, max(0, maxPages - pages))) / rate
    }
}

/// Where a crawl's state lives so an interrupted crawl continues (the workspace implements it).
public protocol CrawlJournal: Sendable {
    /// Replays the unfinished crawl of the same site and period, if there is one: calls `page`
    /// with every fetched page and its facts, in fetch order, and returns the URLs discovered but
    /// not fetched, with their depth. Nil when there is nothing to resume.
    func resume(_ page: (PageRecord, PageFacts?) throws -> Void) throws -> [(url: String, depth: Int)]?
    /// Records one fetched page and the links it added to the frontier, in one transaction.
    func record(page: PageRecord, facts: PageFacts?, discovered: [(url: String, depth: Int)]) throws
    /// The robots.txt policy of `host` stored less than `maxAge` seconds ago, if any.
    func cachedRobots(host: String, maxAge: Double) throws -> RobotsPolicy?
    /// Stores `host`'s robots.txt policy as fetched now.
    func storeRobots(host: String, policy: RobotsPolicy) throws
    /// Marks the crawl finished.
    func finish() throws
}

/// Why a crawl stopped before its frontier ran out.
public enum StopReason: String, Sendable, Hashable, Codable {
    /// ``CrawlSettings/maxPages`` pages were fetched and more were waiting.
    case pages
    /// ``CrawlSettings/maxBytes`` bytes were received.
    case bytes
    /// ``CrawlSettings/maxSeconds`` passed; requests in flight then were cancelled.
    case time
    /// The task was cancelled, or the ``CrawlSettings/interruptAfter`` test hook: the crawl
    /// stays resumable and is not evaluated.
    case interrupted

    /// Whether it is one of the budgets (reported as a `crawl.budget-*` finding).
    public var isBudget: Bool { self != .interrupted }
}

/// Crawls one portal: robots.txt first, then breadth-first within the site, politely, within
/// budgets; records every fetch and extracts ``PageFacts`` from each HTML page.
///
/// The parts: a ``CrawlFrontier`` (queues, seen URLs, traps), a ``HostThrottle`` (delay,
/// Crawl-delay, AutoThrottle, Retry-After, back-off with seeded jitter), ``SiteChecks``
/// (robots.txt, sitemaps, the site-wide checks) and a ``PageTally`` (the summary, progress and
/// findings the pages add up to); ``crawl(_:checklist:journal:onPage:progress:)`` runs them.
public final class Crawler: Sendable {
    /// How the crawl runs.
    public let settings: CrawlSettings
    /// The HTTP fetcher (its client is shut down by ``shutdown()``).
    public let fetcher: Fetcher
    /// The crawl's reference day: dates after it on a page are ignored, freshness counts up to it.
    public let today: Day
    /// Requests in flight shared with other crawls running at once (nil: only this crawl's
    /// ``CrawlSettings/concurrency`` limits them).
    public let limiter: RequestLimiter?

    /// A crawler with `settings`, a new fetcher with the settings' limits unless `fetcher` is
    /// given, sharing `limiter` with other crawls when given. Call ``shutdown()`` when done.
    public init(settings: CrawlSettings, today: Day, fetcher: Fetcher? = nil, limiter: RequestLimiter? = nil) {
        self.settings = settings
        self.today = today
        self.fetcher = fetcher ?? Fetcher(limits: settings.fetch, userAgent: settings.userAgent, maxConnectionsPerHost: max(2, settings.concurrency))
        self.limiter = limiter
    }

    /// Shuts the HTTP client down.
    public func shutdown() async { await fetcher.shutdown() }

    typealias Job = CrawlFrontier.Job

    enum Outcome: Sendable {
        case fetched(Job, FetchResponse, PageFacts?, binary: Bool)
        /// A politeness delay or a retry's time has passed.
        case timer
        /// The time budget has run out.
        case deadline
    }

    /// The crawl's result.
    public struct Result: Sendable {
        /// What the crawl gathered, ready for ``Evaluator``.
        public var site: SiteSnapshot
        /// The final counts.
        public var progress: CrawlProgress
        /// Why the crawl stopped before its frontier ran out, if it did.
        public var stoppedBy: StopReason?
        /// The most bytes held in response buffers at once.
        public var peakBytesHeld: Int
        /// Whether the crawl was interrupted (it stays resumable and is not evaluated).
        public var interrupted: Bool { stoppedBy == .interrupted }
    }

    /// The pages of a crawl added up as they arrive: the site summary, the progress, the
    /// findings; each page's facts are then dropped.
    struct PageTally {
        var site: SiteSnapshot
        var progress = CrawlProgress()
        var findings: [Finding] = []
        let onPage: (@Sendable (PageRecord, PageFacts?) -> Void)?

        /// Folds one fetched page (live or replayed) into the summary, the progress and the findings.
        mutating func fold(_ record: PageRecord, _ facts: PageFacts?) {
            site.summary.add(record)
            progress.pages += 1
            progress.bytes += record.bytes
            if record.failure != nil || (record.status ?? 0) >= 400 { progress.errors += 1 }
            findings += Crawler.pageFindings(record, facts)
            if let facts { site.summary.add(facts) }
            onPage?(record, facts)
        }
    }

    /// Crawls the site of `seed`, folding each page into a ``SiteSummary`` as it arrives (the
    /// page's facts are then dropped: memory does not grow with the pages fetched).
    /// - Parameters:
    ///   - checklist: the checklist whose item signals are looked for on every page (nil: none;
    ///     ``Evaluator/evaluate(_:checklist:asOf:)`` must then be given no other).
    ///   - journal: where the crawl state is kept so that an interrupted crawl continues. A
    ///     journal that fails to read or save is reported as a `crawl.journal` finding.
    ///   - onPage: called with every page of the crawl (replayed ones of a resumed crawl first),
    ///     in fetch order, for callers that want more than the summary.
    ///   - progress: called after every page.
    public func crawl(_ seed: URL, checklist: Checklist? = nil, journal: (any CrawlJournal)? = nil,
                      onPage: (@Sendable (PageRecord, PageFacts?) -> Void)? = nil, progress: (@Sendable (CrawlProgress) -> Void)? = nil) async -> Result {
        // On threads of its own: the crawl's clock (budgets, delays, timeouts) must measure the
        // site, not how long other work in the process (a server computing a report, tests in
        // parallel) keeps Swift's cooperative pool busy.
        await Self.executor.run {
            await crawlOnOwnThreads(seed, checklist: checklist, journal: journal, onPage: onPage, progress: progress)
        }
    }

    /// The executor every crawl runs on (see ``crawl(_:checklist:journal:onPage:progress:)``).
    /// Serial: a crawl mostly waits for the network, and its jobs (parsing a page, the next
    /// request) must get a thread at once even when every core is computing something else.
    private static let executor = DispatchTaskExecutor(label: "ictindex.crawler", concurrent: false)

    private func crawlOnOwnThreads(_ seed: URL, checklist: Checklist?, journal: (any CrawlJournal)?,
                                   onPage: (@Sendable (PageRecord, PageFacts?) -> Void)?, progress: (@Sendable (CrawlProgress) -> Void)?) async -> Result {
        let clock = CrawlClock(budget: settings.maxSeconds)
        let seed = URLCanonicalizer.canonical(seed.absoluteString) ?? seed
        let siteKey = Self.siteKey(seed)
        var tally = PageTally(site: SiteSnapshot(seed: seed, summary: SiteSummary(seed: seed, checklist: checklist)), onPage: onPage)
        tally.progress.maxPages = settings.maxPages
        var frontier = CrawlFrontier(siteKey: siteKey, settings: settings)
        let resumed = resume(journal, tally: &tally, frontier: &frontier)
        if !resumed { frontier.add(seed.absoluteString, depth: 0) }

        let checks = SiteChecks(settings: settings, fetcher: fetcher, seed: seed, limiter: limiter)
        let policy = await checks.robots(journal: journal, clock: clock, findings: &tally.findings)
        switch policy.kind {
        case .disallowAll:
            tally.findings.append(Finding(check: "crawl.robots-unavailable", passed: false, url: checks.robotsURL.absoluteString,
                                          snippet: "robots.txt answered 5xx or could not be fetched: nothing is crawled"))
        case .allowAll:
            tally.findings.append(Finding(check: "crawl.robots-missing", passed: true, url: checks.robotsURL.absoluteString, snippet: "no robots.txt (4xx): everything allowed"))
        case .rules:
            break
        }
        frontier.policy = policy
        var throttle = HostThrottle(settings: settings, crawlDelay: policy.crawlDelay, random: HostThrottle.random(seed: settings.randomSeed, site: siteKey))
        tally.progress.delay = throttle.delay
        let permit: @Sendable (URL) -> Bool = { url in Self.siteKey(url) == siteKey && policy.allows(URLCanonicalizer.pathAndQuery(url)) }

        // Sitemaps: read before the first page (a resumed crawl has their pages in its frontier).
        var sitemapPages: [(url: String, depth: Int)] = []
        if settings.sitemaps, !resumed, policy.kind != .disallowAll {
            let read = await checks.sitemaps(robots: policy, permit: permit, delay: throttle.delay, clock: clock)
            tally.site.sitemapStatus = read.status
            tally.progress.bytes += read.bytes
            tally.findings += read.findings
            sitemapPages = frontier.addSitemapPages(read.locations)
            throttle.wait(from: clock.now())
        }

        let stoppedBy = await fetchPages(frontier: &frontier, throttle: &throttle, tally: &tally, sitemapPages: sitemapPages,
                                         permit: permit, journal: journal, clock: clock, progress: progress)
        if let stoppedBy, stoppedBy.isBudget {
            let p = tally.progress
            tally.findings.append(Finding(check: "crawl.budget-\(stoppedBy.rawValue)", passed: false, url: seed.absoluteString,
                                          snippet: "stopped at the \(stoppedBy.rawValue) budget after \(p.pages) pages, \(p.bytes) bytes, \(String(format: "%.1f", clock.now())) s"))
        }
        if stoppedBy != .interrupted, settings.siteChecks, policy.kind != .disallowAll {
            await checks.afterCrawl(&tally.site, policy: policy, permit: permit, clock: clock)
        }
        tally.progress.seconds = clock.now()
        tally.progress.queued = frontier.queuedCount
        if stoppedBy != .interrupted, let journal {
            do { try journal.finish() } catch { tally.findings.append(Self.journalFinding("marking the crawl finished", error, url: seed)) }
        }
        tally.site.crawlFindings = tally.findings
        return Result(site: tally.site, progress: tally.progress, stoppedBy: stoppedBy, peakBytesHeld: fetcher.gauge.peak)
    }

    /// Replays the unfinished crawl the journal holds, if any, and queues its pending frontier.
    /// Returns whether pages were replayed. A journal that cannot be read is a finding, and the
    /// crawl starts over.
    private func resume(_ journal: (any CrawlJournal)?, tally: inout PageTally, frontier: inout CrawlFrontier) -> Bool {
        guard let journal else { return false }
        let (freshTally, freshFrontier) = (tally, frontier)
        do {
            guard let pending = try journal.resume({ record, facts in
                tally.fold(record, facts)
                frontier.replayed(record.url)
            }) else { return false }
            for item in pending { frontier.add(item.url, depth: item.depth) }
        } catch {
            // Half a replay is worse than none: start over, and say why.
            (tally, frontier) = (freshTally, freshFrontier)
            tally.findings.append(Self.journalFinding("resuming the interrupted crawl", error, url: nil))
        }
        return tally.progress.pages > 0
    }

    /// Fetches pages until the frontier is empty or a budget is reached: up to
    /// ``CrawlSettings/concurrency`` at once, each start spaced by the throttle, retries after
    /// their back-off. At the time budget the requests in flight are cancelled.
    private func fetchPages(frontier: inout CrawlFrontier, throttle: inout HostThrottle, tally: inout PageTally, sitemapPages: [(url: String, depth: Int)],
                            permit: @escaping @Sendable (URL) -> Bool, journal: (any CrawlJournal)?, clock: CrawlClock,
                            progress: (@Sendable (CrawlProgress) -> Void)?) async -> StopReason? {
        var stoppedBy: StopReason?
        var launched = tally.progress.pages
        var sitemapPages = sitemapPages
        var homeHeaders: [String: String] = [:]
        var journalFailed = false
        await withTaskGroup(of: Outcome.self) { group in
            var running = 0
            var timerRunning = false
            let budget = clock.budget - clock.now()
            group.addTask {
                if budget > 0 { try? await Task.sleep(nanoseconds: UInt64(min(budget, 1e9) * 1e9)) }
                return .deadline
            }
            loop: while true {
                if Task.isCancelled { stoppedBy = .interrupted; break }
                if stoppedBy == nil { stoppedBy = budgetReached(launched: launched, frontier: &frontier, tally: tally, clock: clock) }
                if stoppedBy == .time { break }
                // Launch what may start now.
                var t = clock.now()
                while stoppedBy == nil, running < settings.concurrency, launched < settings.maxPages, throttle.mayStart(at: t), let next = frontier.next(at: t) {
                    let (job, url) = next
                    if let limiter {
                        // The shared limit: the request starts (and the host's delay counts) once it has a permit.
                        guard await limiter.acquire(within: clock.budget - clock.now()) else {
                            stoppedBy = Task.isCancelled ? .interrupted : .time
                            break
                        }
                        t = clock.now()
                    }
                    running += 1
                    frontier.started(job)
                    if job.attempt == 0 { launched += 1 }
                    throttle.started(at: t)
                    let fetcher = self.fetcher, today = self.today, until = clock.deadline, limiter = self.limiter
                    group.addTask {
                        defer { limiter?.release() }
                        let response = await fetcher.fetch(url, until: until, permit: permit)
                        defer { fetcher.release(response) }
                        let binary = response.isHTML && Self.looksBinary(response.body)
                        var facts: PageFacts?
                        if response.isHTML, !binary, !response.body.isEmpty, !Task.isCancelled {
                            facts = PageFacts.extract(body: response.body, url: response.finalURL, contentType: response.contentType, today: today)
                        }
                        return .fetched(job, response, facts, binary: binary)
                    }
                }
                tally.findings += frontier.takeFindings()
                if running == 0, !(stoppedBy == nil && frontier.hasWork() && launched < settings.maxPages) { break }
                // Wake up for delayed work (politeness delay or retries) if a slot is free.
                if !timerRunning, running < settings.concurrency, stoppedBy == nil, frontier.launchable() || frontier.earliestRetry != nil {
                    let wake = max(throttle.nextStart, frontier.launchable() ? 0 : (frontier.earliestRetry ?? 0))
                    let wait = max(0.001, wake - clock.now())
                    timerRunning = true
                    group.addTask {
                        try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
                        return .timer
                    }
                }
                guard let outcome = await group.next() else { break }
                switch outcome {
                case .deadline:
                    // The time budget is over: whatever is in flight is cancelled, not waited for.
                    stoppedBy = stoppedBy ?? .time
                    break loop
                case .timer:
                    timerRunning = false
                case .fetched(let job, let response, let facts, let binary):
                    running -= 1
                    frontier.finished(job)
                    // A response cut by the crawl's deadline is not a page of the site's: drop it.
                    if clock.pastDeadline, response.failure == .timeout { stoppedBy = stoppedBy ?? .time; break loop }
                    throttle.observe(response)
                    if retryIfTransient(job, response, frontier: &frontier, throttle: &throttle, tally: &tally, clock: clock) { continue }
                    let record = PageRecord(url: job.link, finalURL: response.finalURL.absoluteString, depth: job.depth, status: response.status,
                                            contentType: response.contentType, bytes: response.body.count, seconds: response.seconds, latency: response.latency,
                                            redirectChain: response.redirectChain, failure: response.failure?.rawValue ?? (binary ? "binary-as-html" : nil),
                                            failureDetail: response.failure == nil ? nil : response.failureDetail)
                    tally.fold(record, facts)
                    if job.depth == 0 { homeHeaders = response.headers }
                    var discovered: [(url: String, depth: Int)] = []
                    if let facts, Self.siteKey(response.finalURL) == frontier.siteKey {
                        discovered = frontier.enqueue(facts.links, depth: job.depth + 1)
                        tally.findings += frontier.takeFindings()
                    }
                    // The sitemap's pages join the journal's frontier with the first page.
                    if !sitemapPages.isEmpty { discovered += sitemapPages; sitemapPages = [] }
                    if let journal {
                        do {
                            try journal.record(page: record, facts: facts, discovered: discovered)
                        } catch where !journalFailed {
                            // Reported once: the crawl goes on, but it can no longer resume exactly.
                            journalFailed = true
                            tally.findings.append(Self.journalFinding("saving the crawl state", error, url: URL(string: record.url)))
                        } catch {}
                    }
                    if response.failure == nil, record.redirectChain.count > 0 { frontier.markSeen(record.finalURL) }
                    tally.progress.queued = frontier.queuedCount
                    tally.progress.seconds = clock.now()
                    tally.progress.delay = throttle.delay
                    progress?(tally.progress)
                }
            }
            group.cancelAll()
        }
        tally.site.homeHeaders = homeHeaders
        return stoppedBy
    }

    /// The budget reached before the next launch, if any (the time budget also ends the
    /// requests in flight; the others let them finish).
    private func budgetReached(launched: Int, frontier: inout CrawlFrontier, tally: PageTally, clock: CrawlClock) -> StopReason? {
        if let limit = settings.interruptAfter, tally.progress.pages >= limit { return .interrupted }
        if clock.pastDeadline { return .time }
        if tally.progress.bytes >= settings.maxBytes { return .bytes }
        if launched >= settings.maxPages, frontier.hasWork() { return .pages }
        return nil
    }

    /// Queues a retry of a transient failure (5xx, 429, timeouts, resets) after its back-off or
    /// its Retry-After, and reports rate limiting; returns whether the job was queued again.
    private func retryIfTransient(_ job: Job, _ response: FetchResponse, frontier: inout CrawlFrontier, throttle: inout HostThrottle,
                                  tally: inout PageTally, clock: CrawlClock) -> Bool {
        let status = response.status ?? 0
        guard status == 429 || [500, 502, 503, 504].contains(status) || (response.failure?.isTransient ?? false) else { return false }
        var wait = throttle.backOff(attempt: job.attempt)
        if let header = response.headers["retry-after"], let retryAfter = Self.retryAfterSeconds(header) {
            if status == 429 || status == 503 {
                tally.findings.append(Finding(check: "crawl.rate-limited", passed: false, url: job.link, snippet: "HTTP \(status) with Retry-After: \(header)", value: retryAfter))
            }
            throttle.pause(until: clock.now() + retryAfter)
            if retryAfter > settings.maxRetryAfter { return false }
            wait = max(wait, retryAfter)
        }
        guard job.attempt < settings.retries else { return false }
        frontier.retry(job, notBefore: clock.now() + wait)
        return true
    }

    /// A finding for a journal (the workspace) that failed to read or save the crawl's state.
    static func journalFinding(_ doing: String, _ error: any Error, url: URL?) -> Finding {
        Finding(check: "crawl.journal", passed: false, url: url?.absoluteString, snippet: "\(doing) in the workspace failed: \(String(describing: error).prefix(300))")
    }

    /// The findings one fetched page gives by itself: its failure, a binary body labelled HTML,
    /// markup libxml2 had to repair, a wrong or missing charset declaration.
    static func pageFindings(_ record: PageRecord, _ facts: PageFacts?) -> [Finding] {
        var findings: [Finding] = []
        if record.failure == "binary-as-html" {
            findings.append(Finding(check: "crawl.binary-as-html", passed: false, url: record.url, snippet: "labelled text/html but binary (\(record.bytes) bytes)"))
        } else if let failure = record.failure {
            findings.append(Finding(check: "crawl.\(failure)", passed: false, url: record.url, snippet: record.failureDetail))
        }
        if let facts {
            if facts.parseErrors > 0 {
                findings.append(Finding(check: "crawl.malformed-html", passed: false, url: facts.url, snippet: "libxml2 recovered from \(facts.parseErrors) errors", value: Double(facts.parseErrors)))
            }
            if !facts.charsetProblems.isEmpty {
                findings.append(Finding(check: "crawl.charset", passed: false, url: facts.url, snippet: facts.charsetProblems.joined(separator: "; ") + " (read as \(facts.charset))"))
            } else if facts.charsetSource == .heuristic {
                findings.append(Finding(check: "crawl.charset-undeclared", passed: false, url: facts.url, snippet: "no charset declared; read as \(facts.charset)"))
            }
        }
        return findings
    }

    // MARK: Helpers

    /// The site a URL belongs to: host without "www.", and the port when it is not the default.
    public static func siteKey(_ url: URL) -> String {
        let host = URLCanonicalizer.site(of: url.host ?? "")
        if let port = url.port, port != 80, port != 443 { return "\(host):\(port)" }
        return host
    }

    /// A body that says text/html but is not text: NUL bytes in the first KiB.
    static func looksBinary(_ body: Data) -> Bool {
        body.prefix(1024).contains(0)
    }

    /// /a/b/a/b/a/b…: a path repeating a segment three times is a trap.
    static func hasRepeatedSegments(_ url: URL) -> Bool {
        let segments = url.pathComponents.filter { $0 != "/" }
        guard segments.count >= 6 else { return false }
        var counts: [String: Int] = [:]
        for segment in segments { counts[segment, default: 0] += 1 }
        return counts.values.contains { $0 >= 3 }
    }

    /// Retry-After as seconds: a number or an HTTP date.
    static func retryAfterSeconds(_ value: String) -> Double? {
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }
}
