import Foundation
import HTTPTypes
import Hummingbird
import IndexCore
import Reports

/// Turns every error thrown below it — by a handler, the session or CSRF checks, or the router's
/// 404 — into a response in the request's language: JSON under `/api/`, a small HTML page
/// elsewhere. A 500 is logged with its cause; the client gets only a generic message.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let serverError = ServerError(error)
            if serverError.status == .internalServerError {
                context.logger.error("\(request.method) \(request.uri.path): \(String(reflecting: error))")
            }
            return ErrorResponse.response(for: serverError, request: request, language: context.language)
        }
    }
}

/// The response for a ``ServerError``: its status and headers, and a body a machine (JSON) or a
/// person (HTML) reads.
enum ErrorResponse {
    static func response(for error: ServerError, request: Request, language: Language) -> Response {
        var headers = error.headers
        let body: ByteBuffer
        if APIPath.isAPI(request.uri.path) {
            headers[.contentType] = "application/json; charset=utf-8"
            body = ByteBuffer(bytes: JSONBody.encode(ErrorEnvelope(error, language: language)))
        } else {
            headers[.contentType] = "text/html; charset=utf-8"
            body = ByteBuffer(string: html(for: error, language: language))
        }
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: body))
    }

    /// A minimal page for errors outside the API (the pages render their own forms' errors).
    static func html(for error: ServerError, language: Language) -> String {
        let title = "\(error.status.code) — " + HTML.escape(error.message[language])
        let items = error.diagnostics.map { "<li>" + HTML.escape(DiagnosticText.message($0, in: language)) + "</li>" }
        let list = items.isEmpty ? "" : "<ul>" + items.joined() + "</ul>"
        let home = language == .vi ? "Về trang chủ" : "Home"
        return """
            <!doctype html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">\
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(title)</title></head>
            <body><h1>\(title)</h1>\(list)<p><a href="/">\(home)</a></p></body></html>

            """
    }
}

/// The JSON shape of every error: `{ "error": { "code", "message", "diagnostics": [...] } }`.
struct ErrorEnvelope: Encodable {
    struct Body: Encodable {
        var code: String
        var message: String
        var diagnostics: [DiagnosticBody]
        var details: [String: JSONFragment]?
    }

    var error: Body

    init(_ error: ServerError, language: Language) {
        self.error = Body(
            code: error.code, message: error.message[language],
            diagnostics: error.diagnostics.map { DiagnosticBody($0, language: language) },
            details: error.details.isEmpty ? nil : error.details)
    }
}

/// One diagnostic in JSON: the CLI's code, the message, and where (`file:line:column (detail)`).
struct DiagnosticBody: Encodable, Equatable {
    var code: String
    var message: String
    var location: String?

    init(_ diagnostic: Diagnostic, language: Language) {
        self.code = diagnostic.code.rawValue
        self.message = DiagnosticText.message(diagnostic, in: language)
        self.location = diagnostic.location?.description
    }

    /// The same members as its `Encodable` form (no `location` when it has none), for answers
    /// written from a `JSONValue`.
    var json: JSONValue {
        .object([("code", .string(code))] + (location.map { [("location", .string($0))] } ?? []) + [("message", .string(message))])
    }
}

/// A diagnostic's message in a language. Diagnostics carry English text today; when the message
/// catalog (issue 13) gives them both languages, this is the one place to switch to it.
enum DiagnosticText {
    static func message(_ diagnostic: Diagnostic, in language: Language) -> String {
        diagnostic.message(in: language)
    }
}
