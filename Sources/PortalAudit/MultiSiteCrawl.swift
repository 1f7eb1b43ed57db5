import Foundation
import IndexCore
import IndexStore

/// Audits many portals at once (`ictindex crawl --all`): different hosts in parallel under a
/// global limit on requests in flight and on open connections, each host as politely as when
/// crawled alone (its own delay, Crawl-delay, concurrency and budgets), never two crawls of the
/// same site at once. Reports come back in the order of the targets.
public struct MultiSiteCrawl: Sendable {
    /// A portal to audit, for a unit or not.
    public struct Target: Sendable, Hashable {
        /// The unit whose portal it is; `nil` for a bare URL.
        public var unitID: String?
        /// The URL the crawl starts from.
        public var seed: URL

        /// A target: `seed`, for `unitID` when given.
        public init(unitID: String?, seed: URL) {
            self.unitID = unitID
            self.seed = seed
        }

        /// The unit id, else the host: how progress names the target.
        public var label: String { unitID ?? seed.host ?? seed.absoluteString }
    }

    /// What happens to a target, for progress output. `index` is the target's position.
    public enum Event: Sendable {
        /// The target's crawl began.
        case started(index: Int, target: Target)
        /// The target's crawl moved on (pages, bytes, the current delay).
        case progress(index: Int, target: Target, CrawlProgress)
        /// The target was crawled and evaluated.
        case finished(index: Int, target: Target, PortalAuditor.Report)
    }

    /// How each portal is crawled, as when crawled alone.
    public var settings: CrawlSettings
    /// The checklists the portals are evaluated against.
    public var checklists: [Checklist]
    /// Requests in flight across all portals at most.
    public var maxRequests: Int
    /// Connections open across all portals at most. Each portal being crawled has its own HTTP
    /// client with at most ``CrawlSettings/concurrency`` connections, closed when its crawl ends,
    /// so `maxConnections ÷ concurrency` portals are crawled at once.
    public var maxConnections: Int

    /// A crawl of many portals under global limits (each at least 1).
    public init(settings: CrawlSettings, checklists: [Checklist], maxRequests: Int = 32, maxConnections: Int = 128) {
        self.settings = settings
        self.checklists = checklists
        self.maxRequests = max(1, maxRequests)
        self.maxConnections = max(1, maxConnections)
    }

    /// Portals crawled at once.
    public var sitesAtOnce: Int { max(1, maxConnections / max(1, settings.concurrency)) }

    /// Audits every target (see ``PortalAuditor/audit(seed:unitID:period:today:store:progress:)``),
    /// calling `events` from the crawls' tasks as they go. An error (from the store) ends the
    /// run: the audits in progress are cancelled and the error is thrown.
    public func run(_ targets: [Target], period: Int, today: Day, store: Store?,
                    events: (@Sendable (Event) -> Void)? = nil) async throws -> [PortalAuditor.Report] {
        let auditor = PortalAuditor(settings: settings, checklists: checklists, limiter: RequestLimiter(limit: maxRequests))
        var reports = [PortalAuditor.Report?](repeating: nil, count: targets.count)
        var waiting = Array(targets.indices)
        var runningSites: [Int: String] = [:]
        try await withThrowingTaskGroup(of: (Int, PortalAuditor.Report).self) { group in
            func startNext() {
                // The first waiting targets whose site is not being crawled already.
                while runningSites.count < sitesAtOnce,
                      let position = waiting.firstIndex(where: { !runningSites.values.contains(Crawler.siteKey(targets[$0].seed)) }) {
                let index = waiting.remove(at: position)
                let target = targets[index]
                runningSites[index] = Crawler.siteKey(target.seed)
                events?(.started(index: index, target: target))
                var progress: (@Sendable (CrawlProgress) -> Void)?
                if let events {
                    progress = { (state: CrawlProgress) in events(.progress(index: index, target: target, state)) }
                }
                group.addTask {
                    let report = try await auditor.audit(seed: target.seed, unitID: target.unitID, period: period, today: today, store: store, progress: progress)
                    return (index, report)
                }
                }
            }
            startNext()
            while let (index, report) = try await group.next() {
                reports[index] = report
                runningSites[index] = nil
                events?(.finished(index: index, target: targets[index], report))
                startNext()
            }
        }
        return reports.compactMap { $0 }
    }
}
