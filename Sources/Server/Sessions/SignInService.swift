import Foundation
import Hummingbird
import Platform

/// Signing in and out for both front ends (the API's `POST /api/v1/session` and the pages' form):
/// the per-address rate limit, Platform's check (bcrypt, per-account lockout), and the cookie.
///
/// One piece of code for both, so the pages' sign-in form cannot skip the rate limit.
public struct SignInService: Sendable {
    /// The platform that checks passwords and keeps sessions.
    public let platform: Platform
    /// How the session cookie is written and read.
    public let cookie: SessionCookie
    let limiter: SignInRateLimiter

    init(platform: Platform, cookie: SessionCookie, limiter: SignInRateLimiter) {
        self.platform = platform
        self.cookie = cookie
        self.limiter = limiter
    }

    /// Signs in with e-mail and password. Throws 429 (`rate-limited`, with `Retry-After`) when
    /// this address tried too often, and Platform's `unauthenticated` or `lockedOut` (423).
    public func signIn(email: String, password: String, context: AppRequestContext) async throws -> SignedIn {
        try checkRate(context)
        return try await platform.signIn(email: email, password: password, client: context.clientAddress)
    }

    /// Signs in with a one-time link token (rate limited like a password), setting the
    /// account's password to `newPassword` when given (the link's page asks for one).
    public func signIn(linkToken: String, newPassword: String? = nil, context: AppRequestContext) async throws -> SignedIn {
        try checkRate(context)
        return try await platform.signIn(linkToken: linkToken, newPassword: newPassword, client: context.clientAddress)
    }

    /// Ends the request's session, if it has one (bearer tokens are not sessions).
    public func signOut(context: AppRequestContext) async throws {
        if case .session(let token) = context.credential {
            try await platform.signOut(session: token)
        }
    }

    /// Puts the new session's cookie on `response`.
    public func startSession(_ signedIn: SignedIn, on response: inout Response) {
        response.setCookie(cookie.cookie(token: signedIn.session, lifetime: platform.policy.sessionLifetime))
    }

    /// Tells the browser to forget the session cookie.
    public func endSession(on response: inout Response) {
        response.setCookie(cookie.removal())
    }

    private func checkRate(_ context: AppRequestContext) throws {
        if let wait = limiter.attempt(from: context.clientAddress) {
            throw ServerError.rateLimited(retryAfterSeconds: wait)
        }
    }
}

/// The client's address: the socket's peer, or the last `X-Forwarded-For` hop when the server is
/// configured to trust its reverse proxy (the proxy appends the address it saw; earlier entries
/// are whatever the client claimed).
enum ClientAddress {
    static func of(_ request: Request, remote: String?, trustForwardedFor: Bool) -> String {
        if trustForwardedFor, let header = request.headers[.xForwardedFor],
           let last = header.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return last
        }
        return remote ?? "unknown"
    }
}
