import IndexCore

/// A JSON value with ordered object keys, written deterministically: the same value always gives
/// the same bytes. Numbers use Swift's shortest round-trip form, so values are unrounded yet
/// free of binary noise (`0.9039`, not `0.90390000000000004`).
public indirect enum JSONValue: Hashable, Sendable {
    /// An object, its members written in this order (keys are not checked for uniqueness).
    case object([(String, JSONValue)])
    /// An array.
    case array([JSONValue])
    /// A string, escaped as JSON requires.
    case string(String)
    /// A number in its shortest round-trip form; NaN and infinities are written as `null`.
    case number(Double)
    /// A whole number, written without a fraction.
    case integer(Int)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// Two values are equal when they are written the same.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }
    /// Hashes the written form, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    /// A number, or `null` when NaN (missing).
    public static func optionalNumber(_ value: Double) -> JSONValue { value.isNaN ? .null : .number(value) }

    /// The JSON text; `indent` spaces per level, or compact when 0.
    public func rendered(indent: Int = 2) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private func write(into out: inout String, indent: Int, level: Int) {
        let newline = indent > 0 ? "\n" : ""
        let pad = indent > 0 ? String(repeating: " ", count: indent * (level + 1)) : ""
        let closePad = indent > 0 ? String(repeating: " ", count: indent * level) : ""
        switch self {
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (i, (key, value)) in pairs.enumerated() {
                out += pad + Self.quote(key) + (indent > 0 ? ": " : ":")
                value.write(into: &out, indent: indent, level: level + 1)
                out += (i < pairs.count - 1 ? "," : "") + newline
            }
            out += closePad + "}"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent, level: level + 1)
                out += (i < items.count - 1 ? "," : "") + newline
            }
            out += closePad + "]"
        case .string(let text): out += Self.quote(text)
        case .number(let value):
            out += value.isNaN || value.isInfinite ? "null" : NumberFormatting.shortest(value)
        case .integer(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

    static func quote(_ text: String) -> String {
        // Most texts (ids, names, messages) need no escape: copied whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
