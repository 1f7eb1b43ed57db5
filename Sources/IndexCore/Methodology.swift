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
    /// The index's full name in Vietnamese and English, as forms and reports title it.
    public var title: LocalizedText
    /// The legal documents the methodology follows.
    public var sources: [LegalSource]
    /// Free remarks of the methodology's authors (`notes:`), e.g. how a reconstructed part was
    /// derived; shown by `validate`, never computed with.
    public var notes: LocalizedText?
    /// Who issues the index and its report (`issuer:`), e.g. the Ministry of Information and
    /// Communications; shown on the national report's title page and in its footer.
    public var issuer: LocalizedText?
    /// Whether node weights are maximum points or relative weights (`scale:`).
    public var scale: Scale
    /// How units are ranked within a block: on values rounded as published, or exact.
    public var ranking: RankingPolicy
    /// The default policy for missing values, applied where no node overrides it.
    public var missing: MissingPolicy
    /// The groups of units ranked separately, in the order the file declares them (at least one).
    public var blocks: [Block]
    /// The survey questions, in the order of the file (the order of forms); ids are unique.
    public var fields: [Field]
    /// Rules each unit's answers must satisfy, checked by ``SurveyValidator`` before computing.
    public var constraints: [Constraint]
    /// Named values computed from fields and other derived values (`derived:`), in the order of the
    /// file; the engine evaluates them in dependency order.
    public var derived: [DerivedValue]
    /// The indicator tree; its root is the index itself.
    public var root: IndicatorNode
    /// The file the methodology was read from, for messages.
    public var fileName: String
    /// The default treatment of leaves' raw values (`treatment:` at the top level), if any.
    public var treatment: Treatment? = nil
    /// The default imputation of leaves' missing raw values (`impute:` at the top level), if any.
    public var imputation: Imputation? = nil
    /// The default of `zero_scores:` for geometric and harmonic means (top level); `nil`: error.
    public var zeroScores: ZeroScorePolicy? = nil
    /// The default aggregation data threshold (`data_threshold:` at the top level), if any.
    public var dataThreshold: Double? = nil
    /// Unit attributes (`attributes:`): ids of fields (usually text or choice) whose answers
    /// group units beyond their block, e.g. a region or an income group. Group imputation
    /// (`impute: {method: group_mean, by: region}`) and ranks within groups
    /// (``BlockResult/ranks(node:within:)``) read them from the data.
    public var attributes: [String] = []
    /// Screening of units by data availability (`screening:`), if any.
    public var screening: Screening? = nil
    /// For `impute: group_mean`/`group_median` at the top level: the attribute grouping units.
    public var imputationGroup: String? = nil
    /// Warnings found while loading: keys that are accepted but do nothing where they are
    /// written (e.g. `low` on a `min_max` rule). They do not stop loading; `validate` prints them.
    public var warnings: [Diagnostic] = []
    /// Named bands of the index (`classification:`), highest first; empty when none are declared.
    public var classification: [ClassificationBand] = []

    /// The band an index value falls in: the highest whose minimum it reaches (`nil` below all
    /// bands, for a missing value, or when none are declared).
    public func band(of value: Double) -> ClassificationBand? {
        guard !value.isNaN else { return nil }
        return classification.first { value >= $0.minimum }
    }

    /// How node weights are read.
    public enum Scale: String, Sendable, Hashable, CaseIterable {
        /// Weights are maximum points; a group's maximum is the sum of its children's, points are
        /// shown, and the index is total points over the maximum.
        case points
        /// Weights are relative; nodes are reported on 0–1 only.
        case unit
    }

    /// The block with the given id, if the methodology declares it.
    public func block(_ id: String) -> Block? { blocks.first { $0.id == id } }
    /// The survey field with the given id, if the methodology declares it.
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
    /// The date the document was signed or issued, as written in the file (usually `YYYY-MM-DD`).
    public var date: String?
    /// The document's title, in Vietnamese and English.
    public var title: LocalizedText?
    /// Where the document can be read, as given in the file (not checked).
    public var url: String?
}

/// A group of units ranked separately (ministries, government agencies, provinces).
public struct Block: Hashable, Sendable {
    /// The block's id, e.g. `province`: what `--block` and registry units name.
    public var id: String
    /// The block's name as reports head its ranking, e.g. *Tỉnh, thành phố trực thuộc Trung ương*.
    public var name: LocalizedText
    /// The scoring appendix of the legal text that applies to this block (e.g. `Phụ lục 1B`).
    public var appendix: String?
    /// Where the block is declared in the methodology file, for messages.
    public var location: SourceLocation?
}

