import Foundation
import IndexCore
import IndexStore
import Intake

/// Where a season's methodology and answers come from: files (stateless mode, for CI) or a
/// workspace.
public struct InputRequest: Sendable, Hashable {
    /// Without a workspace: a methodology file or bundled id (required). With a workspace: the id
    /// or file of one of its methodologies (default: its first).
    public var methodology: String?
    /// Survey answers: CSV, JSON or filled .xlsx forms (not with a workspace).
    public var dataFiles: [String]
    /// The workspace directory to read answers from instead of files.
    public var workspace: String?
    /// The periods wanted; empty means every period of the data (one period: the only one).
    public var periods: [Int]
    /// The methodology of a data year when it is not the main one: year → file or bundled id
    /// (with a workspace: id or file of the workspace).
    public var methodologyFor: [Int: String]
    /// Without a workspace: the unit registry that resolves the units the data files name (a
    /// file, a folder or a bundled folder; `nil`: the bundled registry), as `import` does, so
    /// that a unit's id row and its name row are one unit and an unknown unit is an error.
    /// Records of a block the registry does not hold (an index of countries) keep their ids.
    public var registry: String?

    /// A request; every part optional, as the CLI's arguments are.
    public init(methodology: String? = nil, dataFiles: [String] = [], workspace: String? = nil, periods: [Int] = [], methodologyFor: [Int: String] = [:], registry: String? = nil) {
        self.methodology = methodology
        self.dataFiles = dataFiles
        self.workspace = workspace
        self.periods = periods
        self.methodologyFor = methodologyFor
        self.registry = registry
    }
}

/// The validated answers of one period with the methodology they are computed with.
public struct PeriodInputs: Sendable {
    /// The methodology the period is validated and computed with.
    public var methodology: Methodology
    /// The methodology's text when it came from a workspace (runs are stored with its hash).
    public var methodologyContent: String?
    /// The validated answers, one per unit. For answers read into columns (``table``) they are
    /// made from the table when asked, with every answer's source.
    public var answers: [UnitAnswers] {
        get { table?.allAnswers ?? records }
        set {
            records = newValue
            table = nil
        }
    }
    /// The validated answers as one column per field, when they were read that way (the stateless
    /// `compute` of wide CSV files); `nil`: they are held as ``answers``.
    public private(set) var table: AnswerTable?
    private var records: [UnitAnswers]
    /// The data year (`nil` when neither the data nor the methodology name one).
    public var period: Int?
    /// The workspace the answers came from (`nil` for files).
    public var workspace: Workspace?

    /// Inputs holding one dictionary of answers per unit.
    init(methodology: Methodology, methodologyContent: String? = nil, answers: [UnitAnswers], period: Int?, workspace: Workspace? = nil) {
        self.methodology = methodology
        self.methodologyContent = methodologyContent
        records = answers
        self.period = period
        self.workspace = workspace
    }

    /// Inputs read into columns.
    init(methodology: Methodology, table: AnswerTable, period: Int?) {
        self.methodology = methodology
        self.table = table
        records = []
        self.period = period
    }

    /// Computes the index of every unit of this period.
    ///
    /// From a ``table`` the engine computes in its columns; when that computation stops on a
    /// problem (an overflow, an attribute in conflict), or screening leaves units out (they are
    /// reported with their answers), the units' answers are computed instead, so that the result
    /// and every message are those of ``answers``.
    public func compute() throws(SeasonError) -> IndexResult {
        if let table, methodology.screening == nil, let result = try? Engine.compute(methodology, table: table, period: period) {
            return result
        }
        return try SeasonError.capture { try Engine.compute(methodology, answers: answers, period: period) }
    }
}

/// The inputs of several periods, ascending; the last is the main year.
public struct SeasonInputs: Sendable {
    /// The methodology of the main (latest) year.
    public var methodology: Methodology
    /// Answers per period, ascending, each with the methodology it is computed with.
    public var periods: [PeriodInputs]
    /// The workspace the answers came from (`nil` for files).
    public var workspace: Workspace?

    /// The main (latest) period.
    public var main: PeriodInputs { periods[periods.count - 1] }

    /// Computes every period with its methodology.
    public func results() throws(SeasonError) -> [IndexResult] {
        var results: [IndexResult] = []
        for period in periods { results.append(try period.compute()) }
        return results
    }
}

