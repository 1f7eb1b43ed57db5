import Foundation
import IndexCore
import Platform
import Season

/// A temporary workspace with the bundled example answers (2018 and 2019) and the demo seeding:
/// 2018 published, the 2019 season open, an admin, a reviewer and one submitter per unit.
struct PagesFixture {
    let directory: URL
    let seed: DemoSeed

    var workspace: String { directory.path }

    /// The repository's root (for the example answers and the browser script).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

    /// Makes the workspace; `name` tells the folders of parallel tests apart.
    static func make(_ name: String) async throws -> PagesFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pages-\(name)-\(UUID().uuidString)", isDirectory: true)
        let season = SeasonService()
        _ = try await season.createWorkspace(at: directory.path)
        let examples = ["survey-2018.csv", "survey-2019.csv"].map { root.appendingPathComponent("Examples/vn-it-application/\($0)").path }
        _ = try await season.importFiles(ImportRequest(files: examples, workspace: directory.path))
        // A cheap bcrypt cost for the admin and the reviewer (the demo's submitters get cost 8).
        var policy = PlatformPolicy()
        policy.bcryptCost = 4
        let seed = try await Platform(workspace: directory.path, policy: policy).seedDemo()
        return PagesFixture(directory: directory, seed: seed)
    }

    /// The demo account of a role (a submitter: of `unit`).
    func account(_ role: Role, unit: String? = nil) -> DemoCredential {
        seed.credentials.first { $0.account.role == role && (unit == nil || $0.account.unit == unit) }!
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
