import Foundation
import Hummingbird
import IndexCore
import Platform

/// The admin's pages: seasons (open), accounts (add, disable), publication.
struct AdminRoutes: Sendable {
    let support: PageSupport
    var platform: Platform { support.platform }

    func register(on router: Router<AppRequestContext>) {
        router.get("/season/admin") { request, context in
            try await PageSupport.handle(request, context) {
                let run = request.uri.queryParameters.get("run").flatMap { Int64($0) }
                return try await page(request, context, computedRun: run, notice: Self.notice(request, PageSupport.visitor(request, context).say))
            }
        }
        router.post("/season/admin/seasons") { request, context in
            try await PageSupport.handle(request, context) { try await openSeason(request, context) }
        }
        router.post("/season/admin/accounts") { request, context in
            try await PageSupport.handle(request, context) { try await addAccount(request, context) }
        }
        router.post("/season/admin/accounts/disable") { request, context in
            try await PageSupport.handle(request, context) {
                let principal = try PageSupport.require(request, context, .admin)
                let form = try await support.form(request)
                try await platform.disableUser(email: form["email"] ?? "", by: principal)
                return PageSupport.seeOther("/season/admin?done=disabled")
            }
        }
        router.post("/season/publish") { request, context in
            try await PageSupport.handle(request, context) {
                let principal = try PageSupport.require(request, context, .admin)
                let form = try await support.form(request)
                guard let period = Int(form["period"] ?? ""), let run = Int64(form["run"] ?? "") else {
                    return PageSupport.errorPage(.invalid([Diagnostic(.missingKey, .periodAndRunRequired)]), PageSupport.visitor(request, context))
                }
                _ = try await platform.publish(period: period, run: run, by: principal)
                return PageSupport.seeOther("/season/admin?done=published")
            }
        }
    }

    func page(_ request: Request, _ context: AppRequestContext, computedRun: Int64? = nil, notice: Markup = .empty, created: NewAccount? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let principal = try PageSupport.require(request, context, .admin)
        let visitor = PageSupport.visitor(request, context)
        let methodologies = try await platform.methodologies().map { (id: $0.id, title: $0.title[visitor.language]) }
        var view = AdminView(visitor: visitor, seasons: try await platform.seasons(), methodologies: methodologies,
                             accounts: try await platform.users(by: principal), computedRun: computedRun, notice: notice, created: created)
        view.origin = request.head.authority.map { "http://\($0)" } ?? ""
        return PageSupport.html(view.page, status: status)
    }

    func openSeason(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try PageSupport.require(request, context, .admin)
        let say = PageSupport.visitor(request, context).say
        let form = try await support.form(request)
        guard let period = Int(form["period"] ?? ""), let deadline = Self.day(form["deadline"] ?? "") else {
            return try await page(request, context, notice: Layout.notice("error", "<p>\(say("Cần năm (4 chữ số) và hạn nộp (ngày).", "A year (4 digits) and a deadline (a date) are required."))</p>"), status: .unprocessableContent)
        }
        do {
            _ = try await platform.openSeason(period: period, methodology: form["methodology"] ?? "", deadline: deadline, by: principal)
        } catch {
            guard case .invalid(let problems) = error else { throw error }
            return try await page(request, context, notice: Layout.notice("error", "<ul>\(problems.map { "<li>\($0.message)</li>" as Markup })</ul>"), status: .unprocessableContent)
        }
        return PageSupport.seeOther("/season/admin?done=opened")
    }

    /// Adds an account and shows its one-time credential on the page (not through a redirect:
    /// it is shown once and kept nowhere).
    func addAccount(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try PageSupport.require(request, context, .admin)
        let form = try await support.form(request)
        guard let role = Role(rawValue: form["role"] ?? "") else {
            return PageSupport.errorPage(.invalid([Diagnostic(.invalidValue, .unknownRole)]), PageSupport.visitor(request, context))
        }
        let unit = (form["unit"] ?? "").trimmingCharacters(in: .whitespaces)
        let created: NewAccount
        do {
            created = try await platform.addUser(email: form["email"] ?? "", role: role, unit: unit.isEmpty ? nil : unit, signInLink: form["link"] == "1", by: principal)
        } catch {
            guard case .invalid(let problems) = error else { throw error }
            return try await page(request, context, notice: Layout.notice("error", "<ul>\(problems.map { "<li>\($0.message)</li>" as Markup })</ul>"), status: .unprocessableContent)
        }
        return try await page(request, context, created: created)
    }

    /// `2026-01-15` (an `<input type="date">`) as the end of that day, UTC.
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = Calendar.utc.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 23, minute: 59, second: 59)) else { return nil }
        return date
    }

    static func notice(_ request: Request, _ say: Say) -> Markup {
        switch request.uri.queryParameters.get("done") {
        case "computed"?: ReviewerRoutes.notice(request, say)
        case "published"?: Layout.notice("ok", "<p><strong>\(say("Đã công bố", "Published")).</strong> \(say("Báo cáo đang hiển thị công khai tại", "The report is public at")) <a href=\"/\">/</a>.</p>")
        case "opened"?: Layout.notice("ok", "<p><strong>\(say("Đã mở kỳ đánh giá", "The season is open")).</strong></p>")
        case "disabled"?: Layout.notice("ok", "<p><strong>\(say("Đã khóa tài khoản", "The account is disabled")).</strong></p>")
        default: .empty
        }
    }
}