extension SeasonService {
    /// The answers of one period: the only one in the data, or the one asked for.
    public func loadPeriod(_ request: InputRequest) async throws(SeasonError) -> PeriodInputs {
        let wanted = request.periods.first
        if let path = request.workspace {
            let (workspace, methodology, content, stored) = try openWithMethodology(path, request)
            guard let period = wanted ?? (stored.count == 1 ? stored[0] : nil) else {
                throw .usage(stored.isEmpty ? .workspaceHoldsNoAnswers : .workspaceHoldsSeveralPeriods(stored))
            }
            let answers = try SeasonError.capture { try workspace.store.answers(period: period) }
            if answers.isEmpty { throw .usage(.workspaceHoldsNoAnswersFor(period, has: stored)) }
            return PeriodInputs(methodology: methodology, methodologyContent: content, answers: try withAttributes(answers, methodology, workspace: workspace),
                                period: period, workspace: workspace)
        }
        let (methodology, records, found, units) = try readFiles(request)
        var chosen = wanted
        var selected = records
        if let wanted {
            guard found.contains(wanted) || found.isEmpty else { throw .usage(.noDataForPeriod(wanted, found: found)) }
            selected = records.filter { $0.period == nil || $0.period == wanted }
        } else if found.count > 1 {
            throw .usage(.dataHoldSeveralPeriods(found))
        } else {
            chosen = found.first
        }
        let answers = try validate(selected, methodology, registry: units)
        return PeriodInputs(methodology: methodology, methodologyContent: nil, answers: answers, period: chosen ?? methodology.period, workspace: nil)
    }

