import Foundation
import Platform

/// What route handlers (the API's and the pages') work with: the configuration, the platform,
/// and sign-in with its rate limit and cookie.
public struct ServerServices: Sendable {
    /// The server's configuration.
    public let configuration: ServerConfiguration
    /// The platform every handler calls.
    public let platform: Platform
    /// Signing in and out (rate limit, Platform's check, cookie) for the API and the pages.
    public let signIn: SignInService
    /// The published report's files held in memory for the public site.
    let publishedFiles = PublishedFiles()

    /// The services of a server with `configuration` on `platform`.
    public init(configuration: ServerConfiguration, platform: Platform) {
        self.configuration = configuration
        self.platform = platform
        self.signIn = SignInService(
            platform: platform,
            cookie: SessionCookie(secure: configuration.secureCookies),
            limiter: SignInRateLimiter(
                limit: configuration.limits.signInAttemptsPerWindow,
                window: TimeInterval(configuration.limits.signInWindowSeconds)))
    }
}
