import Foundation
import IndexCore
import IndexStore

/// Everything a crawl of one portal gathered, ready to be evaluated: the pages folded into a
/// ``SiteSummary`` as they arrived, and the site-wide checks.
public struct SiteSnapshot: Sendable {
    /// The URL the crawl started from (its host is the site's).
    public var seed: URL
    /// The pages, folded in as they arrived.
    public var summary: SiteSummary
    /// Response headers of the home page (lower-case names).
    public var homeHeaders: [String: String]
    /// Whether `http://host/` redirected to https (nil when not checked).
    public var httpRedirectsToHTTPS: Bool?
    /// The status of `/sitemap.xml` (nil when not fetched).
    public var sitemapStatus: Int?
    /// What the crawl ran into (`crawl.*` findings).
    public var crawlFindings: [Finding]

    /// A snapshot of these parts, as the crawler gathers them.
    public init(seed: URL, summary: SiteSummary, homeHeaders: [String: String] = [:], httpRedirectsToHTTPS: Bool? = nil, sitemapStatus: Int? = nil, crawlFindings: [Finding] = []) {
        self.seed = seed
        self.summary = summary
        self.homeHeaders = homeHeaders
        self.httpRedirectsToHTTPS = httpRedirectsToHTTPS
        self.sitemapStatus = sitemapStatus
        self.crawlFindings = crawlFindings
    }
}

/// A methodology field's value derived from a crawl, with its evidence.
public struct FieldObservation: Sendable, Hashable {
    /// The methodology field, e.g. `portal_https`.
    public var field: String
    /// The value derived, in the field's unit.
    public var value: Double
    /// The page that best shows it.
    public var url: String
    /// The checks it comes from (`item.news`, `tech.https`…).
    public var checks: [String]
    /// How the value stands beside the unit's survey answer (from the checklist's mapping).
    public var precedence: FieldPrecedence
    /// Where the value came from, as stored in the observation's location: "URL [checks]".
    public var location: String { "\(url) [\(checks.count > 4 ? "\(checks.prefix(4).joined(separator: ", ")), … \(checks.count) checks" : checks.joined(separator: ", "))]" }
}

/// The result of evaluating a crawl against a checklist.
public struct Evaluation: Sendable {
    /// The id of the checklist evaluated against.
    public var checklist: String
    /// Every finding: checklist items, technical, accessibility, content and service checks, and
    /// what the crawl ran into.
    public var findings: [Finding]
    /// The methodology fields the checklist maps, with their values.
    public var observations: [FieldObservation]

    /// The finding of the check with the given id, if it was made.
    public func finding(_ check: String) -> Finding? { findings.first { $0.check == check } }
}

/// Evaluates a ``SiteSnapshot`` against a ``Checklist``: each item's signals over every page,
/// the technical and accessibility checks, the online-service counts, and the mapping to fields.
public enum Evaluator {
    static let structures: Set<String> = ["document_numbers", "search_form", "rss", "sitemap", "service_list", "viewport", "accessibility", "foreign_language"]
    static let measures: Set<String> = ["freshness_days", "services_level3", "services_level4", "procedures_total", "level4_ratio"]