/// A survey question.
public struct Field: Hashable, Sendable {
    /// The field's id, e.g. `staff_total`: the column name in survey files and the name expressions
    /// use.
    public var id: String
    /// The question as forms print it, in Vietnamese and English.
    public var label: LocalizedText
    /// What kind of answer the question takes, which decides its validation and its value in
    /// expressions.
    public var type: FieldType
    /// The unit of measure shown next to the answer (people, Mbps, %).
    public var unit: LocalizedText?
    /// The smallest allowed answer, if bounded.
    public var minimum: Double?
    /// The largest allowed answer, if bounded.
    public var maximum: Double?
    /// The blocks that answer this question; `nil` means all.
    public var blocks: [String]?
    /// A hint printed under the question on forms (how to count, what to include).
    public var help: LocalizedText?
    /// A section heading for grouping questions on forms (usually a category id).
    public var section: String?
    /// Where the field is declared in the methodology file, for messages.
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

    /// The type's name as written in `type:` (`count`, `number`, `percent`, `boolean`, `choice`,
    /// `text`).
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
    /// The option's id, as a survey file may give it instead of the label.
    public var id: String
    /// The option as forms list it.
    public var label: LocalizedText
    /// The number the option stands for in expressions.
    public var value: Double
}

/// A rule the answers of one unit must satisfy, e.g. `staff_with_computer <= staff_total`.
public struct Constraint: Hashable, Sendable {
    /// The constraint's id, named in the diagnostic when it fails.
    public var id: String
    /// A yes/no expression over fields and derived values that must hold (a unit for which it is
    /// missing passes).
    public var check: Expression
    /// What a failing unit is told, in Vietnamese and English.
    public var message: LocalizedText
    /// The blocks whose units are checked; `nil` means all.
    public var blocks: [String]?
    /// Where the constraint is declared in the methodology file, for messages.
    public var location: SourceLocation?
}

/// A named value computed from fields (and other derived values) that nodes can use.
public struct DerivedValue: Hashable, Sendable {
    /// The value's id, the name expressions use for it (never the same as a field's).
    public var id: String
    /// A readable name for explanations and forms, when given.
    public var label: LocalizedText?
    /// How the value is computed from fields and other derived values (a cycle is a load error).
    public var expression: Expression
    /// Where the value is declared in the methodology file, for messages.
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

/// How a group combines its children's scores (`aggregate:`).
public enum Aggregation: Hashable, Sendable {
    /// Weighted arithmetic mean Σwᵢsᵢ / Σwᵢ (with points as weights: total points over maximum).
    case arithmetic
    /// Weighted geometric mean Πsᵢ^(wᵢ/Σw). Defined for scores above 0: a score of 0 is an error
    /// unless the group declares `zero_scores: zero` (``ZeroScorePolicy``); a negative score is
    /// always an error (COINr's `a_gmean` stops on both).
    case geometric
    /// Weighted harmonic mean Σw / Σ(wᵢ/sᵢ); scores of 0 and below as for ``geometric``.
    case harmonic
    /// Weighted median: the children's scores in ascending order, the first whose cumulative weight
    /// reaches half the total; exactly half, the mean of it and the next.
    case median
    /// Generalised (power) mean (Σwᵢsᵢ^p / Σwᵢ)^(1/p) with p ≠ 0: p = 1 is the arithmetic mean,
    /// p = −1 the harmonic, p → 0 the geometric. Negative scores are an error; with p < 0 a score
    /// of 0 is treated as for ``geometric``.
    case power(Double)
    /// Copeland (outranking) scores, non-compensatory: for each other unit of the block, the
    /// share of the children's weight on which this unit scores higher, ties counting half
    /// (COINr's `a_copeland`), summed and divided by n − 1 so that the result lies on 0–1.
    /// Comparisons with a missing score count for neither unit.
    case copeland

    /// The names written in `aggregate:`.
    public static let names = ["arithmetic", "geometric", "harmonic", "median", "power_mean", "copeland"]

    /// The aggregations that take no parameter, by name.
    public static let plain: [Aggregation] = [.arithmetic, .geometric, .harmonic, .median, .copeland]

    /// The name written in `aggregate:` (`power_mean` for ``power(_:)``).
    public var name: String {
        switch self {
        case .arithmetic: "arithmetic"
        case .geometric: "geometric"
        case .harmonic: "harmonic"
        case .median: "median"
        case .power: "power_mean"
        case .copeland: "copeland"
        }
    }

