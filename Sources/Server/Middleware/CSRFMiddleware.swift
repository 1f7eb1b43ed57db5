import HTTPTypes
import Hummingbird

/// Refuses state-changing requests (anything but GET, HEAD, OPTIONS) that a browser could have
/// been tricked into sending:
/// - with a session cookie, the session's CSRF token must come as the `X-CSRF-Token` header or
///   the form field `csrf`, compared in constant time (403 `csrf` otherwise);
/// - with a bearer token, nothing more: browsers never add `Authorization` on their own;
/// - signed out (the sign-in forms), an `Origin` header naming another site is refused
///   (403 `cross-origin`), which stops login CSRF.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// The form field the pages put the token in.
    static let formField = "csrf"

    let limits: ServerLimits

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Self.isSafe(request.method) else { return try await next(request, context) }
        switch context.credential {
        case .bearer:
            return try await next(request, context)
        case .none:
            if let origin = request.headers[.origin], !SameOrigin.matches(origin: origin, authority: request.head.authority) {
                throw ServerError.crossOrigin
            }
            return try await next(request, context)
        case .session:
            var request = request
            var presented = request.headers[.csrfToken]
            if presented == nil, FormBody.isForm(request) {
                presented = try await FormBody.buffer(&request, limits: limits).fields[Self.formField]
            }
            guard let expected = context.csrfToken, let presented,
                  ConstantTime.equal(Array(presented.utf8), Array(expected.utf8))
            else { throw ServerError.csrf }
            return try await next(request, context)
        }
    }

    /// Methods that must not change anything (RFC 9110 safe methods).
    static func isSafe(_ method: HTTPRequest.Method) -> Bool {
        method == .get || method == .head || method == .options
    }
}

/// Whether an `Origin` header names this server (scheme ignored: behind a TLS proxy the server
/// sees http while the browser says https).
enum SameOrigin {
    static func matches(origin: String, authority: String?) -> Bool {
        guard let authority, !authority.isEmpty else { return false }
        guard let schemeEnd = origin.range(of: "://") else { return false }
        return origin[schemeEnd.upperBound...].lowercased() == authority.lowercased()
    }
}

/// Comparison whose time does not depend on where two secrets differ.
enum ConstantTime {
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
