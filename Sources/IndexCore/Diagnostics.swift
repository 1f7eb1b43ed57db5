/// Where something came from in a text file: the file name and a 1-based line and column.
///
/// Every error that points at input carries one, so a message can say
/// `Indicators/x.yaml:42:7: unknown field 'staf_total'`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it (a path or a file name), or a name such as `<stdin>`.
    public var file: String
    /// The 1-based line, when the input has lines.
    public var line: Int? {
        get { Self.position(storedLine) }
        set { storedLine = Self.stored(newValue) }
    }
    /// The 1-based column (in characters), when known.
    public var column: Int? {
        get { Self.position(storedColumn) }
        set { storedColumn = Self.stored(newValue) }
    }
    /// A further qualifier when lines do not apply, e.g. a JSON path or a spreadsheet cell.
    public var detail: String?

    // Line and column in 32 bits each (`Int32.min`: none), so that a location takes 40 bytes
    // instead of 64: a CSV of 100,000 units × 160 answers keeps 32 million of them while it is
    // read and validated (each answer's cell, then the unit's sources). Positions beyond
    // 2,147,483,647 (a file of more than 2 GiB lines) are kept as that number.
    private var storedLine: Int32
    private var storedColumn: Int32

    /// A location in `file`, as precise as the reader knows it.
    public init(file: String, line: Int? = nil, column: Int? = nil, detail: String? = nil) {
        self.file = file
        self.storedLine = Self.stored(line)
        self.storedColumn = Self.stored(column)
        self.detail = detail
    }

    private static func stored(_ position: Int?) -> Int32 {
        guard let position else { return .min }
        return max(Int32(clamping: position), .min + 1)
    }

    private static func position(_ stored: Int32) -> Int? {
        stored == .min ? nil : Int(stored)
    }

    /// `file:line:column (detail)`, leaving out what is unknown, e.g. `survey.csv:12:4`.
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
        /// The text is not well-formed (YAML, JSON, CSV, an expression).
        case syntax
        /// A key the place it is written in does not know (with the closest known one suggested).
        case unknownKey = "unknown-key"
        /// A required key is absent.
        case missingKey = "missing-key"
        /// A value of the wrong form (not a number, not a date, not one of the allowed words).
        case invalidValue = "invalid-value"
        /// Two fields, nodes, derived values, blocks or units share an id.
        case duplicateID = "duplicate-id"
        /// An expression or a survey file names a field the methodology does not declare.
        case unknownField = "unknown-field"
        /// A block id the methodology does not declare.
        case unknownBlock = "unknown-block"
        /// A scoring rule, aggregation or policy name the language does not have.
        case unknownRule = "unknown-rule"
        /// An expression calls a function the language does not have.
        case unknownFunction = "unknown-function"
        /// Derived values (or nodes) depend on each other in a circle.
        case cycle
        /// A node needs a weight and has none (points scales: a leaf without maximum points).
        case missingWeight = "missing-weight"
        /// A group's declared points differ from the sum of its children's.
        case weightMismatch = "weight-mismatch"
        /// A value of the wrong kind: text where a number is needed, a number for a yes/no answer.
        case typeMismatch = "type-mismatch"
        /// A number outside its allowed range (a field's minimum/maximum, a share outside 0–1).
        case outOfRange = "out-of-range"
        /// A unit's answers break one of the methodology's constraints.
        case constraintViolated = "constraint-violated"
        /// A unit name or id the registry does not know (with the closest names suggested).
        case unknownUnit = "unknown-unit"
        /// The same unit appears twice in one input for the same period.
        case duplicateUnit = "duplicate-unit"
        /// A value needed to compute is missing and the missing-data policy is `fail`.
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

    /// The kind of problem: stable, for tests and tools.
    public var code: Code
    /// Where the problem is; `nil` for a problem with the input as a whole.
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
    /// Every problem found, in the order found (usually the order of the input); never empty when
    /// thrown.
    public var diagnostics: [Diagnostic]

    /// An error of `diagnostics`.
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
