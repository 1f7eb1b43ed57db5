import Foundation

/// How one unit's value for one node came about: the inputs, the rule with the numbers it used,
/// the score, weight and points, and the same for every child.
public struct Explanation: Sendable, Hashable {
    /// An answer or derived value a leaf's expression read.
    public struct Input: Sendable, Hashable {
        /// The field or derived value's id, as the expression names it.
        public var id: String
        /// The field's question or the derived value's label, when the methodology gives one.
        public var label: LocalizedText?
        /// `nil` when not answered.
        public var value: Double?
        /// Where the answer came from; `nil` for derived values.
        public var source: SourceLocation?
        /// For derived values, their expression.
        public var expression: String?
    }

    /// The id of the node explained.
    public var nodeID: String
    /// The node's name.
    public var label: LocalizedText
    /// Whether the node scores a value itself (then ``expression`` and ``inputs`` say how it came
    /// about) rather than aggregating ``children``.
    public var isLeaf: Bool
    /// For leaves, the expression and its inputs.
    public var expression: String?
    /// For leaves, each answer or derived value the expression read, in the order it names them;
    /// empty for groups.
    public var inputs: [Input]
    /// For leaves, the raw value the expression gave; `nil` when missing.
    public var raw: Double?
    /// The scoring rule's name, or the aggregation for groups.
    public var rule: String
    /// The rule applied to this unit's numbers, e.g. `min(12.5 / 40, 1) = 0.3125`.
    public var formula: String
    /// The score on 0–1; `nil` when missing.
    public var score: Double?
    /// The node's weight within its parent (for points scales, its maximum points).
    public var weight: Double
    /// The most points the node can give (points scale), or 1.
    public var maxPoints: Double
    /// The points the unit got (score × maximum points); `nil` when the score is missing.
    public var points: Double?
    /// The unit's competition rank on this node within its block; `nil` when unranked (a missing
    /// score).
    public var rank: Int?
    /// How many units of the block have a rank on this node.
    public var rankOf: Int
    /// The value was missing and the missing-data policy applied.
    public var missingNote: String?
    /// The node's `zero_when` condition held for the unit and set its score to 0, e.g.
    /// `set to 0: no_national_portal holds (zero_when)`.
    public var zeroNote: String?
    /// Whether the node follows the published text or was reconstructed.
    public var provenance: Provenance?
    /// For groups, each child's explanation in the methodology's order; empty for leaves.
    public var children: [Explanation]
    /// For leaves: the unit's missing raw value was imputed before scoring (`impute:`), e.g.
    /// `imputed: missing → 0.53 (block mean of 60)`.
    public var imputationNote: String? = nil
    /// For leaves: the unit's raw value was treated before scoring (`treatment:`), e.g.
    /// `treated: 1250 → 612 (winsorised 2 points (skewness 3.41 → 1.12))`.
    public var treatmentNote: String? = nil
    /// ``rule`` in both languages, e.g. `trung bình cộng` / `arithmetic`.
    public var ruleText = LocalizedText("")
    /// ``formula`` in both languages; the Vietnamese one with decimal commas
    /// (`0,262 / 0,309 (tốt nhất trong 63) = 0,848`).
    public var formulaText = LocalizedText("")
    /// The notes (imputation, treatment, missing value, `zero_when`) in both languages, in that order.
    public var notes: [LocalizedText] = []
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
        var missingNote: LocalizedText?
        if imputed[index][u] {
            missingNote = LocalizedText(vi: "thiếu → 0 (chính sách: \(MissingPolicy.zero.name(in: .vi)))", en: "missing → 0 (policy: zero)")
        } else if s.isNaN {
            missingNote = LocalizedText(vi: "thiếu → bỏ qua, nhóm cha chia lại trọng số (chính sách: reweight)", en: "missing → left out, parent re-weights (policy: reweight)")
        }
        if !node.isLeaf, let threshold = node.dataThreshold {
            let present = node.children.filter { !score[$0][u].isNaN }.count
            if Double(present) < threshold * Double(node.children.count) - 1e-12 {
                let share = { (language: Language) in NumberFormatting.format(PublishedRounding.round(threshold * 100, decimals: 1), in: language) + "%" }
                let reason = LocalizedText(
                    vi: "\(present)/\(node.children.count) thành phần có điểm, dưới ngưỡng dữ liệu \(share(.vi)) (data_threshold)",
                    en: "\(present) of \(node.children.count) children scored, below the \(share(.en)) data threshold (data_threshold)")
                missingNote = missingNote.map { LocalizedText(vi: "\(reason.vi); \($0.vi)", en: "\(reason.en); \($0.en)") } ?? reason
            }
        }
        let zeroNote: LocalizedText? = isForcedZero(node: index, unit: u)
            ? LocalizedText(vi: "đặt bằng 0: \(node.zeroWhen?.description ?? "") đúng (zero_when)", en: "set to 0: \(node.zeroWhen?.description ?? "") holds (zero_when)") : nil
        var explanation = Explanation(
            nodeID: node.id, label: node.label, isLeaf: node.isLeaf, expression: nil, inputs: [], raw: nil,
            rule: "", formula: "", score: scoreOrNil, weight: node.weight, maxPoints: node.maxPoints, points: points,
            rank: rank[index][u] == 0 ? nil : rank[index][u], rankOf: statistics[index].count,
            missingNote: missingNote?.en,
            zeroNote: zeroNote?.en,
            provenance: node.provenance, children: []
        )
        var notes: [LocalizedText] = []
        if node.isLeaf, let value = node.value, let scoring = node.scoring {
            let raw = leaves.raw[index][u]
            explanation.expression = value.description
            explanation.raw = raw.isNaN ? nil : raw
            explanation.inputs = inputs(of: value, unit: u)
            let lower = scoring.direction == .lower
            // Vietnamese readers get the rule in words with its parameters ("ngưỡng 0 → 0,3 (đủ
            // điểm)"); English keeps the rule's key, as the JSON contract has it.
            explanation.ruleText = LocalizedText(vi: scoring.summary(in: .vi), en: scoring.rule.name + (lower ? " (lower is better)" : ""))
            let scored = leaves.scoredValue(node: index, unit: u)
            if index < leaves.imputation.count, let imputation = leaves.imputation[index], imputation.changed[u] {
                var note = LocalizedText(vi: "bù giá trị: thiếu → \(NumberFormatting.format(scored, in: .vi)) (\(imputation.text.vi))",
                                         en: "imputed: missing → \(NumberFormatting.format(scored)) (\(imputation.note))")
                if let treatment = leaves.treatment[index], treatment.changed[u] { note.vi += ", rồi xử lý"; note.en += ", then treated" }
                notes.append(note)
                explanation.imputationNote = note.en
            }
            if index < leaves.treatment.count, let treatment = leaves.treatment[index], treatment.changed[u], !raw.isNaN {
                let note = LocalizedText(vi: "xử lý: \(NumberFormatting.format(raw, in: .vi)) → \(NumberFormatting.format(scored, in: .vi)) (\(treatment.text.vi))",
                                         en: "treated: \(NumberFormatting.format(raw)) → \(NumberFormatting.format(scored)) (\(treatment.note))")
                notes.append(note)
                explanation.treatmentNote = note.en
            }
            let context = leaves.context[index] ?? .empty
            explanation.formulaText = LocalizedText(
                vi: leafFormula(scoring, raw: scored, score: leaves.score.value(node: index, unit: u), weight: node.weight, context: context, language: .vi),
                en: leafFormula(scoring, raw: scored, score: leaves.score.value(node: index, unit: u), weight: node.weight, context: context, language: .en))
        } else {
            explanation.ruleText = LocalizedText(
                vi: node.aggregation.name(in: .vi) + (node.rescale.map { ", rồi \($0.rawValue)" } ?? ""),
                en: node.aggregation.rawValue + (node.rescale.map { ", then \($0.rawValue)" } ?? ""))
            explanation.formulaText = LocalizedText(vi: groupFormula(node, unit: u, language: .vi), en: groupFormula(node, unit: u, language: .en))
            explanation.children = node.children.map { explainNode($0, unit: u) }
        }
        explanation.rule = explanation.ruleText.en
        explanation.formula = explanation.formulaText.en
        if let missingNote { notes.append(missingNote) }
        if let zeroNote { notes.append(zeroNote) }
        if index == plan.rootIndex { notes += groupRankNotes(unit: u) }
        explanation.notes = notes
        return explanation
    }

    /// For the index, the unit's group and rank within it for each unit attribute of the
    /// methodology: `nhóm region = north: hạng 2/3 trong nhóm` / `group region = north: rank 2 of 3 in the group`.
    private func groupRankNotes(unit u: Int) -> [LocalizedText] {
        plan.methodology.attributes.compactMap { attribute in
            guard let group = data.attribute(attribute, unit: u) else {
                return LocalizedText(vi: "nhóm \(attribute): không có giá trị, không xếp hạng trong nhóm", en: "group \(attribute): no value, not ranked within a group")
            }
            let ranks = ranks(within: attribute)
            let members = data.units.indices.filter { data.attribute(attribute, unit: $0) == group && ranks[$0] > 0 }.count
            let rank = ranks[u]
            return rank == 0
                ? LocalizedText(vi: "nhóm \(attribute) = \(group): không xếp hạng", en: "group \(attribute) = \(group): unranked")
                : LocalizedText(vi: "nhóm \(attribute) = \(group): hạng \(rank)/\(members) trong nhóm", en: "group \(attribute) = \(group): rank \(rank) of \(members) in the group")
        }
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

    /// The rule applied to one unit's numbers, in `language` (Vietnamese with decimal commas).
    private func leafFormula(_ scoring: Scoring, raw: Double, score: Double, weight: Double, context: ScoringContext, language: Language) -> String {
        let vi = language == .vi
        let n = { (value: Double) in NumberFormatting.format(value, in: language) }
        guard !raw.isNaN else { return vi ? "không có giá trị" : "no value" }
        let v = n(raw)
        // The rule's own score, before an output scale (`range:` / `target:`), then the scale.
        let own = scoring.output == nil ? score : ruleScore(score, scoring.output!)
        let s = n(own)
        let higher = scoring.direction == .higher
        // Vietnamese separates arguments with ';' since ',' is its decimal separator.
        let sep = vi ? "; " : ", "
        // `clamp` is written out in Vietnamese as the formula every reader knows.
        let clampText = { (x: String) in vi ? "min(max(\(x); 0); 1)" : "clamp(\(x), 0, 1)" }
        var text: String
        switch scoring.rule {
        case .ratio:
            text = higher ? "\(clampText(v)) = \(s)" : "1 − \(clampText(v)) = \(s)"
        case .asIs(let clamp):
            text = clamp ? "\(clampText(v)) = \(s)" : "\(s)"
        case .yesNo:
            text = vi ? "\(raw != 0 ? "có" : "không") → \(s)" : "\(raw != 0 ? "yes" : "no") → \(s)"
        case .relativeToBest:
            let best = n(context.best(scoring.direction))
            let of = vi ? "(tốt nhất trong \(context.count))" : "(best of \(context.count))"
            text = higher ? "\(v) / \(best) \(of) = \(s)" : "\(best) \(of) / \(v) = \(s)"
        case .goalpost(let low, let high):
            let inner = "(\(v) − \(n(low))) / (\(n(high)) − \(n(low)))"
            let base = scoring.truncate == false ? inner : clampText(inner)
            text = (higher ? base : "1 − " + base) + " = \(s)"
        case .steps(let steps):
            let op = higher ? "≥" : "≤"
            if let step = steps.first(where: { higher ? raw >= $0.threshold : raw <= $0.threshold }) {
                switch step.award {
                case .points(let points): text = vi ? "\(v) \(op) \(n(step.threshold)) → \(n(points)) trên \(n(weight)) điểm = \(s)" : "\(v) \(op) \(n(step.threshold)) → \(n(points)) of \(n(weight)) points = \(s)"
                case .score(let value): text = "\(v) \(op) \(n(step.threshold)) → \(n(value))"
                }
            } else {
                text = vi ? "\(v) không đạt bậc nào → 0" : "\(v) reaches no step → 0"
            }
        case .cappedCount(let cap):
            text = "min(\(v)\(sep)\(n(cap))) / \(n(cap)) = \(s)"
        case .minMax:
            let (minText, maxText) = vi ? ("nhỏ nhất", "lớn nhất") : ("min", "max")
            text = higher
                ? "(\(v) − \(minText) \(n(context.minimum))) / (\(maxText) \(n(context.maximum)) − \(minText) \(n(context.minimum))) = \(s)"
                : "(\(maxText) \(n(context.maximum)) − \(v)) / (\(maxText) \(n(context.maximum)) − \(minText) \(n(context.minimum))) = \(s)"
        case .zScore:
            text = vi ? "(\(v) − trung bình \(n(context.mean))) / độ lệch chuẩn = \(s)" : "(\(v) − mean \(n(context.mean))) / sd = \(s)"
        case .rank:
            text = vi ? "hạng trong \(context.count) → \(s)" : "rank among \(context.count) → \(s)"
        case .percentile:
            text = vi ? "bách phân vị trong \(context.count) → \(s)" : "percentile among \(context.count) → \(s)"
        case .percentRank:
            text = vi ? "thứ hạng phần trăm trong \(context.count) → \(s)" : "percent rank among \(context.count) → \(s)"
        case .borda:
            text = vi ? "số đơn vị thấp hơn trong \(context.count) = \(s)" : "units below among \(context.count) = \(s)"
        case .distanceToReference, .distanceToTarget:
            let goal = n(context.reference)
            let worst = n(higher ? context.minimum : context.maximum)
            let goalName: String
            if case .distanceToReference(let unit) = scoring.rule { goalName = vi ? "tham chiếu \(unit) \(goal)" : "reference \(unit) \(goal)" } else { goalName = vi ? "mục tiêu \(goal)" : "target \(goal)" }
            let worstName = higher ? (vi ? "nhỏ nhất" : "min") : (vi ? "lớn nhất" : "max")
            text = "1 − (\(goalName) − \(v)) / (\(goal) − \(worstName) \(worst))"
            text += scoring.truncate == true ? (vi ? ", tối đa 1 = \(s)" : ", at most 1 = \(s)") : " = \(s)"
        }
        switch scoring.output {
        case .range(let low, let high)?:
            text += vi ? " → thang \(n(low))–\(n(high)): \(n(score))" : " → on \(n(low))–\(n(high)): \(n(score))"
        case .meanSD(let mean, let sd)?:
            text += " → \(n(mean)) + \(n(sd)) × \(s) = \(n(score))"
        case nil: break
        }
        return text
    }

    /// The score before the output scale `output` was applied.
    private func ruleScore(_ score: Double, _ output: OutputScale) -> Double {
        switch output {
        case .range(let low, let high): (score - low) / (high - low)
        case .meanSD(let mean, let sd): (score - mean) / sd
        }
    }

    private func groupFormula(_ node: PlanNode, unit u: Int, language: Language) -> String {
        let vi = language == .vi
        let n = { (value: Double) in NumberFormatting.format(value, in: language) }
        let parts = node.children.map { child -> String in
            let c = plan.nodes[child]
            let s = score[child][u]
            return "\(n(c.weight))×\(s.isNaN ? "—" : n(s))"
        }
        let value = score[plan.index(of: node.id)!][u]
        let result = n(value)
        let list = parts.joined(separator: vi ? "; " : ", ")
        // Missing children (policy reweight) are left out of the total weight, as in the engine.
        let presentWeight = node.children.filter { !score[$0][u].isNaN }.map { plan.nodes[$0].weight }.reduce(0, +)
        let zeroChild = node.aggregation.isUndefinedAtZero && node.children.contains { score[$0][u] == 0 && plan.nodes[$0].weight > 0 }
        let zeroNote = zeroChild ? (vi ? " (có điểm 0, zero_scores: zero)" : " (a score of 0, zero_scores: zero)") : ""
        switch node.aggregation {
        case .arithmetic: return "(" + parts.joined(separator: " + ") + ") / \(n(presentWeight)) = \(result)"
        case .geometric: return (vi ? "trung bình nhân của [" : "geometric mean of [") + list + "] = \(result)" + zeroNote
        case .harmonic: return (vi ? "trung bình điều hoà của [" : "harmonic mean of [") + list + "] = \(result)" + zeroNote
        case .median: return (vi ? "trung vị có trọng số của [" : "weighted median of [") + list + "] = \(result)"
        case .power(let p): return (vi ? "trung bình luỹ thừa bậc \(n(p)) của [" : "power mean (p = \(n(p))) of [") + list + "] = \(result)" + zeroNote
        case .copeland:
            let others = max(statistics[plan.index(of: node.id)!].count - 1, 0)
            return (vi ? "Copeland trên [" : "Copeland over [") + list + (vi ? "] so với \(others) đơn vị khác = \(result)" : "] against \(others) other units = \(result)")
        }
    }
}
