import Foundation
import Hummingbird
import IndexCore
import Intake
import Platform

/// The reviewer's (and admin's) pages: the dashboard, a submission's review with return and
/// accept, evidence files, computing the season and previewing its national report.
struct ReviewerRoutes: Sendable {
    let support: PageSupport
    var platform: Platform { support.platform }

    func register(on router: Router<AppRequestContext>) {
        router.get("/season/dashboard") { request, context in
            try await PageSupport.handle(request, context) { try await dashboard(request, context) }
        }
        router.get("/season/review/:unit") { request, context in
            try await PageSupport.handle(request, context) { try await review(request, context) }
        }
        router.post("/season/review/:unit") { request, context in
            try await PageSupport.handle(request, context) { try await decide(request, context) }
        }
        router.get("/season/evidence/:unit/:id") { request, context in
            try await PageSupport.handle(request, context) { try await evidence(request, context) }
        }
        router.post("/season/compute") { request, context in
            try await PageSupport.handle(request, context) { try await compute(request, context) }
        }
        router.post("/season/preview") { request, context in
            try await PageSupport.handle(request, context) { try await preview(request, context) }
        }
        router.get("/season/preview/:first") { request, context in
            try await PageSupport.handle(request, context) { try await previewFile(request, context, path: context.parameters.get("first") ?? "") }
        }
        router.get("/season/preview/:first/:file") { request, context in
            try await PageSupport.handle(request, context) {
                try await previewFile(request, context, path: (context.parameters.get("first") ?? "") + "/" + (context.parameters.get("file") ?? ""))
            }
        }
    }

    func dashboard(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try PageSupport.require(request, context, .reviewer, .admin)
        let visitor = PageSupport.visitor(request, context)
        let season = try await support.currentSeason(visitor)
        let statuses = try await platform.dashboard(period: season.period, by: principal)
        let methodology = try await platform.methodology(period: season.period)
        var view = DashboardView(visitor: visitor, season: season, statuses: statuses,
                                 blocks: methodology.blocks.map { ($0.id, $0.name[visitor.language]) })
        view.notice = Self.notice(request, visitor.say)
        return PageSupport.html(view.page)
    }

    func review(_ request: Request, _ context: AppRequestContext, notice: Markup = .empty) async throws -> Response {
        let principal = try PageSupport.require(request, context, .reviewer, .admin)
        let visitor = PageSupport.visitor(request, context)
        let season = try await support.currentSeason(visitor)
        let unitID = context.parameters.get("unit") ?? ""
        let sheet = try await platform.review(unit: unitID, period: season.period, by: principal)
        let (methodology, unit) = try await platform.formContext(period: season.period, unit: unitID)
        var view = ReviewView(visitor: visitor, season: season, unitName: unit.name,
                              questions: SurveyQuestions(methodology: methodology, block: unit.block, language: visitor.language), sheet: sheet)
        view.notice = notice.html.isEmpty ? Self.notice(request, visitor.say) : notice
        return PageSupport.html(view.page)
    }

    /// Return with comments, or accept.
    func decide(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try PageSupport.require(request, context, .reviewer, .admin)
        let visitor = PageSupport.visitor(request, context)
        let season = try await support.currentSeason(visitor)
        let unitID = context.parameters.get("unit") ?? ""
        let form = try await support.form(request)
        switch form["action"] {
        case "accept":
            try await platform.accept(unit: unitID, period: season.period, by: principal)
            return PageSupport.seeOther("/season/review/\(Self.pathSegment(unitID))?done=accepted")
        case "return":
            var comments = form.values(prefixed: "c.").sorted { $0.key < $1.key }.map { ReviewComment(field: $0.key == "_general" ? nil : $0.key, text: $0.value) }
            comments.removeAll { $0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            do {
                try await platform.returnSubmission(unit: unitID, period: season.period, comments: comments, by: principal)
            } catch {
                guard case .invalid(let problems) = error else { throw error }
                return try await review(request, context, notice: Layout.notice("error", "<ul>\(problems.map { "<li>\($0.message)</li>" as Markup })</ul>"))
            }
            return PageSupport.seeOther("/season/review/\(Self.pathSegment(unitID))?done=returned")
        default:
            return PageSupport.errorPage(.invalid([Diagnostic(.invalidValue, .unknownAction)]), visitor)
        }
    }

    func evidence(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try PageSupport.require(request, context, .reviewer, .admin, .submitter)
        let visitor = PageSupport.visitor(request, context)
        let season = try await support.currentSeason(visitor)
        guard let id = Int64(context.parameters.get("id") ?? "") else { return PageSupport.notFound(visitor) }
        let (evidence, data) = try await platform.evidenceData(unit: context.parameters.get("unit") ?? "", period: season.period, id: id, by: principal)
        // Sent as an attachment under a name made of the hash: never rendered by the browser.
        return Response(status: .ok, headers: [.contentType: evidence.mediaType, .contentDisposition: "attachment; filename=\"evidence-\(evidence.sha256.prefix(12))\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func compute(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try PageSupport.require(request, context, .reviewer, .admin)
        let visitor = PageSupport.visitor(request, context)
        let season = try await support.currentSeason(visitor)
        let form = try await support.form(request)
        let run = try await platform.compute(period: season.period, by: principal)
        let next = form["next"] == "admin" && principal.role == .admin ? "/season/admin" : "/season/dashboard"
        return PageSupport.seeOther("\(next)?done=computed&run=\(run.runID)")
    }

    func preview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try PageSupport.require(request, context, .reviewer, .admin)
        let visitor = PageSupport.visitor(request, context)
        let season = try await support.currentSeason(visitor)
        _ = try await platform.previewReport(period: season.period, language: visitor.language, by: principal)
        return PageSupport.seeOther("/season/preview/index.html")
    }

    /// A file of the preview report (the reviewer's language), with the public site's path checks.
    func previewFile(_ request: Request, _ context: AppRequestContext, path: String) async throws -> Response {
        _ = try PageSupport.require(request, context, .reviewer, .admin)
        let visitor = PageSupport.visitor(request, context)
        let season = try await support.currentSeason(visitor)
        let root = platform.workspace.directory.appendingPathComponent("preview/\(season.period)/\(visitor.language.rawValue)", isDirectory: true)
        // Read each time (a preview is rewritten often), off Swift's cooperative pool.
        guard let file = PublishedSite(root: root).file(at: path), let entry = try await PublishedFiles.read(file.url.path) else {
            return PageSupport.notFound(visitor)
        }
        return Response(status: .ok, headers: [.contentType: file.contentType], body: .init(byteBuffer: entry.body))
    }

    /// A unit id as a path segment (ids are registry slugs; anything else is percent-encoded).
    static func pathSegment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? ""
    }

    /// The notice after a redirect (`?done=`, `&run=`).
    static func notice(_ request: Request, _ say: Say) -> Markup {
        switch request.uri.queryParameters.get("done") {
        case "computed"?: Layout.notice("ok", "<p><strong>\(say("Đã tính", "Computed"))</strong> (\(say("lần tính", "run")) \(request.uri.queryParameters.get("run") ?? "")).</p>")
        case "returned"?: Layout.notice("ok", "<p><strong>\(say("Đã trả lại", "Returned"))</strong> \(say("phiếu cho đơn vị kèm ý kiến.", "to the unit with the comments."))</p>")
        case "accepted"?: Layout.notice("ok", "<p><strong>\(say("Đã chấp nhận", "Accepted"))</strong> \(say("phiếu của đơn vị.", "the unit's form."))</p>")
        default: .empty
        }
    }
}
