import Formats
import Foundation
import IndexCore

/// Reads survey answers from CSV or JSON files, or filled `.xlsx` survey forms, into
/// ``RawRecord``s.
///
/// **CSV**: one row per unit; the columns `id` (or `unit_id`), `name` (or `unit`), `block` and
/// optionally `period`, then one column per field id. Empty cells are unanswered. Or the long
/// layout, one observation per row: `period`, `id`, `field`, `value` (see `readLongCSV`).
///
/// **JSON**: `{"period": 2019, "units": [{"id", "name", "block", "period"?, "answers": {field: value}}]}`
/// or a bare array of such unit objects.
public enum SurveyReader {
    static let idColumns = ["id", "unit_id"]
    static let nameColumns = ["name", "unit", "unit_name"]

    /// Reads every file, choosing the format by extension (`.csv`, `.json`, or `.xlsx` for a
    /// filled survey form, see ``SurveyFormReader``).
    public static func read(_ urls: [URL]) throws -> [RawRecord] {
        var records: [RawRecord] = []
        var problems: [Diagnostic] = []
        for url in urls {
            do {
                records.append(contentsOf: try read(url))
            } catch let error as DiagnosticError {
                problems.append(contentsOf: error.diagnostics)
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return records
    }

    /// Reads the answers in one file, by its extension: `.csv` (wide or long), `.json`, or a filled
    /// `.xlsx` form. Throws a ``DiagnosticError`` naming the file (and line, column or cell) for an
    /// unreadable file, an unsupported type or malformed content.
    public static func read(_ url: URL) throws -> [RawRecord] {
        let name = url.relativePath
        let data = try FileProblem.contents(of: url)
        switch url.pathExtension.lowercased() {
        case "csv": return try readCSV(data, fileName: name)
        case "json": return try readJSON(data, fileName: name)
        case "xlsx": return [try SurveyFormReader.read(XLSXReader.read(data, fileName: name)).record]
        default:
            throw DiagnosticError([Diagnostic(.invalidValue, .unsupportedDataFile(extension: url.pathExtension), at: SourceLocation(file: name))])
        }
    }

    /// Reads CSV answers in either layout, told apart by the header: one row per unit with a column
    /// per field, or one answer per row (`period`, `id`, `field`, `value`). UTF-8 only; every
    /// problem is a diagnostic naming `fileName`, the line and the column.
    public static func readCSV(_ data: Data, fileName: String) throws -> [RawRecord] {
        if let problem = UTF8Problem.find(in: data) {
            throw DiagnosticError([Diagnostic(.invalidValue, problem.message(), at: SourceLocation(file: fileName, line: problem.line, column: problem.column))])
        }
        // Row by row as the reader finds them: the wide layout turns each row into its record at
        // once; the long layout's rows are kept for readLongCSV.
        var wide: WideCSV?
        var longColumns: [String]?
        var longRows: [CSVReader.Row] = []
        try data.withUnsafeBytes { raw in
            try CSVReader().forEachRow(raw.assumingMemoryBound(to: UInt8.self), fileName: fileName) { row in
                if longColumns != nil {
                    longRows.append(row)
                } else if wide != nil {
                    wide!.read(row)
                } else {
                    let columns = row.fields.map { VietnameseText.nfc($0.trimmingCharacters(in: .whitespaces)) }
                    if isLongLayout(columns) {
                        longColumns = columns
                        longRows.append(row)
                    } else {
                        wide = WideCSV(header: row, columns: columns, fileName: fileName)
                    }
                }
            }
        }
        if let longColumns { return try readLongCSV(longRows, columns: longColumns, fileName: fileName) }
        guard let wide else {
            throw DiagnosticError([Diagnostic(.missingData, .emptyDataFile, at: SourceLocation(file: fileName, line: 1))])
        }
        if !wide.problems.isEmpty { throw DiagnosticError(wide.problems) }
        return wide.records
    }

    /// The header of the wide layout (one row per unit, a column per field): which columns hold
    /// the unit's id, name, block and period, the rest being answers. Shared by the record reader
    /// and the columnar one (``SurveyTableReader``).
    struct WideHeader {
        let columns: [String]
        let idColumn: Int?, nameColumn: Int?, blockColumn: Int?, periodColumn: Int?
        let special: Set<Int>

        /// The header row's cells, trimmed and in NFC.
        init(columns: [String]) {
            self.columns = columns
            idColumn = columns.firstIndex { idColumns.contains($0) }
            nameColumn = columns.firstIndex { nameColumns.contains($0) }
            blockColumn = columns.firstIndex(of: "block")
            periodColumn = columns.firstIndex(of: "period")
            special = Set([idColumn, nameColumn, blockColumn, periodColumn].compactMap { $0 })
        }

        /// What the header lacks: a column naming the unit, a block column.
        func problems(fileName: String, line: Int) -> [Diagnostic] {
            var problems: [Diagnostic] = []
            if idColumn == nil && nameColumn == nil {
                problems.append(Diagnostic(.missingKey, .headerNeedsID, at: SourceLocation(file: fileName, line: line)))
            }
            if blockColumn == nil {
                problems.append(Diagnostic(.missingKey, .headerNeedsBlock, at: SourceLocation(file: fileName, line: line)))
            }
            return problems
        }

        /// The unit a row of `line` names (`field(k)`: its k-th cell), without its answers; the
        /// problem with its period, if any.
        func record(line: Int, fileName: String, field: (Int) -> String) -> (record: RawRecord, problem: Diagnostic?) {
            func cell(_ index: Int?) -> String? {
                guard let index else { return nil }
                let value = VietnameseText.trimmed(field(index))
                return value.isEmpty ? nil : VietnameseText.nfc(value)
            }
            var period: Int?
            var problem: Diagnostic?
            if let text = cell(periodColumn) {
                switch SurveyPeriod.parse(text) {
                case .success(let year): period = year
                case .failure(let error): problem = Diagnostic(.typeMismatch, error.text, at: SourceLocation(file: fileName, line: line, column: periodColumn.map { $0 + 1 }, detail: "period"))
                }
            }
            let record = RawRecord(unitID: cell(idColumn) ?? cell(nameColumn), name: cell(nameColumn), block: cell(blockColumn), period: period, cells: [], location: SourceLocation(file: fileName, line: line))
            return (record, problem)
        }
    }

    /// The wide layout (one row per unit, a column per field) read one row at a time.
    private struct WideCSV {
        let fileName: String
        let header: WideHeader
        /// Each column's place, built once: every row's cells share its file name and detail text
        /// (100,000 rows × 160 columns would otherwise allocate a detail string per cell).
        let places: [SourceLocation]
        var records: [RawRecord] = []
        var problems: [Diagnostic] = []

        init(header row: CSVReader.Row, columns: [String], fileName: String) {
            self.fileName = fileName
            header = WideHeader(columns: columns)
            problems = header.problems(fileName: fileName, line: row.line)
            places = columns.indices.map { SourceLocation(file: fileName, column: $0 + 1, detail: columns[$0]) }
        }

        mutating func read(_ row: CSVReader.Row) {
            let columns = header.columns
            if row.fields.count != columns.count {
                problems.append(Diagnostic(.syntax, .rowWidthMismatch(values: row.fields.count, columns: columns.count), at: SourceLocation(file: fileName, line: row.line)))
                return
            }
            var (record, problem) = header.record(line: row.line, fileName: fileName) { row.fields[$0] }
            if let problem { problems.append(problem) }
            var cells: [(field: String, value: RawValue, location: SourceLocation)] = []
            cells.reserveCapacity(columns.count - header.special.count)
            for (index, column) in columns.enumerated() where !header.special.contains(index) {
                let text = VietnameseText.trimmed(row.fields[index])
                var place = places[index]
                place.line = row.line
                cells.append((column, text.isEmpty ? .empty : .text(text), place))
            }
            record.cells = cells
            records.append(record)
        }
    }

    /// Reads JSON answers: an object with `units` (and an optional default `period`) or a bare
    /// array of unit objects, each with its id or name, optional block and period, and `answers` by
    /// field id. Every problem is a diagnostic naming `fileName` with the line, column and JSON
    /// path.
    public static func readJSON(_ data: Data, fileName: String) throws -> [RawRecord] {
        let root = try JSONReader.parse(data, fileName: fileName)
        func location(_ node: JSONNode, _ path: String) -> SourceLocation {
            SourceLocation(file: fileName, line: node.line, column: node.column, detail: path)
        }
        var problems: [Diagnostic] = []
        /// A period: a whole year in ``SurveyPeriod/range``, written as a JSON integer.
        func period(_ node: JSONNode?, _ path: String) -> Int? {
            guard let node else { return nil }
            if case .number(let text, let value) = node.value, text.allSatisfy(\.isNumber), let year = Int(exactly: value) {
                if let problem = SurveyPeriod.problem(year) { problems.append(Diagnostic(.invalidValue, problem, at: location(node, path))) }
                return year
            }
            let shown: Message.FoundYear
            switch node.value {
            case .number(let text, _): shown = .number(text)
            case .string(let text): shown = .quotedText(InputText.displayable(text))
            default: shown = .other(node.kind)
            }
            problems.append(Diagnostic(.typeMismatch, .periodNotWholeYear(found: shown), at: location(node, path)))
            return nil
        }
        var defaultPeriod: Int?
        let units: [JSONNode]
        switch root.value {
        case .object:
            defaultPeriod = period(root["period"], "period")
            guard let list = root["units"] else {
                throw DiagnosticError([Diagnostic(.missingKey, .expectedUnitsList, at: location(root, "$"))])
            }
            guard case .array(let items) = list.value else {
                throw DiagnosticError([Diagnostic(.invalidValue, .unitsMustBeList(found: list.kind), at: location(list, "units"))])
            }
            units = items
        case .array(let items):
            units = items
        default:
            throw DiagnosticError([Diagnostic(.invalidValue, .expectedUnitsObject(found: root.kind), at: location(root, "$"))])
        }
        var records: [RawRecord] = []
        for (index, unit) in units.enumerated() {
            // A bare list is the 'units' list without its object: the same path either way.
            let path = "units[\(index)]"
            guard case .object = unit.value else {
                problems.append(Diagnostic(.invalidValue, .unitMustBeObject(found: unit.kind), at: location(unit, path)))
                continue
            }
            /// An id, name or block: text (a whole number is taken as its digits).
            func string(_ key: String) -> String? {
                guard let node = unit[key] else { return nil }
                switch node.value {
                case .string(let text): return VietnameseText.nfc(text)
                case .number(let text, _) where text.allSatisfy(\.isNumber): return text
                case .null: return nil
                default:
                    problems.append(Diagnostic(.typeMismatch, .keyMustBeText(key, found: node.kind), at: location(node, "\(path).\(key)")))
                    return nil
                }
            }
            var cells: [(field: String, value: RawValue, location: SourceLocation)] = []
            if let answers = unit["answers"] {
                if case .object(let members) = answers.value {
                    for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                        let here = location(value, "\(path).answers.\(key)")
                        switch value.value {
                        case .null: cells.append((key, .empty, here))
                        case .bool(let flag): cells.append((key, .boolean(flag), here))
                        case .number(_, let number): cells.append((key, .number(number), here))
                        case .string(let text): cells.append((key, text.trimmingCharacters(in: .whitespaces).isEmpty ? .empty : .text(text), here))
                        case .array, .object:
                            problems.append(Diagnostic(.typeMismatch, .answerWrongKind(found: value.kind), at: here))
                        }
                    }
                } else {
                    problems.append(Diagnostic(.invalidValue, .answersMustBeObject(found: answers.kind), at: location(answers, "\(path).answers")))
                }
            }
            let unitPeriod = period(unit["period"], "\(path).period") ?? defaultPeriod
            let name = string("name")
            records.append(RawRecord(unitID: string("id") ?? name, name: name, block: string("block"), period: unitPeriod, cells: cells, location: location(unit, path)))
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return records
    }
}
