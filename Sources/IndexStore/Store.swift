
import Foundation
import GRDB
import IndexCore

/// The workspace database: one SQLite file (WAL) holding units, aliases and lineage, periods,
/// methodologies (content and hash), submissions, observations with their provenance, and
/// computed runs with their results.
///
/// Every import is one transaction: it lands whole or not at all, and concurrent writers are
/// serialised by SQLite (with a busy timeout) rather than corrupting each other.
public final class Store: Sendable {
    /// The connection: a pool (WAL, concurrent readers) when writable, a single read-only
    /// connection otherwise.
    let pool: any DatabaseWriter
    /// The database file's path, as given when opening (messages name it).
    public let path: String
    /// Whether the store was opened read-only: every write fails with a clear message.
    public let isReadOnly: Bool
    /// The database file as this store holds it in ``OpenDatabaseFiles`` (released when the
    /// store closes).
    private let heldFile: OpenDatabaseFiles.FileID?

    /// How a store is opened.
    public enum Access: Sendable {
        /// Create the database if it does not exist, and migrate it (`ictindex init`, benchmarks).
        case create
        /// Open an existing database to read and write, migrating it if needed.
        case readWrite
        /// Open an existing database without writing anything to it (a read-only folder or disk,
        /// an archived season): compute, history and export work, imports say it is read-only.
        case readOnly
    }

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    public convenience init(path: String) throws {
        try self.init(path: path, access: .create)
    }

