import Foundation
import IndexCore
import IndexStore

/// The workspace as a ``CrawlJournal``: crawl state in the "v2-crawl" tables, so that an
/// interrupted crawl continues where it stopped.
public final class StoreJournal: CrawlJournal {
    public let store: Store
    public let crawlID: Int64
    public let resumed: Bool

    public init(store: Store, seed: URL, unitID: String?, period: Int) throws {
        self.store = store
        (crawlID, resumed) = try store.openCrawl(seed: seed.absoluteString, unitID: unitID, period: period)
    }

    public func resume(_ page: (PageRecord, PageFacts?) throws -> Void) throws -> [(url: String, depth: Int)]? {
        guard resumed else { return nil }
        let decoder = JSONDecoder()
        return try store.replayCrawl(crawlID: crawlID) { stored in
            let record = PageRecord(url: stored.url, finalURL: stored.finalURL, depth: stored.depth, status: stored.status, contentType: stored.contentType, bytes: stored.bytes,
                                    seconds: stored.seconds, latency: stored.latency, redirectChain: stored.redirectChain,
                                    failure: stored.failure, failureDetail: stored.failureDetail)
            // Facts that no longer decode end the replay with an error (a crawl.journal finding).
            let facts = try stored.facts.map { try decoder.decode(PageFacts.self, from: Data($0.utf8)) }
            try page(record, facts)
        }
    }

    public func record(page: PageRecord, facts: PageFacts?, discovered: [(url: String, depth: Int)]) throws {
        let json = try facts.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try store.recordCrawlPage(crawlID: crawlID, url: page.url, finalURL: page.finalURL, depth: page.depth, status: page.status, contentType: page.contentType, bytes: page.bytes,
                                  seconds: page.seconds, latency: page.latency, redirectChain: page.redirectChain, failure: page.failure, failureDetail: page.failureDetail,
                                  facts: json, discovered: discovered)
    }

    public func cachedRobots(host: String, maxAge: Double) throws -> RobotsPolicy? {
        try store.cachedRobots(host: host, maxAge: maxAge).map { try JSONDecoder().decode(RobotsPolicy.self, from: Data($0.utf8)) }
    }

    public func storeRobots(host: String, policy: RobotsPolicy) throws {
        try store.storeRobots(host: host, policy: String(decoding: try JSONEncoder().encode(policy), as: UTF8.self))
    }

    public func finish() throws { try store.finishCrawl(crawlID) }
}

/// Crawls a unit's portal, evaluates it against the checklist in force for the period, and (with
/// a store) records the findings and the field observations.
public struct PortalAuditor: Sendable {
    public var settings: CrawlSettings
    public var checklists: [Checklist]
    /// Requests in flight shared with audits running at the same time (``MultiSiteCrawl``).
    public var limiter: RequestLimiter?

    public init(settings: CrawlSettings, checklists: [Checklist], limiter: RequestLimiter? = nil) {
        self.settings = settings
        self.checklists = checklists
        self.limiter = limiter
    }

    /// What auditing one portal produced.
    public struct Report: Sendable {
        public var unitID: String?
        public var seed: URL
        public var crawl: Crawler.Result
        public var evaluation: Evaluation
        /// The submission written (nil: unchanged, interrupted or no store).
        public var submissionID: Int64?
        /// With a store and a unit: every field the crawl measured beside the unit's survey
        /// answer, with the value used (``Store/fieldComparisons(period:unitID:)``).
        public var comparisons: [FieldComparison] = []
        /// The comparisons an analyst should resolve: contradictions, and crawl values used in
        /// place of (or to fill) a survey answer.
        public var discrepancies: [FieldComparison] { comparisons.filter(\.needsReview) }
    }

    /// Audits `seed` for `unitID` and `period`. `today` is the reference day for freshness.
    public func audit(seed: URL, unitID: String?, period: Int, today: Day, store: Store?, progress: (@Sendable (CrawlProgress) -> Void)? = nil) async throws -> Report {
        guard let checklist = Checklist.forPeriod(period, among: checklists) else {
            throw DiagnosticError([Diagnostic(.missingData, .noPortalChecklist)])
        }
        let journal = try store.map { try StoreJournal(store: $0, seed: seed, unitID: unitID, period: period) }
        // One HTTP client per audit: its connections (at most the per-host concurrency) close
        // when the audit ends.
        let crawler = Crawler(settings: settings, today: today, limiter: limiter)
        let result = await crawler.crawl(seed, checklist: checklist, journal: journal, progress: progress)
        await crawler.shutdown()
        let evaluation = Evaluator.evaluate(result.site, checklist: checklist, asOf: today)
        var submission: Int64?
        if let store, let journal, !result.interrupted {
            try store.storeFindings(crawlID: journal.crawlID, evaluation.findings.map {
                StoredFinding(unitID: unitID, period: period, check: $0.check, passed: $0.passed, url: $0.url, snippet: $0.snippet, value: $0.value)
            })
            if let unitID, !evaluation.observations.isEmpty {
                submission = try store.recordCrawlObservations(unitID: unitID, period: period, host: seed.host ?? seed.absoluteString,
                                                               observations: evaluation.observations.map {
                                                                   CrawlObservation(field: $0.field, value: $0.value, location: $0.location, precedence: $0.precedence)
                                                               })
            }
        }
        var report = Report(unitID: unitID, seed: seed, crawl: result, evaluation: evaluation, submissionID: submission)
        if let store, let unitID, !result.interrupted { report.comparisons = try store.fieldComparisons(period: period, unitID: unitID) }
        return report
    }
}
