import IndexCore

/// Renders an ``Explanation`` as an indented tree for terminals, or as JSON.
public enum ExplanationFormatter {
    /// The explanation as an indented tree: a heading with the unit, block and period, then each
    /// node with its formula, rule, score, weight and rank, and each answer with where it came from.
    public static func text(_ explanation: Explanation, unit: UnitAnswers, block: Block, period: Int?, scale: Methodology.Scale, language: Language) -> String {
        func say(_ message: Message) -> String { message.text(in: language) }
        var lines: [String] = []
        let periodText = period.map { say(.explainTitleYear($0)) } ?? ""
        lines.append("\(unit.name) (\(unit.unitID)) — \(block.name[language])\(periodText)")
        // Every number in the language's style (Vietnamese: `0,8927 → 178,54/200 điểm`, an
        // answer of `26.972`).
        func number(_ value: Double?) -> String { value.map { NumberFormatting.grouped($0, in: language) } ?? "—" }
        func walk(_ e: Explanation, prefix: String, isLast: Bool, isRoot: Bool) {
            let branch = isRoot ? "" : (isLast ? "└─ " : "├─ ")
            let childPrefix = isRoot ? "" : prefix + (isLast ? "   " : "│  ")
            var head = "\(prefix)\(branch)\(e.nodeID)  \(e.label[language]): "
            head += e.score.map { NumberFormat.fixed($0, decimals: 4, language: language) } ?? "—"
            if scale == .points, let points = e.points {
                head += " → \(number(PublishedRounding.round(points, decimals: 2)))/\(number(e.maxPoints)) \(say(.explainPoints))"
            }
            if let rank = e.rank { head += say(.explainRank(rank, of: e.rankOf)) }
            lines.append(head)
            let detail = childPrefix + (e.children.isEmpty ? "     " : "│    ")
            if let expression = e.expression {
                lines.append("\(detail)\(say(.explainValue)) = \(expression) = \(number(e.raw))")
                for input in e.inputs {
                    var line = "\(detail)  \(input.id) = \(number(input.value))"
                    if let label = input.label { line += "  (\(label[language]))" }
                    if let expression = input.expression { line += "  = \(expression)" }
                    if let source = input.source { line += "  [\(source)]" } else if input.expression == nil { line += say(.explainNotAnswered) }
                    lines.append(line)
                }
            }
            lines.append("\(detail)\(say(.explainRule)) \(e.ruleText[language]): \(e.formulaText[language])")
            for note in e.notes { lines.append("\(detail)\(note[language])") }
            for (i, child) in e.children.enumerated() {
                walk(child, prefix: childPrefix, isLast: i == e.children.count - 1, isRoot: false)
            }
        }
        walk(explanation, prefix: "", isLast: true, isRoot: true)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The explanation as JSON, nested as the tree is.
    public static func json(_ e: Explanation, language: Language) -> JSONValue {
        func optional(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
        var pairs: [(String, JSONValue)] = [
            ("node", .string(e.nodeID)),
            ("label", .string(e.label[language])),
            ("score", optional(e.score)),
            ("weight", .number(e.weight)),
            ("max_points", .number(e.maxPoints)),
            ("points", optional(e.points)),
            ("rank", e.rank.map { .integer($0) } ?? .null),
            ("rule", .string(e.rule)),
            ("formula", .string(e.formula)),
            // The same in the requested language (Vietnamese with decimal commas).
            ("rule_text", .string(e.ruleText[language])),
            ("formula_text", .string(e.formulaText[language])),
        ]
        if let expression = e.expression {
            pairs.append(("expression", .string(expression)))
            pairs.append(("raw", optional(e.raw)))
            pairs.append(("inputs", .array(e.inputs.map { input in
                .object([
                    ("id", .string(input.id)),
                    ("value", optional(input.value)),
                    ("source", input.source.map { .string($0.description) } ?? .null),
                    ("expression", input.expression.map { .string($0) } ?? .null),
                ])
            })))
        }
        if let note = e.imputationNote { pairs.append(("imputed", .string(note))) }
        if let note = e.treatmentNote { pairs.append(("treated", .string(note))) }
        if let note = e.missingNote { pairs.append(("missing", .string(note))) }
        if let note = e.zeroNote { pairs.append(("zero_when", .string(note))) }
        if !e.notes.isEmpty { pairs.append(("notes", .array(e.notes.map { .string($0[language]) }))) }
        if let provenance = e.provenance { pairs.append(("provenance", .string(provenance.rawValue))) }
        if !e.children.isEmpty { pairs.append(("children", .array(e.children.map { json($0, language: language) }))) }
        return .object(pairs)
    }
}
