import ArgumentParser
import Foundation
import IndexCore
import Season

/// `ictindex check`: validate, compute and apply thresholds, for CI.
struct Check: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "For CI: validate and compute every period, then apply thresholds; print a one-line JSON summary.",
        discussion: """
        Exit codes: 0 every check passed, 1 invalid input (the problems are listed), 2 usage \
        error, 3 a threshold failed. The summary (stdout, one line of JSON): {"status": "pass" \
        or "fail", "period", "previous_period", "units", "blocks": [{"id", "count", "mean", \
        "previous_mean", "change"}], "failures": [{"check", "message"}]}. See docs/reports.md.

        Examples:
          ictindex check vn-it-application-2019 Examples/vn-it-application/survey-2018.csv Examples/vn-it-application/survey-2019.csv --max-mean-drop 0.05
          ictindex check --workspace ws --require-complete --min-index "Ha Noi=0.6" --summary summary.json
        """
    )

    @OptionGroup var languageOption: LanguageOption

    @OptionGroup var input: SeasonOptions

    @Flag(help: "Fail when a unit leaves a question of its block unanswered.")
    var requireComplete = false

    @Flag(help: "Fail when a unit of the registry valid in the main year has no answers (blocks with data only).")
    var requireAllUnits = false

    @Option(help: "Fail when a block mean falls by more than this from the previous period (e.g. 0.05).")
    var maxMeanDrop: Double?

    @Option(help: "Fail when a unit's index is below a value: UNIT=VALUE, the unit by id or name (repeatable).")
    var minIndex: [String] = []

    @Option(help: "The unit registry without a workspace: resolves the data's units and serves --require-all-units (default: the bundled one).")
    var registry: String?

    @Option(help: "Also write the summary to this file.")
    var summary: String?

    func run() async throws {
        let thresholds = try minIndex.map { rule -> (unit: String, value: Double) in
            let parts = rule.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let threshold = Double(parts[1]) else { throw SeasonError.usage(.minIndexSyntax(rule)) }
            return (parts[0], threshold)
        }
        let request = CheckRequest(inputs: try input.request(registry: registry), requireComplete: requireComplete, requireAllUnits: requireAllUnits, maxMeanDrop: maxMeanDrop, minIndex: thresholds, registry: registry)
        let outcome = try await season.check(request)
        let text = outcome.summary.rendered(indent: 0)
        print(text)
        if let path = summary { try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path)) }
        for failure in outcome.failures { FileHandle.standardError.write(Data((Message.checkFailed(failure.check, failure.message).text(in: lang) + "\n").utf8)) }
        if !outcome.passed { throw ExitCode(3) }
    }
}
