import Formats
import Foundation
import IndexCore

/// Reads survey answers in the wide CSV layout (one row per unit, a column per field) straight
/// into an `AnswerTable`: one column of numbers per field, each answer converted from the file's
/// bytes and checked as it is read (`SurveyValidator`'s per-answer checks), the units resolved
/// through the unit registry and validated as `SurveyValidator.validate(_:)` validates them.
///
/// This is the intake of the stateless `compute`: 100,000 units × 160 answers never become 16
/// million strings, records or dictionary entries, and an answer's place in its file is made only
/// when asked (`AnswerLocations`).
///
/// It reads only input it can accept whole. When a file is not a wide CSV (the long layout, JSON,
/// a form) or anything in the files would be reported (a malformed row, an unknown column, an
/// answer of the wrong type, a unit the registry does not know, a broken constraint), it gives
/// `nil`, and the caller reads the files through ``SurveyReader`` and `SurveyValidator`, which
/// report every problem exactly as always.
public enum SurveyTableReader {
    /// The answers of `urls` as one table, resolved through `registry` (records of a block the
    /// registry does not hold keep their ids; units without a period get `defaultPeriod` where the
    /// registry resolves them) and validated against `methodology`, with the registry's unit
    /// attributes when the methodology declares some; `nil` when the record path must read them
    /// (see the type's description).
    public static func read(_ urls: [URL], methodology: Methodology, registry: UnitRegistry, defaultPeriod: Int?) -> AnswerTable? {
        var contents: [(name: String, data: Data)] = []
        for url in urls {
            guard url.pathExtension.lowercased() == "csv", let data = try? FileProblem.contents(of: url), UTF8Problem.find(in: data) == nil else { return nil }
            contents.append((url.relativePath, data))
        }
        // At most one row per line end: room for every row at once, not grown step by step.
        let lines = contents.reduce(0) { sum, file in
            sum + 1 + file.data.withUnsafeBytes { bytes in bytes.reduce(0) { $0 &+ ($1 == UInt8(ascii: "\n") ? 1 : 0) } }
        }
        var builder = AnswerTableBuilder(methodology: methodology, expectedRows: lines)
        for (name, data) in contents {
            guard read(data, fileName: name, into: &builder) else { return nil }
        }
        return builder.table(registry: registry, defaultPeriod: defaultPeriod)
    }

    /// Reads one file's rows into `builder`; `false` when the file is not a wide CSV or is refused.
    private static func read(_ data: Data, fileName: String, into builder: inout AnswerTableBuilder) -> Bool {
        var header: SurveyReader.WideHeader?
        var answerColumns: [(cell: Int, field: Int)] = []
        var rows = 0
        do {
            try data.withUnsafeBytes { raw in
                try CSVReader().forEachRawRow(raw.assumingMemoryBound(to: UInt8.self), fileName: fileName) { row in
                    guard let wide = header else {
                        let columns = (0..<row.count).map { VietnameseText.nfc(row.string($0).trimmingCharacters(in: .whitespaces)) }
                        let found = SurveyReader.WideHeader(columns: columns)
                        guard !SurveyReader.isLongLayout(columns), found.problems(fileName: fileName, line: row.line).isEmpty,
                              let fields = builder.beginFile(fileName, header: columns.indices.filter { !found.special.contains($0) }.map { ($0 + 1, columns[$0]) })
                        else { throw Refused() }
                        header = found
                        answerColumns = Array(zip(columns.indices.filter { !found.special.contains($0) }, fields))
                        return
                    }
                    guard row.count == wide.columns.count else { throw Refused() }
                    let (record, problem) = wide.record(line: row.line, fileName: fileName) { row.string($0) }
                    guard problem == nil else { throw Refused() }
                    builder.addRow(record, line: row.line)
                    rows += 1
                    for (cell, field) in answerColumns {
                        let bytes = row.bytes(cell)
                        guard let first = bytes.first, let last = bytes.last else { continue } // empty: unanswered
                        if isPlain(first), isPlain(last) {
                            builder.answer(bytes, field: field)
                        } else {
                            // Blanks (or a Unicode space) around the answer: trimmed as the record reader trims.
                            var text = VietnameseText.trimmed(row.string(cell))
                            if text.isEmpty { continue }
                            text.withUTF8 { builder.answer($0, field: field) }
                        }
                        if builder.failed { throw Refused() }
                    }
                }
            }
        } catch {
            return false
        }
        return header != nil && rows > 0
    }

    /// An ASCII byte other than a space or a tab: an answer starting and ending with such bytes is
    /// already trimmed.
    private static func isPlain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }

    /// The reading stops: the record path reads the files and reports why.
    private struct Refused: Error {}
}
