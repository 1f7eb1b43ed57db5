import Foundation
import GRDB
import IndexCore
import IndexStore
import Intake
@testable import Platform
import Season
import Testing

@Suite("The submission workflow")
struct WorkflowTests {
    /// draft → invalid → fix → submit → return with comment → resubmit → accept → compute →
    /// publish; the published report equals `ictindex report`'s for the same run byte for byte.
    @Test func draftToPublication() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        let hanoi = try await fixture.signedIn("cntt@hanoi.gov.vn", .submitter, unit: "ha-noi")
        let reviewer = try await fixture.signedIn("analyst@mic.gov.vn", .reviewer)

        let empty = try await platform.draft(unit: "ha-noi", period: 2019, by: hanoi)
        #expect(empty.version == 0 && empty.state == .notStarted && empty.answers.isEmpty)

        // One invalid answer: saved anyway, with the validator's problem naming the field.
        // The example answers with one change, so that the submission is new (the same answers
        // as the imported example would leave that one active: re-importing changes nothing).
        var answers = try exampleAnswers(2019, unit: "ha-noi")
        answers["staff_total"] = "2398"
        var typo = answers
        typo["staff_total"] = "hai nghìn"
        let first = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: typo, expectedVersion: 0, by: hanoi)
        #expect(first.draft.version == 1 && first.draft.state == .draft)
        #expect(first.draft.answers["staff_total"] == "hai nghìn")
        #expect(first.problems.count == 1)
        #expect(first.problems.first?.code == .typeMismatch)
        #expect(first.problems.first?.location?.detail == "staff_total")
        await #expect(throws: PlatformError.self) { _ = try await platform.submit(unit: "ha-noi", period: 2019, expectedVersion: 1, by: hanoi) }

        let fixed = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: answers, expectedVersion: 1, by: hanoi)
        #expect(fixed.problems.isEmpty && fixed.draft.version == 2)
        let submitted = try await platform.submit(unit: "ha-noi", period: 2019, expectedVersion: 2, by: hanoi)
        #expect(submitted.draft.state == .submitted && submitted.draft.version == 3)
        // The submission is a real one: the workspace's history has it, active, from the web.
        let history = try fixture.platform.workspace.store.history(unitID: "ha-noi").filter { $0.period == 2019 }
        #expect(history.first?.id == submitted.submissionID)
        #expect(history.first?.status == "active" && history.first?.fileName == "web:cntt@hanoi.gov.vn")
        #expect(history.count == 2 && history.last?.status == "superseded")
        await #expect(throws: PlatformError.self) { _ = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: answers, expectedVersion: 3, by: hanoi) }

        try await platform.returnSubmission(unit: "ha-noi", period: 2019, comments: [ReviewComment(field: "staff_total", text: "Số cán bộ khác năm trước nhiều; kiểm tra lại.")], by: reviewer)
        let returned = try await platform.draft(unit: "ha-noi", period: 2019, by: hanoi)
        #expect(returned.state == .returned && returned.version == 4)
        #expect(returned.comments.map(\.field) == ["staff_total"] && returned.comments.first?.author == "analyst@mic.gov.vn")

        var corrected = answers
        corrected["staff_total"] = "2400"
        let resaved = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: corrected, expectedVersion: 4, by: hanoi)
        #expect(resaved.draft.state == .returned && resaved.draft.version == 5)
        _ = try await platform.submit(unit: "ha-noi", period: 2019, expectedVersion: 5, by: hanoi)
        try await platform.accept(unit: "ha-noi", period: 2019, by: reviewer)
        #expect(try await platform.draft(unit: "ha-noi", period: 2019, by: reviewer).state == .accepted)
        let board = try await platform.dashboard(period: 2019, by: reviewer)
        #expect(board.first { $0.unit == "ha-noi" }?.state == .accepted)
        #expect(board.first { $0.unit == "ho-chi-minh" }?.state == .notStarted)

        // The run computes the answers as submitted: Hà Nội's staff_total is 2400 in it.
        let run = try await platform.compute(period: 2019, by: reviewer)
        let block = try #require(run.computed.result.blocks.first { $0.unitIndex("ha-noi") != nil })
        #expect(block.units[block.unitIndex("ha-noi")!].values["staff_total"] == 2400)

        await #expect(throws: PlatformError.forbidden) { _ = try await platform.publish(period: 2019, run: run.runID, by: reviewer) }
        let folder = try await platform.publish(period: 2019, run: run.runID, by: fixture.admin)
        #expect(try await platform.season(2019).publishedRun == run.runID)
        // Both languages are published; the Vietnamese one is written again here to compare (a
        // report takes minutes in a debug build; both come from the same request builder).
        for language in [Language.vi] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("en/index.html").path))
            let again = fixture.directory.appendingPathComponent("cli-report-\(language.rawValue)")
            _ = try await fixture.service.report(try await platform.publishedReportRequest(period: 2019, language: language, outputFolder: again.path))
            let published = try filesByPath(folder.appendingPathComponent(language.rawValue))
            #expect(!published.isEmpty)
            #expect(published == (try filesByPath(again)))
        }

        let actions = try await platform.auditTrail(unit: "ha-noi", period: 2019, by: hanoi).map(\.action)
        #expect(actions == ["draft.save", "draft.save", "draft.submit", "review.return", "draft.save", "draft.submit", "review.accept"])
        let all = try await platform.auditTrail(unit: nil).map(\.action)
        #expect(all.filter { $0.hasPrefix("season.") } == ["season.open", "season.compute", "season.publish"])
    }

    /// A run whose answers changed afterwards is not published: the report would not be the run's.
    @Test func publishingAStaleRunIsRefused() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        let run = try await platform.compute(period: 2019, by: fixture.admin)
        let hanoi = try await fixture.signedIn("cntt@hanoi.gov.vn", .submitter, unit: "ha-noi")
        var answers = try exampleAnswers(2019, unit: "ha-noi")
        answers["staff_total"] = "2500"
        _ = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: answers, expectedVersion: 0, by: hanoi)
        _ = try await platform.submit(unit: "ha-noi", period: 2019, expectedVersion: 1, by: hanoi)
        await #expect(throws: PlatformError.self) { _ = try await platform.publish(period: 2019, run: run.runID, by: fixture.admin) }
        #expect(try await platform.season(2019).publishedRun == nil)
        #expect(!FileManager.default.fileExists(atPath: platform.publishedFolder(2019).path))
    }

    /// Submitting after the deadline is refused.
    @Test func deadline() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let hanoi = try await fixture.signedIn("cntt@hanoi.gov.vn", .submitter, unit: "ha-noi")
        _ = try await fixture.platform.saveDraft(unit: "ha-noi", period: 2019, answers: try exampleAnswers(2019, unit: "ha-noi"), expectedVersion: 0, by: hanoi)
        fixture.clock.advance(10 * 86400 + 1)
        let error = await #expect(throws: PlatformError.self) { _ = try await fixture.platform.submit(unit: "ha-noi", period: 2019, expectedVersion: 1, by: hanoi) }
        #expect(error?.text.en.contains("deadline") == true)
    }
}

