import Foundation
import Hummingbird
import IndexCore
import Platform
import Reports

/// The JSON API under `/api/v1`: everything the pages do, for scripts and CI (docs/openapi.yaml).
///
/// Every handler authorizes first (``Access``), then reads its parameters and body, then calls
/// Platform once and renders what it returns; it never validates or computes itself.
struct APIRoutes {
    let services: ServerServices

    var platform: Platform { services.platform }
    var limits: ServerLimits { services.configuration.limits }

    func register(on router: Router<AppRequestContext>) {
        let api = router.group(RouterPath(APIPath.prefix))
        registerSession(on: api)
        registerAdministration(on: api)
        registerUnit(on: api)
        registerSeasonWork(on: api)
        api.get("openapi.yaml") { _, _ in OpenAPIDocument.response() }
        // Anything else under /api/ is the router's 404, which the error middleware renders as JSON.
    }

    // MARK: Session

    private func registerSession(on api: RouterGroup<AppRequestContext>) {
        api.post("session") { request, context in
            let body = try await JSONBody.decode(SignInRequest.self, from: request, limit: limits.jsonBytes)
            let signedIn = try await services.signIn.signIn(email: body.email, password: body.password, context: context)
            return sessionResponse(signedIn)
        }
        api.post("session/link") { request, context in
            let body = try await JSONBody.decode(LinkSignInRequest.self, from: request, limit: limits.jsonBytes)
            let signedIn = try await services.signIn.signIn(linkToken: body.token, newPassword: body.password, context: context)
            return sessionResponse(signedIn)
        }
        api.delete("session") { _, context in
            _ = try Access.signedIn(context)
            try await services.signIn.signOut(context: context)
            var response = Response(status: .noContent)
            services.signIn.endSession(on: &response)
            return response
        }
        api.get("me") { _, context in
            let principal = try Access.signedIn(context)
            return JSONBody.response(SessionResponse(principal: principal, csrfToken: context.csrfToken, expires: nil))
        }
    }

    private func sessionResponse(_ signedIn: SignedIn) -> Response {
        var response = JSONBody.response(
            SessionResponse(principal: signedIn.principal, csrfToken: signedIn.csrfToken, expires: signedIn.expires))
        services.signIn.startSession(signedIn, on: &response)
        return response
    }

    // MARK: Seasons, accounts, tokens (admin)

    private func registerAdministration(on api: RouterGroup<AppRequestContext>) {
        api.get("seasons") { _, context in
            _ = try Access.signedIn(context)
            return JSONBody.response(try await platform.seasons())
        }
        api.post("seasons") { request, context in
            let principal = try Access.role(context, .admin)
            let body = try await JSONBody.decode(OpenSeasonRequest.self, from: request, limit: limits.jsonBytes)
            let season = try await platform.openSeason(period: body.period, methodology: body.methodology, deadline: body.deadline, by: principal)
            return JSONBody.response(season, status: .created)
        }
        api.put("seasons/:period/deadline") { request, context in
            let principal = try Access.role(context, .admin)
            let period = try PathParameters.period(context)
            let body = try await JSONBody.decode(DeadlineRequest.self, from: request, limit: limits.jsonBytes)
            try await platform.setDeadline(period: period, deadline: body.deadline, by: principal)
            return JSONBody.response(try await platform.season(period))
        }
        api.get("users") { _, context in
            let principal = try Access.role(context, .admin)
            return JSONBody.response(try await platform.users(by: principal))
        }
        api.post("users") { request, context in
            let principal = try Access.role(context, .admin)
            let body = try await JSONBody.decode(AddUserRequest.self, from: request, limit: limits.jsonBytes)
            let account = try await platform.addUser(
                email: body.email, role: body.role, unit: body.unit, signInLink: body.signInLink ?? false, by: principal)
            return JSONBody.response(NewAccountResponse(account), status: .created)
        }
        api.post("users/:email/disable") { _, context in
            let principal = try Access.role(context, .admin)
            let email = try PathParameters.text("email", context)
            try await platform.disableUser(email: email, by: principal)
            return Response(status: .noContent)
        }
        api.post("tokens") { request, context in
            let principal = try Access.role(context, .admin)
            let body = try await JSONBody.decode(CreateTokenRequest.self, from: request, limit: limits.jsonBytes)
            let token = try await platform.createAPIToken(role: body.role, unit: body.unit, label: body.label, by: principal)
            return JSONBody.response(TokenResponse(token: token), status: .created)
        }
    }

    // MARK: One unit's season (submitter of the unit; reviewers and admins read and review)

