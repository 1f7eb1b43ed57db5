import Foundation
import IndexCore

/// A small RFC 4180 CSV reader: quoted fields with doubled quotes and line breaks, CRLF or LF
/// line ends, an optional UTF-8 byte-order mark. Rows keep their 1-based line numbers for
/// messages.
public struct CSVReader: Sendable {
    /// One record of the file.
    public struct Row: Sendable, Hashable {
        /// The line the row starts on.
        public var line: Int
        /// The record's fields, unquoted, in column order.
        public var fields: [String]
    }

    /// The field separator (`,` by default).
    public let delimiter: Character

    /// A reader splitting fields on `delimiter`.
    public init(delimiter: Character = ",") {
        self.delimiter = delimiter
    }

    /// Splits `text` into rows. Throws a diagnostic on an unterminated quote.
    ///
    /// Works on the UTF-8 bytes: every byte that matters (quote, delimiter, CR, LF) is ASCII and
    /// never part of a multi-byte sequence, so fields are cut as byte ranges and decoded once.
    public func rows(_ text: String, fileName: String) throws -> [Row] {
        var text = text
        var rows: [Row] = []
        try text.withUTF8 { bytes in try forEachRow(bytes, fileName: fileName) { rows.append($0) } }
        return rows
    }

    /// Hands each row of the UTF-8 `bytes` to `body` as soon as it is read, so that a large file
    /// is never held as rows of text all at once (a CSV of 100,000 units × 160 answers would be
    /// 16 million strings). Throws a diagnostic on an unterminated quote, or what `body` throws.
    public func forEachRow(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String, _ body: (Row) throws -> Void) throws {
        try forEachRawRow(bytes, fileName: fileName) { row in
            try body(Row(line: row.line, fields: (0..<row.count).map { row.string($0) }))
        }
    }

    /// One record as the bytes of its fields, valid only while `forEachRawRow`
    /// hands it over: a field that needed no unquoting is a slice of the file, the others are
    /// unquoted into a buffer the reader reuses from row to row.
    struct RawRow {
        /// The line the row starts on.
        let line: Int
        fileprivate let source: UnsafeBufferPointer<UInt8>
        fileprivate let unquoted: UnsafeBufferPointer<UInt8>
        /// Per field: where its bytes start and how many; a negative start `-(k + 1)` is offset
        /// `k` of the unquoted buffer.
        fileprivate let spans: UnsafeBufferPointer<(start: Int, count: Int)>

        /// The number of fields.
        var count: Int { spans.count }

        /// The bytes of field `index`.
        func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            let span = spans[index]
            if span.start >= 0 { return UnsafeBufferPointer(rebasing: source[span.start ..< span.start + span.count]) }
            let start = -span.start - 1
            return UnsafeBufferPointer(rebasing: unquoted[start ..< start + span.count])
        }

        /// Field `index` as text (invalid UTF-8 replaced; the survey reader checks the file first).
        func string(_ index: Int) -> String { String(decoding: bytes(index), as: UTF8.self) }
    }

    /// The parser behind ``forEachRow(_:fileName:_:)``: each row as the byte ranges of its fields,
    /// without making a `String` of any (the columnar reader converts numbers from the bytes).
    /// Blank lines are skipped. Throws a diagnostic on an unterminated quote, or what `body` throws.
    ///
    /// By default the whole of `bytes` is read from its start (a byte-order mark skipped) with the
    /// first line numbered 1. A part of it is read with `from` (an offset where a row starts; no
    /// byte-order mark looked for there), `line` (the number of the line `from` is on) and
    /// `until`: the reading stops before the first row starting at or after offset `until`,
    /// wherever that row's line ends are (a quoted field may hold line ends). Returns where it
    /// stopped: the offset and line of the next row, or the end of `bytes`.
    @discardableResult
    func forEachRawRow(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String, from: Int? = nil, line firstLine: Int = 1, until: Int = .max,
                       _ body: (RawRow) throws -> Void) throws -> (position: Int, line: Int) {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let separator = delimiter.asciiValue ?? UInt8(ascii: ",")
        var spans: [(start: Int, count: Int)] = []
        var unquoted: [UInt8] = []
        var line = firstLine, rowStart = firstLine
        var i = from ?? bytes.startIndex
        // Skip a UTF-8 byte-order mark.
        if from == nil, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        let end = bytes.endIndex
        func finishRow() throws {
            if !(spans.count == 1 && spans[0].count == 0) {
                try unquoted.withUnsafeBufferPointer { unquoted in
                    try spans.withUnsafeBufferPointer { spans in
                        try body(RawRow(line: rowStart, source: bytes, unquoted: unquoted, spans: spans))
                    }
                }
            }
            spans.removeAll(keepingCapacity: true)
            unquoted.removeAll(keepingCapacity: true)
        }
        while i < end {
            // A row starts at i when no field of it is read yet.
            if i >= until, spans.isEmpty { return (i, line) }
            // One field starts at i.
            if bytes[i] == quote {
                let quoteStart = line
                let offset = unquoted.count
                i += 1
                var closed = false
                while i < end {
                    let byte = bytes[i]
                    if byte == quote {
                        if i + 1 < end, bytes[i + 1] == quote {
                            unquoted.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if byte == lf { line += 1 }
                    unquoted.append(byte)
                    i += 1
                }
                if !closed {
                    throw DiagnosticError([Diagnostic(.syntax, .unclosedQuote, at: SourceLocation(file: fileName, line: quoteStart))])
                }
                // Text between the closing quote and the next delimiter belongs to the field.
                let rest = i
                while i < end, bytes[i] != separator, bytes[i] != cr, bytes[i] != lf { i += 1 }
                unquoted.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest..<i]))
                spans.append((-offset - 1, unquoted.count - offset))
            } else {
                let start = i
                while i < end, bytes[i] != separator, bytes[i] != cr, bytes[i] != lf { i += 1 }
                spans.append((start, i - start))
            }
            if i >= end { break }
            let byte = bytes[i]
            i += 1
            if byte == separator {
                if i >= end { spans.append((i, 0)) }
                continue
            }
            // A line end: CR LF, LF or a lone CR.
            if byte == cr, i < end, bytes[i] == lf { i += 1 }
            try finishRow()
            line += 1
            rowStart = line
        }
        if !spans.isEmpty { try finishRow() }
        return (end, line)
    }
}
