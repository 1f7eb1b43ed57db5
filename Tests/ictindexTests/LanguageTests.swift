import Foundation
import Testing

/// One language, chosen once: `--lang` on every command, else `ICTINDEX_LANG`, else Vietnamese —
/// for output and for every error message. Every command's help ends with worked examples.
@Suite struct LanguageTests {
    static let commands = ["compute", "explain", "validate", "methodologies", "init", "import", "history", "export", "form", "report", "assess", "check", "audit", "uncertainty", "crawl"]
    let methodology = "Indicators/vn-it-application/2019.yaml"

    @Test(arguments: commands)
    func everyCommandTakesLangAndShowsExamples(_ command: String) async throws {
        let help = try await CLI.run([command, "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--lang <vi|en>"), "\(command) takes --lang")
        let examples = try #require(help.stdout.range(of: "Examples:"), "\(command) --help ends with examples")
        let after = help.stdout[examples.upperBound...]
        #expect(after.contains("ictindex \(command)"), "the examples run \(command)")
    }

    @Test func topLevelHelpListsEveryExitCode() async throws {
        let help = try await CLI.run(["--help"])
        // Help wraps its lines: compare the words.
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("2 usage error, 3 a threshold failed"), "\(help.stdout)")
        #expect(help.stdout.contains("ICTINDEX_LANG"))
    }

    @Test func errorsAreVietnameseByDefaultAndEnglishOnRequest() async throws {
        let data = "Tests/ictindexTests/Fixtures/missing-file.csv"
        let vi = try await CLI.run(["validate", methodology, data], environment: ["ICTINDEX_LANG": ""])
        #expect(vi.status == 1)
        #expect(vi.stderr.contains("1 lỗi:"), "\(vi.stderr)")
        #expect(vi.stderr.contains("\(data): không đọc được tệp: tệp hoặc thư mục không tồn tại"), "\(vi.stderr)")
        let en = try await CLI.run(["validate", methodology, data, "--lang", "en"])
        #expect(en.stderr.contains("1 problem:"), "\(en.stderr)")
        #expect(en.stderr.contains("the file or folder does not exist"), "\(en.stderr)")
        let environment = try await CLI.run(["validate", methodology, data], environment: ["ICTINDEX_LANG": "en"])
        #expect(environment.stderr == en.stderr, "ICTINDEX_LANG=en is --lang en")
        let option = try await CLI.run(["validate", methodology, data, "--lang", "vi"], environment: ["ICTINDEX_LANG": "en"])
        #expect(option.stderr == vi.stderr, "--lang wins over the environment")
    }

    @Test func anUnknownEnvironmentLanguageIsAUsageError() async throws {
        let output = try await CLI.run(["methodologies"], environment: ["ICTINDEX_LANG": "english"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("ICTINDEX_LANG"))
        #expect(output.stderr.contains("'english'"))
    }

    @Test func usageErrorsFollowTheLanguage() async throws {
        let data = ["Examples/vn-it-application/survey-2018.csv", "Examples/vn-it-application/survey-2019.csv"]
        let vi = try await CLI.run(["compute", methodology] + data)
        #expect(vi.status == 2)
        #expect(vi.stderr == "error: số liệu có nhiều kỳ (2018, 2019); hãy chọn một kỳ bằng --period\n")
        let en = try await CLI.run(["compute", methodology] + data + ["--lang", "en"])
        #expect(en.stderr == "error: the data hold several periods (2018, 2019); choose one with --period\n")
    }

    @Test func outputLinesFollowTheLanguage() async throws {
        let vi = try await CLI.run(["validate", methodology, "Examples/vn-it-application/survey-2019.csv"])
        #expect(vi.status == 0, "\(vi.stderr)")
        #expect(vi.stdout.contains("\(methodology): hợp lệ — 3 khối"), "\(vi.stdout)")
        #expect(vi.stdout.contains("số liệu: hợp lệ — 87 đơn vị"), "\(vi.stdout)")
        let en = try await CLI.run(["validate", methodology, "Examples/vn-it-application/survey-2019.csv", "--lang", "en"])
        #expect(en.stdout.contains("\(methodology): ok — 3 blocks"), "\(en.stdout)")
    }
}
