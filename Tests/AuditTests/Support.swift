import Foundation
import IndexCore
import Testing

/// Answers for unit `id` of block `p`; a `nil` value is not answered.
func unit(_ id: String, _ values: [String: Double?], period: Int? = nil) -> UnitAnswers {
    var answers = UnitAnswers(unitID: id, name: "Unit \(id)", block: "p", period: period)
    for (field, value) in values { if let value { answers.values[field] = value } }
    return answers
}

/// The 1-based number of the first line of `text` containing `needle`.
func line(of needle: String, in text: String) -> Int? {
    text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }.map { $0 + 1 }
}

/// The diagnostics of a throwing call (empty if it succeeds).
func diagnostics(_ body: () throws -> Void) -> [Diagnostic] {
    do { try body(); return [] } catch let error as DiagnosticError { return error.diagnostics } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}
