import Foundation
import GRDB
import IndexCore

/// One unit's validated answers for one period, ready to be stored, with the file they came from.
public struct Submission: Sendable {
    /// The unit's answers, validated against the methodology (its `unitID` is a registry id).
    public var answers: UnitAnswers
    /// The data year the answers are for.
    public var period: Int
    /// The file the answers were read from, as the user named it; crawled answers use `crawl:<seed
    /// URL>`.
    public var fileName: String
    /// The SHA-256 of the whole file, in lower-case hex: which file version an answer came from.
    public var fileSHA256: String
    /// The hash of the methodology the answers were validated against (see
    /// ``Store/storeMethodology(_:content:)``); `nil` when not recorded.
    public var methodologyHash: String?

    /// A submission of `answers` for `period`, read from `fileName` (whose SHA-256 is
    /// `fileSHA256`).
    public init(answers: UnitAnswers, period: Int, fileName: String, fileSHA256: String, methodologyHash: String?) {
        self.answers = answers
        self.period = period
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
        self.methodologyHash = methodologyHash
    }

    /// A hash of the answers themselves (field ids and values, sorted), so that re-importing the
    /// same answers — from the same file or another — changes nothing.
    public var contentSHA256: String {
        var lines = answers.values.keys.sorted().map { "\($0)=\(answers.values[$0]!.bitPattern)" }
        lines += answers.texts.keys.sorted().map { "\($0):\(answers.texts[$0]!)" }
        // Evidence is data too (a changed source is a new submission); none leaves the hash of
        // answers stored before evidence was kept as it was.
        lines += answers.evidence.keys.sorted().map { "evidence \($0):\(answers.evidence[$0]!)" }
        return SHA256.hex(Data("\(answers.unitID)|\(period)\n\(lines.joined(separator: "\n"))".utf8))
    }
}

/// What an import did, or would do with `--dry-run`.
public struct ImportReport: Sendable, Hashable {
    /// What an import does with one unit's submission.
    public enum Action: String, Sendable, Hashable {
        /// The first submission of this unit and period.
        case new
        /// Replaces an earlier submission, which stays in the history.
        case supersede
        /// The same answers are already active: nothing to do.
        case unchanged
    }

    /// What the import did (or would do) with one unit and period.
    public struct Entry: Sendable, Hashable {
        /// The unit's registry id.
        public var unitID: String
        /// The data year.
        public var period: Int
        /// The file the submission came from.
        public var fileName: String
        /// Whether it is new, supersedes an earlier submission or changes nothing.
        public var action: Action
        /// How many answers (numbers and texts) the submission holds.
        public var observations: Int
        /// The submission replaced, for `supersede`.
        public var replaces: Int64?
        /// For `supersede`: the answers that differ from the submission replaced, by field id.
        public var changes: [AnswerChange] = []
    }

    /// One entry per submission, in the order given to the import.
    public var entries: [Entry]
    /// Whether nothing was written (`--dry-run`): the entries say what an import would do.
    public var dryRun: Bool

    /// How many entries have `action`.
    public func count(_ action: Action) -> Int { entries.filter { $0.action == action }.count }
    /// How many answers the import writes (submissions that are not ``Action/unchanged``).
    public var observationsWritten: Int { entries.filter { $0.action != .unchanged }.reduce(0) { $0 + $1.observations } }
}

/// One answer that a superseding submission changes: its value before and after (`nil`: no
/// answer on that side).
public struct AnswerChange: Sendable, Hashable {
    /// A stored answer: a number or a text.
    public enum Value: Sendable, Hashable {
        /// A numeric answer as stored (yes/no as 1/0, percentages as given).
        case number(Double)
        /// A text answer (free text or a choice's code).
        case text(String)
    }

    /// The field id of the answer.
    public var field: String
    /// The answer of the submission superseded; `nil` when it gave none.
    public var before: Value?
    /// The answer of the new submission; `nil` when it gives none (the answer was removed).
    public var after: Value?
    /// Whether the change is to the evidence given for the answer (the form's evidence column,
    /// always a ``Value/text(_:)``) rather than to the answer itself.
    public var isEvidence: Bool

    /// A change of `field` (its answer, or with `isEvidence` its evidence) from `before` to `after`.
    public init(field: String, before: Value?, after: Value?, isEvidence: Bool = false) {
        self.field = field
        self.before = before
        self.after = after
        self.isEvidence = isEvidence
    }

    /// The changes from `old` to `new` answers, by field id; equal answers are left out.
    public static func between(_ old: [String: Value], _ new: [String: Value]) -> [AnswerChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { field in
            old[field] == new[field] ? nil : AnswerChange(field: field, before: old[field], after: new[field])
        }
    }

