import Audit
import Foundation
import IndexCore
import Reports

/// The data audit of one period.
public struct AuditOutcome: Sendable {
    /// The period audited.
    public var inputs: PeriodInputs
    /// One audit per block asked for, in the methodology's order.
    public var audits: [DataAudit]
}

/// What an uncertainty analysis runs.
public struct UncertaintyRequest: Sendable {
    /// The period analysed (one period).
    public var inputs: InputRequest
    /// The uncertainty spec (YAML, docs/uncertainty.md).
    public var spec: String
    /// Overrides of the spec's runs (Monte Carlo runs, or Sobol base samples N) and seed.
    public var runs: Int?
    /// Overrides the spec's seed (the same seed gives the same numbers).
    public var seed: UInt64?
    /// A folder to write one SVG rank-interval chart per block to, in `chartLanguage`.
    public var chartFolder: String?
    /// The language of the charts' titles and labels.
    public var chartLanguage: Language

    /// A request; without overrides, the spec's runs and seed, and no charts.
    public init(inputs: InputRequest, spec: String, runs: Int? = nil, seed: UInt64? = nil, chartFolder: String? = nil, chartLanguage: Language = .en) {
        self.inputs = inputs
        self.spec = spec
        self.runs = runs
        self.seed = seed
        self.chartFolder = chartFolder
        self.chartLanguage = chartLanguage
    }
}

extension SeasonService {
    /// Audits the data of one period: availability, skewness and kurtosis, correlations,
    /// Cronbach's alpha, principal components, flags.
    /// - Parameters:
    ///   - request: the period to audit.
    ///   - blocks: only these blocks; empty: every block with data.
    public func audit(_ request: InputRequest, blocks: [String] = []) async throws(SeasonError) -> AuditOutcome {
        let inputs = try await loadPeriod(request)
        let result = try inputs.compute()
        for id in blocks where result.block(id) == nil {
            throw .usage(.noDataForBlock(id, blocks: result.blocks.map(\.plan.block.id)))
        }
        let audits = result.blocks.filter { blocks.isEmpty || blocks.contains($0.plan.block.id) }.map { DataAudit($0) }
        return AuditOutcome(inputs: inputs, audits: audits)
    }

    /// How firm each unit's rank is: a Monte Carlo or Sobol analysis over the choices a spec
    /// declares. Runs on all cores; the same seed gives the same numbers.
    public func uncertainty(_ request: UncertaintyRequest) async throws(SeasonError) -> UncertaintyResult {
        let inputs = try await loadPeriod(request.inputs)
        var spec = try SeasonError.capture { try UncertaintySpec.load(contentsOf: URL(fileURLWithPath: request.spec), methodology: inputs.methodology) }
        if let runs = request.runs {
            guard runs >= 2 else { throw .usage(.optionAtLeast("--runs", 2)) }
            spec.runs = runs
        }
        if let seed = request.seed { spec.seed = seed }
        let analysed = spec
        let result = try SeasonError.capture { try UncertaintyAnalysis.run(analysed, methodology: inputs.methodology, answers: inputs.answers) }
        if let folder = request.chartFolder {
            try SeasonError.capture {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for block in result.blocks {
                    let svg = RankIntervalChart.svg(block, interval: analysed.interval, language: request.chartLanguage)
                    try Data(svg.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("rank-intervals-\(block.block.id).svg"))
                }
            }
        }
        return result
    }
}
