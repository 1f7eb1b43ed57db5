import IndexCore

/// What a ranking output shows, independent of format: per block, each unit's index, rank and
/// component values. Built from an ``IndexResult`` directly, or mapped through the unit registry's
/// lineage onto the units of another date (a 34-province view of 2019).
public struct RankingTable: Sendable {
    /// One node's value and rank for a unit (a column of the table).
    public struct Component: Sendable, Hashable {
        /// The node's id, e.g. `c1` or `c4.level4`.
        public var id: String
        /// The unit's score on the node (NaN when missing).
        public var value: Double
        /// 0 when unranked.
        public var rank: Int
    }

    /// A unit's group under one unit attribute (`attributes:`) and its rank within that group.
    public struct GroupRank: Sendable, Hashable {
        /// The attribute, e.g. `region`.
        public var attribute: String
        /// The unit's value of the attribute (its group); `nil` when it has none.
        public var group: String?
        /// The competition rank of the unit's index among the block's units of the same group, on
        /// the published rounding; 0 when unranked or without a group.
        public var rank: Int
    }

    /// One unit of a block.
    public struct Row: Sendable, Hashable {
        /// The unit's id.
        public var id: String
        /// The unit's name.
        public var name: String
        /// The unit's index (NaN when it has none).
        public var value: Double
        /// 0 when unranked.
        public var rank: Int
        /// Every node other than the root, in tree order.
        public var components: [Component]
        /// For a lineage view: the units whose values this row combines.
        public var ancestors: [String]?
        /// The unit's group and rank within it for each of the methodology's unit attributes, in
        /// declared order (empty when it declares none, and in a lineage view).
        public var groups: [GroupRank] = []
    }

    /// One block's ranking.
    public struct Section: Sendable {
        /// The block ranked.
        public var block: Block
        /// The first-level nodes (categories) with their labels, for table columns.
        public var categories: [(id: String, label: LocalizedText)]
        /// Rows in rank order, ties by id, unranked last.
        public var rows: [Row]
        /// Units left out of the block by the methodology's `screening:`, each with the reason.
        public var screened: [ScreenedUnit] = []

        /// Count, mean, median, minimum and maximum of the rows' index.
        public var statistics: NodeStatistics { NodeStatistics(rows.map(\.value)) }
    }

    /// The methodology the results come from.
    public var methodology: Methodology
    /// The data year.
    public var period: Int?
    /// One section per block shown, in the methodology's order.
    public var sections: [Section]
    /// For a lineage view: the date whose units are shown and the rule used.
    public var lineage: (day: Day, rule: LineageRule)?
    /// The group the rows are restricted to (``restricted(to:)``); `nil`: every unit.
    public var group: GroupFilter?

    /// One group of units under a unit attribute (`attributes:`), e.g. `region = north`.
    public struct GroupFilter: Sendable, Hashable {
        /// The attribute's id, e.g. `region`.
        public var attribute: String
        /// The group's value, e.g. `north`.
        public var value: String

        /// The group `value` of `attribute`.
        public init(attribute: String, value: String) {
            self.attribute = attribute
            self.value = value
        }
    }

    /// The groups of `attribute` that the shown units belong to, sorted.
    public func groups(of attribute: String) -> [String] {
        Set(sections.flatMap { $0.rows.flatMap { $0.groups.filter { $0.attribute == attribute }.compactMap(\.group) } }).sorted()
    }

    /// The same ranking with only the units of one group: each keeps its rank in the block
    /// (``Row/rank``) and its rank in the group (``Row/groups``); the statistics of a section are
    /// then the group's. Screened units are kept when their data or registry entry names the group.
    public func restricted(to filter: GroupFilter) -> RankingTable {
        var table = self
        table.group = filter
        table.sections = sections.map { section in
            var section = section
            section.rows = section.rows.filter { row in row.groups.contains { $0.attribute == filter.attribute && $0.group == filter.value } }
            section.screened = section.screened.filter { screened in
                let unit = screened.unit
                let answered = unit.texts[filter.attribute].flatMap { $0.isEmpty ? nil : $0 } ?? unit.values[filter.attribute].map(NumberFormatting.shortest)
                return (answered ?? unit.attributes[filter.attribute]) == filter.value
            }
            return section
        }
        return table
    }