    /// The changes of answers and then of evidence from one submission to the next, each by
    /// field id; equal ones are left out.
    public static func between(answers old: [String: Value], _ new: [String: Value], evidence oldEvidence: [String: String], _ newEvidence: [String: String]) -> [AnswerChange] {
        between(old, new) + Set(oldEvidence.keys).union(newEvidence.keys).sorted().compactMap { field in
            oldEvidence[field] == newEvidence[field] ? nil
                : AnswerChange(field: field, before: oldEvidence[field].map(Value.text), after: newEvidence[field].map(Value.text), isEvidence: true)
        }
    }
}

/// A submission as listed by `history`.
public struct SubmissionRecord: Sendable, Hashable {
    /// The submission's id in the workspace (`history` and `--show-submission` name it).
    public var id: Int64
    /// The unit's registry id.
    public var unitID: String
    /// The data year.
    public var period: Int
    /// The file the answers were read from (`crawl:<seed URL>` for crawled answers).
    public var fileName: String
    /// The SHA-256 of the file, in lower-case hex.
    public var fileSHA256: String
    /// When the submission was imported, ISO 8601 in UTC (e.g. `2026-03-02T09:15:00Z`).
    public var importedAt: String
    /// `active` (the answers computations use) or `superseded` (kept for the history).
    public var status: String
    /// The id of the submission that replaced this one; `nil` while it is active.
    public var supersededBy: Int64?
    /// How many answers the submission holds.
    public var observations: Int
    /// The answers this submission changed from the one it superseded (empty for a first one).
    public var changes: [AnswerChange] = []
}

extension Store {
    /// Stores `submissions` in one transaction: new answers become the active submission of their
    /// unit and period, superseding (not deleting) the earlier one; identical answers are a no-op.
    /// With `dryRun`, nothing is written and the report says what would happen.
    ///
    /// - Parameter afterEach: called inside the transaction after each submission is written, with
    ///   the number written so far; throwing from it rolls the whole import back. Tests use it to
    ///   interrupt an import midway (by throwing, or by killing the process).
    public func importSubmissions(_ submissions: [Submission], dryRun: Bool = false, afterEach: ((Int) throws -> Void)? = nil) throws -> ImportReport {
        let work = { (db: Database) throws -> ImportReport in
            try Self.importSubmissions(submissions, dryRun: dryRun, in: db, afterEach: afterEach)
        }
        return dryRun ? try reading(work) : try writing(work)
    }

