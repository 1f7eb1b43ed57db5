import Foundation
import Testing

/// Issue 11 through the binary: a path-like unit id never reaches `report`, and the stateless
/// commands resolve units through the registry.
@Suite struct HostileCLITests {
    let methodology = "Indicators/vn-it-application/2019.yaml"

    /// The 2019 example's header and its first `count` rows, with `transform` applied to the rows.
    func survey(rows count: Int = 6, _ transform: (inout [[String]]) -> Void = { _ in }) throws -> String {
        let lines = try String(contentsOf: Repository.url("Examples/vn-it-application/survey-2019.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        var rows = lines.dropFirst().prefix(count).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        transform(&rows)
        return ([lines[0]] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    func temporary() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    func listing(_ directory: URL) -> [String] {
        (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func aPathLikeUnitIDIsRejectedAndReportWritesNothing() async throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (n, id) in ["../../../../x", "<b>id</b>", String(repeating: "x", count: 300)].enumerated() {
            let file = directory.appendingPathComponent("evil-\(n).csv")
            try survey { $0[0][2] = id; $0[0][3] = "Evil" }.write(to: file, atomically: true, encoding: .utf8)
            let out = directory.appendingPathComponent("deep/er/out-\(n)")
            let before = listing(directory)
            for command in [["validate", methodology, file.path], ["report", methodology, file.path, "--out", out.path, "--format", "html,md"]] {
                let run = try await CLI.run(command + ["--lang", "en"])
                #expect(run.status == 1, "\(command[0]): \(run.stderr)")
                #expect(run.stderr.contains("evil-\(n).csv:2:"), "\(run.stderr)")
                #expect(run.stderr.contains("not a unit id") || run.stderr.contains("longer than 64") || run.stderr.contains("no unit named"), "\(run.stderr)")
            }
            #expect(listing(directory) == before, "nothing written anywhere")
        }
    }

    @Test func statelessComputeResolvesUnitsThroughTheRegistry() async throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The same ministry twice: once by id, once by its name without diacritics and no id.
        let byName = directory.appendingPathComponent("by-name.csv")
        try survey { rows in
            var copy = rows[0]
            copy[2] = ""
            copy[3] = "Bo Cong Thuong"
            rows.append(copy)
        }.write(to: byName, atomically: true, encoding: .utf8)
        let twice = try await CLI.run(["compute", methodology, byName.path, "--format", "csv", "--lang", "en"])
        #expect(twice.status == 1, "\(twice.stdout)")
        #expect(twice.stderr.contains("by-name.csv:8: unit 'bo-cong-thuong' appears twice"), "\(twice.stderr)")

        // The id in capitals beside the id in lower case.
        let upper = directory.appendingPathComponent("upper.csv")
        try survey { rows in
            var copy = rows[0]
            copy[2] = copy[2].uppercased()
            rows.append(copy)
        }.write(to: upper, atomically: true, encoding: .utf8)
        let cased = try await CLI.run(["validate", methodology, upper.path, "--lang", "en"])
        #expect(cased.status == 1)
        #expect(cased.stderr.contains("appears twice"), "\(cased.stderr)")

        // An id the registry does not know is an error, not a new unit.
        let unknown = directory.appendingPathComponent("unknown.csv")
        try survey { $0[0][2] = "bo-khong-ton-tai"; $0[0][3] = "Bộ Không Tồn Tại" }.write(to: unknown, atomically: true, encoding: .utf8)
        let new = try await CLI.run(["compute", methodology, unknown.path, "--lang", "en"])
        #expect(new.status == 1)
        #expect(new.stderr.contains("unknown.csv:2: no unit named"), "\(new.stderr)")

        // A row with the id in capitals alone resolves to the registry's id.
        let alone = directory.appendingPathComponent("alone.csv")
        try survey { $0[0][2] = $0[0][2].uppercased() }.write(to: alone, atomically: true, encoding: .utf8)
        let resolved = try await CLI.run(["compute", methodology, alone.path, "--format", "csv"])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(resolved.stdout.contains(",bo-cong-thuong,"))
        #expect(!resolved.stdout.contains("BO-CONG-THUONG"))
    }
}
