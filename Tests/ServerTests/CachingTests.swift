import Foundation
import HTTPTypes
import HummingbirdTesting
import IndexCore
import NIOCore
import Platform
import Season
import Testing
@testable import Server

/// What the server and the platform keep in memory between requests (docs/server.md,
/// "Caching"): the published report's files, the parsed methodology and last year's answers.
/// Each is served only while what it was made from is unchanged — a new publication, an edited
/// methodology or new answers are seen at the next request — and gives exactly what the
/// uncached path gives.
@Suite struct CachingTests {
    /// The public page from memory: the file's bytes, read once; an `ETag` and a 304 for
    /// `If-None-Match`; a publication replacing the folder (staging folder renamed into place,
    /// as `Platform.publish` does) serves the new page at once; unpublished, the site says so.
    @Test func thePublicPageIsServedFromMemoryUntilThePublicationChanges() async throws {
        let fixture = try await ServerFixture.make()
        defer { fixture.remove() }
        let folder = fixture.platform.publishedFolder(2018)
        let index = folder.appendingPathComponent("vi/index.html")
        let published = try Data(contentsOf: index)
        try await fixture.test { client in
            let first = try await client.execute(uri: "/", method: .get)
            #expect(first.status == .ok)
            #expect(Data(first.body.readableBytesView) == published)
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "no-cache")
            let second = try await client.execute(uri: "/", method: .get)
            #expect(Data(second.body.readableBytesView) == published)
            #expect(second.headers[.eTag] == etag)
            #expect(fixture.services.publishedFiles.count == 1, "the page is read once and kept")

            let unchanged = try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: etag])
            #expect(unchanged.status == .notModified)
            #expect(unchanged.body.readableBytes == 0)
            let other = try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: "\"something-else\""])
            #expect(other.status == .ok)

            // A new publication: a staging copy with a changed page, renamed into place.
            let staging = folder.deletingLastPathComponent().appendingPathComponent(".2018-staging")
            try FileManager.default.copyItem(at: folder, to: staging)
            let republished = published + Data("\n<!-- published again -->\n".utf8)
            try republished.write(to: staging.appendingPathComponent("vi/index.html"))
            try FileManager.default.removeItem(at: folder)
            try FileManager.default.moveItem(at: staging, to: folder)
            let after = try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: etag])
            #expect(after.status == .ok)
            #expect(Data(after.body.readableBytesView) == republished)
            #expect(after.headers[.eTag] != etag)

            // Edited in place (same file, new size and time): the new bytes too.
            try published.write(to: index)
            let edited = try await client.execute(uri: "/", method: .get)
            #expect(Data(edited.body.readableBytesView) == published)

            try await fixture.platform.unpublish(period: 2018, by: fixture.admin)
            let gone = try await client.execute(uri: "/", method: .get)
            #expect(gone.status == .ok)
            #expect(Data(gone.body.readableBytesView) != published)
            #expect(gone.headers[.eTag] == nil)
        }
    }

    /// An edited methodology file is parsed again at its next use: the new wording, never the
    /// old one; the unchanged file is parsed once.
    @Test func anEditedMethodologyIsSeenAtTheNextRequest() async throws {
        let fixture = try await ServerFixture.make()
        defer { fixture.remove() }
        let before = try await fixture.platform.methodology(period: ServerFixture.period)
        #expect(before.title.en == "IT-application index of state agencies")
        let file = fixture.directory.appendingPathComponent("methodologies/vn-it-application-2019.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "en: IT-application index of state agencies", with: "en: IT-application index (edited)")
        #expect(edited != text)
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let after = try await fixture.platform.methodology(period: ServerFixture.period)
        #expect(after.title.en == "IT-application index (edited)")
        // The survey form's context (a page's) sees it too.
        let (methodology, unit) = try await fixture.platform.formContext(period: ServerFixture.period, unit: ServerFixture.ownUnit)
        #expect(methodology.title.en == "IT-application index (edited)")
        #expect(unit.id == ServerFixture.ownUnit)
        // The first text again: its wording again.
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(try await fixture.platform.methodology(period: ServerFixture.period).title.en == "IT-application index of state agencies")
    }

    /// The self-assessment with last year's answers from memory is the one a platform with
    /// nothing in memory computes (the JSON the API sends, byte for byte) — before and after
    /// last year's answers change — and `whatIf=0` gives the same score without scenarios.
    @Test func theCachedSelfAssessmentIsTheUncachedOne() async throws {
        let fixture = try await ServerFixture.make()
        defer { fixture.remove() }
        let unit = ServerFixture.ownUnit, period = ServerFixture.period
        let password = try #require(fixture.passwords["\(unit)@example.vn"])
        let submitter = try await fixture.platform.signIn(email: "\(unit)@example.vn", password: password).principal
        _ = try await fixture.platform.saveDraft(unit: unit, period: period, answers: try WorkflowTests.exampleAnswers(2019, unit: unit), expectedVersion: 0, by: submitter)

        func json(_ platform: Platform, whatIf: Int = 3) async throws -> Data {
            let assessed = try await platform.selfAssessment(unit: unit, period: period, whatIfLimit: whatIf, by: submitter)
            return Data(SelfAssessmentResponse.json(assessed, language: .en).rendered(indent: 0).utf8)
        }
        let warm = try await json(fixture.platform)
        #expect(try await json(fixture.platform) == warm, "the second assessment, from memory")
        let cold = try await json(try Platform(workspace: fixture.directory.path))
        #expect(warm == cold)
        let assessed = try #require(try JSONSerialization.jsonObject(with: warm) as? [String: Any])
        #expect(assessed["comparedWith"] as? Int == 2018)

        // The score alone: the same numbers, no scenarios.
        let scoreOnly = try #require(try JSONSerialization.jsonObject(with: try await json(fixture.platform, whatIf: 0)) as? [String: Any])
        let full = try #require(assessed["assessment"] as? [String: Any]), score = try #require(scoreOnly["assessment"] as? [String: Any])
        #expect(score["value"] as? Double == full["value"] as? Double)
        #expect(score["rank"] as? Int == full["rank"] as? Int)
        #expect((full["what_if"] as? [Any])?.isEmpty == false)
        #expect((score["what_if"] as? [Any])?.isEmpty == true)

        // Last year's answers change (another province's 2018 answers imported again, with more
        // staff): the platform's next assessment is the fresh one, not the one it kept.
        let csv = try String(contentsOfFile: Repository.path("Examples/vn-it-application/survey-2018.csv"), encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let staff = try #require(header.firstIndex(of: "staff_total"))
        var row = try #require(lines.first { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(2).first == "da-nang" })
            .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        row[staff] = String((Int(row[staff]) ?? 0) + 5000)
        let changed = fixture.directory.appendingPathComponent("da-nang-2018.csv")
        try (lines[0] + "\n" + row.joined(separator: ",") + "\n").write(to: changed, atomically: true, encoding: .utf8)
        _ = try await SeasonService().importFiles(ImportRequest(files: [changed.path], workspace: fixture.directory.path))
        let afterImport = try await json(fixture.platform)
        #expect(afterImport != warm, "da-nang's new answers change the field the draft is ranked in")
        #expect(afterImport == (try await json(try Platform(workspace: fixture.directory.path))))
    }
}
