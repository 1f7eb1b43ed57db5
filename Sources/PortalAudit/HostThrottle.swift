import Foundation

/// A small, fast, seedable random number generator (SplitMix64): the retry jitter of a crawl
/// is reproducible from ``CrawlSettings/randomSeed`` and the site.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one site: the seed mixed with a stable hash (FNV-1a) of the site key, so
    /// that sites crawled together do not share their jitter.
    public init(seed: UInt64, site: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in site.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        self.init(seed: seed ^ hash)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

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
    private var random: SeededRandom

    init(settings: CrawlSettings, crawlDelay: Double?, random: SeededRandom) {
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
        settings.retryBaseDelay * pow(2, Double(attempt)) * Double.random(in: 0.5...1.5, using: &random)
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
