import Foundation
import IndexCore

/// A small RFC 4180 CSV reader: quoted fields with doubled quotes and line breaks, CRLF or LF
/// line ends, an optional UTF-8 byte-order mark. Rows keep their 1-based line numbers for
/// messages.
public struct CSVReader: Sendable {
    public struct Row: Sendable, Hashable {
        /// The line the row starts on.
        public var line: Int
        public var fields: [String]
    }

    public let delimiter: Character

    public init(delimiter: Character = ",") {
        self.delimiter = delimiter
    }

    /// Splits `text` into rows. Throws a diagnostic on an unterminated quote.
    public func rows(_ text: String, fileName: String) throws -> [Row] {
        var rows: [Row] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var rowStart = 1
        var quoteStart = 1
        var characters = text.makeIterator()
        var pending: Character? = nil
        var atFieldStart = true
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return characters.next()
        }
        func endRow() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowStart, fields: fields)) }
            fields = []
            atFieldStart = true
        }
        var first = true
        while let c = next() {
            if first { first = false; if c == "\u{FEFF}" { continue } }
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                inQuotes = true
                quoteStart = line
                atFieldStart = false
            case delimiter:
                fields.append(field)
                field = ""
                atFieldStart = true
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
                rowStart = line
            default:
                field.append(c)
                atFieldStart = false
            }
        }
        if inQuotes {
            throw DiagnosticError([Diagnostic(.syntax, "a quoted field opened on this line is never closed", at: SourceLocation(file: fileName, line: quoteStart))])
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
