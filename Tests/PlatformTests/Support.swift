import Foundation
import IndexCore
import IndexStore
@testable import Platform
import Season

/// Paths inside the repository, found from this file so tests run from any directory.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// A clock the test sets and moves.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_780_000_000)) { current = start } // 2026-05-28

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// A workspace with the example answers of 2018 and 2019, a platform on it with a fixed clock
/// and a cheap bcrypt cost, and an admin.
struct Fixture {
    let directory: URL
    let platform: Platform
    let clock: TestClock
    let admin: Principal
    let service = SeasonService()

    /// A workspace with the example answers and an admin, the 2019 season open.
    static func make() async throws -> Fixture {
        let (directory, platform, clock) = try await workspace()
        let admin = Platform.principal(try await platform.addUser(email: "admin@example.vn", role: .admin).account)
        _ = try await platform.openSeason(period: 2019, methodology: "vn-it-application-2019", deadline: clock.now.addingTimeInterval(10 * 86400), by: admin)
        return Fixture(directory: directory, platform: platform, clock: clock, admin: admin)
    }

    /// A new workspace with the example answers of 2018 and 2019 (no accounts, no seasons), and a
    /// platform on it with a test clock and a cheap bcrypt cost.
    static func workspace() async throws -> (URL, Platform, TestClock) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("platform-\(UUID().uuidString)")
        let service = SeasonService()
        _ = try await service.createWorkspace(at: directory.path)
        _ = try await service.importFiles(ImportRequest(files: [Repository.path("Examples/vn-it-application/survey-2018.csv"),
                                                                Repository.path("Examples/vn-it-application/survey-2019.csv")],
                                                        workspace: directory.path))
        let clock = TestClock()
        var policy = PlatformPolicy()
        policy.bcryptCost = 4
        return (directory, try Platform(workspace: directory.path, clock: { clock.now }, policy: policy), clock)
    }

    /// Creates an account and signs it in.
    func signedIn(_ email: String, _ role: Role, unit: String? = nil) async throws -> Principal {
        let created = try await platform.addUser(email: email, role: role, unit: unit)
        guard case .password(let password) = created.credential else { fatalError("expected a password") }
        return try await platform.signIn(email: email, password: password).principal
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// A unit's answers of an example file, as typed (field id → cell text).
func exampleAnswers(_ year: Int, unit: String) throws -> [String: String] {
    let text = try String(contentsOfFile: Repository.path("Examples/vn-it-application/survey-\(year).csv"), encoding: .utf8)
    let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = lines[0]
    guard let row = lines.first(where: { $0.count > 2 && $0[2] == unit }) else { fatalError("no \(unit) in \(year)") }
    var answers: [String: String] = [:]
    for (column, value) in zip(header, row) where !["period", "block", "id", "name"].contains(column) && !value.isEmpty {
        answers[column] = value
    }
    return answers
}

/// Every file under `folder` with its bytes, by relative path.
func filesByPath(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let base = folder.standardizedFileURL.path
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
    for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
        files[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
    }
    return files
}
