import Foundation
import IndexCore
import Testing

/// Every scoring rule on hand-computed values, in both directions. Each test feeds field `a` of
/// units u01, u02, … to a single leaf and reads the leaf scores (NaN = missing stays missing).
@Suite("Scoring rules")
struct ScoringRuleTests {
    @Test("ratio: clamp(v, 0, 1); lower is better: 1 − clamp(v, 0, 1)")
    func ratio() throws {
        // 0.25 → 0.25; 1.2 → 1 (clamped); −0.1 → 0 (clamped); missing stays missing
        expectClose(try leafScores("ratio", [0.25, 1.2, -0.1, nil]), [0.25, 1, 0, .nan])
        // lower: 1 − 0.25 = 0.75; 1 − 1 = 0; 1 − 0 = 1
        expectClose(try leafScores("{rule: ratio, direction: lower}", [0.25, 1.2, -0.1, nil]), [0.75, 0, 1, .nan])
    }

    @Test("as_is: the value itself, or clamped to 0–1")
    func asIs() throws {
        // unclamped: 0.4, 1.5, −2 as given
        expectClose(try leafScores("as_is", [0.4, 1.5, -2]), [0.4, 1.5, -2])
        // unclamped, lower is better: the negated value −0.4, −1.5, 2
        expectClose(try leafScores("{rule: as_is, direction: lower}", [0.4, 1.5, -2]), [-0.4, -1.5, 2])
        // clamped: 0.4; 1.5 → 1; −2 → 0
        expectClose(try leafScores("{rule: as_is, clamp: true}", [0.4, 1.5, -2]), [0.4, 1, 0])
        // clamped, lower: clamp(1 − v): 1 − 0.4 = 0.6; 1 − 1.5 = −0.5 → 0; 1 + 2 = 3 → 1
        expectClose(try leafScores("{rule: as_is, clamp: yes, direction: lower}", [0.4, 1.5, -2]), [0.6, 0, 1])
    }

    @Test("yes_no: non-zero is yes")
    func yesNo() throws {
        // 1 → 1; 0 → 0; 7 → 1; −1 → 1 (non-zero)
        expectClose(try leafScores("yes_no", [1, 0, 7, -1, nil]), [1, 0, 1, 1, .nan])
        // lower: "no" is the good answer
        expectClose(try leafScores("{rule: yes_no, direction: lower}", [1, 0, 7, -1]), [0, 1, 0, 0])
    }

    @Test("relative_to_best: v / best, or best / v when lower is better")
    func relativeToBest() throws {
        // best (max) = 40: 10/40 = 0.25; 40/40 = 1; 25/40 = 0.625; 5/40 = 0.125
        expectClose(try leafScores("relative_to_best", [10, 40, 25, 5, nil]), [0.25, 1, 0.625, 0.125, .nan])
        // best (min) = 5: 5/10 = 0.5; 5/40 = 0.125; 5/25 = 0.2; 5/5 = 1
        expectClose(try leafScores("{rule: relative_to_best, direction: lower}", [10, 40, 25, 5, nil]), [0.5, 0.125, 0.2, 1, .nan])
        // a block where the best is 0 gives no one credit on higher-is-better
        expectClose(try leafScores("relative_to_best", [0, 0]), [0, 0])
        // lower is better with best 0: the unit at 0 scores 1, others 0 / v = 0
        expectClose(try leafScores("{rule: relative_to_best, direction: lower}", [0, 4]), [1, 0])
    }

    @Test("goalpost: clamp((v − low) / (high − low), 0, 1)")
    func goalpost() throws {
        // low 0, high 0.3: 0.15 → 0.5; 0.45 → 1.5 → 1; −0.1 → 0; 0.3 → 1
        expectClose(try leafScores("{rule: goalpost, low: 0, high: 0.3}", [0.15, 0.45, -0.1, 0.3]), [0.5, 1, 0, 1])
        // the same with a percent literal: high 30% = 0.3
        expectClose(try leafScores("{rule: goalpost, low: 0, high: 30%}", [0.15, 0.45, -0.1, 0.3]), [0.5, 1, 0, 1])
        // lower: 1 − s: 0.5, 0, 1, 0
        expectClose(try leafScores("{rule: goalpost, low: 0, high: 0.3, direction: lower}", [0.15, 0.45, -0.1, 0.3]), [0.5, 0, 1, 0])
        // reversed posts (fewer days is better): low 10, high 2: (6 − 10)/(2 − 10) = 0.5; 2 → 1; 12 → −0.25 → 0
        expectClose(try leafScores("{rule: goalpost, low: 10, high: 2}", [6, 2, 12]), [0.5, 1, 0])
    }

