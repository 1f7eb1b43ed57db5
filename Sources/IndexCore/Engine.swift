import Foundation

/// The survey answers of one unit for one period, as the engine reads them.
public struct UnitAnswers: Sendable, Hashable {
    /// The stable unit id.
    public var unitID: String
    /// The display name (Vietnamese, NFC).
    public var name: String
    public var block: String
    public var period: Int?
    /// Numeric answers by field id: counts and numbers as given, yes/no as 1/0, choices as the
    /// option's value. Absent means not answered.
    public var values: [String: Double]
    /// Free-text answers by field id.
    public var texts: [String: String]
    /// Where each answer came from (file, line, column or cell), by field id.
    public var sources: [String: SourceLocation]

    public init(unitID: String, name: String, block: String, period: Int? = nil, values: [String: Double] = [:], texts: [String: String] = [:], sources: [String: SourceLocation] = [:]) {
        self.unitID = unitID
        self.name = name
        self.block = block
        self.period = period
        self.values = values
        self.texts = texts
        self.sources = sources
    }
}

/// The answers of a block's units laid out as one column per field and derived value, units
/// sorted by id so every computation is independent of input order.
public struct BlockData: Sendable {
    public let units: [UnitAnswers]
    /// `columns[c][u]`: the value of ``BlockPlan/columns``[c] for unit `u`; NaN when missing.
    public let columns: [[Double]]

    public var count: Int { units.count }

    public init(plan: BlockPlan, answers: [UnitAnswers]) {
        // The block's units by id (a stable sort, skipped when the answers already come in order).
        var selected = answers.indices.filter { answers[$0].block == plan.block.id }
        if zip(selected, selected.dropFirst()).contains(where: { answers[$0].unitID > answers[$1].unitID }) {
            selected.sort { answers[$0].unitID < answers[$1].unitID }
        }
        let units = selected.map { answers[$0] }
        // Unit by unit, walking each unit's answers once while they are in cache; a field-by-field
        // walk looks every answer up in a different dictionary and misses the cache each time.
        let n = units.count
        var fieldColumns = KeyColumnCache(ColumnLookup(plan.columns.prefix(plan.fieldCount)), fieldCount: plan.fieldCount)
        var table = [Double](repeating: .nan, count: plan.fieldCount * n)
        table.withUnsafeMutableBufferPointer { table in
            for (u, unit) in units.enumerated() {
                for (field, value) in unit.values {
                    let column = fieldColumns.column(field)
                    if column >= 0 { table[column * n + u] = value }
                }
            }
        }
        var columns = (0..<plan.fieldCount).map { Array(table[$0 * n ..< ($0 + 1) * n]) }
        columns.append(contentsOf: Array(repeating: [], count: plan.columns.count - plan.fieldCount))
        for (column, expression) in plan.derived {
            columns[column] = expression.evaluate(columns: columns, count: units.count)
        }
        self.units = units
        self.columns = columns
    }
}

/// ``ColumnLookup`` behind a memo keyed by the raw 16 bytes of the key `String`s.
///
/// Building a block's columns maps every answer of every unit (1.5 million for 10,000 units of 150
/// fields) to its column. The units' dictionaries almost always share their key strings (the ids
/// of the form or CSV header), so the raw bytes of a key, its inline text for a short string or its
/// length and storage address for a long one, repeat from unit to unit and hashing those two words
/// is far cheaper than hashing the text. While the memo is in use every answers dictionary is
/// alive, so its keys' storage cannot be freed and reused: equal bytes always mean the same text.
/// Keys not seen before (or after the memo fills up) go to the ``ColumnLookup``.
struct KeyColumnCache {
    private let lookup: ColumnLookup
    private var first: [UInt64], second: [UInt64]
    /// The column of the key in the slot, -1 for a key that is not a field, `empty` for a free slot.
    private var columns: [Int]
    private var filled = 0
    private let mask: Int, shift: UInt64
    private static let empty = Int.min

