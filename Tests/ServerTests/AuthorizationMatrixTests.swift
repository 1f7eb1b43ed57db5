import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platform
import Testing
@testable import Server

/// Every route of the router — the JSON API's and the pages' — × every kind of caller (signed
/// out, a disabled account, another unit's submitter, the unit's own submitter, a reviewer, an
/// admin, each as a session and as an API token), asserting who gets through and who gets 401,
/// 403 or 404 (a page sends a signed-out visitor to sign in: 303). The routes come from the
/// router itself, so a new route fails this test until its access is declared in
/// ``AuthorizationMatrixTests/access``.
///
/// Each route is called twice: with well-formed parameters and no body, and with a malformed
/// period. A caller the server lets through gets 400 for what it sent wrong (or its answer);
/// a caller it refuses gets 401/403/404 *before* anything is parsed. So removing any one of the
/// server's checks turns a 401/403/404 into a 400 or a 2xx here, even where Platform would refuse
/// too (it checks again, defense in depth, and has its own tests).
@Suite(.serialized) struct AuthorizationMatrixTests {
    /// Who may call a route.
    enum Access {
        /// Anyone, signed in or not (sign-in itself, the OpenAPI document, public pages).
        case anyone
        /// Any signed-in account or token.
        case signedIn
        /// Reviewers and admins.
        case reviewer
        /// Admins only.
        case admin
        /// The unit's own submitter, reviewers and admins (reading a unit's things).
        case unitRead
        /// The unit's own submitter only (filling in); reviewers and admins 403.
        case unitFill
        /// A submitter, on their own unit's pages (the unit is the account's: no other unit can
        /// be named); reviewers and admins 403.
        case submitter
    }

    /// The declared access of every route ("METHOD /path" as the router lists it). The pages add
    /// theirs here: a page refuses like the API (403, and 404 for another unit) except that a
    /// signed-out visitor is sent to sign in (303) instead of getting 401.
    static let access: [String: Access] = [
        "POST /api/v1/session": .anyone,
        "POST /api/v1/session/link": .anyone,
        "DELETE /api/v1/session": .signedIn,
        "GET /api/v1/me": .signedIn,
        "GET /api/v1/openapi.yaml": .anyone,
        "GET /api/v1/seasons": .signedIn,
        "POST /api/v1/seasons": .admin,
        "PUT /api/v1/seasons/{period}/deadline": .admin,
        "GET /api/v1/users": .admin,
        "POST /api/v1/users": .admin,
        "POST /api/v1/users/{email}/disable": .admin,
        "POST /api/v1/tokens": .admin,
        "GET /api/v1/seasons/{period}/units/{unit}/draft": .unitRead,
        "PUT /api/v1/seasons/{period}/units/{unit}/draft": .unitFill,
        "GET /api/v1/seasons/{period}/units/{unit}/form": .unitRead,
        "PUT /api/v1/seasons/{period}/units/{unit}/form": .unitFill,
        "POST /api/v1/seasons/{period}/units/{unit}/evidence": .unitFill,
        "GET /api/v1/seasons/{period}/units/{unit}/evidence/{id}": .unitRead,
        "POST /api/v1/seasons/{period}/units/{unit}/submit": .unitFill,
        "GET /api/v1/seasons/{period}/units/{unit}/self-assessment": .unitRead,
        "GET /api/v1/seasons/{period}/units/{unit}/review": .reviewer,
        "POST /api/v1/seasons/{period}/units/{unit}/return": .reviewer,
        "POST /api/v1/seasons/{period}/units/{unit}/accept": .reviewer,
        "GET /api/v1/seasons/{period}/units/{unit}/audit": .unitRead,
        "GET /api/v1/seasons/{period}/dashboard": .reviewer,
        "POST /api/v1/seasons/{period}/compute": .reviewer,
        "POST /api/v1/seasons/{period}/preview": .reviewer,
        "GET /api/v1/seasons/{period}/preview/{language}/**": .reviewer,
        "POST /api/v1/seasons/{period}/publish": .admin,
        "DELETE /api/v1/seasons/{period}/publish": .admin,

        // The pages.
        "GET /": .anyone,
        "GET /{first}": .anyone,
        "GET /{first}/{file}": .anyone,
        "GET /en": .anyone,
        "GET /en/{first}": .anyone,
        "GET /en/{first}/{file}": .anyone,
        "GET /static/{file}": .anyone,
        "GET /sign-in": .anyone,
        "POST /sign-in": .anyone,
        "GET /sign-in/{token}": .anyone,
        "POST /sign-in/{token}": .anyone,
        "POST /sign-out": .anyone,
        "GET /season": .signedIn,
        "GET /season/form": .submitter,
        "POST /season/form": .submitter,
        "GET /season/form.xlsx": .submitter,
        "POST /season/form/upload": .submitter,
        "GET /season/self-assessment": .submitter,
        "GET /season/dashboard": .reviewer,
        "GET /season/review/{unit}": .reviewer,
        "POST /season/review/{unit}": .reviewer,
        "GET /season/evidence/{unit}/{id}": .unitRead,
        "POST /season/compute": .reviewer,
        "POST /season/preview": .reviewer,
        "GET /season/preview/{first}": .reviewer,
        "GET /season/preview/{first}/{file}": .reviewer,
        "GET /season/admin": .admin,
        "POST /season/admin/seasons": .admin,
        "POST /season/admin/accounts": .admin,
        "POST /season/admin/accounts/disable": .admin,
        "POST /season/publish": .admin,
    ]

