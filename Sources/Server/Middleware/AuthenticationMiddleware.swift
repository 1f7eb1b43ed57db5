import Foundation
import Hummingbird
import Platform

/// Finds who is asking: a bearer API token (`Authorization: Bearer …`) or the session cookie,
/// each mapped to a `Principal` by Platform. It never refuses a request for being signed out —
/// the routes decide what needs a principal — but a bearer token that is wrong is refused (401)
/// rather than treated as anonymous, so a script learns its token is bad.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let platform: Platform
    let sessionCookie: SessionCookie
    let trustForwardedFor: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = ClientAddress.of(request, remote: context.remoteAddress?.ipAddress, trustForwardedFor: trustForwardedFor)
        if let authorization = request.headers[.authorization] {
            guard let token = Self.bearerToken(authorization),
                  let principal = try await platform.principal(apiToken: token)
            else { throw ServerError.unauthenticated }
            context.principal = principal
            context.credential = .bearer
            return try await next(request, context)
        }
        guard let token = request.cookies[SessionCookie.name]?.value, !token.isEmpty else {
            return try await next(request, context)
        }
        guard let principal = try await platform.principal(session: token),
              let csrf = try await platform.csrfToken(session: token)
        else {
            // The session ended (expired, signed out elsewhere, account disabled): go on signed
            // out and make the browser drop the stale cookie.
            var response = try await next(request, context)
            response.setCookie(sessionCookie.removal())
            return response
        }
        context.principal = principal
        context.credential = .session(token: token)
        context.csrfToken = csrf
        return try await next(request, context)
    }

    /// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
