import Foundation
import Testing
import TestProcesses

/// README's tour runs as written: every command of its shell blocks, in order, in a temporary
/// folder that links the repository's `Indicators/`, `Examples/` and `Reports/` (so the relative
/// paths of the tour work and everything it writes stays in the folder), with `swift run ictindex`
/// replaced by the built binary. Skipped, and said so in README: the portal crawler's block
/// (`ictindex-fixtures &` starts a server, `crawl` fetches from it).
@Suite struct ReadmeTourTests {
    /// The shell blocks of README's "A tour" section, in order.
    static func tourBlocks() throws -> [String] {
        let readme = try String(contentsOf: Repository.url("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "\n## A tour\n") else { return [] }
        let section = readme[start.upperBound...].prefix { _ in true }
        let end = section.range(of: "\n## ").map { $0.lowerBound } ?? section.endIndex
        var blocks: [String] = [], current: [Substring]? = nil
        for line in section[..<end].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if let lines = current { blocks.append(lines.joined(separator: "\n")); current = nil } else if line == "```sh" { current = [] }
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }

    /// Lines that cannot run in a test: they start a server or need it.
    static func isSkipped(_ command: String) -> Bool {
        command.contains("ictindex-fixtures") || command.contains(" crawl ")
    }

    @Test func theTourHasItsCommands() throws {
        let commands = try Self.tourBlocks().joined(separator: "\n")
        #expect(commands.contains("ictindex form"))
        #expect(commands.contains("--dry-run"))
        #expect(commands.contains("ictindex report"))
    }

    @Test func theTourRunsAsWritten() async throws {
        let directory = try temporaryDirectory("tour")
        defer { try? FileManager.default.removeItem(at: directory) }
        for folder in ["Indicators", "Examples", "Reports"] {
            try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent(folder), withDestinationURL: Repository.url(folder))
        }
        var script = "set -euo pipefail\nictindex() { \"\(CLI.binary.path)\" \"$@\"; }\n"
        var ran = 0
        for block in try Self.tourBlocks() {
            // Join continued lines, then run each command, echoing it first so a failure names it.
            let commands = block.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n").map(String.init)
            for command in commands where !command.trimmingCharacters(in: .whitespaces).isEmpty && !command.hasPrefix("#") && !Self.isSkipped(command) {
                let line = command.replacingOccurrences(of: "swift run ictindex", with: "ictindex")
                script += "echo \(shellQuote("$ " + line))\n\(line)\n"
                ran += 1
            }
        }
        #expect(ran >= 15, "only \(ran) commands found in README's tour")
        let scriptURL = directory.appendingPathComponent("tour.sh")
        try Data(script.utf8).write(to: scriptURL)
        let tour = try await ChildProcess.run(URL(fileURLWithPath: "/bin/bash"), [scriptURL.path], directory: directory, mergeOutput: true)
        let log = tour.stdout
        #expect(tour.status == 0 && !tour.timedOut, "README's tour stopped:\n\(log.suffix(3000))")
        for file in ["ha-noi.xlsx", "season", "results-2019.xlsx", "out/report/index.html"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "the tour did not write \(file)")
        }
        #expect(log.contains("chạy thử:"), "the dry run printed nothing (in Vietnamese, the default)")
    }
}

/// The text as one single-quoted shell word.
func shellQuote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// `ictindex form --answers/--deadline`, which the tour uses to make a filled form.
@Suite struct FormCommandTests {
    static let methodology = "Indicators/vn-it-application/2019.yaml"

    @Test func answersFillTheFormAndAreReadBack() async throws {
        let directory = try temporaryDirectory("form")
        defer { try? FileManager.default.removeItem(at: directory) }
        let form = directory.appendingPathComponent("hue.xlsx").path
        let made = try await CLI.run(["form", Self.methodology, "--block", "province", "--unit", "thua-thien-hue", "--period", "2019",
                                "--answers", "Examples/vn-it-application/survey-2019.csv", "--deadline", "2020-01-15", "--out", form])
        #expect(made.status == 0, "\(made.stderr)")
        // The form computes exactly like the CSV row it was filled from (name included).
        let csv = try String(contentsOf: Repository.url("Examples/vn-it-application/survey-2019.csv"), encoding: .utf8).split(separator: "\n")
        let row = directory.appendingPathComponent("hue.csv")
        try Data((csv[0] + "\n" + csv.first { $0.contains(",thua-thien-hue,") }! + "\n").utf8).write(to: row)
        let fromForm = try await CLI.run(["compute", Self.methodology, form, "--format", "json"])
        let fromCSV = try await CLI.run(["compute", Self.methodology, row.path, "--format", "json"])
        #expect(fromForm.status == 0, "\(fromForm.stderr)")
        #expect(fromForm.stdout == fromCSV.stdout)
    }

    @Test func answersNeedAUnitThatIsInTheFile() async throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString).xlsx").path
        let noUnit = try await CLI.run(["form", Self.methodology, "--block", "province", "--answers", "Examples/vn-it-application/survey-2019.csv", "--out", out, "--lang", "en"])
        #expect(noUnit.status == 2)
        #expect(noUnit.stderr.contains("--answers needs --unit"))
        let absent = try await CLI.run(["form", Self.methodology, "--block", "province", "--unit", "nowhere", "--period", "2019",
                                  "--answers", "Examples/vn-it-application/survey-2019.csv", "--out", out, "--lang", "en"])
        #expect(absent.status == 1)
        #expect(absent.stderr.contains("no answers of unit 'nowhere' for 2019"))
        let badDay = try await CLI.run(["form", Self.methodology, "--block", "province", "--deadline", "15/01/2020", "--out", out, "--lang", "en"])
        #expect(badDay.status == 2)
        #expect(badDay.stderr.contains("--deadline must be a date YYYY-MM-DD"))
        #expect(!FileManager.default.fileExists(atPath: out), "nothing is written on an error")
    }
}
