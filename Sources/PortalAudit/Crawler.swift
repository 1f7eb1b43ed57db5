import Foundation
import IndexCore

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
    public var targetConcurrency: Double = 1
    public var maxDelay: Double = 30
    /// Further attempts after a 5xx, 429, a timeout or a reset, with exponential back-off and jitter.
    public var retries = 2
    public var retryBaseDelay: Double = 1
    /// A Retry-After longer than this ends the attempts on that URL.
    public var maxRetryAfter: Double = 120
    /// URLs of one shape (digits folded, query names) followed at most: endless pagination
    /// and calendars produce one shape with ever new numbers.
    public var maxPerShape = 40
    /// Links longer than this are not followed.
    public var maxURLLength = 2_000
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
    public var pages = 0
    public var errors = 0
    public var bytes = 0
    public var queued = 0
    public var seconds: Double = 0
    public var maxPages = 0
    /// Seconds between the starts of two requests to the host now (AutoThrottle moves it).
    public var delay: Double = 0
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
    func cachedRobots(host: String, maxAge: Double) throws -> RobotsPolicy?
    func storeRobots(host: String, policy: RobotsPolicy) throws
    /// Marks the crawl finished.
    func finish() throws
}

/// Crawls one portal: robots.txt first, then breadth-first within the site, politely, within
/// budgets; records every fetch and extracts ``PageFacts`` from each HTML page.
public final class Crawler: Sendable {
    public let settings: CrawlSettings
    public let fetcher: Fetcher
    public let today: Day

    public init(settings: CrawlSettings, today: Day, fetcher: Fetcher? = nil) {
        self.settings = settings
        self.today = today
        self.fetcher = fetcher ?? Fetcher(limits: settings.fetch, userAgent: settings.userAgent, maxConnectionsPerHost: max(2, settings.concurrency))
    }

    /// Shuts the HTTP client down.
    public func shutdown() async { await fetcher.shutdown() }

    /// A URL waiting to be fetched. It is kept as text (parsed when it is launched): a frontier
    /// holds thousands, and a parsed `URL` costs several times its text.
    struct Job: Sendable {
        var link: String
        var depth: Int
        var attempt = 0
        var notBefore: Double = 0
        /// Listed by a sitemap rather than found through a link.
        var fromSitemap = false
    }

    enum Outcome: Sendable {
        case fetched(Job, FetchResponse, PageFacts?, binary: Bool)
        case timer
    }

    /// The crawl's result.
    public struct Result: Sendable {
        public var site: SiteSnapshot
        public var progress: CrawlProgress
        /// Why the crawl stopped early (a budget), if it did.
        public var stoppedBy: String?
        /// The most bytes held in response buffers at once.
        public var peakBytesHeld: Int
        public var interrupted: Bool
    }

