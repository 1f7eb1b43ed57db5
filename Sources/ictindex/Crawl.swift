import ArgumentParser
import Foundation
import IndexCore
import IndexStore
import PortalAudit
import Season

struct Crawl: AsyncParsableCommand {
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

    @Option(help: "The checklist directory (default: the bundled checklists).")
    var checklists: String?

    @Option(help: "The unit registry when there is no workspace (default: the bundled one).")
    var registry: String?

    @Option(help: "Output: text or json.")
    var format: Format = .text

    func run() async throws {
        let target: CrawlRequest.Target
        switch (all, unit, url) {
        case (true, nil, nil): target = .all
        case (true, _, _): throw ValidationError("--all takes no URL and no --unit")
        case (false, let unit?, nil): target = .unit(unit)
        case (false, let unit, let url?): target = .url(url, unit: unit)
        case (false, nil, nil): throw ValidationError("give a URL, --unit or --all")
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
        case .text: for report in reports { print(CrawlFormatter.text(report, period: year), terminator: "") }
        case .json: print(CrawlFormatter.json(reports, period: year))
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