    /// The kinds of caller.
    enum Kind: CaseIterable {
        case anonymous, ownSubmitter, otherSubmitter, reviewer, admin, disabled
        case ownSubmitterToken, otherSubmitterToken, reviewerToken, adminToken

        /// The role and unit the caller acts as (nil: nobody).
        var identity: (role: Role, unit: String?)? {
            switch self {
            case .anonymous, .disabled: nil
            case .ownSubmitter, .ownSubmitterToken: (.submitter, ServerFixture.ownUnit)
            case .otherSubmitter, .otherSubmitterToken: (.submitter, ServerFixture.otherUnit)
            case .reviewer, .reviewerToken: (.reviewer, nil)
            case .admin, .adminToken: (.admin, nil)
            }
        }
    }

    /// What the server's checks must answer `kind` on a route of `access` (nil: let through).
    static func refusal(_ access: Access, _ kind: Kind, page: Bool = false) -> HTTPResponse.Status? {
        guard let identity = kind.identity else { return access == .anyone ? nil : page ? .seeOther : .unauthorized }
        switch access {
        case .anyone, .signedIn: return nil
        case .admin: return identity.role == .admin ? nil : .forbidden
        case .reviewer: return identity.role == .submitter ? .forbidden : nil
        case .unitRead:
            if identity.role == .submitter { return identity.unit == ServerFixture.ownUnit ? nil : .notFound }
            return nil
        case .unitFill:
            if identity.role == .submitter { return identity.unit == ServerFixture.ownUnit ? nil : .notFound }
            return .forbidden
        case .submitter: return identity.role == .submitter ? nil : .forbidden
        }
    }

    /// Routes whose well-formed request is too heavy or too final to repeat for every caller let
    /// through. `POST /season/preview` writes the national report (tens of seconds in a debug
    /// build): its first caller let through writes it — it runs before every other route, so the
    /// preview files' routes have the files — and the others are not sent it again. The API's
    /// preview and `DELETE …/publish` (there is no publication of 2019 to withdraw; the OpenAPI
    /// test withdraws 2018's) get only the malformed request from the callers let through, which
    /// still proves they got past every check (400, not 401/403/404). Every refused caller is
    /// tried on them as on any route.
    static let wellFormedOnce: Set<String> = ["POST /season/preview"]
    static let onlyMalformedWhenLetThrough: Set<String> = ["POST /api/v1/seasons/{period}/preview", "DELETE /api/v1/seasons/{period}/publish"]

