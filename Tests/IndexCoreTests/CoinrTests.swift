import Foundation
@testable import IndexCore
import TestFixtures
import Testing

/// The pipeline steps of COINr (the JRC's composite-indicator toolkit) as methodology keys, each
/// against its documented formula, computed by hand.
@Suite("COINr's normalisations, aggregations and defaults")
struct CoinrTests {
    // MARK: normalisations

    @Test("min_max with range: [1, 100] is COINr's n_minmax(l_u = c(1, 100))")
    func minMaxRange() throws {
        // (x − 2) / (10 − 2) → 0, 0.25, 1 → 1 + s·99 → 1, 25.75, 100
        expectClose(try leafScores("{rule: min_max, range: [1, 100]}", [2, 4, 10]), [1, 25.75, 100])
        // lower is better: (10 − x) / 8 → 1, 0.75, 0 → 100, 75.25, 1
        expectClose(try leafScores("{rule: min_max, direction: lower, range: [1, 100]}", [2, 4, 10]), [100, 75.25, 1])
    }

    @Test("distance_to_max is the same number as min_max (COINr's n_dist2max: 1 − (max − x)/(max − min))")
    func distanceToMax() throws {
        // 1 − (10 − 4)/(10 − 2) = 0.25
        expectClose(try leafScores("distance_to_max", [2, 4, 10]), [0, 0.25, 1])
        #expect(try leafScores("distance_to_max", [3, 7.5, 1, 12]) == leafScores("min_max", [3, 7.5, 1, 12]))
    }

    @Test("z_score with target: {mean: 10, sd: 2} is COINr's n_zscore(m_sd = c(10, 2))")
    func zScoreTarget() throws {
        // mean 5, sample sd √((9 + 1 + 16) / 2) = √13; 10 + 2·(x − 5)/√13
        let sd = (13.0).squareRoot()
        expectClose(try leafScores("{rule: z_score, target: {mean: 10, sd: 2}}", [2, 4, 9]), [10 - 6 / sd, 10 - 2 / sd, 10 + 8 / sd])
    }

    @Test("distance_to_reference is COINr's n_dist2ref: 1 − (ref − x)/(ref − min), capped with truncate")
    func distanceToReference() throws {
        // reference u02 = 4, min 2: x = 2 → 0; 4 → 1; 10 → 1 − (4 − 10)/(4 − 2) = 4
        expectClose(try leafScores("{rule: distance_to_reference, unit: u02}", [2, 4, 10]), [0, 1, 4])
        expectClose(try leafScores("{rule: distance_to_reference, unit: u02, truncate: true}", [2, 4, 10]), [0, 1, 1])
    }

    @Test("a reference unit that is not in the block is an error naming it")
    func unknownReference() throws {
        let m = try loadMethodology(singleLeafYAML(score: "{rule: distance_to_reference, unit: hue}"))
        #expect(throws: DiagnosticError.self) { try computeBlock(m, units("a", [2, 4])) }
        do { _ = try computeBlock(m, units("a", [2, 4])) } catch let error as DiagnosticError {
            #expect(error.diagnostics.first?.message.contains("reference unit 'hue', which is not among the 2 units") == true)
        }
    }

    @Test("distance_to_target is COINr's n_dist2targ: 1 − (target − x)/(target − min)")
    func distanceToTarget() throws {
        // target 8, min 2: x = 2 → 0; 4 → 1 − 4/6 = 1/3; 10 → 1 + 2/6 = 4/3
        expectClose(try leafScores("{rule: distance_to_target, target: 8}", [2, 4, 10]), [0, 1.0 / 3, 4.0 / 3])
        expectClose(try leafScores("{rule: distance_to_target, target: 8, truncate: true}", [2, 4, 10]), [0, 1.0 / 3, 1])
    }