@Suite("Optimistic versioning")
struct VersioningTests {
    @Test func aStaleSaveConflictsAndOverwritesNothing() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        let first = try await fixture.signedIn("a@hanoi.gov.vn", .submitter, unit: "ha-noi")
        let second = try await fixture.signedIn("b@hanoi.gov.vn", .submitter, unit: "ha-noi")
        _ = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: ["staff_total": "100", "computers_total": "90"], expectedVersion: 0, by: first)
        let error = await #expect(throws: PlatformError.self) {
            _ = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: ["staff_total": "120", "computers_total": "90"], expectedVersion: 0, by: second)
        }
        guard case .conflict(let conflict) = error else { Issue.record("expected a conflict, got \(String(describing: error))"); return }
        #expect(conflict.expectedVersion == 0 && conflict.current.version == 1)
        #expect(conflict.current.answers == ["staff_total": "100", "computers_total": "90"])
        #expect(conflict.differingFields == ["staff_total"])
        let stored = try await platform.draft(unit: "ha-noi", period: 2019, by: first)
        #expect(stored.answers["staff_total"] == "100" && stored.version == 1)
        #expect(try await platform.auditTrail(unit: "ha-noi", by: first).count == 1)
    }
}

@Suite("Accounts and sign-in")
struct AccountTests {
    @Test func lockoutAfterFiveFailuresAndItsEnd() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        let created = try await platform.addUser(email: "reviewer@mic.gov.vn", role: .reviewer)
        guard case .password(let password) = created.credential else { Issue.record("no password"); return }
        // Unknown e-mail and wrong password: the same error.
        await #expect(throws: PlatformError.unauthenticated) { _ = try await platform.signIn(email: "nobody@mic.gov.vn", password: password) }
        for _ in 1...4 {
            await #expect(throws: PlatformError.unauthenticated) { _ = try await platform.signIn(email: "reviewer@mic.gov.vn", password: "wrong") }
        }
        let until = fixture.clock.now.addingTimeInterval(15 * 60)
        await #expect(throws: PlatformError.lockedOut(until: until)) { _ = try await platform.signIn(email: "reviewer@mic.gov.vn", password: "wrong") }
        // Locked: even the right password is refused until the lockout ends.
        await #expect(throws: PlatformError.lockedOut(until: until)) { _ = try await platform.signIn(email: "reviewer@mic.gov.vn", password: password) }
        fixture.clock.advance(15 * 60 - 1)
        await #expect(throws: PlatformError.lockedOut(until: until)) { _ = try await platform.signIn(email: "reviewer@mic.gov.vn", password: password) }
        fixture.clock.advance(2)
        let signedIn = try await platform.signIn(email: "reviewer@mic.gov.vn", password: password)
        #expect(signedIn.principal.role == .reviewer)
        #expect(try await platform.principal(session: signedIn.session) == signedIn.principal)
        #expect(try await platform.csrfToken(session: signedIn.session) == signedIn.csrfToken)
        // The count restarts after a success: four failures do not lock.
        for _ in 1...4 {
            await #expect(throws: PlatformError.unauthenticated) { _ = try await platform.signIn(email: "reviewer@mic.gov.vn", password: "wrong") }
        }
        _ = try await platform.signIn(email: "reviewer@mic.gov.vn", password: password)
    }

    @Test func sessionsExpireAndSignOut() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let created = try await fixture.platform.addUser(email: "r@mic.gov.vn", role: .reviewer)
        guard case .password(let password) = created.credential else { return }
        let first = try await fixture.platform.signIn(email: "r@mic.gov.vn", password: password)
        let second = try await fixture.platform.signIn(email: "r@mic.gov.vn", password: password)
        try await fixture.platform.signOut(session: first.session)
        #expect(try await fixture.platform.principal(session: first.session) == nil)
        #expect(try await fixture.platform.principal(session: second.session) != nil)
        fixture.clock.advance(8 * 3600 + 1)
        #expect(try await fixture.platform.principal(session: second.session) == nil)
        // Only the hash of a session token is stored.
        let stored = try await fixture.platform.workspace.store.database.read { db in try String.fetchAll(db, sql: "SELECT token_sha256 FROM platform_session") }
        #expect(!stored.contains(second.session) && stored.contains(IndexStore.SHA256.hex(Data(second.session.utf8))))
    }

    @Test func aSignInLinkWorksOnceAndExpires() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        let created = try await platform.addUser(email: "cntt@hue.gov.vn", role: .submitter, unit: "hue", signInLink: true)
        guard case .signInLink(let token, let expires) = created.credential else { Issue.record("expected a link"); return }
        #expect(expires == fixture.clock.now.addingTimeInterval(72 * 3600))
        let signedIn = try await platform.signIn(linkToken: token)
        #expect(signedIn.principal.unit == "hue")
        await #expect(throws: PlatformError.unauthenticated) { _ = try await platform.signIn(linkToken: token) }
        let late = try await platform.addUser(email: "late@hue.gov.vn", role: .submitter, unit: "hue", signInLink: true)
        guard case .signInLink(let lateToken, _) = late.credential else { return }
        fixture.clock.advance(72 * 3600 + 1)
        await #expect(throws: PlatformError.unauthenticated) { _ = try await platform.signIn(linkToken: lateToken) }
    }

    @Test func aDisabledUserIsLockedOutEverywhere() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        let created = try await platform.addUser(email: "second-admin@mic.gov.vn", role: .admin)
        guard case .password(let password) = created.credential else { return }
        let signedIn = try await platform.signIn(email: "second-admin@mic.gov.vn", password: password)
        let token = try await platform.createAPIToken(role: .reviewer, label: "ci", by: signedIn.principal)
        #expect(try await platform.principal(apiToken: token)?.role == .reviewer)
        try await platform.disableUser(email: "second-admin@mic.gov.vn", by: fixture.admin)
        #expect(try await platform.principal(session: signedIn.session) == nil)
        #expect(try await platform.principal(apiToken: token) == nil)
        await #expect(throws: PlatformError.unauthenticated) { _ = try await platform.signIn(email: "second-admin@mic.gov.vn", password: password) }
        #expect(try await platform.users().first { $0.email == "second-admin@mic.gov.vn" }?.disabled == true)
        let actions = try await platform.auditTrail(unit: nil).map(\.action)
        #expect(actions.contains("user.disable") && actions.filter { $0 == "user.add" }.count == 2)
    }

    @Test func accountsAreChecked() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        await #expect(throws: PlatformError.self) { _ = try await platform.addUser(email: "x@y.vn", role: .submitter, unit: "atlantis") }
        await #expect(throws: PlatformError.self) { _ = try await platform.addUser(email: "x@y.vn", role: .submitter) }
        await #expect(throws: PlatformError.self) { _ = try await platform.addUser(email: "x@y.vn", role: .reviewer, unit: "ha-noi") }
        await #expect(throws: PlatformError.self) { _ = try await platform.addUser(email: "not an address", role: .reviewer) }
        await #expect(throws: PlatformError.self) { _ = try await platform.addUser(email: "ADMIN@example.vn", role: .reviewer) }
        let reviewer = try await fixture.signedIn("r@mic.gov.vn", .reviewer)
        await #expect(throws: PlatformError.forbidden) { _ = try await platform.addUser(email: "z@y.vn", role: .admin, by: reviewer) }
        // Passwords are stored as bcrypt hashes only.
        let hashes = try await platform.workspace.store.database.read { db in try String.fetchAll(db, sql: "SELECT password_hash FROM platform_user") }
        #expect(hashes.allSatisfy { $0.hasPrefix("$2b$04$") && $0.count == 60 })
    }

    @Test func apiTokensAreScoped() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        let token = try await platform.createAPIToken(role: .submitter, unit: "ha-noi", label: "hanoi-ci", by: fixture.admin)
        let principal = try #require(try await platform.principal(apiToken: token))
        #expect(principal.role == .submitter && principal.unit == "ha-noi" && principal.email == "token:hanoi-ci")
        _ = try await platform.draft(unit: "ha-noi", period: 2019, by: principal)
        await #expect(throws: PlatformError.notFound) { _ = try await platform.draft(unit: "hue", period: 2019, by: principal) }
        await #expect(throws: PlatformError.forbidden) { _ = try await platform.dashboard(period: 2019, by: principal) }
        #expect(try await platform.principal(apiToken: token + "x") == nil)
        let reviewer = try await fixture.signedIn("r@mic.gov.vn", .reviewer)
        await #expect(throws: PlatformError.forbidden) { _ = try await platform.createAPIToken(role: .admin, label: "escalate", by: reviewer) }
        await #expect(throws: PlatformError.self) { _ = try await platform.createAPIToken(role: .submitter, label: "no unit", by: fixture.admin) }
    }
}

