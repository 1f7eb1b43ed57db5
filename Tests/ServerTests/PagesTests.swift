import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IndexCore
import IndexStore
import NIOCore
import Platform
import Testing
@testable import Server

/// Every page rendered for its role on the bundled examples (demo workspace: 2018 published,
/// 2019 open): Vietnamese by default, English with the switch; hostile names and comments
/// escaped; no inline script anywhere.
@Suite struct PagesTests {
    /// A browser-like client over the router: keeps the session cookie and the CSRF token of the
    /// last page.
    struct Browser {
        let client: any TestClientProtocol
        var cookies: [String: String] = [:]
        var csrf = ""

        init(_ client: any TestClientProtocol) { self.client = client }

        struct Page {
            var status: HTTPResponse.Status
            var headers: HTTPFields
            var html: String
        }

        mutating func get(_ uri: String) async throws -> Page {
            try await send(uri, .get, body: nil, contentType: nil)
        }

        /// Posts a URL-encoded form (the CSRF token added).
        mutating func post(_ uri: String, _ fields: [(String, String)]) async throws -> Page {
            let all = fields + [("csrf", csrf)]
            let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
            return try await send(uri, .post, body: body, contentType: "application/x-www-form-urlencoded")
        }

        static func encode(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
        }

        mutating func send(_ uri: String, _ method: HTTPRequest.Method, body: String?, contentType: String?) async throws -> Page {
            var headers: HTTPFields = [:]
            if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
            if let contentType { headers[.contentType] = contentType }
            let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
            for value in response.headers[values: .setCookie] {
                let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
                if value.lowercased().contains("max-age=0") || value.lowercased().contains("expires=thu, 01 jan 1970") { cookies[String(pair[0])] = nil }
            }
            let html = String(buffer: response.body)
            if let range = html.range(of: "name=\"csrf\" value=\"") {
                csrf = String(html[range.upperBound...].prefix { $0 != "\"" })
            }
            return Page(status: response.status, headers: response.headers, html: html)
        }

        /// Signs in through the sign-in form.
        mutating func signIn(_ credential: DemoCredential) async throws {
            _ = try await get("/sign-in")
            let page = try await post("/sign-in", [("email", credential.account.email), ("password", credential.password)])
            #expect(page.status == .seeOther, "sign-in of \(credential.account.email): \(page.status)")
            _ = try await get("/season")
        }
    }

    /// Every `<script` of a page is the external app.js; no event-handler attribute.
    static func expectNoInlineScript(_ html: String, _ page: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let scripts = html.components(separatedBy: "<script").dropFirst()
        for script in scripts {
            #expect(script.hasPrefix(" src=\"/static/app.js\" defer></script>"), "\(page): inline script \(script.prefix(60))", sourceLocation: sourceLocation)
        }
        #expect(html.range(of: #"<[a-zA-Z][^<>]*\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(page): an event-handler attribute", sourceLocation: sourceLocation)
    }

    static func app(_ fixture: PagesFixture) async throws -> some ApplicationProtocol {
        try await makeApplication(ServerConfiguration(workspace: fixture.workspace, port: 0))
    }

