import Foundation

/// Where each answer of an ``AnswerTable`` read from files came from, kept as one line number per
/// row and one column number per field and file: an answer's ``SourceLocation`` is made only when
/// a diagnostic, an explanation or a unit's ``UnitAnswers/sources`` asks for it (100,000 units ×
/// 160 answers would otherwise be 16 million locations).
public struct AnswerLocations: Sendable {
    /// The files read, as the user named them.
    let files: [String]
    /// Per file: each field's 1-based column, by field id.
    let columns: [[String: Int32]]
    /// Per row: the index of its file in ``files``.
    let rowFile: [Int32]
    /// Per row: the 1-based line the row starts on.
    let rowLine: [Int32]

    /// The cell of `row` that answers `field` (`file:line:column (field)`, as the record
    /// readers give it), or `nil` when the row's file has no column for the field.
    public func location(field: String, row: Int) -> SourceLocation? {
        let file = Int(rowFile[row])
        guard let column = columns[file][field] else { return nil }
        return SourceLocation(file: files[file], line: Int(rowLine[row]), column: Int(column), detail: field)
    }

    /// The place of `row` as a whole (`file:line`).
    public func location(row: Int) -> SourceLocation {
        SourceLocation(file: files[Int(rowFile[row])], line: Int(rowLine[row]))
    }
}

extension AnswerTable {
    /// Unit `row`'s answers as the record path gives them: its numeric answers from the columns,
    /// its text answers, and where each came from (when the table was read from files).
    public func answers(_ row: Int) -> UnitAnswers {
        var unit = units[row]
        for (field, column) in columns where !column[row].isNaN { unit.values[field] = column[row] }
        if let locations {
            for field in unit.values.keys { unit.sources[field] = locations.location(field: field, row: row) }
            for field in unit.texts.keys { unit.sources[field] = locations.location(field: field, row: row) }
        }
        return unit
    }

    /// Every unit's ``answers(_:)``, in row order: for the consumers that need one dictionary of
    /// answers per unit (explain, assess, a workspace import).
    public var allAnswers: [UnitAnswers] { units.indices.map(answers) }
}

