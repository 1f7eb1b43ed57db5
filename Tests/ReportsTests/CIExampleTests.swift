import Foundation
import Testing
import TestProcesses

/// `Examples/ci/rebuild-report.sh` on the bundled data, as the CI examples run it: it passes and
/// builds the site (a root page linking both languages), and on a broken threshold or invalid
/// data it still writes the summary — and publishes no report.
@Suite struct CIExampleTests {
    struct Outcome {
        var status: Int32
        var site: URL
        var summary: String
    }

    static func rebuild(_ environment: [String: String]) async throws -> Outcome {
        let directory = try temporaryDirectory("ci")
        let site = directory.appendingPathComponent("public")
        let run = try await ChildProcess.run(URL(fileURLWithPath: "/bin/bash"), [Repository.url("Examples/ci/rebuild-report.sh").path],
                                             environment: ["ICTINDEX": CLI.binary.path, "OUT": site.path].merging(environment) { $1 },
                                             directory: Repository.root, mergeOutput: true)
        let summary = (try? String(contentsOf: site.appendingPathComponent("summary.md"), encoding: .utf8)) ?? ""
        return Outcome(status: run.status, site: site, summary: summary)
    }

    @Test func passesOnTheBundledData() async throws {
        let outcome = try await Self.rebuild([:])
        defer { try? FileManager.default.removeItem(at: outcome.site.deletingLastPathComponent()) }
        #expect(outcome.status == 0, "\(outcome.summary)")
        #expect(outcome.summary.contains("passed"))
        #expect(outcome.summary.contains("\"status\":\"pass\""))
        let root = try String(contentsOf: outcome.site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(root.contains("href=\"vi/index.html\"") && root.contains("href=\"en/index.html\""))
        for page in ["vi/index.html", "en/index.html", "vi/report.xlsx", "en/units/ha-noi.html"] {
            #expect(FileManager.default.fileExists(atPath: outcome.site.appendingPathComponent(page).path), "\(page) missing")
        }
    }

    @Test func aFailedThresholdStillWritesTheSummary() async throws {
        let outcome = try await Self.rebuild(["MAX_MEAN_DROP": "-0.2"])
        defer { try? FileManager.default.removeItem(at: outcome.site.deletingLastPathComponent()) }
        #expect(outcome.status == 3)
        #expect(outcome.summary.contains("a threshold failed"))
        #expect(outcome.summary.contains("\"check\":\"mean_drop\""))
        #expect(!FileManager.default.fileExists(atPath: outcome.site.appendingPathComponent("vi").path), "a report was published")
        #expect(FileManager.default.fileExists(atPath: outcome.site.appendingPathComponent("index.html").path))
    }

    @Test func invalidDataStillWriteTheSummary() async throws {
        let outcome = try await Self.rebuild(["DATA": "Tests/ReportsTests/Support.swift"])
        defer { try? FileManager.default.removeItem(at: outcome.site.deletingLastPathComponent()) }
        #expect(outcome.status == 1)
        #expect(outcome.summary.contains("invalid data"))
        #expect(outcome.summary.contains("Support.swift"), "the problems are not in the summary: \(outcome.summary)")
        #expect(!FileManager.default.fileExists(atPath: outcome.site.appendingPathComponent("vi").path))
    }

    /// Requiring every unit is a real season's setting; the bundled data lack four units in 2019,
    /// which is why the example leaves it off — and the check says which units.
    @Test func requiringEveryUnitNamesTheMissingOnes() async throws {
        let outcome = try await Self.rebuild(["REQUIRE_ALL_UNITS": "1"])
        defer { try? FileManager.default.removeItem(at: outcome.site.deletingLastPathComponent()) }
        #expect(outcome.status == 3)
        #expect(outcome.summary.contains("\"check\":\"all_units\""))
    }
}