@Suite("Unit isolation")
struct IsolationTests {
    /// A submitter asking about another unit — existing or not — is told it does not exist,
    /// by every function that reads or writes a unit's things.
    @Test func aSubmitterNeverSeesAnotherUnit() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        let hue = try await fixture.signedIn("cntt@hue.gov.vn", .submitter, unit: "hue")
        let hanoi = try await fixture.signedIn("cntt@hanoi.gov.vn", .submitter, unit: "ha-noi")
        let saved = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: try exampleAnswers(2019, unit: "ha-noi"), expectedVersion: 0, by: hanoi)
        let pdf = Data("%PDF-1.7\n".utf8)
        let evidence = try await platform.addEvidence(unit: "ha-noi", period: 2019, field: "staff_total", fileName: "a.pdf", data: pdf, by: hanoi)
        for unit in ["ha-noi", "no-such-unit"] {
            await #expect(throws: PlatformError.notFound) { _ = try await platform.draft(unit: unit, period: 2019, by: hue) }
            await #expect(throws: PlatformError.notFound) { _ = try await platform.selfAssessment(unit: unit, period: 2019, by: hue) }
            await #expect(throws: PlatformError.notFound) { _ = try await platform.auditTrail(unit: unit, period: 2019, by: hue) }
            await #expect(throws: PlatformError.notFound) { _ = try await platform.evidenceData(unit: unit, period: 2019, id: evidence.id, by: hue) }
            await #expect(throws: PlatformError.notFound) { _ = try await platform.saveDraft(unit: unit, period: 2019, answers: [:], expectedVersion: saved.draft.version, by: hue) }
            await #expect(throws: PlatformError.notFound) { _ = try await platform.submit(unit: unit, period: 2019, expectedVersion: saved.draft.version, by: hue) }
            await #expect(throws: PlatformError.notFound) { _ = try await platform.addEvidence(unit: unit, period: 2019, field: "staff_total", fileName: "a.pdf", data: pdf, by: hue) }
            await #expect(throws: PlatformError.notFound) { _ = try await platform.importForm(unit: unit, period: 2019, xlsx: Data(), expectedVersion: 0, by: hue) }
        }
        // Reviewer-only reads are forbidden to a submitter, whatever the unit.
        await #expect(throws: PlatformError.forbidden) { _ = try await platform.review(unit: "hue", period: 2019, by: hue) }
        await #expect(throws: PlatformError.forbidden) { _ = try await platform.dashboard(period: 2019, by: hue) }
        await #expect(throws: PlatformError.forbidden) { _ = try await platform.compute(period: 2019, by: hue) }
        await #expect(throws: PlatformError.forbidden) { _ = try await platform.previewReport(period: 2019, language: .vi, by: hue) }
        // Hà Nội's own evidence is there for Hà Nội.
        #expect(try await platform.evidenceData(unit: "ha-noi", period: 2019, id: evidence.id, by: hanoi).data == pdf)
    }
}

