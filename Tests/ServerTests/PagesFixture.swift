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
    static var root: URL { Repository.root }

    /// A copy of the demo workspace (seeded once per test process); `name` tells the folders of
    /// parallel tests apart.
    static func make(_ name: String) async throws -> PagesFixture {
        let seeded = try await demo.value
        return PagesFixture(directory: try seeded.template.copy("pages-\(name)"), seed: seeded.seed)
    }

    /// The demo seeding on the bundled examples, once per test process.
    static let demo = Task { () async throws -> (template: WorkspaceTemplate, seed: DemoSeed) in
        let seed = Locked<DemoSeed?>(nil)
        let template = try await WorkspaceTemplate.make("pages", clock: Date.init) { platform in seed.value = try await platform.seedDemo() }
        guard let seed = seed.value else { throw CancellationError() }
        return (template, seed)
    }

    /// The demo account of a role (a submitter: of `unit`).
    func account(_ role: Role, unit: String? = nil) -> DemoCredential {
        seed.credentials.first { $0.account.role == role && (unit == nil || $0.account.unit == unit) }!
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
