import Foundation
import Hummingbird

/// The session cookie: the session token Platform issued (Platform stores only its hash).
///
/// `HttpOnly` (no script reads it), `SameSite=Lax` (not sent on cross-site POSTs), `Path=/`, and
/// `Secure` when the server runs behind TLS (``ServerConfiguration/secureCookies``). It lives as
/// long as the session does.
public struct SessionCookie: Sendable {
    /// The cookie's name.
    public static let name = "ictindex_session"

    /// Whether cookies are marked `Secure`.
    public var secure: Bool

    /// The session cookie, marked `Secure` when `secure` (behind TLS).
    public init(secure: Bool) {
        self.secure = secure
    }

    /// The cookie that carries a session token for `lifetime` seconds (the session's own
    /// lifetime: the browser forgets it when the store does).
    public func cookie(token: String, lifetime: TimeInterval) -> Cookie {
        Cookie(
            name: Self.name, value: token, maxAge: max(0, Int(lifetime)),
            path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The cookie that makes the browser forget the session (sign-out, or a session that ended).
    public func removal() -> Cookie {
        Cookie(name: Self.name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