@Suite("Evidence files")
struct EvidenceTests {
    @Test func limitsAndContentSniffing() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        let hanoi = try await fixture.signedIn("cntt@hanoi.gov.vn", .submitter, unit: "ha-noi")
        let limit = 10 * 1_048_576
        var pdf = Data("%PDF-1.7\n".utf8)
        pdf.append(Data(repeating: 0x20, count: limit - pdf.count))
        let accepted = try await platform.addEvidence(unit: "ha-noi", period: 2019, field: "staff_total", fileName: "../../báo cáo.pdf", data: pdf, by: hanoi)
        #expect(accepted.size == limit && accepted.mediaType == "application/pdf")
        #expect(accepted.originalName == "../../báo cáo.pdf")
        // Stored by content hash, never by the user's name.
        let stored = fixture.directory.appendingPathComponent("evidence/\(IndexStore.SHA256.hex(pdf))")
        #expect(FileManager.default.contents(atPath: stored.path) == pdf)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.directory.appendingPathComponent("evidence").path) == [IndexStore.SHA256.hex(pdf)])

        var tooBig = pdf
        tooBig.append(0x20)
        await #expect(throws: PlatformError.tooLarge(limit: limit)) {
            _ = try await platform.addEvidence(unit: "ha-noi", period: 2019, field: "staff_total", fileName: "big.pdf", data: tooBig, by: hanoi)
        }
        var exe = Data([0x4D, 0x5A, 0x90, 0x00])
        exe.append(Data(repeating: 0, count: 60))
        await #expect(throws: PlatformError.unsupportedFile("a Windows program")) {
            _ = try await platform.addEvidence(unit: "ha-noi", period: 2019, field: "staff_total", fileName: "report.pdf", data: exe, by: hanoi)
        }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        #expect(try await platform.addEvidence(unit: "ha-noi", period: 2019, field: "staff_total", fileName: "anh.jpg", data: png, by: hanoi).mediaType == "image/png")
        await #expect(throws: PlatformError.self) {
            _ = try await platform.addEvidence(unit: "ha-noi", period: 2019, field: "no_such_field", fileName: "a.png", data: png, by: hanoi)
        }
        let draft = try await platform.draft(unit: "ha-noi", period: 2019, by: hanoi)
        #expect(draft.evidence.map(\.mediaType) == ["application/pdf", "image/png"])
        #expect(try await platform.auditTrail(unit: "ha-noi", by: hanoi).map(\.action) == ["evidence.add", "evidence.add"])
    }
}

