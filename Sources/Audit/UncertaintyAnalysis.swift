import Foundation
import IndexCore

/// The uncertainty of one unit's rank.
public struct UnitUncertainty: Sendable, Hashable {
    /// The unit's registry id.
    public var id: String
    /// The unit's name.
    public var name: String
    /// The index as the methodology declares it.
    public var nominalValue: Double
    /// The rank as published (competition ranks on the methodology's rounding).
    public var nominalRank: Int
    /// The median rank over the scenarios.
    public var medianRank: Int
    /// The lower and upper ends of the central rank interval (5th and 95th percentiles for 90%):
    /// the best and worst places the unit holds in that share of scenarios.
    public var bestRank: Int
    /// The lower end of the central interval: the worst rank of the unit in that share of
    /// scenarios.
    public var worstRank: Int
    /// Sobol indices of the unit's rank per input (Sobol method only).
    public var sensitivity: SensitivityIndices?
    /// The input with the largest total index for this unit's rank (Sobol method, when the rank varies).
    public var mostInfluentialInput: Int?
}

/// The uncertainty of one block's ranking.
public struct BlockUncertainty: Sendable {
    /// The block analysed.
    public var block: Block
    /// The model runs made for the block.
    public var runs: Int
    /// The scenarios the rank distributions are taken from (Monte Carlo: every run; Sobol: the 2N
    /// rows of the base matrices A and B).
    public var scenarios: Int
    /// Every unit, in nominal rank order (then id).
    public var units: [UnitUncertainty]
    /// The mean over scenarios of the mean absolute rank shift (1/n Σ |rank − nominal rank|).
    public var meanRankShift: Double
    /// Sobol indices of the mean absolute rank shift per input (Sobol method only).
    public var meanRankShiftSensitivity: SensitivityIndices?
}

/// The result of an uncertainty analysis: per block, every unit's rank interval and, for the
/// Sobol method, which inputs drive the ranks.
public struct UncertaintyResult: Sendable {
    /// The spec the analysis ran.
    public var spec: UncertaintySpec
    /// One result per block analysed, in the methodology's block order.
    public var blocks: [BlockUncertainty]
    /// The spec's inputs: sensitivity indices are in this order.
    public var inputs: [UncertaintySpec.Input] { spec.inputs }

    /// The result of the block with the given id, if it was analysed.
    public func block(_ id: String) -> BlockUncertainty? { blocks.first { $0.block.id == id } }
}

/// Runs an ``UncertaintySpec``: scenarios drawn from a digitally shifted Sobol sequence, each a
/// recomputation of the block with perturbed weights, another normalisation, aggregation or
/// imputation, or an indicator left out.
///
/// **Cheap reruns.** Leaf scores depend only on the normalisation and imputation choices: they
/// are computed once for each combination of those (``Engine/scoreLeaves(_:data:previous:)``),
/// and every scenario only re-aggregates (``Engine/indexScores(_:data:leaves:)``) with its
/// weights, aggregations and exclusions. Leaving an indicator out sets its weight to 0, so its
/// siblings share its parent's weight.
///
/// **Parallel and reproducible.** Runs are spread over all cores in fixed chunks; each run's
/// point of the sequence is computed from its index, and its outputs are written at its own row,
/// so the numbers depend on the seed only, never on the core count or the chunking.
public enum UncertaintyAnalysis {
    /// How the runs are executed (results do not depend on it).
    public struct Execution: Sendable {
        /// Threads to use; `nil`: every active core.
        public var workers: Int?
        /// Consecutive runs a worker takes at a time.
        public var chunkSize: Int

        /// An execution on `workers` threads (every active core when `nil`), taking `chunkSize`
        /// consecutive runs at a time.
        public init(workers: Int? = nil, chunkSize: Int = 16) {
            self.workers = workers
            self.chunkSize = chunkSize
        }
    }

    /// Runs the analysis on every block of `spec.blocks` (default: every block with answers).
    public static func run(_ spec: UncertaintySpec, methodology: Methodology, answers: [UnitAnswers], previous: [UnitAnswers] = [], execution: Execution = Execution()) throws -> UncertaintyResult {
        let blockIDs = spec.blocks ?? methodology.blocks.map(\.id).filter { id in answers.contains { $0.block == id } }
        var blocks: [BlockUncertainty] = []
        for id in blockIDs {
            let plan = try BlockPlan(methodology: methodology, block: id)
            blocks.append(try run(spec, plan: plan, answers: answers, previous: previous, execution: execution))
        }
        return UncertaintyResult(spec: spec, blocks: blocks)
    }

