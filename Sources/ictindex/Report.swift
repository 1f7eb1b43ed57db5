import ArgumentParser
import Audit
import Foundation
import IndexCore
import IndexStore
import Intake
import Reports

extension ReportWriter.Format: ExpressibleByArgument {}

/// Inputs of several periods: every period found in the data files (or the workspace), each
/// validated and computed with its methodology — the main one, or the one given for its year
/// (`--methodology-for`, or in a workspace the methodology of that period).
struct PeriodInputs: ParsableArguments {
    @Argument(help: "The methodology file (YAML). With --workspace: optional, a methodology id or file of the workspace.")
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

    struct Loaded {
        /// The methodology of the main (latest) year.
        var methodology: Methodology
        /// Answers per period, ascending, each with the methodology it is computed with.
        var periods: [(period: Int?, methodology: Methodology, answers: [UnitAnswers])]
        var workspace: Workspace?

        /// Computes every period with its methodology.
        func results() throws -> [IndexResult] {
            try periods.map { try Engine.compute($0.methodology, answers: $0.answers, period: $0.period) }
        }
    }

    /// `--methodology-for` as year → the text after `=`.
    func methodologyOverrides() throws -> [Int: String] {
        var overrides: [Int: String] = [:]
        for item in methodologyFor {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let year = Int(parts[0].trimmingCharacters(in: .whitespaces)), !parts[1].isEmpty else {
                throw ValidationError("--methodology-for takes YEAR=FILE, e.g. 2018=Indicators/vn-it-application/2018.yaml; found '\(item)'")
            }
            guard overrides.updateValue(parts[1], forKey: year) == nil else { throw ValidationError("--methodology-for gives year \(year) twice") }
        }
        return overrides
    }

