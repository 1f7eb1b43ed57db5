import Hummingbird
import Logging
import Platform

/// The web platform's application: the router with its middleware chain, on the configured
/// address. `ictindex serve` runs it; the tests run the same value (HummingbirdTesting).
///
/// - Parameters:
///   - configuration: workspace, address and security settings.
///   - platform: the platform to serve (tests pass one with a fixed clock); by default one is
///     opened on `configuration.workspace`.
///   - onServerRunning: called once the server listens (with the port it got, useful with port 0).
public func makeApplication(
    _ configuration: ServerConfiguration,
    platform: Platform? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let platform = try platform ?? Platform(workspace: configuration.workspace)
    let router = makeRouter(ServerServices(configuration: configuration, platform: platform))
    var logger = Logger(label: "ictindex.serve")
    logger.logLevel = .notice
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "ictindex"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// The router: middleware first (they apply only to routes added after them), then the API and
/// the pages. Public so tests can enumerate every route (the authorization matrix).
public func makeRouter(_ services: ServerServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    // Outermost first: the language (errors need it), the security headers (on every response,
    // errors too), the error rendering, who is asking, then the CSRF check.
    router.add(middleware: LanguageMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: AuthenticationMiddleware(
        platform: services.platform, sessionCookie: services.signIn.cookie,
        trustForwardedFor: services.configuration.trustForwardedFor))
    router.add(middleware: CSRFMiddleware(limits: services.configuration.limits))
    APIRoutes(services: services).register(on: router)
    Pages.register(on: router, services: services)
    return router
}
