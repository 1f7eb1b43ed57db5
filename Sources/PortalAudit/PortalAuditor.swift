import Foundation
import IndexCore
import IndexStore

/// The workspace as a ``CrawlJournal``: crawl state in the "v2-crawl" tables, so that an
/// interrupted crawl continues where it stopped.
public final class StoreJournal: CrawlJournal {
    /// The workspace the crawl state is kept in.
    public let store: Store
    /// The crawl's id in the workspace.
    public let crawlID: Int64
    /// Whether an interrupted crawl of the same seed and period was found and is continued.
    public let resumed: Bool

    /// Opens the unfinished crawl of `seed` for `period` in `store`, or starts a new one. Throws
    /// the store's error when the database cannot be written.
    public init(store: Store, seed: URL, unitID: String?, period: Int) throws {
        self.store = store
        (crawlID, resumed) = try store.openCrawl(seed: seed.absoluteString, unitID: unitID, period: period)
    }

    /// Replays the pages stored for the crawl, in fetch order, when it was resumed (`nil` for a new
    /// crawl), and returns its pending frontier. Facts that no longer decode end the replay with an
    /// error.
    public func resume(_ page: (PageRecord, PageFacts?) throws -> Void) throws -> [(url: String, depth: Int)]? {
        guard resumed else { return nil }
        let decoder = JSONDecoder()
        return try store.replayCrawl(crawlID: crawlID) { record, json in
            // Facts that no longer decode end the replay with an error (a crawl.journal finding).
            let facts = try json.map { try decoder.decode(PageFacts.self, from: Data($0.utf8)) }
            try page(record, facts)
        }
    }

    /// Stores a fetched page, its facts (as JSON) and the links it discovered, in one transaction.
    public func record(page: PageRecord, facts: PageFacts?, discovered: [(url: String, depth: Int)]) throws {
        let json = try facts.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try store.recordCrawlPage(crawlID: crawlID, page: page, facts: json, discovered: discovered)
    }

    /// The robots.txt policy of `host` cached in the workspace less than `maxAge` seconds ago, if
    /// any; throws when a cached policy no longer decodes.
    public func cachedRobots(host: String, maxAge: Double) throws -> RobotsPolicy? {
        try store.cachedRobots(host: host, maxAge: maxAge).map { try JSONDecoder().decode(RobotsPolicy.self, from: Data($0.utf8)) }
    }

    /// Caches `host`'s robots.txt policy in the workspace.
    public func storeRobots(host: String, policy: RobotsPolicy) throws {
        try store.storeRobots(host: host, policy: String(decoding: try JSONEncoder().encode(policy), as: UTF8.self))
    }

    /// Marks the crawl finished: the next crawl of the seed and period starts afresh.
    public func finish() throws { try store.finishCrawl(crawlID) }
}

/// Crawls a unit's portal, evaluates it against the checklist in force for the period, and (with
/// a store) records the findings and the field observations.
public struct PortalAuditor: Sendable {
    /// How each portal is crawled: politeness, budgets, timeouts.
    public var settings: CrawlSettings
    /// The checklists by the day they take effect; a period is evaluated against the one in force
    /// at its end.
    public var checklists: [Checklist]
    /// Requests in flight shared with audits running at the same time (``MultiSiteCrawl``).
    public var limiter: RequestLimiter?

    /// An auditor crawling with `settings` and evaluating with `checklists`, sharing `limiter` with
    /// other audits when given.
    public init(settings: CrawlSettings, checklists: [Checklist], limiter: RequestLimiter? = nil) {
        self.settings = settings
        self.checklists = checklists
        self.limiter = limiter
    }

    /// What auditing one portal produced.
    public struct Report: Sendable {
        /// The unit audited; `nil` for a URL without a unit.
        public var unitID: String?
        /// The URL the crawl started from.
        public var seed: URL
        /// What the crawl fetched and why it stopped.
        public var crawl: Crawler.Result
        /// The checklist's findings and the field values measured.
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
