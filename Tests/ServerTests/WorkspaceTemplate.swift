import Foundation
import IndexStore
import Platform
import Season

/// A workspace seeded once per test process and copied for each test that needs it: seeding
/// imports two seasons of answers, creates accounts (bcrypt) and publishes a national report in
/// two languages — tens of seconds in a debug build that every server test would otherwise
/// repeat. (`ServerFixture` and `PagesFixture` share one publication: the server fixture's
/// template is the demo's plus its own accounts.)
///
/// A copy is the template's files (methodologies, published reports, …) copied as files and its
/// database copied through SQLite's online backup API (`Store.backup(to:)`), so the copy is
/// consistent whatever the template's connections hold in their WAL.
struct WorkspaceTemplate: Sendable {
    /// The seeded template folder; never used by a test directly.
    let directory: URL
    /// The template's platform, kept open: its store makes the database copies.
    let platform: Platform

    /// Makes a template in a new temporary folder — the bundled example answers of 2018 and
    /// 2019 imported, or a copy of `base` — then `seed` run on a platform with a cheap bcrypt
    /// cost and `clock`.
    static func make(_ name: String, from base: WorkspaceTemplate? = nil, clock: @escaping @Sendable () -> Date,
                     seed: @Sendable (Platform) async throws -> Void) async throws -> WorkspaceTemplate {
        let directory: URL
        if let base {
            directory = try base.copy("template-\(name)")
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("template-\(name)-\(UUID().uuidString)", isDirectory: true)
            let season = SeasonService()
            _ = try await season.createWorkspace(at: directory.path)
            _ = try await season.importFiles(ImportRequest(
                files: ["survey-2018.csv", "survey-2019.csv"].map { Repository.path("Examples/vn-it-application/\($0)") },
                workspace: directory.path))
        }
        let platform = try Platform(workspace: directory.path, clock: clock, policy: cheapPolicy)
        try await seed(platform)
        return WorkspaceTemplate(directory: directory, platform: platform)
    }

    /// bcrypt's cheapest cost: the tests sign in hundreds of times; the cost itself is Platform's
    /// concern and tested there.
    static var cheapPolicy: PlatformPolicy {
        var policy = PlatformPolicy()
        policy.bcryptCost = 4
        return policy
    }

    /// A fresh copy of the template in a new temporary folder named after `name`.
    func copy(_ name: String) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let database = platform.workspace.store.path
        let databaseName = URL(fileURLWithPath: database).lastPathComponent
        for item in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !item.hasPrefix(databaseName) {
            try FileManager.default.copyItem(at: directory.appendingPathComponent(item), to: copy.appendingPathComponent(item))
        }
        try platform.workspace.store.backup(to: copy.appendingPathComponent(databaseName).path)
        return copy
    }
}

/// A value a seeding closure sets and its caller reads after it returned (a lock makes it
/// Sendable).
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
