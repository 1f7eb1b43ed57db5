import Foundation
import IndexCore

extension SurveyReader {
    /// Whether a CSV header is the long (one observation per row) layout.
    static func isLongLayout(_ columns: [String]) -> Bool {
        columns.contains("field") && columns.contains("value")
    }

    /// Reads the long layout: one observation per row, columns `period`, `id` (or `unit`/`name`),
    /// optionally `block`, then `field` and `value`. Rows of the same unit and period form one
    /// record, in order of first appearance; each value keeps its own line as provenance.
    static func readLongCSV(_ rows: [CSVReader.Row], columns: [String], fileName: String) throws -> [RawRecord] {
        let unitColumn = columns.firstIndex { idColumns.contains($0) } ?? columns.firstIndex { nameColumns.contains($0) }
        let blockColumn = columns.firstIndex(of: "block")
        let periodColumn = columns.firstIndex(of: "period")
        let fieldColumn = columns.firstIndex(of: "field")!
        let valueColumn = columns.firstIndex(of: "value")!
        guard let unitColumn else {
            throw DiagnosticError([Diagnostic(.missingKey, .longHeaderNeedsID, at: SourceLocation(file: fileName, line: rows.first?.line))])
        }
        var problems: [Diagnostic] = []
        var records: [RawRecord] = []
        var index: [String: Int] = [:]
        for row in rows.dropFirst() {
            guard row.fields.count == columns.count else {
                problems.append(Diagnostic(.syntax, .rowWidthMismatch(values: row.fields.count, columns: columns.count), at: SourceLocation(file: fileName, line: row.line)))
                continue
            }
            let unit = VietnameseText.nfc(VietnameseText.trimmed(row.fields[unitColumn]))
            let periodText = periodColumn.map { VietnameseText.trimmed(row.fields[$0]) } ?? ""
            var period: Int?
            if !periodText.isEmpty {
                switch SurveyPeriod.parse(periodText) {
                case .success(let year): period = year
                case .failure(let error):
                    problems.append(Diagnostic(.typeMismatch, error.text, at: SourceLocation(file: fileName, line: row.line, column: periodColumn.map { $0 + 1 }, detail: "period")))
                    continue
                }
            }
            let key = "\(unit)|\(periodText)"
            let field = VietnameseText.trimmed(row.fields[fieldColumn])
            let text = VietnameseText.trimmed(row.fields[valueColumn])
            let cell = (field: field, value: text.isEmpty ? RawValue.empty : .text(text), location: SourceLocation(file: fileName, line: row.line, column: valueColumn + 1, detail: field))
            if let position = index[key] {
                records[position].cells.append(cell)
            } else {
                index[key] = records.count
                let block = blockColumn.map { VietnameseText.trimmed(row.fields[$0]) }.flatMap { $0.isEmpty ? nil : $0 }
                records.append(RawRecord(unitID: unit, name: nil, block: block, period: period, cells: [cell], location: SourceLocation(file: fileName, line: row.line)))
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return records
    }
}
