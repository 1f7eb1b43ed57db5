import ArgumentParser
import Foundation
import IndexCore
import Reports
import Season

extension Language: ExpressibleByArgument {}
extension LineageRule: ExpressibleByArgument {}
extension ReportWriter.Format: ExpressibleByArgument {}

/// `--lang vi|en`: the language of a command's output and of every message it prints, the same
/// option on every command. Without it, `ICTINDEX_LANG` in the environment decides; without
/// that, Vietnamese.
///
/// A command adds `@OptionGroup var languageOption: LanguageOption` and conforms to
/// ``LocalizedCommand``; `Main` then prints the command's errors in that language too.
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: ArgumentHelp("Language of the output and of every message: vi or en (default: $ICTINDEX_LANG, else vi).", valueName: "vi|en"))
    var explicit: Language?

    /// The language chosen: `--lang`, else `ICTINDEX_LANG`, else Vietnamese (an invalid
    /// `ICTINDEX_LANG` is refused by ``validate()`` before a command runs).
    var language: Language {
        (try? Language.resolve(explicit: explicit, environment: ProcessInfo.processInfo.environment)) ?? .vi
    }

    /// The language of the command being run, recorded when its options are validated, so that
    /// `Main` tells its errors in it (vi until a command is parsed).
    static var chosen: Language { recorded.value }
    private static let recorded = RecordedLanguage()

    func validate() throws {
        do {
            let language = try Language.resolve(explicit: explicit, environment: ProcessInfo.processInfo.environment)
            Self.recorded.value = language
        } catch let error as DiagnosticError {
            throw ValidationError(error.diagnostics.map { $0.message(in: .vi) + " / " + $0.message(in: .en) }.joined(separator: "\n"))
        }
    }
}

/// The language recorded by ``LanguageOption``, behind a lock (`Mutex` needs macOS 15; the
/// package supports macOS 13).
private final class RecordedLanguage: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = Language.vi

    var value: Language {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// A command whose output and messages follow ``LanguageOption``.
protocol LocalizedCommand {
    var languageOption: LanguageOption { get }
}

extension LocalizedCommand {
    /// The language of this command's output and messages.
    var lang: Language { languageOption.language }
}

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
                throw SeasonError.usage(.methodologyForSyntax(item))
            }
            guard overrides.updateValue(parts[1], forKey: year) == nil else { throw SeasonError.usage(.methodologyForTwice(year)) }
        }
        return InputRequest(methodology: methodology, dataFiles: data, workspace: workspace, periods: period, methodologyFor: overrides, registry: registry)
    }
}

/// A date option (YYYY-MM-DD).
func parseDay(_ text: String?, option: String) throws -> Day? {
    guard let text else { return nil }
    guard let day = Day(text) else { throw SeasonError.usage(.optionNeedsDate(option, found: text)) }
    return day
}
