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
    ///
    /// A file of 1 MiB or more is read in parts, one per active core, each on its own thread;
    /// the table is the same as read whole on one thread.
    public static func read(_ urls: [URL], methodology: Methodology, registry: UnitRegistry, defaultPeriod: Int?) -> AnswerTable? {
        read(urls, methodology: methodology, registry: registry, defaultPeriod: defaultPeriod, split: .automatic)
    }

    /// How a file's rows are shared between threads.
    enum Split {
        /// Files of at least ``parallelBytes`` in as many parts as active cores, smaller ones whole.
        case automatic
        /// Every file in parts starting at the first row start found from each offset given (the
        /// tests' way to put part boundaries where they want, on small files); none: whole.
        case at([Int])

        /// From this size on a file is read in parts.
        static let parallelBytes = 1 << 20

        /// Where the parts of `bytes` start when the rows start at offset `start`: after the
        /// first line feed at or after each chosen offset, in increasing order, each before the end.
        /// A part may start inside a quoted field: the reading finds out, and reads on from the
        /// true row start.
        func starts(_ bytes: UnsafeBufferPointer<UInt8>, after start: Int) -> [Int] {
            let offsets: [Int]
            switch self {
            case .automatic:
                let parts = ProcessInfo.processInfo.activeProcessorCount
                guard bytes.count - start >= Self.parallelBytes, parts > 1 else { return [] }
                offsets = (1..<parts).map { start + (bytes.count - start) / parts * $0 }
            case .at(let chosen):
                offsets = chosen
            }
            var starts: [Int] = []
            for offset in offsets where offset >= start && offset < bytes.count {
                guard let newline = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")), newline + 1 < bytes.count else { continue }
                if newline + 1 > (starts.last ?? start) { starts.append(newline + 1) }
            }
            return starts
        }
    }

    /// ``read(_:methodology:registry:defaultPeriod:)`` with the files' rows read in the parts `split` gives.
    static func read(_ urls: [URL], methodology: Methodology, registry: UnitRegistry, defaultPeriod: Int?, split: Split) -> AnswerTable? {
        var contents: [(name: String, data: Data)] = []
        // At most one row per line end: room for every row at once, not grown step by step.
        var lines = 0
        for url in urls {
            guard url.pathExtension.lowercased() == "csv", let data = try? FileProblem.contents(of: url),
                  let lineFeeds = data.withUnsafeBytes({ lineFeedsIfUTF8($0.assumingMemoryBound(to: UInt8.self), split: split) })
            else { return nil }
            contents.append((url.relativePath, data))
            lines += lineFeeds + 1
        }
        var builder = AnswerTableBuilder(methodology: methodology, expectedRows: lines)
        for (name, data) in contents {
            guard read(data, fileName: name, split: split, into: &builder) else { return nil }
        }
        return builder.table(registry: registry, defaultPeriod: defaultPeriod)
    }

    /// The number of line feeds in `bytes`.
    private static func lineFeeds(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.reduce(0) { $0 &+ ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// The number of line feeds in `bytes`, or `nil` when they are not UTF-8 (the record path
    /// reports where), checked and counted in the parts `split` gives, each on its own thread:
    /// a part starts after a line feed, which is never inside a UTF-8 sequence, so the whole is
    /// UTF-8 when every part is.
    private static func lineFeedsIfUTF8(_ bytes: UnsafeBufferPointer<UInt8>, split: Split) -> Int? {
        let bounds = [0] + split.starts(bytes, after: 0) + [bytes.count]
        let parts = Parallel.map(count: bounds.count - 1, workers: bounds.count - 1, state: {}) { _, k -> Int? in
            let part = UnsafeBufferPointer(rebasing: bytes[bounds[k] ..< bounds[k + 1]])
            return String(validating: part, as: UTF8.self) == nil ? nil : lineFeeds(in: part)
        }
        return parts.contains(nil) ? nil : parts.reduce(0) { $0 + $1! }
    }

    /// A wide file's header: its columns, and for each answer column its cell and the
    /// methodology's field.
    private struct Header {
        let wide: SurveyReader.WideHeader
        let answerColumns: [(cell: Int, field: Int)]
    }

    /// Reads one file's rows into `builder`; `false` when the file is not a wide CSV or is refused.
    private static func read(_ data: Data, fileName: String, split: Split, into builder: inout AnswerTableBuilder) -> Bool {
        let rowsBefore = builder.rowCount
        do {
            return try data.withUnsafeBytes { raw in
                let bytes = raw.assumingMemoryBound(to: UInt8.self)
                // The header: the first row that is not blank (each step reads one line at least).
                var header: Header?
                var position: Int?, line = 1
                while header == nil {
                    guard (position ?? 0) < bytes.count else { return false }
                    (position, line) = try CSVReader().forEachRawRow(bytes, fileName: fileName, from: position, line: line, until: (position ?? 0) + 1) { row in
                        header = try Self.header(row, fileName: fileName, builder: &builder)
                    }
                }
                guard let header, let position else { return false }
                try readRows(bytes, from: position, line: line, fileName: fileName, header: header, split: split, into: &builder)
                return builder.rowCount > rowsBefore
            }
        } catch {
            return false
        }
    }

    /// The header of a wide file, its answer columns started in `builder`; throws when the file
    /// is not a wide CSV or names a column the builder refuses.
    private static func header(_ row: CSVReader.RawRow, fileName: String, builder: inout AnswerTableBuilder) throws -> Header {
        let columns = (0..<row.count).map { VietnameseText.nfc(row.string($0).trimmingCharacters(in: .whitespaces)) }
        let found = SurveyReader.WideHeader(columns: columns)
        let answerCells = columns.indices.filter { !found.special.contains($0) }
        guard !SurveyReader.isLongLayout(columns), found.problems(fileName: fileName, line: row.line).isEmpty,
              let fields = builder.beginFile(fileName, header: answerCells.map { ($0 + 1, columns[$0]) })
        else { throw Refused() }
        return Header(wide: found, answerColumns: Array(zip(answerCells, fields)))
    }

    /// Reads the rows of `bytes` from offset `position` (a row start on `line`) to the end into
    /// `builder`, in the parts `split` gives, each on its own thread.
    ///
    /// Part k is read from its start until the first row starting at or after part k + 1's start,
    /// into a builder of its own, its lines numbered from 1. A part's start is right after a line
    /// feed, which ends a row unless it is inside a quoted field: the parts are then joined in
    /// order, each taken when the part before stopped exactly at its start — it starts on a row,
    /// so it holds the rows, values, and refusals the whole reading would give there, and its lines
    /// are shifted by the line the part before stopped on. A part that does not start where the
    /// rows before ended is thrown away, and its rows read again on this thread from where they
    /// do start. The table is thus the same as read on one thread, whatever the parts.
    private static func readRows(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int, line: Int, fileName: String, header: Header,
                                 split: Split, into builder: inout AnswerTableBuilder) throws {
        let reader = CSVReader()
        func read(from position: Int, line: Int, until: Int, into builder: inout AnswerTableBuilder) throws -> (position: Int, line: Int) {
            try reader.forEachRawRow(bytes, fileName: fileName, from: position, line: line, until: until) { row in
                try readRow(row, fileName: fileName, header: header, into: &builder)
            }
        }
        let starts = split.starts(bytes, after: position)
        guard !starts.isEmpty else {
            _ = try read(from: position, line: line, until: .max, into: &builder)
            return
        }
        let bounds = [position] + starts + [bytes.count]
        // Read here, not from `builder` while the first part writes it.
        let methodology = builder.methodology
        /// A part read on its own: its rows (`nil` for the first part, read into `builder`), where
        /// it stopped (`nil`: refused).
        struct Part {
            var rows: AnswerTableBuilder?
            var stop: (position: Int, line: Int)?
        }
        let parts = withUnsafeMutablePointer(to: &builder) { main in
            Parallel.map(count: bounds.count - 1, workers: bounds.count - 1, state: {}) { _, k -> Part in
                if k == 0 {
                    // The first part starts on a row: read straight into the builder.
                    return Part(rows: nil, stop: try? read(from: position, line: line, until: bounds[1], into: &main.pointee))
                }
                let lines = lineFeeds(in: UnsafeBufferPointer(rebasing: bytes[bounds[k] ..< bounds[k + 1]]))
                var rows = AnswerTableBuilder(methodology: methodology, expectedRows: lines + 1)
                let stop = try? read(from: bounds[k], line: 1, until: k + 2 < bounds.count ? bounds[k + 1] : .max, into: &rows)
                return Part(rows: rows, stop: stop)
            }
        }
        guard var stop = parts[0].stop else { throw Refused() }
        for k in 1 ..< parts.count {
            let end = k + 2 < bounds.count ? bounds[k + 1] : .max
            if stop.position == bounds[k], let rows = parts[k].rows {
                guard let partStop = parts[k].stop else { throw Refused() }
                builder.append(rows, lineOffset: stop.line - 1)
                stop = (partStop.position, stop.line + partStop.line - 1)
            } else if stop.position < end, stop.position < bytes.count {
                // The part started inside a quoted field: its rows start where the part before stopped.
                stop = try read(from: stop.position, line: stop.line, until: end, into: &builder)
            }
        }
    }

    /// Reads one row of a wide file into `builder`; throws when the row is refused.
    private static func readRow(_ row: CSVReader.RawRow, fileName: String, header: Header, into builder: inout AnswerTableBuilder) throws {
        guard row.count == header.wide.columns.count else { throw Refused() }
        let (record, problem) = header.wide.record(line: row.line, fileName: fileName) { row.string($0) }
        guard problem == nil else { throw Refused() }
        builder.addRow(record, line: row.line)
        for (cell, field) in header.answerColumns {
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

    /// An ASCII byte other than a space or a tab: an answer starting and ending with such bytes is
    /// already trimmed.
    private static func isPlain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }

    /// The reading stops: the record path reads the files and reports why.
    private struct Refused: Error {}
}
