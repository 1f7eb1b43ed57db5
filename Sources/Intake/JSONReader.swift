import Formats
import Foundation
import IndexCore

/// A JSON value as read from a file, with the line and column it starts at, so that every
/// message about it can point there.
public struct JSONNode: Sendable {
    /// The value itself, its members or elements positioned too.
    public enum Value: Sendable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// A number: its text as written (to tell `2019` from `2019.0` or `2.019e3`) and its value.
        case number(text: String, value: Double)
        /// A string, unescaped.
        case string(String)
        /// An array's elements in order.
        case array([JSONNode])
        /// Members in the order written (keys are unique: a repeated key is an error).
        case object([(key: String, value: JSONNode)])
    }

    /// The value.
    public var value: Value
    /// 1-based line and column (in characters) of the value's first character.
    public var line: Int
    /// The 1-based column (in characters) of the value's first character.
    public var column: Int

    /// The member with this key, when the value is an object.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// What the value is, for messages: "a number", "text", "a list", ….
    package var kind: Message.JSONKind {
        switch value {
        case .null: .null
        case .bool: .boolean
        case .number: .number
        case .string: .text
        case .array: .list
        case .object: .object
        }
    }
}

/// A strict JSON reader (RFC 8259) that keeps positions: every syntax error names its line and
/// column, numbers keep their text, and a key given twice in one object is an error rather than
/// a silent choice. Nesting is limited (``maximumDepth``) so hostile input cannot exhaust the
/// stack; numbers beyond the range of a `Double` (`1e999`) are errors.
public struct JSONReader {
    /// The deepest nesting of lists and objects accepted.
    public static let maximumDepth = 256

    let fileName: String
    let bytes: [UInt8]
    var index = 0
    var line = 1
    /// The index of the first byte of the current line, for columns.
    var lineStart = 0

    /// Parses `data`; throws a ``DiagnosticError`` at the first syntax error.
    public static func parse(_ data: Data, fileName: String) throws -> JSONNode {
        var reader = JSONReader(fileName: fileName, bytes: [UInt8](data))
        if reader.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            reader.index = 3
            reader.lineStart = 3
        }
        if let problem = UTF8Problem.find(in: data) {
            throw DiagnosticError([Diagnostic(.syntax, problem.message(), at: SourceLocation(file: fileName, line: problem.line, column: problem.column))])
        }
        reader.skipWhitespace()
        let root = try reader.value(depth: 0)
        reader.skipWhitespace()
        if reader.index < reader.bytes.count {
            throw reader.error(.jsonTrailing(reader.describeCurrent()))
        }
        return root
    }

    // MARK: Positions and errors

    /// The column of `index`, counted incrementally (each byte once per line), so that a file
    /// on one long line stays linear.
    var columnMark = 0
    var columnCount = 1

    mutating func currentColumn() -> Int {
        if columnMark < lineStart || columnMark > index { columnMark = lineStart; columnCount = 1 }
        while columnMark < index {
            // Columns count characters: continuation bytes of UTF-8 sequences are not counted.
            if bytes[columnMark] & 0xC0 != 0x80 { columnCount += 1 }
            columnMark += 1
        }
        return columnCount
    }

    mutating func error(_ message: Message, line: Int? = nil, column: Int? = nil) -> DiagnosticError {
        DiagnosticError([Diagnostic(.syntax, .invalidJSON(message), at: SourceLocation(file: fileName, line: line ?? self.line, column: column ?? currentColumn()))])
    }

    func describeCurrent() -> Message.JSONToken {
        guard index < bytes.count else { return .end }
        let byte = bytes[index]
        if byte >= 0x21 && byte < 0x7F { return .character(Character(Unicode.Scalar(byte))) }
        return .byte(byte)
    }

    // MARK: Grammar

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws -> JSONNode {
        guard index < bytes.count else { throw error(.jsonEndsWhereValueExpected) }
        let startLine = line, startColumn = currentColumn()
        func node(_ value: JSONNode.Value) -> JSONNode { JSONNode(value: value, line: startLine, column: startColumn) }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { throw error(.jsonTooDeep(Self.maximumDepth)) }
            index += 1
            var members: [(key: String, value: JSONNode)] = []
            var seen: [String: Int] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return node(.object(members)) }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw error(.jsonExpectedKey(found: describeCurrent()))
                }
                let keyLine = line, keyColumn = currentColumn()
                let key = try string()
                if let first = seen[key] {
                    throw error(.jsonDuplicateKey(InputText.displayable(key), firstLine: first), line: keyLine, column: keyColumn)
                }
                seen[key] = keyLine
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error(.jsonExpectedColon(found: describeCurrent())) }
                index += 1
                skipWhitespace()
                members.append((key, try value(depth: depth + 1)))
                skipWhitespace()
                guard index < bytes.count else { throw error(.jsonEndsInsideObject(openedOn: startLine)) }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return node(.object(members)) }
                throw error(.jsonExpectedObjectSeparator(found: describeCurrent()))
            }
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw error(.jsonTooDeep(Self.maximumDepth)) }
            index += 1
            var items: [JSONNode] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return node(.array(items)) }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw error(.jsonEndsInsideList(openedOn: startLine)) }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return node(.array(items)) }
                throw error(.jsonExpectedListSeparator(found: describeCurrent()))
            }
        case UInt8(ascii: "\""):
            return node(.string(try string()))
        case UInt8(ascii: "t"): try literal("true"); return node(.bool(true))
        case UInt8(ascii: "f"): try literal("false"); return node(.bool(false))
        case UInt8(ascii: "n"): try literal("null"); return node(.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return node(try number())
        default:
            throw error(.jsonExpectedValue(found: describeCurrent()))
        }
    }

    mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw error(.jsonExpectedValue(found: describeCurrent()))
        }
        index += expected.count
    }

    mutating func number() throws -> JSONNode.Value {
        let start = index
        let startColumn = currentColumn()
        func digits() -> Int {
            var count = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1; count += 1 }
            return count
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0 else { throw error(.jsonMinusWithoutDigits) }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            throw error(.jsonLeadingZero, column: startColumn)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw error(.jsonPointWithoutDigits) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error(.jsonExponentWithoutDigits) }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error(.jsonNumberOutOfRange(text.count > 40 ? String(text.prefix(40)) + "…" : text), column: startColumn)
        }
        return .number(text: text, value: value)
    }

    mutating func string() throws -> String {
        let openLine = line, openColumn = currentColumn()
        index += 1 // the opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flushRun() {
            if runStart < index { scalars.append(contentsOf: String(decoding: bytes[runStart..<index], as: UTF8.self).unicodeScalars) }
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                flushRun()
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                flushRun()
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error(.jsonHalfSurrogate)
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error(.jsonHalfSurrogate) }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error(.jsonHalfSurrogate) }
                    scalars.append(scalar)
                default:
                    index -= 1
                    throw error(.jsonUnknownEscape(describeCurrent().en.trimmingCharacters(in: CharacterSet(charactersIn: "'"))))
                }
                runStart = index
            case 0x0A, 0x0D:
                throw error(.jsonLineBreakInString(line: openLine, column: openColumn))
            case 0x00...0x1F:
                throw error(.jsonControlInString(byte: byte))
            default:
                index += 1
            }
        }
        throw error(.jsonUnclosedString(line: openLine, column: openColumn))
    }

    mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
              bytes[index..<index + 4].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x66) }) else {
            throw error(.jsonEscapeNeedsFourDigits)
        }
        index += 4
        return code
    }
}