    /// Crawls the site of `seed`, folding each page into a ``SiteSummary`` as it arrives (the
    /// page's facts are then dropped: memory does not grow with the pages fetched).
    /// - Parameters:
    ///   - checklist: the checklist whose item signals are looked for on every page (nil: none;
    ///     ``Evaluator/evaluate(_:checklist:asOf:)`` must then be given no other).
    ///   - journal: where the crawl state is kept so that an interrupted crawl continues.
    ///   - onPage: called with every page of the crawl (replayed ones of a resumed crawl first),
    ///     in fetch order, for callers that want more than the summary.
    ///   - progress: called after every page.
    public func crawl(_ seed: URL, checklist: Checklist? = nil, journal: (any CrawlJournal)? = nil,
                      onPage: (@Sendable (PageRecord, PageFacts?) -> Void)? = nil, progress: (@Sendable (CrawlProgress) -> Void)? = nil) async -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        func now() -> Double { let d = clock.now - start; return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let seed = URLCanonicalizer.canonical(seed.absoluteString) ?? seed
        let siteKey = Self.siteKey(seed)
        var site = SiteSnapshot(seed: seed, summary: SiteSummary(seed: seed, checklist: checklist))
        var state = CrawlProgress()
        state.maxPages = settings.maxPages
        state.delay = settings.delay
        var crawlFindings: [Finding] = []
        var seen = Set<String>()
        var shapes: [String: Int] = [:]
        var trapped = Set<String>()
        var queue: [Job] = []
        var queueHead = 0
        // Pages listed by sitemaps: fetched once the pages found by links run out.
        var sitemapQueue: [String] = []
        var sitemapHead = 0
        var delayed: [Job] = []
        // Pages found through links in flight: they may add links, which go before the sitemaps' pages.
        var linkJobsRunning = 0
        var hostDelay = settings.delay
        var nextStart: Double = 0
        var launched = 0
        var stoppedBy: String?
        var interrupted = false

        /// Folds one fetched page (live or replayed) into the summary, the progress and the findings.
        func fold(_ record: PageRecord, _ facts: PageFacts?) {
            site.summary.add(record)
            state.pages += 1
            state.bytes += record.bytes
            if record.failure != nil || (record.status ?? 0) >= 400 { state.errors += 1 }
            crawlFindings += Self.pageFindings(record, facts)
            if let facts { site.summary.add(facts) }
            onPage?(record, facts)
        }

        // Resume.
        if let journal, let pending = try? journal.resume({ record, facts in
            fold(record, facts)
            seen.insert(record.url)
            if let url = URL(string: record.url) { shapes[URLCanonicalizer.shape(of: url), default: 0] += 1 }
        }) {
            for item in pending { if seen.insert(item.url).inserted { queue.append(Job(link: item.url, depth: item.depth)) } }
            launched = state.pages
        }
        let resumed = state.pages > 0
        if !resumed {
            seen.insert(seed.absoluteString)
            queue.append(Job(link: seed.absoluteString, depth: 0))
        }

        // robots.txt.
        let robots = await robotsPolicy(for: seed, journal: journal)
        switch robots.kind {
        case .disallowAll:
            crawlFindings.append(Finding(check: "crawl.robots-unavailable", passed: false, url: Self.robotsURL(seed).absoluteString,
                                         snippet: "robots.txt answered 5xx or could not be fetched: nothing is crawled"))
        case .allowAll:
            crawlFindings.append(Finding(check: "crawl.robots-missing", passed: true, url: Self.robotsURL(seed).absoluteString, snippet: "no robots.txt (4xx): everything allowed"))
        case .rules:
            break
        }
        if let crawlDelay = robots.crawlDelay, settings.delay > 0 { hostDelay = max(hostDelay, min(crawlDelay, settings.maxDelay)) }
        let policy = robots
        let permit: @Sendable (URL) -> Bool = { url in Self.siteKey(url) == siteKey && policy.allows(URLCanonicalizer.pathAndQuery(url)) }

        /// Whether the crawl may follow `link` (then marked seen): http(s), on the site, not seen,
        /// allowed by robots.txt, not a trap (repeated segments, a shape over its limit).
        func admit(_ link: String) -> Bool {
            guard link.utf8.count <= settings.maxURLLength, let url = URL(string: link), let scheme = url.scheme, scheme.hasPrefix("http"),
                  Self.siteKey(url) == siteKey, !seen.contains(link) else { return false }
            guard policy.allows(URLCanonicalizer.pathAndQuery(url)), !Self.hasRepeatedSegments(url) else { return false }
            let shape = URLCanonicalizer.shape(of: url)
            let count = shapes[shape, default: 0]
            if count >= settings.maxPerShape {
                if trapped.insert(shape).inserted {
                    crawlFindings.append(Finding(check: "crawl.trap", passed: false, url: link, snippet: "more than \(settings.maxPerShape) URLs of the shape \(shape): not followed further"))
                }
                return false
            }
            shapes[shape] = count + 1
            seen.insert(link)
            return true
        }
        func enqueue(_ links: [PageFacts.Link], depth: Int) -> [(url: String, depth: Int)] {
            guard depth <= settings.maxDepth else { return [] }
            var added: [(url: String, depth: Int)] = []
            for link in links {
                guard admit(link.url) else { continue }
                queue.append(Job(link: link.url, depth: depth))
                added.append((link.url, depth))
            }
            return added
        }
        /// Whether URLs wait in the link queue or the sitemap queue (sitemap entries fetched
        /// meanwhile through links are dropped first).
        func hasQueued() -> Bool {
            while sitemapHead < sitemapQueue.count, seen.contains(sitemapQueue[sitemapHead]) { sitemapHead += 1 }
            return queueHead < queue.count || sitemapHead < sitemapQueue.count
        }
        /// Whether a job may start now: a link page, or a sitemap page once no link page that
        /// could add links is in flight.
        func launchable() -> Bool { queueHead < queue.count || (linkJobsRunning == 0 && hasQueued()) }
        func queuedCount() -> Int { queue.count - queueHead + sitemapQueue.count - sitemapHead + delayed.count }

        // Sitemaps: read before the first page (a resumed crawl has their pages in its frontier).
        var sitemapDiscovered: [(url: String, depth: Int)] = []
        if settings.sitemaps, !resumed, policy.kind != .disallowAll {
            let read = await readSitemaps(seed: seed, robots: policy, permit: permit, delay: hostDelay, now: now)
            site.sitemapStatus = read.status
            state.bytes += read.bytes
            crawlFindings += read.findings
            var listed = Set<String>()
            for location in read.locations where listed.insert(location).inserted && settings.maxDepth >= 1 { sitemapQueue.append(location) }
            sitemapDiscovered = sitemapQueue.filter { !seen.contains($0) }.map { ($0, 1) }
            nextStart = now() + hostDelay
        }

        await withTaskGroup(of: Outcome.self) { group in
            var running = 0
            var timerRunning = false
            var homeHeaders: [String: String] = [:]
            while true {
                if Task.isCancelled { interrupted = true; break }
                if stoppedBy == nil {
                    if launched >= settings.maxPages, hasQueued() || !delayed.isEmpty { stoppedBy = "pages" }
                    if state.bytes >= settings.maxBytes { stoppedBy = "bytes" }
                    if now() >= settings.maxSeconds { stoppedBy = "time" }
                    if let limit = settings.interruptAfter, state.pages >= limit { stoppedBy = "interrupted"; interrupted = true }
                }
                // Launch what may start now.
                let t = now()
                while stoppedBy == nil, running < settings.concurrency, launched < settings.maxPages, nextStart <= t {
                    var job: Job?
                    if let index = delayed.firstIndex(where: { $0.notBefore <= t }) {
                        job = delayed.remove(at: index)
                    } else if queueHead < queue.count {
                        job = queue[queueHead]
                        queueHead += 1
                        if queueHead > 4096 && queueHead * 2 > queue.count { queue.removeFirst(queueHead); queueHead = 0 }
                    } else if linkJobsRunning == 0, hasQueued() {
                        let location = sitemapQueue[sitemapHead]
                        sitemapHead += 1
                        guard admit(location) else { continue }
                        job = Job(link: location, depth: 1, fromSitemap: true)
                    }
                    guard let job else { break }
                    guard let url = URL(string: job.link), policy.kind != .disallowAll, policy.allows(URLCanonicalizer.pathAndQuery(url)) else { continue }
                    running += 1
                    if !job.fromSitemap { linkJobsRunning += 1 }
                    if job.attempt == 0 { launched += 1 }
                    nextStart = t + hostDelay
                    let fetcher = self.fetcher, today = self.today
                    group.addTask {
                        let response = await fetcher.fetch(url, permit: permit)
                        defer { fetcher.release(response) }
                        let binary = response.isHTML && Self.looksBinary(response.body)
                        var facts: PageFacts?
                        if response.isHTML, !binary, !response.body.isEmpty {
                            facts = PageFacts.extract(body: response.body, url: response.finalURL, contentType: response.contentType, today: today)
                        }
                        return .fetched(job, response, facts, binary: binary)
                    }
                }
                if running == 0 {
                    let pendingWork = stoppedBy == nil && (hasQueued() || !delayed.isEmpty) && launched < settings.maxPages
                    if !pendingWork { break }
                }
                // Wake up for delayed work (politeness delay or retries) if a slot is free.
                if !timerRunning, running < settings.concurrency, stoppedBy == nil, launchable() || !delayed.isEmpty {
                    let wake = max(nextStart, launchable() ? 0 : (delayed.map(\.notBefore).min() ?? 0))
                    let wait = max(0.001, wake - now())
                    timerRunning = true
                    group.addTask {
                        try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
                        return .timer
                    }
                }
                guard let outcome = await group.next() else { break }
                switch outcome {
                case .timer:
                    timerRunning = false
                case .fetched(var job, let response, let facts, let binary):
                    running -= 1
                    if !job.fromSitemap { linkJobsRunning -= 1 }
                    // AutoThrottle: follow the latency, never below the configured delay.
                    if settings.autoThrottle, settings.delay > 0, response.status != nil {
                        hostDelay = Self.throttledDelay(previous: hostDelay, latency: response.latency, failed: (response.status ?? 0) >= 400 || response.failure != nil, settings: settings)
                    }
                    let status = response.status ?? 0
                    let transient = status == 429 || [500, 502, 503, 504].contains(status) || (response.failure?.isTransient ?? false)
                    if transient {
                        var wait = settings.retryBaseDelay * pow(2, Double(job.attempt)) * Double.random(in: 0.5...1.5)
                        var giveUp = false
                        if let retryAfter = response.headers["retry-after"].flatMap(Self.retryAfterSeconds) {
                            if status == 429 || status == 503 {
                                crawlFindings.append(Finding(check: "crawl.rate-limited", passed: false, url: job.link, snippet: "HTTP \(status) with Retry-After: \(response.headers["retry-after"]!)", value: retryAfter))
                            }
                            if retryAfter > settings.maxRetryAfter { giveUp = true }
                            wait = max(wait, retryAfter)
                            nextStart = max(nextStart, now() + retryAfter)
                        }
                        if !giveUp, job.attempt < settings.retries {
                            job.attempt += 1
                            job.notBefore = now() + wait
                            delayed.append(job)
                            continue
                        }
                    }
                    let record = PageRecord(url: job.link, finalURL: response.finalURL.absoluteString, depth: job.depth, status: response.status,
                                            contentType: response.contentType, bytes: response.body.count, seconds: response.seconds, latency: response.latency,
                                            redirectChain: response.redirectChain, failure: response.failure?.rawValue ?? (binary ? "binary-as-html" : nil),
                                            failureDetail: response.failure == nil ? nil : response.failureDetail)
                    fold(record, facts)
                    if job.depth == 0 { homeHeaders = response.headers }
                    var discovered: [(url: String, depth: Int)] = []
                    if let facts, Self.siteKey(response.finalURL) == siteKey { discovered = enqueue(facts.links, depth: job.depth + 1) }
                    // The sitemap's pages join the journal's frontier with the first page.
                    if !sitemapDiscovered.isEmpty { discovered += sitemapDiscovered; sitemapDiscovered = [] }
                    try? journal?.record(page: record, facts: facts, discovered: discovered)
                    if response.failure == nil, record.redirectChain.count > 0, !seen.contains(record.finalURL) { seen.insert(record.finalURL) }
                    state.queued = queuedCount()
                    state.seconds = now()
                    state.delay = hostDelay
                    progress?(state)
                }
            }
            group.cancelAll()
            site.homeHeaders = homeHeaders
        }
        if stoppedBy == "interrupted" { stoppedBy = nil }
        if let stoppedBy {
            crawlFindings.append(Finding(check: "crawl.budget-\(stoppedBy)", passed: false, url: seed.absoluteString,
                                         snippet: "stopped at the \(stoppedBy) budget after \(state.pages) pages, \(state.bytes) bytes, \(String(format: "%.1f", now())) s"))
        }
        // Site checks: home headers after a resume, http→https, sitemap.xml if not read before.
        if !interrupted, settings.siteChecks, policy.kind != .disallowAll {
            if site.homeHeaders.isEmpty {
                let home = await fetcher.fetch(seed, permit: permit)
                fetcher.release(home)
                site.homeHeaders = home.headers
            }
            if seed.scheme == "https", var components = URLComponents(url: seed, resolvingAgainstBaseURL: false) {
                components.scheme = "http"
                components.path = "/"
                if let http = components.url {
                    let response = await fetcher.fetch(http, permit: { Self.siteKey($0) == siteKey || $0.host == seed.host })
                    fetcher.release(response)
                    site.httpRedirectsToHTTPS = response.redirectChain.count > 0 && response.finalURL.scheme == "https" || response.finalURL.scheme == "https" && response.failure == nil
                }
            } else {
                // An http seed: its own fetch shows whether http redirects to https.
                site.httpRedirectsToHTTPS = site.summary.firstFinalURL.map { $0.hasPrefix("https://") } ?? false
            }
            if site.sitemapStatus == nil, policy.allows("/sitemap.xml") {
                let response = await fetcher.fetch(Self.sitemapURL(seed), readNonHTML: true, permit: permit)
                fetcher.release(response)
                site.sitemapStatus = Self.sitemapStatus(response)
            }
        }
        state.seconds = now()
        state.queued = queuedCount()
        site.crawlFindings = crawlFindings
        if !interrupted { try? journal?.finish() }
        return Result(site: site, progress: state, stoppedBy: stoppedBy, peakBytesHeld: fetcher.gauge.peak, interrupted: interrupted)
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

    /// AutoThrottle's next delay after a response that took `latency` seconds to its head: the
    /// mean of the previous delay and latency ÷ target concurrency, never below the configured
    /// delay nor above `maxDelay`; an error response never lowers it.
    static func throttledDelay(previous: Double, latency: Double, failed: Bool, settings: CrawlSettings) -> Double {
        let target = latency / max(settings.targetConcurrency, 0.1)
        var next = (previous + target) / 2
        if failed { next = max(next, previous) }
        return min(settings.maxDelay, max(settings.delay, next))
    }

    /// What reading the sitemaps gave.
    struct SitemapRead {
        /// The status of /sitemap.xml for the `tech.sitemap-xml` check (nil: not fetched).
        var status: Int?
        /// Page URLs listed, same site only, in file order.
        var locations: [String] = []
        var bytes = 0
        var findings: [Finding] = []
    }

    /// Reads /sitemap.xml and the sitemaps robots.txt names (index files followed), politely
    /// (`delay` between fetches), within ``CrawlSettings/maxSitemapFiles`` files and
    /// ``CrawlSettings/maxSitemapURLs`` page URLs, on the crawl's site only.
    func readSitemaps(seed: URL, robots: RobotsPolicy, permit: @escaping @Sendable (URL) -> Bool, delay: Double, now: () -> Double) async -> SitemapRead {
        var read = SitemapRead()
        let siteKey = Self.siteKey(seed)
        var files: [URL] = [Self.sitemapURL(seed)]
        for named in robots.sitemaps { if let url = URLCanonicalizer.canonical(named, base: seed) { files.append(url) } }
        var visited = Set<String>()
        var index = 0
        var fetched = 0
        var nextStart = now()
        while index < files.count, fetched < settings.maxSitemapFiles, read.locations.count < settings.maxSitemapURLs {
            let file = files[index]
            index += 1
            guard Self.siteKey(file) == siteKey, visited.insert(file.absoluteString).inserted, robots.allows(URLCanonicalizer.pathAndQuery(file)) else { continue }
            if nextStart > now() { try? await Task.sleep(nanoseconds: UInt64((nextStart - now()) * 1e9)) }
            let response = await fetcher.fetch(file, readNonHTML: true, permit: permit)
            defer { fetcher.release(response) }
            fetched += 1
            nextStart = now() + delay
            read.bytes += response.body.count
            if index == 1 { read.status = Self.sitemapStatus(response) }
            if let failure = response.failure {
                read.findings.append(Finding(check: "crawl.\(failure.rawValue)", passed: false, url: file.absoluteString, snippet: response.failureDetail.map { String($0.prefix(200)) }))
                if failure != .sizeCap { continue }
            }
            guard let status = response.status, (200..<300).contains(status) else { continue }
            if let problem = Sitemap.problem(response.body, contentType: response.contentType) {
                // A missing sitemap served as an HTML page is common and says nothing more than its status.
                if index > 1 || !response.isHTML { read.findings.append(Finding(check: "crawl.sitemap", passed: false, url: file.absoluteString, snippet: problem)) }
                continue
            }
            let sitemap = Sitemap.parse(response.body, limit: settings.maxSitemapURLs - read.locations.count)
            for location in sitemap.locations {
                guard let url = URLCanonicalizer.canonical(location, base: file), Self.siteKey(url) == siteKey else { continue }
                if sitemap.isIndex { files.append(url) } else { read.locations.append(url.absoluteString) }
            }
            if sitemap.truncated && !sitemap.isIndex {
                read.findings.append(Finding(check: "crawl.sitemap", passed: false, url: file.absoluteString, snippet: "more than \(settings.maxSitemapURLs) page URLs listed: the rest are not read"))
            }
        }
        return read
    }

    static func sitemapURL(_ seed: URL) -> URL { URL(string: "/sitemap.xml", relativeTo: seed)!.absoluteURL }

    /// The status `tech.sitemap-xml` sees: the HTTP status when the body is XML, else 415 for a
    /// 2xx that is not XML.
    static func sitemapStatus(_ response: FetchResponse) -> Int? {
        let isXML = (response.contentType ?? "").contains("xml") || response.body.starts(with: Data("<?xml".utf8))
        return isXML ? response.status : (response.status.map { $0 >= 400 ? $0 : 415 })
    }

    // MARK: Helpers

    func robotsPolicy(for seed: URL, journal: (any CrawlJournal)?) async -> RobotsPolicy {
        let host = Self.siteKey(seed)
        if let cached = try? journal?.cachedRobots(host: host, maxAge: settings.robotsCacheSeconds) { return cached }
        let response = await fetcher.fetch(Self.robotsURL(seed), readNonHTML: true)
        defer { fetcher.release(response) }
        let policy: RobotsPolicy
        if response.failure != nil && response.failure != .sizeCap {
            policy = response.status.map { RobotsPolicy.from(status: $0, body: response.body, userAgent: settings.robotsToken) } ?? .disallowAll
        } else {
            policy = RobotsPolicy.from(status: response.status, body: response.body.prefix(RobotsPolicy.parseLimit), userAgent: settings.robotsToken)
        }
        try? journal?.storeRobots(host: host, policy: policy)
        return policy
    }

    static func robotsURL(_ seed: URL) -> URL { URL(string: "/robots.txt", relativeTo: seed)!.absoluteURL }

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
