import Foundation
import GRDB
import IndexCore

/// One unit's validated answers for one period, ready to be stored, with the file they came from.
public struct Submission: Sendable {
    public var answers: UnitAnswers
    public var period: Int
    public var fileName: String
    public var fileSHA256: String
    public var methodologyHash: String?

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
        return SHA256.hex(Data("\(answers.unitID)|\(period)\n\(lines.joined(separator: "\n"))".utf8))
    }
}

/// What an import did, or would do with `--dry-run`.
public struct ImportReport: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        /// The first submission of this unit and period.
        case new
        /// Replaces an earlier submission, which stays in the history.
        case supersede
        /// The same answers are already active: nothing to do.
        case unchanged
    }

    public struct Entry: Sendable, Hashable {
        public var unitID: String
        public var period: Int
        public var fileName: String
        public var action: Action
        public var observations: Int
        /// The submission replaced, for `supersede`.
        public var replaces: Int64?
    }

    public var entries: [Entry]
    public var dryRun: Bool

    public func count(_ action: Action) -> Int { entries.filter { $0.action == action }.count }
    public var observationsWritten: Int { entries.filter { $0.action != .unchanged }.reduce(0) { $0 + $1.observations } }
}

/// A submission as listed by `history`.
public struct SubmissionRecord: Sendable, Hashable {
    public var id: Int64
    public var unitID: String
    public var period: Int
    public var fileName: String
    public var fileSHA256: String
    public var importedAt: String
    public var status: String
    public var supersededBy: Int64?
    public var observations: Int
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
                problems.append(Diagnostic(.unknownUnit, "unit '\(unitID)' is not in the workspace's registry", at: SourceLocation(file: submission.fileName)))
                continue
            }
            if submission.answers.values.isEmpty && submission.answers.texts.isEmpty {
                // An empty form would otherwise supersede real answers with nothing.
                problems.append(Diagnostic(.missingData, "\(unitID) \(submission.period): the file holds no answers", at: SourceLocation(file: submission.fileName)))
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

    /// The periods that have active submissions.
    public func periods() throws -> [Int] {
        try reading { db in try Int.fetchAll(db, sql: "SELECT DISTINCT period FROM submission WHERE status = 'active' ORDER BY period") }
    }

    /// Every submission of a unit, newest first.
    public func history(unitID: String) throws -> [SubmissionRecord] {
        try reading { db in
            try Row.fetchAll(db, sql: """
                SELECT s.*, (SELECT COUNT(*) FROM observation o WHERE o.submission_id = s.id) AS observations
                FROM submission s WHERE s.unit_id = ? ORDER BY s.period DESC, s.id DESC
                """, arguments: [unitID]).map { row in
                SubmissionRecord(id: row["id"], unitID: row["unit_id"], period: row["period"], fileName: row["file_name"], fileSHA256: row["file_sha256"],
                                 importedAt: row["imported_at"], status: row["status"], supersededBy: row["superseded_by"], observations: row["observations"])
            }
        }
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
        guard let period = result.period else { throw DiagnosticError([Diagnostic(.missingData, "a run needs a period")]) }
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
