import Foundation

/// How one unit's value for one node came about: the inputs, the rule with the numbers it used,
/// the score, weight and points, and the same for every child.
public struct Explanation: Sendable, Hashable {
    /// An answer or derived value a leaf's expression read.
    public struct Input: Sendable, Hashable {
        public var id: String
        public var label: LocalizedText?
        /// `nil` when not answered.
        public var value: Double?
        /// Where the answer came from; `nil` for derived values.
        public var source: SourceLocation?
        /// For derived values, their expression.
        public var expression: String?
    }

    public var nodeID: String
    public var label: LocalizedText
    public var isLeaf: Bool
    /// For leaves, the expression and its inputs.
    public var expression: String?
    public var inputs: [Input]
    /// For leaves, the raw value the expression gave; `nil` when missing.
    public var raw: Double?
    /// The scoring rule's name, or the aggregation for groups.
    public var rule: String
    /// The rule applied to this unit's numbers, e.g. `min(12.5 / 40, 1) = 0.3125`.
    public var formula: String
    /// The score on 0–1; `nil` when missing.
    public var score: Double?
    public var weight: Double
    public var maxPoints: Double
    public var points: Double?
    public var rank: Int?
    public var rankOf: Int
    /// The value was missing and the missing-data policy applied.
    public var missingNote: String?
    /// The node's `zero_when` condition held for the unit and set its score to 0, e.g.
    /// `set to 0: no_national_portal holds (zero_when)`.
    public var zeroNote: String?
    public var provenance: Provenance?
    public var children: [Explanation]
    /// For leaves: the unit's missing raw value was imputed before scoring (`impute:`), e.g.
    /// `imputed: missing → 0.53 (block mean of 60)`.
    public var imputationNote: String? = nil
    /// For leaves: the unit's raw value was treated before scoring (`treatment:`), e.g.
    /// `treated: 1250 → 612 (winsorised 2 points (skewness 3.41 → 1.12))`.
    public var treatmentNote: String? = nil
}

extension BlockResult {
    /// Explains node `node` (default: the index) for the unit at position `unit`.
    public func explain(unit: Int, node: Int? = nil) -> Explanation {
        explainNode(node ?? plan.rootIndex, unit: unit)
    }

    private func explainNode(_ index: Int, unit u: Int) -> Explanation {
        let node = plan.nodes[index]
        let s = score[index][u]
        let scoreOrNil: Double? = s.isNaN ? nil : s
        let points: Double? = scoreOrNil.map { $0 * node.maxPoints }
        var missingNote: String?
        if imputed[index][u] {
            missingNote = "missing → 0 (policy: zero)"
        } else if s.isNaN {
            missingNote = "missing → left out, parent re-weights (policy: reweight)"
        }
        var explanation = Explanation(
            nodeID: node.id, label: node.label, isLeaf: node.isLeaf, expression: nil, inputs: [], raw: nil,
            rule: "", formula: "", score: scoreOrNil, weight: node.weight, maxPoints: node.maxPoints, points: points,
            rank: rank[index][u] == 0 ? nil : rank[index][u], rankOf: statistics[index].count,
            missingNote: missingNote,
            zeroNote: isForcedZero(node: index, unit: u) ? "set to 0: \(node.zeroWhen?.description ?? "") holds (zero_when)" : nil,
            provenance: node.provenance, children: []
        )
        if node.isLeaf, let value = node.value, let scoring = node.scoring {
            let raw = leaves.raw[index][u]
            explanation.expression = value.description
            explanation.raw = raw.isNaN ? nil : raw
            explanation.inputs = inputs(of: value, unit: u)
            explanation.rule = scoring.rule.name + (scoring.direction == .lower ? " (lower is better)" : "")
            let scored = leaves.scoredValue(node: index, unit: u)
            if index < leaves.imputation.count, let imputation = leaves.imputation[index], imputation.changed[u] {
                explanation.imputationNote = "imputed: missing → \(formatNumber(scored)) (\(imputation.note))"
                if let treatment = leaves.treatment[index], treatment.changed[u] { explanation.imputationNote! += ", then treated" }
            }
            if index < leaves.treatment.count, let treatment = leaves.treatment[index], treatment.changed[u], !raw.isNaN {
                explanation.treatmentNote = "treated: \(formatNumber(raw)) → \(formatNumber(scored)) (\(treatment.note))"
            }
            explanation.formula = leafFormula(scoring, raw: scored, score: leaves.score[index][u], weight: node.weight, context: leaves.context[index] ?? .empty)
        } else {
            explanation.rule = node.aggregation.rawValue + (node.rescale.map { ", then \($0.rawValue)" } ?? "")
            explanation.formula = groupFormula(node, unit: u)
            explanation.children = node.children.map { explainNode($0, unit: u) }
        }
        return explanation
    }

