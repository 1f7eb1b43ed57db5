import Foundation
import HummingbirdTesting
import Platform
import Testing
import TestProcesses
@testable import Server

/// The season in a real browser: the server runs in this process on a free loopback port with a
/// demo workspace, and `Browser/season_flow.py` drives headless Chromium through selenium — a
/// province signs in, fills the form with one invalid answer, sees the Vietnamese error, fixes
/// it, submits and sees its score; a reviewer returns it with a comment; the province resubmits;
/// the reviewer accepts; the admin computes and publishes; the public page shows the ranking.
///
/// Screenshots at 390 and 1366 px are left in `$PAGES_SHOTS` (default: a temporary folder, named
/// in the output). Needs chromium, chromium-driver and selenium (`scripts/bootstrap
/// --with-test-tools`): without them the test says so and passes outside CI, and fails in CI
/// (`CI` set), where they must be installed.
@Suite struct PagesBrowserTests {
    @Test(.timeLimit(.minutes(8)))
    func theSeasonInARealBrowser() async throws {
        let missing = await Self.missingTools()
        guard missing.isEmpty else {
            let message = "the real-browser test needs \(missing.joined(separator: ", ")) (scripts/bootstrap --with-test-tools)"
            if ProcessInfo.processInfo.environment["CI"].map({ !$0.isEmpty }) ?? false {
                Issue.record("\(message); CI must have them")
            } else {
                print("SKIPPED: \(message)")
            }
            return
        }
        let fixture = try await PagesFixture.make("browser")
        defer { fixture.remove() }
        let shots = ProcessInfo.processInfo.environment["PAGES_SHOTS"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("pages-shots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let submitter = fixture.account(.submitter, unit: "ha-noi")
        let accounts: [String: [String: String]] = [
            "submitter": ["email": submitter.account.email, "password": submitter.password, "unit": "ha-noi", "unitName": "TP. Hà Nội"],
            "reviewer": ["email": fixture.account(.reviewer).account.email, "password": fixture.account(.reviewer).password],
            "admin": ["email": fixture.account(.admin).account.email, "password": fixture.account(.admin).password],
        ]
        let accountsFile = fixture.directory.appendingPathComponent("browser-accounts.json")
        try JSONSerialization.data(withJSONObject: accounts).write(to: accountsFile)

        let app = try await makeApplication(ServerConfiguration(workspace: fixture.workspace, port: 0))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let script = PagesFixture.root.appendingPathComponent("Tests/ServerTests/Browser/season_flow.py").path
            let run = try await ChildProcess.run("python3", [script, "--base", "http://127.0.0.1:\(port)", "--shots", shots.path, "--accounts", accountsFile.path], mergeOutput: true)
            #expect(run.status == 0, "the browser flow failed (screenshots in \(shots.path)):\n\(run.stdout)")
            print(run.stdout)
        }
    }

    /// What the browser flow needs and this machine lacks.
    static func missingTools() async -> [String] {
        var missing: [String] = []
        let environment = ProcessInfo.processInfo.environment
        for (name, variable, path) in [("chromium", "CHROMIUM_BINARY", "/usr/bin/chromium"), ("chromium-driver", "CHROMEDRIVER", "/usr/bin/chromedriver")]
        where !FileManager.default.isExecutableFile(atPath: environment[variable] ?? path) {
            missing.append(name)
        }
        let selenium = try? await ChildProcess.run("python3", ["-c", "import selenium"])
        if selenium?.status != 0 { missing.append("selenium (PyPI)") }
        return missing
    }
}