    @Test func everyRouteAnswersEveryCallerAsDeclared() async throws {
        let fixture = try await ServerFixture.make()
        defer { fixture.remove() }
        let routes = fixture.router.routes.map { "\($0.method) \($0.path)" }
        let undeclared = routes.filter { Self.access[$0] == nil }
        #expect(undeclared.isEmpty, "routes without a declared access (add them to AuthorizationMatrixTests.access): \(undeclared)")
        let missing = Set(Self.access.keys).subtracting(routes)
        #expect(missing.isEmpty, "declared routes the router does not have: \(missing.sorted())")

        // Things the routes name must exist, so that a 404 can only come from a refusal.
        let own = try await fixture.platform.signIn(email: "ha-noi@example.vn", password: fixture.passwords["ha-noi@example.vn"]!).principal
        let evidence = try await fixture.platform.addEvidence(
            unit: ServerFixture.ownUnit, period: ServerFixture.period, field: "staff_total", fileName: "minh-chung.pdf",
            data: Data("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".utf8), by: own)
        _ = try await fixture.platform.addUser(email: "target@example.vn", role: .submitter, unit: ServerFixture.otherUnit, by: fixture.admin)
        // (The preview the preview files' routes read is written by `POST /season/preview`,
        // which runs first.)

        // A disabled account's session, made while it was enabled.
        let disabledSession = try await fixture.platform.signIn(email: "disabled@example.vn", password: fixture.passwords["disabled@example.vn"]!).session
        try await fixture.disable("disabled@example.vn")
        let tokens: [Kind: Caller] = [
            .ownSubmitterToken: try await fixture.token(.submitter, unit: ServerFixture.ownUnit, label: "own"),
            .otherSubmitterToken: try await fixture.token(.submitter, unit: ServerFixture.otherUnit, label: "other"),
            .reviewerToken: try await fixture.token(.reviewer, label: "reviewer"),
            .adminToken: try await fixture.token(.admin, label: "admin"),
        ]
        let emails: [Kind: String] = [
            .ownSubmitter: "ha-noi@example.vn", .otherSubmitter: "da-nang@example.vn",
            .reviewer: "reviewer@example.vn", .admin: "admin@example.vn",
        ]
        let parameters = [
            "period": String(ServerFixture.period), "unit": ServerFixture.ownUnit, "email": "target@example.vn",
            "id": String(evidence.id), "language": "vi", "**": "index.html", "file": "site.css",
        ]
        try await fixture.test { client in
            var links = 0
            // The routes writing what others read first, then by path and method.
            let ordered = fixture.router.routes.sorted { a, b in
                let first = (Self.wellFormedOnce.contains("\(a.method) \(a.path)") ? 0 : 1, a.path.description, a.method.rawValue)
                let second = (Self.wellFormedOnce.contains("\(b.method) \(b.path)") ? 0 : 1, b.path.description, b.method.rawValue)
                return first < second
            }
            for route in ordered {
                let name = "\(route.method) \(route.path)"
                guard let access = Self.access[name] else { continue }
                let path = route.path.description
                let page = !path.hasPrefix(APIPath.prefix + "/")
                var letThrough = 0
                for kind in Kind.allCases {
                    // A fresh session per route: DELETE /session ends the one it is called with.
                    let caller: Caller
                    switch kind {
                    case .anonymous: caller = .anonymous
                    case .disabled: caller = .session(cookie: disabledSession, csrf: "", label: "disabled")
                    case .ownSubmitterToken, .otherSubmitterToken, .reviewerToken, .adminToken: caller = tokens[kind]!
                    case .ownSubmitter, .otherSubmitter, .reviewer, .admin:
                        let email = emails[kind]!
                        let signedIn = try await fixture.platform.signIn(email: email, password: fixture.passwords[email]!)
                        caller = .session(cookie: signedIn.session, csrf: signedIn.csrfToken, label: email)
                    }
                    let expected = Self.refusal(access, kind, page: page)
                    if expected == nil { letThrough += 1 }
                    let skipWellFormed = expected == nil
                        && (Self.onlyMalformedWhenLetThrough.contains(name) || (letThrough > 1 && Self.wellFormedOnce.contains(name)))
                    var values = parameters
                    values["first"] = path.hasSuffix("{first}") ? "index.html" : "units"
                    values["file"] = path.hasPrefix("/static/") ? "site.css" : "ha-noi.html"
                    if path.contains("{token}") {
                        // A one-time link of its own: the first use spends it.
                        links += 1
                        let created = try await fixture.platform.addUser(email: "link-\(links)@example.vn", role: .reviewer, signInLink: true, by: fixture.admin)
                        guard case .signInLink(let token, _) = created.credential else { throw ServerFixture.FixtureError.noPassword }
                        values["token"] = token
                    }
                    for malformed in [false, true] {
                        if malformed, !path.contains("{period}") { continue }
                        if skipWellFormed, !malformed { continue }
                        let uri = Self.uri(path, values, malformedPeriod: malformed)
                        let response = try await client.execute(uri: uri, method: route.method, headers: caller.headers())
                        let status = response.status
                        let label = "\(name) as \(kind)\(malformed ? " (malformed period)" : "")"
                        if let expected {
                            #expect(status == expected, "\(label): \(status.code) \(response.text.prefix(200))")
                        } else if malformed {
                            #expect(status == .badRequest, "\(label): \(status.code)")
                        } else {
                            // (401 is an answer on the sign-in forms — wrong credentials — not a refusal.)
                            let refusals = access == .anyone ? [403, 404] : [401, 403, 404]
                            #expect(!refusals.contains(status.code), "\(label) must get through: \(status.code) \(response.text.prefix(200))")
                            #expect(status.code < 500, "\(label): \(status.code) \(response.text.prefix(300))")
                        }
                    }
                }
            }
        }
    }