    /// - Parameter registry: the unit registry that resolves the units of data files (when it
    ///   exists; see ``UnitRegistry/resolveStateless(records:defaultPeriod:)``).
    func load(registry: String = "Indicators/units") throws -> Loaded {
        let overrides = try methodologyOverrides()
        if let workspace {
            guard data.isEmpty else { throw ValidationError("with --workspace, give no data files: the answers come from the workspace") }
            let opened = try Workspace.open(URL(fileURLWithPath: workspace), access: .automatic)
            let (main, _) = try opened.methodology(self.methodology)
            let periods = try opened.store.periods().filter { period.isEmpty || period.contains($0) }
            guard !periods.isEmpty else { throw ValidationError("the workspace holds no answers for the periods asked") }
            try Self.checkOverrides(overrides, against: periods)
            let registered = try opened.methodologies().map(\.methodology)
            let loaded = try periods.map { year -> (period: Int?, methodology: Methodology, answers: [UnitAnswers]) in
                let methodology: Methodology
                if let chosen = overrides[year] {
                    methodology = try registered.first { $0.id == chosen } ?? MethodologyLoader.load(contentsOf: URL(fileURLWithPath: chosen))
                } else if self.methodology == nil, let own = registered.first(where: { $0.period == year }) {
                    methodology = own // the workspace's methodology of that period
                } else {
                    methodology = main
                }
                return (year, methodology, try opened.store.answers(period: year))
            }
            return Loaded(methodology: loaded.last!.methodology, periods: loaded, workspace: opened)
        }
        guard let methodology else { throw ValidationError("give a methodology file, or --workspace DIR") }
        guard !data.isEmpty else { throw ValidationError("give at least one data file (CSV, JSON or .xlsx) after the methodology") }
        let main = try MethodologyLoader.load(contentsOf: URL(fileURLWithPath: methodology))
        var records = try SurveyReader.read(data.map { URL(fileURLWithPath: $0) })
        if let units = try UnitRegistry.loadIfPresent(contentsOf: URL(fileURLWithPath: registry)) {
            records = try units.resolveStateless(records: records, defaultPeriod: main.period)
        }
        let found = Set(records.compactMap(\.period)).sorted()
        for wanted in period where !found.contains(wanted) {
            throw ValidationError("no data for period \(wanted); the files hold \(found.map(String.init).joined(separator: ", "))")
        }
        try Self.checkOverrides(overrides, against: found)
        var byYear: [Int: Methodology] = [:]
        for (year, file) in overrides { byYear[year] = try MethodologyLoader.load(contentsOf: URL(fileURLWithPath: file)) }
        let chosen: [Int?] = found.isEmpty ? [main.period] : found.filter { period.isEmpty || period.contains($0) }.map { $0 }
        var periods: [(period: Int?, methodology: Methodology, answers: [UnitAnswers])] = []
        var problems: [Diagnostic] = []
        for year in chosen {
            let methodology = year.flatMap { byYear[$0] } ?? main
            do {
                let answers = try SurveyValidator(methodology: methodology).validate(records.filter { $0.period == nil || $0.period == year })
                periods.append((year, methodology, answers))
            } catch let error as DiagnosticError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return Loaded(methodology: periods.last?.methodology ?? main, periods: periods, workspace: nil)
    }

    /// Every year given a methodology must be one of the data's.
    static func checkOverrides(_ overrides: [Int: String], against periods: [Int]) throws {
        for year in overrides.keys.sorted() where !periods.contains(year) {
            throw ValidationError("--methodology-for \(year): there is no data for \(year); the data holds \(periods.map(String.init).joined(separator: ", "))")
        }
    }
}

/// `ictindex report`: the national report in HTML, Markdown, XLSX, CSV and JSON.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the national report: rankings, component scores, trends, a map, unit pages with what-if, the methodology appendix.",
        discussion: """
        Every period in the data is computed; the latest is the main year and is compared with \
        the one before. The output is deterministic (byte-identical for the same inputs). \
        Contents and layout: docs/reports.md.
        """
    )

    @OptionGroup var input: PeriodInputs

    @Option(help: "The folder to write the report to.")
    var out: String

    @Option(help: "Language of the report: vi or en.")
    var lang: Language = .vi

    @Option(help: "Formats, comma-separated: html, md, xlsx, csv, json.")
    var format: String = "html,md,xlsx,csv,json"

    @Option(help: "Only these units get a page (repeatable id); default: every unit.")
    var unit: [String] = []

    @Option(help: "What-if scenarios per unit page.")
    var whatIf: Int = 5

    @Option(help: "The tile-grid layout of the province map (CSV id,row,col,abbr); no map if the file is missing.")
    var tileGrid: String = "Reports/templates/vn-provinces-tilegrid.csv"

    @Option(help: "Compare years as the units valid on this date (YYYY-MM-DD), through the registry's lineage.")
    var asOf: String?

    @Option(help: "The unit registry for --as-of without a workspace.")
    var registry: String = "Indicators/units"

    @Option(help: "Add rank intervals: an uncertainty spec (YAML, docs/uncertainty.md) run on the main year.")
    var uncertainty: String?

    @Option(help: "With --uncertainty: override the spec's runs (Monte Carlo runs, or Sobol base samples N).")
    var uncertaintyRuns: Int?

    @Option(help: "With --uncertainty: override the spec's seed.")
    var seed: UInt64?

    func formats() throws -> Set<ReportWriter.Format> {
        var formats = Set<ReportWriter.Format>()
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let parsed = ReportWriter.Format(rawValue: name) else {
                throw ValidationError("unknown format '\(name)'; use \(ReportWriter.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            formats.insert(parsed)
        }
        return formats
    }

    func run() throws {
        let formats = try formats()
        let loaded = try input.load(registry: self.registry)
        var registry: UnitRegistry?, day: Day?
        if let asOf {
            guard let parsed = Day(asOf) else { throw ValidationError("--as-of must be a date YYYY-MM-DD, found '\(asOf)'") }
            day = parsed
            registry = try loaded.workspace?.store.registry() ?? UnitRegistry.load(contentsOf: URL(fileURLWithPath: self.registry))
        }
        if uncertainty == nil, uncertaintyRuns != nil || seed != nil { throw ValidationError("--uncertainty-runs and --seed need --uncertainty SPEC") }
        if let uncertaintyRuns, uncertaintyRuns < 2 { throw ValidationError("--uncertainty-runs must be at least 2") }
        var analysis: UncertaintyResult?
        if let uncertainty, let main = loaded.periods.last {
            let spec = try UncertaintySpec.load(contentsOf: URL(fileURLWithPath: uncertainty), methodology: loaded.methodology)
            analysis = try ReportData.analyseUncertainty(spec, runs: uncertaintyRuns, seed: seed, methodology: loaded.methodology, answers: main.answers)
        }
        let tiles = (try? String(contentsOf: URL(fileURLWithPath: tileGrid), encoding: .utf8)).map(TileMap.layout(csv:)) ?? []
        let data = try ReportData(results: try loaded.results(), tiles: tiles, unitPages: unit.isEmpty ? nil : unit, whatIfLimit: whatIf, registry: registry, asOf: day, uncertainty: analysis)
        let written = try ReportWriter.write(NationalReport(data, language: lang), formats: formats, to: URL(fileURLWithPath: out))
        print("\(out): \(written.count) files (\(ReportWriter.Format.allCases.filter(formats.contains).map(\.rawValue).joined(separator: ", "))), main year \(data.main.period.map(String.init) ?? "—"), \(data.unitPages.count) unit pages")
    }
}