    /// Runs the analysis on one block.
    public static func run(_ spec: UncertaintySpec, plan: BlockPlan, answers: [UnitAnswers], previous: [UnitAnswers] = [], execution: Execution = Execution()) throws -> BlockUncertainty {
        let model = try ScenarioModel(spec: spec, plan: plan, answers: answers, previous: previous)
        let n = model.data.count
        let outputs = n + 1
        let dimensions = spec.inputs.map(\.kind.dimensions)
        let runs: Int, scenarios: Int
        let design: SaltelliDesign?
        let sequence: SobolSequence?
        switch spec.method {
        case .monteCarlo:
            design = nil
            sequence = try SobolSequence(dimensions: dimensions.reduce(0, +), seed: spec.seed)
            runs = spec.runs
            scenarios = runs
        case .sobol:
            let saltelli = try SaltelliDesign(inputDimensions: dimensions, baseSamples: spec.runs, seed: spec.seed)
            design = saltelli
            sequence = nil
            runs = saltelli.runCount
            scenarios = 2 * spec.runs
        }
        let y = try ParallelRuns.evaluate(count: runs, outputs: outputs, workers: execution.workers, chunkSize: execution.chunkSize) { run, row in
            let point = design?.point(run: run) ?? sequence!.point(run)
            let ranks = try model.ranks(point)
            var shift = 0.0
            for u in 0..<n {
                row[u] = Double(ranks[u])
                shift += abs(Double(ranks[u] - model.nominalRanks[u]))
            }
            row[n] = n > 0 ? shift / Double(n) : 0
        }
        func column(_ o: Int, rows: Range<Int>) -> [Double] { rows.map { y[$0 * outputs + o] } }
        let low = (1 - spec.interval) / 2
        var units: [UnitUncertainty] = []
        for u in 0..<n {
            let ranks = column(u, rows: 0..<scenarios).map { Int($0) }.sorted()
            let sensitivity = design?.indices(column(u, rows: 0..<runs))
            var influential: Int?
            if let sensitivity, sensitivity.variance > 0 {
                influential = sensitivity.total.indices.max { sensitivity.total[$0] < sensitivity.total[$1] }
            }
            units.append(UnitUncertainty(
                id: model.data.units[u].unitID, name: model.data.units[u].name,
                nominalValue: model.nominalIndex[u], nominalRank: model.nominalRanks[u],
                medianRank: AuditStatistics.nearestRankQuantile(ranks, 0.5),
                bestRank: AuditStatistics.nearestRankQuantile(ranks, low),
                worstRank: AuditStatistics.nearestRankQuantile(ranks, 1 - low),
                sensitivity: sensitivity, mostInfluentialInput: influential
            ))
        }
        units.sort { a, b in
            let ra = a.nominalRank == 0 ? Int.max : a.nominalRank, rb = b.nominalRank == 0 ? Int.max : b.nominalRank
            return ra != rb ? ra < rb : a.id < b.id
        }
        let shifts = column(n, rows: 0..<scenarios)
        return BlockUncertainty(
            block: plan.block, runs: runs, scenarios: scenarios, units: units,
            meanRankShift: shifts.isEmpty ? 0 : shifts.reduce(0, +) / Double(shifts.count),
            meanRankShiftSensitivity: design?.indices(column(n, rows: 0..<runs))
        )
    }
}

/// One block's scenarios: the data, the leaf scores of every normalisation/imputation
/// combination, and how a point of the sampling sequence becomes weights, aggregations and
/// exclusions.
struct ScenarioModel: Sendable {
    let plan: BlockPlan
    let data: BlockData
    let inputs: [UncertaintySpec.Input]
    /// The first dimension of each input.
    let offsets: [Int]
    /// The inputs that change leaf scores, with their number of alternatives (mixed radix).
    let leafInputs: [(input: Int, count: Int)]
    /// Leaf scores for every combination of ``leafInputs`` choices.
    let variants: [LeafScores]
    /// Per input, the plan positions it touches in this block (absent nodes left out; `-1` keeps
    /// the dimension of a weights input whose node the block does not have).
    let positions: [[Int]]
    let nominalIndex: [Double]
    let nominalRanks: [Int]

