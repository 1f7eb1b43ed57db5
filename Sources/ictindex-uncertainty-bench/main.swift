// ictindex-uncertainty-bench: times the uncertainty analysis on an index of 51 units × 49
// indicators in 4 levels (index, 4 categories, 12 sub-categories, 49 indicators) of synthetic
// data: 1,000 Monte Carlo runs over four uncertain inputs, and a Sobol analysis with N = 1,000
// (6,000 runs). Also checks the Sobol estimators on the Ishigami function.
//
//   swift run -c release ictindex-uncertainty-bench [--repeat R] [--workers W] [--seed S]

import Audit
import Foundation
import IndexCore
import Reports

var repetitions = 5, workers: Int? = nil, seed: UInt64 = 2019
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
        FileHandle.standardError.write(Data("usage: ictindex-uncertainty-bench [--repeat R] [--workers W] [--seed S]\n".utf8))
        exit(2)
    }
    switch argument {
    case "--repeat": repetitions = value
    case "--workers": workers = value
    case "--seed": seed = UInt64(value)
    default:
        FileHandle.standardError.write(Data("unknown argument '\(argument)'\n".utf8))
        exit(2)
    }
}

/// A small seeded generator for the synthetic data.
struct Random {
    var state: UInt64
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
    }
}

// The methodology: 49 indicators in 12 sub-categories of 4 categories, min–max scored.
var fields = "", tree = "", leaf = 0
for c in 1...4 {
    tree += "    - id: c\(c)\n      children:\n"
    for s in 1...3 {
        tree += "        - id: c\(c)s\(s)\n          children:\n"
        let count = c == 4 && s == 3 ? 5 : 4
        for _ in 0..<count {
            leaf += 1
            fields += "  - {id: x\(leaf), label: X\(leaf), type: number}\n"
            tree += "            - {id: i\(leaf), weight: \(1 + leaf % 3), value: x\(leaf), score: min_max}\n"
        }
    }
}
let yaml = """
id: uncertainty-bench
title: Uncertainty benchmark
scale: unit
ranking: {decimals: 4}
blocks: [{id: province, name: Provinces}]
fields:
\(fields)index:
  id: index
  children:
\(tree)
"""
let methodology = try MethodologyLoader.load(yaml: yaml, fileName: "uncertainty-bench.yaml")
var random = Random(state: seed)
let answers = (0..<51).map { u in
    let level = random.next()
    var values: [String: Double] = [:]
    for i in 1...leaf where random.next() > 0.04 {  // 4% missing
        values["x\(i)"] = (level + random.next()) * (i % 5 == 0 ? exp(3 * random.next()) : 1) * 100
    }
    return UnitAnswers(unitID: String(format: "u%02d", u + 1), name: "Unit \(u + 1)", block: "province", values: values)
}

func spec(_ method: String, seed: UInt64, methodology: Methodology) throws -> UncertaintySpec {
    try UncertaintySpec.load(yaml: """
    method: \(method)
    runs: 1000
    seed: \(seed)
    inputs:
      - {id: weights, type: weights, level: 3, perturbation: 25%}
      - {id: normalisation, type: normalisation, alternatives: [declared, {rule: z_score, target: {mean: 10, sd: 2}}, rank]}
      - {id: aggregation, type: aggregation, level: 1, alternatives: [arithmetic, geometric], zero_scores: zero}
      - {id: treatment, type: treatment, alternatives: [none, {winsorise: {max_points: 5}}]}
      - {id: imputation, type: imputation, alternatives: [none, mean, median]}
    """, fileName: "bench-spec.yaml", methodology: methodology)
}

func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18 }

let cores = ProcessInfo.processInfo.activeProcessorCount
print("ictindex-uncertainty-bench: 51 units × \(leaf) indicators, 4 levels; \(workers ?? cores) worker(s) of \(cores) cores; \(repetitions) repetitions (+1 warm-up)")
print("")
print("analysis                       runs     median        min   mean |Δrank|")
for method in ["monte_carlo", "sobol"] {
    let s = try spec(method, seed: seed, methodology: methodology)
    var samples: [Double] = []
    var result: BlockUncertainty?
    for r in 0...repetitions {
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            result = try UncertaintyAnalysis.run(s, methodology: methodology, answers: answers, execution: .init(workers: workers)).blocks[0]
        }
        if r > 0 { samples.append(seconds(elapsed)) }
    }
    let sorted = samples.sorted()
    let median = sorted.count.isMultiple(of: 2) ? (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 : sorted[sorted.count / 2]
    guard let result else { continue }
    print(method.padding(toLength: 26, withPad: " ", startingAt: 0) + String(format: "%8d %9.3f s %9.3f s %10.3f", result.runs, median, sorted[0], result.meanRankShift))
    if let indices = result.meanRankShiftSensitivity {
        for (i, input) in s.inputs.enumerated() {
            print(String(format: "  S / ST of mean |Δrank|, %@: %.3f / %.3f", input.id.padding(toLength: 14, withPad: " ", startingAt: 0), indices.first[i], indices.total[i]))
        }
        if let unit = result.units.first {
            print("  \(unit.name): \(unit.summary(inputs: s.inputs, interval: s.interval, language: .en))")
        }
    }
}

// The estimators on the Ishigami function (a = 7, b = 0.1).
let analytic = (first: [0.3139, 0.4424, 0.0], total: [0.5576, 0.4424, 0.2437])
print("")
print("Ishigami (a = 7, b = 0.1), Saltelli 2010 / Jansen, digitally shifted Sobol points:")
for n in [1024, 8192] {
    let design = try SaltelliDesign(inputDimensions: [1, 1, 1], baseSamples: n, seed: seed)
    let y = try ParallelRuns.evaluate(count: design.runCount, outputs: 1) { run, row in
        let x = design.point(run: run).map { -Double.pi + 2 * Double.pi * $0 }
        row[0] = sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0])
    }
    let indices = design.indices(y)
    let error = (0..<3).map { max(abs(indices.first[$0] - analytic.first[$0]), abs(indices.total[$0] - analytic.total[$0])) }.max() ?? 0
    print(String(format: "  N = %5d: S = %.4f %.4f %.4f, ST = %.4f %.4f %.4f, largest error %.4f", n,
                 indices.first[0], indices.first[1], indices.first[2], indices.total[0], indices.total[1], indices.total[2], error))
}