    /// The answers of every period of the data (or those asked for), each validated against its
    /// methodology: the main one, the one given for its year, or in a workspace the workspace's
    /// methodology of that period.
    public func loadSeason(_ request: InputRequest) async throws(SeasonError) -> SeasonInputs {
        let overrides = request.methodologyFor
        if let path = request.workspace {
            let (workspace, main, _, stored) = try openWithMethodology(path, request)
            let periods = stored.filter { request.periods.isEmpty || request.periods.contains($0) }
            guard !periods.isEmpty else { throw .usage(.workspaceHoldsNoAnswersForPeriodsAsked) }
            try checkOverrides(overrides, against: periods)
            let registered = try SeasonError.capture { try workspace.methodologies().map(\.methodology) }
            var loaded: [PeriodInputs] = []
            for year in periods {
                let methodology: Methodology
                if let chosen = overrides[year] {
                    if let registeredOne = registered.first(where: { $0.id == chosen }) {
                        methodology = registeredOne
                    } else {
                        methodology = try self.methodology(chosen).methodology
                    }
                } else if request.methodology == nil, let own = registered.first(where: { $0.period == year }) {
                    methodology = own // the workspace's methodology of that period
                } else {
                    methodology = main
                }
                let answers = try SeasonError.capture { try workspace.store.answers(period: year) }
                loaded.append(PeriodInputs(methodology: methodology, answers: try withAttributes(answers, methodology, workspace: workspace), period: year, workspace: workspace))
            }
            return SeasonInputs(methodology: loaded[loaded.count - 1].methodology, periods: loaded, workspace: workspace)
        }
        let (main, records, found, units) = try readFiles(request)
        for wanted in request.periods where !found.contains(wanted) {
            throw .usage(.noDataForPeriod(wanted, found: found))
        }
        try checkOverrides(overrides, against: found)
        var byYear: [Int: Methodology] = [:]
        for (year, reference) in overrides.sorted(by: { $0.key < $1.key }) { byYear[year] = try methodology(reference).methodology }
        let chosen: [Int?] = found.isEmpty ? [main.period] : found.filter { request.periods.isEmpty || request.periods.contains($0) }.map { $0 }
        var periods: [PeriodInputs] = []
        var problems: [Diagnostic] = []
        for year in chosen {
            let methodology = year.flatMap { byYear[$0] } ?? main
            do {
                let answers = try validate(records.filter { $0.period == nil || $0.period == year }, methodology, registry: units)
                periods.append(PeriodInputs(methodology: methodology, answers: answers, period: year))
            } catch {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw .invalidInput(problems) }
        return SeasonInputs(methodology: periods.last?.methodology ?? main, periods: periods, workspace: nil)
    }

    /// ``loadPeriod(_:)``, with wide CSV files read straight into columns (``PeriodInputs/table``,
    /// see `SurveyTableReader`): the same units, numbers and texts in a tenth of the memory. Any
    /// other input, and input that would be reported, goes through ``loadPeriod(_:)``, which gives
    /// every message as always.
    func loadPeriodInColumns(_ request: InputRequest) async throws(SeasonError) -> PeriodInputs {
        guard request.workspace == nil, let reference = request.methodology, !request.dataFiles.isEmpty,
              let methodology = try? self.methodology(reference).methodology, let units = try? registry(path: request.registry),
              let table = SurveyTableReader.read(request.dataFiles.map { URL(fileURLWithPath: $0) }, methodology: methodology, registry: units,
                                                 defaultPeriod: request.periods.first ?? methodology.period)
        else { return try await loadPeriod(request) }
        // The period as loadPeriod chooses it; when that would leave units out or stop, it decides.
        let found = Set(table.units.compactMap(\.period)).sorted()
        var chosen = request.periods.first
        if let wanted = chosen {
            guard table.units.allSatisfy({ $0.period == nil || $0.period == wanted }) else { return try await loadPeriod(request) }
        } else if found.count > 1 {
            return try await loadPeriod(request)
        } else {
            chosen = found.first
        }
        return PeriodInputs(methodology: methodology, table: table, period: chosen ?? methodology.period)
    }

    // MARK: - Shared steps

    /// Opens a workspace with the methodology asked for and the periods it holds answers for.
    private func openWithMethodology(_ path: String, _ request: InputRequest) throws(SeasonError) -> (Workspace, Methodology, String, [Int]) {
        guard request.dataFiles.isEmpty else {
            throw .usage(.noDataFilesWithWorkspace)
        }
        let workspace = try openWorkspace(path, access: .automatic)
        return try SeasonError.capture {
            let (methodology, content) = try workspace.methodology(request.methodology)
            return (workspace, methodology, content, try workspace.store.periods())
        }
    }

    /// The methodology and the records of the data files, resolved through the registry, with
    /// the periods the records name and the registry.
    func readFiles(_ request: InputRequest) throws(SeasonError) -> (Methodology, [RawRecord], [Int], UnitRegistry) {
        guard let reference = request.methodology else { throw .usage(.giveMethodologyOrWorkspace) }
        let methodology = try self.methodology(reference).methodology
        guard !request.dataFiles.isEmpty else { throw .usage(.giveDataFile) }
        let read = try SeasonError.capture { try SurveyReader.read(request.dataFiles.map { URL(fileURLWithPath: $0) }) }
        let units = try registry(path: request.registry)
        let records = try SeasonError.capture { try units.resolveStateless(records: read, defaultPeriod: request.periods.first ?? methodology.period) }
        return (methodology, records, Set(records.compactMap(\.period)).sorted(), units)
    }

    /// The validated answers of `records`, with the unit attributes the registry gives.
    func validate(_ records: [RawRecord], _ methodology: Methodology, registry: UnitRegistry) throws(SeasonError) -> [UnitAnswers] {
        let answers = try SeasonError.capture { try SurveyValidator(methodology: methodology).validate(records) }
        return methodology.attributes.isEmpty ? answers : registry.attachingAttributes(to: answers)
    }

    /// A workspace's answers with the unit attributes of its stored registry (as ``validate(_:_:registry:)``
    /// attaches those of a registry file), when the methodology declares attributes: the data's
    /// value first, the registry's where the data leave it empty, a conflict an error at the cell.
    func withAttributes(_ answers: [UnitAnswers], _ methodology: Methodology, workspace: Workspace) throws(SeasonError) -> [UnitAnswers] {
        guard !methodology.attributes.isEmpty else { return answers }
        return try SeasonError.capture { try workspace.store.registry() }.attachingAttributes(to: answers)
    }

    /// Every year given a methodology must be one of the data's.
    private func checkOverrides(_ overrides: [Int: String], against periods: [Int]) throws(SeasonError) {
        for year in overrides.keys.sorted() where !periods.contains(year) {
            throw .usage(.methodologyForYearWithoutData(year, periods: periods))
        }
    }
}

/// Years as "2018, 2019".
func list(_ years: [Int]) -> String { years.map(String.init).joined(separator: ", ") }

/// What `validate` found: the methodology, and for data files the answers that passed.
public struct ValidationSummary: Sendable {
    /// The methodology checked, with its warnings (keys that do nothing where they are written).
    public var methodology: Methodology
    /// The units whose answers were checked (empty without data files).
    public var answers: [UnitAnswers]
    /// The periods the answers name, ascending.
    public var periods: [Int] { Set(answers.compactMap(\.period)).sorted() }
}

extension SeasonService {
    /// Checks a methodology and, when files are given, survey answers against it (resolved
    /// through the registry, as ``loadPeriod(_:)`` does); every problem is listed.
    /// - Parameter request: the methodology, data files, registry and at most one period — the
    ///   answers of other periods are left out, those without a period are kept.
    public func validate(_ request: InputRequest) async throws(SeasonError) -> ValidationSummary {
        guard let reference = request.methodology else { throw .usage(.giveMethodology) }
        guard !request.dataFiles.isEmpty else {
            return ValidationSummary(methodology: try methodology(reference).methodology, answers: [])
        }
        let (methodology, records, _, units) = try readFiles(request)
        let wanted = request.periods.first
        let selected = wanted.map { year in records.filter { $0.period == nil || $0.period == year } } ?? records
        return ValidationSummary(methodology: methodology, answers: try validate(selected, methodology, registry: units))
    }
}
