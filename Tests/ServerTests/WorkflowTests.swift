import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Platform
import Testing
@testable import Server

/// The whole season through the API, as the pages and scripts drive it: a province fills in,
/// gets a validation problem, fixes it, submits, is returned with a comment, resubmits and is
/// accepted; the reviewer computes and previews; the admin publishes.
@Suite struct WorkflowTests {
    /// A unit's answers of an example file, as typed (field id → cell text).
    static func exampleAnswers(_ year: Int, unit: String) throws -> [String: String] {
        let text = try String(contentsOfFile: Repository.path("Examples/vn-it-application/survey-\(year).csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let row = try #require(lines.first { $0.count > 2 && $0[2] == unit })
        var answers: [String: String] = [:]
        for (column, value) in zip(header, row) where !["period", "block", "id", "name"].contains(column) && !value.isEmpty {
            answers[column] = value
        }
        return answers
    }

    static func body(_ object: Any) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    @Test func aSeasonFromFirstDraftToPublication() async throws {
        let fixture = try await ServerFixture.make()
        defer { fixture.remove() }
        let example = try Self.exampleAnswers(2019, unit: "ha-noi")
        let staffTotal = try #require(example["staff_total"].flatMap { Int($0) })
        try await fixture.test { client in
            var answers = example
            let province = try await fixture.signIn("ha-noi@example.vn", client: client)
            let reviewer = try await fixture.signIn("reviewer@example.vn", client: client)
            let admin = try await fixture.signIn("admin@example.vn", client: client)
            let unit = "/api/v1/seasons/2019/units/ha-noi"
            func call(_ method: HTTPRequest.Method, _ uri: String, _ caller: Caller, _ body: Any? = nil) async throws -> TestResponse {
                var headers = caller.headers()
                if body != nil { headers[.contentType] = "application/json" }
                return try await client.execute(uri: uri, method: method, headers: headers, body: try body.map(Self.body))
            }

            // A fresh draft.
            let fresh = try await call(.get, "\(unit)/draft", province)
            #expect(fresh.status == .ok)
            #expect(fresh.json?["version"] as? Int == 0)
            #expect(fresh.json?["state"] as? String == "notStarted")

            // One invalid answer: more staff with a computer than staff. Saved, with the problem.
            var invalid = answers
            invalid["staff_with_computer"] = String(staffTotal + 1)
            let saved = try await call(.put, "\(unit)/draft", province, ["answers": invalid, "version": 0])
            #expect(saved.status == .ok)
            let problems = try #require(saved.json?["problems"] as? [[String: Any]])
            #expect(problems.map { $0["code"] as? String } == ["constraint-violated"])
            #expect((saved.json?["draft"] as? [String: Any])?["version"] as? Int == 1)

            // Submitting it is refused with the same diagnostic code as the CLI.
            let refused = try await call(.post, "\(unit)/submit", province, ["version": 1])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorCode == "invalid-input")
            let diagnostics = try #require((refused.json?["error"] as? [String: Any])?["diagnostics"] as? [[String: Any]])
            #expect(diagnostics.contains { $0["code"] as? String == "constraint-violated" })

            // A stale save (someone kept version 0) gets 409 with the other edit, and writes nothing.
            let stale = try await call(.put, "\(unit)/draft", province, ["answers": answers, "version": 0])
            #expect(stale.status == .conflict)
            #expect(stale.errorCode == "conflict")
            let details = try #require((stale.json?["error"] as? [String: Any])?["details"] as? [String: Any])
            #expect((details["current"] as? [String: Any])?["version"] as? Int == 1)
            #expect(details["differingFields"] as? [String] == ["staff_with_computer"])
            #expect(((details["current"] as? [String: Any])?["answers"] as? [String: String])?["staff_with_computer"] == String(staffTotal + 1))

            // Fixed: no problems; the self-assessment compares with last year's published run.
            let fixed = try await call(.put, "\(unit)/draft", province, ["answers": answers, "version": 1])
            #expect(fixed.status == .ok)
            #expect((fixed.json?["problems"] as? [Any])?.isEmpty == true)
            let assessment = try await call(.get, "\(unit)/self-assessment", province)
            #expect(assessment.status == .ok)
            #expect(assessment.json?["comparedWith"] as? Int == 2018)
            #expect(assessment.json?["assessment"] is [String: Any])
            #expect(assessment.json?["explanation"] is [String: Any])

            let submitted = try await call(.post, "\(unit)/submit", province, ["version": 2])
            #expect(submitted.status == .ok, "\(submitted.text)")
            #expect((submitted.json?["draft"] as? [String: Any])?["state"] as? String == "submitted")

            // The reviewer sees it, returns it with a comment on one answer.
            let dashboard = try await call(.get, "/api/v1/seasons/2019/dashboard", reviewer)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(dashboard.body.readableBytesView)) as? [[String: Any]])
            #expect(rows.first { $0["unit"] as? String == "ha-noi" }?["state"] as? String == "submitted")
            #expect(rows.first { $0["unit"] as? String == "da-nang" }?["state"] as? String == "notStarted")
            let sheet = try await call(.get, "\(unit)/review", reviewer)
            #expect(sheet.status == .ok)
            #expect(((sheet.json?["draft"] as? [String: Any])?["answers"] as? [String: String]) == answers)
            let lastYear = sheet.json?["lastYear"] as? [String: String]
            #expect(lastYear?.isEmpty == false)
            let comment = "Số máy tính cần có biên bản kiểm kê."
            let returned = try await call(.post, "\(unit)/return", reviewer, ["comments": [["field": "computers_total", "text": comment]]])
            #expect(returned.status == .ok)
            #expect(returned.json?["state"] as? String == "returned")

            // The province sees the comment, changes an answer and resubmits.
            let back = try await call(.get, "\(unit)/draft", province)
            let comments = try #require(back.json?["comments"] as? [[String: Any]])
            #expect(comments.map { $0["text"] as? String } == [comment])
            #expect(comments.first?["field"] as? String == "computers_total")
            let version = try #require(back.json?["version"] as? Int)
            answers["computers_total"] = String(Int(answers["computers_total"] ?? "0")! + 1)
            #expect(try await call(.put, "\(unit)/draft", province, ["answers": answers, "version": version]).status == .ok)
            let resubmitted = try await call(.post, "\(unit)/submit", province, ["version": version + 1])
            #expect(resubmitted.status == .ok, "\(resubmitted.text)")

            let accepted = try await call(.post, "\(unit)/accept", reviewer)
            #expect(accepted.status == .ok)
            #expect(accepted.json?["state"] as? String == "accepted")

            // Compute, preview, publish.
            let computed = try await call(.post, "/api/v1/seasons/2019/compute", reviewer)
            #expect(computed.status == .ok, "\(computed.text.prefix(300))")
            let run = try #require(computed.json?["run"] as? Int)
            let result = try #require(computed.json?["result"] as? [String: Any])
            #expect(result["period"] as? Int == 2019)
            let preview = try await call(.post, "/api/v1/seasons/2019/preview?lang=en", reviewer)
            #expect(preview.status == .created)
            let index = try #require(preview.json?["index"] as? String)
            #expect(index == "/api/v1/seasons/2019/preview/en/index.html")
            let page = try await call(.get, index, reviewer)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("<html"))
            #expect(try await call(.get, "/api/v1/seasons/2019/preview/en/..%2F..%2Findex.sqlite", reviewer).status == .notFound)
            #expect(try await call(.post, "/api/v1/seasons/2019/publish", reviewer, ["run": run]).status == .forbidden)
            let published = try await call(.post, "/api/v1/seasons/2019/publish", admin, ["run": run])
            #expect(published.status == .ok, "\(published.text.prefix(300))")
            #expect(published.json?["publishedRun"] as? Int == run)

