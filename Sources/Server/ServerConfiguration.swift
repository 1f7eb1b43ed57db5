/// How `ictindex serve` (and the tests) run the web platform.
///
/// One value describes the whole server, so the command line and the tests build the same
/// application from it (``makeApplication(_:)``).
public struct ServerConfiguration: Sendable {
    /// The workspace folder (its `index.sqlite` holds accounts, drafts and the audit trail).
    public var workspace: String
    /// The address to listen on. The default is loopback only: put a reverse proxy with TLS in
    /// front to serve other machines (docs/server.md).
    public var host: String
    /// The TCP port; 0 asks the system for a free one (tests).
    public var port: Int
    /// Seed the season and the demo accounts of the bundled examples on start.
    public var demo: Bool
    /// Mark the session cookie `Secure`: set it when the server runs behind a TLS-terminating
    /// reverse proxy, so browsers never send the session over plain HTTP.
    public var secureCookies: Bool
    /// Take the client address from `X-Forwarded-For` (the proxy's last hop) instead of the
    /// socket. Only safe behind a reverse proxy that overwrites that header; used for the
    /// sign-in rate limit.
    public var trustForwardedFor: Bool
    /// The request limits (upload and JSON sizes, sign-in attempts).
    public var limits: ServerLimits

    /// A configuration: the workspace, the address and port, demo seeding, cookies, the proxy's
    /// `X-Forwarded-For` and the request limits (each property says what it is).
    public init(
        workspace: String,
        host: String = "127.0.0.1",
        port: Int = 8080,
        demo: Bool = false,
        secureCookies: Bool = false,
        trustForwardedFor: Bool = false,
        limits: ServerLimits = .init()
    ) {
        self.workspace = workspace
        self.host = host
        self.port = port
        self.demo = demo
        self.secureCookies = secureCookies
        self.trustForwardedFor = trustForwardedFor
        self.limits = limits
    }
}

/// The sizes and rates the server accepts; anything above is refused while it is read.
public struct ServerLimits: Sendable {
    /// The largest uploaded file (a filled form or an evidence file): 10 MB, as the issue says.
    public var uploadBytes: Int
    /// Room for a multipart form's boundaries, headers and other fields around the file.
    public var formOverheadBytes: Int
    /// The largest JSON request body.
    public var jsonBytes: Int
    /// Sign-in attempts one client address may make per window before it gets 429.
    public var signInAttemptsPerWindow: Int
    /// The window of the sign-in rate limit, in seconds.
    public var signInWindowSeconds: Int

    /// The limits; the defaults are the documented ones (docs/server.md).
    public init(
        uploadBytes: Int = 10 * 1024 * 1024,
        formOverheadBytes: Int = 64 * 1024,
        jsonBytes: Int = 1024 * 1024,
        signInAttemptsPerWindow: Int = 10,
        signInWindowSeconds: Int = 60
    ) {
        self.uploadBytes = uploadBytes
        self.formOverheadBytes = formOverheadBytes
        self.jsonBytes = jsonBytes
        self.signInAttemptsPerWindow = signInAttemptsPerWindow
        self.signInWindowSeconds = signInWindowSeconds
    }

    /// The largest body of an upload request: the file plus the form around it.
    public var uploadRequestBytes: Int { uploadBytes + formOverheadBytes }
}
