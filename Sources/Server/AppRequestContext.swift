import Hummingbird
import IndexCore
import NIOCore
import Platform

/// What the server knows about one request, passed along the middleware chain to the handlers
/// (API and pages alike).
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connected peer (nil in router tests, which have no socket).
    public let remoteAddress: SocketAddress?
    /// The language of the response: `?lang=`, the `lang` cookie, `Accept-Language`, else vi.
    public var language: Language = .vi
    /// Who is signed in, from the session cookie or a bearer token; nil when signed out.
    public var principal: Principal?
    /// How the principal was established; decides whether a CSRF token is required.
    public var credential: Credential = .none
    /// The signed-in session's CSRF token, for pages to put in every form (`csrf` field) and
    /// scripts to send as `X-CSRF-Token`; nil without a session.
    public var csrfToken: String?
    /// The client's address for the sign-in rate limit (`X-Forwarded-For` when trusted).
    public var clientAddress: String = "unknown"

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// JSON bodies larger than this are refused (413) while they are read; uploads read their
    /// body themselves with the upload limit (`UploadBody`).
    public var maxUploadSize: Int { ServerLimits().jsonBytes }
}

/// How a request proved who it is.
public enum Credential: Sendable, Equatable {
    /// No session cookie and no bearer token (or a session cookie that is no longer valid).
    case none
    /// A browser session (the cookie). State-changing requests must carry the CSRF token.
    case session(token: String)
    /// An API token (`Authorization: Bearer …`). Not sent by browsers on their own, so exempt
    /// from the CSRF check.
    case bearer
}