    /// ``importSubmissions(_:dryRun:afterEach:)`` inside a transaction the caller holds, so that
    /// the web platform stores a submitted draft, its workflow state and its audit-trail row as one.
    package static func importSubmissions(_ submissions: [Submission], dryRun: Bool = false, in db: Database, afterEach: ((Int) throws -> Void)? = nil) throws -> ImportReport {
        var entries: [ImportReport.Entry] = []
        let active = try db.cachedStatement(sql: "SELECT id, content_sha256 FROM submission WHERE unit_id = ? AND period = ? AND status = 'active' AND file_name NOT LIKE 'crawl:%'")
        let unitExists = try db.cachedStatement(sql: "SELECT 1 FROM unit WHERE id = ?")
        var problems: [Diagnostic] = []
        var plans: [(Submission, ImportReport.Entry, String)] = []
        for submission in submissions {
            let unitID = submission.answers.unitID
            if let problem = UnitID.problem(unitID) ?? SurveyPeriod.problem(submission.period) {
                problems.append(Diagnostic(.invalidValue, problem, at: SourceLocation(file: submission.fileName)))
                continue
            }
            if try Bool.fetchOne(unitExists, arguments: [unitID]) == nil {
                problems.append(Diagnostic(.unknownUnit, .unitNotInWorkspaceRegistry(unitID), at: SourceLocation(file: submission.fileName)))
                continue
            }
            if submission.answers.values.isEmpty && submission.answers.texts.isEmpty {
                // An empty form would otherwise supersede real answers with nothing.
                problems.append(Diagnostic(.missingData, .submissionWithoutAnswers(unit: unitID, period: submission.period), at: SourceLocation(file: submission.fileName)))
                continue
            }
            let content = submission.contentSHA256
            let current = try Row.fetchOne(active, arguments: [unitID, submission.period])
            let observations = submission.answers.values.count + submission.answers.texts.count
            var entry = ImportReport.Entry(unitID: unitID, period: submission.period, fileName: submission.fileName, action: .new, observations: observations, replaces: nil)
            if let current {
                if current["content_sha256"] as String == content {
                    entry.action = .unchanged
                } else {
                    entry.action = .supersede
                    entry.replaces = current["id"]
                    entry.changes = AnswerChange.between(answers: try Self.answers(ofSubmission: current["id"], in: db), Self.values(of: submission.answers),
                                                         evidence: try Self.evidence(ofSubmission: current["id"], in: db), submission.answers.evidence)
                }
            }
            // The same unit twice in one import: the later one wins, the earlier is recorded too.
            if let previous = plans.lastIndex(where: { $0.1.unitID == unitID && $0.1.period == submission.period }) {
                if plans[previous].2 == content { continue }
                entry.action = .supersede
            }
            plans.append((submission, entry, content))
            entries.append(entry)
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        if dryRun { return ImportReport(entries: entries, dryRun: true) }
        let insertPeriod = try db.cachedStatement(sql: "INSERT OR IGNORE INTO period (year) VALUES (?)")
        let insertSubmission = try db.cachedStatement(sql: """
            INSERT INTO submission (unit_id, period, methodology_hash, file_name, file_sha256, content_sha256, imported_at, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'active')
            """)
        let supersede = try db.cachedStatement(sql: "UPDATE submission SET status = 'superseded', superseded_by = ? WHERE unit_id = ? AND period = ? AND status = 'active' AND id <> ? AND file_name NOT LIKE 'crawl:%'")
        let insertObservation = try db.cachedStatement(sql: "INSERT INTO observation (submission_id, field, value, text, source, location) VALUES (?, ?, ?, ?, 'survey', ?)")
        let insertEvidence = try db.cachedStatement(sql: "INSERT INTO observation_evidence (submission_id, field, text) VALUES (?, ?, ?)")
        let now = Self.now()
        var written = 0
        for (submission, entry, content) in plans where entry.action != .unchanged {
            let answers = submission.answers
            try insertPeriod.execute(arguments: [submission.period])
            try insertSubmission.execute(arguments: [answers.unitID, submission.period, submission.methodologyHash, submission.fileName, submission.fileSHA256, content, now])
            let id = db.lastInsertedRowID
            try supersede.execute(arguments: [id, answers.unitID, submission.period, id])
            for field in answers.values.keys.sorted() {
                insertObservation.setUncheckedArguments([id, field, answers.values[field]!, nil, Self.compact(answers.sources[field], fileName: submission.fileName)])
                try insertObservation.execute()
            }
            for field in answers.texts.keys.sorted() {
                insertObservation.setUncheckedArguments([id, field, nil, answers.texts[field]!, Self.compact(answers.sources[field], fileName: submission.fileName)])
                try insertObservation.execute()
            }
            for field in answers.evidence.keys.sorted() {
                try insertEvidence.execute(arguments: [id, field, answers.evidence[field]!])
            }
            written += 1
            try afterEach?(written)
        }
        return ImportReport(entries: entries, dryRun: false)
    }

    /// The active answers of every unit for `period`, with unit names and blocks from the
    /// registry and each answer's provenance. Where a crawl and the survey both give a field, the
    /// value of the source the field's precedence names is used (``fieldComparisons(period:unitID:)``).
    public func answers(period: Int) throws -> [UnitAnswers] {
        try reading { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT s.unit_id, s.file_name, u.name, u.block, o.field, o.value, o.text, o.location
                FROM submission s JOIN unit u ON u.id = s.unit_id JOIN observation o ON o.submission_id = s.id
                WHERE s.period = ? AND s.status = 'active'
                ORDER BY s.unit_id, \(Self.observationPrecedenceOrder), s.id
                """, arguments: [period])
            var result: [UnitAnswers] = []
            while let row = try rows.next() {
                let unitID: String = row["unit_id"]
                if result.last?.unitID != unitID {
                    result.append(UnitAnswers(unitID: unitID, name: row["name"], block: row["block"], period: period))
                }
                let field: String = row["field"]
                if let value = row["value"] as Double? { result[result.count - 1].values[field] = value }
                if let text = row["text"] as String? { result[result.count - 1].texts[field] = text }
                result[result.count - 1].sources[field] = SourceLocation(file: Self.expand(row["location"], fileName: row["file_name"]))
            }
            return result
        }
    }

    /// The day the latest active submission of `period` was imported (UTC), or `nil` when the
    /// period has none: the date of the data a report of the period shows, recorded in the
    /// workspace rather than read from the clock.
    public func latestImportDay(period: Int) throws -> Day? {
        try reading { db in
            try String.fetchOne(db, sql: "SELECT MAX(imported_at) FROM submission WHERE period = ? AND status = 'active'", arguments: [period])
                .flatMap { Day(String($0.prefix(10))) }
        }
    }

    /// The periods that have active submissions.
    public func periods() throws -> [Int] {
        try reading { db in try Int.fetchAll(db, sql: "SELECT DISTINCT period FROM submission WHERE status = 'active' ORDER BY period") }
    }

    /// Every submission of a unit, newest first.
    public func history(unitID: String) throws -> [SubmissionRecord] {
        try reading { db in
            var records = try Row.fetchAll(db, sql: """
                SELECT s.*, (SELECT COUNT(*) FROM observation o WHERE o.submission_id = s.id) AS observations
                FROM submission s WHERE s.unit_id = ? ORDER BY s.period DESC, s.id DESC
                """, arguments: [unitID]).map { row in
                SubmissionRecord(id: row["id"], unitID: row["unit_id"], period: row["period"], fileName: row["file_name"], fileSHA256: row["file_sha256"],
                                 importedAt: row["imported_at"], status: row["status"], supersededBy: row["superseded_by"], observations: row["observations"])
            }
            // What each superseding submission changed: the diff from the one it replaced.
            for (position, record) in records.enumerated() {
                guard let replaced = records.first(where: { $0.supersededBy == record.id }) else { continue }
                records[position].changes = AnswerChange.between(answers: try Self.answers(ofSubmission: replaced.id, in: db), try Self.answers(ofSubmission: record.id, in: db),
                                                                 evidence: try Self.evidence(ofSubmission: replaced.id, in: db), try Self.evidence(ofSubmission: record.id, in: db))
            }
            return records
        }
    }

    /// The stored answers of one submission, by field id.
    static func answers(ofSubmission id: Int64, in db: Database) throws -> [String: AnswerChange.Value] {
        var answers: [String: AnswerChange.Value] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT field, value, text FROM observation WHERE submission_id = ?", arguments: [id]) {
            if let number = row["value"] as Double? { answers[row["field"]] = .number(number) } else if let text = row["text"] as String? { answers[row["field"]] = .text(text) }
        }
        return answers
    }

    /// The evidence stored with one submission, by field id (migration `v6-evidence-changes`).
    static func evidence(ofSubmission id: Int64, in db: Database) throws -> [String: String] {
        var evidence: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT field, text FROM observation_evidence WHERE submission_id = ?", arguments: [id]) {
            evidence[row["field"]] = row["text"]
        }
        return evidence
    }

    /// A unit's validated answers as stored values, by field id.
    static func values(of answers: UnitAnswers) -> [String: AnswerChange.Value] {
        var values = answers.values.mapValues { AnswerChange.Value.number($0) }
        for (field, text) in answers.texts { values[field] = .text(text) }
        return values
    }

    /// An observation's location without its file name when that is the submission's own (the
    /// common case), e.g. `:12:4 (column staff_total)`: a third of the bytes of an observation.
    static func compact(_ location: SourceLocation?, fileName: String) -> String {
        guard let location else { return "" }
        let text = location.description
        return location.file == fileName ? String(text.dropFirst(fileName.count)) : text
    }

    /// The full location text of a stored observation (see ``compact(_:fileName:)``).
    static func expand(_ stored: String, fileName: String) -> String {
        stored.isEmpty || stored.hasPrefix(":") || stored.hasPrefix(" (") ? fileName + stored : stored
    }

    /// Counts for tests and status output.
    public func count(_ table: String) throws -> Int {
        precondition(["unit", "unit_alias", "lineage", "submission", "observation", "run", "result", "methodology", "period"].contains(table))
        return try reading { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    /// The SHA-256 of a computation's inputs (every unit's numeric answers), as a run stores it:
    /// two computations with the same hash computed the same answers.
    package static func inputsHash(_ result: IndexResult) -> String {
        var inputs = ""
        for block in result.blocks {
            for unit in block.units {
                inputs += unit.unitID + unit.values.keys.sorted().map { "\($0)=\(unit.values[$0]!.bitPattern)" }.joined(separator: ",") + "\n"
            }
        }
        return SHA256.hex(Data(inputs.utf8))
    }

    /// Records a computation and its results (every node of every unit).
    @discardableResult
    public func recordRun(_ result: IndexResult, methodologyHash: String) throws -> Int64 {
        guard let period = result.period else { throw DiagnosticError([Diagnostic(.missingData, .runNeedsPeriod)]) }
        let inputsHash = Self.inputsHash(result)
        return try writing { db in
            try db.execute(sql: "INSERT INTO run (methodology_hash, period, inputs_sha256, computed_at) VALUES (?, ?, ?, ?)", arguments: [methodologyHash, period, inputsHash, Self.now()])
            let runID = db.lastInsertedRowID
            let insert = try db.cachedStatement(sql: "INSERT INTO result (run_id, block, unit_id, node, score, points, rank, imputed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for block in result.blocks {
                for (n, node) in block.plan.nodes.enumerated() {
                    for (u, unit) in block.units.enumerated() {
                        let score = block.score[n][u]
                        insert.setUncheckedArguments([runID, block.plan.block.id, unit.unitID, node.id, score.isNaN ? nil : score, score.isNaN ? nil : score * node.maxPoints,
                                                      block.rank[n][u] == 0 ? nil : block.rank[n][u], block.imputed[n][u]])
                        try insert.execute()
                    }
                }
            }
            return runID
        }
    }
}