/// Builds an ``AnswerTable`` from survey answers read cell by cell (the wide CSV layout), checking
/// every answer with ``SurveyValidator``'s per-answer checks as it goes, so that the answers are
/// never held as text or as one dictionary per unit.
///
/// It takes only input it can accept whole: the first problem anywhere (an unknown or repeated
/// column, an answer of the wrong type or out of range, a unit the validator refuses, a broken
/// constraint) makes ``failed`` true, and the caller reads the files again through the record
/// path (``SurveyValidator/validate(_:)``), which reports every problem with its exact text and
/// place. Valid input gives the same units, numbers and texts as that path.
package struct AnswerTableBuilder {
    package let methodology: Methodology
    private let validator: SurveyValidator
    /// Per methodology field: its answers so far, one per row (NaN: unanswered); empty for text
    /// fields, whose answers go to ``texts``.
    private var columns: [[Double]]
    /// Each row's unit as its file gives it (id, name, block, period, location), no answers.
    private var records: [RawRecord] = []
    /// Text answers by row, for the rows that have any.
    private var texts: [Int: [String: String]] = [:]
    private var files: [String] = []
    private var fileColumns: [[String: Int32]] = []
    private var rowFile: [Int32] = [], rowLine: [Int32] = []
    /// Whether some input was refused (see the type's description).
    package private(set) var failed = false
    /// Per field, what the common answers need checked, read without copying the field (its
    /// labels and help texts) for every answer.
    private let checks: [Check]
    /// Per field: whether it is a text field (it has no column).
    private let isText: [Bool]
    /// How many rows the columns have room for (all unanswered until written).
    private var allocatedRows: Int

    private enum Check {
        /// A count (`whole`), number or percent with its bounds.
        case number(whole: Bool, minimum: Double?, maximum: Double?)
        case boolean
        /// A choice or a text: the validator's general path.
        case other
    }

    /// A builder for answers to `methodology`, with room for `expectedRows` rows.
    package init(methodology: Methodology, expectedRows: Int) {
        self.methodology = methodology
        validator = SurveyValidator(methodology: methodology)
        isText = methodology.fields.map { $0.type == .text }
        checks = methodology.fields.map { field in
            switch field.type {
            case .count, .number, .percent: .number(whole: field.type == .count, minimum: field.minimum, maximum: field.maximum)
            case .boolean: .boolean
            case .choice, .text: .other
            }
        }
        columns = methodology.fields.map { field in
            // Every expected row unanswered from the start: a row's answers are then written in
            // place, not appended to 160 columns one by one.
            field.type == .text ? [] : [Double](repeating: .nan, count: expectedRows)
        }
        allocatedRows = expectedRows
        records.reserveCapacity(expectedRows)
        rowFile.reserveCapacity(expectedRows)
        rowLine.reserveCapacity(expectedRows)
    }

    /// Starts the rows of file `name`, whose answer columns (1-based) are named `header`: the
    /// methodology's field index for each, or `nil` (and ``failed``) when a column names no field
    /// or a field twice — answers the record path reports.
    package mutating func beginFile(_ name: String, header: [(column: Int, name: String)]) -> [Int]? {
        var byID: [String: Int] = [:]
        for (index, field) in methodology.fields.enumerated() where byID[field.id] == nil { byID[field.id] = index }
        var indices: [Int] = []
        var columns: [String: Int32] = [:]
        for (column, name) in header {
            guard let index = byID[name], columns[name] == nil else {
                failed = true
                return nil
            }
            indices.append(index)
            columns[name] = Int32(clamping: column)
        }
        files.append(name)
        fileColumns.append(columns)
        return indices
    }

    /// Adds a row for the unit `record` names (its cells are not read), starting on `line` of
    /// the current file, every field unanswered so far.
    package mutating func addRow(_ record: RawRecord, line: Int) {
        records.append(record)
        rowFile.append(Int32(files.count - 1))
        rowLine.append(Int32(clamping: line))
        // More rows than expected (a file whose lines end with a lone CR): room for one more.
        if records.count > allocatedRows {
            for index in columns.indices where !isText[index] { columns[index].append(.nan) }
            allocatedRows += 1
        }
    }

    /// How many rows were added so far.
    package var rowCount: Int { records.count }

    /// Adds the rows of `part` (a builder for the same methodology that read a later part of the
    /// current file on its own thread, its lines numbered from 1, its rows in no file) after
    /// this builder's rows, as rows of the current file whose line numbers are `lineOffset` more:
    /// the builder is then what reading the part's rows here, on their true lines, would have made
    /// (``failed`` too).
    package mutating func append(_ part: consuming AnswerTableBuilder, lineOffset: Int) {
        let base = records.count, count = part.records.count
        let offset = Int32(clamping: lineOffset)
        records.append(contentsOf: part.records.lazy.map { record in
            var record = record
            record.location.line = record.location.line.map { $0 + lineOffset }
            return record
        })
        rowFile.append(contentsOf: repeatElement(Int32(files.count - 1), count: count))
        rowLine.append(contentsOf: part.rowLine.lazy.map { $0 &+ offset })
        if base + count > allocatedRows {
            for index in columns.indices where !isText[index] { columns[index].append(contentsOf: repeatElement(.nan, count: base + count - allocatedRows)) }
            allocatedRows = base + count
        }
        for index in columns.indices where !isText[index] && count > 0 {
            part.columns[index].withUnsafeBufferPointer { source in
                columns[index].withUnsafeMutableBufferPointer { target in
                    (target.baseAddress! + base).update(from: source.baseAddress!, count: count)
                }
            }
        }
        for (row, answers) in part.texts { texts[base + row] = answers }
        failed = failed || part.failed
    }

    /// The last row's answer to field `index`, given as the cell's bytes with surrounding blanks
    /// removed (not empty): converted and checked as ``SurveyValidator`` does; a refused answer
    /// sets ``failed``.
    package mutating func answer(_ bytes: UnsafeBufferPointer<UInt8>, field index: Int) {
        let row = records.count - 1
        // The common case, a plain decimal number, straight from the bytes.
        switch checks[index] {
        case .number(let whole, let minimum, let maximum):
            if let number = DecimalNumber.parse(bytes: bytes),
               SurveyValidator.numberProblem(number, whole: whole, minimum: minimum, maximum: maximum, shown: { "" }) == nil {
                columns[index][row] = number
                return
            }
        case .boolean:
            if let number = DecimalNumber.parse(bytes: bytes), number == 0 || number == 1 {
                columns[index][row] = number
                return
            }
        case .other:
            break
        }
        let field = methodology.fields[index]
        switch validator.parse(.text(String(decoding: bytes, as: UTF8.self)), for: field) {
        case .success(.number(let number)): columns[index][row] = number
        case .success(.text(let text)): texts[row, default: [:]][field.id] = text
        case .failure: failed = true
        }
    }

    /// The table of every row, its units resolved through `registry` as
    /// ``UnitRegistry/resolveStateless(records:defaultPeriod:)`` resolves records and checked as
    /// ``SurveyValidator/validate(_:)`` checks them (units, blocks a field is asked of,
    /// constraints), with the registry's unit attributes when the methodology declares some;
    /// `nil` when anything was refused.
    package mutating func table(registry: UnitRegistry, defaultPeriod: Int?) -> AnswerTable? {
        guard !failed, let resolved = try? registry.resolveStateless(records: records, defaultPeriod: defaultPeriod), resolved.count == records.count else { return nil }
        var collector = DiagnosticCollector()
        var seen: [String: SourceLocation] = [:]
        let blockIDs = methodology.blocks.map(\.id)
        var units: [UnitAnswers] = []
        units.reserveCapacity(resolved.count)
        for (row, record) in resolved.enumerated() {
            guard var unit = validator.checkedUnit(record, blockIDs: blockIDs, seen: &seen, into: &collector) else { return nil }
            if let texts = texts[row] { unit.texts = texts }
            units.append(unit)
        }
        // A field answered by a unit of a block it is not asked of.
        for (index, field) in methodology.fields.enumerated() where field.blocks != nil {
            for (row, unit) in units.enumerated() where !field.applies(to: unit.block) {
                if field.type == .text ? unit.texts[field.id] != nil : !columns[index][row].isNaN { return nil }
            }
        }
        if !methodology.attributes.isEmpty { units = registry.attachingAttributes(to: units) }
        var byField: [String: [Double]] = [:]
        for (index, field) in methodology.fields.enumerated() where field.type != .text {
            // The rows read, without the room left over (one line end more than rows, at most a few).
            var column = columns[index]
            columns[index] = [] // the only reference left is `column`: trimmed in place, not copied
            column.removeLast(column.count - records.count)
            byField[field.id] = column
        }
        let locations = AnswerLocations(files: files, columns: fileColumns, rowFile: rowFile, rowLine: rowLine)
        let table = AnswerTable(units: units, checkedColumns: byField, locations: locations)
        if !methodology.constraints.isEmpty {
            for block in methodology.blocks where units.contains(where: { $0.block == block.id }) {
                guard let plan = try? BlockPlan(methodology: methodology, block: block.id) else { return nil }
                validator.checkConstraints(BlockData(plan: plan, table: table), plan: plan, into: &collector)
            }
        }
        return collector.isEmpty ? table : nil
    }
}
