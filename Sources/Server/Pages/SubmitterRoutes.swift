import Foundation
import Hummingbird
import IndexCore
import Intake
import Platform

/// The submitter's pages: the season's form (save a draft, submit, evidence, upload of the filled
/// Excel form) and the self-assessment. The unit is always the principal's own.
struct SubmitterRoutes: Sendable {
    let support: PageSupport
    var platform: Platform { support.platform }

    func register(on router: Router<AppRequestContext>) {
        router.get("/season/form") { request, context in
            try await PageSupport.handle(request, context) { try await showForm(request, context) }
        }
        router.post("/season/form") { request, context in
            try await PageSupport.handle(request, context) { try await saveForm(request, context) }
        }
        router.get("/season/form.xlsx") { request, context in
            try await PageSupport.handle(request, context) {
                let page = try await self.context(request, context)
                let form = try await platform.blankForm(unit: page.unit.id, period: page.season.period, language: page.visitor.language, by: page.principal)
                return Downloads.attachment(form.data, mediaType: Downloads.xlsx, fileName: form.fileName)
            }
        }
        router.post("/season/form/upload") { request, context in
            try await PageSupport.handle(request, context) { try await uploadForm(request, context) }
        }
        router.get("/season/self-assessment") { request, context in
            try await PageSupport.handle(request, context) { try await selfAssessment(request, context) }
        }
    }

    /// Everything the form page is drawn from.
    struct Context {
        var visitor: Visitor
        var principal: Principal
        var season: SeasonInfo
        var unit: RegisteredUnit
        var questions: SurveyQuestions
    }

    func context(_ request: Request, _ context: AppRequestContext) async throws -> Context {
        let principal = try PageSupport.require(request, context, .submitter)
        let visitor = PageSupport.visitor(request, context)
        let season = try await support.currentSeason(visitor)
        guard let unitID = principal.unit else { throw PlatformError.notFound }
        let (methodology, unit) = try await platform.formContext(period: season.period, unit: unitID)
        return Context(visitor: visitor, principal: principal, season: season, unit: unit,
                       questions: SurveyQuestions(methodology: methodology, block: unit.block, language: visitor.language))
    }

    /// The problems of the saved draft, as the self-assessment finds them (the same validation
    /// as saving): shown when the form is opened, so "Nộp" is offered only for a valid draft.
    func problems(_ page: Context) async -> [Diagnostic] {
        do {
            return try await platform.selfAssessment(unit: page.unit.id, period: page.season.period, whatIfLimit: 0, by: page.principal).problems
        } catch {
            // (A pattern in the catch clause of a typed throw crashes Swift 6.3's SILGen here.)
            if case .invalid(let problems) = error { return problems }
            return []
        }
    }

