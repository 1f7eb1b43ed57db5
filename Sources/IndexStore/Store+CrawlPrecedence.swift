import Foundation
import GRDB
import IndexCore

/// Where a field's value comes from: the unit's own survey answer or a portal crawl.
public enum AnswerSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// The unit's own survey answer.
    case survey
    /// A measurement by a crawl of the unit's portal.
    case crawl
}

/// What a crawl's measurement of a field says about the field's true value. A crawl sees only
/// the pages it fetched, so most of its counts are lower bounds.
public enum CrawlBound: String, Sendable, Hashable, Codable, CaseIterable {
    /// The measurement is the value (whether the portal is served over HTTPS).
    case exact
    /// The true value is at least the measurement: items found, services listed on the pages
    /// crawled. A survey answer at or above it agrees with it.
    case lowerBound = "lower_bound"
    /// The true value is at most the measurement: days since the newest dated item found (a
    /// newer one may be on a page not crawled). A survey answer at or below it agrees with it.
    case upperBound = "upper_bound"
}

/// How a field measured by a crawl relates to the unit's survey answer: which value counts when
/// both exist, what the crawl's value means, and how far apart they may be before the difference
/// is a discrepancy. Declared per field in the checklist's field mapping (`Indicators/portal/`).
public struct FieldPrecedence: Sendable, Hashable, Codable {
    /// The source whose value is used when both give the field. A field one source lacks takes
    /// the other's value.
    public var counts: AnswerSource
    /// What the crawl's measurement says about the true value: exact, or a lower or upper bound.
    public var crawlValue: CrawlBound
    /// The difference (in the field's unit) tolerated before the values are a discrepancy.
    public var tolerance: Double

    /// A precedence: `counts` wins when both give the field; `tolerance` is in the field's unit.
    public init(counts: AnswerSource, crawlValue: CrawlBound, tolerance: Double = 0) {
        self.counts = counts
        self.crawlValue = crawlValue
        self.tolerance = tolerance
    }

    /// What crawl observations stored before precedence was declared mean: the crawl counts and
    /// its value is exact (how they were used then).
    public static let legacy = FieldPrecedence(counts: .crawl, crawlValue: .exact, tolerance: 0)

    /// Whether a survey answer contradicts the crawl's measurement by more than the tolerance.
    public func contradicts(survey: Double, crawl: Double) -> Bool {
        switch crawlValue {
        case .exact: return abs(survey - crawl) > tolerance
        case .lowerBound: return survey < crawl - tolerance
        case .upperBound: return survey > crawl + tolerance
        }
    }
}

/// One value of a field with its source and where it was read or seen.
public struct SourcedValue: Sendable, Hashable {
    /// The value, in the field's unit.
    public var value: Double
    /// Whether it is a survey answer or a crawl measurement.
    public var source: AnswerSource
    /// The answer's location (file, row, column) or the crawl's evidence (URL and check ids).
    public var location: String
    /// The submission that holds it (crawls are stored as submissions too).
    public var submissionID: Int64

    /// A value with its origin.
    public init(value: Double, source: AnswerSource, location: String, submissionID: Int64) {
        self.value = value
        self.source = source
        self.location = location
        self.submissionID = submissionID
    }
}

/// A field a crawl measured for a unit and period, beside the unit's survey answer: both values
/// with their sources, the declared precedence, and the value the computation uses.
public struct FieldComparison: Sendable, Hashable {
    /// How the two sources stand for this field.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Both give the field and agree within the tolerance (or the bound).
        case agrees
        /// Both give the field and disagree beyond the tolerance: an analyst should resolve it.
        case contradicts
        /// The unit's survey submission lacks the field: the crawl's value is used.
        case fillsMissingAnswer = "fills_missing_answer"
        /// The unit has no survey submission for the period: the crawl's values are its answers.
        case crawlOnly = "crawl_only"
    }

    /// The unit's registry id.
    public var unitID: String
    /// The data year.
    public var period: Int
    /// The field's id.
    public var field: String
    /// The survey answer, nil when there is none.
    public var survey: SourcedValue?
    /// The crawl's measurement, with its evidence.
    public var crawl: SourcedValue
    /// The precedence the checklist declares for the field.
    public var precedence: FieldPrecedence
    /// How the two values stand.
    public var status: Status

    /// The value the computation uses (what ``Store/answers(period:)`` returns for the field).
    public var used: SourcedValue {
        guard let survey else { return crawl }
        return precedence.counts == .crawl ? crawl : survey
    }

    /// Whether the value used differs from the unit's own answer: a crawl value counted over a
    /// different survey answer, or filling an answer the survey left out.
    public var changesSurveyAnswer: Bool {
        switch status {
        case .fillsMissingAnswer: return true
        case .crawlOnly: return false
        case .agrees, .contradicts: return used.source == .crawl && used.value != survey?.value
        }
    }

    /// Whether an analyst should look at it: a contradiction, or a crawl value that replaces or
    /// fills a survey answer.
    public var needsReview: Bool { status == .contradicts || changesSurveyAnswer }
}

