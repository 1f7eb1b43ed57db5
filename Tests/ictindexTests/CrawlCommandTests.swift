import Foundation
import PortalAudit
import PortalAuditFixtures
import Testing

/// `ictindex crawl` end to end, against fixture portals served in process on 127.0.0.1.
@Suite(.serialized) struct CrawlCommandTests {
    static let portals = Repository.url("Examples/portals")

    /// The expected results committed beside a fixture portal (its fields).
    static func expectedFields(_ portal: String) throws -> [String: Double] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: portals.appendingPathComponent("\(portal)/expected.json"))) as? [String: Any]
        return (json?["fields"] as? [String: Double]) ?? [:]
    }

    /// `--all` crawls the portal of every unit valid in the period, in registry order: a unit
    /// without a portal and a unit dissolved before the period are left out.
    @Test func allCrawlsEveryUnitWithAPortal() async throws {
        let good = try await FixtureServer(route: FixtureServer.directory(Self.portals.appendingPathComponent("good-province")))
        let poor = try await FixtureServer(route: FixtureServer.directory(Self.portals.appendingPathComponent("poor")))
        let hits = CrawlHits()
        let gone = try await FixtureServer { path, _ in hits.add(); return .status(404) }
        let registry = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: registry, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: registry) }
        try """
            block: province
            units:
              - {id: tinh-tot, name: Tỉnh Tốt, portal: "\(good.baseURL.absoluteString)"}
              - {id: tinh-khong-cong, name: Tỉnh Không Cổng}
              - {id: tinh-cu, name: Tỉnh Cũ, valid_to: 2018-12-31, portal: "\(gone.baseURL.absoluteString)"}
              - {id: tinh-kem, name: Tỉnh Kém, portal: "\(poor.baseURL.absoluteString)"}
            """.write(to: registry.appendingPathComponent("units.yaml"), atomically: true, encoding: .utf8)
        let output = try await CLI.run(["crawl", "--all", "--registry", registry.path, "--period", "2019", "--as-of", "2019-12-31", "--delay", "0", "--max-pages", "60", "--format", "json"])
        await good.stop()
        await poor.stop()
        await gone.stop()
        #expect(output.status == 0, "\(output.stderr)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        #expect(reports.map { $0["unit"] as? String } == ["tinh-tot", "tinh-kem"])
        #expect(reports.map { $0["url"] as? String } == [good.baseURL.absoluteString, poor.baseURL.absoluteString])
        #expect(hits.count == 0, "the dissolved unit's portal is not crawled")
        // Each portal's fields are its committed expected results.
        for (report, portal) in zip(reports, ["good-province", "poor"]) {
            #expect(report["checklist"] as? String == "nd43-2011")
            let fields = try #require(report["fields"] as? [String: [String: Any]])
            let values = fields.compactMapValues { $0["value"] as? Double }
            #expect(values == (try Self.expectedFields(portal)), "\(portal)")
        }
    }

    /// Issue 11 item 5 end to end: crawling Huế's portal into a workspace that holds its survey
    /// answers prints — and the JSON lists — every difference with both values and sources, and
    /// which value counts; before, it printed only "recorded as submission #N".
    @Test func crawlIntoAWorkspaceShowsWhereCrawlAndSurveyDiffer() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-crawl-ws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try await CLI.run(["init", directory.path]).status == 0)
        #expect(try await CLI.run(["import", "--workspace", directory.path, "Examples/vn-it-application/survey-2019.csv"]).status == 0)
        let good = try await FixtureServer(route: FixtureServer.directory(Self.portals.appendingPathComponent("good-province")))
        let common = ["crawl", good.baseURL.absoluteString, "--unit", "Thua Thien Hue", "--workspace", directory.path, "--period", "2019", "--as-of", "2019-12-31", "--delay", "0", "--max-pages", "60"]
        let text = try await CLI.run(common + ["--lang", "en"])
        let vietnamese = try await CLI.run(common)
        // Same results again: nothing new is recorded, the differences are still shown.
        let json = try await CLI.run(common + ["--format", "json"])
        await good.stop()
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("survey and crawl differ (2 to review):"))
        #expect(text.stdout.contains("! portal_https: survey 1 (") && text.stdout.contains("· crawl 0 (\(good.baseURL.absoluteString) [tech.https]) — the crawl counts: the value used changes from 1 to 0"))
        #expect(text.stdout.contains("! portal_items: survey 12 (") && text.stdout.contains("· crawl 14, a lower bound (") && text.stdout.contains("— the survey answer counts"))
        #expect(!text.stdout.contains("! procedures_total"), "1,260 procedures agree with 10 listed")
        #expect(text.stdout.contains("recorded as submission #"))
        // The checklist's items by their names, with a total; Vietnamese by default.
        #expect(text.stdout.contains("  Checklist: "), "\(text.stdout)")
        #expect(vietnamese.stdout.contains("  Danh mục thông tin bắt buộc: đạt "), "\(vietnamese.stdout)")
        #expect(vietnamese.stdout.contains("khảo sát và kết quả quét khác nhau (2 trường cần xem lại):"), "\(vietnamese.stdout)")
        #expect(vietnamese.stdout.contains("— tính theo kết quả quét: giá trị dùng đổi từ 1 thành 0"), "\(vietnamese.stdout)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let discrepancies = try #require(reports.first?["discrepancies"] as? [[String: Any]])
        #expect(discrepancies.map { $0["field"] as? String } == ["portal_https", "portal_items"])
        let https = try #require(discrepancies.first)
        #expect((https["survey"] as? [String: Any])?["value"] as? Double == 1)
        #expect(((https["survey"] as? [String: Any])?["location"] as? String)?.contains("survey-2019.csv") == true)
        #expect((https["crawl"] as? [String: Any])?["value"] as? Double == 0)
        #expect(https["counts"] as? String == "crawl" && https["used"] as? Double == 0 && https["changes_survey_answer"] as? Bool == true)
        #expect(discrepancies.last?["counts"] as? String == "survey" && discrepancies.last?["used"] as? Double == 12)
        // explain shows both values of each field it reads, with their sources and which counts.
        let explained = try await CLI.run(["explain", "--workspace", directory.path, "--period", "2019", "--unit", "Thua Thien Hue", "--node", "c3", "--lang", "en"])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("Survey and portal crawl ("), "\(explained.stdout)")
        #expect(explained.stdout.contains("! portal_https: survey 1 (") && explained.stdout.contains("the crawl counts: the value used changes from 1 to 0"))
        #expect(explained.stdout.contains("! portal_items: survey 12 (") && explained.stdout.contains("the survey answer counts"))
        let viExplained = try await CLI.run(["explain", "--workspace", directory.path, "--period", "2019", "--unit", "Thua Thien Hue", "--node", "c3"])
        #expect(viExplained.stdout.contains("Khảo sát và kết quả quét cổng ("))
    }

    @Test func allRejectsAURLOrAUnit() async throws {
        let output = try await CLI.run(["crawl", "--all", "http://127.0.0.1:1/", "--period", "2019", "--lang", "en"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("--all takes no URL and no --unit"))
    }
}

final class CrawlHits: @unchecked Sendable {
    private let lock = NSLock()
    private var hits = 0
    func add() { lock.withLock { hits += 1 } }
    var count: Int { lock.withLock { hits } }
}