    @Test("fraction_of_max is relative_to_best, COINr's n_fracmax x / max, for values of 0 and above")
    func fractionOfMax() throws {
        expectClose(try leafScores("fraction_of_max", [2, 4, 10, 0]), [0.2, 0.4, 1, 0])
        #expect(try leafScores("fraction_of_max", [3, 7.5, 1, 12]) == leafScores("relative_to_best", [3, 7.5, 1, 12]))
    }

    @Test("percent_rank is COINr's n_prank: (rank − 1)/(n − 1), ties at the lowest rank; percentile counts ties half")
    func percentRank() throws {
        // values 3, 1, 3, 5: ranks (min) 2, 1, 2, 4 → 1/3, 0, 1/3, 1
        expectClose(try leafScores("percent_rank", [3, 1, 3, 5]), [1.0 / 3, 0, 1.0 / 3, 1])
        // percentile: a 3 has 1 lower and 1 equal other → (1 + 0.5)/3 = 0.5
        expectClose(try leafScores("percentile", [3, 1, 3, 5]), [0.5, 0, 0.5, 1])
        // lower is better: 3 has 1 value strictly above it → 1/3; 1 → 1; 5 → 0
        expectClose(try leafScores("{rule: percent_rank, direction: lower}", [3, 1, 3, 5]), [1.0 / 3, 1, 1.0 / 3, 0])
    }

    @Test("borda is COINr's n_borda: rank − 1 with ties at the lowest rank")
    func borda() throws {
        expectClose(try leafScores("borda", [3, 1, 3, 5, nil]), [1, 0, 1, 3, .nan])
    }

    @Test("goalposts with truncate: false are COINr's n_goalposts(trunc2posts = FALSE)")
    func goalpostTruncation() throws {
        expectClose(try leafScores("{rule: goalpost, low: 0, high: 10}", [15, -5, 5]), [1, 0, 0.5])
        expectClose(try leafScores("{rule: goalpost, low: 0, high: 10, truncate: false}", [15, -5, 5]), [1.5, -0.5, 0.5])
    }

    @Test("goalposts written high to low are read as 'lower is better', so other rules see the direction too")
    func goalpostsReversed() throws {
        let m = try loadMethodology(singleLeafYAML(score: "{rule: goalpost, low: 10, high: 2}"))
        let scoring = try #require(m.node("x")?.scoring)
        #expect(scoring.rule == .goalpost(low: 2, high: 10))
        #expect(scoring.direction == .lower)
        // full marks at 2, none at 10: 6 → 0.5
        expectClose(try leafScores("{rule: goalpost, low: 10, high: 2}", [2, 6, 10]), [1, 0.5, 0])
        // with a direction given as well, the intent is ambiguous: rejected
        let problems = loadDiagnostics(singleLeafYAML(score: "{rule: goalpost, low: 10, high: 2, direction: lower}"))
        #expect(problems.map(\.code) == [.invalidValue])
        #expect(problems.first?.message.contains("low 10 is above high 2 and direction is given too") == true)
    }

    // MARK: aggregations

    func threeLeaves(_ aggregate: String, weights: [String] = ["1", "1", "1"], extra: String = "") -> String {
        """
        id: agg
        title: Aggregation
        scale: unit
        missing: reweight
        \(extra)
        blocks:
          - {id: p, name: Provinces}
        fields:
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
          - {id: c, label: C, type: number}
        index:
          id: index
          aggregate: \(aggregate)
          children:
            - {id: x, weight: \(weights[0]), value: a, score: {rule: as_is}}
            - {id: y, weight: \(weights[1]), value: b, score: {rule: as_is}}
            - {id: z, weight: \(weights[2]), value: c, score: {rule: as_is}}
        """
    }

