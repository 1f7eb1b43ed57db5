// The crawl benchmark (Benchmarks/run-crawl-bench.sh): a generated 5,000-page site of
// Vietnamese government-portal pages served on 127.0.0.1, crawled with politeness off.
//
//   ictindex-crawl-bench serve [--port P] [--pages N]     serve the site until killed
//   ictindex-crawl-bench crawl URL [--concurrency C] [--pages N] [--checklists DIR]
//                                                          crawl it, looking for the items of the
//                                                          2019 checklist on every page, evaluate
//                                                          it; print one JSON line
//   ictindex-crawl-bench write DIR [--pages N]            write the pages as files (for xmllint)
//   ictindex-crawl-bench parse DIR [--repeat R]           parse every file with libxml2 + facts
//   ictindex-crawl-bench serve-sites [--sites S] [--pages N] [--port P]
//                                                          serve S sites of N pages, one on each of
//                                                          127.0.0.2 … 127.0.0.(S+1), port P
//   ictindex-crawl-bench crawl-sites [--sites S] [--first F] [--pages N] [--port P] [--delay-ms D]
//                                    [--max-requests R] [--max-connections C]
//                                                          audit sites F … F+S−1 of them as
//                                                          `crawl --all` does (MultiSiteCrawl, polite:
//                                                          D ms per host); print one JSON line
import Foundation
import IndexCore
import PortalAudit
import PortalAuditFixtures

func option(_ name: String, _ fallback: Int) -> Int {
    let arguments = CommandLine.arguments
    if let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) { return value }
    return fallback
}

/// Page `i` of the site: a portal page with a menu, a news list, a table of documents, and
/// links to its children (a tree with fan-out 8) and neighbours.
func sitePage(_ i: Int, pages: Int) -> Data {
    var html = """
    <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Trang \(i) — Cổng thông tin điện tử tỉnh Thừa Thiên Huế</title></head><body>
    <nav><ul><li><a href="/p/0">Trang chủ</a></li><li><a href="/p/1">Giới thiệu</a></li><li><a href="/p/2">Tin tức - Sự kiện</a></li>
    <li><a href="/p/3">Văn bản quy phạm pháp luật</a></li><li><a href="/p/4">Dịch vụ công trực tuyến</a></li><li><a href="/p/5">Hỏi đáp</a></li></ul></nav>
    <h1>Bài viết số \(i): Hội nghị triển khai chuyển đổi số năm 2019</h1>
    """
    for paragraph in 0..<8 {
        html += "<p>Ngày \(1 + (i + paragraph) % 28)/\(1 + i % 12)/2019, Ủy ban nhân dân tỉnh tổ chức hội nghị về ứng dụng công nghệ thông tin trong cơ quan nhà nước, "
        html += "triển khai Nghị định số 61/2018/NĐ-CP và Quyết định 12/2019/QĐ-UBND; đoạn \(paragraph) của bài \(i).</p>\n"
    }
    html += "<table><tr><th>Số hiệu</th><th>Trích yếu</th><th>Mức độ</th></tr>"
    for row in 0..<6 { html += "<tr><td>\(row + i % 90)/2019/QĐ-UBND</td><td>Thủ tục hành chính số \(row)</td><td>Mức độ \(1 + row % 4)</td></tr>" }
    html += "</table><ul>"
    for child in 1...8 where i * 8 + child < pages { html += "<li><a href=\"/p/\(i * 8 + child)\">Bài viết \(i * 8 + child)</a></li>" }
    html += "<li><a href=\"/p/\((i + 1) % pages)\">Bài tiếp theo</a></li><li><a href=\"/p/\(max(0, i - 1))\">Bài trước</a></li></ul>"
    html += "<footer><img src=\"/logo.png\" alt=\"Logo\"><p>Bản quyền © UBND tỉnh. Địa chỉ: 16 Lê Lợi, Huế.</p></footer></body></html>\n"
    return Data(html.utf8)
}

func peakRSSKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first { !$0.isEmpty } ?? "0") ?? 0
    }
    return 0
}

let arguments = CommandLine.arguments
let mode = arguments.count > 1 ? arguments[1] : "help"
let pages = option("--pages", 5_000)

switch mode {
case "serve":
    let site = (0..<pages).map { sitePage($0, pages: pages) }
    let server = try await FixtureServer(port: option("--port", 8790)) { path, _ in
        if path == "/robots.txt" { return .ok("User-agent: *\nDisallow: /admin/\n", type: "text/plain") }
        if path.hasPrefix("/p/"), let n = Int(path.dropFirst(3)), n < site.count {
            return .response(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: site[n])
        }
        return .status(404)
    }
    FileHandle.standardOutput.write(Data("serving \(pages) pages on http://127.0.0.1:\(server.port)/p/0\n".utf8))
    while true { try await Task.sleep(nanoseconds: 3_600_000_000_000) }
case "crawl":
    guard arguments.count > 2, let url = URL(string: arguments[2]) else { print("usage: crawl URL"); exit(2) }
    var settings = CrawlSettings.impolite(concurrency: option("--concurrency", 16))
    settings.maxPages = pages + 10
    settings.maxDepth = 1_000
    settings.maxPerShape = 1_000_000
    let today = Day(year: 2019, month: 12, day: 31)
    let directory = arguments.firstIndex(of: "--checklists").map { arguments[$0 + 1] } ?? "Indicators/portal"
    guard let checklist = Checklist.forPeriod(2019, among: try Checklist.loadAll(from: URL(fileURLWithPath: directory))) else { print("no checklist in \(directory)"); exit(1) }
    let crawler = Crawler(settings: settings, today: today)
    let start = Date()
    // The whole audit: the crawl looks for the checklist's items on every page as it goes, then
    // the evaluation.
    let result = await crawler.crawl(url, checklist: checklist)
    let evaluation = Evaluator.evaluate(result.site, checklist: checklist, asOf: today)
    let seconds = Date().timeIntervalSince(start)
    await crawler.shutdown()
    let found = evaluation.findings.filter { $0.check.hasPrefix("item.") && $0.passed }.count
    print("{\"tool\": \"ictindex\", \"pages\": \(result.progress.pages), \"html_parsed\": \(result.site.summary.htmlPages), \"items_found\": \(found), \"errors\": \(result.progress.errors), "
        + "\"seconds\": \(String(format: "%.3f", seconds)), \"pages_per_second\": \(String(format: "%.1f", Double(result.progress.pages) / seconds)), "
        + "\"peak_rss_kb\": \(peakRSSKilobytes()), \"peak_buffer_bytes\": \(result.peakBytesHeld)}")
case "write":
    guard arguments.count > 2 else { print("usage: write DIR"); exit(2) }
    let directory = URL(fileURLWithPath: arguments[2])
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for i in 0..<pages { try sitePage(i, pages: pages).write(to: directory.appendingPathComponent(String(format: "p%05d.html", i))) }
    print("wrote \(pages) pages to \(directory.path)")
case "parse":
    guard arguments.count > 2 else { print("usage: parse DIR"); exit(2) }
    let directory = URL(fileURLWithPath: arguments[2])
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".html") }.sorted()
    let bodies = try files.map { try Data(contentsOf: directory.appendingPathComponent($0)) }
    let bytes = bodies.reduce(0) { $0 + $1.count }
    let repeats = option("--repeat", 1)
    // Parse only (libxml2 tree, then freed), and parse + extract every fact the checklist uses.
    var start = Date()
    var nodes = 0
    for _ in 0..<repeats { for body in bodies { nodes += HTMLDocument.parse(body, charset: "UTF-8") { $0.count("//a") } ?? 0 } }
    let parseSeconds = Date().timeIntervalSince(start)
    start = Date()
    let base = URL(string: "http://127.0.0.1/")!
    var links = 0
    for _ in 0..<repeats { for body in bodies { links += PageFacts.extract(body: body, url: base, contentType: "text/html; charset=utf-8", today: Day(year: 2019, month: 12, day: 31))?.links.count ?? 0 } }
    let factsSeconds = Date().timeIntervalSince(start)
    let mb = Double(bytes * repeats) / 1_048_576
    print("{\"tool\": \"ictindex-libxml2\", \"files\": \(bodies.count * repeats), \"megabytes\": \(String(format: "%.1f", mb)), \"parse_seconds\": \(String(format: "%.3f", parseSeconds)), "
        + "\"parse_mb_per_second\": \(String(format: "%.1f", mb / parseSeconds)), \"facts_seconds\": \(String(format: "%.3f", factsSeconds)), "
        + "\"facts_mb_per_second\": \(String(format: "%.1f", mb / factsSeconds)), \"links\": \(links), \"anchors\": \(nodes)}")
