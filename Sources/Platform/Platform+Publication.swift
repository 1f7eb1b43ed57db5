import Foundation
import GRDB
import IndexCore
import IndexStore
import Reports
import Season

extension Platform {
    // MARK: - Compute, preview, publish

    /// Computes the season with its methodology over the workspace's answers of the period (the
    /// imported ones and every submission made here) and stores the run (reviewers and admins).
    public func compute(period: Int, by principal: Principal) async throws(PlatformError) -> ComputedRun {
        try require(principal, .reviewer, .admin)
        let (season, _) = try await context(period)
        let computed: ComputedPeriod
        do {
            computed = try await HeavyWorkExecutor.run {
                try await service.compute(ComputeRequest(inputs: InputRequest(methodology: season.methodologyID, workspace: workspace.directory.path, periods: [period])))
            }
        } catch {
            throw PlatformError(SeasonError(error))
        }
        guard let runID = computed.runID else {
            throw .closed(.runNotStored)
        }
        let now = clock()
        try await write { db in
            try Self.audit(db, at: now, by: principal, action: "season.compute", period: period, after: ["run": runID])
        }
        return ComputedRun(runID: runID, computed: computed)
    }

    /// The national report of the season as it stands (not public), in one language, written to
    /// `preview/<period>/<language>/` in the workspace (replacing the previous preview).
    /// - Returns: the folder written.
    public func previewReport(period: Int, language: Language, by principal: Principal) async throws(PlatformError) -> URL {
        try require(principal, .reviewer, .admin)
        let (season, _) = try await context(period)
        let folder = workspace.directory.appendingPathComponent("preview/\(period)/\(language.rawValue)", isDirectory: true)
        try await writeReport(try await reportRequest(season, language: language, to: folder.path), replacing: folder)
        return folder
    }

    /// Publishes a run of the season (admin): writes its national report in Vietnamese and English
    /// to `published/<period>/vi/` and `published/<period>/en/` in the workspace — byte for byte
    /// what ``publishedReportRequest(period:language:outputFolder:)`` (`ictindex report`) writes —
    /// and marks the run published. The run must be of this period and its inputs must be the
    /// answers as they are now (else compute again): a published report is always the run's.
    /// - Returns: the folder holding both languages.
    public func publish(period: Int, run: Int64, by principal: Principal) async throws(PlatformError) -> URL {
        try require(principal, .admin)
        let (season, methodology) = try await context(period)
        guard season.publishedRun == nil else {
            throw .closed(.publishedAlready(period))
        }
        let stored = try await read { db -> (period: Int, inputs: String)? in
            try Row.fetchOne(db, sql: "SELECT period, inputs_sha256 FROM run WHERE id = ?", arguments: [run]).map { ($0["period"], $0["inputs_sha256"]) }
        }
        guard let stored, stored.period == period else { throw .notFound }
        do {
            let hash = try await HeavyWorkExecutor.run {
                Store.inputsHash(try await service.loadPeriod(InputRequest(methodology: methodology.id, workspace: workspace.directory.path, periods: [period])).compute())
            }
            guard hash == stored.inputs else {
                throw PlatformError.closed(.answersChangedAfterRun(run))
            }
        } catch {
            throw Self.platformError(error)
        }
        let folder = publishedFolder(period)
        let staging = workspace.directory.appendingPathComponent("published/.\(period)-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        for language in Language.allCases {
            let request = try await publishedReportRequest(period: period, language: language, outputFolder: staging.appendingPathComponent(language.rawValue).path)
            try await writeReport(request, replacing: nil)
        }
        let now = clock()
        try await write { db in
            try db.execute(sql: "UPDATE season SET published_run = ? WHERE period = ?", arguments: [run, period])
            // Put the report in place inside the transaction: if the rename fails, nothing is published.
            if FileManager.default.fileExists(atPath: folder.path) { try FileManager.default.removeItem(at: folder) }
            try FileManager.default.moveItem(at: staging, to: folder)
            try Self.audit(db, at: now, by: principal, action: "season.publish", period: period, after: ["run": run])
        }
        return folder
    }

    /// Withdraws a season's publication (admin): the report is no longer public.
    public func unpublish(period: Int, by principal: Principal) async throws(PlatformError) {
        try require(principal, .admin)
        let folder = publishedFolder(period)
        let now = clock()
        try await write { db in
            let before = try Self.season(db, period)
            guard let run = before.publishedRun else { throw PlatformError.notFound }
            try db.execute(sql: "UPDATE season SET published_run = NULL WHERE period = ?", arguments: [period])
            if FileManager.default.fileExists(atPath: folder.path) { try FileManager.default.removeItem(at: folder) }
            try Self.audit(db, at: now, by: principal, action: "season.unpublish", period: period, before: ["run": run])
        }
    }

    /// The folder of a season's published report (`published/<period>`, with `vi/` and `en/`);
    /// it exists only while the season is published.
    public func publishedFolder(_ period: Int) -> URL {
        workspace.directory.appendingPathComponent("published/\(period)", isDirectory: true)
    }

    /// The report request a publication writes: every period of the workspace up to the season's
    /// (the latest is the main year), with the season's methodology — the same as
    /// `ictindex report --workspace DIR --methodology ID --period …` for those periods.
    public func publishedReportRequest(period: Int, language: Language, outputFolder: String) async throws(PlatformError) -> ReportRequest {
        let (season, _) = try await context(period)
        return try await reportRequest(season, language: language, to: outputFolder)
    }

    private func reportRequest(_ season: SeasonInfo, language: Language, to folder: String) async throws(PlatformError) -> ReportRequest {
        let periods = try await blocking { try store.periods().filter { $0 <= season.period } }
        guard periods.contains(season.period) else {
            throw .closed(.noAnswersForPeriod(season.period))
        }
        return ReportRequest(inputs: InputRequest(methodology: season.methodologyID, workspace: workspace.directory.path, periods: periods),
                             outputFolder: folder, language: language)
    }

    /// Writes a report into a fresh folder (`replacing` is removed first).
    private func writeReport(_ request: ReportRequest, replacing: URL?) async throws(PlatformError) {
        if let replacing, FileManager.default.fileExists(atPath: replacing.path) {
            do { try FileManager.default.removeItem(at: replacing) } catch { throw Self.platformError(error) }
        }
        do {
            _ = try await HeavyWorkExecutor.run { try await service.report(request) }
        } catch {
            throw PlatformError(SeasonError(error))
        }
    }
}