            // Every change is in the audit trail, attributed.
            let audit = try await call(.get, "\(unit)/audit", reviewer)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.body.readableBytesView)) as? [[String: Any]])
            let actors = Set(entries.compactMap { $0["actor"] as? String })
            #expect(actors.isSuperset(of: ["ha-noi@example.vn", "reviewer@example.vn"]))
            #expect(entries.count >= 6)
        }
    }

    @Test func anAdminManagesAccountsAndTokensThroughTheAPI() async throws {
        let fixture = try await ServerFixture.make(publishLastYear: false)
        defer { fixture.remove() }
        try await fixture.test { client in
            let admin = try await fixture.signIn("admin@example.vn", client: client)
            var headers = admin.headers()
            headers[.contentType] = "application/json"
            let created = try await client.execute(
                uri: "/api/v1/users", method: .post, headers: headers,
                body: try Self.body(["email": "hue@example.vn", "role": "submitter", "unit": "thua-thien-hue"]))
            #expect(created.status == .created)
            let password = try #require(created.json?["password"] as? String)
            #expect((created.json?["account"] as? [String: Any])?["unit"] as? String == "thua-thien-hue")
            // The new account signs in with it.
            let signIn = try await client.execute(
                uri: "/api/v1/session", method: .post, body: try Self.body(["email": "hue@example.vn", "password": password]))
            #expect(signIn.status == .ok)
            #expect((signIn.json?["principal"] as? [String: Any])?["unit"] as? String == "thua-thien-hue")
            // An unknown unit is refused with the registry's diagnostic, not a 500.
            let unknown = try await client.execute(
                uri: "/api/v1/users", method: .post, headers: headers,
                body: try Self.body(["email": "x@example.vn", "role": "submitter", "unit": "khong-co"]))
            #expect([400, 404, 422].contains(unknown.status.code), "\(unknown.status.code) \(unknown.text)")
            // A token scoped to a unit acts as that unit's submitter.
            let token = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: headers,
                body: try Self.body(["role": "submitter", "unit": "thua-thien-hue", "label": "ci"]))
            #expect(token.status == .created)
            let bearer = Caller.bearer(token: try #require(token.json?["token"] as? String), label: "ci")
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer.headers())
            #expect((me.json?["principal"] as? [String: Any])?["role"] as? String == "submitter")
            #expect(try await client.execute(uri: "/api/v1/seasons/2019/units/ha-noi/draft", method: .get, headers: bearer.headers()).status == .notFound)
            // Disabling the account ends its sessions.
            let disabled = try await client.execute(uri: "/api/v1/users/hue@example.vn/disable", method: .post, headers: admin.headers())
            #expect(disabled.status == .noContent)
            let cookie = try #require(ServerFixture.sessionCookie(signIn.headers))
            let after = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: "\(SessionCookie.name)=\(cookie)"])
            #expect(after.status == .unauthorized)
        }
    }
}