case "serve-sites":
    // One small portal per loopback address, so that each is its own host.
    let count = option("--sites", 40)
    let site = (0..<pages).map { sitePage($0, pages: pages) }
    var servers: [FixtureServer] = []
    for n in 0..<count {
        servers.append(try await FixtureServer(host: "127.0.0.\(n + 2)", port: option("--port", 8800)) { path, _ in
            if path == "/robots.txt" { return .ok("User-agent: *\nDisallow: /admin/\n", type: "text/plain") }
            if path.hasPrefix("/p/"), let n = Int(path.dropFirst(3)), n < site.count {
                return .response(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: site[n])
            }
            return .status(404)
        })
    }
    FileHandle.standardOutput.write(Data("serving \(count) sites of \(pages) pages on 127.0.0.2–127.0.0.\(count + 1):\(option("--port", 8800))\n".utf8))
    while true { try await Task.sleep(nanoseconds: 3_600_000_000_000) }
case "crawl-sites":
    let count = option("--sites", 40), first = option("--first", 0), port = option("--port", 8800)
    var settings = CrawlSettings()
    settings.delay = Double(option("--delay-ms", 500)) / 1000
    settings.maxPages = pages + 10
    // Every page of the generated site has the shape /p/N: let them all count (as Scrapy does).
    settings.maxPerShape = 1_000_000
    let today = Day(year: 2019, month: 12, day: 31)
    let directory = arguments.firstIndex(of: "--checklists").map { arguments[$0 + 1] } ?? "Indicators/portal"
    let checklists = try Checklist.loadAll(from: URL(fileURLWithPath: directory))
    let crawl = MultiSiteCrawl(settings: settings, checklists: checklists, maxRequests: option("--max-requests", 32), maxConnections: option("--max-connections", 128))
    let targets = (first..<(first + count)).map { MultiSiteCrawl.Target(unitID: "site-\($0)", seed: URL(string: "http://127.0.0.\($0 + 2):\(port)/p/0")!) }
    let start = Date()
    let reports = try await crawl.run(targets, period: 2019, today: today, store: nil)
    let seconds = Date().timeIntervalSince(start)
    let perSite = reports.map(\.crawl.progress.seconds)
    let pagesTotal = reports.reduce(0) { $0 + $1.crawl.progress.pages }
    let errors = reports.reduce(0) { $0 + $1.crawl.progress.errors }
    print("{\"tool\": \"ictindex\", \"sites\": \(count), \"first\": \(first), \"pages\": \(pagesTotal), \"errors\": \(errors), \"seconds\": \(String(format: "%.3f", seconds)), "
        + "\"slowest_site_seconds\": \(String(format: "%.3f", perSite.max() ?? 0)), \"fastest_site_seconds\": \(String(format: "%.3f", perSite.min() ?? 0)), "
        + "\"sites_at_once\": \(crawl.sitesAtOnce), \"peak_rss_kb\": \(peakRSSKilobytes())}")
default:
    print("usage: ictindex-crawl-bench serve|crawl|write|parse|serve-sites|crawl-sites …")
}
