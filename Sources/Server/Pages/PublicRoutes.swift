import Foundation
import Hummingbird
import IndexCore
import Platform

/// The public site: the national report of the latest published season, byte for byte the files
/// Platform's publication wrote (`published/<period>/vi/` at `/`, `…/en/` at `/en/`); before any
/// publication, a page saying the results are not published yet, with the sign-in link.
struct PublicRoutes: Sendable {
    let support: PageSupport

    func register(on router: Router<AppRequestContext>) {
        router.get("/") { request, context in try await serve(request, context, language: .vi, path: "") }
        router.get("/:first") { request, context in try await serve(request, context, language: .vi, path: file(context, "first")) }
        router.get("/:first/:file") { request, context in try await serve(request, context, language: .vi, path: folderFile(context)) }
        // "/en" and "/en/" are one route: without the slash the report's relative links would
        // lead to the Vietnamese pages, so it is sent to the folder address.
        router.get("/en") { request, context in
            request.uri.path.hasSuffix("/") ? try await serve(request, context, language: .en, path: "") : PageSupport.seeOther("/en/")
        }
        router.get("/en/:first") { request, context in try await serve(request, context, language: .en, path: file(context, "first")) }
        router.get("/en/:first/:file") { request, context in try await serve(request, context, language: .en, path: folderFile(context)) }
    }

    func file(_ context: AppRequestContext, _ name: String) -> String { context.parameters.get(name) ?? "" }

    // One parameter name for a first segment, whether a file or a folder: Hummingbird's router
    // refuses two names at the same place of the path.
    func folderFile(_ context: AppRequestContext) -> String { file(context, "first") + "/" + file(context, "file") }

    /// The published file at `path` in `language`, or the not-published page (at the site's
    /// root) or a 404 page.
    func serve(_ request: Request, _ context: AppRequestContext, language: Language, path: String) async throws -> Response {
        var visitor = PageSupport.visitor(request, context)
        guard let published = try await support.platform.latestPublishedPeriod() else {
            if path.isEmpty {
                visitor.language = request.uri.queryParameters.get("lang") == nil ? language : visitor.language
                return PageSupport.html(NotPublishedView.page(visitor, seasons: try await support.platform.seasons()))
            }
            return PageSupport.notFound(visitor)
        }
        let site = PublishedSite(root: support.platform.publishedFolder(published).appendingPathComponent(language.rawValue, isDirectory: true))
        guard let file = site.file(at: path), let entry = try await support.services.publishedFiles.file(at: file.url.path) else {
            return PageSupport.notFound(visitor)
        }
        // `no-cache`: a browser may keep the page but asks again each time (a 304 while it is
        // the same), so a new publication is seen at once.
        var headers: HTTPFields = [.contentType: file.contentType, .eTag: entry.etag, .cacheControl: "no-cache"]
        if let asked = request.headers[.ifNoneMatch], Self.matches(asked, entry.etag) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: entry.body))
    }

    /// Whether an `If-None-Match` value names `etag` (a list of tags, weak or strong, or `*`).
    static func matches(_ ifNoneMatch: String, _ etag: String) -> Bool {
        ifNoneMatch.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