    /// The aggregation as written in a methodology: its name, with the exponent for a power mean
    /// (`power_mean(p = 2)`). Reports and fingerprints of a methodology use it.
    public var rawValue: String {
        if case .power(let p) = self { return "power_mean(p = \(NumberFormatting.format(p)))" }
        return name
    }

    /// The aggregation named `name` among those without a parameter.
    public init?(rawValue name: String) {
        guard let found = Self.plain.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    /// Whether a child's score of 0 leaves the aggregation undefined (a logarithm or a division).
    var isUndefinedAtZero: Bool {
        switch self {
        case .geometric, .harmonic: true
        case .power(let p): p < 0
        default: false
        }
    }

    /// Whether a negative child score leaves the aggregation undefined.
    var isUndefinedBelowZero: Bool {
        switch self {
        case .geometric, .harmonic, .power: true
        default: false
        }
    }
}

/// What a geometric, harmonic or power mean (p < 0) does with a child's score of 0, where it is
/// not defined (`zero_scores:`, on a group or the methodology, inherited like `missing:`).
public enum ZeroScorePolicy: String, Hashable, Sendable, CaseIterable {
    /// Computing stops with an error naming the node and the unit (the default, as COINr does).
    case error
    /// The group scores 0 (the limit of the mean as the score goes to 0), and the explanation
    /// says so.
    case zero
}

/// A transformation applied to a node's scores across the units of a block after aggregation.
public enum Rescale: String, Hashable, Sendable, CaseIterable {
    /// (s − min) / (max − min): the lowest unit gets 0, the highest 1.
    case minMax = "min_max"
}

/// Whether more or less of a value is better.
public enum Direction: String, Hashable, Sendable {
    /// More is better: the highest value scores best and ranks first.
    case higher
    /// Less is better (e.g. days to process a request): the lowest value scores best.
    case lower
}

/// Whether a part of a methodology file follows a published text or was reconstructed.
public enum Provenance: String, Hashable, Sendable {
    /// The part follows a published legal text or report as written.
    case published
    /// The part was reconstructed where the publication leaves it open (e.g. from published
    /// scores); `notes:` say how.
    case reconstructed
}

/// A node of the indicator tree: a leaf that scores a value computed from fields, or a group
/// that aggregates its children.
public struct IndicatorNode: Hashable, Sendable {
    /// The node's id, unique in the tree, e.g. `ha_tang` or `c1.2`; `explain` and reports name it.
    public var id: String
    /// The node's name as reports and explanations print it.
    public var label: LocalizedText
    /// A longer explanation of what the node measures, for reports.
    public var description: LocalizedText?
    /// The weight (for points scales, the maximum points). `nil` when not given: groups on a
    /// points scale then take the sum of their children.
    public var weight: Double?
    /// For leaves: the expression giving the raw value.
    public var value: Expression?
    /// For leaves: how the raw value becomes a score on 0–1.
    public var scoring: Scoring?
    /// A group's children in the order the file declares them; empty for a leaf.
    public var children: [IndicatorNode]
    /// How a group combines its children's scores (default: the weighted arithmetic mean); ignored
    /// for leaves.
    public var aggregation: Aggregation
    /// A rescale of the node's scores across the block after aggregation (EGDI: z-scores → mean →
    /// min–max); `nil`: none.
    public var rescale: Rescale?
    /// This node's own missing-data policy; `nil` inherits from the parent, then the methodology.
    public var missing: MissingPolicy?
    /// The blocks this node applies to; `nil` means all.
    public var blocks: [String]?
    /// Per-block replacements of weight, value or scoring.
    public var overrides: [String: Override]
    /// Whether the node follows the published text or was reconstructed; `nil` when not said.
    public var provenance: Provenance?
    /// Where the node is declared in the methodology file, for messages.
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
    /// For `impute: group_mean`/`group_median`: the attribute grouping units (`by:`).
    public var imputationGroup: String? = nil
    /// What a geometric or harmonic mean does with a score of 0 (`zero_scores:`); `nil` inherits
    /// from the parent, then the methodology.
    public var zeroScores: ZeroScorePolicy? = nil
    /// The share of its children (by count) a unit must have scores for, for the group to have a
    /// score (`data_threshold:`, COINr's `dat_thresh`); below it the group's score is missing and
    /// its missing-data policy applies. `nil` inherits from the parent, then the methodology.
    public var dataThreshold: Double? = nil

    /// Whether the node scores a value itself (a leaf) rather than aggregating children.
    public var isLeaf: Bool { children.isEmpty }

    /// Whether the node is part of `block`'s tree (``blocks`` is `nil` or names it).
    public func applies(to block: String) -> Bool { blocks?.contains(block) ?? true }

