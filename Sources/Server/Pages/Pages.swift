import Hummingbird

/// The HTML pages (public site, sign-in, the submitter's, reviewer's and admin's pages): the one
/// place where they join the server. Owned by the pages' work (`Sources/Server/Pages/**`,
/// `Sources/Server/Templates/**`).
///
/// Routes added here get the whole middleware chain: `context.language`, `context.principal`,
/// `context.csrfToken` (put it in every form as the `csrf` field), the CSRF check on POST/PUT/
/// PATCH/DELETE, the security headers, and errors rendered by the error middleware. Sign in with
/// `services.signIn` (rate limit + cookie); read forms with ``FormBody/read(_:limits:)``.
public enum Pages {
    /// Adds the pages' routes to `router`.
    public static func register(on router: Router<AppRequestContext>, services: ServerServices) {}
}
