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

    public static func read(_ url: URL) throws -> [RawRecord] {
        let name = url.relativePath
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DiagnosticError([Diagnostic(.invalidValue, "cannot read the file", at: SourceLocation(file: name))])
        }
        switch url.pathExtension.lowercased() {
        case "csv": return try readCSV(data, fileName: name)
        case "json": return try readJSON(data, fileName: name)
        case "xlsx": return [try SurveyFormReader.read(XLSXReader.read(data, fileName: name)).record]
        default:
            throw DiagnosticError([Diagnostic(.invalidValue, "unsupported data file type '.\(url.pathExtension)' (expected .csv, .json or a filled .xlsx form)", at: SourceLocation(file: name))])
        }
    }

    public static func readCSV(_ data: Data, fileName: String) throws -> [RawRecord] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticError([Diagnostic(.invalidValue, "the file is not UTF-8 text", at: SourceLocation(file: fileName))])
        }
        let rows = try CSVReader().rows(text, fileName: fileName)
        guard let header = rows.first else {
            throw DiagnosticError([Diagnostic(.missingData, "the file is empty", at: SourceLocation(file: fileName))])
        }
        let columns = header.fields.map { VietnameseText.nfc($0.trimmingCharacters(in: .whitespaces)) }
        if isLongLayout(columns) { return try readLongCSV(rows, columns: columns, fileName: fileName) }
        let idColumn = columns.firstIndex { idColumns.contains($0) }
        let nameColumn = columns.firstIndex { nameColumns.contains($0) }
        let blockColumn = columns.firstIndex(of: "block")
        let periodColumn = columns.firstIndex(of: "period")
        var problems: [Diagnostic] = []
        if idColumn == nil && nameColumn == nil {
            problems.append(Diagnostic(.missingKey, "the header needs an 'id' column (or 'name')", at: SourceLocation(file: fileName, line: header.line)))
        }
        if blockColumn == nil {
            problems.append(Diagnostic(.missingKey, "the header needs a 'block' column", at: SourceLocation(file: fileName, line: header.line)))
        }
        let special = Set([idColumn, nameColumn, blockColumn, periodColumn].compactMap { $0 })
        var records: [RawRecord] = []
        for row in rows.dropFirst() {
            if row.fields.count != columns.count {
                problems.append(Diagnostic(.syntax, "the row has \(row.fields.count) values but the header has \(columns.count) columns", at: SourceLocation(file: fileName, line: row.line)))
                continue
            }
            func cell(_ index: Int?) -> String? {
                guard let index else { return nil }
                let value = VietnameseText.trimmed(row.fields[index])
                return value.isEmpty ? nil : VietnameseText.nfc(value)
            }
            var period: Int?
            if let text = cell(periodColumn) {
                period = Int(text)
                if period == nil { problems.append(Diagnostic(.typeMismatch, "period must be a year, found '\(text)'", at: SourceLocation(file: fileName, line: row.line, detail: "column period"))) }
            }
            var cells: [(field: String, value: RawValue, location: SourceLocation)] = []
            for (index, column) in columns.enumerated() where !special.contains(index) {
                let text = VietnameseText.trimmed(row.fields[index])
                cells.append((column, text.isEmpty ? .empty : .text(text), SourceLocation(file: fileName, line: row.line, column: index + 1, detail: "column \(column)")))
            }
            records.append(RawRecord(unitID: cell(idColumn) ?? cell(nameColumn), name: cell(nameColumn), block: cell(blockColumn), period: period, cells: cells, location: SourceLocation(file: fileName, line: row.line)))
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return records
    }

    public static func readJSON(_ data: Data, fileName: String) throws -> [RawRecord] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw DiagnosticError([Diagnostic(.syntax, "not valid JSON: \(error.localizedDescription)", at: SourceLocation(file: fileName))])
        }
        var period: Int?
        let units: [Any]
        if let dictionary = object as? [String: Any] {
            period = (dictionary["period"] as? NSNumber)?.intValue
            guard let list = dictionary["units"] as? [Any] else {
                throw DiagnosticError([Diagnostic(.missingKey, "expected a 'units' list at the top level", at: SourceLocation(file: fileName))])
            }
            units = list
        } else if let list = object as? [Any] {
            units = list
        } else {
            throw DiagnosticError([Diagnostic(.invalidValue, "expected an object with 'units' or a list of units", at: SourceLocation(file: fileName))])
        }
        var problems: [Diagnostic] = []
        var records: [RawRecord] = []
        for (index, item) in units.enumerated() {
            let path = "units[\(index)]"
            let location = SourceLocation(file: fileName, detail: path)
            guard let unit = item as? [String: Any] else {
                problems.append(Diagnostic(.invalidValue, "each unit must be an object", at: location))
                continue
            }
            func string(_ key: String) -> String? {
                if let s = unit[key] as? String { return VietnameseText.nfc(s) }
                if let n = unit[key] as? NSNumber { return n.stringValue }
                return nil
            }
            var cells: [(field: String, value: RawValue, location: SourceLocation)] = []
            let answers = unit["answers"] as? [String: Any] ?? [:]
            if unit["answers"] != nil && unit["answers"] as? [String: Any] == nil {
                problems.append(Diagnostic(.invalidValue, "'answers' must be an object of field ids to values", at: location))
            }
            for key in answers.keys.sorted() {
                cells.append((key, rawValue(answers[key]!), SourceLocation(file: fileName, detail: "\(path).answers.\(key)")))
            }
            let unitPeriod = (unit["period"] as? NSNumber)?.intValue ?? period
            records.append(RawRecord(unitID: string("id") ?? string("name"), name: string("name"), block: string("block"), period: unitPeriod, cells: cells, location: location))
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return records
    }

    static func rawValue(_ value: Any) -> RawValue {
        switch value {
        case is NSNull: return .empty
        case let number as NSNumber:
            // JSONSerialization gives booleans as NSNumber; their Objective-C type code is "c".
            if String(cString: number.objCType) == "c" { return .boolean(number.boolValue) }
            return .number(number.doubleValue)
        case let text as String: return text.trimmingCharacters(in: .whitespaces).isEmpty ? .empty : .text(text)
        default: return .text(String(describing: value))
        }
    }
}
