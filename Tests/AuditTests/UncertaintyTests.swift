import Audit
import Foundation
import IndexCore
import Reports
import Testing

@Suite("Uncertainty analysis")
struct UncertaintyTests {
    static let yaml = """
    id: small
    title: Small
    scale: unit
    blocks: [{id: p, name: {vi: Tỉnh, en: Provinces}}]
    fields:
      - {id: a, label: A, type: number}
      - {id: b, label: B, type: number}
    index:
      id: index
      children:
        - {id: la, label: {vi: Chỉ tiêu A, en: Indicator A}, value: a, score: ratio}
        - {id: lb, value: b, score: ratio}
    """

    /// u1 leads on a, u2 on b; u3 is low on both. Nominal indexes 0.5, 0.4, 0.2: ranks 1, 2, 3.
    /// Without a: 0, 0.8, 0.2: ranks 3, 1, 2.
    static let answers = [unit("u1", ["a": 1, "b": 0]), unit("u2", ["a": 0, "b": 0.8]), unit("u3", ["a": 0.2, "b": 0.2])]

    static func spec(_ text: String, methodology: Methodology) throws -> UncertaintySpec {
        try UncertaintySpec.load(yaml: text, fileName: "spec.yaml", methodology: methodology)
    }

    @Test("leaving an indicator out in half the scenarios, by hand: intervals, mean rank shift, Sobol indices")
    func exclusion() throws {
        let m = try MethodologyLoader.load(yaml: Self.yaml, fileName: "small.yaml")
        let monteCarlo = try Self.spec("{method: monte_carlo, runs: 64, seed: 3, inputs: [{id: drop, type: exclusion, indicators: [la]}]}", methodology: m)
        let result = try UncertaintyAnalysis.run(monteCarlo, methodology: m, answers: Self.answers).block("p")!
        // 64 digitally shifted Sobol points: exactly 32 below ½ (kept) and 32 above (a left out).
        #expect(result.units.map(\.id) == ["u1", "u2", "u3"])
        #expect(result.units.map(\.nominalRank) == [1, 2, 3])
        #expect(result.units.map(\.bestRank) == [1, 1, 2])
        #expect(result.units.map(\.worstRank) == [3, 2, 3])
        #expect(result.units.map(\.medianRank) == [1, 1, 2])  // the lower of the two equally likely places
        // Mean absolute rank shift: 0 when kept, (2 + 1 + 1) / 3 when a is left out.
        #expect(abs(result.meanRankShift - 2.0 / 3) < 1e-12)
        #expect(result.units[0].sensitivity == nil)

        let sobol = try Self.spec("{method: sobol, runs: 256, seed: 3, inputs: [{id: drop, type: exclusion, indicators: [la], label: {vi: bỏ chỉ tiêu A, en: leaving out indicator A}}, {id: w, type: weights, nodes: [lb], perturbation: 1%}]}", methodology: m)
        let indexed = try UncertaintyAnalysis.run(sobol, methodology: m, answers: Self.answers).block("p")!
        #expect(indexed.runs == 256 * 4 && indexed.scenarios == 512)
        let u1 = indexed.units[0]
        let s = try #require(u1.sensitivity)
        // A 1% weight change never reorders the units: the exclusion explains everything.
        #expect(abs(s.first[0] - 1) < 0.05 && abs(s.total[0] - 1) < 0.05 && abs(s.total[1]) < 1e-12)
        #expect(u1.mostInfluentialInput == 0)
        #expect(u1.summary(inputs: sobol.inputs, interval: sobol.interval, language: .en) == "1st, between 1st and 3rd in 90% of scenarios; most sensitive to leaving out indicator A")
        #expect(u1.summary(inputs: sobol.inputs, interval: sobol.interval, language: .vi) == "Hạng 1, trong khoảng hạng 1–3 ở 90% kịch bản; nhạy nhất với bỏ chỉ tiêu A")
        let svg = RankIntervalChart.svg(indexed, interval: 0.9, language: .en)
        #expect(svg.hasPrefix("<svg") && svg.contains("Unit u1") && svg.contains("512 scenarios"))
    }