    /// Opens the database at `path`. Unless `access` is ``Access/create``, a missing, empty
    /// (0-byte) or damaged file is an error naming the file and what to do — never silently
    /// replaced by a new, empty database.
    public init(path: String, access: Access) throws {
        self.path = path
        isReadOnly = access == .readOnly
        // The header is read only while no store of this process has the file open: closing
        // that descriptor would release the locks SQLite holds on it (OpenDatabaseFiles).
        let held = try OpenDatabaseFiles.hold(path, checkingFirst: access == .create ? { _ in } : Self.checkFile)
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.readonly = access == .readOnly
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            guard !db.configuration.readonly else { return }
            // In WAL mode, NORMAL never corrupts the database; a power cut may lose the last
            // committed import, which is then imported again. It spares an fsync per commit.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -32000")
        }
        let opened: any DatabaseWriter
        do {
            if access == .readOnly {
                let queue = try DatabaseQueue(path: Self.readOnlyPath(path), configuration: configuration)
                guard try queue.read({ try Self.migrator.hasCompletedMigrations($0) }) else {
                    throw StoreError(.workspaceNeedsUpgrade(path))
                }
                opened = queue
            } else {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try Self.migrator.migrate(pool)
                opened = pool
            }
        } catch let error as StoreError {
            OpenDatabaseFiles.release(held)
            throw DiagnosticError([Diagnostic(.invalidValue, error.message, at: SourceLocation(file: path))])
        } catch {
            OpenDatabaseFiles.release(held)
            throw Self.diagnostic(error, path: path, action: "open")
        }
        pool = opened
        // A database created just now had no file to hold before SQLite made it.
        heldFile = held ?? (try? OpenDatabaseFiles.hold(path, checkingFirst: { _ in }))
    }

    deinit {
        OpenDatabaseFiles.release(heldFile)
    }

    /// What SQLite is given to open `path` read-only. A WAL database needs its shared-memory
    /// file (`-shm`), which SQLite cannot create in a folder it cannot write (a read-only disk,
    /// an archived season): there the file is opened as immutable (an SQLite URI), which needs
    /// no other file — nothing can change it anyway.
    static func readOnlyPath(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        guard !FileManager.default.isWritableFile(atPath: absolute.deletingLastPathComponent().path) else { return path }
        var components = URLComponents()
        components.scheme = "file"
        components.path = absolute.path
        components.query = "immutable=1"
        return components.string ?? path
    }

    /// A problem of the store in words.
    struct StoreError: Error {
        var message: Message
        init(_ message: Message) { self.message = message }
    }

    /// What a command that writes is told about a read-only workspace.
    public static let readOnlyMessage = Message.workspaceReadOnly

    /// Checks that `path` is an existing, non-empty SQLite file before SQLite opens it (SQLite
    /// would take a 0-byte file for a new, empty database).
    static func checkFile(_ path: String) throws {
        func problem(_ message: Message) -> DiagnosticError {
            DiagnosticError([Diagnostic(.invalidValue, message, at: SourceLocation(file: path))])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw problem(.databaseMissing)
        }
        guard !isDirectory.boolValue else { throw problem(.databaseIsFolder) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw problem(.databaseUnreadable)
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty {
            throw problem(.databaseEmpty)
        }
        guard header == Data("SQLite format 3\0".utf8) else {
            throw problem(.databaseNotSQLite)
        }
    }

    /// A database error in words, naming the file.
    static func diagnostic(_ error: Error, path: String, action: String) -> DiagnosticError {
        let message: Message
        if let error = error as? DatabaseError {
            switch error.resultCode.primaryResultCode {
            case .SQLITE_READONLY:
                message = readOnlyMessage
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                message = .databaseDamaged(error.message ?? "corrupt")
            case .SQLITE_CANTOPEN:
                message = .databaseCannotOpen
            case .SQLITE_FULL:
                message = .databaseDiskFull
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                message = .databaseBusy
            case .SQLITE_IOERR:
                message = .databaseIOError
            default:
                message = .databaseFailed(opening: action == "open", detail: .sqliteError(error.message, code: error.resultCode.rawValue))
            }
        } else if let error = error as? DiagnosticError {
            return error
        } else {
            message = .databaseFailed(opening: action == "open", detail: FileProblem.describe(error))
        }
        return DiagnosticError([Diagnostic(.invalidValue, message, at: SourceLocation(file: path))])
    }

    /// Runs a read, with database errors (a damaged file) described in words.
    func reading<T>(_ value: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(value)
        } catch let error as DiagnosticError {
            throw error
        } catch let error as DatabaseError {
            throw Self.diagnostic(error, path: path, action: "read")
        }
    }

    /// Runs a write, with a store opened read-only refused in words and database errors
    /// described (see ``diagnostic(_:path:action:)``).
    func writing<T>(_ updates: (Database) throws -> T) throws -> T {
        if isReadOnly {
            throw DiagnosticError([Diagnostic(.invalidValue, Self.readOnlyMessage, at: SourceLocation(file: path))])
        }
        do {
            return try pool.write(updates)
        } catch let error as DiagnosticError {
            throw error
        } catch let error as DatabaseError {
            throw Self.diagnostic(error, path: path, action: "write")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE unit (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    block TEXT NOT NULL,
                    valid_from TEXT,
                    valid_to TEXT,
                    portal TEXT
                );
                CREATE TABLE unit_alias (
                    unit_id TEXT NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
                    alias TEXT NOT NULL,
                    folded TEXT NOT NULL,
                    PRIMARY KEY (unit_id, alias)
                );
                CREATE INDEX unit_alias_folded ON unit_alias(folded);
                CREATE TABLE lineage (
                    successor_id TEXT NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
                    predecessor_id TEXT NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
                    weight REAL,
                    PRIMARY KEY (successor_id, predecessor_id)
                );
                CREATE TABLE period (year INTEGER PRIMARY KEY);
                CREATE TABLE methodology (
                    hash TEXT PRIMARY KEY,
                    id TEXT NOT NULL,
                    edition TEXT NOT NULL,
                    file_name TEXT NOT NULL,
                    content TEXT NOT NULL,
                    loaded_at TEXT NOT NULL
                );
                CREATE TABLE submission (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    unit_id TEXT NOT NULL REFERENCES unit(id),
                    period INTEGER NOT NULL REFERENCES period(year),
                    methodology_hash TEXT REFERENCES methodology(hash),
                    file_name TEXT NOT NULL,
                    file_sha256 TEXT NOT NULL,
                    content_sha256 TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('active', 'superseded')),
                    superseded_by INTEGER REFERENCES submission(id)
                );
                CREATE INDEX submission_unit_period ON submission(unit_id, period, status);
                CREATE TABLE observation (
                    submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
                    field TEXT NOT NULL,
                    value REAL,
                    text TEXT,
                    source TEXT NOT NULL,
                    location TEXT NOT NULL,
                    PRIMARY KEY (submission_id, field)
                ) WITHOUT ROWID;
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    methodology_hash TEXT NOT NULL REFERENCES methodology(hash),
                    period INTEGER NOT NULL,
                    inputs_sha256 TEXT NOT NULL,
                    computed_at TEXT NOT NULL
                );
                CREATE TABLE result (
                    run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    block TEXT NOT NULL,
                    unit_id TEXT NOT NULL,
                    node TEXT NOT NULL,
                    score REAL,
                    points REAL,
                    rank INTEGER,
                    imputed INTEGER NOT NULL,
                    PRIMARY KEY (run_id, unit_id, node)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-crawl") { db in
            try Self.createCrawlTables(db)
        }
        migrator.registerMigration("v3-crawl-failure-detail") { db in
            // What a failed fetch ran into, so that a resumed crawl reports it as the first run did.
            try db.execute(sql: "ALTER TABLE crawl_page ADD COLUMN failure_detail TEXT")
        }
        migrator.registerMigration("v4-crawl-field-precedence") { db in
            // Per crawled field, whether the survey or the crawl counts (issue 11 item 5).
            try Self.createCrawlPrecedenceTable(db)
        }
        migrator.registerMigration("v5-platform") { db in
            // The web platform: accounts, sessions, seasons, drafts, reviews, audit trail (issue 14).
            try Self.createPlatformTables(db)
        }
        migrator.registerMigration("v6-evidence-changes") { db in
            // The evidence typed beside each answer of a form (issue 13): data, so that a
            // resubmission changing only evidence is recorded and shown in its diff.
            try db.execute(sql: """
                CREATE TABLE observation_evidence (
                    submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
                    field TEXT NOT NULL,
                    text TEXT NOT NULL,
                    PRIMARY KEY (submission_id, field)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v7-unit-attributes") { db in
            // The registry's unit attributes (`attributes:`, issue 15): a workspace computes
            // group ranks and group imputation from them as computing from files does.
            try db.execute(sql: """
                CREATE TABLE unit_attribute (
                    unit_id TEXT NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
                    attribute TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (unit_id, attribute)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    // MARK: Units

    /// Replaces the unit registry (units, aliases, lineage, attributes) with `registry`, in one
    /// transaction. Units referenced by submissions stay (updated in place).
    public func replaceRegistry(_ registry: UnitRegistry) throws {
        try writing { db in
            try db.execute(sql: "DELETE FROM lineage; DELETE FROM unit_alias; DELETE FROM unit_attribute;")
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO unit (id, name, block, valid_from, valid_to, portal) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, block = excluded.block,
                    valid_from = excluded.valid_from, valid_to = excluded.valid_to, portal = excluded.portal
                """)
            let alias = try db.cachedStatement(sql: "INSERT OR IGNORE INTO unit_alias (unit_id, alias, folded) VALUES (?, ?, ?)")
            for unit in registry.units {
                try upsert.execute(arguments: [unit.id, unit.name, unit.block, unit.validFrom?.description, unit.validTo?.description, unit.portal])
                for name in [unit.name] + unit.aliases {
                    try alias.execute(arguments: [unit.id, name, VietnameseText.fold(name)])
                }
            }
            let lineage = try db.cachedStatement(sql: "INSERT INTO lineage (successor_id, predecessor_id, weight) VALUES (?, ?, ?)")
            let attribute = try db.cachedStatement(sql: "INSERT INTO unit_attribute (unit_id, attribute, value) VALUES (?, ?, ?)")
            for unit in registry.units {
                for predecessor in unit.predecessors {
                    try lineage.execute(arguments: [unit.id, predecessor.id, predecessor.weight])
                }
                for name in unit.attributes.keys.sorted() {
                    try attribute.execute(arguments: [unit.id, name, unit.attributes[name]!])
                }
            }
        }
    }

    /// The registry as stored.
    public func registry() throws -> UnitRegistry {
        try reading { db in UnitRegistry(units: try Self.registeredUnits(db, id: nil)) }
    }

    /// One unit of the registry as stored, by its id only (not a name or an alias), or `nil`:
    /// what a request about one unit needs, without reading every unit and building the
    /// registry's name index.
    public func registeredUnit(id: String) throws -> RegisteredUnit? {
        try reading { db in try Self.registeredUnits(db, id: id).first }
    }

    /// The stored units (every one, or only the one with `id`) with their aliases, lineage and
    /// attributes, ordered by id.
    static func registeredUnits(_ db: Database, id: String?) throws -> [RegisteredUnit] {
        func only(_ column: String) -> String { id == nil ? "" : " WHERE \(column) = ?" }
        let arguments: StatementArguments = id.map { [$0] } ?? []
        // Cached statements: the web platform reads one unit on every save and live score.
        let aliases = Dictionary(grouping: try Row.fetchAll(db.cachedStatement(sql: "SELECT unit_id, alias FROM unit_alias\(only("unit_id")) ORDER BY unit_id, alias"), arguments: arguments), by: { $0["unit_id"] as String })
        let lineage = Dictionary(grouping: try Row.fetchAll(db.cachedStatement(sql: "SELECT successor_id, predecessor_id, weight FROM lineage\(only("successor_id")) ORDER BY rowid"), arguments: arguments), by: { $0["successor_id"] as String })
        let attributes = Dictionary(grouping: try Row.fetchAll(db.cachedStatement(sql: "SELECT unit_id, attribute, value FROM unit_attribute\(only("unit_id"))"), arguments: arguments), by: { $0["unit_id"] as String })
        return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM unit\(only("id")) ORDER BY id"), arguments: arguments).map { row -> RegisteredUnit in
            let id: String = row["id"]
            let name: String = row["name"]
            return RegisteredUnit(
                id: id, name: name, block: row["block"],
                validFrom: (row["valid_from"] as String?).flatMap(Day.init), validTo: (row["valid_to"] as String?).flatMap(Day.init),
                aliases: (aliases[id] ?? []).map { $0["alias"] as String }.filter { $0 != name },
                portal: row["portal"],
                predecessors: (lineage[id] ?? []).map { .init(id: $0["predecessor_id"], weight: $0["weight"]) },
                attributes: Dictionary(uniqueKeysWithValues: (attributes[id] ?? []).map { ($0["attribute"] as String, $0["value"] as String) })
            )
        }
    }

    // MARK: Methodologies

    /// Stores a methodology's text under its SHA-256 (idempotent) and returns the hash.
    @discardableResult
    public func storeMethodology(_ methodology: Methodology, content: String) throws -> String {
        let hash = SHA256.hex(Data(content.utf8))
        try writing { db in
            try db.execute(sql: "INSERT OR IGNORE INTO methodology (hash, id, edition, file_name, content, loaded_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [hash, methodology.id, methodology.edition, methodology.fileName, content, Self.now()])
        }
        return hash
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