    @Test("median: the middle score, by weight; exactly half the weight: the mean of the two middle scores")
    func median() throws {
        let equal = try loadMethodology(threeLeaves("median"))
        // 0.2, 0.9, 0.5 → 0.5; with c missing: 0.2, 0.9 with weights 1, 1: cumulative 1 = half → (0.2 + 0.9)/2
        let r = try computeBlock(equal, [unit("u1", ["a": 0.2, "b": 0.9, "c": 0.5]), unit("u2", ["a": 0.2, "b": 0.9])])
        expectClose(r.index, [0.5, 0.55])
        // weights 1, 3, 1: sorted 0.2 (1), 0.5 (1), 0.9 (3); half of 5 is 2.5, first reached at 0.9
        let weighted = try loadMethodology(threeLeaves("median", weights: ["1", "3", "1"]))
        let one = try computeBlock(weighted, [unit("u1", ["a": 0.2, "b": 0.9, "c": 0.5])])
        expectClose(one.index, [0.9])
        #expect(one.explain(unit: 0).formula == "weighted median of [1×0.2, 3×0.9, 1×0.5] = 0.9")
        #expect(one.explain(unit: 0).formulaText.vi == "trung vị có trọng số của [1×0,2; 3×0,9; 1×0,5] = 0,9")
    }

    @Test("power_mean: (Σwᵢsᵢ^p / Σw)^(1/p); p = 1 is the arithmetic mean, p = −1 the harmonic")
    func powerMean() throws {
        let answers = [unit("u1", ["a": 0.25, "b": 1, "c": 1])]
        // weights 1, 3 (c weight 0): p = 2: ((0.0625 + 3) / 4)^(1/2) = 0.765625^0.5 = 0.875
        let square = try loadMethodology(threeLeaves("{method: power_mean, p: 2}", weights: ["1", "3", "0"]))
        let squared = try computeBlock(square, answers)
        expectClose(squared.index, [0.875])
        #expect(squared.explain(unit: 0).formulaText == LocalizedText(vi: "trung bình luỹ thừa bậc 2 của [1×0,25; 3×1; 0×1] = 0,875", en: "power mean (p = 2) of [1×0.25, 3×1, 0×1] = 0.875"))
        #expect(squared.explain(unit: 0).rule == "power_mean(p = 2)")
        let harmonic = try loadMethodology(threeLeaves("{method: power_mean, p: -1}", weights: ["1", "3", "0"]))
        expectClose(try computeBlock(harmonic, answers).index, [4.0 / 7.0])
        let arithmetic = try loadMethodology(threeLeaves("{method: power_mean, p: 1}", weights: ["1", "3", "0"]))
        expectClose(try computeBlock(arithmetic, answers).index, [0.8125])
        #expect(loadDiagnostics(threeLeaves("{method: power_mean, p: 0}")).first?.message.contains("write aggregate: geometric") == true)
        #expect(loadDiagnostics(threeLeaves("power_mean")).first?.message.contains("needs its exponent") == true)
    }

    @Test("copeland: COINr's a_copeland outranking row sums, divided by n − 1")
    func copeland() throws {
        let m = try loadMethodology(threeLeaves("copeland", weights: ["1", "3", "0"]))
        let r = try computeBlock(m, [unit("u1", ["a": 0.25, "b": 1, "c": 0]), unit("u2", ["a": 0, "b": 0.5, "c": 0]), unit("u3", ["a": 0.5, "b": 0.5, "c": 0])])
        // shares of the weight 4 (x 1, y 3, z 0; ties half):
        // u1: vs u2 (x, y) 4/4; vs u3 (y) 3/4 → 1.75 / 2 = 0.875
        // u2: vs u1 0; vs u3 (y tie) 1.5/4 → 0.375 / 2 = 0.1875
        // u3: vs u1 (x) 1/4; vs u2 (x, y tie) 2.5/4 → 0.875 / 2 = 0.4375
        expectClose(r.index, [0.875, 0.1875, 0.4375])
        #expect(r.ranks("index") == [1, 3, 2])
        #expect(r.explain(unit: 0).formula == "Copeland over [1×0.25, 3×1, 0×0] against 2 other units = 0.875")
        #expect(r.explain(unit: 0).formulaText.vi == "Copeland trên [1×0,25; 3×1; 0×0] so với 2 đơn vị khác = 0,875")
        #expect(r.explain(unit: 0).ruleText == LocalizedText(vi: "điểm Copeland", en: "copeland"))
    }