    init(spec: UncertaintySpec, plan: BlockPlan, answers: [UnitAnswers], previous: [UnitAnswers]) throws {
        self.plan = plan
        data = BlockData(plan: plan, answers: answers)
        let previousData = previous.isEmpty ? nil : BlockData(plan: plan, answers: previous)
        inputs = spec.inputs
        var offsets: [Int] = [], total = 0
        for input in inputs { offsets.append(total); total += input.kind.dimensions }
        self.offsets = offsets

        func leavesUnder(_ scope: [String]) -> [Int] {
            guard !scope.isEmpty else { return plan.leafIndices }
            let roots = Set(scope.compactMap { plan.index(of: $0) })
            return plan.leafIndices.filter { leaf in
                var node: Int? = leaf
                while let current = node { if roots.contains(current) { return true }; node = plan.nodes[current].parent }
                return false
            }
        }
        var positions: [[Int]] = []
        var leafInputs: [(Int, Int)] = []
        for (i, input) in inputs.enumerated() {
            switch input.kind {
            case .weights(let nodes, _): positions.append(nodes.map { plan.index(of: $0) ?? -1 })
            case .aggregation(let nodes, _, _): positions.append(nodes.compactMap { plan.index(of: $0) }.filter { !plan.nodes[$0].isLeaf })
            case .exclusion(let indicators): positions.append(indicators.map { plan.index(of: $0) ?? -1 })
            case .normalisation(let scope, let alternatives):
                positions.append(leavesUnder(scope))
                leafInputs.append((i, alternatives.count))
            case .imputation(let scope, let alternatives):
                positions.append(leavesUnder(scope))
                leafInputs.append((i, alternatives.count))
            case .treatment(let scope, let alternatives):
                positions.append(leavesUnder(scope))
                leafInputs.append((i, alternatives.count))
            }
        }
        self.positions = positions
        self.leafInputs = leafInputs
        let combinations = leafInputs.reduce(1) { $0 * max($1.1, 1) }
        guard combinations <= 4096 else {
            throw DiagnosticError([Diagnostic(.outOfRange, .tooManyVariants(combinations), at: SourceLocation(file: spec.fileName))])
        }
        var variants: [LeafScores] = []
        for combination in 0..<combinations {
            var variant = plan
            var rest = combination
            for (input, count) in leafInputs {
                let choice = rest % count
                rest /= count
                switch inputs[input].kind {
                case .normalisation(_, let alternatives):
                    for leaf in positions[input] {
                        guard let declared = variant.nodes[leaf].scoring, var alternative = alternatives[choice] else { continue }
                        alternative.direction = declared.direction
                        variant.nodes[leaf].scoring = alternative
                    }
                case .treatment(_, let alternatives):
                    if let treatment = alternatives[choice] {
                        for leaf in positions[input] { variant.nodes[leaf].treatment = treatment.isIdentity ? nil : treatment }
                    }
                case .imputation(_, let alternatives):
                    if let imputation = alternatives[choice] {
                        for leaf in positions[input] { variant.nodes[leaf].imputation = imputation }
                    }
                default: break
                }
            }
            variants.append(Engine.scoreLeaves(variant, data: data, previous: previousData))
        }
        self.variants = variants
        nominalIndex = try Engine.indexScores(plan, data: data, leaves: Engine.scoreLeaves(plan, data: data, previous: previousData))
        nominalRanks = Engine.ranks(nominalIndex, ranking: plan.methodology.ranking)
    }

    static func choice(_ u: Double, of count: Int) -> Int { min(Int(u * Double(count)), count - 1) }

    /// The ranks of the block's units in the scenario at `point` (unranked units count as last).
    func ranks(_ point: [Double]) throws -> [Int] {
        var variant = 0, radix = 1
        for (input, count) in leafInputs {
            variant += Self.choice(point[offsets[input]], of: count) * radix
            radix *= count
        }
        var scenario = plan
        var excluded: [Int] = []
        for (i, input) in inputs.enumerated() {
            let u = point[offsets[i]]
            switch input.kind {
            case .weights(_, let perturbation):
                for (k, node) in positions[i].enumerated() where node >= 0 {
                    scenario.nodes[node].weight *= 1 + perturbation * (2 * point[offsets[i] + k] - 1)
                }
            case .aggregation(_, let alternatives, let zeroScores):
                if let aggregation = alternatives[Self.choice(u, of: alternatives.count)] {
                    for node in positions[i] {
                        scenario.nodes[node].aggregation = aggregation
                        if let zeroScores { scenario.nodes[node].zeroScores = zeroScores }
                    }
                }
            case .exclusion:
                let choice = Self.choice(u, of: positions[i].count + 1)
                if choice > 0, positions[i][choice - 1] >= 0 { excluded.append(positions[i][choice - 1]) }
            case .normalisation, .imputation, .treatment:
                break
            }
        }
        for node in excluded { scenario.nodes[node].weight = 0 }
        let index = try Engine.indexScores(scenario, data: data, leaves: variants[variant])
        let ranks = Engine.ranks(index, ranking: plan.methodology.ranking)
        return ranks.map { $0 == 0 ? index.count : $0 }
    }
}