    private func registerUnit(on api: RouterGroup<AppRequestContext>) {
        let unitPath = "seasons/:period/units/:unit"
        api.get("\(unitPath)/draft") { _, context in
            let (principal, unit) = try unitAccess(context, Access.readUnit)
            let period = try PathParameters.period(context)
            return JSONBody.response(try await platform.draft(unit: unit, period: period, by: principal))
        }
        api.put("\(unitPath)/draft") { request, context in
            let (principal, unit) = try unitAccess(context, Access.fillUnit)
            let period = try PathParameters.period(context)
            let body = try await JSONBody.decode(SaveDraftRequest.self, from: request, limit: limits.jsonBytes)
            let saved = try await platform.saveDraft(
                unit: unit, period: period, answers: body.answers, notes: body.notes ?? [:], expectedVersion: body.version, by: principal)
            return JSONBody.response(SavedDraftResponse(saved, language: context.language))
        }
        api.get("\(unitPath)/form") { _, context in
            let (principal, unit) = try unitAccess(context, Access.readUnit)
            let period = try PathParameters.period(context)
            let form = try await platform.blankForm(unit: unit, period: period, language: context.language, by: principal)
            return Downloads.attachment(form.data, mediaType: Downloads.xlsx, fileName: form.fileName)
        }
        api.put("\(unitPath)/form") { request, context in
            let (principal, unit) = try unitAccess(context, Access.fillUnit)
            let period = try PathParameters.period(context)
            let version = try QueryParameters.integer("version", request)
            let data = try await RequestBody.collect(request, limit: limits.uploadBytes)
            let saved = try await platform.importForm(unit: unit, period: period, xlsx: Data(data.readableBytesView), expectedVersion: version, by: principal)
            return JSONBody.response(SavedDraftResponse(saved, language: context.language))
        }
        api.post("\(unitPath)/evidence") { request, context in
            let (principal, unit) = try unitAccess(context, Access.fillUnit)
            let period = try PathParameters.period(context)
            let field = try QueryParameters.text("field", request)
            let name = request.uri.queryParameters.get("name") ?? field
            let data = try await RequestBody.collect(request, limit: limits.uploadBytes)
            let evidence = try await platform.addEvidence(unit: unit, period: period, field: field, fileName: name, data: Data(data.readableBytesView), by: principal)
            return JSONBody.response(evidence, status: .created)
        }
        api.get("\(unitPath)/evidence/:id") { _, context in
            let (principal, unit) = try unitAccess(context, Access.readUnit)
            let period = try PathParameters.period(context)
            let id = try PathParameters.integer("id", context)
            let (evidence, data) = try await platform.evidenceData(unit: unit, period: period, id: id, by: principal)
            return Downloads.attachment(data, mediaType: evidence.mediaType, fileName: evidence.originalName)
        }
        api.post("\(unitPath)/submit") { request, context in
            let (principal, unit) = try unitAccess(context, Access.fillUnit)
            let period = try PathParameters.period(context)
            let body = try await JSONBody.decode(VersionRequest.self, from: request, limit: limits.jsonBytes)
            let submitted = try await platform.submit(unit: unit, period: period, expectedVersion: body.version, by: principal)
            return JSONBody.response(SubmittedResponse(draft: submitted.draft, submissionID: submitted.submissionID))
        }
        api.get("\(unitPath)/self-assessment") { request, context in
            let (principal, unit) = try unitAccess(context, Access.readUnit)
            let period = try PathParameters.period(context)
            // `?whatIf=0`: the live score after an autosave (index, categories, explanation)
            // without the what-if search, nine tenths of the work; the page asks for the gains.
            let whatIf = try QueryParameters.integer("whatIf", request, absent: Platform.defaultWhatIfLimit, in: 0...Platform.maximumWhatIfLimit)
            let assessed = try await platform.selfAssessment(unit: unit, period: period, whatIfLimit: whatIf, by: principal)
            return JSONBody.response(json: SelfAssessmentResponse.json(assessed, language: context.language))
        }
        api.get("\(unitPath)/review") { _, context in
            let (principal, unit) = try unitAccess(context) { context, _ in try Access.role(context, .reviewer, .admin) }
            let period = try PathParameters.period(context)
            let sheet = try await platform.review(unit: unit, period: period, by: principal)
            return JSONBody.response(ReviewSheetResponse(sheet, language: context.language))
        }
        api.post("\(unitPath)/return") { request, context in
            let (principal, unit) = try unitAccess(context) { context, _ in try Access.role(context, .reviewer, .admin) }
            let period = try PathParameters.period(context)
            let body = try await JSONBody.decode(ReturnRequest.self, from: request, limit: limits.jsonBytes)
            let comments = body.comments.map { ReviewComment(field: $0.field, text: $0.text) }
            try await platform.returnSubmission(unit: unit, period: period, comments: comments, by: principal)
            return JSONBody.response(try await platform.draft(unit: unit, period: period, by: principal))
        }
        api.post("\(unitPath)/accept") { _, context in
            let (principal, unit) = try unitAccess(context) { context, _ in try Access.role(context, .reviewer, .admin) }
            let period = try PathParameters.period(context)
            try await platform.accept(unit: unit, period: period, by: principal)
            return JSONBody.response(try await platform.draft(unit: unit, period: period, by: principal))
        }
        api.get("\(unitPath)/audit") { _, context in
            let (principal, unit) = try unitAccess(context, Access.readUnit)
            let period = try PathParameters.period(context)
            return JSONBody.response(try await platform.auditTrail(unit: unit, period: period, by: principal))
        }
    }

