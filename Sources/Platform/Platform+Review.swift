import Foundation
import GRDB
import IndexCore
import IndexStore
import Season

extension Platform {
    // MARK: - Self-assessment

    /// What-if scenarios a self-assessment computes unless asked otherwise.
    public static let defaultWhatIfLimit = 10
    /// The most what-if scenarios a self-assessment may be asked for.
    public static let maximumWhatIfLimit = 20

    /// A unit's live self-assessment from its draft: index, category scores, explanation and
    /// what-if gains, computed among the answers of the **latest published season before this
    /// one** only (the draft takes the unit's place there) — never among this season's other
    /// units. Without an earlier published season the unit is assessed alone. Answers with a
    /// problem are left out (and listed).
    ///
    /// `whatIfLimit` 0 leaves out the what-if search, nine tenths of the work (profiled): the
    /// live score after each autosave needs only the index, the categories and the explanation;
    /// the self-assessment page asks for the gains.
    public func selfAssessment(unit: String, period: Int, whatIfLimit: Int = Platform.defaultWhatIfLimit, by principal: Principal) async throws(PlatformError) -> SelfAssessment {
        try requireUnit(principal, unit)
        let (_, methodology, registered) = try await context(period, unit: unit)
        // The draft, the published period compared with and what its answers are made of, in
        // one read (each trip to the database's threads is a thread switch).
        let (draft, comparedWith, answersKey) = try await read { db in
            let draft = try Self.draft(db, unit: unit, period: period)
            let comparedWith = try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(period) FROM season WHERE period < ? AND published_run IS NOT NULL"), arguments: [period])
            return (draft, comparedWith, try comparedWith.map { try Self.answersKey(db, period: $0) })
        }
        var answers = draft.answers
        var checked = validate(answers, unit: registered, period: period, methodology: methodology, file: Self.draftFile)
        let problems = checked.problems
        if checked.answers == nil {
            // Leave out each answer a problem names, then check again (a cross-field
            // constraint that still fails stops the assessment: its message says what to fix).
            let named = Set(problems.compactMap { $0.location?.file == Self.draftFile ? $0.location?.detail : nil })
            answers = answers.filter { !named.contains($0.key) }
            checked = validate(answers, unit: registered, period: period, methodology: methodology, file: Self.draftFile)
        }
        guard var own = checked.answers else { throw .invalid(problems) }
        var field: [UnitAnswers] = []
        if let comparedWith, let answersKey {
            field = try await periodAnswers(comparedWith, key: answersKey).filter { $0.unitID != unit && $0.block == registered.block }
        }
        own.period = comparedWith ?? period
        for index in field.indices { field[index].period = comparedWith }
        do {
            let answers = field + [own]
            let assessment = try await HeavyWorkExecutor.run {
                try service.assess(methodology: methodology, answers: answers, unitID: unit, period: comparedWith ?? period, whatIfLimit: whatIfLimit)
            }
            return SelfAssessment(unit: unit, period: period, comparedWith: comparedWith, assessment: assessment, explanation: assessment.explanation, problems: problems)
        } catch {
            throw PlatformError(SeasonError(error))
        }
    }

    /// The answers of `period` (`Store.answers(period:)`), from ``PlatformCache`` while what they
    /// are made of is unchanged. The key is read before the answers (by the caller) and after
    /// them: answers read while something changed are used once but not kept. `key` is
    /// ``answersKey(_:period:)`` as the caller read it (with what else it read).
    func periodAnswers(_ period: Int, key: PlatformCache.AnswersKey) async throws(PlatformError) -> [UnitAnswers] {
        if let kept = cache.answers(for: key) { return kept }
        let answers = try await blocking { try store.answers(period: period) }
        if try await read({ db in try Self.answersKey(db, period: period) }) == key {
            cache.keep(answers, for: key)
        }
        return answers
    }

