import Foundation

/// An answer as read from a file, before it is checked against the methodology.
public enum RawValue: Hashable, Sendable {
    /// No answer (an empty cell or `null`): the field is unanswered.
    case empty
    /// An answer given as text, checked and converted against the field's type.
    case text(String)
    /// An answer given as a number (a numeric cell or JSON number).
    case number(Double)
    /// An answer given as true/false (a JSON boolean or a checkbox).
    case boolean(Bool)
}

/// One unit's row of answers as read from a file (CSV row, JSON object, form), with where each
/// part came from.
public struct RawRecord: Hashable, Sendable {
    /// The unit's id as the file gives it, if any; the unit registry resolves it (or the name).
    public var unitID: String?
    /// The unit's name as the file gives it (any spelling the registry's aliases cover).
    public var name: String?
    /// The block as the file gives it; `nil`: the registry's block for the unit.
    public var block: String?
    /// The data year as the file gives it; `nil`: the period the caller imports for.
    public var period: Int?
    /// Answers by field id (or column name as written).
    public var cells: [(field: String, value: RawValue, location: SourceLocation)]
    /// The location of the record as a whole (the row or object).
    public var location: SourceLocation
    /// The evidence or source given beside each answer (a form's evidence column), by field id.
    public var evidence: [String: String] = [:]

    /// A record as a reader found it.
    public init(unitID: String?, name: String?, block: String?, period: Int?, cells: [(field: String, value: RawValue, location: SourceLocation)], location: SourceLocation) {
        self.unitID = unitID
        self.name = name
        self.block = block
        self.period = period
        self.cells = cells
        self.location = location
    }

    /// Records are equal when their unit, block, period, location and cells (fields and values, in
    /// order) are; cell locations are not compared.
    public static func == (lhs: RawRecord, rhs: RawRecord) -> Bool {
        lhs.unitID == rhs.unitID && lhs.name == rhs.name && lhs.block == rhs.block && lhs.period == rhs.period && lhs.location == rhs.location
            && lhs.cells.map(\.field) == rhs.cells.map(\.field) && lhs.cells.map(\.value) == rhs.cells.map(\.value)
    }

    /// Hashes the unit id and the record's location (consistent with `==`).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(unitID)
        hasher.combine(location)
    }
}

/// Checks raw survey records against a methodology and turns them into ``UnitAnswers``:
/// types, allowed ranges, blocks, duplicates and cross-field constraints. Reports every problem,
/// each naming the file, row or cell, and the field.
public struct SurveyValidator: Sendable {
    /// The methodology whose fields, types, ranges and constraints the answers are checked against.
    public let methodology: Methodology

    /// A validator for `methodology`.
    public init(methodology: Methodology) {
        self.methodology = methodology
    }

    /// Validates `records`; throws a ``DiagnosticError`` listing every problem.
    ///
    /// Answers to fields the methodology does not declare are reported one by one, with
    /// suggestions, for the first 20 distinct such fields; any further ones in one summarising
    /// diagnostic (see docs/input-rules.md, "Unknown fields").
    public func validate(_ records: [RawRecord]) throws -> [UnitAnswers] {
        var unknownFields = UnknownFieldReport(fieldIDs: methodology.fields.map(\.id))
        return try validate(records, unknownFields: &unknownFields)
    }