    private func inputs(of expression: Expression, unit u: Int) -> [Explanation.Input] {
        let methodology = plan.methodology
        return expression.references.map { name in
            let column = plan.columns.firstIndex(of: name)
            let value = column.map { data.columns[$0][u] }.flatMap { $0.isNaN ? nil : $0 }
            if let derived = methodology.derived.first(where: { $0.id == name }) {
                return .init(id: name, label: derived.label, value: value, source: nil, expression: derived.expression.description)
            }
            let unitAnswers = data.units[u]
            return .init(id: name, label: methodology.field(name)?.label, value: value, source: unitAnswers.sources[name], expression: nil)
        }
    }

    private func leafFormula(_ scoring: Scoring, raw: Double, score: Double, weight: Double, context: ScoringContext) -> String {
        guard !raw.isNaN else { return "no value" }
        let v = formatNumber(raw), s = formatNumber(score)
        let higher = scoring.direction == .higher
        switch scoring.rule {
        case .ratio:
            return higher ? "clamp(\(v), 0, 1) = \(s)" : "1 − clamp(\(v), 0, 1) = \(s)"
        case .asIs(let clamp):
            return clamp ? "clamp(\(v), 0, 1) = \(s)" : "\(s)"
        case .yesNo:
            return "\(raw != 0 ? "yes" : "no") → \(s)"
        case .relativeToBest:
            let best = formatNumber(context.best(scoring.direction))
            return higher ? "\(v) / \(best) (best of \(context.count)) = \(s)" : "\(best) (best of \(context.count)) / \(v) = \(s)"
        case .goalpost(let low, let high):
            let base = "clamp((\(v) − \(formatNumber(low))) / (\(formatNumber(high)) − \(formatNumber(low))), 0, 1)"
            return (higher ? base : "1 − " + base) + " = \(s)"
        case .steps(let steps):
            let op = higher ? "≥" : "≤"
            if let step = steps.first(where: { higher ? raw >= $0.threshold : raw <= $0.threshold }) {
                switch step.award {
                case .points(let points): return "\(v) \(op) \(formatNumber(step.threshold)) → \(formatNumber(points)) of \(formatNumber(weight)) points = \(s)"
                case .score(let value): return "\(v) \(op) \(formatNumber(step.threshold)) → \(formatNumber(value))"
                }
            }
            return "\(v) reaches no step → 0"
        case .cappedCount(let cap):
            return "min(\(v), \(formatNumber(cap))) / \(formatNumber(cap)) = \(s)"
        case .minMax:
            return "(\(v) − min \(formatNumber(context.minimum))) / (max \(formatNumber(context.maximum)) − min \(formatNumber(context.minimum))) = \(s)"
        case .zScore:
            return "(\(v) − mean \(formatNumber(context.mean))) / sd = \(s)"
        case .rank:
            return "rank among \(context.count) → \(s)"
        case .percentile:
            return "percentile among \(context.count) → \(s)"
        }
    }

    private func groupFormula(_ node: PlanNode, unit u: Int) -> String {
        let parts = node.children.map { child -> String in
            let c = plan.nodes[child]
            let s = score[child][u]
            return "\(formatNumber(c.weight))×\(s.isNaN ? "—" : formatNumber(s))"
        }
        let result = formatNumber(score[plan.index(of: node.id)!][u])
        // Missing children (policy reweight) are left out of the total weight, as in the engine.
        let presentWeight = node.children.filter { !score[$0][u].isNaN }.map { plan.nodes[$0].weight }.reduce(0, +)
        switch node.aggregation {
        case .arithmetic: return "(" + parts.joined(separator: " + ") + ") / \(formatNumber(presentWeight)) = \(result)"
        case .geometric: return "geometric mean of [" + parts.joined(separator: ", ") + "] = \(result)"
        case .harmonic: return "harmonic mean of [" + parts.joined(separator: ", ") + "] = \(result)"
        }
    }
}
