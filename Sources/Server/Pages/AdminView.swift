import Foundation
import IndexCore
import Platform

/// The admin's page: the seasons (open one: period, methodology, deadline), compute and publish
/// a run, and the accounts (add — the one-time password or link is shown here once —, list,
/// disable).
struct AdminView {
    var visitor: Visitor
    var seasons: [SeasonInfo]
    /// The methodologies of the workspace a season can use: id and title.
    var methodologies: [(id: String, title: String)]
    var accounts: [Account]
    /// The run just computed, offered for publication.
    var computedRun: Int64?
    /// A notice above the page (opened, computed, published, refused).
    var notice: Markup = .empty
    /// A just-created account and its credential: shown once.
    var created: NewAccount?
    /// The address the server is reached at, for one-time sign-in links (`http://host:port`).
    var origin: String = ""

    var page: Markup {
        let say = visitor.say, language = visitor.language
        let title = say("Quản trị", "Administration")
        var content: Markup = "<h1>\(title)</h1>\(notice)"
        if let created { content += credentialBox(created) }

        // Seasons
        content += "<h2>\(say("Kỳ đánh giá", "Seasons"))</h2>"
        if seasons.isEmpty {
            content += "<p>\(say("Chưa mở kỳ đánh giá nào.", "No season is open yet."))</p>"
        } else {
            content += "<div class=\"tw\"><table><thead><tr><th>\(say("Năm", "Year"))</th><th>\(say("Phương pháp", "Methodology"))</th><th>\(say("Hạn nộp", "Deadline"))</th><th>\(say("Công bố", "Published"))</th></tr></thead><tbody>"
            for season in seasons.sorted(by: { $0.period > $1.period }) {
                content += "<tr><td>\(season.period)</td><td>\(season.methodologyID)</td><td>\(Dates.day(season.deadline, language))</td><td>\(season.publishedRun.map { say("lần tính", "run") + " \($0)" } ?? say("chưa", "not yet"))</td></tr>"
            }
            content += "</tbody></table></div>"
        }
        if let current = seasons.max(by: { $0.period < $1.period }) {
            content += """
            <h3>\(say("Tính và công bố năm", "Compute and publish")) \(current.period)</h3>
            <div class="actions">
            <form method="post" action="/season/compute">\(visitor.csrfField)<input type="hidden" name="next" value="admin"><button type="submit" id="compute">\(say("Tính chỉ số", "Compute"))</button></form>
            """
            if let computedRun, current.publishedRun == nil {
                content += """
                <form method="post" action="/season/publish">\(visitor.csrfField)<input type="hidden" name="period" value="\(current.period)"><input type="hidden" name="run" value="\(String(computedRun))">\
                <button type="submit" id="publish">\(say("Công bố lần tính", "Publish run")) \(String(computedRun))</button></form>
                """
            }
            content += "</div>"
            if current.publishedRun != nil {
                content += "<p class=\"small muted\">\(say("Năm này đã công bố; báo cáo đang hiển thị công khai tại", "This year is published; the report is public at")) <a href=\"/\">/</a>.</p>"
            } else if computedRun == nil {
                content += "<p class=\"small muted\">\(say("Tính chỉ số trước, rồi công bố đúng lần tính đó.", "Compute first, then publish that run."))</p>"
            }
        }
        let nextYear = (seasons.map(\.period).max() ?? Calendar.utc.component(.year, from: Date()) - 1) + 1
        content += """
        <h3>\(say("Mở kỳ mới", "Open a season"))</h3>
        <form method="post" action="/season/admin/seasons" class="stack">\(visitor.csrfField)
        <label for="period">\(say("Năm số liệu", "Data year"))</label><input type="number" id="period" name="period" min="1990" max="2100" step="1" value="\(nextYear)" required>
        <label for="methodology">\(say("Phương pháp", "Methodology"))</label><select id="methodology" name="methodology">\(methodologies.map { "<option value=\"\($0.id)\">\($0.title) (\($0.id))</option>" as Markup })</select>
        <label for="deadline">\(say("Hạn nộp", "Deadline"))</label><input type="date" id="deadline" name="deadline" required>
        <div class="actions"><button type="submit" id="open-season">\(say("Mở kỳ đánh giá", "Open the season"))</button></div>
        </form>
        """

        // Accounts
        content += """
        <h2>\(say("Tài khoản", "Accounts"))</h2>
        <form method="post" action="/season/admin/accounts" class="stack">\(visitor.csrfField)
        <label for="email">\(say("Email", "E-mail"))</label><input type="email" id="email" name="email" required autocomplete="off">
        <label for="role">\(say("Vai trò", "Role"))</label><select id="role" name="role">\(Role.allCases.map { "<option value=\"\($0.rawValue)\">\(Self.roleName($0, say))</option>" as Markup })</select>
        <label for="unit">\(say("Mã đơn vị (chỉ cho người nộp phiếu)", "Unit id (submitters only)"))</label><input type="text" id="unit" name="unit" autocomplete="off">
        <label><input type="checkbox" name="link" value="1"> \(say("Gửi đường dẫn đăng nhập một lần thay cho mật khẩu", "A one-time sign-in link instead of a password"))</label>
        <div class="actions"><button type="submit" id="add-account">\(say("Thêm tài khoản", "Add the account"))</button></div>
        </form>
        <div class="tw"><table class="stack"><thead><tr><th>\(say("Email", "E-mail"))</th><th>\(say("Vai trò", "Role"))</th><th>\(say("Đơn vị", "Unit"))</th><th>\(say("Trạng thái", "State"))</th><th></th></tr></thead><tbody>
        """
        for account in accounts.sorted(by: { ($0.role.rawValue, $0.email) < ($1.role.rawValue, $1.email) }) {
            content += """
            <tr><td data-label="\(say("Email", "E-mail"))">\(account.email)</td><td data-label="\(say("Vai trò", "Role"))">\(Self.roleName(account.role, say))</td>\
            <td data-label="\(say("Đơn vị", "Unit"))">\(account.unit ?? "—")</td><td data-label="\(say("Trạng thái", "State"))">\(account.disabled ? say("đã khóa", "disabled") : say("hoạt động", "active"))</td>\
            <td>\(Markup.when(!account.disabled, "<form method=\"post\" action=\"/season/admin/accounts/disable\">\(visitor.csrfField)<input type=\"hidden\" name=\"email\" value=\"\(account.email)\"><button type=\"submit\" class=\"secondary\">\(say("Khóa", "Disable"))</button></form>"))</td></tr>
            """
        }
        content += "</tbody></table></div>"
        return Layout.page(title, for: visitor, content: content)
    }

    /// The new account's password or one-time link, shown this once.
    func credentialBox(_ created: NewAccount) -> Markup {
        let say = visitor.say
        let secret: Markup
        switch created.credential {
        case .password(let password):
            secret = "<p>\(say("Mật khẩu ban đầu của", "Initial password of")) \(created.account.email):</p><code class=\"secret\" id=\"secret\">\(password)</code>"
        case .signInLink(let token, let expires):
            secret = "<p>\(say("Đường dẫn đăng nhập một lần của", "One-time sign-in link of")) \(created.account.email) (\(say("hết hạn", "expires")) \(Dates.time(expires, visitor.language)) UTC):</p><code class=\"secret\" id=\"secret\">\(origin)/sign-in/\(token)</code>"
        }
        return Layout.notice("ok", "\(secret)<p><strong>\(say("Chỉ hiển thị một lần: hãy chép và gửi cho người dùng ngay.", "Shown this once only: copy it and hand it to the user now."))</strong></p>")
    }

    static func roleName(_ role: Role, _ say: Say) -> String {
        switch role {
        case .submitter: say("Người nộp phiếu", "Submitter")
        case .reviewer: say("Người thẩm định", "Reviewer")
        case .admin: say("Quản trị", "Admin")
        }
    }
}