    /// The unit of the path and the principal allowed to act on it.
    private func unitAccess(
        _ context: AppRequestContext, _ check: (AppRequestContext, String) throws -> Principal
    ) throws -> (Principal, String) {
        let unit = try PathParameters.text("unit", context)
        return (try check(context, unit), unit)
    }

    // MARK: The season as a whole (reviewers and admins)

    private func registerSeasonWork(on api: RouterGroup<AppRequestContext>) {
        api.get("seasons/:period/dashboard") { _, context in
            let principal = try Access.role(context, .reviewer, .admin)
            let period = try PathParameters.period(context)
            return JSONBody.response(try await platform.dashboard(period: period, by: principal).map(UnitStatusResponse.init))
        }
        api.post("seasons/:period/compute") { _, context in
            let principal = try Access.role(context, .reviewer, .admin)
            let period = try PathParameters.period(context)
            let computed = try await platform.compute(period: period, by: principal)
            let ranking = ResultFormatter(computed.computed.table).json(language: context.language)
            return JSONBody.response(json: ComputeResponse.json(run: computed.runID, ranking: ranking))
        }
        api.post("seasons/:period/preview") { _, context in
            let principal = try Access.role(context, .reviewer, .admin)
            let period = try PathParameters.period(context)
            _ = try await platform.previewReport(period: period, language: context.language, by: principal)
            let index = "\(APIPath.prefix)/seasons/\(period)/preview/\(context.language.rawValue)/index.html"
            return JSONBody.response(PreviewResponse(index: index), status: .created)
        }
        api.get("seasons/:period/preview/:language/**") { _, context in
            _ = try Access.role(context, .reviewer, .admin)
            let period = try PathParameters.period(context)
            guard let language = Language(rawValue: try PathParameters.text("language", context)) else { throw ServerError.notFound }
            let folder = platform.previewFolder(period: period, language: language)
            return try StaticFolder.response(folder: folder, path: context.parameters.getCatchAll())
        }
        api.post("seasons/:period/publish") { request, context in
            let principal = try Access.role(context, .admin)
            let period = try PathParameters.period(context)
            let body = try await JSONBody.decode(PublishRequest.self, from: request, limit: limits.jsonBytes)
            _ = try await platform.publish(period: period, run: body.run, by: principal)
            return JSONBody.response(try await platform.season(period))
        }
        api.delete("seasons/:period/publish") { _, context in
            let principal = try Access.role(context, .admin)
            let period = try PathParameters.period(context)
            try await platform.unpublish(period: period, by: principal)
            return JSONBody.response(try await platform.season(period))
        }
    }
}

/// A unit's live self-assessment in JSON: the assessment and the explanation in the contracts of
/// `ictindex assess --format json` and `ictindex explain --format json` (members in the CLI's
/// order), beside the unit, the period, the published period compared with (null: none
/// published yet) and the draft's problems; the top-level members in alphabetical order.
enum SelfAssessmentResponse {
    static func json(_ assessed: SelfAssessment, language: Language) -> JSONValue {
        let assessment = assessed.assessment.data.assessments[assessed.assessment.unitID].map { ReportWriter.assessmentJSON($0) }
        return .object([
            ("assessment", assessment ?? .null),
            ("comparedWith", assessed.comparedWith.map { .integer($0) } ?? .null),
            ("explanation", ExplanationFormatter.json(assessed.explanation, language: language)),
            ("period", .integer(assessed.period)),
            ("problems", .array(assessed.problems.map { DiagnosticBody($0, language: language).json })),
            ("unit", .string(assessed.unit)),
        ])
    }
}