    @Test func everyRolesPagesRenderInVietnameseAndEnglish() async throws {
        let fixture = try await PagesFixture.make("roles")
        defer { fixture.remove() }
        try await Self.app(fixture).test(.router) { client in
            var browser = Browser(client)
            // Signed out: the public report of 2018 (published by the demo), the sign-in page.
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.html.contains("năm 2018"))
            let english = try await browser.get("/en/")
            #expect(english.html.contains("<html lang=\"en\">"))
            let signIn = try await browser.get("/sign-in")
            #expect(signIn.html.contains("Đăng nhập") && signIn.html.contains("Mật khẩu"))
            #expect(try await browser.get("/sign-in?lang=en").html.contains("Password"))
            // The switch is remembered (a cookie) until switched back.
            #expect(try await browser.get("/sign-in").html.contains("Password"))
            #expect(try await browser.get("/sign-in?lang=vi").html.contains("Mật khẩu"))
            Self.expectNoInlineScript(signIn.html, "/sign-in")

            // The submitter.
            try await browser.signIn(fixture.account(.submitter, unit: "ha-noi"))
            let form = try await browser.get("/season/form")
            #expect(form.status == .ok)
            #expect(form.html.contains("Phiếu khảo sát — TP. Hà Nội"))
            #expect(form.html.contains("Lưu nháp") && form.html.contains(">Nộp<"))
            #expect(form.html.contains("name=\"a.staff_total\"") && form.html.contains("min=\"1\" max=\"1000000\""))
            #expect(form.html.contains("1. Hạ tầng kỹ thuật CNTT") || form.html.contains("<legend>c1."))
            Self.expectNoInlineScript(form.html, "/season/form")
            let formEnglish = try await browser.get("/season/form?lang=en")
            #expect(formEnglish.html.contains("Survey form") && formEnglish.html.contains("Save draft"))
            for path in ["/season/dashboard", "/season/admin"] {
                #expect(try await browser.get(path).status == .forbidden, "\(path) for a submitter")
            }

            // The reviewer.
            browser = Browser(client)
            try await browser.signIn(fixture.account(.reviewer))
            let dashboard = try await browser.get("/season/dashboard")
            #expect(dashboard.status == .ok)
            #expect(dashboard.html.contains("Tổng hợp kỳ đánh giá 2019"))
            #expect(dashboard.html.contains("<svg"))  // the tile map of the provinces
            #expect(dashboard.html.contains("/season/review/ha-noi"))
            Self.expectNoInlineScript(dashboard.html, "/season/dashboard")
            let review = try await browser.get("/season/review/ha-noi")
            #expect(review.status == .ok)
            #expect(review.html.contains("Thẩm định — TP. Hà Nội") && review.html.contains("Năm trước"))
            #expect(try await browser.get("/season/review/ha-noi?lang=en").html.contains("Last year"))
            #expect(try await browser.get("/season/review/no-such-unit").status == .notFound)
            #expect(try await browser.get("/season/form").status == .forbidden)

            // The admin.
            browser = Browser(client)
            try await browser.signIn(fixture.account(.admin))
            let admin = try await browser.get("/season/admin")
            #expect(admin.status == .ok)
            #expect(admin.html.contains("Quản trị") && admin.html.contains("Thêm tài khoản") && admin.html.contains("Mở kỳ mới"))
            #expect(admin.html.contains("reviewer@demo.invalid"))
            Self.expectNoInlineScript(admin.html, "/season/admin")
            #expect(try await browser.get("/season/admin?lang=en").html.contains("Add the account"))
        }
    }

    @Test func aSubmissionGoesThroughTheWorkflowInPages() async throws {
        let fixture = try await PagesFixture.make("workflow")
        defer { fixture.remove() }
        try await Self.app(fixture).test(.router) { client in
            var submitter = Browser(client)
            try await submitter.signIn(fixture.account(.submitter, unit: "ha-noi"))
            _ = try await submitter.get("/season/form")
            // One answer breaking a constraint: saved, shown with the methodology's Vietnamese message.
            let invalid = try await submitter.post("/season/form", [("version", "0"), ("action", "save"), ("a.staff_total", "100"), ("a.staff_with_computer", "120")])
            #expect(invalid.status == .ok)
            #expect(invalid.html.contains("Số người có máy tính không vượt quá tổng số cán bộ"))
            #expect(invalid.html.contains("class=\"q has-error\" id=\"card-staff_with_computer\""))
            #expect(invalid.html.contains("id=\"submit\" class=\"secondary\" disabled"))
            // A stale version: nothing saved, the other edit shown.
            let stale = try await submitter.post("/season/form", [("version", "0"), ("action", "save"), ("a.staff_total", "7")])
            #expect(stale.status == .conflict)
            #expect(stale.html.contains("Chưa lưu: bản nháp đã được lưu bởi người khác"))
            #expect(stale.html.contains("<td data-label=\"Bản đã lưu\">100</td>"))
            // Fixed and submitted.
            let fixed = try await submitter.post("/season/form", [("version", "1"), ("action", "save"), ("a.staff_total", "100"), ("a.staff_with_computer", "80")])
            #expect(!fixed.html.contains("has-error"))
            let submitted = try await submitter.post("/season/form", [("version", "2"), ("action", "submit"), ("a.staff_total", "100"), ("a.staff_with_computer", "80")])
            #expect(submitted.status == .seeOther)
            #expect(try await submitter.get("/season/form?done=submitted").html.contains("Đã nộp"))
            let assessment = try await submitter.get("/season/self-assessment")
            #expect(assessment.status == .ok)
            #expect(assessment.html.contains("id=\"index\">0,"))
            #expect(assessment.html.contains("So với kết quả đã công bố năm 2018"))
            Self.expectNoInlineScript(assessment.html, "/season/self-assessment")

            // The reviewer returns it with a hostile comment; the unit sees it escaped by its answer.
            var reviewer = Browser(client)
            try await reviewer.signIn(fixture.account(.reviewer))
            _ = try await reviewer.get("/season/review/ha-noi")
            let returned = try await reviewer.post("/season/review/ha-noi", [("action", "return"), ("c.staff_with_computer", "<script>alert('x')</script> kiểm tra lại")])
            #expect(returned.status == .seeOther)
            let form = try await submitter.get("/season/form")
            #expect(form.html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; kiểm tra lại"))
            #expect(!form.html.contains("<script>alert"))
            #expect(form.html.contains("Đã trả lại"))
        }
    }

    @Test func hostileUnitNamesAreEscapedOnEveryPage() async throws {
        let fixture = try await PagesFixture.make("hostile")
        defer { fixture.remove() }
        // The registry's name of Hà Nội becomes markup.
        let workspace = try Workspace.open(fixture.directory)
        let registry = try workspace.store.registry()
        let hostile = "<script>alert(\"x\")</script><img src=x onerror=alert(1)> Hà Nội"
        var units = registry.units
        let index = try #require(units.firstIndex { $0.id == "ha-noi" })
        units[index].name = hostile
        try workspace.store.replaceRegistry(UnitRegistry(units: units, lineageRules: registry.lineageRules))
        try await Self.app(fixture).test(.router) { client in
            var reviewer = Browser(client)
            try await reviewer.signIn(fixture.account(.reviewer))
            var submitter = Browser(client)
            try await submitter.signIn(fixture.account(.submitter, unit: "ha-noi"))
            let pages = [("dashboard", try await reviewer.get("/season/dashboard")), ("review", try await reviewer.get("/season/review/ha-noi")),
                         ("form", try await submitter.get("/season/form"))]
            for (name, page) in pages {
                #expect(page.status == .ok, "\(name)")
                #expect(!page.html.contains("<script>alert") && !page.html.contains("<img src=x"), "\(name) shows the name as markup")
                #expect(page.html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), "\(name) does not show the name")
                Self.expectNoInlineScript(page.html, name)
            }
        }
    }

    @Test func beforeAnyPublicationThePublicPageSaysSoAndLinksToSignIn() async throws {
        let fixture = try await PagesFixture.make("unpublished")
        defer { fixture.remove() }
        let platform = try Platform(workspace: fixture.workspace)
        let admin = fixture.account(.admin).account
        try await platform.unpublish(period: 2018, by: Principal(userID: admin.id, email: admin.email, role: .admin, unit: nil))
        try await Self.app(fixture).test(.router) { client in
            var browser = Browser(client)
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            #expect(page.html.contains("Kết quả chưa được công bố"))
            #expect(page.html.contains("href=\"/sign-in\""))
            #expect(try await browser.get("/?lang=en").html.contains("Results not published yet"))
            #expect(try await browser.get("/units/ha-noi.html").status == .notFound)
            Self.expectNoInlineScript(page.html, "/")
        }
    }

    @Test func thePublishedReportIsServedByteForByteAndNothingElse() async throws {
        let fixture = try await PagesFixture.make("published")
        defer { fixture.remove() }
        let folder = fixture.directory.appendingPathComponent("published/2018")
        try await Self.app(fixture).test(.router) { client in
            for (uri, file) in [("/", "vi/index.html"), ("/units/ha-noi.html", "vi/units/ha-noi.html"), ("/en/", "en/index.html"), ("/report.xlsx", "vi/report.xlsx")] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                #expect(Data(response.body.readableBytesView) == (try Data(contentsOf: folder.appendingPathComponent(file))), "\(uri) is not \(file) byte for byte")
            }
            for uri in ["/../ictindex.sqlite", "/%2e%2e/ictindex.sqlite", "/units/..%2f..%2fictindex.yaml", "/ictindex.sqlite", "/en/%2e%2e/%2e%2e/ictindex.yaml"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .notFound, "\(uri) answered \(response.status)")
            }
            let css = try await client.execute(uri: "/static/site.css", method: .get)
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(String(buffer: css.body) == StaticFiles.all["site.css"])
        }
    }

    @Test func aOneTimeLinkSetsThePasswordOnItsPageOnce() async throws {
        let fixture = try await PagesFixture.make("link")
        defer { fixture.remove() }
        let platform = try Platform(workspace: fixture.workspace, policy: WorkspaceTemplate.cheapPolicy)
        let created = try await platform.addUser(email: "cntt@hue.gov.vn", role: .submitter, unit: "thua-thien-hue", signInLink: true)
        guard case .signInLink(let token, _) = created.credential else { Issue.record("expected a link"); return }
        try await Self.app(fixture).test(.router) { client in
            var browser = Browser(client)
            let page = try await browser.get("/sign-in/\(token)")
            #expect(page.status == .ok)
            #expect(page.html.contains("Đặt mật khẩu") && page.html.contains("name=\"confirm\"") && page.html.contains("minlength=\"10\""))
            Self.expectNoInlineScript(page.html, "/sign-in/<token>")
            // Two different passwords, then a short one: refused on the page, the link not spent.
            let differ = try await browser.post("/sign-in/\(token)", [("password", "mat-khau-hue-2026"), ("confirm", "mat-khau-hue-2027")])
            #expect(differ.status == .unprocessableContent && differ.html.contains("hai lần nhập mật khẩu không giống nhau"))
            let short = try await browser.post("/sign-in/\(token)", [("password", "ngan"), ("confirm", "ngan")])
            #expect(short.status == .unprocessableContent && short.html.contains("mật khẩu cần ít nhất 10 ký tự"))
            let set = try await browser.post("/sign-in/\(token)", [("password", "mat-khau-hue-2026"), ("confirm", "mat-khau-hue-2026")])
            #expect(set.status == .seeOther && set.headers[.location] == "/season")
            #expect(try await browser.get("/season/form").html.contains("Phiếu khảo sát"))
            // The link is spent; the password chosen signs in.
            var other = Browser(client)
            let again = try await other.post("/sign-in/\(token)", [("password", "mat-khau-khac-2026"), ("confirm", "mat-khau-khac-2026")])
            #expect(again.status == .unauthorized)
            let signIn = try await other.post("/sign-in", [("email", "cntt@hue.gov.vn"), ("password", "mat-khau-hue-2026")])
            #expect(signIn.status == .seeOther)
        }
    }

    @Test func aSubmitterDownloadsTheirUnitsBlankExcelForm() async throws {
        let fixture = try await PagesFixture.make("blank-form")
        defer { fixture.remove() }
        let credential = fixture.account(.submitter, unit: "ha-noi")
        let platform = try Platform(workspace: fixture.workspace)
        let principal = Principal(userID: credential.account.id, email: credential.account.email, role: .submitter, unit: "ha-noi")
        let expected = try await platform.blankForm(unit: "ha-noi", period: 2019, language: .vi, by: principal)
        try await Self.app(fixture).test(.router) { client in
            var browser = Browser(client)
            try await browser.signIn(credential)
            #expect(try await browser.get("/season/form").html.contains("href=\"/season/form.xlsx\""))
            let response = try await client.execute(uri: "/season/form.xlsx", method: .get, headers: [.cookie: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(response.headers[.contentDisposition]?.contains("filename=\"ha-noi-2019.xlsx\"") == true)
            #expect(Data(response.body.readableBytesView) == expected.data)
        }
    }
}
