import IndexCore

/// A statistical audit of one block's data for a methodology: availability, distributions and
/// outliers, correlations among indicators and with their parents, internal consistency and
/// dimensionality of every group, and flags for what deserves a look.
///
/// Indicators are the leaves of the block's plan. Availability, skewness and kurtosis are those of
/// the raw values (what the expressions give, before imputation, treatment and scoring);
/// correlations, Cronbach's alpha and principal components use the leaves' scores (before the
/// missing-data policy) and the groups' computed scores, each over the units where the values
/// involved are present.
public struct DataAudit: Sendable {
    /// The thresholds of the flags.
    public struct Thresholds: Hashable, Sendable {
        /// Sibling pairs with a Pearson correlation above this are collinear (default 0.9).
        public var collinear: Double = 0.9
        /// Sibling pairs with a Pearson correlation below this are negatively correlated (default 0).
        public var negative: Double = 0
        /// Indicators and units with a smaller share of values present are flagged (default 2/3).
        public var availability: Double = 2.0 / 3.0
        /// The outlier rule: |skewness| above this (default 2) …
        public var skewness: Double = 2
        /// … and kurtosis above this (default 3.5).
        public var kurtosis: Double = 3.5

        /// The default thresholds (COINr's and the JRC's usual ones).
        public init() {}
    }

    /// One indicator (leaf).
    public struct Indicator: Hashable, Sendable {
        /// The leaf's node id.
        public var id: String
        /// The leaf's name.
        public var label: LocalizedText
        /// The parent group's id.
        public var parent: String
        /// Units with a raw value.
        public var present: Int
        /// `present` over the units of the block.
        public var availability: Double
        /// The lowest raw value present (NaN when none is).
        public var minimum: Double
        /// The highest raw value present (NaN when none is).
        public var maximum: Double
        /// The mean of the raw values present (NaN when none is).
        public var mean: Double
        /// Sample skewness and excess kurtosis of the raw values (see ``SampleMoments``).
        public var skewness: Double
        /// The sample excess kurtosis of the raw values (0 for a normal distribution).
        public var kurtosis: Double
        /// |skewness| and kurtosis both exceed their thresholds.
        public var hasOutliers: Bool
        /// Correlations of the indicator's scores with its parent's scores.
        public var pearsonWithParent: Double
        /// Spearman's rank correlation of the indicator's scores with its parent's (ties get mean
        /// ranks).
        public var spearmanWithParent: Double
    }

    /// One unit.
    public struct Unit: Hashable, Sendable {
        /// The unit's registry id.
        public var id: String
        /// The unit's name.
        public var name: String
        /// Indicators with a raw value for the unit.
        public var present: Int
        /// `present` over the block's indicators, on 0–1.
        public var availability: Double
    }

    /// One group (a category at any level, the index included).
    public struct Group: Hashable, Sendable {
        /// The group's node id.
        public var id: String
        /// The group's name.
        public var label: LocalizedText
        /// The depth in the tree (0 for the index).
        public var level: Int
        /// The children's node ids, in the methodology's order.
        public var children: [String]
        /// Cronbach's alpha of the children's scores.
        public var cronbachAlpha: Double
        /// The share of the variance of the standardised children's scores carried by the first
        /// principal component.
        public var firstComponentShare: Double
        /// Correlations of each child's scores with this group's scores, in child order.
        public var pearsonWithChildren: [Double]
        /// Spearman's rank correlation of each child's scores with this group's, in child order.
        public var spearmanWithChildren: [Double]
        /// Correlations among the children, `[i][j]`.
        public var pearson: [[Double]]
        /// Spearman's rank correlations among the children, `[i][j]`.
        public var spearman: [[Double]]
    }

    /// What a flag is about.
    public enum FlagKind: String, Hashable, Sendable, CaseIterable {
        /// Two siblings correlate above ``Thresholds/collinear``: they may measure the same thing
        /// twice.
        case collinear
        /// Two siblings correlate below ``Thresholds/negative``: they pull their parent in opposite
        /// directions.
        case negativeCorrelation = "negative-correlation"
        /// An indicator has values for fewer units than ``Thresholds/availability`` asks.
        case lowIndicatorAvailability = "low-indicator-availability"
        /// A unit has values for fewer indicators than ``Thresholds/availability`` asks.
        case lowUnitAvailability = "low-unit-availability"
        /// An indicator's raw values are skewed by the outlier rule (|skewness| and kurtosis above
        /// their thresholds).
        case outliers
    }

    /// Something the audit suggests looking at.
    public struct Flag: Hashable, Sendable {
        /// What the flag is about.
        public var kind: FlagKind
        /// The ids involved: an indicator, a unit, or a pair of siblings.
        public var subjects: [String]
        /// The group of a pair.
        public var group: String?
        /// The flag in a sentence for the terminal and reports (English), with the numbers.
        public var message: String
    }