@Suite("Self-assessment")
struct SelfAssessmentTests {
    /// The demo seeds a workspace with the examples: 2018 published, 2019 open, an account per
    /// unit. Hà Nội's draft is then compared with last year's published results only: its 2018
    /// answers as a draft score exactly what the published 2018 run gave it, and every other unit
    /// in the comparison carries its 2018 answers, not this season's.
    @Test func demoSeasonAndComparisonWithLastYearsPublishedRunOnly() async throws {
        let (directory, platform, clock) = try await Fixture.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        // An account made before (the README's tour adds one) does not stop the demo.
        _ = try await platform.addUser(email: "cntt@hanoi.gov.vn", role: .submitter, unit: "ha-noi")
        let demo = try await platform.seedDemo()
        #expect(demo.season.period == 2019 && demo.season.deadline == clock.now.addingTimeInterval(30 * 86400))
        let published = try #require(try await platform.season(2018).publishedRun)
        #expect(FileManager.default.fileExists(atPath: platform.publishedFolder(2018).appendingPathComponent("vi/index.html").path))
        #expect(demo.credentials.filter { $0.account.role == .submitter }.count == 87)
        #expect(demo.credentials.filter { $0.account.role != .submitter }.map(\.account.email) == ["admin@demo.invalid", "reviewer@demo.invalid"])
        await #expect(throws: PlatformError.self) { _ = try await platform.seedDemo() }
        let credential = try #require(demo.credentials.first { $0.account.unit == "ha-noi" })
        let hanoi = try await platform.signIn(email: credential.account.email, password: credential.password).principal

        _ = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: try exampleAnswers(2018, unit: "ha-noi"), expectedVersion: 0, by: hanoi)
        let assessed = try await platform.selfAssessment(unit: "ha-noi", period: 2019, by: hanoi)
        #expect(assessed.comparedWith == 2018 && assessed.problems.isEmpty)
        let root = assessed.explanation.nodeID
        let stored = try await platform.workspace.store.database.read { db in
            try Row.fetchOne(db, sql: "SELECT score, rank FROM result WHERE run_id = ? AND unit_id = 'ha-noi' AND node = ?", arguments: [published, root])
                .map { ($0["score"] as Double, $0["rank"] as Int) }
        }
        let unit = try #require(assessed.assessment.data.assessments["ha-noi"])
        #expect(abs(unit.value - (stored?.0 ?? .nan)) < 1e-12)
        #expect(unit.rank == stored?.1)

