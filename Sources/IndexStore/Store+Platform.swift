import Foundation
import GRDB
import IndexCore

// The web platform's tables (issue 14): accounts, sign-in links, sessions, API tokens, seasons,
// drafts with their workflow state, review comments, evidence files and the audit trail. The
// `Platform` target owns what they mean; the store owns the schema (one migrator) and lends the
// connection to the package only.
extension Store {
    /// Creates the platform's tables (migration `v5-platform`).
    static func createPlatformTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE platform_user (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                role TEXT NOT NULL CHECK (role IN ('submitter', 'reviewer', 'admin')),
                unit_id TEXT REFERENCES unit(id),
                password_hash TEXT,
                disabled INTEGER NOT NULL DEFAULT 0,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until TEXT,
                created_at TEXT NOT NULL,
                CHECK ((role = 'submitter') = (unit_id IS NOT NULL))
            );
            CREATE TABLE sign_in_link (
                token_sha256 TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES platform_user(id),
                expires_at TEXT NOT NULL,
                used_at TEXT
            ) WITHOUT ROWID;
            CREATE TABLE platform_session (
                token_sha256 TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES platform_user(id),
                csrf_token TEXT NOT NULL,
                client TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE api_token (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                token_sha256 TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL CHECK (role IN ('submitter', 'reviewer', 'admin')),
                unit_id TEXT REFERENCES unit(id),
                label TEXT NOT NULL,
                created_by INTEGER NOT NULL REFERENCES platform_user(id),
                created_at TEXT NOT NULL,
                revoked_at TEXT,
                CHECK ((role = 'submitter') = (unit_id IS NOT NULL))
            );
            CREATE TABLE season (
                period INTEGER PRIMARY KEY,
                methodology_id TEXT NOT NULL,
                deadline TEXT NOT NULL,
                published_run INTEGER REFERENCES run(id),
                opened_at TEXT NOT NULL
            );
            CREATE TABLE draft (
                unit_id TEXT NOT NULL REFERENCES unit(id),
                period INTEGER NOT NULL REFERENCES season(period),
                answers TEXT NOT NULL,
                notes TEXT NOT NULL,
                version INTEGER NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
                submission_id INTEGER REFERENCES submission(id),
                updated_at TEXT NOT NULL,
                updated_by INTEGER REFERENCES platform_user(id),
                PRIMARY KEY (unit_id, period)
            ) WITHOUT ROWID;
            CREATE TABLE review_comment (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                unit_id TEXT NOT NULL REFERENCES unit(id),
                period INTEGER NOT NULL,
                field TEXT,
                text TEXT NOT NULL,
                author INTEGER NOT NULL REFERENCES platform_user(id),
                created_at TEXT NOT NULL
            );
            CREATE INDEX review_comment_unit ON review_comment(unit_id, period);
            CREATE TABLE evidence_file (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                unit_id TEXT NOT NULL REFERENCES unit(id),
                period INTEGER NOT NULL,
                field TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                media_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                original_name TEXT NOT NULL,
                uploaded_by INTEGER NOT NULL REFERENCES platform_user(id),
                uploaded_at TEXT NOT NULL
            );
            CREATE INDEX evidence_file_unit ON evidence_file(unit_id, period);
            CREATE TABLE audit_entry (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                user_id INTEGER,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                unit_id TEXT,
                period INTEGER,
                before TEXT,
                after TEXT
            );
            CREATE INDEX audit_entry_unit ON audit_entry(unit_id, period);
            """)
    }

    /// The connection, for the `Platform` target's own statements (package access only: the
    /// store's public API stays the only way in from outside). Writes that must land together go
    /// in one `write` block.
    package var database: any DatabaseWriter { pool }

    /// Runs a write transaction off the caller's thread, with a read-only store refused in words
    /// and database errors described as ``writing(_:)`` does.
    package func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if isReadOnly {
            throw DiagnosticError([Diagnostic(.invalidValue, Self.readOnlyMessage, at: SourceLocation(file: path))])
        }
        do {
            return try await pool.write(updates)
        } catch let error as DatabaseError {
            throw Self.diagnostic(error, path: path, action: "write")
        }
    }

    /// Runs a read off the caller's thread, with database errors described.
    package func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(value)
        } catch let error as DatabaseError {
            throw Self.diagnostic(error, path: path, action: "read")
        }
    }

    /// Copies the whole database to a new file at `destination` through SQLite's online backup
    /// API, consistent even while other connections write. The copy is written beside the
    /// destination under a temporary name and renamed into place when complete, so `destination`
    /// never exists half-written; an existing `destination` is refused, never replaced.
    public func backup(to destination: String) throws {
        let target = URL(fileURLWithPath: destination)
        if FileManager.default.fileExists(atPath: target.path) {
            throw DiagnosticError([Diagnostic(.invalidValue, .backupTargetExists, at: SourceLocation(file: destination))])
        }
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            defer { try? FileManager.default.removeItem(at: temporary) }
            let copy = try DatabaseQueue(path: temporary.path)
            try pool.backup(to: copy)
            try copy.close()
            // link(2) fails if the destination appeared meanwhile: no replacement even then.
            guard link(temporary.path, target.path) == 0 else {
                throw DiagnosticError([Diagnostic(.invalidValue, .backupNotPlaced(String(cString: strerror(errno))), at: SourceLocation(file: destination))])
            }
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw Self.diagnostic(error, path: destination, action: "write")
        }
    }
}
