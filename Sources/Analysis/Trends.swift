import IndexCore

/// How a methodology changed between two editions: which nodes can be compared and which not.
///
/// Two nodes are comparable when they have the same id in both editions and the same definition:
/// for a leaf the same value expression, scoring rule and weight; for a group the same
/// aggregation, rescale, weight and comparable children; and for both the same handling of
/// missing and extreme values (missing-data policy, `impute`, treatment, `zero_scores`,
/// `data_threshold`, and `screening` for the index). Only comparable nodes are compared
/// across years; the others are listed with the reason.
public struct Comparability: Sendable, Hashable {
    /// A node left out of a comparison, and why.
    public struct Exclusion: Sendable, Hashable {
        /// The node's id (in the plan where it exists).
        public var nodeID: String
        /// Why it is left out: not in the earlier edition, dropped in the later one, or its rule or
        /// weights changed.
        public var reason: LocalizedText
    }

    /// Ids of nodes present and defined the same way in both plans, in the later plan's tree order.
    public var comparable: [String]
    /// Nodes present in only one plan or defined differently.
    public var excluded: [Exclusion]

    /// Whether the index itself (the root) is comparable.
    public var indexComparable: Bool

    /// Compares the nodes of two plans of the same block.
    public init(earlier: BlockPlan, later: BlockPlan) {
        let old = Dictionary(earlier.nodes.indices.map { (earlier.nodes[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        var comparable: [String] = [], excluded: [Exclusion] = []
        let (earlierFull, laterFull) = (Self.signatures(earlier), Self.signatures(later))
        var rulesOnly: (earlier: [String], later: [String])?
        for index in Self.preOrder(later) {
            let id = later.nodes[index].id
            guard let before = old[id] else {
                excluded.append(Exclusion(nodeID: id, reason: LocalizedText(vi: "không có trong bộ chỉ số trước", en: "not in the earlier edition")))
                continue
            }
            if earlierFull[before] == laterFull[index] {
                comparable.append(id)
                continue
            }
            if rulesOnly == nil { rulesOnly = (Self.signatures(earlier, handling: false), Self.signatures(later, handling: false)) }
            if rulesOnly!.earlier[before] == rulesOnly!.later[index] {
                // Same rules and weights, but missing or extreme values are handled otherwise: the
                // scores can differ for the same answers, so the node is not compared either.
                let (was, now) = (Self.handling(earlier, before), Self.handling(later, index))
                let changed = Set(was.keys).union(now.keys).filter { was[$0] != now[$0] }.sorted()
                excluded.append(Exclusion(nodeID: id, reason: changed.isEmpty
                    ? LocalizedText(vi: "cách xử lý dữ liệu thiếu của một thành phần đã thay đổi", en: "a component's handling of missing data changed")
                    : LocalizedText(vi: "cách xử lý dữ liệu thiếu đã thay đổi (\(changed.joined(separator: ", ")))", en: "handling of missing data changed (\(changed.joined(separator: ", ")))")))
            } else {
                excluded.append(Exclusion(nodeID: id, reason: LocalizedText(vi: "quy tắc hoặc trọng số đã thay đổi", en: "rule or weights changed")))
            }
        }
        let laterIDs = Set(later.nodes.map(\.id))
        for index in Self.preOrder(earlier) where !laterIDs.contains(earlier.nodes[index].id) {
            excluded.append(Exclusion(nodeID: earlier.nodes[index].id, reason: LocalizedText(vi: "không còn trong bộ chỉ số sau", en: "dropped in the later edition")))
        }
        self.comparable = comparable
        self.excluded = excluded
        indexComparable = comparable.contains(later.root.id)
    }

    /// Every node's signature, by node index: a text standing for everything that decides the
    /// node's scores (ids, expressions, rules, weights, aggregation and, with `handling`, how
    /// missing and extreme values are handled — see ``handling(_:_:)``), so equal texts mean
    /// comparable nodes. A group's text holds its children's, so the texts are made children
    /// first, each once: one pass over the plan, not one per node and ancestor.
    static func signatures(_ plan: BlockPlan, handling: Bool = true) -> [String] {
        var texts = [String](repeating: "", count: plan.nodes.count)
        for index in preOrder(plan).reversed() {
            let node = plan.nodes[index]
            let settings = handling ? "|" + Self.handling(plan, index).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";") : ""
            if node.isLeaf {
                texts[index] = "leaf(\(node.value?.description ?? "")|\(node.scoring.map { String(describing: $0) } ?? "")|\(node.weight)|\(node.zeroWhen?.description ?? "")\(settings))"
            } else {
                let children = node.children.map { "\(plan.nodes[$0].id)=\(texts[$0])" }.joined(separator: ",")
                texts[index] = "group(\(node.aggregation.rawValue)|\(node.rescale?.rawValue ?? "")|\(node.weight)|\(node.zeroWhen?.description ?? "")\(settings)|[\(children)])"
            }
        }
        return texts
    }

    /// The settings, by methodology key, that decide how a node handles missing and extreme values
    /// (two editions differing only in these still score the same answers differently): the
    /// missing-data policy; for leaves the imputation (`impute`) and treatment; for groups
    /// `data_threshold`, and `zero_scores` where the aggregation meets it (geometric, harmonic,
    /// power means); for the index, the methodology's `screening`.
    static func handling(_ plan: BlockPlan, _ index: Int) -> [String: String] {
        let node = plan.nodes[index]
        var settings = ["missing": node.missing.rawValue]
        if node.isLeaf {
            settings["impute"] = node.imputation.rawValue + (node.imputationGroup.map { " by \($0)" } ?? "")
            settings["treatment"] = node.treatment.map { String(describing: $0) } ?? "none"
        } else {
            settings["data_threshold"] = node.dataThreshold.map { "\($0)" } ?? "none"
            switch node.aggregation {
            case .geometric, .harmonic, .power: settings["zero_scores"] = node.zeroScores.rawValue
            case .arithmetic, .median, .copeland: break
            }
        }
        if index == plan.rootIndex {
            settings["screening"] = plan.methodology.screening.map { "\($0.dataThreshold)" } ?? "none"
        }
        return settings
    }

    /// Node indices root first, then each child's subtree in order.
    static func preOrder(_ plan: BlockPlan) -> [Int] {
        var order: [Int] = [], stack = [plan.rootIndex]
        while let index = stack.popLast() {
            order.append(index)
            stack.append(contentsOf: plan.nodes[index].children.reversed())
        }
        return order
    }
}

/// One block's values in one period, by unit: the index, its rank and every node's score,
/// either as computed or mapped through the unit registry's lineage.
public struct Standing: Sendable {
    /// One unit of a ``Standing``.
    public struct Entry: Sendable, Hashable {
        /// The unit's registry id.
        public var id: String
        /// The unit's name.
        public var name: String
        /// The unit's index (NaN when missing).
        public var value: Double
        /// 0 when unranked.
        public var rank: Int
        /// Scores by node id (non-root nodes).
        public var scores: [String: Double]
        /// For a lineage view: the units whose values this entry combines.
        public var ancestors: [String]?
    }

    /// The data year of the standing, when known.
    public var period: Int?
    /// The plan the block was computed with (node ids and labels of ``Entry/scores``).
    public var plan: BlockPlan
    /// Units by id, in id order.
    public var entries: [Entry]

    /// The standing as computed.
    public init(_ block: BlockResult, period: Int?) {
        self.init(block, period: period, nodeScores: true)
    }

    /// The standing as computed; without `nodeScores` the entries' ``Entry/scores`` are left
    /// empty (a trend of one period compares no node, and the dictionaries were most of a live
    /// self-assessment's trend work).
    init(_ block: BlockResult, period: Int?, nodeScores: Bool) {
        self.period = period
        plan = block.plan
        let root = block.plan.rootIndex
        entries = block.units.indices.map { u in
            var scores: [String: Double] = [:]
            if nodeScores {
                scores.reserveCapacity(block.plan.nodes.count - 1)
                for n in block.plan.nodes.indices where n != root { scores[block.plan.nodes[n].id] = block.score[n][u] }
            }
            return Entry(id: block.units[u].unitID, name: block.units[u].name, value: block.score[root][u], rank: block.rank[root][u], scores: scores, ancestors: nil)
        }.sorted { $0.id < $1.id }
    }

    /// The standing mapped onto the units valid on `day`: each successor's index and scores
    /// combine its ancestors' (``UnitRegistry/mapValues(_:from:to:block:rule:)``), and the index
    /// is ranked again among the successors, on values rounded as the methodology publishes them.
    public init(_ block: BlockResult, period: Int?, mappedTo day: Day, registry: UnitRegistry, rule: LineageRule? = nil) {
        let direct = Standing(block, period: period)
        self.period = period
        plan = block.plan
        let from = Day.endOf(year: period ?? day.year)
        let blockID = block.plan.block.id
        func mapped(_ value: (Entry) -> Double) -> [(unit: RegisteredUnit, value: Double, ancestors: [String])] {
            let values = Dictionary(uniqueKeysWithValues: direct.entries.map { ($0.id, value($0)) })
            return registry.mapValues(values, from: from, to: day, block: blockID, rule: rule)
        }
        let index = mapped(\.value).sorted { $0.unit.id < $1.unit.id }
        var scoresByUnit: [String: [String: Double]] = [:]
        for node in block.plan.nodes where node.id != block.plan.root.id {
            for item in mapped({ $0.scores[node.id] ?? .nan }) { scoresByUnit[item.unit.id, default: [:]][node.id] = item.value }
        }
        let ranks = block.plan.methodology.ranking.ranks(index.map { $0.value })
        entries = index.enumerated().map { i, item in
            Entry(id: item.unit.id, name: item.unit.name, value: item.value, rank: ranks[i], scores: scoresByUnit[item.unit.id] ?? [:], ancestors: item.ancestors)
        }
    }

    /// The mean of the present index values.
    public var mean: Double { NodeStatistics(entries.map(\.value)).mean }

    /// The mean score of a node across the units that have one.
    public func mean(of nodeID: String) -> Double { NodeStatistics(entries.map { $0.scores[nodeID] ?? .nan }).mean }

    /// The entry of the unit with the given id, if it is in the standing.
    public func entry(_ id: String) -> Entry? { entries.first { $0.id == id } }
}

/// Trends over periods: block means per year and their change, each unit's value and rank
/// change, the biggest movers, and which components rose most.
///
/// Built from the results of several periods, possibly of different methodology editions: the
/// latest period is compared with the one before it on the nodes that are comparable
/// (``Comparability``), and what was left out is said. Across a merger of units, pass a registry
/// and a date: every period is then mapped onto the units valid on that date.
public struct Trends: Sendable {
    /// A unit's change between the base period and the latest.
    public struct UnitChange: Sendable, Hashable {
        /// The unit's registry id.
        public var id: String
        /// The unit's name (in the latest period).
        public var name: String
        /// The latest index (NaN when missing).
        public var value: Double
        /// The base period's index (NaN when the unit has none or the index is not comparable).
        public var previous: Double
        /// 0 when unranked.
        public var rank: Int
        /// 0 when unranked or absent in the base period.
        public var previousRank: Int
        /// For a lineage view: the units whose values this unit combines (latest period).
        public var ancestors: [String]?

        /// `value − previous`; NaN when either is missing.
        public var change: Double { value - previous }
        /// Places gained (positive) or lost (negative); `nil` when either rank is missing.
        public var placesGained: Int? { rank > 0 && previousRank > 0 ? previousRank - rank : nil }
    }

    /// The change of a node's block mean.
    public struct ComponentChange: Sendable, Hashable {
        /// The node's id.
        public var id: String
        /// The node's name.
        public var label: LocalizedText
        /// 1 for categories (children of the index), deeper nodes more.
        public var depth: Int
        /// The node's block mean in the base period (NaN when absent).
        public var previousMean: Double
        /// The node's block mean in the latest period (NaN when absent).
        public var mean: Double
        /// `mean − previousMean`; NaN when either is missing.
        public var change: Double { mean - previousMean }
    }

    /// The trend of one block.
    public struct BlockTrend: Sendable {
        /// The block (as the latest period's methodology declares it).
        public var block: Block
        /// The block mean of the index in each of ``Trends/periods`` (NaN when the block has no
        /// result that period).
        public var means: [Double]
        /// Whether each period's index is comparable with the latest's.
        public var comparableWithLatest: [Bool]
        /// What was compared between the base period and the latest.
        public var comparability: Comparability?
        /// Every unit of the latest period, in rank order.
        public var units: [UnitChange]
        /// The comparable nodes' mean changes in tree order.
        public var components: [ComponentChange]

        /// The latest mean minus the base mean (NaN when not comparable or absent).
        public var meanChange: Double {
            guard means.count > 1, comparableWithLatest[means.count - 2] else { return .nan }
            return means[means.count - 1] - means[means.count - 2]
        }

        /// The categories (first-level components) ordered by how much their mean rose, most first.
        public var risers: [ComponentChange] {
            components.filter { $0.depth == 1 && !$0.change.isNaN }.sorted { ($0.change, $1.id) > ($1.change, $0.id) }
        }

        /// The units that gained the most (value change), at most `count`, biggest first.
        public func moversUp(_ count: Int) -> [UnitChange] {
            Array(units.filter { $0.change > 0 }.sorted { ($0.change, $1.id) > ($1.change, $0.id) }.prefix(count))
        }

        /// The units that lost the most, at most `count`, biggest fall first.
        public func moversDown(_ count: Int) -> [UnitChange] {
            Array(units.filter { $0.change < 0 }.sorted { ($0.change, $0.id) < ($1.change, $1.id) }.prefix(count))
        }
    }

    /// The periods in ascending order.
    public var periods: [Int]
    /// The main (latest) period.
    public var latest: Int? { periods.last }
    /// The period the latest is compared with.
    public var base: Int? { periods.count > 1 ? periods[periods.count - 2] : nil }
    /// The methodology edition of each period.
    public var editions: [String]
    /// One trend per block of the latest period, in its methodology's block order.
    public var blocks: [BlockTrend]
    /// For a lineage view: the date whose units are shown.
    public var asOf: Day?

    /// The trends of `results` (one per period, any order). With `registry` and `asOf`, every
    /// period is mapped onto the units valid on `asOf` by the registry's lineage (or `rule`).
    public init(_ results: [IndexResult], registry: UnitRegistry? = nil, asOf: Day? = nil, rule: LineageRule? = nil) {
        let sorted = results.sorted { ($0.period ?? .min) < ($1.period ?? .min) }
        periods = sorted.map { $0.period ?? 0 }
        editions = sorted.map(\.methodology.edition)
        self.asOf = registry == nil ? nil : asOf
        guard let last = sorted.last else {
            blocks = []
            return
        }
        func standing(_ result: IndexResult, _ block: String) -> Standing? {
            guard let computed = result.block(block) else { return nil }
            if let registry, let asOf { return Standing(computed, period: result.period, mappedTo: asOf, registry: registry, rule: rule) }
            // Node scores are compared only between two periods.
            return Standing(computed, period: result.period, nodeScores: sorted.count > 1)
        }
        blocks = last.blocks.map { latestBlock in
            let id = latestBlock.plan.block.id
            let standings = sorted.map { standing($0, id) }
            let current = standings.last!!
            // The latest period is comparable with itself: its plan is not compared with itself
            // (most of a one-period report's — and a live self-assessment's — trend work).
            let comparabilities = standings.dropLast().map { $0.map { Comparability(earlier: $0.plan, later: current.plan) } }
            let means = standings.map { $0?.mean ?? .nan }
            let comparable = comparabilities.map { $0?.indexComparable ?? false } + [true]
            let baseStanding = standings.count > 1 ? standings[standings.count - 2] : nil
            let comparability = standings.count > 1 ? comparabilities[standings.count - 2] : nil
            let indexComparable = comparability?.indexComparable ?? false
            let units = current.entries.map { entry in
                let before = indexComparable ? baseStanding?.entry(entry.id) : nil
                return UnitChange(id: entry.id, name: entry.name, value: entry.value, previous: before?.value ?? .nan,
                                  rank: entry.rank, previousRank: before?.rank ?? 0, ancestors: entry.ancestors)
            }.sorted { ($0.rank == 0 ? Int.max : $0.rank, $0.id) < ($1.rank == 0 ? Int.max : $1.rank, $1.id) }
            var components: [ComponentChange] = []
            if let baseStanding, let comparability {
                for nodeID in comparability.comparable where nodeID != current.plan.root.id {
                    let node = current.plan.nodes[current.plan.index(of: nodeID)!]
                    components.append(ComponentChange(id: nodeID, label: node.label, depth: node.depth, previousMean: baseStanding.mean(of: nodeID), mean: current.mean(of: nodeID)))
                }
            }
            return BlockTrend(block: latestBlock.plan.block, means: means, comparableWithLatest: comparable, comparability: comparability, units: units, components: components)
        }
    }

    /// The trend of the block with the given id, if the latest period has it.
    public func block(_ id: String) -> BlockTrend? { blocks.first { $0.block.id == id } }
}
