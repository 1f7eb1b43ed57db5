import Foundation
import IndexCore
import Platform
import Season
import Testing

/// `ictindex users`, `ictindex backup` and the audit trail in `ictindex history`.
@Suite struct PlatformCommandTests {
    /// A workspace with the example answers of 2019 and an open 2019 season.
    func workspace() async throws -> (URL, Platform, Principal) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("platform-cli-\(UUID().uuidString)")
        let service = SeasonService()
        _ = try await service.createWorkspace(at: directory.path)
        _ = try await service.importFiles(ImportRequest(files: [Repository.url("Examples/vn-it-application/survey-2019.csv").path], workspace: directory.path))
        var policy = PlatformPolicy()
        policy.bcryptCost = 4
        let platform = try Platform(workspace: directory.path, policy: policy)
        let admin = try await platform.addUser(email: "admin@mic.gov.vn", role: .admin)
        let principal = Principal(userID: admin.account.id, email: admin.account.email, role: .admin, unit: nil)
        _ = try await platform.openSeason(period: 2019, methodology: "vn-it-application-2019", deadline: Date().addingTimeInterval(86400), by: principal)
        return (directory, platform, principal)
    }

    @Test func usersAddListDisable() async throws {
        let (directory, platform, _) = try await workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let added = try await CLI.run(["users", "add", "--workspace", directory.path, "--email", "cntt@hanoi.gov.vn", "--role", "submitter", "--unit", "ha-noi", "--lang", "en"])
        #expect(added.status == 0, "\(added.stderr)")
        let password = try #require(added.stdout.components(separatedBy: "initial password (shown once): ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(password.count == 16)
        #expect(try await platform.signIn(email: "cntt@hanoi.gov.vn", password: password).principal.unit == "ha-noi")

        let unknown = try await CLI.run(["users", "add", "--workspace", directory.path, "--email", "x@atlantis.vn", "--role", "submitter", "--unit", "atlantis"])
        #expect(unknown.status == 1 && unknown.stderr.contains("'atlantis' is not in the workspace's registry"))
        let badRole = try await CLI.run(["users", "add", "--workspace", directory.path, "--email", "x@y.vn", "--role", "root"])
        #expect(badRole.status == 2 && badRole.stderr.contains("'root' is invalid for '--role"))

        let list = try await CLI.run(["users", "list", "--workspace", directory.path, "--lang", "en"])
        #expect(list.stdout == "admin@mic.gov.vn  admin  -  active\ncntt@hanoi.gov.vn  submitter  ha-noi  active\n")
        // Vietnamese by default: the output lines come from the catalog too.
        let listVi = try await CLI.run(["users", "list", "--workspace", directory.path], environment: ["ICTINDEX_LANG": ""])
        #expect(listVi.stdout == "admin@mic.gov.vn  admin  -  đang dùng\ncntt@hanoi.gov.vn  submitter  ha-noi  đang dùng\n")
        let disabled = try await CLI.run(["users", "disable", "--workspace", directory.path, "--email", "cntt@hanoi.gov.vn"])
        #expect(disabled.status == 0)
        await #expect(throws: PlatformError.unauthenticated) { _ = try await platform.signIn(email: "cntt@hanoi.gov.vn", password: password) }

        // `history` lists the unit's audit trail after its submissions.
        let hanoi = try await platform.addUser(email: "b@hanoi.gov.vn", role: .submitter, unit: "ha-noi")
        let submitter = Principal(userID: hanoi.account.id, email: hanoi.account.email, role: .submitter, unit: "ha-noi")
        _ = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: ["staff_total": "12"], expectedVersion: 0, by: submitter)
        let history = try await CLI.run(["history", "--workspace", directory.path, "--unit", "ha-noi", "--lang", "en"])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("Audit trail of the web platform\n"))
        #expect(history.stdout.contains("2019  draft.save  b@hanoi.gov.vn  {\"answers\":{\"staff_total\":\"12\"},\"notes\":{}}"))
    }

    /// The backup command in its own process while this one keeps writing: the copy is whole and
    /// consistent, and a second backup to the same file is refused.
    @Test func backupWhileAnotherProcessWrites() async throws {
        let (directory, platform, _) = try await workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let created = try await platform.addUser(email: "b@hanoi.gov.vn", role: .submitter, unit: "ha-noi")
        let submitter = Principal(userID: created.account.id, email: created.account.email, role: .submitter, unit: "ha-noi")
        // One save first, so that the copy has at least one whatever the timing.
        let first = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: ["staff_total": "1"], expectedVersion: 0, by: submitter)
        let writing = Task {
            var version = first.draft.version
            for count in 2...200 {
                version = try await platform.saveDraft(unit: "ha-noi", period: 2019, answers: ["staff_total": String(count)], expectedVersion: version, by: submitter).draft.version
            }
        }
        let destination = directory.appendingPathComponent("backup.sqlite").path
        let backup = try await CLI.run(["backup", "--workspace", directory.path, "--out", destination])
        try await writing.value
        #expect(backup.status == 0, "\(backup.stderr)")
        let copy = try await Platform(workspace: directory.path).auditTrail(unit: nil) // the live workspace still opens
        #expect(copy.filter { $0.action == "draft.save" }.count == 200)
        let again = try await CLI.run(["backup", "--workspace", directory.path, "--out", destination], environment: ["ICTINDEX_LANG": "en"])
        #expect(again.status == 1 && again.stderr.contains("exists already"))
        // The copy is a workspace database: its draft version matches its own audit rows.
        let folder = directory.appendingPathComponent("restored")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: destination, toPath: folder.appendingPathComponent("ictindex.sqlite").path)
        try "database: ictindex.sqlite\nmethodologies:\n  - ../methodologies/vn-it-application-2019.yaml\nregistry: ../units\n".write(to: folder.appendingPathComponent("ictindex.yaml"), atomically: true, encoding: .utf8)
        let restored = try Platform(workspace: folder.path)
        let saves = try await restored.auditTrail(unit: "ha-noi").filter { $0.action == "draft.save" }.count
        let admin = Principal(userID: 1, email: "admin@mic.gov.vn", role: .admin, unit: nil)
        let version = try await restored.draft(unit: "ha-noi", period: 2019, by: admin).version
        #expect(saves == version && version > 0)
        #expect(try restored.workspace.store.count("submission") == 87)
    }
}