    @Test("data_threshold: a group with scores for less than the share of its children has no score")
    func dataThreshold() throws {
        let m = try loadMethodology(threeLeaves("arithmetic", extra: "data_threshold: 66%"))
        let r = try computeBlock(m, [unit("u1", ["a": 0.3, "b": 0.6]), unit("u2", ["a": 0.3])])
        // u1: 2 of 3 children ≥ 0.66 · 3 = 1.98 → (0.3 + 0.6)/2; u2: 1 of 3 → missing
        expectClose(r.index, [0.45, .nan])
        #expect(r.explain(unit: 1).missingNote == "1 of 3 children scored, below the 66% data threshold (data_threshold); missing → left out, parent re-weights (policy: reweight)")
        #expect(r.explain(unit: 1).notes.first?.vi.hasPrefix("1/3 thành phần có điểm, dưới ngưỡng dữ liệu 66%") == true)
        #expect(loadDiagnostics(threeLeaves("arithmetic", extra: "data_threshold: 1.5")).first?.code == .outOfRange)
    }

    // MARK: defaults

    @Test("top-level aggregate and score are the defaults of every group and leaf; a group's own are inherited below it")
    func defaults() throws {
        let yaml = """
        id: defaults
        title: Defaults
        scale: unit
        aggregate: geometric
        score: {rule: min_max, range: [1, 100]}
        blocks:
          - {id: p, name: P}
        fields:
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
          - {id: c, label: C, type: number}
        index:
          id: index
          children:
            - id: g1
              children:
                - {id: x, value: a}
                - {id: y, value: b, direction: lower}
            - id: g2
              aggregate: arithmetic
              score: {rule: percentile, range: [1, 2]}
              children:
                - {id: z, value: c}
        """
        let m = try loadMethodology(yaml)
        #expect(m.node("index")?.aggregation == .geometric)
        #expect(m.node("g1")?.aggregation == .geometric)
        #expect(m.node("g2")?.aggregation == .arithmetic)
        #expect(m.node("x")?.scoring == Scoring(.minMax, output: .range(low: 1, high: 100)))
        #expect(m.node("y")?.scoring == Scoring(.minMax, direction: .lower, output: .range(low: 1, high: 100)))
        #expect(m.node("z")?.scoring == Scoring(.percentile, output: .range(low: 1, high: 2)))
        let r = try computeBlock(m, [unit("u1", ["a": 0, "b": 0, "c": 1]), unit("u2", ["a": 10, "b": 10, "c": 2])])
        // x (min_max on 1–100): 1, 100; y (lower is better): 100, 1 → g1 (geometric) √100 = 10 for both;
        // z (percentile on 1–2): 1, 2 → g2 (arithmetic) 1, 2; index (geometric) √(10·1), √(10·2)
        expectClose(r.scores("g1"), [10, 10])
        expectClose(r.index, [(10.0).squareRoot(), (20.0).squareRoot()])
    }

    @Test("a leaf without a score and no default says where a default may go")
    func noDefaultScore() {
        let problems = loadDiagnostics(singleLeafYAML(score: "as_is").replacingOccurrences(of: "score: as_is", with: ""))
        #expect(problems.first?.message.contains("or a default 'score' on a group above it or at the top level") == true)
    }

    // MARK: the loader's messages

    @Test("a key the rule does not use is a warning naming the rule, not silently ignored")
    func unusedKeyWarning() throws {
        let m = try loadMethodology(singleLeafYAML(score: "{rule: min_max, low: 0, high: 5}"))
        #expect(m.warnings.map(\.code) == [.unusedKey, .unusedKey])
        #expect(m.warnings.first?.message.contains("rule min_max does not use 'low' (low is for goalpost); it takes 'direction', 'range'") == true, "\(m.warnings)")
        #expect(m.warnings.first?.location?.line == line(of: "rule: min_max", in: singleLeafYAML(score: "{rule: min_max, low: 0, high: 5}")))
    }

