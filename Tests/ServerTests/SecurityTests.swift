import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import Server

/// Cookies, CSRF, headers, limits and sign-in throttling, through the whole middleware chain.
@Suite struct SecurityTests {
    static let headerChecks: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy, SecurityHeadersMiddleware.contentSecurityPolicy),
        (.xContentTypeOptions, "nosniff"),
        (.referrerPolicy, "same-origin"),
    ]

    @Test func theContentSecurityPolicyIsTheDocumentedOne() {
        #expect(SecurityHeadersMiddleware.contentSecurityPolicy
            == "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
    }

    @Test func everyResponseCarriesTheSecurityHeadersErrorsAnd404sToo() async throws {
        let fixture = try await ServerFixture.make(publishLastYear: false)
        defer { fixture.remove() }
        try await fixture.test { client in
            let admin = try await fixture.signIn("admin@example.vn", client: client)
            let requests: [(String, HTTPRequest.Method, Caller, HTTPResponse.Status)] = [
                ("/api/v1/openapi.yaml", .get, .anonymous, .ok),
                ("/api/v1/me", .get, .anonymous, .unauthorized),
                ("/api/v1/me", .get, admin, .ok),
                ("/api/v1/no-such-route", .get, .anonymous, .notFound),
                ("/no-such-page", .get, .anonymous, .notFound),
                ("/api/v1/seasons", .post, admin, .badRequest),
                ("/api/v1/seasons/2019/dashboard", .get, .bearer(token: "wrong", label: "bad token"), .unauthorized),
            ]
            for (uri, method, caller, status) in requests {
                let response = try await client.execute(uri: uri, method: method, headers: caller.headers())
                #expect(response.status == status, "\(method) \(uri) as \(caller)")
                for (name, value) in Self.headerChecks {
                    #expect(response.headers[name] == value, "\(name) on \(method) \(uri) (\(response.status.code))")
                }
                let credentials = if case .anonymous = caller { false } else { true }
                #expect((response.headers[.cacheControl] == "no-store") == credentials, "Cache-Control on \(method) \(uri) as \(caller)")
            }
        }
    }

    @Test func unknownAPIRoutesAnswerA404InJSONAndPagesInHTML() async throws {
        let fixture = try await ServerFixture.make(publishLastYear: false)
        defer { fixture.remove() }
        try await fixture.test { client in
            let api = try await client.execute(uri: "/api/v1/nothing/here", method: .delete)
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/json; charset=utf-8")
            #expect(api.errorCode == "not-found")
            #expect((api.json?["error"] as? [String: Any])?["message"] as? String == "Không tìm thấy trang hoặc dữ liệu được yêu cầu.")
            let english = try await client.execute(uri: "/api/v1/nothing?lang=en", method: .get)
            #expect((english.json?["error"] as? [String: Any])?["message"] as? String == "The requested page or data was not found.")
            let page = try await client.execute(uri: "/khong-co", method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.9"])
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("<html lang=\"en\">"))
        }
    }

    @Test func theSessionCookieIsHttpOnlySameSiteLaxPathRootAndSecureWhenConfigured() async throws {
        for secure in [false, true] {
            let fixture = try await ServerFixture.make(publishLastYear: false)
            defer { fixture.remove() }
            var configuration = fixture.services.configuration
            configuration.secureCookies = secure
            let services = ServerServices(configuration: configuration, platform: fixture.platform)
            let application = Application(router: makeRouter(services))
            try await application.test(.router) { client in
                let body = #"{"email":"admin@example.vn","password":"\#(fixture.passwords["admin@example.vn"]!)"}"#
                let response = try await client.execute(uri: "/api/v1/session", method: .post, body: .json(body))
                #expect(response.status == .ok)
                let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix(SessionCookie.name + "=") })
                let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
                #expect(attributes.contains("httponly"))
                #expect(attributes.contains("samesite=lax"))
                #expect(attributes.contains("path=/"))
                #expect(attributes.contains("max-age=\(Int(fixture.platform.policy.sessionLifetime))"))
                #expect(attributes.contains("secure") == secure)
                // The answer carries the session's CSRF token: never cached, though the request had no credentials.
                #expect(response.headers[.cacheControl] == "no-store")
                // The cookie is the session token, never the password or a user id.
                let token = try #require(ServerFixture.sessionCookie(response.headers))
                #expect(try await fixture.platform.principal(session: token)?.email == "admin@example.vn")
            }
        }
    }

    @Test func aStateChangingRequestWithTheCookieNeedsTheCSRFToken() async throws {
        let fixture = try await ServerFixture.make(publishLastYear: false)
        defer { fixture.remove() }
        try await fixture.test { client in
            let submitter = try await fixture.signIn("ha-noi@example.vn", client: client)
            guard case .session(let cookie, let csrf, _) = submitter else { Issue.record("no session"); return }
            let uri = "/api/v1/seasons/2019/units/ha-noi/draft"
            let body = ByteBuffer.json(#"{"answers":{"staff_total":"120"},"version":0}"#)
            // Missing token.
            let missing = try await client.execute(uri: uri, method: .put, headers: submitter.headers(csrf: false), body: body)
            #expect(missing.status == .forbidden)
            #expect(missing.errorCode == "csrf")
            // Wrong token (same length, one character off), and a token of another length.
            var wrong = submitter.headers(csrf: false)
            let last = csrf.last == "A" ? "B" : "A"
            wrong[.csrfToken] = String(csrf.dropLast()) + last
            #expect(try await client.execute(uri: uri, method: .put, headers: wrong, body: body).status == .forbidden)
            wrong[.csrfToken] = csrf + "x"
            #expect(try await client.execute(uri: uri, method: .put, headers: wrong, body: body).status == .forbidden)
            // The form field works as well as the header.
            var form = HTTPFields()
            form[.cookie] = "\(SessionCookie.name)=\(cookie)"
            form[.contentType] = "application/x-www-form-urlencoded"
            let signOutWrong = try await client.execute(uri: "/api/v1/session", method: .delete, headers: form, body: ByteBuffer(string: "csrf=nope"))
            #expect(signOutWrong.status == .forbidden)
            // Nothing was saved by the refused requests.
            #expect(try await fixture.platform.draft(unit: "ha-noi", period: 2019, by: fixture.admin).version == 0)
            // With the token it goes through.
            let saved = try await client.execute(uri: uri, method: .put, headers: submitter.headers(), body: body)
            #expect(saved.status == .ok)
            let signOut = try await client.execute(uri: "/api/v1/session", method: .delete, headers: form, body: ByteBuffer(string: "csrf=\(csrf)"))
            #expect(signOut.status == .noContent)
            #expect(try await fixture.platform.principal(session: cookie) == nil)
        }
    }

    @Test func bearerTokensNeedNoCSRFTokenAndSignedOutPostsFromAnotherSiteAreRefused() async throws {
        let fixture = try await ServerFixture.make(publishLastYear: false)
        defer { fixture.remove() }
        let token = try await fixture.token(.submitter, unit: "ha-noi", label: "ci")
        try await fixture.test { client in
            let saved = try await client.execute(
                uri: "/api/v1/seasons/2019/units/ha-noi/draft", method: .put, headers: token.headers(),
                body: .json(#"{"answers":{"staff_total":"120"},"version":0}"#))
            #expect(saved.status == .ok)
            let body = #"{"email":"admin@example.vn","password":"\#(fixture.passwords["admin@example.vn"]!)"}"#
            let forged = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.origin: "https://evil.example"], body: .json(body))
            #expect(forged.status == .forbidden)
            #expect(forged.errorCode == "cross-origin")
            #expect(ServerFixture.sessionCookie(forged.headers) == nil)
            let sameSite = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.origin: "http://localhost"], body: .json(body))
            #expect(sameSite.status == .ok)
        }
    }

    @Test func signInIsRateLimitedPerClientAddressWithRetryAfter() async throws {
        let limits = ServerLimits(signInAttemptsPerWindow: 3, signInWindowSeconds: 60)
        let fixture = try await ServerFixture.make(publishLastYear: false, limits: limits, trustForwardedFor: true)
        defer { fixture.remove() }
        try await fixture.test { client in
            // An e-mail without an account: Platform's per-account lockout never starts.
            let wrong = ByteBuffer.json(#"{"email":"nobody@example.vn","password":"wrong"}"#)
            for attempt in 1...3 {
                let response = try await client.execute(
                    uri: "/api/v1/session", method: .post, headers: [.xForwardedFor: "203.0.113.7"], body: wrong)
                #expect(response.status == .unauthorized, "attempt \(attempt)")
            }
            let refused = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.xForwardedFor: "203.0.113.7"], body: wrong)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.errorCode == "rate-limited")
            let wait = try #require(refused.headers[.retryAfter].flatMap(Int.init))
            #expect((1...60).contains(wait))
            // Another address is not affected; only the last hop of X-Forwarded-For counts.
            let other = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.xForwardedFor: "203.0.113.7, 198.51.100.2"], body: wrong)
            #expect(other.status == .unauthorized)
        }
    }

    @Test func anAccountLockedAfterFailuresAnswers423WithRetryAfter() async throws {
        let fixture = try await ServerFixture.make(publishLastYear: false)
        defer { fixture.remove() }
        try await fixture.test { client in
            let wrong = ByteBuffer.json(#"{"email":"ha-noi@example.vn","password":"wrong"}"#)
            var statuses: [Int] = []
            for _ in 0..<fixture.platform.policy.maxFailedSignIns {
                statuses.append(try await client.execute(uri: "/api/v1/session", method: .post, body: wrong).status.code)
            }
            #expect(statuses == Array(repeating: 401, count: fixture.platform.policy.maxFailedSignIns - 1) + [423])
            let right = ByteBuffer.json(#"{"email":"ha-noi@example.vn","password":"\#(fixture.passwords["ha-noi@example.vn"]!)"}"#)
            let locked = try await client.execute(uri: "/api/v1/session", method: .post, body: right)
            #expect(locked.status.code == 423)
            #expect(locked.errorCode == "locked-out")
            #expect(locked.headers[.retryAfter] != nil)
        }
    }

    @Test func bodiesAboveTheLimitsAre413WhileTheyAreRead() async throws {
        let limits = ServerLimits(uploadBytes: 4096, formOverheadBytes: 512, jsonBytes: 1024)
        let fixture = try await ServerFixture.make(publishLastYear: false, limits: limits)
        defer { fixture.remove() }
        let token = try await fixture.token(.submitter, unit: "ha-noi", label: "ci")
        try await fixture.test { client in
            let padding = String(repeating: " ", count: 2000)
            let json = try await client.execute(
                uri: "/api/v1/seasons/2019/units/ha-noi/draft", method: .put, headers: token.headers(),
                body: .json(#"{"answers":{},"version":0}"# + padding))
            #expect(json.status == .contentTooLarge)
            #expect(json.errorCode == "too-large")
            let upload = try await client.execute(
                uri: "/api/v1/seasons/2019/units/ha-noi/evidence?field=staff_total&name=a.pdf", method: .post, headers: token.headers(),
                body: ByteBuffer(bytes: [UInt8](repeating: 0x25, count: 4097)))
            #expect(upload.status == .contentTooLarge)
            #expect(try await fixture.platform.draft(unit: "ha-noi", period: 2019, by: fixture.admin).evidence.isEmpty)
        }
    }

    @Test func theLanguageComesFromTheQueryThenTheCookieThenAcceptLanguage() async throws {
        let fixture = try await ServerFixture.make(publishLastYear: false)
        defer { fixture.remove() }
        try await fixture.test { client in
            func message(_ uri: String, _ headers: HTTPFields = [:]) async throws -> (String?, [String]) {
                let response = try await client.execute(uri: uri, method: .get, headers: headers)
                return ((response.json?["error"] as? [String: Any])?["message"] as? String, response.headers[values: .setCookie])
            }
            let vi = "Cần đăng nhập.", en = "Sign-in required."
            #expect(try await message("/api/v1/me").0 == vi)
            #expect(try await message("/api/v1/me", [.acceptLanguage: "en-US,en;q=0.9"]).0 == en)
            #expect(try await message("/api/v1/me", [.acceptLanguage: "en;q=0.5, vi;q=0.8"]).0 == vi)
            let switched = try await message("/api/v1/me?lang=en", [.acceptLanguage: "vi"])
            #expect(switched.0 == en)
            #expect(switched.1.contains { $0.hasPrefix("lang=en;") })
            #expect(try await message("/api/v1/me", [.cookie: "lang=en", .acceptLanguage: "vi"]).0 == en)
            #expect(try await message("/api/v1/me?lang=vi", [.cookie: "lang=en"]).0 == vi)
        }
    }
}
