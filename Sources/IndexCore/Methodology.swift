/// A composite index as declared in a methodology file: its identity, the blocks it ranks
/// separately, the survey fields it reads, derived values, and the indicator tree with scoring,
/// weights, aggregation and missing-data rules.
///
/// A `Methodology` is plain data. Load one with ``MethodologyLoader``; compute with ``Engine``
/// after compiling it for a block with ``BlockPlan``.
public struct Methodology: Sendable {
    /// A stable id, e.g. `vn-it-application-2019`.
    public var id: String
    /// The index family across editions, e.g. `vn-it-application`. Trends compare one family.
    public var family: String
    /// The edition, e.g. `2019`.
    public var edition: String
    /// The data year the edition assesses, when fixed.
    public var period: Int?
    public var title: LocalizedText
    /// The legal documents the methodology follows.
    public var sources: [LegalSource]
    public var notes: LocalizedText?
    public var scale: Scale
    public var ranking: RankingPolicy
    /// The default policy for missing values, applied where no node overrides it.
    public var missing: MissingPolicy
    public var blocks: [Block]
    public var fields: [Field]
    public var constraints: [Constraint]
    public var derived: [DerivedValue]
    /// The indicator tree; its root is the index itself.
    public var root: IndicatorNode
    /// The file the methodology was read from, for messages.
    public var fileName: String
    /// The default treatment of leaves' raw values (`treatment:` at the top level), if any.
    public var treatment: Treatment? = nil
    /// The default imputation of leaves' missing raw values (`impute:` at the top level), if any.
    public var imputation: Imputation? = nil

    /// How node weights are read.
    public enum Scale: String, Sendable, Hashable, CaseIterable {
        /// Weights are maximum points; a group's maximum is the sum of its children's, points are
        /// shown, and the index is total points over the maximum.
        case points
        /// Weights are relative; nodes are reported on 0–1 only.
        case unit
    }

    public func block(_ id: String) -> Block? { blocks.first { $0.id == id } }
    public func field(_ id: String) -> Field? { fields.first { $0.id == id } }

    /// Every node of the tree in pre-order (parents before children).
    public var allNodes: [IndicatorNode] {
        var result: [IndicatorNode] = []
        func walk(_ node: IndicatorNode) {
            result.append(node)
            node.children.forEach(walk)
        }
        walk(root)
        return result
    }

    /// The node with the given id, if any.
    public func node(_ id: String) -> IndicatorNode? { allNodes.first { $0.id == id } }
}

/// A legal document a methodology is based on.
public struct LegalSource: Hashable, Sendable {
    /// The document number, e.g. `2342/QĐ-BTTTT`.
    public var id: String
    public var date: String?
    public var title: LocalizedText?
    public var url: String?
}

/// A group of units ranked separately (ministries, government agencies, provinces).
public struct Block: Hashable, Sendable {
    public var id: String
    public var name: LocalizedText
    /// The scoring appendix of the legal text that applies to this block (e.g. `Phụ lục 1B`).
    public var appendix: String?
    public var location: SourceLocation?
}

/// A survey question.
public struct Field: Hashable, Sendable {
    public var id: String
    public var label: LocalizedText
    public var type: FieldType
    /// The unit of measure shown next to the answer (people, Mbps, %).
    public var unit: LocalizedText?
    /// The smallest allowed answer, if bounded.
    public var minimum: Double?
    /// The largest allowed answer, if bounded.
    public var maximum: Double?
    /// The blocks that answer this question; `nil` means all.
    public var blocks: [String]?
    public var help: LocalizedText?
    /// A section heading for grouping questions on forms (usually a category id).
    public var section: String?
    public var location: SourceLocation?

    /// Whether units of `block` answer this question.
    public func applies(to block: String) -> Bool { blocks?.contains(block) ?? true }

    /// The kind of value the field gives in expressions.
    public var valueKind: ValueKind {
        switch type {
        case .boolean: .boolean
        case .text: .text
        default: .number
        }
    }
}

/// The type of a survey answer.
public enum FieldType: Hashable, Sendable {
    /// A whole number ≥ 0.
    case count
    /// Any number.
    case number
    /// A percentage on 0–100; expressions see the number as given (55 means 55%).
    case percent
    /// Yes/no, computed as 1/0.
    case boolean
    /// One of a list of options, computed as the option's value.
    case choice([Choice])
    /// Free text: collected, never computed with.
    case text

    public var name: String {
        switch self {
        case .count: "count"
        case .number: "number"
        case .percent: "percent"
        case .boolean: "boolean"
        case .choice: "choice"
        case .text: "text"
        }
    }
}

/// One option of a choice field.
public struct Choice: Hashable, Sendable {
    public var id: String
    public var label: LocalizedText
    /// The number the option stands for in expressions.
    public var value: Double
}

