import IndexCore

/// Finds what-if scenarios for one unit of a computed block.
///
/// For every leaf it tries a few targets for the raw value (the next step of a step table, the
/// value giving full marks, the block's best, ten percentage points more on a ratio), turns each
/// into changed survey answers (one field moved, found by bisection on the leaf's own expression;
/// if that breaks a cross-field constraint, the same amount taken from another field of the
/// constraint, e.g. level-3 services converted to level 4), checks the answers against the
/// methodology, and recomputes the whole block with the engine. Only scenarios that raise the
/// index are kept, sorted by gain.
struct WhatIfSearch {
    let result: BlockResult
    let unit: Int
    /// The unit's answers as computed.
    let answers: UnitAnswers

    init(result: BlockResult, unit: Int) {
        self.result = result
        self.unit = unit
        answers = result.data.answers(unit)
    }

    var plan: BlockPlan { result.plan }
    var methodology: Methodology { plan.methodology }

    func scenarios() -> [Assessment.WhatIf] {
        let root = plan.rootIndex
        let valueBefore = result.score[root][unit], rankBefore = result.rank[root][unit]
        var scenarios: [Assessment.WhatIf] = []
        for leaf in plan.leafIndices {
            let node = plan.nodes[leaf]
            guard let scoring = node.scoring else { continue }
            let score = result.score[leaf][unit]
            // Nothing to gain on a leaf at full marks, read on the rule's output scale (100 with
            // `range: [1, 100]`); unbounded scores (z-scores) can always rise.
            if let full = scoring.fullMarks, score >= full - 1e-12 * max(1, abs(full)) { continue }
            var tried: [[Assessment.AnswerChange]] = []
            for (kind, target) in targets(leaf, scoring) {
                guard let changes = solve(leaf, target: target, higher: scoring.direction == .higher), !tried.contains(changes) else { continue }
                tried.append(changes)
                var changed = answers
                for change in changes { changed.values[change.field] = change.after }
                // The same unit in the same place: only its row of the columns changes.
                guard let recomputed = try? Engine.compute(plan, data: result.data.replacing(unit, with: changed)) else { continue }
                let u = unit
                let valueAfter = recomputed.score[recomputed.plan.rootIndex][u]
                guard valueAfter - valueBefore > 1e-12 else { continue }
                scenarios.append(Assessment.WhatIf(
                    nodeID: node.id, label: node.label, kind: kind, changes: changes, isRatio: Self.isRatio(scoring.rule),
                    rawBefore: result.leaves.raw[leaf][unit], rawAfter: recomputed.leaves.raw[leaf][u],
                    valueBefore: valueBefore, valueAfter: valueAfter, pointsGain: (valueAfter - valueBefore) * plan.root.maxPoints,
                    rankBefore: rankBefore, rankAfter: recomputed.rank[recomputed.plan.rootIndex][u]
                ))
            }
        }
        return scenarios.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.gain != y.gain { return x.gain > y.gain }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Whether a rule's values are shares (0–1), shown as percentages.
    static func isRatio(_ rule: ScoringRule) -> Bool {
        switch rule {
        case .ratio: true
        case .goalpost(let low, let high): min(low, high) >= 0 && max(low, high) <= 1
        default: false
        }
    }

    /// The raw values worth reaching for a leaf, better than the unit's own.
    func targets(_ leaf: Int, _ scoring: Scoring) -> [(Assessment.WhatIf.Kind, Double)] {
        let raw = result.leaves.raw[leaf][unit]
        let higher = scoring.direction == .higher
        let present = result.leaves.raw[leaf].filter { !$0.isNaN }
        var targets: [(Assessment.WhatIf.Kind, Double)] = []
        switch scoring.rule {
        case .yesNo:
            targets.append((.fullMarks, higher ? 1 : 0))
        case .ratio:
            if higher, !raw.isNaN, raw < 0.9 { targets.append((.plusTenPoints, raw + 0.1)) }
            targets.append((.fullMarks, higher ? 1 : 0))
        case .goalpost(let low, let high):
            if Self.isRatio(scoring.rule), higher, !raw.isNaN, raw + 0.1 < high { targets.append((.plusTenPoints, raw + 0.1)) }
            targets.append((.fullMarks, higher ? high : low))
        case .steps(let steps):
            let better = steps.filter { raw.isNaN || (higher ? $0.threshold > raw : $0.threshold < raw) }
            if let next = better.last { targets.append((.nextStep, next.threshold)) }
            if let top = steps.first, better.count > 1 { targets.append((.fullMarks, top.threshold)) }
        case .cappedCount(let cap):
            targets.append((.fullMarks, cap))
        case .asIs(let clamp):
            if clamp { targets.append((.fullMarks, higher ? 1 : 0)) }
        default:
            break
        }
        if let best = higher ? present.max() : present.min(), raw.isNaN || (higher ? best > raw : best < raw) {
            targets.append((.blockBest, best))
        }
        return targets
    }

    /// The fields a leaf reads, through derived values, in order of first use.
    func fields(of leaf: Int) -> [Field] {
        var names: [String] = []
        func add(_ expression: Expression) {
            for name in expression.references {
                if let derived = methodology.derived.first(where: { $0.id == name }) {
                    add(derived.expression)
                } else if !names.contains(name) {
                    names.append(name)
                }
            }
        }
        if let value = plan.nodes[leaf].value { add(value) }
        return names.compactMap { methodology.field($0) }.filter { $0.type != .text && $0.applies(to: plan.block.id) }
    }

    /// Changed answers that bring the leaf's raw value to `target` (at least, or at most when
    /// lower is better), valid against the methodology; `nil` when none is found.
    func solve(_ leaf: Int, target: Double, higher: Bool) -> [Assessment.AnswerChange]? {
        let single = singleLeafPlan(leaf)
        let tolerance = 1e-9 * max(1, abs(target))
        let goal = Goal(
            raw: { unit in Engine.scoreLeaves(single, data: BlockData(plan: single, answers: [unit])).raw[leaf][0] },
            target: target, higher: higher, tolerance: tolerance
        )
        if goal.reached(answers) { return nil }
        let fields = fields(of: leaf)
        if !fields.isEmpty, fields.allSatisfy({ $0.type == .boolean }) {
            var changed = answers
            for field in fields where changed.values[field.id] != (higher ? 1 : 0) { changed.values[field.id] = higher ? 1 : 0 }
            return goal.reached(changed) && isValid(changed) ? changes(from: answers, to: changed) : nil
        }
        for field in fields where field.type != .boolean {
            for up in higher ? [true] : [false, true] {
                guard let x = search(field, up: up, goal: goal) else { continue }
                var changed = answers
                changed.values[field.id] = x
                if isValid(changed) { return changes(from: answers, to: changed) }
                // A cross-field constraint broke: take the same amount from another of its fields.
                let delta = x - (answers.values[field.id] ?? 0)
                for constraint in methodology.constraints where constraint.check.references.contains(field.id) {
                    for other in constraint.check.references where other != field.id {
                        guard let current = answers.values[other], current > 0, let otherField = methodology.field(other) else { continue }
                        var compensated = changed
                        compensated.values[other] = max(otherField.minimum ?? 0, current - delta)
                        if goal.reached(compensated), isValid(compensated) { return changes(from: answers, to: compensated) }
                    }
                }
            }
        }
        return nil
    }

    /// A leaf's raw value as a function of one unit's answers, and the value to reach.
    struct Goal {
        let raw: (UnitAnswers) -> Double
        let target: Double
        let higher: Bool
        let tolerance: Double

        func reached(_ unit: UnitAnswers) -> Bool {
            let value = raw(unit)
            return !value.isNaN && (higher ? value >= target - tolerance : value <= target + tolerance)
        }
    }

    /// The value of `field` closest to the unit's answer that reaches the goal, moving up or down
    /// within the field's bounds (whole numbers for counts); `nil` when none does.
    func search(_ field: Field, up: Bool, goal: Goal) -> Double? {
        let start = answers.values[field.id] ?? 0
        let bound = up ? (field.maximum ?? .infinity) : (field.minimum ?? 0)
        let whole = field.type == .count
        func with(_ x: Double) -> UnitAnswers {
            var changed = answers
            changed.values[field.id] = x
            return changed
        }
        func at(_ x: Double) -> Bool { (up ? x <= bound : x >= bound) && goal.reached(with(x)) }
        // Most indicators are linear in the field (a count over a total): one secant step usually
        // lands on the answer; the neighbour below it must not reach, or bisection takes over.
        let r0 = goal.raw(with(start)), r1 = goal.raw(with(start + (up ? 1 : -1)))
        let slope = (r1 - r0) * (up ? 1 : -1)
        if slope.isFinite, slope != 0 {
            var guess = start + (goal.target - r0) / slope
            if whole { guess = up ? (guess - 1e-9).rounded(.up) : (guess + 1e-9).rounded(.down) }
            if up ? guess > start : guess < start, at(guess), !whole || guess - (up ? 1 : -1) == start || !at(guess - (up ? 1 : -1)) {
                return whole ? guess : nice(guess, up: up, at: at)
            }
        }
        var step = max(1, abs(start) * 0.1)
        var far = start
        var found = false
        for _ in 0..<64 {
            far = up ? min(start + step, bound) : max(start - step, bound)
            if at(far) { found = true; break }
            if far == bound { break }
            step *= 2
        }
        guard found else { return nil }
        var near = start
        for _ in 0..<60 {
            if whole ? abs(far - near) <= 1 : abs(far - near) <= 1e-7 * max(1, abs(far)) { break }
            var middle = (near + far) / 2
            if whole { middle = up ? middle.rounded(.down) : middle.rounded(.up) }
            if middle == near || middle == far { break }
            if at(middle) { far = middle } else { near = middle }
        }
        return whole ? far : nice(far, up: up, at: at)
    }

    /// A value people would write: `x` with the fewest decimals (up to 4) that still reaches.
    func nice(_ x: Double, up: Bool, at: (Double) -> Bool) -> Double {
        var scale = 1.0
        for _ in 0...4 {
            let rounded = up ? (x * scale).rounded(.up) / scale : (x * scale).rounded(.down) / scale
            if at(rounded) { return rounded }
            scale *= 10
        }
        return x
    }

    /// The plan scoring only `leaf`, so evaluating one unit's raw value skips every other leaf.
    func singleLeafPlan(_ leaf: Int) -> BlockPlan {
        var single = plan
        for index in single.nodes.indices where index != leaf && single.nodes[index].isLeaf { single.nodes[index].scoring = nil }
        return single
    }

    func isValid(_ unit: UnitAnswers) -> Bool {
        let location = SourceLocation(file: "what-if")
        let cells: [(field: String, value: RawValue, location: SourceLocation)] = methodology.fields.compactMap { field in
            if let number = unit.values[field.id] { return (field.id, .number(number), location) }
            if let text = unit.texts[field.id] { return (field.id, .text(text), location) }
            return nil
        }
        let record = RawRecord(unitID: unit.unitID, name: unit.name, block: unit.block, period: unit.period, cells: cells, location: location)
        return (try? SurveyValidator(methodology: methodology).validate([record])) != nil
    }

    func changes(from before: UnitAnswers, to after: UnitAnswers) -> [Assessment.AnswerChange] {
        methodology.fields.compactMap { field in
            guard let value = after.values[field.id], value != before.values[field.id] else { return nil }
            return Assessment.AnswerChange(field: field.id, label: field.label, before: before.values[field.id], after: value)
        }
    }
}