    @Test("suggestions only when close, and where a key belongs when it is written elsewhere")
    func suggestions() {
        // 'mean' is far from every score key: no 'did you mean cap?'
        let far = loadDiagnostics(singleLeafYAML(score: "{rule: z_score, mean: 10}"))
        #expect(far.first?.message.contains("did you mean") == false, "\(far)")
        // a typo is close: suggested
        let typo = loadDiagnostics(singleLeafYAML(score: "{rule: goalpost, low: 0, hihg: 1}"))
        #expect(typo.contains { $0.message.contains("unknown key 'hihg'") && $0.message.contains("did you mean 'high'?") }, "\(typo)")
        // 'range' on a node belongs in the score
        let misplaced = loadDiagnostics(singleLeafYAML(score: "min_max").replacingOccurrences(of: "score: min_max", with: "score: min_max\n      range: [1, 100]"))
        #expect(misplaced.first?.message.contains("'range' is a key of") == true, "\(misplaced)")
        #expect(misplaced.first?.message.contains("scores (score: {rule: …, range: …})") == true)
    }

    @Test("range and target need the unit scale: a points methodology scores on 0–1")
    func rangeOnPoints() {
        let problems = loadDiagnostics(singleLeafYAML(score: "{rule: min_max, range: [1, 100]}", scale: "points"))
        #expect(problems.contains { $0.message.contains("'range' and 'target' need scale: unit") })
    }

    // MARK: explanations in both languages

    @Test("explanations in Vietnamese use decimal commas and Vietnamese words, English as before")
    func bilingualFormulas() throws {
        func formula(_ score: String, _ values: [Double?], unit index: Int = 0) throws -> LocalizedText {
            let m = try loadMethodology(singleLeafYAML(score: score))
            let r = try computeBlock(m, units("a", values))
            return r.explain(unit: index, node: r.plan.index(of: "x")).formulaText
        }
        let best = try formula("relative_to_best", [0.262, 0.309])
        #expect(best.en == "0.262 / 0.309 (best of 2) = 0.847896")
        #expect(best.vi == "0,262 / 0,309 (tốt nhất trong 2) = 0,847896")
        #expect(try formula("yes_no", [1]).vi == "có → 1")
        #expect(try formula("ratio", [0.25]).vi == "min(max(0,25; 0); 1) = 0,25")
        #expect(try formula("{rule: goalpost, low: 0, high: 0.3}", [0.15]).vi == "min(max((0,15 − 0) / (0,3 − 0); 0); 1) = 0,5")
        #expect(try formula("{rule: min_max, range: [1, 100]}", [2, 4, 10], unit: 1).en == "(4 − min 2) / (max 10 − min 2) = 0.25 → on 1–100: 25.75")
        #expect(try formula("{rule: min_max, range: [1, 100]}", [2, 4, 10], unit: 1).vi == "(4 − nhỏ nhất 2) / (lớn nhất 10 − nhỏ nhất 2) = 0,25 → thang 1–100: 25,75")
        #expect(try formula("{rule: distance_to_target, target: 8}", [2, 5]).en == "1 − (target 8 − 2) / (8 − min 2) = 0")
    }

    @Test("every rule, aggregation and policy has a name and an explanation in both languages")
    func namesInBothLanguages() {
        let rules: [ScoringRule] = [.ratio, .asIs(clamp: true), .yesNo, .relativeToBest, .goalpost(low: 0, high: 1), .steps([]), .cappedCount(cap: 2), .minMax,
                                    .zScore(populationSD: false), .rank, .percentile, .percentRank, .borda, .distanceToReference(unit: "u"), .distanceToTarget(1)]
        for rule in rules {
            #expect(!rule.name(in: .vi).isEmpty && !rule.name(in: .en).isEmpty)
            #expect(rule.explanation(in: .vi) != rule.explanation(in: .en), "\(rule)")
        }
        for aggregation in Aggregation.plain + [.power(2)] {
            #expect(aggregation.name(in: .vi) != aggregation.name(in: .en))
            #expect(aggregation.explanation(in: .vi) != aggregation.explanation(in: .en))
        }
        for policy in MissingPolicy.allCases {
            #expect(policy.name(in: .vi) != policy.name(in: .en))
            #expect(policy.explanation(in: .vi) != policy.explanation(in: .en))
        }
        #expect(Scoring(.goalpost(low: 0, high: 0.3)).summary(in: .vi) == "ngưỡng 0 → 0,3 (đủ điểm)")
        #expect(Scoring(.minMax, direction: .lower, output: .range(low: 1, high: 100)).summary(in: .en) == "min–max, on 1–100 (lower is better)")
    }

