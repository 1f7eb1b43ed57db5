import Foundation
import IndexCore
import IndexStore
import Intake

/// What to import into a workspace.
public struct ImportRequest: Sendable, Hashable {
    /// Survey files: CSV, JSON or filled .xlsx forms.
    public var files: [String]
    /// The workspace directory.
    public var workspace: String
    /// The methodology (id or file of the workspace) to check the answers against.
    public var methodology: String?
    /// The period of records that do not say.
    public var period: Int?
    /// Report what would change without writing anything.
    public var dryRun: Bool

    /// A request to import `files` into the workspace in the current directory.
    public init(files: [String], workspace: String = ".", methodology: String? = nil, period: Int? = nil, dryRun: Bool = false) {
        self.files = files
        self.workspace = workspace
        self.methodology = methodology
        self.period = period
        self.dryRun = dryRun
    }
}

/// A workspace just created.
public struct CreatedWorkspace: Sendable {
    /// The workspace, open.
    public var workspace: Workspace
    /// The units of its registry.
    public var units: Int
    /// The files copied into the workspace from the bundled library, as paths inside it.
    public var copiedFiles: [String]
}

extension SeasonService {
    /// Creates a workspace in `directory`: its config, its database and its unit registry.
    ///
    /// A methodology or registry that is bundled rather than a file is copied into the workspace
    /// (`methodologies/<id>.yaml`, `units/*.yaml`), so that a workspace made in an empty folder
    /// works there and keeps the exact text it computes with.
    /// - Parameters:
    ///   - directory: where to create it (made if missing); it must not hold a workspace yet.
    ///   - methodologies: files or bundled ids; default: the bundled `vn-it-application-2019`.
    ///   - registry: a file, a folder or a bundled folder; `nil`: the bundled registry.
    public func createWorkspace(at directory: String, methodologies: [String] = ["vn-it-application-2019"], registry: String? = nil) async throws(SeasonError) -> CreatedWorkspace {
        let root = URL(fileURLWithPath: directory)
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(Workspace.configFileName).path) {
            throw .invalidInput([Diagnostic(.invalidValue, .workspaceExists, at: SourceLocation(file: root.appendingPathComponent(Workspace.configFileName).relativePath))])
        }
        // Decide every source (and load each bundled one) before writing anything.
        var copies: [(path: String, text: String)] = []
        var methodologyURLs: [URL] = []
        for reference in methodologies {
            if FileManager.default.fileExists(atPath: reference) {
                methodologyURLs.append(URL(fileURLWithPath: reference))
            } else {
                let (methodology, content) = try self.methodology(reference)
                let path = "methodologies/\(methodology.id).yaml"
                copies.append((path, content))
                methodologyURLs.append(root.appendingPathComponent(path))
            }
        }
        var registryURL: URL
        if let registry, FileManager.default.fileExists(atPath: registry) {
            registryURL = URL(fileURLWithPath: registry)
        } else {
            let files = library.files(at: registry ?? StandardLibrary.registryFolder).filter { $0.path.hasSuffix(".yaml") }
            guard !files.isEmpty else {
                throw .invalidInput([Diagnostic(.missingData, .noRegistryHereOrBundled, at: SourceLocation(file: registry ?? ""))])
            }
            copies += files.map { ("units/" + URL(fileURLWithPath: $0.path).lastPathComponent, $0.text) }
            registryURL = root.appendingPathComponent("units")
        }
        let written = try writeCopies(copies, into: root)
        do {
            let workspace = try Workspace.create(at: root, methodologies: methodologyURLs, registry: registryURL)
            let units = try workspace.store.count("unit")
            return CreatedWorkspace(workspace: workspace, units: units, copiedFiles: copies.map(\.path))
        } catch {
            // Nothing half-made: take back the copies (the workspace writes its config last).
            for url in written.reversed() { try? FileManager.default.removeItem(at: url) }
            throw SeasonError(error)
        }
    }

    /// Writes the copies, refusing to replace a file; returns what it created, to undo on failure.
    private func writeCopies(_ copies: [(path: String, text: String)], into root: URL) throws(SeasonError) -> [URL] {
        var created: [URL] = []
        do {
            for copy in copies {
                let url = root.appendingPathComponent(copy.path)
                let folder = url.deletingLastPathComponent()
                if !FileManager.default.fileExists(atPath: folder.path) {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    created.append(folder)
                }
                guard !FileManager.default.fileExists(atPath: url.path) else {
                    throw DiagnosticError([Diagnostic(.invalidValue, .fileWouldShadowBundledCopy, at: SourceLocation(file: url.relativePath))])
                }
                try Data(copy.text.utf8).write(to: url, options: .withoutOverwriting)
                created.append(url)
            }
            return created
        } catch {
            for url in created.reversed() { try? FileManager.default.removeItem(at: url) }
            throw SeasonError(error)
        }
    }

    /// Imports survey files into a workspace as one transaction.
    ///
    /// Every answer is resolved against the registry and checked against the methodology first;
    /// if anything is wrong, every problem is listed and nothing is written.
    /// - Parameters:
    ///   - request: the files, the workspace, the methodology and period, whether a dry run.
    ///   - afterEachSubmission: a test seam, called with the number of submissions
    ///   written so far inside the transaction (a test stops the process there to prove that an
    ///   interrupted import leaves the store as it was).
    public func importFiles(_ request: ImportRequest, afterEachSubmission: (@Sendable (Int) throws -> Void)? = nil) async throws(SeasonError) -> ImportReport {
        let workspace = try openWorkspace(request.workspace)
        return try SeasonError.capture {
            let (methodology, content) = try workspace.methodology(request.methodology)
            let registry = try workspace.store.registry()
            let methodologyHash = request.dryRun ? nil : try workspace.store.storeMethodology(methodology, content: content)
            var submissions: [Submission] = []
            var problems: [Diagnostic] = []
            for file in request.files {
                do {
                    let url = URL(fileURLWithPath: file)
                    guard let bytes = FileManager.default.contents(atPath: url.path) else {
                        throw DiagnosticError([Diagnostic(.invalidValue, .cannotReadTheFile, at: SourceLocation(file: file))])
                    }
                    submissions += try Self.submissions(try SurveyReader.read(url), registry: registry, methodology: methodology, defaultPeriod: request.period,
                                                        fileName: file, fileSHA256: IndexStore.SHA256.hex(bytes), methodologyHash: methodologyHash)
                } catch let error as DiagnosticError {
                    problems += error.diagnostics
                }
            }
            if !problems.isEmpty { throw DiagnosticError(problems) }
            return try workspace.store.importSubmissions(submissions, dryRun: request.dryRun, afterEach: afterEachSubmission)
        }
    }

    /// The import pipeline's checks on records already read: each unit resolved through the
    /// registry, the answers validated against the methodology, and the submissions to store.
    /// `importFiles` uses it for files, the web platform for a submitted draft.
    /// - Throws: `DiagnosticError` with every problem found.
    public static func submissions(_ records: [RawRecord], registry: UnitRegistry, methodology: Methodology, defaultPeriod: Int?,
                                   fileName: String, fileSHA256: String, methodologyHash: String?) throws -> [Submission] {
        let resolved = try registry.resolve(records: records, defaultPeriod: defaultPeriod)
        let answers = try SurveyValidator(methodology: methodology).validate(resolved)
        return answers.map { Submission(answers: $0, period: $0.period!, fileName: fileName, fileSHA256: fileSHA256, methodologyHash: methodologyHash) }
    }

    /// A unit's submissions, including superseded ones.
    public func history(workspace path: String, unit: String) async throws(SeasonError) -> (unit: RegisteredUnit, submissions: [SubmissionRecord]) {
        let history = try await history(UnitHistoryRequest(workspace: path, unit: unit))
        return (history.unit, history.submissions)
    }

    /// A unit's record in a workspace: its submissions (superseded ones too) and, for every period
    /// with answers (or only `request.period`), its index and rank in its block, computed with the
    /// workspace's methodology of that period.
    ///
    /// A name that several units bore (e.g. two provinces called the same before and after the
    /// 2025 merger) is resolved among the units valid in `request.period`; without a period it is
    /// an error that lists them with their ids and validity, so the id or `--period` settles it.
    public func history(_ request: UnitHistoryRequest) async throws(SeasonError) -> UnitHistory {
        let workspace = try openWorkspace(request.workspace, access: .automatic)
        let (found, submissions, stored) = try SeasonError.capture {
            let day = request.period.map(Day.endOf(year:))
            let found = try workspace.store.registry().resolve(request.unit, on: day)
            return (found, try workspace.store.history(unitID: found.id).filter { request.period == nil || $0.period == request.period }, try workspace.store.periods())
        }
        var standings: [UnitHistory.Standing] = []
        for period in stored where request.period == nil || request.period == period {
            let inputs = try await loadPeriod(InputRequest(workspace: request.workspace, periods: [period]))
            guard inputs.answers.contains(where: { $0.unitID == found.id }) else { continue }
            let result = try inputs.compute()
            for block in result.blocks {
                guard let position = block.unitIndex(found.id) else { continue }
                let rank = block.rank[block.plan.rootIndex][position]
                standings.append(UnitHistory.Standing(period: period, block: block.plan.block.id, index: block.index[position], rank: rank == 0 ? nil : rank, units: block.units.count))
            }
        }
        return UnitHistory(unit: found, submissions: submissions, standings: standings)
    }
}