    @Test("steps with points on a points scale: points / weight")
    func stepsWithPoints() throws {
        // weight 70; steps given out of order are sorted from the most demanding:
        // ≥ 2 → 70 points, ≥ 1 → 35 points, else 0.
        // 0 → no step → 0; 1 → 35/70 = 0.5; 1.5 → 0.5; 2 → 70/70 = 1; 3 → 1
        let score = "{rule: steps, steps: [{at_least: 1, points: 35}, {at_least: 2, points: 70}]}"
        expectClose(try leafScores(score, [0, 1, 1.5, 2, 3, nil], weight: "70", scale: "points"), [0, 0.5, 0.5, 1, 1, .nan])
        // points = score × 70: 0, 35, 35, 70, 70
        let methodology = try loadMethodology(singleLeafYAML(score: score, weight: "70", scale: "points"))
        let result = try computeBlock(methodology, units("a", [0, 1, 1.5, 2, 3]))
        let x = result.plan.index(of: "x")!
        #expect((0..<5).map { result.points(node: x, unit: $0) } == [0, 35, 35, 70, 70])
        #expect(result.plan.nodes[x].maxPoints == 70)
        #expect(result.plan.root.maxPoints == 70)
    }

    @Test("steps with points on a unit scale divide by the relative weight")
    func stepsWithPointsUnitScale() throws {
        // weight 20: ≥ 4 → 20 points (1), ≥ 3 → 15 (0.75), ≥ 1 → 5 (0.25)
        let score = "{rule: steps, steps: [{at_least: 4, points: 20}, {at_least: 3, points: 15}, {at_least: 1, points: 5}]}"
        expectClose(try leafScores(score, [4, 3, 2, 0], weight: "20"), [1, 0.75, 0.25, 0])
    }

    @Test("steps with scores, higher and lower")
    func stepsWithScores() throws {
        // meetings a year: ≥ 4 → 1, ≥ 3 → 0.75, ≥ 2 → 0.5, ≥ 1 → 0.25, else 0
        let higher = "{rule: steps, steps: [{at_least: 4, score: 1}, {at_least: 3, score: 0.75}, {at_least: 2, score: 0.5}, {at_least: 1, score: 0.25}]}"
        expectClose(try leafScores(higher, [4, 3, 2, 1, 0, 6]), [1, 0.75, 0.5, 0.25, 0, 1])
        // days to answer, lower is better: ≤ 1 → 1, ≤ 3 → 0.6, ≤ 7 → 0.2, else 0
        let lower = "{rule: steps, direction: lower, steps: [{at_most: 7, score: 0.2}, {at_most: 1, score: 1}, {at_most: 3, score: 0.6}]}"
        expectClose(try leafScores(lower, [0.5, 3, 5, 10, 1]), [1, 0.6, 0.2, 0, 1])
    }

    @Test("capped_count: min(max(v, 0), cap) / cap")
    func cappedCount() throws {
        // cap 5: 0 → 0; 3 → 0.6; 5 → 1; 9 → 1; −1 → 0
        expectClose(try leafScores("{rule: capped_count, cap: 5}", [0, 3, 5, 9, -1]), [0, 0.6, 1, 1, 0])
        // lower: 1 − s: 1, 0.4, 0, 0, 1
        expectClose(try leafScores("{rule: capped_count, cap: 5, direction: lower}", [0, 3, 5, 9, -1]), [1, 0.4, 0, 0, 1])
    }