    @Test("weights, normalisation, aggregation and imputation inputs; the same seed gives the same numbers on any core count")
    func determinism() throws {
        let m = try MethodologyLoader.load(yaml: Self.yaml, fileName: "small.yaml")
        var answers: [UnitAnswers] = []
        var state: UInt64 = 11
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) * 0x1p-53 }
        for i in 0..<25 { answers.append(unit(String(format: "u%02d", i), ["a": next(), "b": i % 7 == 0 ? nil : next()])) }
        let spec = try Self.spec("""
        method: sobol
        runs: 64
        seed: 99
        inputs:
          - {id: w, type: weights, level: 1, perturbation: 30%}
          - {id: n, type: normalisation, alternatives: [declared, min_max, rank]}
          - {id: g, type: aggregation, nodes: [index], alternatives: [arithmetic, geometric], zero_scores: zero}
          - {id: i, type: imputation, alternatives: [declared, mean]}
        """, methodology: m)
        let one = try UncertaintyAnalysis.run(spec, methodology: m, answers: answers, execution: .init(workers: 1, chunkSize: 1000)).block("p")!
        let many = try UncertaintyAnalysis.run(spec, methodology: m, answers: answers, execution: .init(workers: 4, chunkSize: 3)).block("p")!
        #expect(one.units == many.units)
        #expect(one.meanRankShift == many.meanRankShift && one.meanRankShiftSensitivity == many.meanRankShiftSensitivity)
        #expect(one.runs == 64 * 6 && one.meanRankShift > 0)
        // The nominal ranks are those of the engine.
        let block = try Engine.compute(m, answers: answers).block("p")!
        for unit in one.units { #expect(unit.nominalRank == block.rank[block.plan.rootIndex][block.unitIndex(unit.id)!]) }
        // Another seed, other scenarios.
        var other = spec
        other.seed = 100
        #expect(try UncertaintyAnalysis.run(other, methodology: m, answers: answers).block("p")!.meanRankShift != one.meanRankShift)
    }

    @Test("a spec is validated against the methodology, every problem with file and line")
    func validation() throws {
        let m = try MethodologyLoader.load(yaml: Self.yaml, fileName: "small.yaml")
        let text = """
        method: montecarlo
        runs: 1
        blocks: [q]
        inputs:
          - {id: w, type: weights, level: 5, perturbation: 150%}
          - {id: x, type: exclusion, indicators: [lc]}
          - {id: n, type: normalisation, alternatives: [declared, minmax]}
          - {id: g, type: agregation}
          - {id: w, type: weights, nodes: [la]}
        """
        let problems = diagnostics { _ = try Self.spec(text, methodology: m) }
        func at(_ needle: String) -> Int? { line(of: needle, in: text) }
        #expect(problems.contains { $0.code == .invalidValue && $0.message.contains("unknown method 'montecarlo'") && $0.location?.line == 1 })
        #expect(problems.contains { $0.code == .outOfRange && $0.message.contains("runs") && $0.location?.line == 2 })
        #expect(problems.contains { $0.code == .unknownBlock && $0.location?.line == 3 })
        #expect(problems.contains { $0.code == .outOfRange && $0.message.contains("level 5") && $0.location?.line == at("level: 5") })
        #expect(problems.contains { $0.code == .outOfRange && $0.message.contains("perturbation") })
        #expect(problems.contains { $0.code == .unknownField && $0.message.contains("'lc'") && $0.message.contains("did you mean") && $0.location?.line == at("[lc]") })
        // normalisation alternatives are scores as a methodology writes them: an unknown rule
        #expect(problems.contains { $0.code == .unknownRule && $0.message.contains("'minmax'") && $0.message.contains("did you mean 'min_max'?") && $0.location?.line == at("minmax") })
        #expect(problems.contains { $0.code == .unknownRule && $0.message.contains("aggregation") && $0.location?.line == at("agregation") })
        #expect(problems.contains { $0.code == .missingKey && $0.message.contains("perturbation") && $0.location?.line == at("nodes: [la]") })
        #expect(problems.contains { $0.code == .duplicateID && $0.message.contains("'w'") })
        #expect(problems.allSatisfy { $0.location?.file == "spec.yaml" })
    }

    @Test("each: true makes one input per node, labelled after it")
    func each() throws {
        let m = try MethodologyLoader.load(yaml: Self.yaml, fileName: "small.yaml")
        let spec = try Self.spec("{inputs: [{id: w, type: weights, level: 1, perturbation: 20%, each: true}]}", methodology: m)
        #expect(spec.inputs.map(\.id) == ["w:la", "w:lb"])
        #expect(spec.inputs[0].label.en == "the weight of Indicator A")
        #expect(spec.method == .sobol && spec.runs == 1000 && spec.interval == 0.9)
    }

    @Test("inputs written as in a methodology: normalisations with parameters, aggregations with zero_scores, treatments, several weight levels")
    func parameterisedInputs() throws {
        let m = try MethodologyLoader.load(yaml: Self.yaml, fileName: "small.yaml")
        let spec = try Self.spec("""
        inputs:
          - {id: w, type: weights, level: [0, 1], perturbation: 10%}
          - {id: n, type: normalisation, alternatives: [declared, {rule: z_score, target: {mean: 10, sd: 2}}, {rule: min_max, range: [1, 100]}]}
          - {id: g, type: aggregation, nodes: [index], alternatives: [arithmetic, {method: power_mean, p: 2}, geometric], zero_scores: zero}
          - {id: t, type: treatment, alternatives: [declared, none, {winsorise: {max_points: 3}}]}
        """, methodology: m)
        #expect(spec.inputs[0].kind == .weights(nodes: ["index", "la", "lb"], perturbation: 0.1))
        #expect(spec.inputs[1].kind == .normalisation(scope: [], alternatives: [nil, Scoring(.zScore(populationSD: false), output: .meanSD(mean: 10, sd: 2)), Scoring(.minMax, output: .range(low: 1, high: 100))]))
        #expect(spec.inputs[2].kind == .aggregation(nodes: ["index"], alternatives: [.arithmetic, .power(2), .geometric], zeroScores: .zero))
        #expect(spec.inputs[3].kind == .treatment(scope: [], alternatives: [nil, Treatment.none, Treatment(winsoriseMaxPoints: 3)]))
        let problems = diagnostics { _ = try Self.spec("{inputs: [{id: t, type: treatment, alternatives: [declared, {winsorise: {max_points: -1}}]}, {id: g, type: aggregation, alternatives: [arithmetic, power_mean]}]}", methodology: m) }
        #expect(problems.contains { $0.message.contains("max_points must be 0 or more") }, "\(problems)")
        #expect(problems.contains { $0.message.contains("power_mean needs its exponent") })
        // goalposts high to low mean "lower is better", which an alternative cannot say: rejected, not turned round
        let reversed = diagnostics { _ = try Self.spec("{inputs: [{id: n, type: normalisation, alternatives: [declared, {rule: goalpost, low: 1, high: 0}]}]}", methodology: m) }
        #expect(reversed.contains { $0.code == .invalidValue && $0.message.contains("keeps each leaf's declared direction") }, "\(reversed)")
    }

    /// a = 1, 2, 3, 4, 100 is skewed (skewness 2.23, kurtosis 4.99): winsorising one point sets 100
    /// to 4. Min–max of a with b (ratio) on equal weights: untreated u1 (a 100, b 0) 0.5 beats
    /// u2 (a 4, b 0.5) 0.265; treated, u2's a scores 1 like u1's, and u2 (0.75) beats u1 (0.5).
    /// (The input treats `la` only: b = 0, 0.5, 0, 0, 0 is skewed too, and winsorising it would
    /// set u2's 0.5 to 0.)
    @Test("a treatment input switches winsorisation on and off: by hand, two equally likely rankings")
    func treatmentInput() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "value: a, score: ratio", with: "value: a, score: min_max")
        let m = try MethodologyLoader.load(yaml: yaml, fileName: "small.yaml")
        let answers = [unit("u1", ["a": 100, "b": 0]), unit("u2", ["a": 4, "b": 0.5]), unit("u3", ["a": 1, "b": 0]), unit("u4", ["a": 2, "b": 0]), unit("u5", ["a": 3, "b": 0])]
        let spec = try Self.spec("{method: monte_carlo, runs: 64, seed: 3, inputs: [{id: t, type: treatment, nodes: [la], alternatives: [none, {winsorise: {max_points: 1}}]}]}", methodology: m)
        let result = try UncertaintyAnalysis.run(spec, methodology: m, answers: answers).block("p")!
        #expect(result.units.map(\.id) == ["u1", "u2", "u5", "u4", "u3"])
        #expect(result.units.map(\.nominalRank) == [1, 2, 3, 4, 5])
        #expect(result.units.map(\.bestRank) == [1, 1, 3, 4, 5])
        #expect(result.units.map(\.worstRank) == [2, 2, 3, 4, 5])
        // u1 and u2 swap in the 32 of 64 scenarios that winsorise: (1 + 1) / 5 / 2
        #expect(abs(result.meanRankShift - 0.2) < 1e-12)
    }
}
