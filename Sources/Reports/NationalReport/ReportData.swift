import Analysis
import Audit
import IndexCore

/// Everything a national report shows, computed once and rendered in any language: the results
/// of each period, the trends, and every unit's assessment with its what-if scenarios.
public struct ReportData: Sendable {
    /// One result per period, ascending; the last is the main year.
    public var results: [IndexResult]
    /// The trends over ``results`` (block means, rank changes, movers), mapped through the
    /// registry's lineage when one was given.
    public var trends: Trends
    /// Assessments of the main year's units by id.
    public var assessments: [String: Assessment]
    /// The tile-grid layout of the map (empty: no map).
    public var tiles: [TileMap.Tile]
    /// The units that get a page, in block and rank order.
    public var unitPages: [String]
    /// The uncertainty analysis of the main year's ranks (`nil`: no uncertainty section).
    public var uncertainty: UncertaintyResult?
    /// The day the main year's latest answers were received (a workspace's latest import of the
    /// period), shown on the title page; `nil` when the answers came from files. Recorded data,
    /// never the clock, so the same workspace gives the same report.
    public var dataReceived: Day?

    /// The main (latest) year's result: what the rankings and unit pages show.
    public var main: IndexResult { results[results.count - 1] }

    /// Computes the trends and the assessments.
    ///
    /// - Parameters:
    ///   - results: one result per period, any order.
    ///   - tiles: the map layout (``TileMap/layout(csv:)``).
    ///   - unitPages: the units that get a page (`nil`: every unit of the main year).
    ///   - whatIfLimit: scenarios kept per unit.
    ///   - registry, asOf: map the trends across mergers onto the units valid on `asOf`.
    ///   - uncertainty: rank intervals of the main year (``analyseUncertainty(_:runs:seed:methodology:answers:)``).
    public init(results: [IndexResult], tiles: [TileMap.Tile] = [], unitPages: [String]? = nil, whatIfLimit: Int = 5, registry: UnitRegistry? = nil, asOf: Day? = nil,
                uncertainty: UncertaintyResult? = nil) throws {
        self.uncertainty = uncertainty
        precondition(!results.isEmpty, "a report needs at least one result")
        self.results = results.sorted { ($0.period ?? .min) < ($1.period ?? .min) }
        trends = Trends(self.results, registry: registry, asOf: asOf)
        self.tiles = tiles
        let main = self.results[self.results.count - 1]
        var pages: [String] = []
        var assessments: [String: Assessment] = [:]
        for block in main.blocks {
            for u in block.rankedUnitIndices {
                let id = block.units[u].unitID
                guard unitPages?.contains(id) ?? true else { continue }
                pages.append(id)
                assessments[id] = try Assessment(unitID: id, in: block, period: main.period, whatIfLimit: whatIfLimit)
            }
        }
        self.assessments = assessments
        self.unitPages = pages
    }

    /// Runs an uncertainty spec on the main year's answers, with `runs` and `seed` overriding the
    /// spec's. The numbers depend on the spec and the seed only.
    public static func analyseUncertainty(_ spec: UncertaintySpec, runs: Int? = nil, seed: UInt64? = nil, methodology: Methodology, answers: [UnitAnswers]) throws -> UncertaintyResult {
        var spec = spec
        if let runs { spec.runs = runs }
        if let seed { spec.seed = seed }
        return try UncertaintyAnalysis.run(spec, methodology: methodology, answers: answers)
    }
}
