import Foundation
import IndexCore
import IndexStore
import Intake
import Testing
@testable import PortalAudit
import PortalAuditFixtures

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
        let survey = FieldPrecedence(counts: .survey, crawlValue: .lowerBound)
        try opened.store.recordCrawlObservations(unitID: "da-nang", period: 2019, host: "danang.gov.vn", observations: [
            CrawlObservation(field: "portal_items", value: 12, location: "https://danang.gov.vn/ [item.news]", precedence: survey),
            CrawlObservation(field: "portal_functions", value: 5, location: "https://danang.gov.vn/ [item.search]", precedence: survey),
            CrawlObservation(field: "portal_https", value: 0, location: "https://danang.gov.vn/ [tech.https]", precedence: FieldPrecedence(counts: .crawl, crawlValue: .exact)),
        ])
        var answers = UnitAnswers(unitID: "da-nang", name: "Đà Nẵng", block: "province", period: 2019)
        answers.values["portal_items"] = 10
        answers.values["portal_https"] = 1
        answers.values["procedures_total"] = 100
        _ = try opened.store.importSubmissions([Submission(answers: answers, period: 2019, fileName: "survey.csv", fileSHA256: "x", methodologyHash: nil)])
        let merged = try #require(try opened.store.answers(period: 2019).first { $0.unitID == "da-nang" })
        // Each field takes the value of the source its precedence names, whichever was stored last;
        // a field the survey lacks takes the crawl's value.
        #expect(merged.values["portal_items"] == 10)
        #expect(merged.values["portal_https"] == 0)
        #expect(merged.values["portal_functions"] == 5)
        #expect(merged.values["procedures_total"] == 100)
        #expect(merged.sources["portal_items"]?.file == "survey.csv")
        #expect(merged.sources["portal_https"]?.file == "https://danang.gov.vn/ [tech.https]")
        #expect(try opened.store.history(unitID: "da-nang").filter { $0.status == "active" }.count == 2)
        let comparisons = try opened.store.fieldComparisons(period: 2019)
        #expect(comparisons.map(\.field) == ["portal_functions", "portal_https", "portal_items"])
        #expect(comparisons.map(\.status) == [.fillsMissingAnswer, .contradicts, .contradicts])
        #expect(comparisons.map(\.used.value) == [5, 0, 10])
        #expect(comparisons.map(\.changesSurveyAnswer) == [true, true, false])
        // Every comparison needs review here; the values used are those answers() returned.
        #expect(try opened.store.discrepancies(period: 2019).count == 3)
        for comparison in comparisons { #expect(merged.values[comparison.field] == comparison.used.value) }
    }

    @Test func precedenceBoundsAndTolerance() {
        let lower = FieldPrecedence(counts: .survey, crawlValue: .lowerBound, tolerance: 1)
        #expect(!lower.contradicts(survey: 1260, crawl: 10), "a survey answer above a lower bound agrees with it")
        #expect(!lower.contradicts(survey: 9, crawl: 10), "within the tolerance")
        #expect(lower.contradicts(survey: 8, crawl: 10))
        let upper = FieldPrecedence(counts: .survey, crawlValue: .upperBound)
        #expect(!upper.contradicts(survey: 6.5, crawl: 11))
        #expect(upper.contradicts(survey: 12, crawl: 11))
        let exact = FieldPrecedence(counts: .crawl, crawlValue: .exact, tolerance: 0.5)
        #expect(!exact.contradicts(survey: 1.5, crawl: 1))
        #expect(exact.contradicts(survey: 1, crawl: 0))
        #expect(exact.contradicts(survey: 0, crawl: 1))
    }

    /// Issue 11 item 5: a crawl of Huế's portal (the good-province fixture: one listing page of
    /// ten services, served over plain HTTP) replaced nine survey answers — procedures_total
    /// 1,260 → 10, portal_https → 0 — and Huế fell from 1st to 4th, printing nothing but the
    /// submission number. Now the survey counts for what a partial crawl can only bound, the
    /// ranking is unchanged by those fields, and every difference is listed with both values.
    @Test func crawlDoesNotSilentlyReplaceSurveyAnswers() async throws {
        let opened = try workspace()
        let methodology = try MethodologyLoader.load(contentsOf: Fixtures.repository.appendingPathComponent("Indicators/vn-it-application/2019.yaml"))
        let surveyFile = Fixtures.repository.appendingPathComponent("Examples/vn-it-application/survey-2019.csv")
        let validated = try SurveyValidator(methodology: methodology).validate(try SurveyReader.read(surveyFile))
        _ = try opened.store.importSubmissions(validated.map { Submission(answers: $0, period: 2019, fileName: surveyFile.lastPathComponent, fileSHA256: "survey", methodologyHash: nil) })
        let before = try opened.store.answers(period: 2019)
        func provinceOrder(_ answers: [UnitAnswers]) throws -> [String] {
            let block = try #require(try Engine.compute(methodology, answers: answers, period: 2019).blocks.first { $0.plan.block.id == "province" })
            return block.rankedUnitIndices.map { block.units[$0].unitID }
        }
        let rankingBefore = try provinceOrder(before)
        #expect(rankingBefore.first == "thua-thien-hue")
        let hueBefore = try #require(before.first { $0.unitID == "thua-thien-hue" })

        let server = try await FixtureServer(route: FixtureServer.directory(Fixtures.portals.appendingPathComponent("good-province")))
        let checklists = PortalAuditSuite.FixturePortalTests.checklists
        // First with every field's survey answer taking precedence: nothing the ranking uses changes.
        let surveyFirst = checklists.map { list -> Checklist in
            var list = list
            list.fields = list.fields.map { var mapping = $0; mapping.precedence.counts = .survey; return mapping }
            return list
        }
        let guarded = try await PortalAuditor(settings: testSettings(), checklists: surveyFirst)
            .audit(seed: server.baseURL, unitID: "thua-thien-hue", period: 2019, today: fixtureDay, store: opened.store)
        #expect(guarded.submissionID != nil)
        let afterGuarded = try opened.store.answers(period: 2019)
        #expect(afterGuarded.first { $0.unitID == "thua-thien-hue" }?.values == hueBefore.values)
        #expect(try provinceOrder(afterGuarded) == rankingBefore)
        // Both values of every field the crawl measured, with their sources.
        #expect(guarded.comparisons.count == 9)
        #expect(guarded.comparisons.allSatisfy { $0.used.source == .survey && !$0.changesSurveyAnswer })
        let procedures = try #require(guarded.comparisons.first { $0.field == "procedures_total" })
        #expect(procedures.survey?.value == 1260 && procedures.crawl.value == 10 && procedures.status == .agrees, "1,260 procedures are consistent with 10 listed on one page")
        #expect(procedures.survey?.location.contains("survey-2019.csv:82") == true, "\(procedures.survey?.location ?? "")")
        #expect(procedures.crawl.location.hasPrefix(server.baseURL.absoluteString))
        // The survey's 12 information groups against 14 found, and HTTPS answered yes but not
        // served: contradictions an analyst resolves; the survey still counts.
        #expect(guarded.discrepancies.map(\.field) == ["portal_https", "portal_items"])
        #expect(guarded.discrepancies.map { $0.survey?.value } == [1, 12])
        #expect(guarded.discrepancies.map(\.crawl.value) == [0, 14])
        #expect(try opened.store.discrepancies(period: 2019) == guarded.discrepancies)

        // Then with the checklist as committed: the crawl counts for HTTPS (it observes it), and
        // that is the one answer that changes — shown as such.
        let committed = try await PortalAuditor(settings: testSettings(), checklists: checklists)
            .audit(seed: server.baseURL, unitID: "thua-thien-hue", period: 2019, today: fixtureDay, store: opened.store)
        await server.stop()
        let changed = committed.comparisons.filter(\.changesSurveyAnswer)
        #expect(changed.map(\.field) == ["portal_https"])
        #expect(changed.first?.survey?.value == 1 && changed.first?.used.value == 0)
        #expect(committed.discrepancies.map(\.field) == ["portal_https", "portal_items"])
        let after = try opened.store.answers(period: 2019)
        var expected = before
        let hue = try #require(expected.firstIndex { $0.unitID == "thua-thien-hue" })
        expected[hue].values["portal_https"] = 0
        #expect(after.first { $0.unitID == "thua-thien-hue" }?.values == expected[hue].values)
        #expect(after.filter { $0.unitID != "thua-thien-hue" }.map(\.values) == before.filter { $0.unitID != "thua-thien-hue" }.map(\.values))
        #expect(try provinceOrder(after) == (try provinceOrder(expected)))
        #expect(after.first { $0.unitID == "thua-thien-hue" }?.values["procedures_total"] == 1260)
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
