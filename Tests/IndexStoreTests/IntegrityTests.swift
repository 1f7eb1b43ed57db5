import Foundation
import IndexCore
import IndexStore
import Intake
import Testing
import TestProcesses
#if canImport(Glibc)
import Glibc
#endif

/// A workspace database that is missing, empty, damaged or read-only: never silently
/// re-created, named in every message, readable where it only needs reading.
@Suite struct IntegrityTests {
    func makeStore(_ directory: TemporaryDirectory) throws -> Store {
        let store = try Store(path: directory.url.appendingPathComponent("ictindex.sqlite").path)
        try store.replaceRegistry(try Repository.registry())
        return store
    }

    func submissions(_ year: Int, file: String = "survey.csv", sha: String = "f") throws -> [Submission] {
        try Repository.examples(year).map { Submission(answers: $0, period: year, fileName: file, fileSHA256: sha, methodologyHash: nil) }
    }

    func message(_ body: () throws -> Void) -> Diagnostic? {
        do {
            try body()
            return nil
        } catch let error as DiagnosticError {
            return error.diagnostics.first
        } catch {
            Issue.record("not a diagnostic: \(error)")
            return nil
        }
    }

    @Test func anEmptyDatabaseIsNamedAndNeverRecreated() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.url.appendingPathComponent("ictindex.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        for access in [Store.Access.readWrite, .readOnly] {
            let problem = try #require(message { _ = try Store(path: path, access: access) })
            #expect(problem.location?.file == path)
            #expect(problem.message.contains("is empty (0 bytes)"))
            #expect(problem.message.contains("never re-created silently"))
        }
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0, "the empty file is left as it was")
    }

    @Test func aDamagedOrMissingDatabaseIsNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.url.appendingPathComponent("ictindex.sqlite").path
        try Data("this is not a database, it is a note\n".utf8).write(to: URL(fileURLWithPath: path))
        let garbage = try #require(message { _ = try Store(path: path, access: .readWrite) })
        #expect(garbage.message.contains("is not an SQLite database"))
        #expect(garbage.location?.file == path)

        // A real database whose pages are overwritten in the middle: SQLite's own check.
        let damaged = directory.url.appendingPathComponent("damaged.sqlite").path
        do {
            let store = try Store(path: damaged)
            try store.replaceRegistry(try Repository.registry())
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: damaged))
        for i in 100..<bytes.count where i % 7 != 0 { bytes[i] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: damaged))
        for wal in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: damaged + wal) }
        let corrupt = message {
            let store = try Store(path: damaged, access: .readWrite)
            _ = try store.registry()
        }
        let problem = try #require(corrupt)
        #expect(problem.location?.file == damaged)
        #expect(problem.message.contains("damaged") || problem.message.contains("not an SQLite database"), "\(problem.message)")
        #expect(!problem.message.contains("SQLite error 11"), "no raw SQLite text: \(problem.message)")

        let missing = try #require(message { _ = try Store(path: directory.url.appendingPathComponent("gone.sqlite").path, access: .readWrite) })
        #expect(missing.message.contains("is missing"))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("gone.sqlite").path), "not created")
    }

    @Test func aWorkspaceWithoutItsDatabaseIsNotRecreated() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let workspace = directory.url.appendingPathComponent("season")
        _ = try Workspace.create(at: workspace, methodologies: [Repository.url("Indicators/vn-it-application/2019.yaml")], registry: Repository.url("Indicators/units"))
        let database = workspace.appendingPathComponent("ictindex.sqlite")
        try FileManager.default.removeItem(at: database)
        for access in [Workspace.Access.readWrite, .automatic, .readOnly] {
            let problem = try #require(message { _ = try Workspace.open(workspace, access: access) })
            #expect(problem.message.contains("the workspace database is missing"))
        }
        #expect(!FileManager.default.fileExists(atPath: database.path))
    }

    @Test func aReadOnlyStoreReadsAndRefusesWritesInWords() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path: String
        do {
            let store = try makeStore(directory)
            _ = try store.importSubmissions(try submissions(2019))
            path = store.path
        }
        let readOnly = try Store(path: path, access: .readOnly)
        #expect(readOnly.isReadOnly)
        #expect(try readOnly.periods() == [2019])
        #expect(try readOnly.answers(period: 2019).count == 87)
        #expect(try readOnly.history(unitID: "ha-noi").count == 1)
        #expect(try readOnly.registry().units.count == (try Repository.registry()).units.count)
        var corrected = try submissions(2019, file: "fix.csv", sha: "h").filter { $0.answers.unitID == "ha-noi" }
        corrected[0].answers.values["staff_trained"] = 100
        let refused = try #require(message { _ = try readOnly.importSubmissions(corrected) })
        #expect(refused.message.hasPrefix("the workspace is read-only"))
        #expect(refused.location?.file == path)
        #expect(try readOnly.answers(period: 2019).first { $0.unitID == "ha-noi" }?.values["staff_trained"] != 100)
        // A dry run only reads: it works on a read-only store.
        #expect(try readOnly.importSubmissions(corrected, dryRun: true).entries.map(\.action) == [.supersede])
    }

    /// Runs a program and awaits its end; its exit status (-1 when it cannot be started).
    static func run(_ program: String, _ arguments: [String]) async -> Int32 {
        (try? await ChildProcess.run(URL(fileURLWithPath: program), arguments, timeout: 60))?.status ?? -1
    }

    /// A workspace on a read-only disk: a tmpfs remounted read-only when the tests run as root
    /// (file permissions do not stop root), else a folder without write permission.
    @Test func aWorkspaceOnAReadOnlyDiskComputesAndRefusesImports() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let mountPoint = directory.url.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let asRoot = getuid() == 0
        if asRoot {
            guard await Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", mountPoint.path]) == 0 else {
                withKnownIssue("cannot mount a tmpfs here to make a read-only disk") { Issue.record("no read-only disk") }
                return
            }
        }
        // The checks, then the unmount whatever they threw (a `defer` cannot await it).
        var failure: (any Error)?
        do { try await readOnlyDiskChecks(mountPoint.appendingPathComponent("season"), asRoot: asRoot, mountPoint: mountPoint) } catch { failure = error }
        if asRoot { _ = await Self.run("/bin/umount", [mountPoint.path]) }
        if let failure { throw failure }
    }

    /// A workspace made in `folder`, then the disk made read-only (remounted, or the folder's
    /// permissions): it opens read-only, computes, and refuses to open for writing.
    func readOnlyDiskChecks(_ folder: URL, asRoot: Bool, mountPoint: URL) async throws {
        do {
            let workspace = try Workspace.create(at: folder, methodologies: [Repository.url("Indicators/vn-it-application/2019.yaml")], registry: Repository.url("Indicators/units"))
            _ = try workspace.store.importSubmissions(try submissions(2019))
        }
        if asRoot {
            #expect(await Self.run("/bin/mount", ["-o", "remount,ro", mountPoint.path]) == 0)
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        }
        defer { if !asRoot { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) } }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ictindex.sqlite-shm").path), "no shared-memory file to lean on")

        let opened = try Workspace.open(folder, access: .automatic)
        #expect(opened.isReadOnly)
        #expect(try opened.store.answers(period: 2019).count == 87)
        #expect(try opened.store.history(unitID: "ha-noi").count == 1)
        let refused = try #require(message { _ = try Workspace.open(folder, access: .readWrite) })
        #expect(refused.text == Store.readOnlyMessage)
        #expect(refused.location?.file.hasSuffix("season/ictindex.sqlite") == true)
    }

    /// `answers(period:)` gives the active submission only: a correction that *removes* an
    /// answer leaves that field unanswered (a query that also read superseded submissions would
    /// bring the old answer back).
    @Test func aCorrectionThatRemovesAnAnswerRemovesIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let store = try makeStore(directory)
        _ = try store.importSubmissions(try submissions(2019))
        let before = try #require(try store.answers(period: 2019).first { $0.unitID == "ha-noi" })
        let removed = "staff_trained"
        #expect(before.values[removed] != nil)
        var corrected = try submissions(2019, file: "fix.csv", sha: "h").filter { $0.answers.unitID == "ha-noi" }
        corrected[0].answers.values[removed] = nil
        corrected[0].answers.sources[removed] = nil
        #expect(try store.importSubmissions(corrected).entries.map(\.action) == [.supersede])
        let after = try #require(try store.answers(period: 2019).first { $0.unitID == "ha-noi" })
        #expect(after.values[removed] == nil, "the removed answer must not come back from the superseded submission")
        #expect(after.values.count == before.values.count - 1)
        #expect(after.sources[removed] == nil)
        var otherFields = before.values
        otherFields[removed] = nil
        #expect(after.values == otherFields)
        #expect(try store.answers(period: 2019).filter { $0.unitID == "ha-noi" }.count == 1, "one unit, not one per submission")
    }
}
