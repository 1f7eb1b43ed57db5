import ArgumentParser
import Foundation
import IndexCore
import Reports
import Season

extension Language: ExpressibleByArgument {}
extension LineageRule: ExpressibleByArgument {}
extension ReportWriter.Format: ExpressibleByArgument {}

/// The inputs of one period: files (stateless mode, for CI) or a workspace (`--workspace DIR`).
struct InputOptions: ParsableArguments {
    @Argument(help: "The methodology: a YAML file or a bundled id (e.g. vn-it-application-2019; 'ictindex methodologies' lists them). With --workspace: optional, a methodology id or file of the workspace.")
    var methodology: String?

    @Argument(help: "Survey answers: CSV, JSON or filled .xlsx forms (not with --workspace).")
    var data: [String] = []

    @Option(help: "Use the workspace in this directory instead of files.")
    var workspace: String?

    @Option(help: "The data year to compute, when the data hold several.")
    var period: Int?

    var request: InputRequest {
        InputRequest(methodology: methodology, dataFiles: data, workspace: workspace, periods: period.map { [$0] } ?? [])
    }

    /// Loads and validates the inputs.
    func load() async throws -> PeriodInputs { try await season.loadPeriod(request) }
}

/// Inputs of several periods: every period found in the data files (or the workspace), each
/// validated and computed with its methodology — the main one, or the one given for its year
/// (`--methodology-for`, or in a workspace the methodology of that period).
struct SeasonOptions: ParsableArguments {
    @Argument(help: "The methodology: a YAML file or a bundled id. With --workspace: optional, a methodology id or file of the workspace.")
    var methodology: String?

    @Argument(help: "Survey answers of one or more periods: CSV, JSON or filled .xlsx forms (not with --workspace).")
    var data: [String] = []

    @Option(help: "Use the workspace in this directory instead of files.")
    var workspace: String?

    @Option(help: "Only these periods (repeatable); default: every period of the data, the latest being the main year.")
    var period: [Int] = []

    @Option(name: .customLong("methodology-for"), help: ArgumentHelp(
        "The methodology of one data year when it is not the main one: YEAR=FILE (with --workspace, YEAR=ID or FILE); repeatable.",
        valueName: "year=methodology"))
    var methodologyFor: [String] = []

    /// The request, `--methodology-for` parsed as year → methodology; `registry` resolves the
    /// units of data files (`nil`: the bundled registry).
    func request(registry: String? = nil) throws -> InputRequest {
        var overrides: [Int: String] = [:]
        for item in methodologyFor {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let year = Int(parts[0].trimmingCharacters(in: .whitespaces)), !parts[1].isEmpty else {
                throw ValidationError("--methodology-for takes YEAR=FILE, e.g. 2018=Indicators/vn-it-application/2018.yaml; found '\(item)'")
            }
            guard overrides.updateValue(parts[1], forKey: year) == nil else { throw ValidationError("--methodology-for gives year \(year) twice") }
        }
        return InputRequest(methodology: methodology, dataFiles: data, workspace: workspace, periods: period, methodologyFor: overrides, registry: registry)
    }
}

/// A date option (YYYY-MM-DD).
func parseDay(_ text: String?, option: String) throws -> Day? {
    guard let text else { return nil }
    guard let day = Day(text) else { throw ValidationError("\(option) must be a date YYYY-MM-DD, found '\(text)'") }
    return day
}