/// What `history` is asked: a unit (id or name) of a workspace, all periods or one.
public struct UnitHistoryRequest: Sendable, Hashable {
    /// The workspace directory.
    public var workspace: String
    /// The unit: id, name or alias, with or without diacritics.
    public var unit: String
    /// Only this period; it also decides a name that several units bore over time.
    public var period: Int?

    /// A request for `unit` in the workspace at `workspace`.
    public init(workspace: String, unit: String, period: Int? = nil) {
        self.workspace = workspace
        self.unit = unit
        self.period = period
    }
}

/// A unit's record in a workspace: submissions and its standing per period.
public struct UnitHistory: Sendable {
    /// The unit's index and rank in its block in one period.
    public struct Standing: Sendable, Hashable {
        /// The period (year) of the standing.
        public var period: Int
        /// The id of the block the unit was ranked in that period.
        public var block: String
        /// The index on 0–1 (unrounded; NaN when the unit has none).
        public var index: Double
        /// The competition rank within the block (`nil`: unranked).
        public var rank: Int?
        /// How many units the block ranks.
        public var units: Int
    }

    /// The unit as the registry knows it.
    public var unit: RegisteredUnit
    /// Every submission of the unit (in the period asked), superseded ones too, oldest first.
    public var submissions: [SubmissionRecord]
    /// The unit's index and rank per period, oldest first.
    public var standings: [Standing]
}

extension SeasonService {
    /// Copies the workspace database to a new file `destination` with SQLite's online backup,
    /// consistent while other processes (the server, an import) write; refuses to replace a file
    /// and never leaves a half-written one (docs/platform.md).
    public func backup(workspace path: String, to destination: String) async throws(SeasonError) {
        let workspace = try openWorkspace(path, access: .automatic)
        try SeasonError.capture { try workspace.store.backup(to: destination) }
    }
}
