import Yams

/// A thin, error-collecting reader over a composed YAML tree. Every accessor reports what it
/// expected, where, instead of throwing, so a loader can find all problems in one pass.
package final class YAMLReader {
    package let file: String
    package private(set) var collector = DiagnosticCollector()

    package init(file: String) {
        self.file = file
    }

    package func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line, column: node?.mark?.column)
    }

    package func report(_ code: Diagnostic.Code, _ message: String, at node: Node?) {
        collector.report(code, message, at: location(node))
    }

    package func report(_ code: Diagnostic.Code, _ message: String, at location: SourceLocation?) {
        collector.report(code, message, at: location)
    }

    /// The key-value pairs of a mapping, in file order. Reports keys outside `allowed` (with the
    /// closest allowed key), duplicate keys, and `required` keys that are absent.
    package func mapping(_ node: Node?, _ what: String, allowed: [String], required: [String] = []) -> YAMLMapping? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            report(.invalidValue, "\(what) must be a mapping of keys to values", at: node)
            return nil
        }
        var result = YAMLMapping()
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                report(.invalidValue, "\(what) has a key that is not text", at: keyNode)
                continue
            }
            if result[key] != nil {
                report(.duplicateID, "\(what) has the key '\(key)' twice", at: keyNode)
                continue
            }
            if !allowed.contains(key) {
                let hint = VietnameseText.closest(to: key, among: allowed, limit: 1).first.map { "; did you mean '\($0)'?" } ?? ""
                report(.unknownKey, "unknown key '\(key)' in \(what)\(hint)", at: keyNode)
                continue
            }
            result.append(key, value)
        }
        for key in required where result[key] == nil {
            report(.missingKey, "\(what) needs the key '\(key)'", at: node)
        }
        return result
    }

    package func sequence(_ node: Node?, _ what: String) -> [Node] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            report(.invalidValue, "\(what) must be a list", at: node)
            return []
        }
        return Array(sequence)
    }

    package func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            report(.invalidValue, "\(what) must be a single value, not a list or mapping", at: node)
            return nil
        }
        return VietnameseText.nfc(scalar.string)
    }

    /// An identifier: letters, digits, `_`, `.` and `-`, starting with a letter.
    package func identifier(_ node: Node?, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        let valid = Self.isASCIIIdentifier(text)
            || (text.first?.isLetter == true && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" })
        if !valid {
            report(.invalidValue, "\(what) '\(text)' is not a valid id (letters, digits, '_', '.', '-', starting with a letter)", at: node)
            return nil
        }
        return text
    }

    /// An id of ASCII letters, digits, `_`, `.` and `-` starting with a letter: the usual case,
    /// checked on bytes before the Unicode character properties are asked.
    private static func isASCIIIdentifier(_ text: String) -> Bool {
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        guard let first = text.utf8.first, isLetter(first) else { return false }
        return text.utf8.allSatisfy { b in isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2E || b == 0x2D }
    }

    package func number(_ node: Node?, _ what: String) -> Double? {
        guard let text = string(node, what) else { return nil }
        let cleaned = text.utf8.contains(0x5F) ? text.replacingOccurrences(of: "_", with: "") : text
        if cleaned.hasSuffix("%"), let value = Double(cleaned.dropLast()) { return value / 100 }
        guard let value = Double(cleaned), value.isFinite else {
            report(.invalidValue, "\(what) must be a number, found '\(text)'", at: node)
            return nil
        }
        return value
    }

    package func integer(_ node: Node?, _ what: String) -> Int? {
        guard let value = number(node, what) else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else {
            report(.invalidValue, "\(what) must be a whole number, found \(formatNumber(value))", at: node)
            return nil
        }
        return Int(value)
    }

    package func boolean(_ node: Node?, _ what: String) -> Bool? {
        guard let text = string(node, what) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(.invalidValue, "\(what) must be true or false, found '\(text)'", at: node)
            return nil
        }
    }

    /// A text in both languages: a plain string (used for both) or `{vi: …, en: …}`.
    package func localized(_ node: Node?, _ what: String) -> LocalizedText? {
        guard let node else { return nil }
        if node.scalar != nil {
            return string(node, what).map(LocalizedText.init)
        }
        guard let map = mapping(node, what, allowed: ["vi", "en"]) else { return nil }
        let vi = string(map["vi"], "\(what) (vi)")
        let en = string(map["en"], "\(what) (en)")
        guard let any = vi ?? en else {
            report(.missingKey, "\(what) needs 'vi' or 'en'", at: node)
            return nil
        }
        return LocalizedText(vi: vi ?? any, en: en ?? any)
    }

    /// A list of identifiers given as a YAML list or a single value.
    package func identifiers(_ node: Node?, _ what: String) -> [String]? {
        guard let node else { return nil }
        if node.scalar != nil { return identifier(node, what).map { [$0] } }
        return sequence(node, what).compactMap { identifier($0, what) }
    }

    /// Parses an expression, reporting syntax errors at the right column of the file.
    package func expression(_ node: Node?, _ what: String) -> Expression? {
        guard let node, let text = string(node, what) else { return nil }
        do {
            return try Expression.parse(text)
        } catch {
            var location = self.location(node)
            // Columns point into the expression when it sits on one line (plain or quoted scalar).
            if let column = location.column, !text.contains("\n") {
                let quoted = node.scalar?.style == .singleQuoted || node.scalar?.style == .doubleQuoted
                location.column = column + error.offset + (quoted ? 1 : 0)
            }
            report(error.code, "\(what): \(error.message) in '\(text)'", at: location)
            return nil
        }
    }
}

/// The accepted keys of a YAML mapping and their values, in file order. Methodology mappings hold
/// a handful of keys, so looking one up by a scan is cheaper than hashing every key into a
/// dictionary (which, with the nodes' copies, was an eighth of loading a methodology).
package struct YAMLMapping {
    /// The keys, in file order; `values[i]` belongs to `keys[i]`.
    package private(set) var keys: [String] = []
    package private(set) var values: [Node] = []

    mutating func append(_ key: String, _ value: Node) {
        keys.append(key)
        values.append(value)
    }

    /// The value of `key`, `nil` when absent.
    package subscript(key: String) -> Node? {
        keys.firstIndex(of: key).map { values[$0] }
    }
}
