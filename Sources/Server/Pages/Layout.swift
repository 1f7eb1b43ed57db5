import IndexCore
import Platform
import Reports

/// Picks the Vietnamese or the English wording of a page text: `say("Lưu nháp", "Save draft")`.
struct Say: Sendable {
    let language: Language

    func callAsFunction(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    /// A number in the language's decimal style with `decimals` places (`0,7214` / `0.7214`),
    /// through the report's formatter.
    func fixed(_ value: Double, _ decimals: Int) -> String {
        value.isNaN ? "—" : NumberFormat.fixed(value, decimals: decimals, language: language)
    }

    /// A signed change (`+0,0123`).
    func signed(_ value: Double, _ decimals: Int) -> String {
        value.isNaN ? "—" : (value > 0 ? "+" : "") + fixed(value, decimals)
    }
}

/// Who is looking at a page and how: everything the layout needs from the request.
struct Visitor: Sendable {
    /// The page language (the server's choice: `?lang=`, the `lang` cookie, Accept-Language, vi).
    var language: Language
    /// The signed-in person, `nil` when signed out.
    var principal: Principal?
    /// The session's CSRF token, put into every form.
    var csrf: String?
    /// The request path without the query (for the language switch and the current menu item).
    var path: String

    var say: Say { Say(language: language) }

    /// The hidden CSRF field every state-changing form carries.
    var csrfField: Markup { "<input type=\"hidden\" name=\"csrf\" value=\"\(csrf ?? "")\">" }
}

/// The frame of every page: the header with the menu of the visitor's role, the vi/en switch and
/// sign-out, the page's content, the footer. No inline script (the CSP forbids it); the only
/// script is /static/app.js, which the pages do not need to work.
enum Layout {
    /// A whole HTML document.
    static func page(_ title: String, for visitor: Visitor, content: Markup) -> Markup {
        let say = visitor.say
        return """
        <!DOCTYPE html>
        <html lang="\(visitor.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) — \(say("Chỉ số ứng dụng CNTT", "IT-application index"))</title>
        <link rel="stylesheet" href="/static/site.css">
        <script src="/static/app.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#content">\(say("Bỏ qua đến nội dung", "Skip to content"))</a>
        <header class="site"><div class="bar">
        <a class="brand" href="/">\(say("Chỉ số ứng dụng CNTT", "IT-application index"))</a>
        <nav aria-label="\(say("Trình đơn", "Menu"))">\(menu(for: visitor))</nav>
        </div></header>
        <main id="content">
        \(content)
        </main>
        <footer class="site">\(say("Bộ Thông tin và Truyền thông — hệ thống đánh giá mức độ ứng dụng CNTT của cơ quan nhà nước.", "Ministry of Information and Communications — the IT-application assessment of state agencies."))</footer>
        </body>
        </html>

        """
    }

    /// The menu items of the visitor's role, the language switch and sign-in or sign-out.
    static func menu(for visitor: Visitor) -> Markup {
        let say = visitor.say
        var items: [(path: String, text: String)] = [("/", say("Kết quả", "Results"))]
        switch visitor.principal?.role {
        case .submitter?:
            items += [("/season/form", say("Phiếu khảo sát", "Survey form")), ("/season/self-assessment", say("Tự đánh giá", "Self-assessment"))]
        case .reviewer?:
            items += [("/season/dashboard", say("Tổng hợp", "Dashboard"))]
        case .admin?:
            items += [("/season/dashboard", say("Tổng hợp", "Dashboard")), ("/season/admin", say("Quản trị", "Administration"))]
        case nil:
            break
        }
        var out: Markup = .join(items.map { item in
            let current = item.path == visitor.path || (item.path != "/" && visitor.path.hasPrefix(item.path + "/"))
            return "<a href=\"\(item.path)\"\(Markup.when(current, " aria-current=\"page\""))>\(item.text)</a>"
        })
        out += languageSwitch(for: visitor)
        if let principal = visitor.principal {
            out += """
            <span class="who">\(principal.email)</span>\
            <form method="post" action="/sign-out">\(visitor.csrfField)<button type="submit" id="signout">\(say("Đăng xuất", "Sign out"))</button></form>
            """
        } else if visitor.path != "/sign-in" {
            out += "<a href=\"/sign-in\" id=\"signin-link\">\(say("Đăng nhập", "Sign in"))</a>"
        }
        return out
    }

    /// A link to the same page in the other language (`?lang=`; the server remembers the choice).
    static func languageSwitch(for visitor: Visitor) -> Markup {
        let other: Language = visitor.language == .vi ? .en : .vi
        let label = other == .en ? "English" : "Tiếng Việt"
        return "<span class=\"lang\"><a href=\"\(visitor.path)?lang=\(other.rawValue)\" hreflang=\"\(other.rawValue)\" lang=\"\(other.rawValue)\">\(other == .en ? "EN" : "VI")<span class=\"skip\"> \(label)</span></a></span>"
    }

    /// A notice box: `kind` is `ok`, `warn`, `error` or empty.
    static func notice(_ kind: String, _ content: Markup) -> Markup {
        "<div class=\"notice \(kind)\" role=\"\(kind == "error" ? "alert" : "status")\">\(content)</div>"
    }
}
