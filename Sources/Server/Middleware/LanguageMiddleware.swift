import Hummingbird

/// Sets the request's language (``LanguageNegotiation``) and, when `?lang=` switched it, leaves
/// the `lang` cookie so the next pages keep it.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.language = LanguageNegotiation.language(for: request)
        var response = try await next(request, context)
        if let switched = LanguageNegotiation.queryLanguage(of: request),
           request.cookies[LanguageNegotiation.cookieName]?.value != switched.rawValue {
            response.setCookie(Cookie(
                name: LanguageNegotiation.cookieName, value: switched.rawValue,
                maxAge: 365 * 24 * 3600, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }
}