    // MARK: unit attributes, groups and screening

    func regions(_ extra: String) -> String {
        """
        id: groups
        title: Groups
        scale: unit
        missing: reweight
        attributes: [region]
        \(extra)
        blocks:
          - {id: p, name: Provinces}
        fields:
          - {id: region, label: Region, type: text}
          - {id: a, label: A, type: number}
          - {id: b, label: B, type: number}
          - {id: c, label: C, type: number}
        index:
          id: index
          children:
            - {id: x, value: a, score: as_is}
            - {id: y, value: b, score: as_is}
            - {id: z, value: c, score: as_is}
        """
    }

    func regional(_ id: String, _ region: String?, _ values: [String: Double?]) -> UnitAnswers {
        var answers = unit(id, values)
        if let region { answers.texts["region"] = region }
        return answers
    }

    @Test("impute: {method: group_mean, by: region} is COINr's i_mean_grp: the mean of the unit's group")
    func groupMean() throws {
        let m = try loadMethodology(regions("impute: {method: group_mean, by: region}"))
        let answers = [
            regional("u1", "north", ["a": 0.2, "b": 0.5, "c": 0.1]),
            regional("u2", "north", ["a": 0.4, "b": 0.7, "c": 0.3]),
            regional("u3", "north", ["b": 0.9, "c": 0.5]),          // a: north mean (0.2 + 0.4)/2 = 0.3
            regional("u4", "south", ["a": 0.8, "b": 0.1, "c": 0.2]),
            regional("u5", "south", ["b": 0.3, "c": 0.4]),          // a: south mean 0.8
            regional("u6", nil, ["b": 0.3, "c": 0.4]),              // no region: stays missing
        ]
        let r = try computeBlock(m, answers)
        let x = try #require(r.plan.index(of: "x"))
        expectClose(r.leaves.scoredValue(node: x, unit: 2), 0.3)
        expectClose(r.leaves.scoredValue(node: x, unit: 4), 0.8)
        #expect(r.leaves.scoredValue(node: x, unit: 5).isNaN)
        #expect(r.explain(unit: 2, node: x).imputationNote == "imputed: missing → 0.3 (group mean of the unit's group)")
        // group_median of north with a third value: median of 0.2, 0.4 → 0.3 as well; without 'by': an error
        #expect(loadDiagnostics(regions("impute: group_mean")).first?.message.contains("needs the attribute grouping the units") == true)
        #expect(loadDiagnostics(regions("impute: {method: group_mean, by: province}")).first?.message.contains("imputes by 'province', which is not among the attributes") == true)
    }

    @Test("ranks within a group beside the block's rank")
    func ranksWithinGroups() throws {
        let m = try loadMethodology(regions(""))
        let r = try computeBlock(m, [
            regional("u1", "north", ["a": 0.9, "b": 0.9, "c": 0.9]),   // 0.9: 1st overall, 1st north
            regional("u2", "south", ["a": 0.6, "b": 0.6, "c": 0.6]),   // 0.6: 3rd, 1st south
            regional("u3", "north", ["a": 0.7, "b": 0.7, "c": 0.7]),   // 0.7: 2nd, 2nd north
            regional("u4", "south", ["a": 0.3, "b": 0.3, "c": 0.3]),   // 0.3: 4th, 2nd south
            regional("u5", nil, ["a": 0.1, "b": 0.1, "c": 0.1]),       // no region: unranked in groups
        ])
        #expect(r.ranks("index") == [1, 3, 2, 4, 5])
        #expect(r.ranks(within: "region") == [1, 1, 2, 2, 0])
    }

