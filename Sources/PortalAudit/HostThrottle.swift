import Foundation
import IndexCore

/// The politeness of a crawl towards one host: the delay between the starts of two requests
/// (the configured delay, raised — never lowered — by robots.txt's `Crawl-delay`, and moved by
/// AutoThrottle above that floor), pauses asked for by `Retry-After`, and the back-off of
/// retries with seeded jitter. Times are seconds since the crawl's start.
struct HostThrottle {
    let settings: CrawlSettings
    /// The least delay between two request starts: the configured delay or the site's
    /// `Crawl-delay` (capped at ``CrawlSettings/maxDelay``), whichever is larger.
    let floor: Double
    /// The delay now (AutoThrottle moves it between `floor` and ``CrawlSettings/maxDelay``).
    private(set) var delay: Double
    /// When the next request may start.
    private(set) var nextStart: Double = 0
    private var random: SplitMix64

    init(settings: CrawlSettings, crawlDelay: Double?, random: SplitMix64) {
        self.settings = settings
        floor = max(settings.delay, min(crawlDelay ?? 0, settings.maxDelay))
        delay = floor
        self.random = random
    }

    func mayStart(at now: Double) -> Bool { nextStart <= now }

    /// A request starts at `now`: the next may start one delay later.
    mutating func started(at now: Double) { nextStart = now + delay }

    /// Waits one delay from `now` before the next request (after the sitemaps are read).
    mutating func wait(from now: Double) { nextStart = now + delay }

    /// Holds every request until `time` (a `Retry-After`).
    mutating func pause(until time: Double) { nextStart = max(nextStart, time) }

    /// AutoThrottle: the delay follows the latency of each response that arrived.
    mutating func observe(_ response: FetchResponse) {
        guard settings.autoThrottle, floor > 0, response.status != nil else { return }
        let failed = (response.status ?? 0) >= 400 || response.failure != nil
        delay = Self.throttledDelay(previous: delay, latency: response.latency, failed: failed, floor: floor, settings: settings)
    }

    /// Seconds before retry number `attempt + 1`: ``CrawlSettings/retryBaseDelay`` × 2^attempt ×
    /// a jitter between 0.5 and 1.5 drawn from the seeded generator.
    mutating func backOff(attempt: Int) -> Double {
        settings.retryBaseDelay * pow(2, Double(attempt)) * random.uniform(0.5, 1.5)
    }

    /// The jitter generator of one site: `seed` mixed with a stable hash (FNV-1a) of the site key,
    /// so that sites crawled together do not share their jitter and a crawl backs off the same
    /// way every time.
    static func random(seed: UInt64, site: String) -> SplitMix64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in site.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return SplitMix64(seed: seed ^ hash)
    }

    /// AutoThrottle's next delay after a response that took `latency` seconds to its head: the
    /// mean of the previous delay and latency ÷ target concurrency, never below `floor` nor
    /// above ``CrawlSettings/maxDelay``; an error response never lowers it.
    static func throttledDelay(previous: Double, latency: Double, failed: Bool, floor: Double, settings: CrawlSettings) -> Double {
        let target = latency / max(settings.targetConcurrency, 0.1)
        var next = (previous + target) / 2
        if failed { next = max(next, previous) }
        return min(settings.maxDelay, max(floor, next))
    }
}