    /// ``validate(_:)`` with the report of unknown fields kept by the caller (tests read how much
    /// work it did).
    func validate(_ records: [RawRecord], unknownFields: inout UnknownFieldReport) throws -> [UnitAnswers] {
        var collector = DiagnosticCollector()
        var answers: [UnitAnswers] = []
        var seen: [String: SourceLocation] = [:]
        let blockIDs = methodology.blocks.map(\.id)
        var fields = FieldsByPosition(methodology.fields)
        for record in records {
            guard var unit = checkedUnit(record, blockIDs: blockIDs, seen: &seen, into: &collector) else { continue }
            let unitID = unit.unitID, block = unit.block
            // Evidence of the methodology's questions only, in NFC like every stored text.
            for (field, note) in record.evidence where fields.declares(field) { unit.evidence[field] = VietnameseText.nfc(note) }
            // Room for every answer at once (not grown step by step), but never more than the
            // methodology has fields: a row may carry thousands of unknown columns.
            let answered = min(record.cells.count, methodology.fields.count)
            unit.values.reserveCapacity(answered)
            unit.sources.reserveCapacity(answered)
            for (position, cell) in record.cells.enumerated() {
                guard let fieldIndex = fields.index(of: cell.field, at: position) else {
                    if let message = unknownFields.message(for: cell.field, at: cell.location) {
                        collector.report(.unknownField, message, at: cell.location)
                    }
                    continue
                }
                if cell.value == .empty { continue }
                let field = methodology.fields[fieldIndex] // read in place, not copied out of a lookup table
                if !field.applies(to: block) {
                    collector.report(.invalidValue, .fieldNotAskedOfBlock(field: field.id, block: block, unit: unitID), at: cell.location)
                    continue
                }
                switch parse(cell.value, for: field) {
                case .success(let parsed):
                    switch parsed {
                    case .number(let number): unit.values[field.id] = number
                    case .text(let text): unit.texts[field.id] = text
                    }
                    unit.sources[field.id] = cell.location
                case .failure(let problem):
                    collector.report(problem.code, .answerProblem(field: field.id, problem.message), at: cell.location)
                }
            }
            answers.append(unit)
        }
        if let summary = unknownFields.summary { collector.append(contentsOf: [summary]) }
        checkConstraints(answers, into: &collector)
        try collector.throwIfAny()
        return answers
    }

    /// The unit `record` names, checked before its answers are read: an id in the one syntax of
    /// ids, a name without forbidden characters, a block of the methodology, a period in range, and
    /// no earlier record (`seen`) for the same unit and period. `nil` once a problem is reported.
    /// The columnar intake (`AnswerTableBuilder`) makes the same checks.
    func checkedUnit(_ record: RawRecord, blockIDs: [String], seen: inout [String: SourceLocation], into collector: inout DiagnosticCollector) -> UnitAnswers? {
        guard let unitID = record.unitID, !unitID.isEmpty else {
            collector.report(.missingKey, .unitIDMissing, at: record.location)
            return nil
        }
        // Ids name report files; one syntax everywhere (see ``UnitID``).
        if let problem = UnitID.problem(unitID) {
            collector.report(.invalidValue, record.name == unitID ? problem.appending(.giveIDColumnHint, separator: "") : problem, at: record.location)
            return nil
        }
        if let name = record.name, let problem = InputText.problem(in: name, what: .theUnitName(InputText.displayable(name))) {
            collector.report(.invalidValue, problem, at: record.location)
            return nil
        }
        guard let block = record.block, !block.isEmpty else {
            collector.report(.missingKey, .unitWithoutBlock(unitID, blocks: blockIDs), at: record.location)
            return nil
        }
        guard blockIDs.contains(block) else {
            collector.report(.unknownBlock, .unitInUnknownBlock(unitID, block: block, blocks: blockIDs), at: record.location)
            return nil
        }
        if let period = record.period, let problem = SurveyPeriod.problem(period) {
            collector.report(.invalidValue, problem, at: record.location)
            return nil
        }
        // Ids compare without regard to case: `BO-CONG-THUONG` beside `bo-cong-thuong` is one unit twice.
        let key = "\(UnitID.key(unitID))|\(record.period.map(String.init) ?? "")"
        if let first = seen[key] {
            collector.report(.duplicateUnit, .unitTwice(unitID, first: "\(first)"), at: record.location)
            return nil
        }
        seen[key] = record.location
        return UnitAnswers(unitID: unitID, name: VietnameseText.nfc(record.name ?? unitID), block: block, period: record.period)
    }

