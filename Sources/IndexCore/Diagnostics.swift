/// Where something came from in a text file: the file name and a 1-based line and column.
///
/// Every error that points at input carries one, so a message can say
/// `Indicators/x.yaml:42:7: unknown field 'staf_total'`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// A further qualifier when lines do not apply, e.g. a JSON path or a spreadsheet cell.
    public var detail: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, detail: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.detail = detail
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        if let detail { text += " (\(detail))" }
        return text
    }
}

/// One problem found in an input, with where it is and a stable code that tests and tools can
/// match on.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The kinds of problems. The raw value is stable and appears in machine-readable output.
    public enum Code: String, Sendable, CaseIterable {
        case syntax
        case unknownKey = "unknown-key"
        case missingKey = "missing-key"
        case invalidValue = "invalid-value"
        case duplicateID = "duplicate-id"
        case unknownField = "unknown-field"
        case unknownBlock = "unknown-block"
        case unknownRule = "unknown-rule"
        case unknownFunction = "unknown-function"
        case cycle
        case missingWeight = "missing-weight"
        case weightMismatch = "weight-mismatch"
        case typeMismatch = "type-mismatch"
        case outOfRange = "out-of-range"
        case constraintViolated = "constraint-violated"
        case unknownUnit = "unknown-unit"
        case duplicateUnit = "duplicate-unit"
        case missingData = "missing-data"
        /// A documented limit was exceeded (expression nesting, chains of derived values).
        case limit
        /// A YAML mapping gives the same key twice.
        case duplicateKey = "duplicate-key"
        /// An expression's result is too large for a number (±∞) for some unit.
        case overflow
        /// A geometric, harmonic or power mean met a score it is not defined for (≤ 0).
        case nonPositive = "non-positive"
        /// A key that the rule, aggregation or place it is written in does not use (a warning).
        case unusedKey = "unused-key"
    }

    public var code: Code
    public var location: SourceLocation?
    public var message: String

    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String {
        if let location { return "\(location): \(message) [\(code.rawValue)]" }
        return "\(message) [\(code.rawValue)]"
    }
}

/// An error made of every problem found in one input, not just the first.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        let noun = diagnostics.count == 1 ? "problem" : "problems"
        return "\(diagnostics.count) \(noun):\n" + diagnostics.map { "  " + $0.description }.joined(separator: "\n")
    }
}

/// Collects diagnostics while a loader or validator walks its input.
package struct DiagnosticCollector {
    package private(set) var diagnostics: [Diagnostic] = []

    package init() {}

    package var isEmpty: Bool { diagnostics.isEmpty }

    package mutating func report(_ code: Diagnostic.Code, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(code, message, at: location))
    }

    package mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    package func throwIfAny() throws {
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
    }
}
