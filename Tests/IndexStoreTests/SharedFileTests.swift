import Foundation
import IndexCore
@testable import IndexStore
import Testing
import TestProcesses

/// One database file used by this process and by another one at the same time, as when
/// `ictindex serve` runs and someone runs `ictindex backup`, `ictindex users add` or the
/// `sqlite3` shell on its workspace: what one commits, the other must see — and the other's
/// closing must never remove the WAL this process is still writing to.
@Suite struct SharedFileTests {
    /// Counts the methodology rows from another process (Python's `sqlite3`: an independent
    /// SQLite connection that, when it closes, deletes the WAL if it believes it is the last).
    static func countFromAnotherProcess(_ path: String) async throws -> Int? {
        let script = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nprint(c.execute('SELECT COUNT(*) FROM methodology').fetchone()[0])\nc.close()"
        let result = try await ChildProcess.run("python3", ["-c", script, path], timeout: 60)
        guard result.status == 0 else {
            Issue.record("python3 failed: \(result.stderr)")
            return nil
        }
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func openingTheFileAgainKeepsThisProcessLocksSoAnotherProcessSeesEveryCommit() async throws {
        guard ChildProcess.isInstalled("python3") else {
            Issue.record("python3 is needed to open the database from another process")
            return
        }
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        let path = folder.url.appendingPathComponent("ictindex.sqlite").path
        let methodology = try Repository.methodology()
        let store = try Store(path: path)
        try store.storeMethodology(methodology, content: "first")
        #expect(OpenDatabaseFiles.holderCount(path) == 1)

        // The server opens the workspace again (to compute, to publish) and closes it.
        do {
            let again = try Store(path: path, access: .readWrite)
            #expect(OpenDatabaseFiles.holderCount(path) == 2)
            _ = try again.registry()
        }
        #expect(OpenDatabaseFiles.holderCount(path) == 1)

        // Another process reads and closes: this process still holds the database, so the WAL stays.
        #expect(try await Self.countFromAnotherProcess(path) == 1)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "the other process removed the WAL this one writes to")

        // What this process commits afterwards, the other process sees.
        try store.storeMethodology(methodology, content: "second")
        #expect(try await Self.countFromAnotherProcess(path) == 2)
    }

    @Test func theHeaderIsStillCheckedWhenNoStoreHoldsTheFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        let path = folder.url.appendingPathComponent("not-a-database.sqlite").path
        try Data("this is not SQLite, but it is long enough".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: DiagnosticError.self) { _ = try Store(path: path, access: .readWrite) }
        #expect(OpenDatabaseFiles.holderCount(path) == 0)
    }
}
