import Foundation
import IndexCore
import IndexStore
import PortalAudit
import Reports

/// Which portals to crawl and how.
public struct CrawlRequest: Sendable {
    /// What to crawl: one URL (optionally recorded for a unit), one unit's registered portal, or
    /// the portal of every unit valid in the period.
    public enum Target: Sendable, Hashable {
        case url(String, unit: String?)
        case unit(String)
        case all
    }

    /// The sites to crawl.
    public var target: Target
    /// The workspace to keep crawl state, findings and observations in; `nil`: store nothing.
    public var workspace: String?
    /// The data year the crawl is evidence for.
    public var period: Int
    /// The reference day for freshness.
    public var today: Day
    /// Budgets and politeness: pages, depth, concurrency, delay, time, bytes, timeouts.
    public var settings: CrawlSettings
    /// The checklist folder (`nil`: the bundled checklists).
    public var checklists: String?
    /// The unit registry without a workspace (`nil`: the bundled one).
    public var registry: String?

    /// A request with default budgets, the bundled checklists and registry, and no workspace.
    public init(target: Target, workspace: String? = nil, period: Int, today: Day, settings: CrawlSettings = CrawlSettings(), checklists: String? = nil, registry: String? = nil) {
        self.target = target
        self.workspace = workspace
        self.period = period
        self.today = today
        self.settings = settings
        self.checklists = checklists
        self.registry = registry
    }
}

extension SeasonService {
    /// Crawls the portals one after the other and evaluates each against the checklist in force
    /// for the period; with a workspace, the state, findings and observations are stored.
    /// - Parameters:
    ///   - request: the sites, budgets, period and where to store.
    ///   - progress: called with each site's label and progress while it is crawled.
    public func crawl(_ request: CrawlRequest, progress: (@Sendable (String, CrawlProgress) -> Void)? = nil) async throws(SeasonError) -> [PortalAuditor.Report] {
        let checklists = try self.checklists(path: request.checklists)
        let workspace = try request.workspace.map { path throws(SeasonError) in try openWorkspace(path) }
        let units = try registry(workspace: workspace, path: request.registry)
        let targets = try crawlTargets(request, units: units)
        let auditor = PortalAuditor(settings: request.settings, checklists: checklists)
        let store = workspace?.store
        var reports: [PortalAuditor.Report] = []
        for target in targets {
            let label = target.unit ?? target.url.host ?? target.url.absoluteString
            var siteProgress: (@Sendable (CrawlProgress) -> Void)?
            if let progress { siteProgress = { progress(label, $0) } }
            let seed = target.url, unitID = target.unit
            let report = try await SeasonError.capture {
                try await auditor.audit(seed: seed, unitID: unitID, period: request.period, today: request.today, store: store, progress: siteProgress)
            }
            reports.append(report)
        }
        return reports
    }

    /// The sites a request names, each with the unit it is recorded for.
    private func crawlTargets(_ request: CrawlRequest, units: UnitRegistry) throws(SeasonError) -> [(unit: String?, url: URL)] {
        let endOfYear = Day.endOf(year: request.period)
        switch request.target {
        case .all:
            return units.units(validOn: endOfYear).compactMap { found in
                found.portal.flatMap(URL.init(string:)).map { (found.id, $0) }
            }
        case .unit(let query):
            let found = try SeasonError.capture { try units.resolve(query, on: endOfYear) }
            guard let address = found.portal, let url = URL(string: address), url.scheme?.hasPrefix("http") == true else {
                throw .usage("unit '\(found.id)' has no portal in the registry; give its URL")
            }
            return [(found.id, url)]
        case .url(let address, let unit):
            if let unit {
                let found = try SeasonError.capture { try units.resolve(unit, on: endOfYear) }
                guard let url = URL(string: address), url.scheme?.hasPrefix("http") == true else {
                    throw .usage("unit '\(found.id)' has no portal in the registry; give its URL")
                }
                return [(found.id, url)]
            }
            guard let url = URL(string: address), url.scheme?.hasPrefix("http") == true else { throw .usage("'\(address)' is not an http(s) URL") }
            return [(nil, url)]
        }
    }
}

/// Crawl reports as text or JSON.
public enum CrawlFormatter {
    /// One site: pages, budget, each finding with its evidence, the fields it gives.
    public static func text(_ report: PortalAuditor.Report, period: Int) -> String {
        let p = report.crawl.progress
        var out = "\(report.unitID.map { "\($0): " } ?? "")\(report.seed.absoluteString) — period \(period), checklist \(report.evaluation.checklist)\n"
        out += String(format: "  crawled %d pages (%d errors), %.1f MB in %.1f s (%.1f pages/s)", p.pages, p.errors, Double(p.bytes) / 1_048_576, p.seconds, p.rate)
        if let stop = report.crawl.stoppedBy { out += "; stopped by the \(stop) budget" }
        if report.crawl.interrupted { out += "; interrupted (run again to continue)" }
        out += "\n"
        for finding in report.evaluation.findings {
            out += "  \(finding.passed ? "✓" : "✗") \(finding.check)"
            if let snippet = finding.snippet { out += ": \(snippet)" }
            if let url = finding.url { out += "  <\(url)>" }
            out += "\n"
        }
        out += "  fields:\n"
        for observation in report.evaluation.observations {
            out += "    \(observation.field) = \(number(observation.value))  (\(observation.location))\n"
        }
        if let id = report.submissionID { out += "  recorded as submission #\(id)\n" }
        return out
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4g", value)
    }

    /// The crawl reports as JSON, written by the shared deterministic writer.
    public static func json(_ reports: [PortalAuditor.Report], period: Int) -> String {
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        let items = reports.map { report -> JSONValue in
            let p = report.crawl.progress
            return .object([
                ("unit", text(report.unitID)),
                ("url", .string(report.seed.absoluteString)),
                ("period", .integer(period)),
                ("checklist", .string(report.evaluation.checklist)),
                ("pages", .integer(p.pages)),
                ("errors", .integer(p.errors)),
                ("bytes", .integer(p.bytes)),
                ("stopped_by", text(report.crawl.stoppedBy)),
                ("findings", .array(report.evaluation.findings.map { f in
                    .object([
                        ("check", .string(f.check)),
                        ("passed", .bool(f.passed)),
                        ("url", text(f.url)),
                        ("snippet", text(f.snippet)),
                        ("value", f.value.map { .number($0) } ?? .null),
                    ])
                })),
                ("fields", .object(report.evaluation.observations.map { o in
                    (o.field, .object([("value", .number(o.value)), ("evidence", .string(o.location))]))
                })),
            ])
        }
        return JSONValue.array(items).rendered()
    }
}
