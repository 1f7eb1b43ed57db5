import Audit
import Foundation
import IndexCore
import Reports

/// What the national report holds and where it goes.
public struct ReportRequest: Sendable {
    /// The periods reported; the latest is the main year.
    public var inputs: InputRequest
    /// The folder to write to; nothing is written outside it.
    public var outputFolder: String
    /// The language of the report: Vietnamese or English.
    public var language: Language
    /// The formats to write: HTML, Markdown, XLSX, CSV, JSON.
    public var formats: Set<ReportWriter.Format>
    /// Only these units get a page; empty: every unit.
    public var unitPages: [String]
    /// What-if scenarios per unit page.
    public var whatIfLimit: Int
    /// The tile-grid layout of the province map (CSV `id,row,col,abbr`); `nil`: the bundled one.
    public var tileGrid: String?
    /// Compare years as the units valid on this date, through the registry's lineage.
    public var asOf: Day?
    /// The unit registry for `asOf` without a workspace (`nil`: the bundled one).
    public var registry: String?
    /// An uncertainty spec (YAML) whose rank intervals the report adds, run on the main year.
    public var uncertaintySpec: String?
    /// Overrides of the spec's runs and seed.
    public var uncertaintyRuns: Int?
    /// Overrides the spec's seed.
    public var seed: UInt64?

    /// A request for every format, every unit page, the bundled map layout and no rank intervals.
    public init(inputs: InputRequest, outputFolder: String, language: Language = .vi, formats: Set<ReportWriter.Format> = Set(ReportWriter.Format.allCases),
                unitPages: [String] = [], whatIfLimit: Int = 5, tileGrid: String? = nil, asOf: Day? = nil, registry: String? = nil,
                uncertaintySpec: String? = nil, uncertaintyRuns: Int? = nil, seed: UInt64? = nil) {
        self.inputs = inputs
        self.outputFolder = outputFolder
        self.language = language
        self.formats = formats
        self.unitPages = unitPages
        self.whatIfLimit = whatIfLimit
        self.tileGrid = tileGrid
        self.asOf = asOf
        self.registry = registry
        self.uncertaintySpec = uncertaintySpec
        self.uncertaintyRuns = uncertaintyRuns
        self.seed = seed
    }
}

/// A written report.
public struct WrittenReport: Sendable {
    /// The files written, relative to the output folder.
    public var files: [String]
    /// The main (latest) year.
    public var mainPeriod: Int?
    /// How many unit pages it has.
    public var unitPages: Int
}

extension SeasonService {
    /// Computes every period and writes the national report (docs/reports.md).
    public func report(_ request: ReportRequest) async throws(SeasonError) -> WrittenReport {
        if request.uncertaintySpec == nil, request.uncertaintyRuns != nil || request.seed != nil { throw .usage(.uncertaintyOptionsNeedSpec) }
        if let runs = request.uncertaintyRuns, runs < 2 { throw .usage(.optionAtLeast("--uncertainty-runs", 2)) }
        let season = try await loadSeason(request.inputs)
        let registry = try request.asOf.map { _ throws(SeasonError) in try self.registry(workspace: season.workspace, path: request.registry) }
        let tiles = TileMap.layout(csv: try tileGridText(request.tileGrid))
        let results = try season.results()
        return try SeasonError.capture {
            var analysis: UncertaintyResult?
            if let path = request.uncertaintySpec {
                let spec = try UncertaintySpec.load(contentsOf: URL(fileURLWithPath: path), methodology: season.methodology)
                analysis = try ReportData.analyseUncertainty(spec, runs: request.uncertaintyRuns, seed: request.seed, methodology: season.methodology, answers: season.main.answers)
            }
            var data = try ReportData(results: results, tiles: tiles, unitPages: request.unitPages.isEmpty ? nil : request.unitPages, whatIfLimit: request.whatIfLimit,
                                      registry: registry, asOf: request.asOf, uncertainty: analysis)
            if let workspace = season.workspace, let period = season.main.period {
                data.dataReceived = try workspace.store.latestImportDay(period: period)
            }
            let written = try ReportWriter.write(NationalReport(data, language: request.language), formats: request.formats, to: URL(fileURLWithPath: request.outputFolder))
            return WrittenReport(files: written, mainPeriod: data.main.period, unitPages: data.unitPages.count)
        }
    }

    /// The tile grid's text: the bundled layout, or the file named (a missing file is an error,
    /// not a report without its map).
    private func tileGridText(_ path: String?) throws(SeasonError) -> String {
        guard let path else { return library.tileGrid ?? "" }
        if !FileManager.default.fileExists(atPath: path), let bundled = library.files(at: path).first { return bundled.text }
        return try SeasonError.capture { try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8) }
    }
}