    /// Evaluates the crawl summarised in `site`. The items of `checklist` must be those the crawl
    /// looked for (``SiteSummary/init(seed:checklist:)``); an item it did not look for is
    /// reported as not evaluated.
    public static func evaluate(_ site: SiteSnapshot, checklist: Checklist, asOf today: Day) -> Evaluation {
        var findings: [Finding] = []
        let summary = site.summary
        let home = summary.home
        let homeURL = home?.url ?? site.seed.absoluteString

        // Technical and accessibility checks first: some items (accessibility) use them.
        var technical: [Finding] = []
        let https = (summary.firstFinalURL ?? site.seed.absoluteString).hasPrefix("https://")
        technical.append(Finding(check: "tech.https", passed: https, url: summary.firstFinalURL ?? homeURL, snippet: https ? "served over HTTPS" : "served over plain HTTP"))
        if let redirect = site.httpRedirectsToHTTPS {
            var http = URLComponents(url: site.seed, resolvingAgainstBaseURL: false)
            http?.scheme = "http"
            http?.path = "/"
            technical.append(Finding(check: "tech.http-redirect", passed: redirect, url: http?.url?.absoluteString ?? site.seed.absoluteString, snippet: redirect ? "http:// redirects to https://" : "http:// does not redirect to https://"))
        }
        let hsts = site.homeHeaders["strict-transport-security"]
        technical.append(Finding(check: "tech.hsts", passed: https && hsts != nil, url: homeURL, snippet: hsts.map { "Strict-Transport-Security: \($0)" } ?? "no Strict-Transport-Security header"))
        let host = site.seed.host ?? ""
        technical.append(Finding(check: "tech.gov-domain", passed: host.hasSuffix(".gov.vn") || host == "gov.vn", url: homeURL, snippet: host))
        technical.append(Finding(check: "tech.sitemap-xml", passed: site.sitemapStatus.map { (200..<300).contains($0) } ?? false, url: site.seed.appendingPathComponent("sitemap.xml").absoluteString,
                                 snippet: site.sitemapStatus.map { "HTTP \($0)" } ?? "not fetched"))
        let latencies = summary.latencies.sorted()
        let median = latencies.isEmpty ? nil : latencies[latencies.count / 2]
        let maxLatency = checklist.parameters["response_time_max_seconds"] ?? 2
        technical.append(Finding(check: "tech.response-time", passed: median.map { $0 <= maxLatency } ?? false, url: homeURL,
                                 snippet: median.map { String(format: "median %.3f s over %d responses", $0, latencies.count) } ?? "no response", value: median))
        technical.append(Finding(check: "tech.broken-links", passed: summary.brokenLinks == 0, url: summary.firstBrokenLink ?? homeURL,
                                 snippet: summary.brokenLinks == 0 ? "no broken internal link among \(summary.pages) fetched" : "\(summary.brokenLinks) internal links answer 4xx/5xx", value: Double(summary.brokenLinks)))

        let htmlPages = summary.htmlPages
        var pageChecks: [Finding] = []
        for (index, check) in SiteSummary.pageChecks.enumerated() {
            let result = summary.pageChecks[index]
            pageChecks.append(Finding(check: check.id, passed: result.failing == 0 && htmlPages > 0, url: result.first?.url ?? homeURL,
                                      snippet: result.first?.snippet ?? check.ok, value: htmlPages == 0 ? nil : Double(htmlPages - result.failing) / Double(htmlPages)))
        }
        technical.append(Finding(check: "a11y.lang", passed: !(home?.lang ?? "").isEmpty, url: homeURL, snippet: home?.lang.map { "<html lang=\"\($0)\">" } ?? "no lang attribute"))
        technical += pageChecks.prefix(4)
        let viewport = home?.viewport
        let zoomLocked = viewport.map { v in
            let folded = v.lowercased().replacingOccurrences(of: " ", with: "")
            return folded.contains("user-scalable=no") || folded.contains("user-scalable=0") || folded.contains("maximum-scale=1,") || folded.hasSuffix("maximum-scale=1") || folded.contains("maximum-scale=1.0")
        } ?? false
        technical.append(Finding(check: "a11y.viewport", passed: viewport != nil && !zoomLocked, url: homeURL,
                                 snippet: viewport.map { zoomLocked ? "viewport locks zoom: \($0)" : "viewport: \($0)" } ?? "no viewport meta"))
        technical += pageChecks.dropFirst(4)

        // Freshness: the age of the newest dated article.
        let newest = summary.newest
        let freshnessDays = newest.map { Double(max(0, PageFacts.days(from: $0.day, to: today))) }
        let freshnessMax = checklist.parameters["freshness_max_days"] ?? 30
        technical.append(Finding(check: "content.freshness", passed: freshnessDays.map { $0 <= freshnessMax } ?? false, url: newest?.url ?? homeURL,
                                 snippet: newest.map { "newest dated item \($0.day.description)" } ?? "no dated item found", value: freshnessDays))
        // Legacy font encodings and JavaScript-only shells.
        if let legacy = summary.legacyEncoding {
            technical.append(Finding(check: "content.unicode", passed: false, url: legacy.url, snippet: "legacy font encoding \(legacy.encoding.rawValue)"))
        } else if htmlPages > 0 {
            technical.append(Finding(check: "content.unicode", passed: true, url: homeURL, snippet: "Unicode text"))
        }
        if let home, home.textLength < 200, home.scripts > 0, home.links < 3 {
            technical.append(Finding(check: "content.static-html", passed: false, url: home.url, snippet: "the page is a JavaScript shell: \(home.textLength) characters of text, \(home.scripts) scripts"))
        } else if home != nil {
            technical.append(Finding(check: "content.static-html", passed: true, url: homeURL, snippet: "content present without JavaScript"))
        }
        if let bad = summary.charsetProblem {
            technical.append(Finding(check: "content.charset", passed: false, url: bad.url, snippet: bad.snippet))
        } else if htmlPages > 0 {
            technical.append(Finding(check: "content.charset", passed: true, url: homeURL, snippet: "charset declared and consistent"))
        }

        // Online services.
        let rows = summary.serviceRows
        let levels = rows.values.map(\.level)
        let level4 = Double(levels.filter { $0 == "4" || $0 == "full" }.count)
        let level3 = Double(levels.filter { $0 == "3" || $0 == "partial" }.count)
        let procedures = Double(levels.count)
        let servicesURL = rows.values.map(\.url).min()
        var measures: [String: (Double, String)] = [:]
        if let freshnessDays, let newest { measures["freshness_days"] = (freshnessDays, newest.url) }
        if procedures > 0, let servicesURL {
            measures["services_level3"] = (level3, servicesURL)
            measures["services_level4"] = (level4, servicesURL)
            measures["procedures_total"] = (procedures, servicesURL)
            measures["level4_ratio"] = (level4 / procedures, servicesURL)
            technical.append(Finding(check: "services.count", passed: true, url: servicesURL,
                                     snippet: "\(Int(procedures)) services listed: \(Int(level4)) level 4 / full online, \(Int(level3)) level 3 / partial", value: procedures))
            technical.append(Finding(check: "services.level4-ratio", passed: level4 / procedures >= 0.3, url: servicesURL,
                                     snippet: String(format: "level-4 (full online) ratio %.3f", level4 / procedures), value: level4 / procedures))
        }

        // Checklist items.
        let technicalByID = Dictionary(technical.map { ($0.check, $0) }, uniquingKeysWith: { a, _ in a })
        for item in checklist.items {
            findings.append(match(item, site: site, technical: technicalByID))
        }
        findings += technical
        findings += site.crawlFindings

        // Fields.
        var observations: [FieldObservation] = []
        let byCheck = Dictionary(findings.map { ($0.check, $0) }, uniquingKeysWith: { a, _ in a })
        for mapping in checklist.fields {
            let field = mapping.field, precedence = mapping.precedence
            switch mapping.source {
            case .countGroup(let group, let max):
                let items = checklist.items.filter { $0.group == group }
                let found = items.filter { byCheck["item.\($0.id)"]?.passed == true }
                let value = Swift.min(Double(found.count), max ?? .infinity)
                observations.append(FieldObservation(field: field, value: value, url: homeURL, checks: found.map { "item.\($0.id)" }.isEmpty ? ["\(group): none found"] : found.map { "item.\($0.id)" }, precedence: precedence))
            case .item(let id):
                let finding = byCheck["item.\(id)"]
                observations.append(FieldObservation(field: field, value: finding?.passed == true ? 1 : 0, url: finding?.url ?? homeURL, checks: ["item.\(id)"], precedence: precedence))
            case .check(let id):
                guard let finding = byCheck[id] else { continue }
                observations.append(FieldObservation(field: field, value: finding.passed ? 1 : 0, url: finding.url ?? homeURL, checks: [id], precedence: precedence))
            case .measure(let name):
                guard let (value, url) = measures[name] else { continue }
                observations.append(FieldObservation(field: field, value: value, url: url, checks: [name == "freshness_days" ? "content.freshness" : "services.count"], precedence: precedence))
            }
        }
        return Evaluation(checklist: checklist.id, findings: findings, observations: observations)
    }

