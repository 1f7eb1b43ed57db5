import Foundation
import GRDB
import IndexCore
import IndexStore

extension Platform {
    // MARK: - Seasons

    /// Opens a season: a period with one of the workspace's methodologies and a deadline (admin).
    /// A period can be opened once; ``setDeadline(period:deadline:by:)`` moves its deadline.
    public func openSeason(period: Int, methodology: String, deadline: Date, by principal: Principal) async throws(PlatformError) -> SeasonInfo {
        try require(principal, .admin)
        if let problem = SurveyPeriod.problem(period) { throw .invalid([Diagnostic(.invalidValue, problem, at: SourceLocation(file: "season", detail: "period"))]) }
        let id: String
        id = try await blocking { try loadMethodology(methodology).methodology.id }
        let info = SeasonInfo(period: period, methodologyID: id, deadline: deadline, publishedRun: nil)
        let now = clock()
        try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM season WHERE period = ?", arguments: [period]) != nil {
                throw PlatformError.closed(.seasonOpenAlready(period))
            }
            try db.execute(sql: "INSERT INTO season (period, methodology_id, deadline, opened_at) VALUES (?, ?, ?, ?)",
                           arguments: [period, id, Timestamp.text(deadline), Timestamp.text(now)])
            try Self.audit(db, at: now, by: principal, action: "season.open", period: period, after: info)
        }
        return info
    }

    /// Moves a season's deadline (admin).
    public func setDeadline(period: Int, deadline: Date, by principal: Principal) async throws(PlatformError) {
        try require(principal, .admin)
        let now = clock()
        try await write { db in
            let before = try Self.season(db, period)
            var after = before
            after.deadline = deadline
            try db.execute(sql: "UPDATE season SET deadline = ? WHERE period = ?", arguments: [Timestamp.text(deadline), period])
            try Self.audit(db, at: now, by: principal, action: "season.deadline", period: period, before: before, after: after)
        }
    }

    /// Every season, latest first. Anyone may list them (periods, deadlines and what is published are public).
    public func seasons() async throws(PlatformError) -> [SeasonInfo] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM season ORDER BY period DESC").map(Self.seasonInfo) }
    }

    /// The latest season with a published run, or `nil` — what the public site serves. One small
    /// query and nothing to parse: the public page asks it on every request (the full season list
    /// parses every deadline, a third of a public page's time, profiled).
    public func latestPublishedPeriod() async throws(PlatformError) -> Int? {
        try await read { db in try Int.fetchOne(db, sql: "SELECT MAX(period) FROM season WHERE published_run IS NOT NULL") }
    }

    /// The season of `period`, or ``PlatformError/notFound``.
    public func season(_ period: Int) async throws(PlatformError) -> SeasonInfo {
        try await read { db in try Self.season(db, period) }
    }

    static func season(_ db: Database, _ period: Int) throws -> SeasonInfo {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM season WHERE period = ?"), arguments: [period]) else { throw PlatformError.notFound }
        return seasonInfo(row)
    }

    static func seasonInfo(_ row: Row) -> SeasonInfo {
        SeasonInfo(period: row["period"], methodologyID: row["methodology_id"], deadline: Timestamp.date(row["deadline"]), publishedRun: row["published_run"])
    }

    /// The season's methodology and the registry unit asked for, which must be in one of its
    /// blocks; otherwise ``PlatformError/notFound``.
    func context(_ period: Int, unit: String) async throws(PlatformError) -> (season: SeasonInfo, methodology: Methodology, unit: RegisteredUnit) {
        let season = try await self.season(period)
        // The one unit by its id, not the whole registry: a save needs only its name and block.
        // Read with the methodology in one trip off the cooperative pool.
        let (methodology, found) = try await blocking { (try loadMethodology(season.methodologyID).methodology, try store.registeredUnit(id: unit)) }
        guard let found, methodology.block(found.block) != nil else { throw .notFound }
        return (season, methodology, found)
    }

    /// The season and its methodology.
    func context(_ period: Int) async throws(PlatformError) -> (season: SeasonInfo, methodology: Methodology) {
        let season = try await self.season(period)
        return (season, try await blocking { try loadMethodology(season.methodologyID).methodology })
    }

    /// The workspace's methodology `id` (or its first), parsed at most once per text of its file
    /// (``PlatformCache``). It blocks on the file: call it inside ``blocking(_:)``.
    func loadMethodology(_ id: String?) throws -> (methodology: Methodology, content: String) {
        try workspace.methodology(id, loading: methodologyLoading)
    }

    /// How this platform turns a methodology file's text into its methodology: through its cache.
    var methodologyLoading: Workspace.MethodologyLoading {
        { [cache] yaml, fileName in try cache.methodology(yaml: yaml, fileName: fileName) }
    }

    /// The workspace's methodologies, those a season can be opened with (admin pages).
    public func methodologies() async throws(PlatformError) -> [Methodology] {
        try await blocking { try workspace.methodologies(loading: methodologyLoading).map(\.methodology) }
    }

    /// The season's methodology and one unit of the registry — what the survey form and the review
    /// pages are generated from. The unit must be in one of the season's blocks; otherwise
    /// ``PlatformError/notFound``. The reads run off Swift's cooperative pool.
    public func formContext(period: Int, unit: String) async throws(PlatformError) -> (methodology: Methodology, unit: RegisteredUnit) {
        let (_, methodology, registered) = try await context(period, unit: unit)
        return (methodology, registered)
    }

    /// The methodology of the season of `period`, read off Swift's cooperative pool.
    public func methodology(period: Int) async throws(PlatformError) -> Methodology {
        try await context(period).methodology
    }
}