        // A draft far above everyone: ranked first, and still only against 2018's answers.
        var best = try exampleAnswers(2019, unit: "ha-noi")
        for field in ["portal_items", "services_level3", "services_level4", "bandwidth_mbps"] where best[field] != nil { best[field] = String(Int(Double(best[field]!)! * 20 + 1000)) }
        _ = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: best, expectedVersion: 1, by: hanoi)
        let top = try await platform.selfAssessment(unit: "ha-noi", period: 2019, by: hanoi)
        let lastYear = Dictionary(uniqueKeysWithValues: try platform.workspace.store.answers(period: 2018).map { ($0.unitID, $0.values) })
        let thisYear = Dictionary(uniqueKeysWithValues: try platform.workspace.store.answers(period: 2019).map { ($0.unitID, $0.values) })
        let others = top.assessment.data.main.blocks.flatMap(\.units).filter { $0.unitID != "ha-noi" }
        #expect(!others.isEmpty)
        for other in others {
            #expect(other.values == lastYear[other.unitID], "\(other.unitID) is compared with its 2018 answers")
            if lastYear[other.unitID] != thisYear[other.unitID] { #expect(other.values != thisYear[other.unitID]) }
        }
        #expect(top.assessment.data.main.period == 2018)
    }

    @Test func withoutAPublishedSeasonTheUnitIsAssessedAlone() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let hanoi = try await fixture.signedIn("cntt@hanoi.gov.vn", .submitter, unit: "ha-noi")
        var answers = try exampleAnswers(2019, unit: "ha-noi")
        answers["staff_total"] = "không rõ"
        _ = try await fixture.platform.saveDraft(unit: "ha-noi", period: 2019, answers: answers, expectedVersion: 0, by: hanoi)
        let assessed = try await fixture.platform.selfAssessment(unit: "ha-noi", period: 2019, by: hanoi)
        #expect(assessed.comparedWith == nil)
        #expect(assessed.assessment.data.main.blocks.flatMap(\.units).map(\.unitID) == ["ha-noi"])
        #expect(assessed.problems.map(\.location?.detail) == ["staff_total"])
        #expect(assessed.assessment.data.main.blocks.flatMap(\.units).first?.values["staff_total"] == nil)
    }
}