    static func answersKey(_ db: Database, period: Int) throws -> PlatformCache.AnswersKey {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT (SELECT group_concat(id) FROM (SELECT id FROM submission WHERE period = ? AND status = 'active' ORDER BY id)) AS submissions,
                   (SELECT group_concat(id || char(31) || name || char(31) || block, char(30)) FROM (SELECT id, name, block FROM unit ORDER BY id)) AS units
            """), arguments: [period])
        return PlatformCache.AnswersKey(period: period, submissions: row?["submissions"] ?? "", units: row?["units"] ?? "")
    }

    // MARK: - Reviewer

    /// Every registry unit of the season's blocks with its state (reviewers and admins).
    public func dashboard(period: Int, by principal: Principal) async throws(PlatformError) -> [UnitStatus] {
        try require(principal, .reviewer, .admin)
        let (_, methodology) = try await context(period)
        let registry: UnitRegistry
        registry = try await blocking { try store.registry() }
        let day = Day(year: period, month: 12, day: 31)
        let units = registry.units.filter { methodology.block($0.block) != nil && ($0.validFrom.map { $0 <= day } ?? true) && ($0.validTo.map { $0 >= Day(year: period, month: 1, day: 1) } ?? true) }
        let rows = try await read { db in
            try Row.fetchAll(db, sql: "SELECT unit_id, state, version, updated_at FROM draft WHERE period = ?", arguments: [period]).map {
                ($0["unit_id"] as String, UnitState(rawValue: $0["state"]) ?? .draft, $0["version"] as Int, Timestamp.date($0["updated_at"]))
            }
        }
        let byUnit = Dictionary(rows.map { ($0.0, $0) }, uniquingKeysWith: { first, _ in first })
        return units.sorted { ($0.block, $0.id) < ($1.block, $1.id) }.map { unit in
            let row = byUnit[unit.id]
            return UnitStatus(unit: unit.id, name: unit.name, block: unit.block, state: row?.1 ?? .notStarted, version: row?.2 ?? 0, updatedAt: row?.3)
        }
    }

    /// A unit's answers for review: beside its answers of the period before and beside the
    /// crawl's findings for the portal fields, with the validation problems and the comments.
    public func review(unit: String, period: Int, by principal: Principal) async throws(PlatformError) -> ReviewSheet {
        try require(principal, .reviewer, .admin)
        let (_, methodology, registered) = try await context(period, unit: unit)
        let draft = try await read { db in try Self.draft(db, unit: unit, period: period) }
        let problems = validate(draft.answers, unit: registered, period: period, methodology: methodology, file: Self.draftFile).problems
        return try await blocking {
            var lastYear: [String: String] = [:]
            if let previous = try store.answers(period: period - 1).first(where: { $0.unitID == unit }) {
                for (field, value) in previous.values { lastYear[field] = NumberFormatting.format(value) }
                for (field, text) in previous.texts { lastYear[field] = text }
            }
            return ReviewSheet(draft: draft, lastYear: lastYear, crawl: try store.fieldComparisons(period: period, unitID: unit), problems: problems)
        }
    }

    /// Returns a submission to its unit with comments (per field, or general with `field: nil`);
    /// at least one comment is required. The unit can then edit and resubmit.
    public func returnSubmission(unit: String, period: Int, comments: [ReviewComment], by principal: Principal) async throws(PlatformError) {
        try require(principal, .reviewer, .admin)
        let (_, methodology, registered) = try await context(period, unit: unit)
        let cleaned = comments.map { ReviewComment(field: $0.field, text: $0.text.trimmingCharacters(in: .whitespacesAndNewlines)) }.filter { !$0.text.isEmpty }
        guard !cleaned.isEmpty else {
            throw .invalid([Diagnostic(.missingData, .returnNeedsComment, at: SourceLocation(file: "review", detail: "comments"))])
        }
        for comment in cleaned {
            if let field = comment.field, !methodology.fields.contains(where: { $0.id == field && $0.applies(to: registered.block) }) {
                throw .invalid([Diagnostic(.unknownField, .noQuestionForUnit(field), at: SourceLocation(file: "review", detail: field))])
            }
        }
        let now = clock()
        try await transition(unit: unit, period: period, from: .submitted, to: .returned, action: "review.return", by: principal, now: now) { db in
            for comment in cleaned {
                try db.execute(sql: "INSERT INTO review_comment (unit_id, period, field, text, author, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [unit, period, comment.field, comment.text, principal.userID, Timestamp.text(now)])
            }
            return cleaned.map { ReviewComment(field: $0.field, text: $0.text, author: principal.email, createdAt: now) }
        }
    }

    /// Accepts a submitted unit.
    public func accept(unit: String, period: Int, by principal: Principal) async throws(PlatformError) {
        try require(principal, .reviewer, .admin)
        _ = try await context(period, unit: unit)
        try await transition(unit: unit, period: period, from: .submitted, to: .accepted, action: "review.accept", by: principal, now: clock()) { _ in [ReviewComment]() }
    }

    /// Moves a unit from one state to another in one transaction with its audit row.
    private func transition(unit: String, period: Int, from: UnitState, to: UnitState, action: String, by principal: Principal, now: Date,
                            also: @escaping @Sendable (Database) throws -> [ReviewComment]) async throws(PlatformError) {
        try await write { db in
            let before = try Self.draft(db, unit: unit, period: period)
            guard before.state == from else {
                throw PlatformError.closed(.unitInOtherState(before.state.rawValue, expected: from.rawValue))
            }
            let comments = try also(db)
            try db.execute(sql: "UPDATE draft SET state = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE unit_id = ? AND period = ?",
                           arguments: [to.rawValue, Timestamp.text(now), principal.userID, unit, period])
            try Self.audit(db, at: now, by: principal, action: action, unit: unit, period: period,
                           before: ["state": from.rawValue], after: TransitionAfter(state: to.rawValue, comments: comments))
        }
    }

    // MARK: - Audit trail

    /// A unit's audit-trail entries (every change to its draft, evidence, submission and review),
    /// oldest first; `period` `nil`: every season. Submitters see their own unit's only.
    public func auditTrail(unit: String, period: Int? = nil, by principal: Principal) async throws(PlatformError) -> [AuditEntry] {
        try requireUnit(principal, unit)
        return try await auditTrail(unit: unit, period: period)
    }

    /// The audit trail for the operator who holds the workspace: a unit's entries, or with
    /// `unit` `nil` every entry, oldest first.
    public func auditTrail(unit: String?, period: Int? = nil) async throws(PlatformError) -> [AuditEntry] {
        try await Self.auditTrail(store, unit: unit, period: period)
    }

    /// The audit trail of a workspace opened only to read it (`ictindex history`, which also
    /// works on a read-only, archived workspace).
    public static func auditTrail(workspace path: String, unit: String?, period: Int? = nil, season: SeasonService = .init()) async throws(PlatformError) -> [AuditEntry] {
        let workspace: Workspace
        do { workspace = try season.openWorkspace(path, access: .automatic) } catch { throw PlatformError(error) }
        return try await auditTrail(workspace.store, unit: unit, period: period)
    }

    private static func auditTrail(_ store: Store, unit: String?, period: Int?) async throws(PlatformError) -> [AuditEntry] {
        do {
            return try await store.read { db in
            var sql = "SELECT * FROM audit_entry WHERE 1 = 1"
            var arguments: StatementArguments = []
            if let unit { sql += " AND unit_id = ?"; arguments += [unit] }
            if let period { sql += " AND period = ?"; arguments += [period] }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map {
                AuditEntry(id: $0["id"], at: Timestamp.date($0["at"]), actor: $0["actor"], action: $0["action"], unit: $0["unit_id"], period: $0["period"],
                           before: $0["before"], after: $0["after"])
            }
            }
        } catch {
            throw platformError(error)
        }
    }
}

/// The audit row of a review decision.
private struct TransitionAfter: Encodable {
    var state: String
    var comments: [ReviewComment]
}