    @Test("min_max across the block")
    func minMax() throws {
        // min 2, max 10, range 8: (2−2)/8 = 0; (6−2)/8 = 0.5; (10−2)/8 = 1; (4−2)/8 = 0.25
        expectClose(try leafScores("min_max", [2, 6, 10, 4, nil]), [0, 0.5, 1, 0.25, .nan])
        // lower: (10 − v)/8: 1, 0.5, 0, 0.75
        expectClose(try leafScores("{rule: min_max, direction: lower}", [2, 6, 10, 4]), [1, 0.5, 0, 0.75])
        // no spread: everyone gets 1
        expectClose(try leafScores("min_max", [3, 3]), [1, 1])
    }

    @Test("z_score with the sample standard deviation (default)")
    func zScoreSample() throws {
        // 2, 4, 6: mean 4; sample sd = √((4 + 0 + 4) / 2) = 2 → −1, 0, 1 (the missing unit is ignored)
        expectClose(try leafScores("z_score", [2, nil, 4, 6]), [-1, .nan, 0, 1])
        expectClose(try leafScores("{rule: z_score, sd: sample}", [2, 4, 6]), [-1, 0, 1])
        // lower: negated: 1, 0, −1
        expectClose(try leafScores("{rule: z_score, direction: lower}", [2, 4, 6]), [1, 0, -1])
        // no spread: 0
        expectClose(try leafScores("z_score", [5, 5]), [0, 0])
    }

    @Test("z_score with the population standard deviation")
    func zScorePopulation() throws {
        // 2, 4, 6: population sd = √(8 / 3) = 1.632993…; ±2 / 1.632993 = ±√1.5 = ±1.224744871…
        let z = (1.5).squareRoot()
        expectClose(try leafScores("{rule: z_score, sd: population}", [2, 4, 6]), [-z, 0, z])
        expectClose(try leafScores("{rule: z_score, sd: population, direction: lower}", [2, 4, 6]), [z, 0, -z])
    }

    @Test("rank: (n − rank) / (n − 1) with competition ranks")
    func rank() throws {
        // 0.9, 0.8, 0.8, 0.7: ranks 1, 2, 2, 4; n = 4 → 3/3, 2/3, 2/3, 0/3
        expectClose(try leafScores("rank", [0.9, 0.8, 0.8, 0.7, nil]), [1, 2.0 / 3, 2.0 / 3, 0, .nan])
        // lower: ranks ascending 4, 2, 2, 1 → 0, 2/3, 2/3, 1
        expectClose(try leafScores("{rule: rank, direction: lower}", [0.9, 0.8, 0.8, 0.7]), [0, 2.0 / 3, 2.0 / 3, 1])
        // a single unit: 1
        expectClose(try leafScores("rank", [0.3]), [1])
    }

    @Test("percentile: share of the other units below, ties counting half")
    func percentile() throws {
        // 10, 20, 20, 30, 40 (n − 1 = 4): 10 → 0/4 = 0; 20 → (1 + 0.5·1)/4 = 0.375; 30 → 3/4; 40 → 4/4
        expectClose(try leafScores("percentile", [10, 20, 20, 30, 40, nil]), [0, 0.375, 0.375, 0.75, 1, .nan])
        // lower: counting the units above: 10 → 4/4; 20 → (2 + 0.5)/4 = 0.625; 30 → 1/4; 40 → 0
        expectClose(try leafScores("{rule: percentile, direction: lower}", [10, 20, 20, 30, 40]), [1, 0.625, 0.625, 0.25, 0])
        expectClose(try leafScores("percentile", [7]), [1])
    }

    @Test("isBounded and rule names")
    func boundedness() {
        #expect(ScoringRule.zScore(populationSD: false).isBounded == false)
        #expect(ScoringRule.asIs(clamp: false).isBounded == false)
        #expect(ScoringRule.asIs(clamp: true).isBounded)
        #expect(ScoringRule.ratio.isBounded)
        #expect(ScoringRule.relativeToBest.name == "relative_to_best")
        #expect(ScoringRule.cappedCount(cap: 1).name == "capped_count")
    }
}