@Suite("Backup")
struct BackupTests {
    /// A backup taken while another connection keeps saving drafts is a complete, consistent
    /// database; an existing file is never replaced.
    @Test func backupWhileWriting() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let hanoi = try await fixture.signedIn("cntt@hanoi.gov.vn", .submitter, unit: "ha-noi")
        // A second platform on the same workspace: its own connections, as another process has.
        let writer = try Platform(workspace: fixture.directory.path, clock: { fixture.clock.now })
        let saves = Task {
            var version = 0
            for count in 1...60 {
                version = try await writer.saveDraft(unit: "ha-noi", period: 2019, answers: ["staff_total": String(count)], expectedVersion: version, by: hanoi).draft.version
            }
            return version
        }
        let destination = fixture.directory.appendingPathComponent("copy.sqlite").path
        try await Task.sleep(for: .milliseconds(20))
        try await fixture.service.backup(workspace: fixture.directory.path, to: destination)
        let finalVersion = try await saves.value
        #expect(finalVersion == 60)
        let copy = try Store(path: destination, access: .readOnly)
        let (check, version, saveRows, submissions) = try await copy.database.read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"),
             try Int.fetchOne(db, sql: "SELECT version FROM draft WHERE unit_id = 'ha-noi'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry WHERE action = 'draft.save'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM submission") ?? 0)
        }
        #expect(check == "ok")
        // Consistent: the draft's version and its audit rows were copied from the same moment.
        #expect(version == saveRows)
        #expect(submissions == 89 + 87) // the example rows of 2018 and 2019
        await #expect(throws: SeasonError.self) { try await fixture.service.backup(workspace: fixture.directory.path, to: destination) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)
    }
}

@Suite("Excel form upload")
struct FormUploadTests {
    /// A filled form (`ictindex form --answers`) becomes the draft, through the hardened XLSX
    /// reader; another unit's form, another year's, or a file that is not a workbook is refused.
    @Test func aFilledFormBecomesTheDraft() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        let hanoi = try await fixture.signedIn("cntt@hanoi.gov.vn", .submitter, unit: "ha-noi")
        func form(_ unit: String, year: Int) throws -> Data {
            let methodology = try SeasonService().methodology("vn-it-application-2019").methodology
            var writer = SurveyFormWriter(methodology: methodology, block: "province", unitID: unit, period: year)
            writer.prefill = try SurveyReader.read(URL(fileURLWithPath: Repository.path("Examples/vn-it-application/survey-\(year).csv"))).first { $0.unitID == unit }
            let url = fixture.directory.appendingPathComponent("\(unit)-\(year).xlsx")
            try writer.write(to: url)
            return try Data(contentsOf: url)
        }
        let saved = try await platform.importForm(unit: "ha-noi", period: 2019, xlsx: try form("ha-noi", year: 2019), expectedVersion: 0, by: hanoi)
        #expect(saved.problems.isEmpty, "\(saved.problems)")
        #expect(saved.draft.version == 1)
        let expected = try exampleAnswers(2019, unit: "ha-noi")
        #expect(Set(saved.draft.answers.keys) == Set(expected.keys))
        #expect(saved.draft.answers["staff_total"] == expected["staff_total"])

        let other = await #expect(throws: PlatformError.self) { _ = try await platform.importForm(unit: "ha-noi", period: 2019, xlsx: try form("hue", year: 2019), expectedVersion: 1, by: hanoi) }
        #expect(other?.text.en.contains("another unit") == true)
        let lastYear = await #expect(throws: PlatformError.self) { _ = try await platform.importForm(unit: "ha-noi", period: 2019, xlsx: try form("ha-noi", year: 2018), expectedVersion: 1, by: hanoi) }
        #expect(lastYear?.text.en.contains("not the 2019 season") == true)
        await #expect(throws: PlatformError.unsupportedFile("PDF content, not an Excel workbook")) {
            _ = try await platform.importForm(unit: "ha-noi", period: 2019, xlsx: Data("%PDF-1.4".utf8), expectedVersion: 1, by: hanoi)
        }
        #expect(try await platform.draft(unit: "ha-noi", period: 2019, by: hanoi).version == 1)
    }
}

struct SetPasswordAndBlankFormTests {
    /// The one-time link's page sets the password: refused when too short (the link still
    /// works), then set in the transaction that spends the link; the new password signs in, the
    /// link never again.
    @Test func theLinkSetsThePasswordOnceAndIsSpent() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        let created = try await platform.addUser(email: "cntt@hue.gov.vn", role: .submitter, unit: "hue", signInLink: true)
        guard case .signInLink(let token, _) = created.credential else { Issue.record("expected a link"); return }