    /// The registry of the attribute tests: u1 and u2 in the north, u4 in the south, u3 and u5
    /// without attributes.
    static let attributeRegistry = """
        block: p
        units:
          - {id: u1, name: Unit u1, attributes: {region: north}}
          - {id: u2, name: Unit u2, attributes: {region: north, type: city}}
          - {id: u3, name: Unit u3}
          - {id: u4, name: Unit u4, attributes: {region: south}}
          - {id: u5, name: Unit u5}
        """

    @Test("unit attributes from the registry stand in where the data leave them empty; data and registry must agree")
    func attributesFromTheRegistry() throws {
        let registry = try UnitRegistry.load(files: [("units.yaml", Self.attributeRegistry)])
        #expect(registry.unit("u2")?.attributes == ["region": "north", "type": "city"])
        let m = try loadMethodology(regions(""))
        let answers = registry.attachingAttributes(to: [
            regional("u1", nil, ["a": 0.9, "b": 0.9, "c": 0.9]),       // registry: north
            regional("u2", "north", ["a": 0.6, "b": 0.6, "c": 0.6]),   // data and registry agree: north
            regional("u3", "south", ["a": 0.7, "b": 0.7, "c": 0.7]),   // data only: south
            regional("u4", nil, ["a": 0.3, "b": 0.3, "c": 0.3]),       // registry: south
            regional("u5", nil, ["a": 0.1, "b": 0.1, "c": 0.1]),       // neither: no group
        ])
        let r = try computeBlock(m, answers)
        #expect((0..<5).map { r.data.attribute("region", unit: $0) } == ["north", "north", "south", "south", nil])
        // 0.9 and 0.6 in the north, 0.7 and 0.3 in the south.
        #expect(r.ranks(within: "region") == [1, 2, 1, 2, 0])

        // The data say south where the registry says north: an error at the data's cell, naming both.
        var conflicting = answers
        conflicting[0].texts["region"] = "south"
        conflicting[0].sources["region"] = SourceLocation(file: "survey.csv", line: 2, column: 3)
        let error = try #require(throws: DiagnosticError.self) { try computeBlock(m, conflicting) }
        #expect(error.diagnostics.map(\.description) == [
            "survey.csv:2:3: Unit u1 (u1): attribute 'region' is 'south' in the data but 'north' in the unit registry; they must agree: correct the answer, or leave it empty to use the registry's [invalid-value]",
        ])
        // A registry whose attributes are not a mapping of ids to values says so, with the line.
        let bad = try #require(throws: DiagnosticError.self) {
            try UnitRegistry.load(files: [("units.yaml", "block: p\nunits:\n  - {id: u1, name: U, attributes: [north]}\n")])
        }
        #expect(bad.diagnostics.first?.location?.line == 3)
        #expect(bad.diagnostics.first?.message.hasPrefix("unit 'u1': attributes must be a mapping") == true)
    }

    @Test("screening: units with data for less than the threshold share of indicators leave the block, listed with the reason")
    func screening() throws {
        // The shared screened set-up (`TestFixtures`): u2 has 2 of 3 indicators (≥ 66%: kept), u3
        // 1 of 3 (screened out: its 1000 is not the block's maximum).
        let r = try computeBlock(try ScreenedFixture.methodology(regions: true), ScreenedFixture.units)
        #expect(r.units.map(\.unitID) == ["u1", "u2", "u4"])
        // min–max over u1, u2, u4 only: a = 0, 10, 20 → 0, 0.5, 1
        expectClose(r.leaves.score[r.plan.index(of: "x")!], [0, 0.5, 1])
        #expect(r.screened.map(\.unit.unitID) == ["u3"])
        #expect(r.screened.first?.reason == ScreenedFixture.u3Reason)
        #expect(r.ranks("index") == [3, 2, 1])
    }
}
