import Foundation

/// The URLs a crawl of one site has seen and has still to fetch: pages found through links
/// (breadth-first), then the pages sitemaps list, and retries waiting for their time. It decides
/// which links are followed at all: on the site, allowed by robots.txt, not seen, not a trap
/// (a path repeating a segment, more URLs of one shape than ``CrawlSettings/maxPerShape``).
struct CrawlFrontier {
    /// A URL waiting to be fetched. It is kept as text (parsed when it is launched): a frontier
    /// holds thousands, and a parsed `URL` costs several times its text.
    struct Job: Sendable {
        var link: String
        var depth: Int
        var attempt = 0
        /// Seconds since the crawl's start before which a retry may not start.
        var notBefore: Double = 0
        /// Listed by a sitemap rather than found through a link.
        var fromSitemap = false
    }

    let siteKey: String
    let settings: CrawlSettings
    /// The site's robots.txt; set once it is read.
    var policy: RobotsPolicy = .allowAll
    /// `crawl.trap` findings (one per shape over its limit) not taken yet.
    private var findings: [Finding] = []

    private var seen = Set<String>()
    private var shapes: [String: Int] = [:]
    private var trapped = Set<String>()
    private var queue: [Job] = []
    private var queueHead = 0
    // Pages listed by sitemaps: fetched once the pages found by links run out.
    private var sitemapQueue: [String] = []
    private var sitemapHead = 0
    private var retries: [Job] = []
    // Pages found through links in flight: they may add links, which go before the sitemaps' pages.
    private var linkJobsRunning = 0

    init(siteKey: String, settings: CrawlSettings) {
        self.siteKey = siteKey
        self.settings = settings
    }

    /// A page fetched by an earlier run of a resumed crawl: seen, and counted in its shape.
    mutating func replayed(_ url: String) {
        seen.insert(url)
        if let parsed = URL(string: url) { shapes[URLCanonicalizer.shape(of: parsed), default: 0] += 1 }
    }

    /// Queues a URL not yet seen without the link checks: the seed, and the pending frontier of
    /// a resumed crawl (checked when it was found).
    mutating func add(_ url: String, depth: Int) {
        if seen.insert(url).inserted { queue.append(Job(link: url, depth: depth)) }
    }

    /// The `crawl.trap` findings met since the last call, in the order met.
    mutating func takeFindings() -> [Finding] {
        defer { findings = [] }
        return findings
    }

    /// Marks a URL seen (the final URL of a redirect), so that a link to it is not fetched again.
    mutating func markSeen(_ url: String) { seen.insert(url) }

    func hasSeen(_ url: String) -> Bool { seen.contains(url) }

    /// Whether the crawl may follow `link` (then marked seen): http(s), on the site, not seen,
    /// allowed by robots.txt, not a trap (repeated segments, a shape over its limit).
    mutating func admit(_ link: String) -> Bool {
        guard link.utf8.count <= settings.maxURLLength, let url = URL(string: link), let scheme = url.scheme, scheme.hasPrefix("http"),
              Crawler.siteKey(url) == siteKey, !seen.contains(link) else { return false }
        guard policy.allows(URLCanonicalizer.pathAndQuery(url)), !Crawler.hasRepeatedSegments(url) else { return false }
        let shape = URLCanonicalizer.shape(of: url)
        let count = shapes[shape, default: 0]
        if count >= settings.maxPerShape {
            if trapped.insert(shape).inserted {
                findings.append(Finding(check: "crawl.trap", passed: false, url: link, snippet: "more than \(settings.maxPerShape) URLs of the shape \(shape): not followed further"))
            }
            return false
        }
        shapes[shape] = count + 1
        seen.insert(link)
        return true
    }

    /// Queues the links of a page at `depth` that may be followed; returns them (for the journal).
    mutating func enqueue(_ links: [PageFacts.Link], depth: Int) -> [(url: String, depth: Int)] {
        guard depth <= settings.maxDepth else { return [] }
        var added: [(url: String, depth: Int)] = []
        for link in links where admit(link.url) {
            queue.append(Job(link: link.url, depth: depth))
            added.append((link.url, depth))
        }
        return added
    }

    /// Queues the pages sitemaps list (at depth 1, once each); returns those not seen yet, for
    /// the journal's frontier.
    mutating func addSitemapPages(_ locations: [String]) -> [(url: String, depth: Int)] {
        guard settings.maxDepth >= 1 else { return [] }
        var listed = Set<String>()
        for location in locations where listed.insert(location).inserted { sitemapQueue.append(location) }
        return sitemapQueue.filter { !seen.contains($0) }.map { ($0, 1) }
    }

    /// Whether URLs wait in the link queue or the sitemap queue (sitemap entries fetched
    /// meanwhile through links are dropped first).
    mutating func hasQueued() -> Bool {
        while sitemapHead < sitemapQueue.count, seen.contains(sitemapQueue[sitemapHead]) { sitemapHead += 1 }
        return queueHead < queue.count || sitemapHead < sitemapQueue.count
    }

    /// Whether anything is left to fetch, now or later (retries included).
    mutating func hasWork() -> Bool { hasQueued() || !retries.isEmpty }

    /// Whether a job may start as soon as the host allows: a link page, or a sitemap page once
    /// no link page that could add links is in flight.
    mutating func launchable() -> Bool { queueHead < queue.count || (linkJobsRunning == 0 && hasQueued()) }

    /// When the first retry may start (nil: no retry waits).
    var earliestRetry: Double? { retries.map(\.notBefore).min() }

    /// URLs waiting, retries included.
    var queuedCount: Int { queue.count - queueHead + sitemapQueue.count - sitemapHead + retries.count }

    /// The next job that may start at `now` with its parsed URL: a retry whose time has come,
    /// else the next link, else (when no link page is in flight) the next sitemap page. URLs that
    /// robots.txt disallows or that are not URLs are dropped on the way. Nil when none may start.
    mutating func next(at now: Double) -> (Job, URL)? {
        while true {
            var job: Job
            if let index = retries.firstIndex(where: { $0.notBefore <= now }) {
                job = retries.remove(at: index)
            } else if queueHead < queue.count {
                job = queue[queueHead]
                queueHead += 1
                if queueHead > 4096 && queueHead * 2 > queue.count { queue.removeFirst(queueHead); queueHead = 0 }
            } else if linkJobsRunning == 0, hasQueued() {
                let location = sitemapQueue[sitemapHead]
                sitemapHead += 1
                guard admit(location) else { continue }
                job = Job(link: location, depth: 1, fromSitemap: true)
            } else {
                return nil
            }
            guard let url = URL(string: job.link), policy.kind != .disallowAll, policy.allows(URLCanonicalizer.pathAndQuery(url)) else { continue }
            return (job, url)
        }
    }

    /// Counts a job in flight (a link page may add links that go before the sitemaps' pages).
    mutating func started(_ job: Job) { if !job.fromSitemap { linkJobsRunning += 1 } }

    mutating func finished(_ job: Job) { if !job.fromSitemap { linkJobsRunning -= 1 } }

    /// Queues a job again, to start not before `notBefore`.
    mutating func retry(_ job: Job, notBefore: Double) {
        var job = job
        job.attempt += 1
        job.notBefore = notBefore
        retries.append(job)
    }
}