/// A rule the answers of one unit must satisfy, e.g. `staff_with_computer <= staff_total`.
public struct Constraint: Hashable, Sendable {
    public var id: String
    public var check: Expression
    public var message: LocalizedText
    public var blocks: [String]?
    public var location: SourceLocation?
}

/// A named value computed from fields (and other derived values) that nodes can use.
public struct DerivedValue: Hashable, Sendable {
    public var id: String
    public var label: LocalizedText?
    public var expression: Expression
    public var location: SourceLocation?
}

/// What happens when a node has no value for a unit.
public enum MissingPolicy: String, Hashable, Sendable, CaseIterable {
    /// The node scores 0 (the Ministry gives no points for what is not reported).
    case zero
    /// The node is left out and its parent re-weights its other children.
    case reweight
    /// Computing stops with an error naming the unit and node.
    case fail
}

/// How a group combines its children's scores.
public enum Aggregation: String, Hashable, Sendable, CaseIterable {
    /// Weighted arithmetic mean Σwᵢsᵢ / Σwᵢ (with points as weights: total points over maximum).
    case arithmetic
    /// Weighted geometric mean Πsᵢ^(wᵢ/Σw); 0 if any child is 0.
    case geometric
    /// Weighted harmonic mean Σw / Σ(wᵢ/sᵢ); 0 if any child is 0.
    case harmonic
}

/// A transformation applied to a node's scores across the units of a block after aggregation.
public enum Rescale: String, Hashable, Sendable, CaseIterable {
    /// (s − min) / (max − min): the lowest unit gets 0, the highest 1.
    case minMax = "min_max"
}

/// Whether more or less of a value is better.
public enum Direction: String, Hashable, Sendable {
    case higher
    case lower
}

/// Whether a part of a methodology file follows a published text or was reconstructed.
public enum Provenance: String, Hashable, Sendable {
    case published
    case reconstructed
}

/// A node of the indicator tree: a leaf that scores a value computed from fields, or a group
/// that aggregates its children.
public struct IndicatorNode: Hashable, Sendable {
    public var id: String
    public var label: LocalizedText
    public var description: LocalizedText?
    /// The weight (for points scales, the maximum points). `nil` when not given: groups on a
    /// points scale then take the sum of their children.
    public var weight: Double?
    /// For leaves: the expression giving the raw value.
    public var value: Expression?
    /// For leaves: how the raw value becomes a score on 0–1.
    public var scoring: Scoring?
    public var children: [IndicatorNode]
    public var aggregation: Aggregation
    public var rescale: Rescale?
    /// This node's own missing-data policy; `nil` inherits from the parent, then the methodology.
    public var missing: MissingPolicy?
    /// The blocks this node applies to; `nil` means all.
    public var blocks: [String]?
    /// Per-block replacements of weight, value or scoring.
    public var overrides: [String: Override]
    public var provenance: Provenance?
    public var location: SourceLocation?
    /// A yes/no condition (`zero_when:`): for units where it holds, the node scores 0 whatever its
    /// value or children give, after aggregation, rescale and the missing-data policy. A unit for
    /// which the condition is missing is not affected. Example: the UN sets the EGDI of a country
    /// with no assessable national portal to 0.
    public var zeroWhen: Expression? = nil
    /// How the raw values of this node's leaves are treated across the block before scoring
    /// (`treatment:`); `nil` inherits from the parent, then the methodology.
    public var treatment: Treatment? = nil
    /// How missing raw values of this node's leaves are imputed before scoring (`impute:`);
    /// `nil` inherits from the parent, then the methodology.
    public var imputation: Imputation? = nil

    public var isLeaf: Bool { children.isEmpty }

    public func applies(to block: String) -> Bool { blocks?.contains(block) ?? true }

    /// The parts of a node one block may change.
    public struct Override: Hashable, Sendable {
        public var weight: Double?
        public var value: Expression?
        public var scoring: Scoring?
    }

    public func weight(in block: String) -> Double? { overrides[block]?.weight ?? weight }
    public func value(in block: String) -> Expression? { overrides[block]?.value ?? value }
    public func scoring(in block: String) -> Scoring? { overrides[block]?.scoring ?? scoring }
}

