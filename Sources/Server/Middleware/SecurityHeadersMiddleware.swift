import HTTPTypes
import Hummingbird

/// Adds the security headers to every response, errors and 404s included (it runs outermost but
/// one, outside the error middleware, so nothing escapes it).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// No inline script anywhere (pages load /static/app.js); inline styles are allowed because
    /// the national report's SVG charts carry `style` attributes.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        // A response to a request that carried credentials may hold personal data: never store
        // it (shared computers in provincial offices, proxies). The public pages stay cacheable.
        if Self.carriesCredentials(request) {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }

    /// Whether the request presented a session cookie or an `Authorization` header.
    static func carriesCredentials(_ request: Request) -> Bool {
        request.headers[.authorization] != nil || request.cookies[SessionCookie.name] != nil
    }
}