    /// The parts of a node one block may change.
    public struct Override: Hashable, Sendable {
        /// The block's weight (or maximum points) instead of the node's own; `nil` keeps the
        /// node's.
        public var weight: Double?
        /// The block's expression for the leaf's raw value; `nil` keeps the node's.
        public var value: Expression?
        /// The block's scoring rule for the leaf; `nil` keeps the node's.
        public var scoring: Scoring?
    }

    /// The node's weight in `block`: the block's override, else its own (`nil` when neither is
    /// given).
    public func weight(in block: String) -> Double? { overrides[block]?.weight ?? weight }
    /// The leaf's raw-value expression in `block`: the block's override, else its own.
    public func value(in block: String) -> Expression? { overrides[block]?.value ?? value }
    /// The leaf's scoring in `block`: the block's override, else its own.
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

    /// A treatment; the defaults are COINr's and the usual rule of composite indicators (|skewness|
    /// > 2 and kurtosis > 3.5), with nothing changed unless `winsoriseMaxPoints` or `logIfSkewed`
    /// is given.
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

/// Which units are ranked at all (`screening:`, COINr's `Screen`): a unit with raw values for less
/// than ``dataThreshold`` of the block's indicators is left out of the block before anything is
/// computed (it takes no part in block minima, means or ranks) and listed with the reason.
public struct Screening: Hashable, Sendable {
    /// The share of the block's indicators (leaves) a unit needs raw values for, on 0–1.
    public var dataThreshold: Double

    /// A screening that keeps units with raw values for at least `dataThreshold` (0–1) of the
    /// block's indicators.
    public init(dataThreshold: Double) {
        self.dataThreshold = dataThreshold
    }
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
    /// The mean of the block's units of the same group (a unit attribute, `by:`) that have a
    /// value (COINr's `i_mean_grp`); a unit without a group, or whose group has no value, stays missing.
    case groupMean = "group_mean"
    /// The median of the block's units of the same group, as ``groupMean``.
    case groupMedian = "group_median"

    /// Whether the imputation needs a unit attribute (`by:`).
    public var isByGroup: Bool { self == .groupMean || self == .groupMedian }
}

/// How a leaf's raw value becomes a score.
public struct Scoring: Hashable, Sendable {
    /// The rule turning the raw value into a score.
    public var rule: ScoringRule
    /// Whether more or less of the raw value is better; rules that compare units or use thresholds
    /// follow it.
    public var direction: Direction
    /// The scale scores are put on after the rule (`range: [1, 100]`, or `target: {mean: 10, sd: 2}`
    /// for z-scores); `nil`: the rule's own scale.
    public var output: OutputScale? = nil
    /// Whether scores are truncated at the goalposts or target (`truncate:`); `nil`: the rule's
    /// default (goalposts truncate at both ends, distances to a target or reference do not cap).
    public var truncate: Bool? = nil

    /// A scoring: `rule` for values where `direction` is better, on the rule's own scale unless
    /// `output` is given; `truncate` overrides the rule's default truncation.
    public init(_ rule: ScoringRule, direction: Direction = .higher, output: OutputScale? = nil, truncate: Bool? = nil) {
        self.rule = rule
        self.direction = direction
        self.output = output
        self.truncate = truncate
    }

    /// The highest score the rule gives, on its output scale: 1 on the rule's own 0–1 scale, `u`
    /// with `range: [l, u]`; `nil` when scores have no upper bound (z-scores, with or without a
    /// target, Borda counts, distances that do not cap, unclamped values as given).
    public var fullMarks: Double? {
        guard rule.isBounded else { return nil }
        switch output {
        case nil: return 1
        case .range(_, let high): return high
        case .meanSD: return nil
        }
    }
}

/// The scale a rule's scores are put on.
public enum OutputScale: Hashable, Sendable {
    /// A score s on 0–1 becomes l + s·(u − l) (COINr's `n_minmax(l_u = c(l, u))`): with
    /// `[1, 100]`, geometric means of min–max scores stay defined.
    case range(low: Double, high: Double)
    /// A z-score z becomes mean + z·sd (COINr's `n_zscore(m_sd = c(mean, sd))`).
    case meanSD(mean: Double, sd: Double)

