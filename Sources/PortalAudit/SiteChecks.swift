import Foundation
import NIOCore

/// The fetches of a crawl outside its pages: robots.txt before anything else, the sitemaps
/// before the first page, and after the pages the site-wide checks (the home page's headers
/// after a resume, http→https, `/sitemap.xml`). Every fetch ends by the crawl's deadline.
struct SiteChecks {
    let settings: CrawlSettings
    let fetcher: Fetcher
    let seed: URL
    let siteKey: String
    let limiter: RequestLimiter?

    init(settings: CrawlSettings, fetcher: Fetcher, seed: URL, limiter: RequestLimiter?) {
        self.settings = settings
        self.fetcher = fetcher
        self.seed = seed
        self.limiter = limiter
        siteKey = Crawler.siteKey(seed)
    }

    /// One fetch within the shared request limit and by `until`; nil when no permit came before
    /// the deadline (or the task was cancelled). The caller releases the response.
    func fetch(_ url: URL, readNonHTML: Bool = false, clock: CrawlClock, permit: @Sendable (URL) -> Bool = { _ in true }) async -> FetchResponse? {
        if let limiter {
            guard await limiter.acquire(within: clock.budget - clock.now()) else { return nil }
        }
        defer { limiter?.release() }
        return await fetcher.fetch(url, readNonHTML: readNonHTML, until: clock.deadline, permit: permit)
    }

    var robotsURL: URL { URL(string: "/robots.txt", relativeTo: seed)!.absoluteURL }
    var sitemapURL: URL { URL(string: "/sitemap.xml", relativeTo: seed)!.absoluteURL }

    /// The site's robots.txt policy: from the journal's cache when fresh, else fetched (and
    /// cached). A cache that cannot be read or written is a `crawl.journal` finding.
    func robots(journal: (any CrawlJournal)?, clock: CrawlClock, findings: inout [Finding]) async -> RobotsPolicy {
        do {
            if let cached = try journal?.cachedRobots(host: siteKey, maxAge: settings.robotsCacheSeconds) { return cached }
        } catch {
            findings.append(Crawler.journalFinding("reading the cached robots.txt", error, url: robotsURL))
        }
        // No permit before the deadline: nothing may be fetched (and nothing is cached).
        guard let response = await fetch(robotsURL, readNonHTML: true, clock: clock) else { return .disallowAll }
        defer { fetcher.release(response) }
        let policy: RobotsPolicy
        if response.failure != nil && response.failure != .sizeCap {
            policy = response.status.map { RobotsPolicy.from(status: $0, body: response.body, userAgent: settings.robotsToken) } ?? .disallowAll
        } else {
            policy = RobotsPolicy.from(status: response.status, body: response.body.prefix(RobotsPolicy.parseLimit), userAgent: settings.robotsToken)
        }
        do {
            try journal?.storeRobots(host: siteKey, policy: policy)
        } catch {
            findings.append(Crawler.journalFinding("caching robots.txt", error, url: robotsURL))
        }
        return policy
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
    /// ``CrawlSettings/maxSitemapURLs`` page URLs, on the crawl's site only, until `deadline`
    /// (seconds on `clock`).
    func sitemaps(robots: RobotsPolicy, permit: @escaping @Sendable (URL) -> Bool, delay: Double, clock: CrawlClock) async -> SitemapRead {
        var read = SitemapRead()
        var files: [URL] = [sitemapURL]
        for named in robots.sitemaps { if let url = URLCanonicalizer.canonical(named, base: seed) { files.append(url) } }
        var visited = Set<String>()
        var index = 0
        var fetched = 0
        var nextStart = clock.now()
        while index < files.count, fetched < settings.maxSitemapFiles, read.locations.count < settings.maxSitemapURLs {
            let file = files[index]
            index += 1
            guard Crawler.siteKey(file) == siteKey, visited.insert(file.absoluteString).inserted, robots.allows(URLCanonicalizer.pathAndQuery(file)) else { continue }
            if nextStart > clock.now() { try? await Task.sleep(nanoseconds: UInt64((nextStart - clock.now()) * 1e9)) }
            if clock.pastDeadline { break }
            guard let response = await fetch(file, readNonHTML: true, clock: clock, permit: permit) else { break }
            defer { fetcher.release(response) }
            fetched += 1
            nextStart = clock.now() + delay
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
                guard let url = URLCanonicalizer.canonical(location, base: file), Crawler.siteKey(url) == siteKey else { continue }
                if sitemap.isIndex { files.append(url) } else { read.locations.append(url.absoluteString) }
            }
            if sitemap.truncated && !sitemap.isIndex {
                read.findings.append(Finding(check: "crawl.sitemap", passed: false, url: file.absoluteString, snippet: "more than \(settings.maxSitemapURLs) page URLs listed: the rest are not read"))
            }
        }
        return read
    }

    /// The site-wide checks after the pages: the home page's headers if a resume did not fetch
    /// it, whether http:// redirects to https://, and /sitemap.xml if the sitemaps were not read.
    /// Checks the deadline leaves no time for are not made (the evaluation reports them as not
    /// checked).
    func afterCrawl(_ site: inout SiteSnapshot, policy: RobotsPolicy, permit: @escaping @Sendable (URL) -> Bool, clock: CrawlClock) async {
        if site.homeHeaders.isEmpty, !clock.pastDeadline, let home = await fetch(seed, clock: clock, permit: permit) {
            fetcher.release(home)
            site.homeHeaders = home.headers
        }
        if seed.scheme == "https", var components = URLComponents(url: seed, resolvingAgainstBaseURL: false) {
            components.scheme = "http"
            components.path = "/"
            let siteKey = self.siteKey, host = seed.host
            if let http = components.url, !clock.pastDeadline,
               let response = await fetch(http, clock: clock, permit: { Crawler.siteKey($0) == siteKey || $0.host == host }) {
                fetcher.release(response)
                site.httpRedirectsToHTTPS = response.redirectChain.count > 0 && response.finalURL.scheme == "https" || response.finalURL.scheme == "https" && response.failure == nil
            }
        } else {
            // An http seed: its own fetch shows whether http redirects to https.
            site.httpRedirectsToHTTPS = site.summary.firstFinalURL.map { $0.hasPrefix("https://") } ?? false
        }
        if site.sitemapStatus == nil, policy.allows("/sitemap.xml"), !clock.pastDeadline,
           let response = await fetch(sitemapURL, readNonHTML: true, clock: clock, permit: permit) {
            fetcher.release(response)
            site.sitemapStatus = Self.sitemapStatus(response)
        }
    }

    /// The status `tech.sitemap-xml` sees: the HTTP status when the body is XML, else 415 for a
    /// 2xx that is not XML.
    static func sitemapStatus(_ response: FetchResponse) -> Int? {
        let isXML = (response.contentType ?? "").contains("xml") || response.body.starts(with: Data("<?xml".utf8))
        return isXML ? response.status : (response.status.map { $0 >= 400 ? $0 : 415 })
    }
}

/// Seconds since a crawl started, and the deadline of its time budget.
struct CrawlClock: Sendable {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    /// Seconds after the start at which the crawl's time budget ends.
    let budget: Double

    init(budget: Double) {
        start = clock.now
        self.budget = budget
    }

    func now() -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    var pastDeadline: Bool { now() >= budget }

    /// The end of the time budget as a deadline for the HTTP client.
    var deadline: NIODeadline {
        let left = max(0, budget - now())
        return .now() + .nanoseconds(Int64(min(left, 1e9) * 1e9))
    }
}
