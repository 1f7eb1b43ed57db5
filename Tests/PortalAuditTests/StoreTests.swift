import Foundation
import IndexCore
import IndexStore
import Testing
@testable import PortalAudit

extension PortalAuditSuite {
@Suite struct CrawlStoreTests {
    func workspace() throws -> Workspace {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-crawl-\(UUID().uuidString)")
        return try Workspace.create(at: directory, methodologies: [Fixtures.repository.appendingPathComponent("Indicators/vn-it-application/2019.yaml")],
                                    registry: Fixtures.repository.appendingPathComponent("Indicators/units"))
    }

    @Test func crawlBecomesObservationsWithEvidence() async throws {
        let opened = try workspace()
        let server = try await FixtureServer(route: FixtureServer.directory(Fixtures.portals.appendingPathComponent("good-province")))
        let auditor = PortalAuditor(settings: testSettings(), checklists: PortalAuditSuite.FixturePortalTests.checklists)
        let report = try await auditor.audit(seed: server.baseURL, unitID: "thua-thien-hue", period: 2019, today: fixtureDay, store: opened.store)
        #expect(report.submissionID != nil)
        // Auditing again with the same results changes nothing.
        let again = try await auditor.audit(seed: server.baseURL, unitID: "thua-thien-hue", period: 2019, today: fixtureDay, store: opened.store)
        await server.stop()
        #expect(again.submissionID == nil)
        let answers = try opened.store.answers(period: 2019)
        let hue = try #require(answers.first { $0.unitID == "thua-thien-hue" })
        #expect(hue.values["portal_items"] == 14)
        #expect(hue.values["services_level4"] == 3)
        #expect(hue.values["procedures_total"] == 10)
        let evidence = try #require(hue.sources["portal_items"]?.file)
        #expect(evidence.hasPrefix(server.baseURL.absoluteString) && evidence.contains("item."))
        #expect(hue.sources["services_level4"]?.file.contains("/dich-vu-cong/") == true)
        let findings = try opened.store.findings(unitID: "thua-thien-hue", period: 2019)
        #expect(findings.contains { $0.check == "item.news" && $0.passed && $0.url != nil && $0.snippet != nil })
        #expect(try opened.store.crawlCount("robots_cache") == 1)
        #expect(try opened.store.history(unitID: "thua-thien-hue").first?.fileName == "crawl:127.0.0.1")
    }

    @Test func interruptedCrawlContinues() async throws {
        let opened = try workspace()
        let hits = Counter()
        let perPath = PathCounter()
        let root = Fixtures.portals.appendingPathComponent("good-province")
        let files = FixtureServer.directory(root)
        let server = try await FixtureServer { path, headers in
            hits.increment()
            perPath.increment(path)
            return files(path, headers)
        }
        var settings = testSettings()
        settings.siteChecks = false
        settings.interruptAfter = 4
        let first = try await PortalAuditor(settings: settings, checklists: PortalAuditSuite.FixturePortalTests.checklists)
            .audit(seed: server.baseURL, unitID: "thua-thien-hue", period: 2019, today: fixtureDay, store: opened.store)
        #expect(first.crawl.interrupted)
        #expect(try opened.store.crawlCount("crawl_page") >= 4)
        #expect(try opened.store.crawls().first?.status == "running")
        settings.interruptAfter = nil
        let second = try await PortalAuditor(settings: settings, checklists: PortalAuditSuite.FixturePortalTests.checklists)
            .audit(seed: server.baseURL, unitID: "thua-thien-hue", period: 2019, today: fixtureDay, store: opened.store)
        await server.stop()
        #expect(!second.crawl.interrupted)
        #expect(try opened.store.crawls().count == 1)
        #expect(try opened.store.crawls().first?.status == "finished")
        // No page was fetched twice, and robots.txt came from the cache the second time.
        #expect(perPath.max <= 1, "fetched twice: \(perPath.repeated)")
        #expect(second.evaluation.observations.first { $0.field == "portal_items" }?.value == 14)
    }

    @Test func surveyImportsAndCrawlsCoexist() async throws {
        let opened = try workspace()
        try opened.store.recordCrawlObservations(unitID: "da-nang", period: 2019, host: "danang.gov.vn",
                                                 observations: [CrawlObservation(field: "portal_items", value: 12, location: "https://danang.gov.vn/ [item.news]")])
        var answers = UnitAnswers(unitID: "da-nang", name: "Đà Nẵng", block: "province", period: 2019)
        answers.values["portal_items"] = 10
        answers.values["procedures_total"] = 100
        _ = try opened.store.importSubmissions([Submission(answers: answers, period: 2019, fileName: "survey.csv", fileSHA256: "x", methodologyHash: nil)])
        let merged = try #require(try opened.store.answers(period: 2019).first { $0.unitID == "da-nang" })
        // The crawl's measurement wins for the field it observed; the survey supplies the rest.
        #expect(merged.values["portal_items"] == 12)
        #expect(merged.values["procedures_total"] == 100)
        #expect(try opened.store.history(unitID: "da-nang").filter { $0.status == "active" }.count == 2)
    }
}
}

final class PathCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func increment(_ path: String) { lock.withLock { counts[path, default: 0] += 1 } }
    var max: Int { lock.withLock { counts.filter { $0.key != "/robots.txt" }.values.max() ?? 0 } }
    var repeated: [String] { lock.withLock { counts.filter { $0.value > 1 }.map(\.key) } }
    func count(_ path: String) -> Int { lock.withLock { counts[path, default: 0] } }
}