/// How a leaf's raw values are treated across the units of a block before scoring
/// (`treatment:`), following the usual outlier rule of composite indicators: a distribution is
/// *skewed* when |skewness| > ``skewnessLimit`` and kurtosis > ``kurtosisLimit``.
///
/// While the values are skewed and fewer than ``winsoriseMaxPoints`` points have been changed,
/// the most extreme value on the side of the skew is set to the next value (winsorisation). If
/// the values are still skewed after that and ``logIfSkewed`` is set, the winsorisation is undone
/// and the original values are log-transformed instead: `ln(x − min + 1)` for a positive skew,
/// `−ln(max − x + 1)` for a negative one (both keep the order of units).
public struct Treatment: Hashable, Sendable {
    /// The most points winsorised per indicator; `nil` or 0: no winsorisation.
    public var winsoriseMaxPoints: Int?
    /// Log-transform the values when winsorisation leaves them skewed (or is not asked for).
    public var logIfSkewed: Bool
    /// The |skewness| above which a distribution counts as skewed (default 2).
    public var skewnessLimit: Double
    /// The kurtosis above which a distribution counts as skewed (default 3.5).
    public var kurtosisLimit: Double

    public init(winsoriseMaxPoints: Int? = nil, logIfSkewed: Bool = false, skewnessLimit: Double = 2, kurtosisLimit: Double = 3.5) {
        self.winsoriseMaxPoints = winsoriseMaxPoints
        self.logIfSkewed = logIfSkewed
        self.skewnessLimit = skewnessLimit
        self.kurtosisLimit = kurtosisLimit
    }

    /// `treatment: none`: nothing is changed (switches off an inherited treatment).
    public static let none = Treatment()

    /// Whether the treatment can change anything.
    public var isIdentity: Bool { (winsoriseMaxPoints ?? 0) == 0 && !logIfSkewed }
}

/// How a leaf's missing raw values are filled in before scoring (`impute:`).
public enum Imputation: String, Hashable, Sendable, CaseIterable {
    /// Nothing is imputed: the missing-data policy applies.
    case none
    /// The mean of the block's units that have a value.
    case mean
    /// The median of the block's units that have a value.
    case median
    /// The unit's own value of the previous period (when the previous period's answers are given
    /// to the engine and the unit has a value there).
    case previous
}

/// How a leaf's raw value becomes a score.
public struct Scoring: Hashable, Sendable {
    public var rule: ScoringRule
    public var direction: Direction

    public init(_ rule: ScoringRule, direction: Direction = .higher) {
        self.rule = rule
        self.direction = direction
    }
}

/// The scoring rules. Every rule except ``zScore(populationSD:)`` and ``asIs(clamp:)`` gives a score on 0–1.
public enum ScoringRule: Hashable, Sendable {
    /// The value is a ratio: score = clamp(v, 0, 1) (lower is better: 1 − clamp(v, 0, 1)).
    case ratio
    /// The value is used as the score; `clamp` bounds it to 0–1.
    case asIs(clamp: Bool)
    /// Full score when the value is non-zero (yes), else 0.
    case yesNo
    /// v / best of the block (lower is better: best / v).
    case relativeToBest
    /// (v − low) / (high − low), clamped: full marks at `high` (e.g. a 30% level-4 ratio).
    case goalpost(low: Double, high: Double)
    /// A step table: the first step whose threshold the value reaches gives the score.
    case steps([Step])
    /// min(v, cap) / cap: one point per item up to a cap.
    case cappedCount(cap: Double)
    /// (v − min) / (max − min) across the block.
    case minMax
    /// (v − mean) / sd across the block; unbounded, usually followed by a rescale.
    case zScore(populationSD: Bool)
    /// (n − rank) / (n − 1) with competition ranks within the block.
    case rank
    /// Share of the other units with a lower value, ties counting half.
    case percentile

    public var name: String {
        switch self {
        case .ratio: "ratio"
        case .asIs: "as_is"
        case .yesNo: "yes_no"
        case .relativeToBest: "relative_to_best"
        case .goalpost: "goalpost"
        case .steps: "steps"
        case .cappedCount: "capped_count"
        case .minMax: "min_max"
        case .zScore: "z_score"
        case .rank: "rank"
        case .percentile: "percentile"
        }
    }

    /// Whether the rule's scores always lie in [0, 1].
    public var isBounded: Bool {
        switch self {
        case .zScore: false
        case .asIs(let clamp): clamp
        default: true
        }
    }
}

/// One row of a step table. With `direction: higher` the step applies when the value is at least
/// `threshold`; with `lower`, when it is at most `threshold`. The first matching step wins.
public struct Step: Hashable, Sendable {
    public var threshold: Double
    public var award: Award

    /// What a step gives: points (divided by the node's weight) or a score on 0–1.
    public enum Award: Hashable, Sendable {
        case points(Double)
        case score(Double)
    }
}

/// How units are ranked within a block.
public struct RankingPolicy: Hashable, Sendable {
    /// Rank on values rounded to this many decimals (as published); `nil` ranks exact values.
    public var decimals: Int?

    public init(decimals: Int? = nil) {
        self.decimals = decimals
    }
}
