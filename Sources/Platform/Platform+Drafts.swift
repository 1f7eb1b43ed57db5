import Formats
import Foundation
import GRDB
import IndexCore
import IndexStore
import Intake
import Season

/// What a draft row stores besides its state: answers and evidence notes as typed.
struct DraftContent: Codable, Sendable, Hashable {
    var answers: [String: String]
    var notes: [String: String]
}

extension Platform {
    // MARK: - Reading a draft

    /// A unit's draft for a season (an empty one, version 0, when nothing was saved yet).
    /// Submitters read their own unit's only; reviewers and admins read any.
    public func draft(unit: String, period: Int, by principal: Principal) async throws(PlatformError) -> Draft {
        try requireUnit(principal, unit)
        _ = try await context(period, unit: unit)
        return try await read { db in try Self.draft(db, unit: unit, period: period) }
    }

    static func draft(_ db: Database, unit: String, period: Int) throws -> Draft {
        // Cached statements: a draft is read by every save and every live score, and compiling
        // the statements (GRDB authorises each column read) was a twentieth of a live score.
        let comments = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT c.field, c.text, c.created_at, u.email FROM review_comment c JOIN platform_user u ON u.id = c.author
            WHERE c.unit_id = ? AND c.period = ? ORDER BY c.id
            """), arguments: [unit, period]).map { ReviewComment(field: $0["field"], text: $0["text"], author: $0["email"], createdAt: Timestamp.date($0["created_at"])) }
        let evidence = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM evidence_file WHERE unit_id = ? AND period = ? ORDER BY id"), arguments: [unit, period]).map {
            Evidence(id: $0["id"], field: $0["field"], sha256: $0["sha256"], mediaType: $0["media_type"], size: $0["size"],
                     originalName: $0["original_name"], uploadedAt: Timestamp.date($0["uploaded_at"]))
        }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM draft WHERE unit_id = ? AND period = ?"), arguments: [unit, period]) else {
            return Draft(unit: unit, period: period, answers: [:], notes: [:], evidence: evidence, version: 0, state: .notStarted, comments: comments, updatedAt: nil)
        }
        let answers = try JSONText.decode([String: String].self, row["answers"])
        let notes = try JSONText.decode([String: String].self, row["notes"])
        return Draft(unit: unit, period: period, answers: answers, notes: notes, evidence: evidence, version: row["version"],
                     state: UnitState(rawValue: row["state"]) ?? .draft, comments: comments, updatedAt: Timestamp.date(row["updated_at"]))
    }

    // MARK: - Saving

    /// Saves a unit's answers (as typed) and evidence notes, and returns the problems they have —
    /// the same checks as `ictindex validate` — without refusing to save an invalid draft.
    ///
    /// Optimistic versioning: `expectedVersion` is the version the edit started from (0 for a
    /// first save). If someone saved since, nothing is written and the error carries their edit.
    /// A submitted or accepted draft cannot be changed (a returned one can).
    public func saveDraft(unit: String, period: Int, answers: [String: String], notes: [String: String] = [:], expectedVersion: Int, by principal: Principal) async throws(PlatformError) -> SavedDraft {
        try require(principal, .submitter)
        try requireUnit(principal, unit)
        let (_, methodology, registered) = try await context(period, unit: unit)
        let content = DraftContent(answers: Self.cleaned(answers), notes: Self.cleaned(notes))
        let problems = validate(content.answers, unit: registered, period: period, methodology: methodology, file: Self.draftFile).problems
        let now = clock()
        let draft = try await write { db -> Draft in
            let before = try Self.draft(db, unit: unit, period: period)
            try Self.checkEditable(before, expectedVersion: expectedVersion, answers: content.answers)
            let state: UnitState = before.state == .returned ? .returned : .draft
            try db.execute(sql: """
                INSERT INTO draft (unit_id, period, answers, notes, version, state, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (unit_id, period) DO UPDATE SET answers = excluded.answers, notes = excluded.notes, version = excluded.version,
                    state = excluded.state, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, arguments: [unit, period, try JSONText.encode(content.answers), try JSONText.encode(content.notes), before.version + 1, state.rawValue,
                                 Timestamp.text(now), principal.userID])
            try Self.audit(db, at: now, by: principal, action: "draft.save", unit: unit, period: period,
                           before: before.version == 0 ? nil : DraftContent(answers: before.answers, notes: before.notes), after: content)
            return try Self.draft(db, unit: unit, period: period)
        }
        return SavedDraft(draft: draft, problems: problems)
    }

    /// Imports a filled Excel survey form (the `ictindex form` workbook) as the draft's answers,
    /// through the hardened XLSX reader: the form must belong to the season's methodology and
    /// to this unit. Its evidence column becomes the draft's evidence notes.
    public func importForm(unit: String, period: Int, xlsx: Data, expectedVersion: Int, by principal: Principal) async throws(PlatformError) -> SavedDraft {
        try require(principal, .submitter)
        try requireUnit(principal, unit)
        let (_, methodology, _) = try await context(period, unit: unit)
        guard xlsx.count <= policy.evidenceLimit else { throw .tooLarge(limit: policy.evidenceLimit) }
        guard EvidenceType.sniff(xlsx) == .xlsx else { throw .unsupportedFile(EvidenceType.describe(xlsx)) }
        // Reading the workbook and the registry blocks: off Swift's cooperative pool.
        let (form, registry) = try await blocking {
            (try SurveyFormReader.read(XLSXReader.read(xlsx, fileName: "form.xlsx"), methodology: methodology), try store.registry())
        }
        let named = form.record.unitID.flatMap { registry.unit($0)?.id } ?? form.record.name.flatMap { try? registry.resolve($0).id }
        guard named == nil || named == unit else {
            throw .invalid([Diagnostic(.invalidValue, .formForAnotherUnit(form.record.unitID ?? form.record.name ?? "", unit: unit), at: form.record.location)])
        }
        if let formPeriod = form.record.period, formPeriod != period {
            throw .invalid([Diagnostic(.invalidValue, .formForAnotherPeriod("\(formPeriod)", period: period), at: form.record.location)])
        }
        var answers: [String: String] = [:]
        for cell in form.record.cells {
            switch cell.value {
            case .empty: continue
            case .text(let text): answers[cell.field] = text
            case .number(let number): answers[cell.field] = NumberFormatting.format(number)
            case .boolean(let flag): answers[cell.field] = flag ? "1" : "0"
            }
        }
        let notes = form.evidence.mapValues { $0.text }
        return try await saveDraft(unit: unit, period: period, answers: answers, notes: notes, expectedVersion: expectedVersion, by: principal)
    }

    /// Refuses to change a submitted or accepted draft, and a stale version.
    static func checkEditable(_ current: Draft, expectedVersion: Int, answers: [String: String]) throws(PlatformError) {
        switch current.state {
        case .submitted:
            throw PlatformError.closed(.draftSubmitted)
        case .accepted:
            throw PlatformError.closed(.draftAccepted)
        case .notStarted, .draft, .returned:
            break
        }
        guard current.version == expectedVersion else {
            let fields = Set(current.answers.keys).union(answers.keys).filter { current.answers[$0] != answers[$0] }.sorted()
            throw PlatformError.conflict(DraftConflict(expectedVersion: expectedVersion, current: current, differingFields: fields))
        }
    }

    /// Answers without surrounding spaces; empty ones are unanswered, so left out.
    static func cleaned(_ values: [String: String]) -> [String: String] {
        values.compactMapValues { value in
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : VietnameseText.nfc(trimmed)
        }
    }

    /// The location file of a draft's answers in problems ("form (field)").
    static let draftFile = "form"

    /// Checks answers as typed with the survey validator (`ictindex validate`'s checks): the
    /// unit's validated answers, or every problem.
    func validate(_ answers: [String: String], unit: RegisteredUnit, period: Int, methodology: Methodology, file: String) -> (answers: UnitAnswers?, problems: [Diagnostic]) {
        let cells = answers.keys.sorted().map { field in (field: field, value: RawValue.text(answers[field]!), location: SourceLocation(file: file, detail: field)) }
        let record = RawRecord(unitID: unit.id, name: unit.name, block: unit.block, period: period, cells: cells, location: SourceLocation(file: file))
        do {
            return (try SurveyValidator(methodology: methodology).validate([record]).first, [])
        } catch let error as DiagnosticError {
            return (nil, error.diagnostics)
        } catch {
            switch SeasonError(error) {
            case .invalidInput(let diagnostics): return (nil, diagnostics)
            case .usage(let message): return (nil, [Diagnostic(.invalidValue, message)])
            }
        }
    }

    // MARK: - Evidence

    /// Adds an evidence file to a field of the unit's draft: at most
    /// ``PlatformPolicy/evidenceLimit`` bytes, a PDF, PNG, JPEG, XLSX or DOCX by its content
    /// (the name is not trusted), stored as `evidence/<sha256>` in the workspace.
    public func addEvidence(unit: String, period: Int, field: String, fileName: String, data: Data, by principal: Principal) async throws(PlatformError) -> Evidence {
        try require(principal, .submitter)
        try requireUnit(principal, unit)
        let (_, methodology, registered) = try await context(period, unit: unit)
        guard methodology.fields.contains(where: { $0.id == field && $0.applies(to: registered.block) }) else {
            throw .invalid([Diagnostic(.unknownField, .noQuestionForUnit(field), at: SourceLocation(file: "evidence", detail: field))])
        }
        guard data.count <= policy.evidenceLimit else { throw .tooLarge(limit: policy.evidenceLimit) }
        guard let type = EvidenceType.sniff(data) else { throw .unsupportedFile(EvidenceType.describe(data)) }
        let sha = IndexStore.SHA256.hex(data)
        let files = EvidenceFiles(workspace: workspace.directory)
        try await blocking { try files.store(data, sha256: sha) }
        let now = clock()
        let name = String(InputText.displayable(fileName).prefix(200))
        return try await write { db -> Evidence in
            let before = try Self.draft(db, unit: unit, period: period)
            try Self.checkEditable(before, expectedVersion: before.version, answers: before.answers)
            try db.execute(sql: """
                INSERT INTO evidence_file (unit_id, period, field, sha256, media_type, size, original_name, uploaded_by, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [unit, period, field, sha, type.mediaType, data.count, name, principal.userID, Timestamp.text(now)])
            let evidence = Evidence(id: db.lastInsertedRowID, field: field, sha256: sha, mediaType: type.mediaType, size: data.count, originalName: name, uploadedAt: now)
            try Self.audit(db, at: now, by: principal, action: "evidence.add", unit: unit, period: period, after: evidence)
            return evidence
        }
    }

    /// The content of an evidence file of a unit (submitters: their own unit's only).
    public func evidenceData(unit: String, period: Int, id: Int64, by principal: Principal) async throws(PlatformError) -> (evidence: Evidence, data: Data) {
        try requireUnit(principal, unit)
        let draft = try await self.draft(unit: unit, period: period, by: principal)
        guard let evidence = draft.evidence.first(where: { $0.id == id }) else { throw .notFound }
        let files = EvidenceFiles(workspace: workspace.directory)
        guard let data = try await blocking({ files.contents(sha256: evidence.sha256) }) else { throw .notFound }
        return (evidence, data)
    }

    // MARK: - Submitting

    /// Submits the unit's draft: refused when its answers have problems, when the version is
    /// stale, or after the deadline (a returned submission may be resubmitted after it). The
    /// answers are imported through the import pipeline as a real submission (file name
    /// `web:<email>`), so compute, history and explain see them.
    public func submit(unit: String, period: Int, expectedVersion: Int, by principal: Principal) async throws(PlatformError) -> Submitted {
        try require(principal, .submitter)
        try requireUnit(principal, unit)
        let (season, methodology, registered) = try await context(period, unit: unit)
        let current = try await read { db in try Self.draft(db, unit: unit, period: period) }
        try Self.checkSubmittable(current, expectedVersion: expectedVersion, season: season, now: clock())
        let fileName = "web:\(principal.email)"
        let checked = validate(current.answers, unit: registered, period: period, methodology: methodology, file: fileName)
        guard checked.answers != nil else { throw .invalid(checked.problems) }
        let submissions: [Submission] = try await blocking {
            let registry = try store.registry()
            let content = try loadMethodology(season.methodologyID).content
            let hash = try store.storeMethodology(methodology, content: content)
            let cells = current.answers.keys.sorted().map { field in (field: field, value: RawValue.text(current.answers[field]!), location: SourceLocation(file: fileName, detail: field)) }
            let record = RawRecord(unitID: unit, name: registered.name, block: registered.block, period: period, cells: cells, location: SourceLocation(file: fileName))
            return try SeasonService.submissions([record], registry: registry, methodology: methodology, defaultPeriod: period, fileName: fileName,
                                                 fileSHA256: IndexStore.SHA256.hex(Data(try JSONText.encode(current.answers).utf8)), methodologyHash: hash)
        }
        let now = clock()
        return try await write { db -> Submitted in
            let before = try Self.draft(db, unit: unit, period: period)
            try Self.checkSubmittable(before, expectedVersion: expectedVersion, season: season, now: now)
            _ = try Store.importSubmissions(submissions, in: db)
            let submissionID = try Int64.fetchOne(db, sql: "SELECT id FROM submission WHERE unit_id = ? AND period = ? AND status = 'active' AND file_name NOT LIKE 'crawl:%' ORDER BY id DESC LIMIT 1",
                                                  arguments: [unit, period]) ?? 0
            try db.execute(sql: "UPDATE draft SET state = 'submitted', submission_id = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE unit_id = ? AND period = ?",
                           arguments: [submissionID, Timestamp.text(now), principal.userID, unit, period])
            try Self.audit(db, at: now, by: principal, action: "draft.submit", unit: unit, period: period,
                           before: ["state": before.state.rawValue], after: ["state": UnitState.submitted.rawValue, "submission": String(submissionID)])
            return Submitted(draft: try Self.draft(db, unit: unit, period: period), submissionID: submissionID)
        }
    }

    static func checkSubmittable(_ draft: Draft, expectedVersion: Int, season: SeasonInfo, now: Date) throws(PlatformError) {
        guard draft.version > 0 else {
            throw PlatformError.closed(.nothingToSubmit)
        }
        try checkEditable(draft, expectedVersion: expectedVersion, answers: draft.answers)
        if draft.state != .returned, now > season.deadline {
            let time = PlatformError.timeText(season.deadline)
            throw PlatformError.closed(.deadlinePassed(time))
        }
    }
}