    /// The block audited.
    public var block: Block
    /// The thresholds the flags were raised with.
    public var thresholds: Thresholds
    /// The number of units in the block.
    public var unitCount: Int
    /// Every leaf of the block's plan, in the plan's order (``BlockPlan/leafIndices``).
    public var indicators: [Indicator]
    /// Every unit of the block, sorted by id.
    public var units: [Unit]
    /// Every group of the block's plan, the index first (the reverse of the plan's children-first
    /// order).
    public var groups: [Group]
    /// Correlations among all indicators, in ``indicators`` order.
    public var pearson: [[Double]]
    /// Spearman's rank correlations among all indicators, in ``indicators`` order.
    public var spearman: [[Double]]
    /// What deserves a look, in the order found.
    public var flags: [Flag]

    /// Audits a computed block.
    public init(_ result: BlockResult, thresholds: Thresholds = Thresholds()) {
        let plan = result.plan
        let n = result.units.count
        block = plan.block
        self.thresholds = thresholds
        unitCount = n
        let leaves = plan.leafIndices
        // Scores of every node as the audit uses them: leaves before the missing-data policy.
        func values(_ node: Int) -> [Double] { plan.nodes[node].isLeaf ? result.leaves.score[node] : result.score[node] }
        var flags: [Flag] = []
        func number(_ x: Double) -> String { x.isNaN ? "—" : NumberFormatting.format(PublishedRounding.round(x, decimals: 3)) }

        indicators = leaves.map { node in
            let raw = result.leaves.raw[node]
            let present = raw.filter { !$0.isNaN }
            let statistics = NodeStatistics(raw)
            let skew = SampleMoments.skewness(raw), kurt = SampleMoments.kurtosis(raw)
            let parent = plan.nodes[node].parent ?? plan.rootIndex
            return Indicator(
                id: plan.nodes[node].id, label: plan.nodes[node].label, parent: plan.nodes[parent].id,
                present: present.count, availability: n > 0 ? Double(present.count) / Double(n) : .nan,
                minimum: statistics.minimum, maximum: statistics.maximum, mean: statistics.mean,
                skewness: skew, kurtosis: kurt,
                hasOutliers: !skew.isNaN && !kurt.isNaN && abs(skew) > thresholds.skewness && kurt > thresholds.kurtosis,
                pearsonWithParent: AuditStatistics.pearson(values(node), result.score[parent]),
                spearmanWithParent: AuditStatistics.spearman(values(node), result.score[parent])
            )
        }
        for indicator in indicators {
            if indicator.availability < thresholds.availability {
                flags.append(Flag(kind: .lowIndicatorAvailability, subjects: [indicator.id], message: "\(indicator.id): \(indicator.present) of \(n) units have a value (\(number(indicator.availability * 100))%)"))
            }
            if indicator.hasOutliers {
                flags.append(Flag(kind: .outliers, subjects: [indicator.id], message: "\(indicator.id): skewness \(number(indicator.skewness)), kurtosis \(number(indicator.kurtosis))"))
            }
        }
        units = result.units.indices.map { u in
            let present = leaves.filter { !result.leaves.raw[$0][u].isNaN }.count
            return Unit(id: result.units[u].unitID, name: result.units[u].name, present: present, availability: leaves.isEmpty ? .nan : Double(present) / Double(leaves.count))
        }
        for unit in units where unit.availability < thresholds.availability {
            flags.append(Flag(kind: .lowUnitAvailability, subjects: [unit.id], message: "\(unit.name) (\(unit.id)): \(unit.present) of \(leaves.count) indicators have a value"))
        }
        let leafValues = leaves.map(values)
        pearson = leafValues.map { a in leafValues.map { b in AuditStatistics.pearson(a, b) } }
        spearman = leafValues.map { a in leafValues.map { b in AuditStatistics.spearman(a, b) } }

        var groups: [Group] = []
        for (index, node) in plan.nodes.enumerated().reversed() where !node.isLeaf {
            let children = node.children.map(values)
            let own = result.score[index]
            let p = children.map { a in children.map { b in AuditStatistics.pearson(a, b) } }
            let s = children.map { a in children.map { b in AuditStatistics.spearman(a, b) } }
            let ids = node.children.map { plan.nodes[$0].id }
            for i in ids.indices {
                for j in (i + 1)..<max(ids.count, i + 1) {
                    if p[i][j] > thresholds.collinear {
                        flags.append(Flag(kind: .collinear, subjects: [ids[i], ids[j]], group: node.id, message: "\(ids[i]) and \(ids[j]) in \(node.id): Pearson \(number(p[i][j]))"))
                    }
                    if p[i][j] < thresholds.negative {
                        flags.append(Flag(kind: .negativeCorrelation, subjects: [ids[i], ids[j]], group: node.id, message: "\(ids[i]) and \(ids[j]) in \(node.id): Pearson \(number(p[i][j]))"))
                    }
                }
            }
            groups.append(Group(
                id: node.id, label: node.label, level: node.depth, children: ids,
                cronbachAlpha: AuditStatistics.cronbachAlpha(children),
                firstComponentShare: AuditStatistics.firstComponentShare(children),
                pearsonWithChildren: children.map { AuditStatistics.pearson($0, own) },
                spearmanWithChildren: children.map { AuditStatistics.spearman($0, own) },
                pearson: p, spearman: s
            ))
        }
        self.groups = groups
        self.flags = flags
    }
}
