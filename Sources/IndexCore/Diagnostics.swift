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
    /// What is wrong, in both languages (from the message catalog).
    public var text: Message

    /// A problem with its message from the catalog; there is no initializer that takes a bare
    /// string, so every diagnostic exists in Vietnamese and English.
    public init(_ code: Code, _ text: Message, at location: SourceLocation? = nil) {
        self.code = code
        self.text = text
        self.location = location
    }

    /// The message in English (machine output, logs and tests that match on words).
    public var message: String { text.en }

    /// The message in `language`, without location or code.
    public func message(in language: Language) -> String { text.text(in: language) }

    /// The whole line in English: `file:line:column: message [code]`.
    public var description: String { description(in: .en) }

    /// The whole line in `language`: `file:line:column: message [code]`. The code stays the same
    /// in every language, so tools and people can search for it.
    public func description(in language: Language) -> String {
        if let location { return "\(location): \(message(in: language)) [\(code.rawValue)]" }
        return "\(message(in: language)) [\(code.rawValue)]"
    }
}

/// An error made of every problem found in one input, not just the first.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// Every problem in English, one per line under a count.
    public var description: String { description(in: .en) }

    /// Every problem in `language`, one per line under a count ("2 lỗi:" / "2 problems:").
    public func description(in language: Language) -> String {
        Message.problemCount(diagnostics.count).text(in: language) + ":\n"
            + diagnostics.map { "  " + $0.description(in: language) }.joined(separator: "\n")
    }
}

/// Collects diagnostics while a loader or validator walks its input.
package struct DiagnosticCollector {
    package private(set) var diagnostics: [Diagnostic] = []

    package init() {}

    package var isEmpty: Bool { diagnostics.isEmpty }

    package mutating func report(_ code: Diagnostic.Code, _ message: Message, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(code, message, at: location))
    }

    package mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    package func throwIfAny() throws {
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
    }
}