    /// An item's finding: the first link or heading that matched one of its signals during the
    /// crawl, else the first of its structures that is present.
    static func match(_ item: Checklist.Item, site: SiteSnapshot, technical: [String: Finding]) -> Finding {
        let check = "item.\(item.id)"
        let summary = site.summary
        guard let looked = summary.evidence(for: item) else {
            return Finding(check: check, passed: false, url: site.seed.absoluteString, snippet: notEvaluatedSnippet)
        }
        if let evidence = looked { return Finding(check: check, passed: true, url: evidence.url, snippet: evidence.snippet) }
        for structure in item.structures {
            switch structure {
            case "document_numbers":
                if let list = summary.documentList { return Finding(check: check, passed: true, url: list.url, snippet: list.snippet, value: list.value) }
            case "search_form":
                if let url = summary.searchForm { return Finding(check: check, passed: true, url: url, snippet: "search form") }
            case "rss":
                if let url = summary.rss { return Finding(check: check, passed: true, url: url, snippet: "<link type=application/rss+xml>") }
            case "sitemap":
                if technical["tech.sitemap-xml"]?.passed == true { return Finding(check: check, passed: true, url: technical["tech.sitemap-xml"]?.url, snippet: "sitemap.xml") }
            case "service_list":
                if let finding = technical["services.count"] { return Finding(check: check, passed: true, url: finding.url, snippet: finding.snippet) }
            case "viewport":
                if technical["a11y.viewport"]?.passed == true { return Finding(check: check, passed: true, url: technical["a11y.viewport"]?.url, snippet: technical["a11y.viewport"]?.snippet) }
            case "accessibility":
                // A page that shows nothing without JavaScript is not accessible, whatever its markup.
                let ids = ["a11y.lang", "a11y.img-alt", "a11y.form-labels", "a11y.viewport", "content.static-html"]
                if ids.allSatisfy({ technical[$0]?.passed == true }) { return Finding(check: check, passed: true, url: technical["a11y.lang"]?.url, snippet: "passes " + ids.joined(separator: ", ")) }
            case "foreign_language":
                if let page = summary.englishPage { return Finding(check: check, passed: true, url: page.url, snippet: page.snippet) }
            default:
                break
            }
        }
        return Finding(check: check, passed: false, url: site.seed.absoluteString, snippet: notFoundSnippet(pages: summary.htmlPages))
    }

    /// The evidence of an item not found: the number of HTML pages searched, in a fixed English
    /// form stored with the finding (read back by ``pagesSearched(notFound:)``).
    static func notFoundSnippet(pages: Int) -> String { "not found on \(pages) pages" }

    /// The evidence of an item the crawl looked for under another checklist.
    public static let notEvaluatedSnippet = "not evaluated: the crawl looked for the items of another checklist"

    /// The number of pages an item was searched on, when `snippet` is a not-found evidence
    /// (``notFoundSnippet(pages:)``); `nil` for any other evidence.
    public static func pagesSearched(notFound snippet: String?) -> Int? {
        guard let snippet, snippet.hasPrefix("not found on "), snippet.hasSuffix(" pages") else { return nil }
        return Int(snippet.dropFirst("not found on ".count).dropLast(" pages".count))
    }
}
