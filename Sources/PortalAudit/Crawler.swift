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
    public var rate: Double { seconds > 0 ? Double(pages) / seconds : 0 }
    /// Seconds left at the current rate, bounded by the page budget.
    public var eta: Double? {
        guard rate > 0 else { return nil }
        return Double(min(queued, max(0, maxPages - pages))) / rate
    }
}

/// Where a crawl's state lives so an interrupted crawl continues (the workspace implements it).
public protocol CrawlJournal: Sendable {
    /// The state of an unfinished crawl of the same site and period, if any.
    func resumeState() throws -> CrawlResumeState?
    /// Records one fetched page and the links it added to the frontier, in one transaction.
    func record(page: PageRecord, facts: PageFacts?, discovered: [(url: String, depth: Int)]) throws
    func cachedRobots(host: String, maxAge: Double) throws -> RobotsPolicy?
    func storeRobots(host: String, policy: RobotsPolicy) throws
    /// Marks the crawl finished.
    func finish() throws
}

/// What an interrupted crawl had done.
public struct CrawlResumeState: Sendable {
    public var pages: [PageRecord]
    public var facts: [PageFacts]
    /// URLs discovered but not fetched, with their depth.
    public var pending: [(url: String, depth: Int)]

    public init(pages: [PageRecord], facts: [PageFacts], pending: [(url: String, depth: Int)]) {
        self.pages = pages
        self.facts = facts
        self.pending = pending
    }
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

    struct Job: Sendable {
        var url: URL
        var depth: Int
        var attempt = 0
        var notBefore: Double = 0
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

