import Foundation
import PortalAuditFixtures
import Testing

/// The installed tool: a binary copied alone into a folder outside the repository and run from an
/// empty working directory — the bundled methodology, registry, checklists and tile grid must be
/// all it needs.
///
/// The binary is the release build `scripts/install` made when `ICTINDEX_INSTALLED` names it
/// (`.ci/run` does), else this build's debug binary. With `CI` set, a missing
/// `ICTINDEX_INSTALLED` fails the test: CI must check what users install.
@Suite(.serialized) struct AnywhereTests {
    /// The binary to install: `ICTINDEX_INSTALLED`, else (outside CI) the debug build.
    static func binaryToInstall() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let installed = environment["ICTINDEX_INSTALLED"], !installed.isEmpty {
            let url = URL(fileURLWithPath: installed)
            guard FileManager.default.isExecutableFile(atPath: url.path) else {
                throw InstallProblem(message: "ICTINDEX_INSTALLED names \(installed), which is not an executable file")
            }
            return url
        }
        if let ci = environment["CI"], !["", "0", "false"].contains(ci.lowercased()) {
            throw InstallProblem(message: "CI is set but ICTINDEX_INSTALLED is not: .ci/run installs the release binary with scripts/install --prefix and exports its path")
        }
        return CLI.binary
    }

    struct InstallProblem: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    @Test func initImportComputeReportCrawlFromAnEmptyFolder() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-anywhere-\(UUID().uuidString)")
        let bin = home.appendingPathComponent("bin"), work = home.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        // "Build, copy one file": only the binary, nothing beside it.
        let tool = bin.appendingPathComponent("ictindex")
        try FileManager.default.copyItem(at: try Self.binaryToInstall(), to: tool)
        try FileManager.default.copyItem(at: Repository.url("Examples/vn-it-application/survey-2019.csv"), to: work.appendingPathComponent("survey-2019.csv"))
        func run(_ arguments: [String]) async throws -> CLI.Output {
            let output = try await CLI.run(arguments, executable: tool, directory: work)
            #expect(output.status == 0, "\(arguments.joined(separator: " ")): \(output.stderr)")
            return output
        }

        let listed = try await run(["methodologies", "--lang", "en"])
        #expect(listed.stdout.contains("vn-it-application-2019"))
        #expect(listed.stdout.contains("IT-application index of state agencies"))
        #expect(listed.stdout.contains("portal checklists: nd43-2011 (from 2011-06-13), nd42-2022 (from 2022-08-15)"))

        let created = try await run(["init", "--lang", "en"])
        #expect(created.stdout.hasPrefix("workspace created in .: ictindex.yaml, ictindex.sqlite"))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("methodologies/vn-it-application-2019.yaml").path))
        #expect(try await run(["import", "survey-2019.csv", "--lang", "en"]).stdout.contains("imported: 87 new"))

        // The workspace computes what the repository's files give.
        let computed = try await run(["compute", "--workspace", ".", "--format", "csv"])
        let reference = try await CLI.run(["compute", "Indicators/vn-it-application/2019.yaml", "Examples/vn-it-application/survey-2019.csv", "--format", "csv"])
        #expect(computed.stdout == reference.stdout)
        // Stateless mode with a bundled id; --as-of with the bundled registry.
        #expect(try await run(["compute", "vn-it-application-2019", "survey-2019.csv", "--format", "csv"]).stdout == reference.stdout)
        #expect(try await run(["compute", "vn-it-application-2019", "survey-2019.csv", "--block", "province", "--as-of", "2025-07-01"]).stdout.contains("Huế"))

        let report = try await run(["report", "--workspace", ".", "--out", "report", "--format", "md"])
        #expect(report.stdout.hasPrefix("report: "))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("report/figures/map-province.svg").path), "the bundled tile grid draws the map")

        // A crawl with the bundled checklists, recorded in the workspace.
        let portal = try await FixtureServer(route: FixtureServer.directory(Repository.url("Examples/portals/good-province")))
        let crawled = try await CLI.run(["crawl", portal.baseURL.absoluteString, "--unit", "ha-noi", "--period", "2019", "--as-of", "2019-12-31", "--delay", "0", "--max-pages", "60", "--lang", "en"],
                                  executable: tool, directory: work)
        await portal.stop()
        #expect(crawled.status == 0, "\(crawled.stderr)")
        #expect(crawled.stdout.contains("checklist nd43-2011"))
        #expect(crawled.stdout.contains("recorded as submission #"), "the current folder's workspace keeps the crawl")

        // A path that does not exist is named in words.
        let missing = try await CLI.run(["crawl", "http://127.0.0.1:1/", "--checklists", "no-such-folder", "--lang", "en"], executable: tool, directory: work)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no-such-folder: the file or folder does not exist"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("NSCocoaErrorDomain"))
    }
}
