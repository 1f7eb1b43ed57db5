import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import NIOCore
import Platform
import Season
@testable import Server

/// Paths inside the repository, found from this file so tests run from any directory.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// A clock the test sets and moves.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_780_000_000)) { current = start }  // 2026-05-28

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// How a test request proves who it is.
enum Caller: Sendable, CustomStringConvertible {
    case anonymous
    /// A browser session: the cookie and its CSRF token.
    case session(cookie: String, csrf: String, label: String)
    case bearer(token: String, label: String)

    var description: String {
        switch self {
        case .anonymous: "signed out"
        case .session(_, _, let label), .bearer(_, let label): label
        }
    }

    /// The request headers for this caller; `csrf: false` leaves the CSRF token out.
    func headers(csrf: Bool = true) -> HTTPFields {
        var headers = HTTPFields()
        switch self {
        case .anonymous: break
        case .session(let cookie, let token, _):
            headers[.cookie] = "\(SessionCookie.name)=\(cookie)"
            if csrf { headers[.csrfToken] = token }
        case .bearer(let token, _):
            headers[.authorization] = "Bearer \(token)"
        }
        return headers
    }
}

/// A workspace with the example answers of 2018 and 2019 (2018 published as last year's
/// results, 2019 open), a platform on it with a fixed clock (before the 2019 deadline) and a
/// cheap bcrypt cost, and the server's router on it.
struct ServerFixture {
    static let period = 2019
    static let ownUnit = "ha-noi"
    static let otherUnit = "da-nang"

    let directory: URL
    let platform: Platform
    let clock: TestClock
    let services: ServerServices
    let admin: Principal
    let passwords: [String: String]

    static func make(publishLastYear: Bool = true, limits: ServerLimits = .init(), trustForwardedFor: Bool = false) async throws -> ServerFixture {
        let seeded = try await (publishLastYear ? Seeded.withLastYear : Seeded.withoutLastYear).value
        let directory = try seeded.template.copy("server")
        let clock = TestClock()
        let platform = try Platform(workspace: directory.path, clock: { clock.now }, policy: WorkspaceTemplate.cheapPolicy)
        let configuration = ServerConfiguration(workspace: directory.path, port: 0, trustForwardedFor: trustForwardedFor, limits: limits)
        return ServerFixture(
            directory: directory, platform: platform, clock: clock,
            services: ServerServices(configuration: configuration, platform: platform), admin: seeded.admin, passwords: seeded.passwords)
    }

    /// The fixture's workspace, seeded once per test process (``WorkspaceTemplate``) in its two
    /// variants: with 2018 published as last year's results, and without.
    struct Seeded: Sendable {
        let template: WorkspaceTemplate
        let admin: Principal
        let passwords: [String: String]

        static let withLastYear = Task { try await make(publishLastYear: true) }
        static let withoutLastYear = Task { try await make(publishLastYear: false) }

        /// The accounts (admin, reviewer, a submitter of each of two units, a submitter to
        /// disable) and the 2019 season open for ten days; with last year: on a copy of the demo
        /// workspace (``PagesFixture/demo``: 2018 published, 2019 open, the demo's accounts too),
        /// so that the one publication of 2018 serves every suite.
        static func make(publishLastYear: Bool) async throws -> Seeded {
            let clock = TestClock()
            let passwords = Locked<[String: String]>([:]), first = Locked<Principal?>(nil)
            let base = publishLastYear ? try await PagesFixture.demo.value.template : nil
            let template = try await WorkspaceTemplate.make(publishLastYear ? "server-published" : "server", from: base, clock: { clock.now }) { platform in
                func add(_ email: String, _ role: Role, unit: String? = nil) async throws -> Principal {
                    let created = try await platform.addUser(email: email, role: role, unit: unit)
                    guard case .password(let password) = created.credential else { throw FixtureError.noPassword }
                    passwords.value[email] = password
                    return Principal(userID: created.account.id, email: email, role: role, unit: unit)
                }
                let admin = try await add("admin@example.vn", .admin)
                first.value = admin
                _ = try await add("reviewer@example.vn", .reviewer)
                _ = try await add("\(ownUnit)@example.vn", .submitter, unit: ownUnit)
                _ = try await add("\(otherUnit)@example.vn", .submitter, unit: otherUnit)
                _ = try await add("disabled@example.vn", .submitter, unit: ownUnit)
                if !publishLastYear {
                    _ = try await platform.openSeason(
                        period: period, methodology: "vn-it-application-2019", deadline: clock.now.addingTimeInterval(10 * 86400), by: admin)
                }
            }
            guard let admin = first.value else { throw FixtureError.noPassword }
            return Seeded(template: template, admin: admin, passwords: passwords.value)
        }
    }

    enum FixtureError: Error { case noPassword, noCookie }

    var router: Router<AppRequestContext> { makeRouter(services) }

    /// Runs `body` against the router (no socket).
    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await application.test(.router) { client in try await body(client) }
    }

    /// Signs `email` in through the API and returns the session as a caller.
    func signIn(_ email: String, client: some TestClientProtocol) async throws -> Caller {
        let body = #"{"email":"\#(email)","password":"\#(passwords[email]!)"}"#
        let response = try await client.execute(
            uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
        guard response.status == .ok, let cookie = Self.sessionCookie(response.headers) else { throw FixtureError.noCookie }
        let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return .session(cookie: cookie, csrf: json?["csrfToken"] as? String ?? "", label: email)
    }

    /// A bearer token made by the admin.
    func token(_ role: Role, unit: String? = nil, label: String) async throws -> Caller {
        .bearer(token: try await platform.createAPIToken(role: role, unit: unit, label: label, by: admin), label: "token:\(label)")
    }

    func disable(_ email: String) async throws {
        try await platform.disableUser(email: email, by: admin)
    }

    /// The session token of a `Set-Cookie` header.
    static func sessionCookie(_ headers: HTTPFields) -> String? {
        for value in headers[values: .setCookie] where value.hasPrefix("\(SessionCookie.name)=") {
            let token = value.dropFirst(SessionCookie.name.count + 1).prefix { $0 != ";" }
            if !token.isEmpty { return String(token) }
        }
        return nil
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

extension TestResponse {
    /// The body as a JSON object (or nil).
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] }
    var text: String { String(buffer: body) }
    /// `error.code` of a JSON error.
    var errorCode: String? { (json?["error"] as? [String: Any])?["code"] as? String }
}

extension ByteBuffer {
    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}