    /// The positions of the methodology's fields by id, remembered by the position of the cell
    /// that names them: the records of one file name their fields in the same order (a CSV
    /// header), so after the first row each lookup is one comparison of the name with the one met
    /// there before, not a hash of it.
    struct FieldsByPosition {
        private let byID: [String: Int]
        private var atPosition: [(name: String, index: Int?)] = []

        init(_ fields: [Field]) {
            byID = Dictionary(fields.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// Whether the methodology declares a field `name`.
        func declares(_ name: String) -> Bool { byID[name] != nil }

        /// The index among the methodology's fields of the field `name`, named by the cell at
        /// `position` of its record; `nil` when the methodology does not declare it.
        mutating func index(of name: String, at position: Int) -> Int? {
            if position < atPosition.count, atPosition[position].name == name { return atPosition[position].index }
            let index = byID[name]
            if position < atPosition.count {
                atPosition[position] = (name, index)
            } else if position == atPosition.count {
                atPosition.append((name, index))
            }
            return index
        }
    }

    enum Parsed {
        case number(Double)
        case text(String)
    }

    struct Problem: Error {
        var code: Diagnostic.Code
        var message: Message
    }

    /// Converts one answer to the field's type and checks its range.
    func parse(_ value: RawValue, for field: Field) -> Result<Parsed, Problem> {
        if value == .empty { return .failure(Problem(code: .missingData, message: .noAnswer)) }
        /// The answer as a message shows it: made only for a message, not for every answer read.
        func shown() -> String {
            switch value {
            case .empty: ""
            case .text(let text): "'\(text)'"
            case .number(let number): NumberFormatting.format(number)
            case .boolean(let flag): flag ? "true" : "false"
            }
        }
        switch field.type {
        case .text:
            switch value {
            case .text(let text):
                if let problem = InputText.problem(in: text, what: .theAnswer, allowLineBreaks: true) { return .failure(Problem(code: .invalidValue, message: problem)) }
                return .success(.text(VietnameseText.nfc(text)))
            case .number(let number): return .success(.text(NumberFormatting.format(number)))
            case .boolean(let flag): return .success(.text(flag ? "true" : "false"))
            case .empty: return .failure(Problem(code: .missingData, message: .noAnswer))
            }
        case .boolean:
            if case .boolean(let flag) = value { return .success(.number(flag ? 1 : 0)) }
            if case .number(let number) = value, number == 0 || number == 1 { return .success(.number(number)) }
            if case .text(let text) = value {
                // A number is 0 or 1 ("1.0" and "0.0" as spreadsheets and scripts write them); never
                // a word: folding drops punctuation, and "-1" must not read as "1".
                if let number = DecimalNumber.parse(text) {
                    if number == 0 || number == 1 { return .success(.number(number)) }
                } else if let flag = Self.booleanWords[VietnameseText.fold(text)], text.contains(where: \.isLetter) {
                    return .success(.number(flag ? 1 : 0))
                }
            }
            return .failure(Problem(code: .typeMismatch, message: .expectedYesNo(found: shown())))
        case .choice(let choices):
            var candidate: Choice?
            switch value {
            case .text(let text):
                let key = VietnameseText.fold(text)
                candidate = choices.first { VietnameseText.fold($0.id) == key || VietnameseText.fold($0.label.vi) == key || VietnameseText.fold($0.label.en) == key }
                if candidate == nil, let number = DecimalNumber.parse(text) { candidate = choices.first { $0.value == number } }
            case .number(let number):
                candidate = choices.first { $0.value == number }
            default: break
            }
            if let candidate { return .success(.number(candidate.value)) }
            return .failure(Problem(code: .typeMismatch, message: .expectedChoice(choices.map(\.id), found: shown())))
        case .count, .number, .percent:
            var number: Double?
            switch value {
            case .number(let n): number = n
            case .text(let text): number = Self.parseNumber(text, percent: field.type == .percent)
            case .boolean: number = nil
            case .empty: number = nil
            }
            guard let number, number.isFinite else {
                var hint: Message?
                if case .text(let text) = value { hint = DecimalNumber.hint(for: text) }
                return .failure(Problem(code: .typeMismatch, message: .expectedNumber(whole: field.type == .count, found: shown(), hint: hint)))
            }
            if let problem = Self.numberProblem(number, whole: field.type == .count, minimum: field.minimum, maximum: field.maximum, shown: shown) { return .failure(problem) }
            return .success(.number(number))
        }
    }

    /// What is wrong with the finite `number` as an answer to a count (`whole`), number or percent
    /// field with the given bounds: a count that is not whole, a value below the minimum or above
    /// the maximum; `nil` when it is accepted. `shown` writes the answer for the message.
    static func numberProblem(_ number: Double, whole: Bool, minimum: Double?, maximum: Double?, shown: () -> String) -> Problem? {
        if whole, number != number.rounded() {
            return Problem(code: .typeMismatch, message: .expectedNumber(whole: true, found: shown(), hint: nil))
        }
        if let minimum, number < minimum {
            return Problem(code: .outOfRange, message: .belowMinimum(number, minimum: minimum))
        }
        if let maximum, number > maximum {
            return Problem(code: .outOfRange, message: .aboveMaximum(number, maximum: maximum))
        }
        return nil
    }

    static let booleanWords: [String: Bool] = [
        "1": true, "0": false, "true": true, "false": false, "yes": true, "no": false, "y": true, "n": false,
        "co": true, "khong": false, "x": true, "dat": true, "khong dat": false,
    ]

    /// Parses a number written as `1200`, `1 200`, `0.55` or (for percentages) `55%`: decimal
    /// only (see ``DecimalNumber``).
    static func parseNumber(_ text: String, percent: Bool) -> Double? {
        // The common case, a plain number, without the cost of cleaning.
        if let number = DecimalNumber.parse(text) { return number }
        var cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
        if percent, cleaned.hasSuffix("%") { cleaned.removeLast() }
        return DecimalNumber.parse(cleaned)
    }

    private func checkConstraints(_ answers: [UnitAnswers], into collector: inout DiagnosticCollector) {
        guard !methodology.constraints.isEmpty else { return }
        for block in methodology.blocks {
            let units = answers.filter { $0.block == block.id }
            guard !units.isEmpty, let plan = try? BlockPlan(methodology: methodology, block: block.id) else { continue }
            checkConstraints(BlockData(plan: plan, answers: units), plan: plan, into: &collector)
        }
    }

    /// Reports every unit of `data` for which one of the methodology's constraints on its block
    /// does not hold, at the source of the first answer the constraint reads.
    func checkConstraints(_ data: BlockData, plan: BlockPlan, into collector: inout DiagnosticCollector) {
        let columnIndex = Dictionary(uniqueKeysWithValues: plan.columns.enumerated().map { ($1, $0) })
        for constraint in methodology.constraints where constraint.blocks?.contains(plan.block.id) ?? true {
            let compiled = CompiledExpression(constraint.check, columnOf: { columnIndex[$0]! })
            let result = compiled.evaluate(columns: data.columns, count: data.count)
            for (u, holds) in result.enumerated() where holds == 0 {
                let unit = data.units[u]
                let values = constraint.check.references.map { name in "\(name) = \(NumberFormatting.format(columnIndex[name].map { data.columns[$0][u] } ?? .nan))" }
                let location = constraint.check.references.compactMap { unit.sources[$0] }.first
                collector.report(.constraintViolated, .constraintBroken(unit: unit.unitID, constraint: constraint.id, check: "\(constraint.check)", values: values, explanation: constraint.message), at: location)
            }
        }
    }
}

/// The numbers survey answers may hold: decimal, as people write them in Vietnam's forms and as
/// spreadsheets store them — an optional sign, digits, an optional decimal **point** and
/// fraction, an optional exponent (`1e3`, what spreadsheets write for large values).
///
/// Everything else Swift's `Double(_:)` would accept is refused: hexadecimal (`0x10`,
/// `0x1p-2`), `inf`, `infinity`, `nan`, and values beyond the range of a `Double` (`1e999`).
/// A decimal comma (`0,72`) is refused with a message saying the separator is a point: with
/// thousands written `1,200` in English forms, a comma cannot be read safely either way.
public enum DecimalNumber {
    /// The value of `text` (surrounding spaces and tabs allowed), or `nil` when it is not a
    /// finite decimal number.
    public static func parse(_ text: String) -> Double? {
        let trimmed = VietnameseText.trimmed(text)
        guard isDecimal(trimmed), let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }

