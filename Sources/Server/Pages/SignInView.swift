import Platform

/// The sign-in page, the landing page of a one-time sign-in link, and the public page shown
/// while no season is published.
enum SignInView {
    /// The e-mail and password form; `error` is Platform's message (the same text for an unknown
    /// e-mail and a wrong password).
    static func page(_ visitor: Visitor, email: String = "", error: String? = nil) -> Markup {
        let say = visitor.say
        let title = say("Đăng nhập", "Sign in")
        return Layout.page(title, for: visitor, content: """
        <h1>\(title)</h1>
        \(error.map { Layout.notice("error", "<p>\($0)</p>") } ?? .empty)
        <form method="post" action="/sign-in" class="stack">\(visitor.csrfField)
        <label for="email">\(say("Email", "E-mail"))</label><input type="email" id="email" name="email" value="\(email)" autocomplete="username" required>
        <label for="password">\(say("Mật khẩu", "Password"))</label><input type="password" id="password" name="password" autocomplete="current-password" required>
        <div class="actions"><button type="submit" id="signin">\(say("Đăng nhập", "Sign in"))</button></div>
        </form>
        <p class="small muted">\(say("Tài khoản do cơ quan tổng hợp cấp. Quên mật khẩu: liên hệ quản trị để nhận đường dẫn đăng nhập một lần.", "Accounts are given by the collecting agency. Forgotten password: ask the administrator for a one-time sign-in link."))</p>
        """)
    }

    /// The landing page of a one-time link: the person chooses their password (twice), and the
    /// form's POST sets it and spends the link (a POST, so that a mail scanner fetching the link
    /// does not spend it).
    static func linkPage(_ visitor: Visitor, token: String, minimum: Int, error: String? = nil) -> Markup {
        let say = visitor.say
        let title = say("Đặt mật khẩu", "Set your password")
        return Layout.page(title, for: visitor, content: """
        <h1>\(title)</h1>
        \(error.map { Layout.notice("error", "<p>\($0)</p>") } ?? .empty)
        <p>\(say("Đường dẫn này chỉ dùng được một lần: chọn mật khẩu (ít nhất \(minimum) ký tự) để đăng nhập từ nay về sau.", "This link works once: choose the password (at least \(minimum) characters) you will sign in with from now on."))</p>
        <form method="post" action="/sign-in/\(token)" class="stack">\(visitor.csrfField)
        <label for="password">\(say("Mật khẩu mới", "New password"))</label><input type="password" id="password" name="password" autocomplete="new-password" minlength="\(minimum)" required>
        <label for="confirm">\(say("Nhập lại mật khẩu", "The password again"))</label><input type="password" id="confirm" name="confirm" autocomplete="new-password" minlength="\(minimum)" required>
        <div class="actions"><button type="submit" id="use-link">\(say("Đặt mật khẩu và đăng nhập", "Set the password and sign in"))</button></div>
        </form>
        """)
    }
}

/// The public page while no season's results are published.
enum NotPublishedView {
    static func page(_ visitor: Visitor, seasons: [SeasonInfo]) -> Markup {
        let say = visitor.say
        let title = say("Kết quả chưa được công bố", "Results not published yet")
        let open = seasons.max(by: { $0.period < $1.period })
        return Layout.page(title, for: visitor, content: """
        <h1>\(title)</h1>
        <p>\(open.map { say("Kết quả đánh giá mức độ ứng dụng CNTT năm \($0.period) chưa được công bố. Các đơn vị nộp phiếu đến hết ngày \(Dates.day($0.deadline, .vi)).", "The IT-application results of \($0.period) are not published yet. Units submit until \(Dates.day($0.deadline, .en)).") } ?? say("Kết quả đánh giá chưa được công bố.", "The results are not published yet."))</p>
        <p>\(say("Cán bộ các đơn vị và người thẩm định:", "Unit officials and reviewers:")) <a class="button" href="/sign-in">\(say("Đăng nhập", "Sign in"))</a></p>
        """)
    }
}
