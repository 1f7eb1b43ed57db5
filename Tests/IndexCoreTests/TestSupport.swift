import Foundation
import IndexCore
import Testing

// Helpers shared by the test files: loading inline methodologies, building answers by hand,
// computing a block and comparing floating-point results.

/// Loads an inline methodology; the file name in diagnostics is `test.yaml`.
func loadMethodology(_ yaml: String, fileName: String = "test.yaml") throws -> Methodology {
    try MethodologyLoader.load(yaml: yaml, fileName: fileName)
}

/// The diagnostics a methodology that must not load produces (empty if it loads).
func loadDiagnostics(_ yaml: String, fileName: String = "test.yaml") -> [Diagnostic] {
    do {
        _ = try MethodologyLoader.load(yaml: yaml, fileName: fileName)
        return []
    } catch let error as DiagnosticError {
        return error.diagnostics
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

/// The diagnostics computing `answers` with `methodology` produces (empty if it computes).
func computeDiagnostics(_ methodology: Methodology, _ answers: [UnitAnswers]) -> [Diagnostic] {
    do {
        _ = try Engine.compute(methodology, answers: answers)
        return []
    } catch let error as DiagnosticError {
        return error.diagnostics
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

/// Two `as_is` leaves `x` (field a) and `y` (field b, weights 1 and 3 by default) under a root
/// with the given aggregation, on the unit scale; `extra` adds lines to the root (e.g.
/// `zero_scores: zero`), `clamp` bounds the leaves' scores to 0–1.
func twoLeavesYAML(_ aggregate: String, weights: (String, String) = ("1", "3"), extra: String = "", clamp: Bool = true) -> String {
    """
    id: agg
    title: Aggregation
    scale: unit
    blocks:
      - {id: p, name: Provinces}
    fields:
      - {id: a, label: A, type: number}
      - {id: b, label: B, type: number}
    index:
      id: index
      aggregate: \(aggregate)
    \(extra.isEmpty ? "" : "  " + extra)
      children:
        - {id: x, weight: \(weights.0), value: a, score: {rule: as_is, clamp: \(clamp)}}
        - {id: y, weight: \(weights.1), value: b, score: {rule: as_is, clamp: \(clamp)}}
    """
}

/// The 1-based number of the first line of `text` containing `needle`.
func line(of needle: String, in text: String) -> Int? {
    text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }.map { $0 + 1 }
}

/// Answers for unit `id` of block `block`. A `nil` value is written as "not answered".
func unit(_ id: String, block: String = "p", _ values: [String: Double?]) -> UnitAnswers {
    var answers = UnitAnswers(unitID: id, name: "Unit \(id)", block: block)
    for (field, value) in values {
        if let value { answers.values[field] = value }
    }
    return answers
}

/// Units `u01`, `u02`, … (so that the engine's id order is the order given) answering `field`.
func units(_ field: String, _ values: [Double?], block: String = "p") -> [UnitAnswers] {
    values.enumerated().map { index, value in unit(String(format: "u%02d", index + 1), block: block, [field: value]) }
}

/// Computes one block.
func computeBlock(_ methodology: Methodology, _ answers: [UnitAnswers], block: String = "p") throws -> BlockResult {
    let result = try Engine.compute(methodology, answers: answers)
    guard let blockResult = result.block(block) else {
        throw DiagnosticError([Diagnostic(.unknownBlock, .noDataForBlock(block, blocks: []))])
    }
    return blockResult
}

extension BlockResult {
    /// The score of node `nodeID` for unit `unitID` (NaN when missing).
    func score(_ nodeID: String, _ unitID: String) -> Double {
        guard let n = plan.index(of: nodeID), let u = unitIndex(unitID) else { return .nan }
        return score[n][u]
    }

    /// The scores of node `nodeID` for every unit, in unit order.
    func scores(_ nodeID: String) -> [Double] {
        guard let n = plan.index(of: nodeID) else { return [] }
        return score[n]
    }

    /// The ranks of node `nodeID` for every unit, in unit order.
    func ranks(_ nodeID: String) -> [Int] {
        guard let n = plan.index(of: nodeID) else { return [] }
        return Array(rank[n])
    }
}

/// Whether `a` and `b` agree within `tolerance` (two NaNs agree).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return abs(a - b) <= tolerance
}

/// Expects `actual` to match `expected` element by element within `tolerance` (NaN matches NaN).
func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(actual) vs \(expected)", sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        #expect(close(a, e, tolerance), "got \(actual), expected \(expected)", sourceLocation: sourceLocation)
    }
}

/// Expects `actual` to match `expected` within `tolerance`.
func expectClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-12, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(close(actual, expected, tolerance), "got \(actual), expected \(expected)", sourceLocation: sourceLocation)
}

/// A methodology on the unit scale with one block `p`, number fields `a`…`d`, a yes/no field
/// `flag` and a text field `note`, and one leaf `x` with the given value and score. Missing
/// values are re-weighted so that leaf scores stay NaN when the raw value is missing.
func singleLeafYAML(value: String = "a", score: String, weight: String? = "1", scale: String = "unit", extraTop: String = "") -> String {
    """
    id: single
    title: Single leaf
    scale: \(scale)
    missing: reweight
    \(extraTop)
    blocks:
      - id: p
        name: Provinces
    fields:
      - {id: a, label: A, type: number}
      - {id: b, label: B, type: number}
      - {id: c, label: C, type: number}
      - {id: d, label: D, type: number}
      - {id: flag, label: Flag, type: boolean}
      - {id: note, label: Note, type: text}
    index:
      id: index
      children:
        - id: x
          \(weight.map { "weight: \($0)" } ?? "")
          value: '\(value)'
          score: \(score)
    """
}

/// The leaf scores (before any missing-data policy) of `score` applied to `values` of field `a`,
/// in the order given.
func leafScores(_ score: String, _ values: [Double?], weight: String = "1", scale: String = "unit") throws -> [Double] {
    let methodology = try loadMethodology(singleLeafYAML(score: score, weight: weight, scale: scale))
    let result = try computeBlock(methodology, units("a", values))
    return result.leaves.score[result.plan.index(of: "x")!]
}

/// The raw value of `expression` for one unit with the given answers (NaN when missing).
func evaluate(_ expression: String, _ values: [String: Double?] = [:]) throws -> Double {
    let methodology = try loadMethodology(singleLeafYAML(value: expression, score: "as_is"))
    let result = try computeBlock(methodology, [unit("u1", values)])
    return result.leaves.raw[result.plan.index(of: "x")!][0]
}