    func showForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let page = try await self.context(request, context)
        let draft = try await platform.draft(unit: page.unit.id, period: page.season.period, by: page.principal)
        let problems = draft.version > 0 ? await self.problems(page) : []
        var view = FormView(visitor: page.visitor, season: page.season, unitName: page.unit.name, questions: page.questions, draft: draft,
                            problems: ProblemText.of(problems, questions: page.questions))
        view.notice = Self.notice(request.uri.queryParameters.get("done"), page.visitor.say)
        return PageSupport.html(view.page)
    }

    /// Saves the posted answers and evidence (and submits them when asked and valid).
    func saveForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let page = try await self.context(request, context)
        let say = page.visitor.say
        let form = try await support.form(request)
        let version = Int(form["version"] ?? "") ?? 0
        let answers = form.values(prefixed: "a."), notes = form.values(prefixed: "e.")
        let saved: SavedDraft
        do {
            saved = try await platform.saveDraft(unit: page.unit.id, period: page.season.period, answers: answers, notes: notes, expectedVersion: version, by: page.principal)
        } catch {
            guard case .conflict(let conflict) = error else { throw error }
            var view = FormView(visitor: page.visitor, season: page.season, unitName: page.unit.name, questions: page.questions, draft: conflict.current, problems: [])
            view.answers = answers
            view.notes = notes
            view.conflict = conflict
            return PageSupport.html(view.page, status: .conflict)
        }
        // Evidence files after the answers: a refused file does not lose the answers just typed.
        var refusedFiles: [Markup] = []
        for (name, upload) in form.files.sorted(by: { $0.key < $1.key }) where name.hasPrefix("f.") {
            let field = String(name.dropFirst(2))
            do {
                _ = try await platform.addEvidence(unit: page.unit.id, period: page.season.period, field: field, fileName: upload.fileName, data: upload.data, by: page.principal)
            } catch {
                refusedFiles.append("<li>\(upload.fileName) (\(field)): \(error.text[page.visitor.language])</li>")
            }
        }
        if form["action"] == "submit", saved.problems.isEmpty, refusedFiles.isEmpty {
            _ = try await platform.submit(unit: page.unit.id, period: page.season.period, expectedVersion: saved.draft.version, by: page.principal)
            return PageSupport.seeOther("/season/form?done=submitted")
        }
        let draft = refusedFiles.isEmpty ? saved.draft : try await platform.draft(unit: page.unit.id, period: page.season.period, by: page.principal)
        var view = FormView(visitor: page.visitor, season: page.season, unitName: page.unit.name, questions: page.questions, draft: draft,
                            problems: ProblemText.of(saved.problems, questions: page.questions))
        var notice: Markup = Layout.notice(saved.problems.isEmpty ? "ok" : "warn", "<p>\(say("Đã lưu nháp", "Draft saved")) (\(say("phiên bản", "version")) \(saved.draft.version)).\(Markup.when(form["action"] == "submit" && !saved.problems.isEmpty, " \(say("Chưa nộp được vì còn lỗi.", "Not submitted: the draft has problems."))"))</p>")
        if !refusedFiles.isEmpty {
            notice += Layout.notice("error", "<p>\(say("Không nhận các tệp minh chứng sau:", "These evidence files were refused:"))</p><ul>\(refusedFiles)</ul>")
        }
        view.notice = notice
        return PageSupport.html(view.page)
    }

    /// Imports a filled Excel form as the draft.
    func uploadForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let page = try await self.context(request, context)
        let say = page.visitor.say
        let form = try await support.form(request)
        guard let upload = form.files["form"] else {
            return PageSupport.errorPage(.invalid([Diagnostic(.missingKey, .noXlsxChosen)]), page.visitor)
        }
        let saved = try await platform.importForm(unit: page.unit.id, period: page.season.period, xlsx: upload.data,
                                                  expectedVersion: Int(form["version"] ?? "") ?? 0, by: page.principal)
        var view = FormView(visitor: page.visitor, season: page.season, unitName: page.unit.name, questions: page.questions, draft: saved.draft,
                            problems: ProblemText.of(saved.problems, questions: page.questions))
        view.notice = Layout.notice(saved.problems.isEmpty ? "ok" : "warn", "<p>\(say("Đã nhập phiếu Excel", "The Excel form was imported")) \(upload.fileName) (\(say("phiên bản", "version")) \(saved.draft.version)).</p>")
        return PageSupport.html(view.page)
    }

    func selfAssessment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let page = try await self.context(request, context)
        let say = page.visitor.say
        do {
            let result = try await platform.selfAssessment(unit: page.unit.id, period: page.season.period, by: page.principal)
            return PageSupport.html(SelfAssessmentView(visitor: page.visitor, unitName: page.unit.name, result: result).page)
        } catch {
            guard case .invalid(let problems) = error else { throw error }
            let texts = ProblemText.of(problems, questions: page.questions)
            return PageSupport.html(Layout.page(say("Tự đánh giá", "Self-assessment"), for: page.visitor, content: """
            <h1>\(say("Tự đánh giá", "Self-assessment")) — \(page.unit.name)</h1>
            \(Layout.notice("warn", "<p>\(say("Chưa tính được: bản nháp còn lỗi sau.", "Not computed yet: the draft has these problems."))</p><ul>\(texts.map { "<li>\($0.field.map { "\($0): " } ?? "")\($0.text)</li>" as Markup })</ul><p><a href=\"/season/form\">\(say("Sửa phiếu", "Correct the form"))</a></p>"))
            """))
        }
    }

    /// The notice after a redirect (`?done=`).
    static func notice(_ done: String?, _ say: Say) -> Markup {
        switch done {
        case "submitted"?: Layout.notice("ok", "<p><strong>\(say("Đã nộp", "Submitted")).</strong> \(say("Phiếu đã gửi đến người thẩm định.", "The form was sent to the reviewers.")) <a href=\"/season/self-assessment\">\(say("Xem điểm tự đánh giá", "See the self-assessment"))</a></p>")
        default: .empty
        }
    }
}