    init(_ lookup: ColumnLookup, fieldCount: Int) {
        self.lookup = lookup
        var size = 64
        while size < 4 * fieldCount { size *= 2 }
        first = Array(repeating: 0, count: size)
        second = first
        columns = Array(repeating: Self.empty, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The column of the field `name`, or -1 when it is not one of the block's fields.
    @inline(__always)
    mutating func column(_ name: String) -> Int {
        guard MemoryLayout<String>.size == 16 else { return lookup[name] ?? -1 }
        let (a, b) = unsafeBitCast(name, to: (UInt64, UInt64).self)
        var slot = Int(truncatingIfNeeded: ((a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F)) >> shift) & mask
        while columns[slot] != Self.empty {
            if first[slot] == a && second[slot] == b { return columns[slot] }
            slot = (slot + 1) & mask
        }
        let column = lookup[name] ?? -1
        // Half full at most, so probes stay short; later new keys take the slow path every time.
        if 2 * (filled + 1) <= columns.count {
            first[slot] = a
            second[slot] = b
            columns[slot] = column
            filled += 1
        }
        return column
    }
}

/// Column numbers by field id, behind a cheap FNV-1a hash of the id's UTF-8 bytes: building a
/// block's columns looks up every answer of every unit, and field ids are short.
struct ColumnLookup {
    private var names: [String?]
    private var columns: [Int]
    private let mask: Int

    init(_ fields: some Collection<String>) {
        var size = 16
        while size < 2 * fields.count { size *= 2 }
        names = Array(repeating: nil, count: size)
        columns = Array(repeating: 0, count: size)
        mask = size - 1
        for (column, name) in fields.enumerated() {
            var slot = Self.hash(name) & mask
            while let existing = names[slot], existing != name { slot = (slot + 1) & mask }
            if names[slot] == nil { names[slot] = name; columns[slot] = column }
        }
    }

    subscript(name: String) -> Int? {
        var slot = Self.hash(name) & mask
        while let existing = names[slot] {
            if existing == name { return columns[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private static func hash(_ name: String) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}

/// Leaf raw values and scores of a block: everything that does not depend on weights or
/// aggregation, so reruns with other weights start from here.
public struct LeafScores: Sendable {
    /// `raw[node][unit]` for leaves (empty for groups).
    public var raw: [[Double]]
    /// `score[node][unit]` for leaves before the missing-data policy (empty for groups).
    public var score: [[Double]]
    /// The block quantities each leaf's rule used.
    public var context: [ScoringContext?]
    /// `scored[node][unit]`: the values the rule scored, for leaves whose raw values an
    /// imputation or treatment changed (empty otherwise: the raw values were scored).
    public var scored: [[Double]] = []
    /// Per node: the imputation of missing raw values made (`impute:`), if any.
    public var imputation: [ValueAdjustment?] = []
    /// Per node: the treatment of raw values made (`treatment:`), if any.
    public var treatment: [ValueAdjustment?] = []

    /// The value the rule of leaf `node` scored for unit `unit`: the raw value after imputation
    /// and treatment.
    public func scoredValue(node: Int, unit: Int) -> Double {
        node < scored.count && !scored[node].isEmpty ? scored[node][unit] : raw[node][unit]
    }
}

/// Computes indexes. Pure and deterministic: the same methodology and answers give the same
/// numbers, whatever order the answers come in.
public enum Engine {
    /// Computes every block of `methodology` that has answers.
    ///
    /// - Parameter previous: the answers of the previous period, for leaves that impute missing
    ///   values from it (`impute: previous`); others ignore them.
    public static func compute(_ methodology: Methodology, answers: [UnitAnswers], period: Int? = nil, previous: [UnitAnswers] = []) throws -> IndexResult {
        var blocks: [BlockResult] = []
        var problems: [Diagnostic] = []
        for block in methodology.blocks where answers.contains(where: { $0.block == block.id }) {
            do {
                blocks.append(try compute(BlockPlan(methodology: methodology, block: block.id), answers: answers, previous: previous))
            } catch let error as DiagnosticError {
                problems.append(contentsOf: error.diagnostics)
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return IndexResult(methodology: methodology, period: period ?? answers.compactMap(\.period).first ?? methodology.period, blocks: blocks)
    }

    /// Computes one block.
    ///
    /// - Parameter previous: the answers of the previous period (any blocks), for `impute: previous`.
    public static func compute(_ plan: BlockPlan, answers: [UnitAnswers], previous: [UnitAnswers] = []) throws -> BlockResult {
        let data = BlockData(plan: plan, answers: answers)
        let previousData = previous.isEmpty ? nil : BlockData(plan: plan, answers: previous)
        let leaves = scoreLeaves(plan, data: data, previous: previousData)
        return try aggregate(plan, data: data, leaves: leaves)
    }

    /// Raw values and scores of the leaves: each leaf's expression, then its imputation of missing
    /// values (`impute:`), its treatment (`treatment:`) and its scoring rule.
    ///
    /// - Parameter previous: the block's answers of the previous period, for `impute: previous`.
    public static func scoreLeaves(_ plan: BlockPlan, data: BlockData, previous: BlockData? = nil) -> LeafScores {
        var raw = [[Double]](repeating: [], count: plan.nodes.count)
        var score = raw, scoredValues = raw
        var context = [ScoringContext?](repeating: nil, count: plan.nodes.count)
        var imputations = [ValueAdjustment?](repeating: nil, count: plan.nodes.count)
        var treatments = imputations
        // Previous-period units in this period's order.
        let previousPosition: [Int?]? = previous.map { previous in
            let positions = Dictionary(previous.units.enumerated().map { ($1.unitID, $0) }, uniquingKeysWith: { a, _ in a })
            return data.units.map { positions[$0.unitID] }
        }
        for index in plan.nodes.indices {
            let node = plan.nodes[index]
            guard let expression = node.expression, let scoring = node.scoring else { continue }
            raw[index] = expression.evaluate(columns: data.columns, count: data.count)
            var input = raw[index]
            if node.imputation != .none {
                var previousValues: [Double]?
                if node.imputation == .previous, let previous, let previousPosition {
                    let values = expression.evaluate(columns: previous.columns, count: previous.count)
                    previousValues = previousPosition.map { $0.map { values[$0] } ?? .nan }
                }
                let imputed = node.imputation.apply(input, previous: previousValues)
                input = imputed.values
                imputations[index] = imputed.adjustment
            }
            if let treatment = node.treatment {
                let treated = treatment.apply(input)
                input = treated.values
                treatments[index] = treated.adjustment
            }
            if imputations[index] != nil || treatments[index] != nil { scoredValues[index] = input }
            let scored = scoring.score(input, weight: node.weight)
            score[index] = scored.scores
            context[index] = scored.context
        }
        return LeafScores(raw: raw, score: score, context: context, scored: scoredValues, imputation: imputations, treatment: treatments)
    }

    /// Applies missing-data policies, aggregates groups, rescales and ranks.
    public static func aggregate(_ plan: BlockPlan, data: BlockData, leaves: LeafScores) throws -> BlockResult {
        let (score, imputed, forcedZero) = try nodeScores(plan, data: data, leaves: leaves)
        let decimals = plan.methodology.ranking.decimals
        let (ranks, statistics) = ranksAndStatistics(score, decimals: decimals)
        return BlockResult(plan: plan, data: data, leaves: leaves, score: score, rank: ranks, imputed: imputed, forcedZero: forcedZero, statistics: statistics)
    }

    /// The ranks and statistics of every node, one node at a time while its scores are in cache.
    ///
    /// Nodes are independent, so this could run across cores; on the shared 2-core benchmark
    /// machine that gained nothing at 10,000 units and cost 50% at 1,000 (docs/benchmarks.md).
    static func ranksAndStatistics(_ score: [[Double]], decimals: Int?) -> (ranks: [[Int]], statistics: [NodeStatistics]) {
        var ranks: [[Int]] = [], statistics: [NodeStatistics] = []
        ranks.reserveCapacity(score.count)
        statistics.reserveCapacity(score.count)
        for values in score {
            ranks.append(decimals.map { publishedRanks(values, decimals: $0) } ?? competitionRanks(values))
            statistics.append(NodeStatistics(values))
        }
        return (ranks, statistics)
    }

    /// The index of every unit (the root's scores), as ``aggregate(_:data:leaves:)`` computes it
    /// but without ranks, statistics or a result: the cheap rerun for uncertainty analyses.
    public static func indexScores(_ plan: BlockPlan, data: BlockData, leaves: LeafScores) throws -> [Double] {
        try nodeScores(plan, data: data, leaves: leaves).score[plan.rootIndex]
    }

    /// Competition ranks of a block's index values as the methodology publishes them (on values
    /// rounded to `ranking.decimals` when given); 0 for units without a value.
    public static func ranks(_ values: [Double], ranking: RankingPolicy) -> [Int] {
        ranking.decimals.map { publishedRanks(values, decimals: $0) } ?? competitionRanks(values)
    }

    /// Missing-data policies, aggregation, rescale and `zero_when` for every node.
    static func nodeScores(_ plan: BlockPlan, data: BlockData, leaves: LeafScores) throws -> (score: [[Double]], imputed: [[Bool]], forcedZero: [[Bool]]) {
        let n = data.count
        var score = [[Double]](repeating: [], count: plan.nodes.count)
        var imputed = [[Bool]](repeating: [], count: plan.nodes.count)
        var forcedZero = [[Bool]](repeating: [], count: plan.nodes.count)
        var failures: [Diagnostic] = []
        for index in plan.nodes.indices {
            let node = plan.nodes[index]
            var values = node.isLeaf ? leaves.score[index] : aggregateChildren(plan, node: node, scores: score)
            if let rescale = node.rescale { values = apply(rescale, values) }
            var zeroed = [Bool](repeating: false, count: n)
            for u in 0..<n where values[u].isNaN {
                switch node.missing {
                case .zero:
                    values[u] = 0
                    zeroed[u] = true
                case .reweight:
                    break
                case .fail:
                    let unit = data.units[u]
                    failures.append(Diagnostic(.missingData, "\(unit.name) (\(unit.unitID)) has no value for '\(node.id)' and its missing-data policy is 'fail'"))
                }
            }
            // `zero_when:` comes last: the node scores 0 where its condition holds (not where missing).
            var forced = [Bool](repeating: false, count: node.zeroCondition == nil ? 0 : n)
            if let condition = node.zeroCondition {
                let holds = condition.evaluate(columns: data.columns, count: n)
                for u in 0..<n where !holds[u].isNaN && holds[u] != 0 {
                    values[u] = 0
                    forced[u] = true
                }
            }
            score[index] = values
            imputed[index] = zeroed
            forcedZero[index] = forced
        }
        if !failures.isEmpty { throw DiagnosticError(failures) }
        return (score, imputed, forcedZero)
    }

    static func aggregateChildren(_ plan: BlockPlan, node: PlanNode, scores: [[Double]]) -> [Double] {
        let n = scores[node.children[0]].count
        // Child by child over all units rather than unit by unit over the children: each pass reads
        // one contiguous column. Every unit still adds its children in the same order, so the sums
        // are the same to the bit.
        var weightSum = [Double](repeating: 0, count: n), accumulator = weightSum
        var zero = [Bool](repeating: false, count: n), present = zero
        weightSum.withUnsafeMutableBufferPointer { weightSum in
            accumulator.withUnsafeMutableBufferPointer { accumulator in
                zero.withUnsafeMutableBufferPointer { zero in
                    present.withUnsafeMutableBufferPointer { present in
                        for child in node.children {
                            let w = plan.nodes[child].weight
                            scores[child].withUnsafeBufferPointer { column in
                                for u in 0..<n {
                                    let s = column[u]
                                    if s.isNaN { continue }
                                    present[u] = true
                                    weightSum[u] += w
                                    switch node.aggregation {
                                    case .arithmetic: accumulator[u] += w * s
                                    case .geometric: if s <= 0 { if w > 0 { zero[u] = true } } else { accumulator[u] += w * log(s) }
                                    case .harmonic: if s <= 0 { if w > 0 { zero[u] = true } } else { accumulator[u] += w / s }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return [Double](unsafeUninitializedCapacity: n) { out, initialized in
            for u in 0..<n {
                let sum = weightSum[u], a = accumulator[u]
                if !(sum > 0) {
                    // No child present (or all weights zero): missing, unless some child was present.
                    out[u] = present[u] ? 0 : .nan
                    continue
                }
                switch node.aggregation {
                case .arithmetic: out[u] = a / sum
                case .geometric: out[u] = zero[u] ? 0 : exp(a / sum)
                case .harmonic: out[u] = zero[u] ? 0 : sum / a
                }
            }
            initialized = n
        }
    }

    /// `competitionRanks` of the values rounded to `decimals` places. Rounded values are whole
    /// numbers of 10⁻ᵈ steps, so when they span few steps they are counted instead of sorted:
    /// a unit's rank is one more than the number of units with a higher rounded value.
    static func publishedRanks(_ values: [Double], decimals: Int) -> [Int] {
        let scale = pow(10, Double(decimals)), n = values.count
        // Every node of every block is ranked, so this works on whole numbers of steps held as Int
        // (`Int.min` for a missing value) in loops over unsafe buffers. Below 2⁴⁰ steps the Int is
        // exactly `publishedSteps` (the same truncation and half-away-from-zero step), and ranks
        // only compare steps, so they are those of the rounded values.
        var low = Int.max, high = Int.min, fits = true
        var steps = [Int](repeating: Int.min, count: n)
        steps.withUnsafeMutableBufferPointer { steps in
            values.withUnsafeBufferPointer { values in
                for u in 0..<n {
                    let scaled = values[u] * scale
                    let x = scaled + scaled * 1e-12
                    if x.isNaN { continue }
                    guard x.magnitude < 0x1p40 else { fits = false; return }
                    var step = Int(x)
                    if (x - Double(step)).magnitude >= 0.5 { step += x < 0 ? -1 : 1 }
                    steps[u] = step
                    low = Swift.min(low, step)
                    high = Swift.max(high, step)
                }
            }
        }
        if fits && low > high { return [Int](repeating: 0, count: n) } // no value
        guard fits, high - low <= 8 * n + 16_384 else {
            return competitionRanks(values.map { publishedSteps($0, scale: scale) })
        }
        var ranks = [Int](repeating: 0, count: high - low + 1)
        return ranks.withUnsafeMutableBufferPointer { ranks in
            steps.withUnsafeBufferPointer { steps in
                for step in steps where step != Int.min { ranks[step - low] += 1 }
                // Counts become ranks: 1 + the number of values on a higher step.
                var higher = 0
                for step in ranks.indices.reversed() {
                    let count = ranks[step]
                    ranks[step] = higher + 1
                    higher += count
                }
                return [Int](unsafeUninitializedCapacity: n) { out, initialized in
                    for u in 0..<n { out[u] = steps[u] == Int.min ? 0 : ranks[steps[u] - low] }
                    initialized = n
                }
            }
        }
    }

    static func apply(_ rescale: Rescale, _ values: [Double]) -> [Double] {
        switch rescale {
        case .minMax:
            return Scoring(.minMax).score(values, weight: 1).scores
        }
    }
}