extension Store {
    /// The "v4-crawl-field-precedence" table: per crawl submission and field, the precedence
    /// declared by the checklist when the crawl was recorded.
    static func createCrawlPrecedenceTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE crawl_field_precedence (
                submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
                field TEXT NOT NULL,
                counts TEXT NOT NULL CHECK (counts IN ('survey', 'crawl')),
                crawl_value TEXT NOT NULL CHECK (crawl_value IN ('exact', 'lower_bound', 'upper_bound')),
                tolerance REAL NOT NULL,
                PRIMARY KEY (submission_id, field)
            ) WITHOUT ROWID;
            """)
    }

    /// The order in which ``answers(period:)`` applies a unit's observations (later ones win):
    /// crawl values the survey takes precedence over first (they fill only what the survey
    /// lacks), then survey answers, then crawl values that count over the survey.
    static let observationPrecedenceOrder = """
        CASE WHEN s.file_name NOT LIKE 'crawl:%' THEN 1
             WHEN EXISTS (SELECT 1 FROM crawl_field_precedence p WHERE p.submission_id = s.id AND p.field = o.field AND p.counts = 'survey') THEN 0
             ELSE 2 END
        """

    /// Every field the active crawls of `period` measured, beside the units' survey answers,
    /// ordered by unit and field. `unitID` restricts it to one unit.
    public func fieldComparisons(period: Int, unitID: String? = nil) throws -> [FieldComparison] {
        try pool.read { db in
            var sql = """
                SELECT s.unit_id, s.id AS crawl_id, o.field, o.value, o.location,
                       p.counts, p.crawl_value, p.tolerance,
                       v.id AS survey_id, v.file_name AS survey_file, so.value AS survey_value, so.location AS survey_location
                FROM submission s
                JOIN observation o ON o.submission_id = s.id
                LEFT JOIN crawl_field_precedence p ON p.submission_id = s.id AND p.field = o.field
                LEFT JOIN submission v ON v.unit_id = s.unit_id AND v.period = s.period AND v.status = 'active' AND v.file_name NOT LIKE 'crawl:%'
                LEFT JOIN observation so ON so.submission_id = v.id AND so.field = o.field
                WHERE s.period = ? AND s.status = 'active' AND s.file_name LIKE 'crawl:%' AND o.value IS NOT NULL
                """
            var arguments: StatementArguments = [period]
            if let unitID {
                sql += " AND s.unit_id = ?"
                arguments += [unitID]
            }
            sql += " ORDER BY s.unit_id, o.field"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let precedence: FieldPrecedence
                if let counts = (row["counts"] as String?).flatMap(AnswerSource.init), let bound = (row["crawl_value"] as String?).flatMap(CrawlBound.init) {
                    precedence = FieldPrecedence(counts: counts, crawlValue: bound, tolerance: row["tolerance"])
                } else {
                    precedence = .legacy
                }
                let crawl = SourcedValue(value: row["value"], source: .crawl, location: row["location"], submissionID: row["crawl_id"])
                var survey: SourcedValue?
                if let value = row["survey_value"] as Double?, let id = row["survey_id"] as Int64? {
                    survey = SourcedValue(value: value, source: .survey, location: Self.expand(row["survey_location"], fileName: row["survey_file"]), submissionID: id)
                }
                let status: FieldComparison.Status
                if let survey {
                    status = precedence.contradicts(survey: survey.value, crawl: crawl.value) ? .contradicts : .agrees
                } else {
                    status = (row["survey_id"] as Int64?) == nil ? .crawlOnly : .fillsMissingAnswer
                }
                return FieldComparison(unitID: row["unit_id"], period: period, field: row["field"], survey: survey, crawl: crawl, precedence: precedence, status: status)
            }
        }
    }

    /// The fields of `period` an analyst should resolve: survey answers a crawl contradicts
    /// beyond the declared tolerance, and crawl values used in place of (or to fill) a survey
    /// answer. Both values and their sources are in each entry.
    public func discrepancies(period: Int, unitID: String? = nil) throws -> [FieldComparison] {
        try fieldComparisons(period: period, unitID: unitID).filter(\.needsReview)
    }
}