    /// ``parse(_:)`` of text given as its UTF-8 bytes without surrounding blanks (a CSV cell as
    /// read): the same `Double`, bit for bit, without making a `String` for the common short
    /// numbers.
    ///
    /// At most 15 significant digits, and no exponent with at most 22 decimals, are converted as
    /// an exact integer divided by an exact power of ten: one correctly rounded division, which
    /// is the correctly rounded value of the decimal, as `Double(_:)` gives it (Clinger's fast
    /// path). Anything longer goes to `Double(_:)`.
    package static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { negative = bytes[i] == UInt8(ascii: "-"); i += 1 }
        var mantissa: UInt64 = 0, digits = 0, decimals = 0, significant = 0
        var point = false, simple = true
        while i < n {
            let b = bytes[i]
            if b >= 0x30, b <= 0x39 {
                digits += 1
                if point { decimals += 1 }
                if mantissa != 0 || b != 0x30 { significant += 1 }
                if significant <= 15 { mantissa = mantissa &* 10 &+ UInt64(b &- 0x30) }
            } else if b == UInt8(ascii: "."), !point {
                point = true
            } else {
                simple = false // an exponent, or not a number at all
                break
            }
            i += 1
        }
        if simple {
            guard digits > 0 else { return nil }
            if significant <= 15, decimals <= 22 {
                let value = Double(mantissa) / powersOfTen[decimals]
                return negative ? -value : value
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard isDecimal(text), let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// 10⁰ … 10²², every one exactly a `Double`.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { value, _ in value * 10 } }

    /// Whether `text` is `[+-]digits[.digits][(e|E)[+-]digits]` (digits on at least one side of
    /// the point).
    public static func isDecimal(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            var count = 0
            while let b = bytes.first, b >= 0x30, b <= 0x39 { bytes = bytes.dropFirst(); count += 1 }
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// A hint for a text that is not a number, or "" when there is none to give.
    public static func hint(for text: String) -> Message? {
        let trimmed = VietnameseText.trimmed(text)
        if trimmed.contains(","), isDecimal(trimmed.replacingOccurrences(of: ",", with: ".")) {
            return .decimalCommaHint(trimmed.replacingOccurrences(of: ",", with: "."))
        }
        if isDecimal(trimmed) { return .numberTooLargeHint }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("0x") || lower.hasPrefix("-0x") || lower.hasPrefix("+0x") { return .hexadecimalHint }
        return nil
    }
}

/// The data years answers may belong to.
public enum SurveyPeriod {
    /// The years accepted as a period: whole years from 1990 (before e-government surveys) to 2100.
    public static let range = 1990...2100

    /// Why `year` is not an acceptable period, or `nil`.
    public static func problem(_ year: Int) -> Message? {
        range.contains(year) ? nil : .periodOutOfRange(year, range: range)
    }

    /// The period written as `text` (a whole year, e.g. `2019`), or a message saying what is wrong.
    public static func parse(_ text: String) -> Result<Int, PeriodError> {
        let trimmed = VietnameseText.trimmed(text)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 4, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let year = Int(trimmed) else {
            return .failure(PeriodError(text: .periodNotAYear(InputText.displayable(text))))
        }
        if let problem = problem(year) { return .failure(PeriodError(text: problem)) }
        return .success(year)
    }

    /// A period that is not one.
    public struct PeriodError: Error, Sendable {
        /// What is wrong, in both languages.
        public var text: Message
        /// What is wrong, in English.
        public var message: String { text.en }
    }
}