    /// The ranking of `result`, optionally restricted to some blocks.
    public init(_ result: IndexResult, blocks: [String]? = nil) {
        methodology = result.methodology
        period = result.period
        lineage = nil
        sections = result.blocks.filter { blocks?.contains($0.plan.block.id) ?? true }.map { block in
            let plan = block.plan
            let root = plan.rootIndex
            let order = plan.descendantsInTreeOrder
            let attributes = plan.methodology.attributes
            let withinRanks = attributes.map { block.ranks(within: $0) }
            let rows = block.rankedUnitIndices.map { u in
                Row(id: block.units[u].unitID, name: block.units[u].name, value: block.score[root][u], rank: block.rank[root][u],
                    components: order.map { Component(id: plan.nodes[$0].id, value: block.score[$0][u], rank: block.rank[$0][u]) }, ancestors: nil,
                    groups: attributes.indices.map { GroupRank(attribute: attributes[$0], group: block.data.attribute(attributes[$0], unit: u), rank: withinRanks[$0][u]) })
            }
            return Section(block: plan.block, categories: plan.root.children.map { (plan.nodes[$0].id, plan.nodes[$0].label) }, rows: rows, screened: block.screened)
        }
    }

    /// The ranking of `result` mapped onto the units valid on `day`: each successor's index and
    /// components combine its predecessors' (mean, or weighted mean, by the registry's lineage
    /// rule unless `rule` is given), and ranks are formed again among the successors.
    public init(_ result: IndexResult, mappedTo day: Day, registry: UnitRegistry, rule: LineageRule? = nil, blocks: [String]? = nil) {
        let direct = RankingTable(result, blocks: blocks)
        methodology = direct.methodology
        period = direct.period
        let from = Day.endOf(year: result.period ?? day.year)
        let policy = result.methodology.ranking
        lineage = (day, rule ?? .mean)
        sections = direct.sections.map { section in
            let blockRule = rule ?? registry.lineageRules[section.block.id] ?? .mean
            let componentIDs = section.rows.first?.components.map(\.id) ?? []
            func mapped(_ value: (Row) -> Double) -> [String: (value: Double, ancestors: [String], unit: RegisteredUnit)] {
                let values = Dictionary(uniqueKeysWithValues: section.rows.map { ($0.id, value($0)) })
                return Dictionary(uniqueKeysWithValues: registry.mapValues(values, from: from, to: day, block: section.block.id, rule: blockRule).map { ($0.unit.id, ($0.value, $0.ancestors, $0.unit)) })
            }
            let index = mapped(\.value)
            let components = componentIDs.enumerated().map { k, _ in mapped { $0.components[k].value } }
            let ids = index.keys.sorted()
            let indexRanks = policy.ranks(ids.map { index[$0]!.value })
            let componentRanks = components.map { map in policy.ranks(ids.map { map[$0]?.value ?? .nan }) }
            var rows = ids.enumerated().map { i, id in
                Row(id: id, name: index[id]!.unit.name, value: index[id]!.value, rank: indexRanks[i],
                    components: componentIDs.enumerated().map { k, cid in Component(id: cid, value: components[k][id]?.value ?? .nan, rank: componentRanks[k][i]) },
                    ancestors: index[id]!.ancestors)
            }
            rows.sort { ($0.rank == 0 ? Int.max : $0.rank, $0.id) < ($1.rank == 0 ? Int.max : $1.rank, $1.id) }
            return Section(block: section.block, categories: section.categories, rows: rows)
        }
    }

}