    /// Crawls the site of `seed`.
    public func crawl(_ seed: URL, journal: (any CrawlJournal)? = nil, progress: (@Sendable (CrawlProgress) -> Void)? = nil) async -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        func now() -> Double { let d = clock.now - start; return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let seed = URLCanonicalizer.canonical(seed.absoluteString) ?? seed
        let siteKey = Self.siteKey(seed)
        var site = SiteSnapshot(seed: seed)
        var state = CrawlProgress()
        state.maxPages = settings.maxPages
        var crawlFindings: [Finding] = []
        var seen = Set<String>()
        var shapes: [String: Int] = [:]
        var trapped = Set<String>()
        var keptLinks = Set<String>()
        var queue: [Job] = []
        var queueHead = 0
        var delayed: [Job] = []
        var hostDelay = settings.delay
        var nextStart: Double = 0
        var launched = 0
        var stoppedBy: String?
        var interrupted = false

        // Resume.
        if let resumed = try? journal?.resumeState() {
            site.pages = resumed.pages
            site.facts = resumed.facts
            for facts in resumed.facts { for link in facts.links { keptLinks.insert(link.url + "\u{1F}" + link.text) } }
            for page in resumed.pages { seen.insert(page.url) }
            for item in resumed.pending { if let url = URL(string: item.url), seen.insert(item.url).inserted { queue.append(Job(url: url, depth: item.depth)) } }
            launched = resumed.pages.count
            state.pages = resumed.pages.count
            state.errors = resumed.pages.filter { $0.failure != nil || ($0.status ?? 0) >= 400 }.count
            state.bytes = resumed.pages.reduce(0) { $0 + $1.bytes }
            if let home = resumed.pages.first(where: { $0.url == seed.absoluteString }), home.failure == nil { /* headers are refetched below with the site checks */ }
        }
        if site.pages.isEmpty {
            seen.insert(seed.absoluteString)
            queue.append(Job(url: seed, depth: 0))
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

        func enqueue(_ links: [PageFacts.Link], depth: Int) -> [(url: String, depth: Int)] {
            guard depth <= settings.maxDepth else { return [] }
            var added: [(url: String, depth: Int)] = []
            for link in links {
                guard link.url.utf8.count <= settings.maxURLLength, let url = URL(string: link.url), let scheme = url.scheme, scheme.hasPrefix("http"),
                      Self.siteKey(url) == siteKey, !seen.contains(link.url) else { continue }
                guard policy.allows(URLCanonicalizer.pathAndQuery(url)) else { continue }
                if Self.hasRepeatedSegments(url) { continue }
                let shape = URLCanonicalizer.shape(of: url)
                let count = shapes[shape, default: 0]
                if count >= settings.maxPerShape {
                    if trapped.insert(shape).inserted {
                        crawlFindings.append(Finding(check: "crawl.trap", passed: false, url: link.url, snippet: "more than \(settings.maxPerShape) URLs of the shape \(shape): not followed further"))
                    }
                    continue
                }
                shapes[shape] = count + 1
                seen.insert(link.url)
                queue.append(Job(url: url, depth: depth))
                added.append((link.url, depth))
            }
            return added
        }
        // Shapes already used by a resumed crawl.
        for page in site.pages { if let url = URL(string: page.url) { shapes[URLCanonicalizer.shape(of: url), default: 0] += 1 } }

        await withTaskGroup(of: Outcome.self) { group in
            var running = 0
            var timerRunning = false
            var homeHeaders: [String: String] = [:]
            while true {
                if Task.isCancelled { interrupted = true; break }
                if stoppedBy == nil {
                    if launched >= settings.maxPages, queueHead < queue.count || !delayed.isEmpty { stoppedBy = "pages" }
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
                    }
                    guard let job else { break }
                    if policy.kind == .disallowAll || !policy.allows(URLCanonicalizer.pathAndQuery(job.url)) { continue }
                    running += 1
                    if job.attempt == 0 { launched += 1 }
                    nextStart = t + hostDelay
                    let fetcher = self.fetcher, today = self.today
                    group.addTask {
                        let response = await fetcher.fetch(job.url, permit: permit)
                        defer { fetcher.release(response) }
                        let binary = response.isHTML && Self.looksBinary(response.body)
                        var facts: PageFacts?
                        if response.isHTML, !binary, !response.body.isEmpty, (response.status ?? 0) < 400 || true {
                            facts = PageFacts.extract(body: response.body, url: response.finalURL, contentType: response.contentType, today: today)
                        }
                        return .fetched(job, response, facts, binary: binary)
                    }
                }
                if running == 0 {
                    let pendingWork = stoppedBy == nil && (queueHead < queue.count || !delayed.isEmpty) && launched < settings.maxPages
                    if !pendingWork { break }
                }
                // Wake up for delayed work (politeness delay or retries) if a slot is free.
                if !timerRunning, running < settings.concurrency, stoppedBy == nil, queueHead < queue.count || !delayed.isEmpty {
                    let wake = max(nextStart, queueHead < queue.count ? 0 : (delayed.map(\.notBefore).min() ?? 0))
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
                    // AutoThrottle: follow the latency, never below the configured delay.
                    if settings.autoThrottle, settings.delay > 0, response.status != nil {
                        let target = response.latency / max(settings.targetConcurrency, 0.1)
                        var next = (hostDelay + target) / 2
                        if (response.status ?? 0) >= 400 || response.failure != nil { next = max(next, hostDelay) }
                        hostDelay = min(settings.maxDelay, max(settings.delay, next))
                    }
                    let status = response.status ?? 0
                    let transient = status == 429 || [500, 502, 503, 504].contains(status) || (response.failure?.isTransient ?? false)
                    if transient {
                        var wait = settings.retryBaseDelay * pow(2, Double(job.attempt)) * Double.random(in: 0.5...1.5)
                        var giveUp = false
                        if let retryAfter = response.headers["retry-after"].flatMap(Self.retryAfterSeconds) {
                            if status == 429 || status == 503 {
                                crawlFindings.append(Finding(check: "crawl.rate-limited", passed: false, url: job.url.absoluteString, snippet: "HTTP \(status) with Retry-After: \(response.headers["retry-after"]!)", value: retryAfter))
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
                    let record = PageRecord(url: job.url.absoluteString, finalURL: response.finalURL.absoluteString, depth: job.depth, status: response.status,
                                            contentType: response.contentType, bytes: response.body.count, seconds: response.seconds, latency: response.latency,
                                            redirectChain: response.redirectChain, failure: response.failure?.rawValue ?? (binary ? "binary-as-html" : nil))
                    state.pages += 1
                    state.bytes += response.body.count
                    if record.failure != nil || status >= 400 { state.errors += 1 }
                    if let failure = response.failure {
                        crawlFindings.append(Finding(check: "crawl.\(failure.rawValue)", passed: false, url: job.url.absoluteString, snippet: response.failureDetail.map { String($0.prefix(200)) }))
                    }
                    if binary { crawlFindings.append(Finding(check: "crawl.binary-as-html", passed: false, url: job.url.absoluteString, snippet: "labelled text/html but binary (\(response.body.count) bytes)")) }
                    if let facts {
                        if facts.parseErrors > 0 {
                            crawlFindings.append(Finding(check: "crawl.malformed-html", passed: false, url: facts.url, snippet: "libxml2 recovered from \(facts.parseErrors) errors", value: Double(facts.parseErrors)))
                        }
                        if !facts.charsetProblems.isEmpty {
                            crawlFindings.append(Finding(check: "crawl.charset", passed: false, url: facts.url, snippet: facts.charsetProblems.joined(separator: "; ") + " (read as \(facts.charset))"))
                        } else if facts.charsetSource == .heuristic {
                            crawlFindings.append(Finding(check: "crawl.charset-undeclared", passed: false, url: facts.url, snippet: "no charset declared; read as \(facts.charset)"))
                        }
                    }
                    if job.depth == 0 { homeHeaders = response.headers }
                    site.pages.append(record)
                    var discovered: [(url: String, depth: Int)] = []
                    if var facts {
                        if Self.siteKey(response.finalURL) == siteKey { discovered = enqueue(facts.links, depth: job.depth + 1) }
                        // Keep each (URL, text) link once per site: menus repeat on every page, and
                        // the checklist only asks whether a link exists somewhere.
                        facts.links = facts.links.filter { keptLinks.insert($0.url + "\u{1F}" + $0.text).inserted }
                        site.facts.append(facts)
                        try? journal?.record(page: record, facts: facts, discovered: discovered)
                    } else {
                        try? journal?.record(page: record, facts: nil, discovered: discovered)
                    }
                    if response.failure == nil, record.redirectChain.count > 0, !seen.contains(record.finalURL) { seen.insert(record.finalURL) }
                    state.queued = queue.count - queueHead + delayed.count
                    state.seconds = now()
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
        // Site checks: home headers after a resume, http→https, sitemap.xml.
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
                site.httpRedirectsToHTTPS = site.pages.first.map { $0.finalURL.hasPrefix("https://") } ?? false
            }
            let sitemapURL = URL(string: "/sitemap.xml", relativeTo: seed)!.absoluteURL
            if policy.allows("/sitemap.xml") {
                let response = await fetcher.fetch(sitemapURL, readNonHTML: true, permit: permit)
                fetcher.release(response)
                let isXML = (response.contentType ?? "").contains("xml") || response.body.starts(with: Data("<?xml".utf8))
                site.sitemapStatus = isXML ? response.status : (response.status.map { $0 >= 400 ? $0 : 415 })
            }
        }
        state.seconds = now()
        state.queued = queue.count - queueHead + delayed.count
        site.crawlFindings = crawlFindings
        if !interrupted { try? journal?.finish() }
        return Result(site: site, progress: state, stoppedBy: stoppedBy, peakBytesHeld: fetcher.gauge.peak, interrupted: interrupted)
    }

    // MARK: Helpers

    func robotsPolicy(for seed: URL, journal: (any CrawlJournal)?) async -> RobotsPolicy {
        let host = Self.siteKey(seed)
        if let cached = try? journal?.cachedRobots(host: host, maxAge: settings.robotsCacheSeconds) { return cached }
        var limits = fetcher.limits
        limits.maxBodyBytes = min(limits.maxBodyBytes, RobotsPolicy.parseLimit)
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
