import ArgumentParser
import Foundation
import IndexCore
import IndexStore
import Intake

extension Language: ExpressibleByArgument {}
extension LineageRule: ExpressibleByArgument {}

/// Where a command's methodology and answers come from: files (stateless mode, for CI) or a
/// workspace (`--workspace DIR`).
struct InputOptions: ParsableArguments {
    @Argument(help: "The methodology file (YAML), e.g. Indicators/vn-it-application/2019.yaml. With --workspace: optional, a methodology id or file of the workspace.")
    var methodology: String?

    @Argument(help: "Survey answers: CSV, JSON or filled .xlsx forms (not with --workspace).")
    var data: [String] = []

    @Option(help: "Use the workspace in this directory instead of files.")
    var workspace: String?

    @Option(help: "The data year to compute, when the data hold several.")
    var period: Int?

    /// What the inputs resolved to.
    struct Loaded {
        var methodology: Methodology
        var methodologyContent: String?
        var answers: [UnitAnswers]
        var period: Int?
        var workspace: Workspace?
    }

    /// - Parameter registry: the unit registry that resolves the units of data files (when it
    ///   exists; see ``UnitRegistry/resolveStateless(records:defaultPeriod:)``).
    func load(registry: String = "Indicators/units") throws -> Loaded {
        if let workspace {
            guard data.isEmpty else { throw ValidationError("with --workspace, give no data files: the answers come from the workspace (import them with 'ictindex import')") }
            let opened = try Workspace.open(URL(fileURLWithPath: workspace), access: .automatic)
            let (methodology, content) = try opened.methodology(self.methodology)
            let periods = try opened.store.periods()
            guard let period = period ?? (periods.count == 1 ? periods[0] : nil) else {
                throw ValidationError(periods.isEmpty ? "the workspace holds no answers yet; import some with 'ictindex import'" : "the workspace holds several periods (\(periods.map(String.init).joined(separator: ", "))); choose one with --period")
            }
            let answers = try opened.store.answers(period: period)
            if answers.isEmpty { throw ValidationError("the workspace holds no answers for \(period) (it has \(periods.map(String.init).joined(separator: ", ")))") }
            return Loaded(methodology: methodology, methodologyContent: content, answers: answers, period: period, workspace: opened)
        }
        guard let methodology else { throw ValidationError("give a methodology file, or --workspace DIR") }
        let loaded = try MethodologyLoader.load(contentsOf: URL(fileURLWithPath: methodology))
        let (answers, period) = try loadAnswers(loaded, registry: registry)
        return Loaded(methodology: loaded, methodologyContent: nil, answers: answers, period: period, workspace: nil)
    }

    /// Reads and validates the data files, keeping the selected period.
    func loadAnswers(_ methodology: Methodology, registry: String = "Indicators/units") throws -> (answers: [UnitAnswers], period: Int?) {
        guard !data.isEmpty else { throw ValidationError("give at least one data file (CSV, JSON or .xlsx) after the methodology") }
        var records = try SurveyReader.read(data.map { URL(fileURLWithPath: $0) })
        let periods = Set(records.compactMap(\.period)).sorted()
        var chosen = period
        if let period {
            guard periods.contains(period) || periods.isEmpty else {
                throw ValidationError("no data for period \(period); the files hold \(periods.map(String.init).joined(separator: ", "))")
            }
            records = records.filter { $0.period == nil || $0.period == period }
        } else if periods.count > 1 {
            throw ValidationError("the data hold several periods (\(periods.map(String.init).joined(separator: ", "))); choose one with --period")
        } else {
            chosen = periods.first
        }
        if let units = try UnitRegistry.loadIfPresent(contentsOf: URL(fileURLWithPath: registry)) {
            records = try units.resolveStateless(records: records, defaultPeriod: chosen ?? methodology.period)
        }
        let answers = try SurveyValidator(methodology: methodology).validate(records)
        return (answers, chosen ?? methodology.period)
    }
}
