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
        /// One URL; with a unit id, its findings are recorded as that unit's.
        case url(String, unit: String?)
        /// The registered portal of the unit with this id (or name).
        case unit(String)
        /// The portal of every unit of the registry valid in the period.
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
    /// Requests in flight across all portals at most (PortalAudit's `MultiSiteCrawl.maxRequests`).
    public var maxRequests: Int
    /// Connections open across all portals at most (PortalAudit's `MultiSiteCrawl.maxConnections`).
    public var maxConnections: Int

    /// A request with default budgets, the bundled checklists and registry, and no workspace.
    public init(target: Target, workspace: String? = nil, period: Int, today: Day, settings: CrawlSettings = CrawlSettings(), checklists: String? = nil, registry: String? = nil,
                maxRequests: Int = 32, maxConnections: Int = 128) {
        self.target = target
        self.workspace = workspace
        self.period = period
        self.today = today
        self.settings = settings
        self.checklists = checklists
        self.registry = registry
        self.maxRequests = maxRequests
        self.maxConnections = maxConnections
    }
}

extension SeasonService {
    /// Crawls the portals — different hosts in parallel under the request's global limits, each
    /// host as politely as alone — and evaluates each against the checklist in force for the
    /// period; with a workspace, the state, findings and observations are stored, and a field
    /// where the crawl and the survey differ is kept with both values (see
    /// `PortalAuditor.Report.discrepancies`). Reports come back in the order of the targets.
    /// - Parameters:
    ///   - request: which portals, the workspace, the period, budgets and global limits.
    ///   - events: called as each portal starts, progresses and finishes (progress output).
    public func crawl(_ request: CrawlRequest, events: (@Sendable (MultiSiteCrawl.Event) -> Void)? = nil) async throws(SeasonError) -> [PortalAuditor.Report] {
        let checklists = try self.checklists(path: request.checklists)
        let workspace = try request.workspace.map { path throws(SeasonError) in try openWorkspace(path) }
        let units = try registry(workspace: workspace, path: request.registry)
        let targets = try crawlTargets(request, units: units).map { MultiSiteCrawl.Target(unitID: $0.unit, seed: $0.url) }
        let crawl = MultiSiteCrawl(settings: request.settings, checklists: checklists, maxRequests: request.maxRequests, maxConnections: request.maxConnections)
        let store = workspace?.store
        return try await SeasonError.capture {
            try await crawl.run(targets, period: request.period, today: request.today, store: store, events: events)
        }
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
                throw .usage(.unitHasNoPortal(found.id))
            }
            return [(found.id, url)]
        case .url(let address, let unit):
            if let unit {
                let found = try SeasonError.capture { try units.resolve(unit, on: endOfYear) }
                guard let url = URL(string: address), url.scheme?.hasPrefix("http") == true else {
                    throw .usage(.unitHasNoPortal(found.id))
                }
                return [(found.id, url)]
            }
            guard let url = URL(string: address), url.scheme?.hasPrefix("http") == true else { throw .usage(.notAnHTTPURL(address)) }
            return [(nil, url)]
        }
    }
}

extension PortalAuditor.Report {
    /// The checklist's items (`item.*` findings) that passed, out of all of them.
    public var checklistTotal: (passed: Int, total: Int) {
        let items = evaluation.findings.filter { $0.check.hasPrefix("item.") }
        return (items.filter(\.passed).count, items.count)
    }

    /// Whether at least `share` (0–1) of the checklist's items passed; a report without items passes.
    public func passes(atLeast share: Double) -> Bool {
        let total = checklistTotal
        return total.total == 0 || Double(total.passed) >= share * Double(total.total) - 1e-9
    }
}

