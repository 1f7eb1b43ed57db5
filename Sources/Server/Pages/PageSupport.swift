import Foundation
import Hummingbird
import IndexCore
import Intake
import Platform

/// What every page handler needs: the visitor, HTML responses, the signed-in check, the season,
/// the posted form, and Platform's refusals turned into pages.
struct PageSupport: Sendable {
    let services: ServerServices
    var platform: Platform { services.platform }

    /// The visitor of a request, from the server's request context.
    static func visitor(_ request: Request, _ context: AppRequestContext) -> Visitor {
        Visitor(language: context.language, principal: context.principal, csrf: context.csrfToken, path: request.uri.path)
    }

    /// An HTML page.
    static func html(_ page: Markup, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page.html)))
    }

    /// A redirect after a POST (303: the browser follows with a GET).
    static func seeOther(_ location: String) -> Response { .redirect(to: location, type: .normal) }

    /// Why a page cannot be shown: a response to send instead.
    struct Refusal: Error { var response: Response }

    /// The signed-in principal when its role is one of `roles`; otherwise the sign-in page
    /// (signed out: 303 to /sign-in) or a 403 page.
    static func require(_ request: Request, _ context: AppRequestContext, _ roles: Role...) throws(Refusal) -> Principal {
        guard let principal = context.principal else {
            throw Refusal(response: seeOther("/sign-in"))
        }
        guard roles.contains(principal.role) else {
            throw Refusal(response: errorPage(.forbidden, visitor(request, context)))
        }
        return principal
    }

    /// The page of a Platform refusal, with the status the API gives it too.
    static func errorPage(_ error: PlatformError, _ visitor: Visitor) -> Response {
        let say = visitor.say
        let status: HTTPResponse.Status
        switch error {
        case .unauthenticated: status = .unauthorized
        case .forbidden: status = .forbidden
        case .notFound: status = .notFound
        case .conflict: status = .conflict
        case .invalid: status = .unprocessableContent
        case .lockedOut: status = HTTPResponse.Status(code: 423, reasonPhrase: "Locked")
        case .tooLarge: status = .contentTooLarge
        case .unsupportedFile: status = .unsupportedMediaType
        case .closed: status = .conflict
        }
        var content: Markup = "<h1>\(say("Không thực hiện được", "This could not be done"))</h1>"
        switch error {
        case .invalid(let diagnostics):
            content += Layout.notice("error", "<ul>\(diagnostics.map { "<li>\($0.description)</li>" as Markup })</ul>")
        default:
            content += Layout.notice("error", "<p>\(error.text[visitor.language])</p>")
        }
        content += "<p><a href=\"/season\">\(say("← Về trang chính", "← Back"))</a></p>"
        return html(Layout.page(say("Lỗi", "Error"), for: visitor, content: content), status: status)
    }

    /// A plain not-found page (unknown address, or a file that is not part of the report).
    static func notFound(_ visitor: Visitor) -> Response {
        let say = visitor.say
        return html(Layout.page(say("Không tìm thấy", "Not found"), for: visitor, content: "<h1>\(say("Không tìm thấy trang", "Page not found"))</h1><p><a href=\"/\">\(say("← Trang chủ", "← Home"))</a></p>"), status: .notFound)
    }

    /// Runs a page handler: a ``Refusal`` becomes its response, a ``PlatformError`` its page.
    static func handle(_ request: Request, _ context: AppRequestContext, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let refusal as Refusal {
            return refusal.response
        } catch let error as PlatformError {
            return errorPage(error, visitor(request, context))
        }
    }

    /// The posted form (the server's reader and limits: 413 above them, 400 when malformed).
    func form(_ request: Request) async throws -> FormData {
        FormData(try await FormBody.read(request, limits: services.configuration.limits))
    }

    /// The season the pages work on: the latest opened (highest period); a page saying none is
    /// open otherwise.
    func currentSeason(_ visitor: Visitor) async throws -> SeasonInfo {
        guard let season = try await platform.seasons().max(by: { $0.period < $1.period }) else {
            let say = visitor.say
            throw Refusal(response: Self.html(Layout.page(say("Chưa mở kỳ đánh giá", "No season open"), for: visitor, content: """
            <h1>\(say("Chưa mở kỳ đánh giá", "No season is open"))</h1><p>\(say("Quản trị cần mở một kỳ đánh giá trước.", "An administrator must open a season first."))</p>\
            \(Markup.when(visitor.principal?.role == .admin, "<p><a class=\"button\" href=\"/season/admin\">\(say("Quản trị", "Administration"))</a></p>"))
            """)))
        }
        return season
    }
}
