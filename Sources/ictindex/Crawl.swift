import ArgumentParser
import Foundation
import Reports
import IndexCore
import IndexStore
import PortalAudit

/// Runs async work from a synchronous command (the CLI's main thread is not in the concurrency pool).
final class BlockingBox<T: Sendable>: @unchecked Sendable {
    let lock = NSLock()
    var result: Result<T, any Error>?
    init() {}
}

func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = BlockingBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        box.lock.withLock { box.result = result }
        done.signal()
    }
    done.wait()
    return try box.lock.withLock { box.result! }.get()
}

struct Crawl: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Crawl government portals, check them against the legal checklist and record the portal and online-service fields.",
        discussion: """
        Give a URL (with --unit to record it for a unit), a unit (its portal from the registry), or --all. \
        Respects robots.txt (RFC 9309), crawls politely (per-host concurrency and delay, AutoThrottle, \
        Retry-After) within budgets, and evaluates the checklist in force for the period \
        (Indicators/portal/: NĐ 42/2022 from 15/08/2022, NĐ 43/2011 before). With a workspace, the crawl \
        state is kept there (an interrupted crawl continues), findings are stored, and the fields become \
        observations (source 'crawl') that compute and explain use. See docs/portal-audit.md.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The portal's URL (default: the unit's portal from the registry).")
    var url: String?

    @Option(help: "The unit: id or name, with or without diacritics.")
    var unit: String?

    @Flag(help: "Crawl the portal of every unit valid in the period.")
    var all = false

    @Option(help: "The workspace directory (default: the current directory if it holds one; else nothing is stored).")
    var workspace: String?

    @Option(help: "The data year the crawl is evidence for (default: this year).")
    var period: Int?

    @Option(help: "The reference day for freshness (yyyy-mm-dd; default: today).")
    var asOf: String?

    @Option(help: "Pages to fetch at most per site.")
    var maxPages = 300

    @Option(help: "Link depth from the start page.")
    var depth = 4

    @Option(help: "Requests in flight per host.")
    var concurrency = 2

    @Option(help: "Requests in flight across all portals (--all crawls different hosts in parallel).")
    var maxRequests = 32

    @Option(help: "Connections open across all portals; each portal crawled takes up to --concurrency.")
    var maxConnections = 128

    @Option(help: "Seconds between requests to a host (the AutoThrottle floor).")
    var delay = 1.0

    @Option(help: "Seconds for the whole crawl of a site.")
    var maxSeconds = 600.0

    @Option(help: "Megabytes received per site at most.")
    var maxMegabytes = 200

    @Option(help: "Seconds per request (the total deadline).")
    var timeout = 60.0

    @Option(help: "The checklist directory.")
    var checklists = "Indicators/portal"

    @Option(help: "The unit registry when there is no workspace.")
    var registry = "Indicators/units"

    @Option(help: "Output: text or json.")
    var format: Format = .text

    func run() throws {
        let year = period ?? Calendar(identifier: .gregorian).component(.year, from: Date())
        let today = try asOf.map { text -> Day in
            guard let day = Day(text) else { throw ValidationError("--as-of must be yyyy-mm-dd") }
            return day
        } ?? Self.today()
        let lists = try Checklist.loadAll(from: URL(fileURLWithPath: checklists))
        var opened: Workspace?
        if let workspace {
            opened = try Workspace.open(URL(fileURLWithPath: workspace))
        } else if FileManager.default.fileExists(atPath: Workspace.configFileName) {
            opened = try Workspace.open(URL(fileURLWithPath: "."))
        }
        let units = try opened?.store.registry() ?? UnitRegistry.load(contentsOf: URL(fileURLWithPath: registry))
        var targets: [(unit: String?, url: URL)] = []
        if all {
            guard url == nil, unit == nil else { throw ValidationError("--all takes no URL and no --unit") }
            for found in units.units(validOn: Day.endOf(year: year)) {
                if let portal = found.portal, let url = URL(string: portal) { targets.append((found.id, url)) }
            }
        } else if let unit {
            let found = try units.resolve(unit, on: Day.endOf(year: year))
            guard let address = url ?? found.portal, let url = URL(string: address), url.scheme?.hasPrefix("http") == true else {
                throw ValidationError("unit '\(found.id)' has no portal in the registry; give its URL")
            }
            targets.append((found.id, url))
        } else if let url {
            guard let parsed = URL(string: url), parsed.scheme?.hasPrefix("http") == true else { throw ValidationError("'\(url)' is not an http(s) URL") }
            targets.append((nil, parsed))
        } else {
            throw ValidationError("give a URL, --unit or --all")
        }
        var settings = CrawlSettings()
        settings.maxPages = maxPages
        settings.maxDepth = depth
        settings.concurrency = max(1, concurrency)
        settings.delay = max(0, delay)
        settings.maxSeconds = maxSeconds
        settings.maxBytes = maxMegabytes * 1024 * 1024
        settings.fetch.totalTimeout = timeout
        let crawl = MultiSiteCrawl(settings: settings, checklists: lists, maxRequests: maxRequests, maxConnections: maxConnections)
        let store = opened?.store
        let printer = CrawlProgressPrinter(interactive: isatty(STDERR_FILENO) == 1) { FileHandle.standardError.write(Data($0.utf8)) }
        let jobs = targets.map { MultiSiteCrawl.Target(unitID: $0.unit, seed: $0.url) }
        let reports = try runBlocking { () async throws -> [PortalAuditor.Report] in
            let reports = try await crawl.run(jobs, period: year, today: today, store: store, events: printer.handle)
            printer.finish()
            return reports
        }
        switch format {
        case .text:
            for report in reports { print(Self.text(report, period: year), terminator: "") }
        case .json:
            print(Self.json(reports, period: year))
        }
    }

    static func today() -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return Day(year: c.year!, month: c.month!, day: c.day!)
    }

    static func text(_ report: PortalAuditor.Report, period: Int) -> String {
        let p = report.crawl.progress
        var out = "\(report.unitID.map { "\($0): " } ?? "")\(report.seed.absoluteString) — period \(period), checklist \(report.evaluation.checklist)\n"
        out += String(format: "  crawled %d pages (%d errors), %.1f MB in %.1f s (%.1f pages/s)", p.pages, p.errors, Double(p.bytes) / 1_048_576, p.seconds, p.rate)
        if let stop = report.crawl.stoppedBy, stop.isBudget { out += "; stopped by the \(stop.rawValue) budget" }
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
            out += "    \(observation.field) = \(Self.number(observation.value))  (\(observation.location))\n"
        }
        let review = report.discrepancies
        if !review.isEmpty {
            out += "  survey and crawl differ (\(review.count) to review):\n"
            for item in review { out += "    ! \(Self.text(item))\n" }
        }
        if let id = report.submissionID { out += "  recorded as submission #\(id)\n" }
        return out
    }

    /// One field where the crawl and the survey differ: both values with their sources, and
    /// which value the computation uses.
    static func text(_ item: FieldComparison) -> String {
        let bound = item.precedence.crawlValue == .exact ? "" : ", a \(item.precedence.crawlValue == .lowerBound ? "lower" : "upper") bound"
        let survey = item.survey.map { "survey \(number($0.value)) (\($0.location))" } ?? "no survey answer"
        var line = "\(item.field): \(survey) · crawl \(number(item.crawl.value))\(bound) (\(item.crawl.location))"
        switch (item.status, item.used.source) {
        case (.fillsMissingAnswer, _): line += " — the crawl's value fills the missing answer"
        case (_, .crawl): line += " — the crawl counts: the value used changes from \(item.survey.map { number($0.value) } ?? "none") to \(number(item.crawl.value))"
        case (_, .survey): line += " — the survey answer counts"
        }
        return line
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4g", value)
    }

    /// The crawl reports as JSON, written by the shared deterministic writer.
    static func json(_ reports: [PortalAuditor.Report], period: Int) -> String {
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
                ("stopped_by", text(report.crawl.stoppedBy.flatMap { $0.isBudget ? $0.rawValue : nil })),
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
                ("discrepancies", .array(report.discrepancies.map { d in
                    func value(_ v: SourcedValue?) -> JSONValue {
                        v.map { .object([("value", .number($0.value)), ("source", .string($0.source.rawValue)), ("location", .string($0.location))]) } ?? .null
                    }
                    return .object([
                        ("field", .string(d.field)),
                        ("status", .string(d.status.rawValue)),
                        ("survey", value(d.survey)),
                        ("crawl", value(d.crawl)),
                        ("crawl_value", .string(d.precedence.crawlValue.rawValue)),
                        ("tolerance", .number(d.precedence.tolerance)),
                        ("counts", .string(d.precedence.counts.rawValue)),
                        ("used", .number(d.used.value)),
                        ("changes_survey_answer", .bool(d.changesSurveyAnswer)),
                    ])
                })),
            ])
        }
        return JSONValue.array(items).rendered()
    }
}