        let short = await #expect(throws: PlatformError.self) { _ = try await platform.signIn(linkToken: token, newPassword: "ngan") }
        guard case .invalid(let problems)? = short else { Issue.record("expected .invalid, got \(String(describing: short))"); return }
        #expect(problems.map { $0.message(in: .vi) } == ["mật khẩu cần ít nhất 10 ký tự"])
        #expect(problems.map(\.message) == ["the password needs at least 10 characters"])

        let signedIn = try await platform.signIn(linkToken: token, newPassword: "mat-khau-hue-2026")
        #expect(signedIn.principal.email == "cntt@hue.gov.vn" && signedIn.principal.unit == "hue")
        await #expect(throws: PlatformError.unauthenticated) { _ = try await platform.signIn(linkToken: token, newPassword: "mat-khau-khac-2026") }
        #expect(try await platform.signIn(email: "cntt@hue.gov.vn", password: "mat-khau-hue-2026").principal.unit == "hue")
        await #expect(throws: PlatformError.unauthenticated) { _ = try await platform.signIn(email: "cntt@hue.gov.vn", password: "mat-khau-khac-2026") }
        let trail = try await platform.auditTrail(unit: nil)
        #expect(trail.filter { $0.action == "user.password" }.count == 1)
    }

    /// The blank form of a unit is the workbook `ictindex form` writes for it (same writer, same
    /// methodology, block, unit, period and deadline), byte for byte; another unit's is not found
    /// for a submitter, any unit's is given to a reviewer.
    @Test func theBlankFormIsTheFormCommandsWorkbook() async throws {
        let fixture = try await Fixture.make()
        defer { fixture.remove() }
        let platform = fixture.platform
        let hanoi = try await fixture.signedIn("cntt@hanoi.gov.vn", .submitter, unit: "ha-noi")
        let form = try await platform.blankForm(unit: "ha-noi", period: 2019, language: .vi, by: hanoi)
        #expect(form.fileName == "ha-noi-2019.xlsx")

        let methodology = try SeasonService().methodology("vn-it-application-2019").methodology
        // The fixture's season closes ten days after 2026-05-28 20:26 UTC: 2026-06-07.
        let expected = SurveyFormWriter(methodology: methodology, block: "province", unitID: "ha-noi", unitName: "TP. Hà Nội", period: 2019,
                                        language: .vi, deadline: Day("2026-06-07"))
        #expect(form.data == (try expected.workbook().data()))

        await #expect(throws: PlatformError.notFound) { _ = try await platform.blankForm(unit: "hue", period: 2019, language: .vi, by: hanoi) }
        let reviewer = try await fixture.signedIn("analyst@mic.gov.vn", .reviewer)
        #expect(try await platform.blankForm(unit: "hue", period: 2019, language: .en, by: reviewer).fileName == "hue-2019.xlsx")
    }

    /// Stored timestamps read without ICU give the very date the ISO 8601 formatter gives, to
    /// the millisecond, for seeded random instants from 1900 to 2200 (leap days and month ends
    /// included); a text in any other form, or an impossible date, goes to the formatter.
    @Test func timestampsReadDirectlyAreTheFormattersDates() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var state: UInt64 = 20261130
        func next() -> UInt64 { // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var instants: [Int64] = [0, -1, 951_782_400_000, 951_868_799_999, 4_107_542_399_999, -2_208_988_800_000]
        for _ in 0..<5_000 { instants.append(-2_208_988_800_000 + Int64(next() % 9_467_107_200_000)) }
        for milliseconds in instants {
            let text = formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            #expect(Timestamp.millisecondsSince1970(text) == milliseconds, "\(text)")
            #expect(Timestamp.date(text) == formatter.date(from: text), "\(text)")
        }
        #expect(Timestamp.millisecondsSince1970("2019-02-29T10:00:00.000Z") == nil)
        #expect(Timestamp.millisecondsSince1970("2020-02-29T10:00:00.000Z") != nil)
        #expect(Timestamp.millisecondsSince1970("2019-04-31T10:00:00.000Z") == nil)
        #expect(Timestamp.millisecondsSince1970("2019-04-30T10:00:00Z") == nil)
        #expect(Timestamp.millisecondsSince1970("2019-04-30T10:00:00.000+07:00") == nil)
    }
}
