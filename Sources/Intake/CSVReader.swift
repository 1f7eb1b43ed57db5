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
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let separator = delimiter.asciiValue ?? UInt8(ascii: ",")
        var fields: [String] = []
        var line = 1, rowStart = 1
        var i = bytes.startIndex
        // Skip a UTF-8 byte-order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        let end = bytes.endIndex
        func finishRow() throws {
            if !(fields.count == 1 && fields[0].isEmpty) { try body(Row(line: rowStart, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }
        while i < end {
            // One field starts at i.
            var field: String
            if bytes[i] == quote {
                let quoteStart = line
                var buffer: [UInt8] = []
                i += 1
                var closed = false
                while i < end {
                    let byte = bytes[i]
                    if byte == quote {
                        if i + 1 < end, bytes[i + 1] == quote {
                            buffer.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if byte == lf { line += 1 }
                    buffer.append(byte)
                    i += 1
                }
                if !closed {
                    throw DiagnosticError([Diagnostic(.syntax, .unclosedQuote, at: SourceLocation(file: fileName, line: quoteStart))])
                }
                // Text between the closing quote and the next delimiter belongs to the field.
                let rest = i
                while i < end, bytes[i] != separator, bytes[i] != cr, bytes[i] != lf { i += 1 }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest..<i]))
                field = String(decoding: buffer, as: UTF8.self)
            } else {
                let start = i
                while i < end, bytes[i] != separator, bytes[i] != cr, bytes[i] != lf { i += 1 }
                field = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            fields.append(field)
            if i >= end { break }
            let byte = bytes[i]
            i += 1
            if byte == separator {
                if i >= end { fields.append("") }
                continue
            }
            // A line end: CR LF, LF or a lone CR.
            if byte == cr, i < end, bytes[i] == lf { i += 1 }
            try finishRow()
            line += 1
            rowStart = line
        }
        if !fields.isEmpty { try finishRow() }
    }
}