/// Crawl reports as text or JSON.
public enum CrawlFormatter {
    /// One site in `language`: pages, the budget that stopped it, the checklist's items by
    /// their names in the checklist (`checklists`: the checklists the crawl used) with a
    /// pass/fail total, the technical checks, the fields it gives, and every field where the
    /// crawl and the survey differ. Evidence (a link text, a header) is quoted as found.
    public static func text(_ report: PortalAuditor.Report, period: Int, language: Language = .en, checklists: [Checklist] = []) -> String {
        let p = report.crawl.progress
        var out = Message.crawlHeading(unit: report.unitID, url: report.seed.absoluteString, period: period, checklist: report.evaluation.checklist).text(in: language) + "\n"
        out += Message.crawlProgress(pages: p.pages, errors: p.errors, megabytes: Double(p.bytes) / 1_048_576, seconds: p.seconds, rate: p.rate).text(in: language)
        if let stop = report.crawl.stoppedBy, stop.isBudget { out += Message.crawlStoppedByBudget(stop.rawValue).text(in: language) }
        if report.crawl.interrupted { out += Message.crawlInterrupted.text(in: language) }
        out += "\n"
        let items = checklists.first { $0.id == report.evaluation.checklist }.map { Dictionary($0.items.map { ("item.\($0.id)", $0) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
        let total = report.checklistTotal
        let reasons = FailReasons(report)
        if total.total > 0 {
            let unchecked = report.evaluation.findings.filter { $0.check.hasPrefix("item.") && reasons.needsJavaScript(finding: $0) }.count
            out += (unchecked == 0 ? Message.checklistTotal(passed: total.passed, total: total.total)
                                   : Message.checklistTotalWithUnchecked(passed: total.passed, total: total.total, unchecked: unchecked)).text(in: language) + "\n"
        }
        func line(_ finding: Finding, name: String) -> String {
            var text = "  \(finding.passed ? "✓" : "✗") \(name)"
            if let reason = reasons.reason(for: finding) { text += ": " + reason.text(in: language) }
            else if let snippet = finding.snippet { text += ": \(snippet)" } else if !finding.passed { text += ": " + Message.itemNotFound.text(in: language) }
            if let url = finding.url { text += "  <\(url)>" }
            return text + "\n"
        }
        let checklistFindings = report.evaluation.findings.filter { $0.check.hasPrefix("item.") }
        for finding in checklistFindings {
            let item = items[finding.check]
            // The item by its label in the decree's words and the article it comes from.
            let name = (item?.label[language] ?? finding.check) + (item?.article.map { " (\($0))" } ?? "")
            out += line(finding, name: name)
        }
        let others = report.evaluation.findings.filter { !$0.check.hasPrefix("item.") }
        if !others.isEmpty && !checklistFindings.isEmpty { out += Message.technicalChecksHeading.text(in: language) + "\n" }
        for finding in others { out += line(finding, name: Message.checkName(finding.check)?.text(in: language) ?? finding.check) }
        out += Message.crawlFieldsHeading.text(in: language) + "\n"
        for observation in report.evaluation.observations {
            out += "    \(observation.field) = \(Self.number(observation.value))  (\(observation.location))\n"
        }
        let review = report.discrepancies
        if !review.isEmpty {
            out += Message.surveyCrawlDiffer(review.count).text(in: language) + "\n"
            for item in review { out += "    ! \(Self.text(item, language: language))\n" }
        }
        if let id = report.submissionID { out += Message.recordedAsSubmission(id).text(in: language) + "\n" }
        return out
    }

    /// One field where the crawl and the survey differ, in `language`: both values with their
    /// sources, and which value the computation uses.
    public static func text(_ item: FieldComparison, language: Language = .en) -> String {
        let bound: Bool? = item.precedence.crawlValue == .exact ? nil : item.precedence.crawlValue == .lowerBound
        let survey: Message = item.survey.map { .comparisonSurvey(value: number($0.value), location: $0.location) } ?? .comparisonNoSurvey
        var line = Message.comparisonLine(field: item.field, survey: survey, crawl: number(item.crawl.value), lowerBound: bound, location: item.crawl.location)
        switch (item.status, item.used.source) {
        case (.fillsMissingAnswer, _): line = line.appending(.crawlFillsMissing, separator: "")
        case (_, .crawl): line = line.appending(.crawlCounts(from: item.survey.map { number($0.value) }, to: number(item.crawl.value)), separator: "")
        case (_, .survey): line = line.appending(.surveyCounts, separator: "")
        }
        return line.text(in: language)
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

/// Why a check failed, in words of the command's language, from the finding's check id and its
/// stored evidence: "HSTS: trang không được phục vụ qua HTTPS", and for a checklist item on a site
/// whose pages need JavaScript "không kiểm tra được (trang cần JavaScript)" rather than "not found".
/// `nil` where the evidence itself is the reason (a header or a value as found, quoted as is).
struct FailReasons {
    /// Whether the site is served over HTTPS, and whether its home page is a JavaScript shell.
    let https: Bool?, javaScriptShell: Bool

    init(_ report: PortalAuditor.Report) {
        let findings = Dictionary(report.evaluation.findings.map { ($0.check, $0) }, uniquingKeysWith: { a, _ in a })
        https = findings["tech.https"]?.passed
        javaScriptShell = findings["content.static-html"]?.passed == false
    }

    /// Whether an item was not found because the pages show nothing without JavaScript.
    func needsJavaScript(finding: Finding) -> Bool {
        !finding.passed && javaScriptShell && Evaluator.pagesSearched(notFound: finding.snippet) != nil
    }

    func reason(for finding: Finding) -> Message? {
        guard !finding.passed else { return nil }
        if finding.check.hasPrefix("item.") {
            if finding.snippet == Evaluator.notEvaluatedSnippet { return .itemNotEvaluated }
            guard let pages = Evaluator.pagesSearched(notFound: finding.snippet) else { return nil }
            return javaScriptShell ? .itemNeedsJavaScript : .itemNotFoundOnPages(pages)
        }
        switch finding.check {
        case "tech.https": return .failPlainHTTP
        case "tech.http-redirect": return .failNoHTTPSRedirect
        case "tech.hsts": return https == false ? .failHSTSWithoutHTTPS : .failNoHSTSHeader
        case "a11y.lang" where finding.snippet == "no lang attribute": return .failNoLang
        case "a11y.viewport" where finding.snippet == "no viewport meta": return .failNoViewport
        case "content.static-html": return .failJavaScriptShell
        case "content.freshness" where finding.snippet == "no dated item found": return .failNoDatedItem
        case "tech.sitemap-xml" where finding.snippet == "not fetched": return .failSitemapNotFetched
        case "tech.response-time" where finding.snippet == "no response": return .failNoResponse
        default: return nil
        }
    }
}