    /// A concrete URI for a route path.
    static func uri(_ path: String, _ parameters: [String: String], malformedPeriod: Bool) -> String {
        let uri = path.split(separator: "/").map { component -> String in
            if component == "**" { return parameters["**"]! }
            guard component.hasPrefix("{"), component.hasSuffix("}") else { return String(component) }
            let name = String(component.dropFirst().dropLast())
            if name == "period", malformedPeriod { return "x2019" }
            return parameters[name] ?? "unknown-\(name)"
        }.reduce("") { $0 + "/" + $1 }
        return uri.isEmpty ? "/" : uri
    }

    @Test func anotherUnitsThingsAnswerTheSame404AsThingsThatDoNotExist() async throws {
        let fixture = try await ServerFixture.make(publishLastYear: false)
        defer { fixture.remove() }
        let other = try await fixture.platform.signIn(email: "da-nang@example.vn", password: fixture.passwords["da-nang@example.vn"]!).principal
        let theirs = try await fixture.platform.addEvidence(
            unit: ServerFixture.otherUnit, period: ServerFixture.period, field: "staff_total", fileName: "bi-mat.pdf",
            data: Data("%PDF-1.4\n%%EOF\n".utf8), by: other)
        try await fixture.test { client in
            let submitter = try await fixture.signIn("ha-noi@example.vn", client: client)
            let reviewer = try await fixture.signIn("reviewer@example.vn", client: client)
            func answer(_ uri: String, _ caller: Caller) async throws -> (Int, String) {
                let response = try await client.execute(uri: uri, method: .get, headers: caller.headers())
                return (response.status.code, response.text)
            }
            let notFound = try await answer("/api/v1/seasons/2019/units/khong-ton-tai/draft", submitter)
            #expect(notFound.0 == 404)
            for suffix in ["draft", "self-assessment", "audit", "evidence/\(theirs.id)"] {
                let another = try await answer("/api/v1/seasons/2019/units/\(ServerFixture.otherUnit)/\(suffix)", submitter)
                #expect(another == notFound, "\(suffix) of another unit")
            }
            // Their evidence id under the submitter's own unit, and an id that does not exist.
            let viaOwnUnit = try await answer("/api/v1/seasons/2019/units/ha-noi/evidence/\(theirs.id)", submitter)
            let noSuchID = try await answer("/api/v1/seasons/2019/units/ha-noi/evidence/987654", submitter)
            #expect(viaOwnUnit == notFound)
            #expect(noSuchID == notFound)
            // A reviewer asking for a unit that does not exist gets that same answer too, and the
            // router's own 404 for an unknown path is the same body.
            #expect(try await answer("/api/v1/seasons/2019/units/khong-ton-tai/review", reviewer) == notFound)
            #expect(try await answer("/api/v1/khong-ton-tai", submitter) == notFound)
        }
    }
}
