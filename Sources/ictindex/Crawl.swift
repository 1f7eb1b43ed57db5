import ArgumentParser
import Foundation
import IndexCore
import IndexStore
import PortalAudit
import Season

struct Crawl: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Crawl government portals, check them against the legal checklist and record the portal and online-service fields.",
        discussion: """
        Give a URL (with --unit to record it for a unit), a unit (its portal from the registry), or --all. \
        Respects robots.txt (RFC 9309), crawls politely (per-host concurrency and delay, AutoThrottle, \
        Retry-After) within budgets, and evaluates the checklist in force for the period \
        (Indicators/portal/: NĐ 42/2022 from 15/08/2022, NĐ 43/2011 before). With a workspace, the crawl \
        state is kept there (an interrupted crawl continues), findings are stored, and the fields become \
        observations (source 'crawl') that compute and explain use. See docs/portal-audit.md.

        Examples:
          ictindex crawl https://hanoi.gov.vn --unit ha-noi --workspace ws
          ictindex crawl --all --workspace ws --max-pages 200
          ictindex crawl --all --workspace ws --fail-under 0.8 --lang en
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var languageOption: LanguageOption

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

    @Option(help: "The checklist directory (default: the bundled checklists).")
    var checklists: String?

    @Option(help: "The unit registry when there is no workspace (default: the bundled one).")
    var registry: String?

    @Option(help: "Output: text or json.")
    var format: Format = .text

    @Option(help: "For CI: exit 3 when a portal passes less than this share of the checklist's items (0–1, e.g. 0.8).")
    var failUnder: Double?

    func run() async throws {
        if let failUnder, !(0...1).contains(failUnder) { throw SeasonError.usage(.failUnderOutOfRange(failUnder)) }
        let target: CrawlRequest.Target
        switch (all, unit, url) {
        case (true, nil, nil): target = .all
        case (true, _, _): throw SeasonError.usage(.allTakesNoURL)
        case (false, let unit?, nil): target = .unit(unit)
        case (false, let unit, let url?): target = .url(url, unit: unit)
        case (false, nil, nil): throw SeasonError.usage(.giveURLUnitOrAll)
        }
        // Without --workspace, the current directory's workspace if it holds one.
        let workspace = self.workspace ?? (FileManager.default.fileExists(atPath: Workspace.configFileName) ? "." : nil)
        let year = period ?? Calendar(identifier: .gregorian).component(.year, from: Date())
        let request = CrawlRequest(target: target, workspace: workspace, period: year, today: try parseDay(asOf, option: "--as-of") ?? Self.today(),
                                   settings: settings, checklists: checklists, registry: registry,
                                   maxRequests: maxRequests, maxConnections: maxConnections)
        // One line per host on a terminal; plain start, finish and periodic lines in CI logs.
        let printer = CrawlProgressPrinter(interactive: isatty(STDERR_FILENO) == 1) { FileHandle.standardError.write(Data($0.utf8)) }
        let reports = try await season.crawl(request, events: printer.handle)
        printer.finish()
        switch format {
        case .text:
            let used = try season.checklists(path: checklists)
            for report in reports { print(CrawlFormatter.text(report, period: year, language: lang, checklists: used), terminator: "") }
        case .json: print(CrawlFormatter.json(reports, period: year))
        }
        // For CI: a portal below the required share of checklist items fails the run (exit 3).
        if let failUnder {
            let failing = reports.filter { !$0.passes(atLeast: failUnder) }
            for report in failing {
                let total = report.checklistTotal
                FileHandle.standardError.write(Data((Message.crawlBelowRequiredShare(unit: report.unitID ?? report.seed.absoluteString, passed: total.passed, total: total.total, required: failUnder).text(in: lang) + "\n").utf8))
            }
            if !failing.isEmpty { throw ExitCode(3) }
        }
    }

    var settings: CrawlSettings {
        var settings = CrawlSettings()
        settings.maxPages = maxPages
        settings.maxDepth = depth
        settings.concurrency = max(1, concurrency)
        settings.delay = max(0, delay)
        settings.maxSeconds = maxSeconds
        settings.maxBytes = maxMegabytes * 1024 * 1024
        settings.fetch.totalTimeout = timeout
        return settings
    }

    static func today() -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return Day(year: c.year!, month: c.month!, day: c.day!)
    }
}
