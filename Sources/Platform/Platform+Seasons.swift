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
        do { id = try workspace.methodology(methodology).methodology.id } catch { throw Self.platformError(error) }
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

    /// The season of `period`, or ``PlatformError/notFound``.
    public func season(_ period: Int) async throws(PlatformError) -> SeasonInfo {
        try await read { db in try Self.season(db, period) }
    }

    static func season(_ db: Database, _ period: Int) throws -> SeasonInfo {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM season WHERE period = ?", arguments: [period]) else { throw PlatformError.notFound }
        return seasonInfo(row)
    }

    static func seasonInfo(_ row: Row) -> SeasonInfo {
        SeasonInfo(period: row["period"], methodologyID: row["methodology_id"], deadline: Timestamp.date(row["deadline"]), publishedRun: row["published_run"])
    }

    /// The season's methodology and the registry unit asked for, which must be in one of its
    /// blocks; otherwise ``PlatformError/notFound``.
    func context(_ period: Int, unit: String) async throws(PlatformError) -> (season: SeasonInfo, methodology: Methodology, unit: RegisteredUnit) {
        let (season, methodology) = try await context(period)
        let registry: UnitRegistry
        registry = try await blocking { try store.registry() }
        guard let found = registry.unit(unit), found.id == unit, methodology.block(found.block) != nil else { throw .notFound }
        return (season, methodology, found)
    }

    /// The season and its methodology.
    func context(_ period: Int) async throws(PlatformError) -> (season: SeasonInfo, methodology: Methodology) {
        let season = try await self.season(period)
        return (season, try await blocking { try workspace.methodology(season.methodologyID).methodology })
    }
}