    /// Puts a score on this scale.
    @inline(__always)
    func apply(_ score: Double) -> Double {
        switch self {
        case .range(let low, let high): low + score * (high - low)
        case .meanSD(let mean, let sd): mean + score * sd
        }
    }
}

/// The scoring rules. Every rule except ``zScore(populationSD:)``, ``asIs(clamp:)``, ``borda`` and
/// the distance rules without truncation gives a score on 0–1.
public enum ScoringRule: Hashable, Sendable {
    /// The value is a ratio: score = clamp(v, 0, 1) (lower is better: 1 − clamp(v, 0, 1)).
    case ratio
    /// The value is used as the score; `clamp` bounds it to 0–1.
    case asIs(clamp: Bool)
    /// Full score when the value is non-zero (yes), else 0.
    case yesNo
    /// v / best of the block (lower is better: best / v). COINr's `n_fracmax` (x / max) for
    /// values of 0 and above (`fraction_of_max` is another name for it).
    case relativeToBest
    /// (v − low) / (high − low), clamped unless `truncate: false`: full marks at `high` (e.g. a
    /// 30% level-4 ratio). COINr's `n_goalposts`.
    case goalpost(low: Double, high: Double)
    /// A step table: the first step whose threshold the value reaches gives the score.
    case steps([Step])
    /// min(v, cap) / cap: one point per item up to a cap.
    case cappedCount(cap: Double)
    /// (v − min) / (max − min) across the block. COINr's `n_minmax` and `n_dist2max`
    /// (1 − (max − v)/(max − min) is the same number; `distance_to_max` is another name for it).
    case minMax
    /// (v − mean) / sd across the block; unbounded, usually followed by a rescale.
    case zScore(populationSD: Bool)
    /// (n − rank) / (n − 1) with competition ranks within the block.
    case rank
    /// Share of the other units with a lower value, ties counting half.
    case percentile
    /// COINr's `n_prank`: (rank − 1) / (n − 1) with the lowest value ranked 1 and ties taking
    /// the lowest rank, i.e. the share of the other units with a strictly lower value.
    case percentRank
    /// COINr's `n_borda`: the number of units of the block with a lower value (rank − 1), from
    /// 0 to n − 1.
    case borda
    /// COINr's `n_dist2ref`: 1 − (ref − v)/(ref − min), with `ref` the value of the reference
    /// unit (its id); above the reference scores exceed 1 unless `truncate: true`.
    case distanceToReference(unit: String)
    /// COINr's `n_dist2targ`: 1 − (target − v)/(target − min); above the target scores exceed 1
    /// unless `truncate: true`.
    case distanceToTarget(Double)

    /// The rule's name as written in `rule:` in a methodology file, e.g. `relative_to_best`.
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
        case .percentRank: "percent_rank"
        case .borda: "borda"
        case .distanceToReference: "distance_to_reference"
        case .distanceToTarget: "distance_to_target"
        }
    }

    /// Whether the rule's scores always lie in [0, 1] (before an output scale).
    public var isBounded: Bool {
        switch self {
        case .zScore, .borda, .distanceToReference, .distanceToTarget: false
        case .asIs(let clamp): clamp
        default: true
        }
    }
}

/// One row of a step table. With `direction: higher` the step applies when the value is at least
/// `threshold`; with `lower`, when it is at most `threshold`. The first matching step wins.
public struct Step: Hashable, Sendable {
    /// The value the step compares with (at least it for `higher`, at most it for `lower`), in the
    /// unit of the raw value.
    public var threshold: Double
    /// What a unit at this step gets.
    public var award: Award

    /// What a step gives: points (divided by the node's weight) or a score on 0–1.
    public enum Award: Hashable, Sendable {
        /// Points out of the node's weight (its maximum points), e.g. 2 of 5; the score is points ÷
        /// weight.
        case points(Double)
        /// A score on 0–1 directly.
        case score(Double)
    }
}

/// How units are ranked within a block.
public struct RankingPolicy: Hashable, Sendable {
    /// Rank on values rounded to this many decimals (as published); `nil` ranks exact values.
    public var decimals: Int?

    /// A policy ranking on values rounded to `decimals` places (half away from zero), or on exact
    /// values when `nil`.
    public init(decimals: Int? = nil) {
        self.decimals = decimals
    }
}

/// A named band of the index, e.g. *Tốt* (good) from 0.8: a unit whose index reaches `minimum`
/// and not the next band's is classed in it.
public struct ClassificationBand: Sendable, Hashable {
    /// The band's name, e.g. *Tốt* / *Good*, as reports print it.
    public var label: LocalizedText
    /// The lowest index value (0–1) of the band.
    public var minimum: Double

    /// A band named `label` starting at the index value `minimum` (0–1).
    public init(label: LocalizedText, minimum: Double) {
        self.label = label
        self.minimum = minimum
    }
}
