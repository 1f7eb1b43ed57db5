import Yams

/// A thin, error-collecting reader over a composed YAML tree. Every accessor reports what it
/// expected, where, instead of throwing, so a loader can find all problems in one pass.
package final class YAMLReader {
    package let file: String
    package private(set) var collector = DiagnosticCollector()
    /// Warnings: problems that do not stop loading (e.g. a key a rule does not use).
    package private(set) var warnings: [Diagnostic] = []
    /// Where keys of the language belong, for a message about a key written in the wrong place.
    package var keyPlaces: [String: Message] = [:]

    package init(file: String) {
        self.file = file
    }

    package func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line, column: node?.mark?.column)
    }

    package func report(_ code: Diagnostic.Code, _ message: Message, at node: Node?) {
        collector.report(code, message, at: location(node))
    }

    package func report(_ code: Diagnostic.Code, _ message: Message, at location: SourceLocation?) {
        collector.report(code, message, at: location)
    }

    /// Records a warning (code `unused-key`) at `node`.
    package func warn(_ message: Message, at node: Node?) {
        warnings.append(Diagnostic(.unusedKey, message, at: location(node)))
    }

    /// The allowed word closest to `word`, if it is close enough to be a likely typo: at most one
    /// edit for words of up to 4 letters, two up to 8, three beyond (`agregate` → `aggregate`, but
    /// never `mean` → `cap`).
    /// The edit distance counting a swap of two neighbouring letters as one edit (`hihg` → `high`),
    /// as typing mistakes are (the optimal string alignment distance).
    static func typoDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }

    package static func closeKey(to word: String, among candidates: [String]) -> String? {
        let folded = VietnameseText.fold(word)
        let limit = folded.count <= 4 ? 1 : folded.count <= 8 ? 2 : 3
        return candidates
            .map { ($0, typoDistance(folded, VietnameseText.fold($0))) }
            .filter { $0.1 <= limit }
            .min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    /// The key-value pairs of a mapping, in file order. Reports keys outside `allowed` (with the
    /// closest allowed key), duplicate keys, and `required` keys that are absent.
    package func mapping(_ node: Node?, _ what: Message, allowed: [String], required: [String] = []) -> YAMLMapping? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            report(.invalidValue, .mustBeMapping(what), at: node)
            return nil
        }
        var result = YAMLMapping()
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                report(.invalidValue, .keyIsNotText(what), at: keyNode)
                continue
            }
            if result[key] != nil {
                report(.duplicateKey, .keyGivenTwice(key, in: what), at: keyNode)
                continue
            }
            if !allowed.contains(key) {
                // Say where the key belongs when it is a key of the language written elsewhere;
                // suggest a key only when it is close enough to be a typo.
                let hint: Message.KeyHint
                if let place = keyPlaces[key] {
                    hint = .belongs(place)
                } else if let close = Self.closeKey(to: key, among: allowed) {
                    hint = .didYouMean(close)
                } else {
                    hint = .allowed(allowed)
                }
                report(.unknownKey, .unknownKey(key, in: what, hint: hint), at: keyNode)
                continue
            }
            result.append(key, value)
        }
        for key in required where result[key] == nil {
            report(.missingKey, .needsKey(what, key), at: node)
        }
        return result
    }

    package func sequence(_ node: Node?, _ what: Message) -> [Node] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            report(.invalidValue, .mustBeList(what), at: node)
            return []
        }
        return Array(sequence)
    }

    package func string(_ node: Node?, _ what: Message) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            report(.invalidValue, .mustBeSingleValue(what), at: node)
            return nil
        }
        return VietnameseText.nfc(scalar.string)
    }

    /// An identifier: letters, digits, `_`, `.` and `-`, starting with a letter.
    package func identifier(_ node: Node?, _ what: Message) -> String? {
        guard let text = string(node, what) else { return nil }
        let valid = Self.isASCIIIdentifier(text)
            || (text.first?.isLetter == true && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" })
        if !valid {
            report(.invalidValue, .invalidIdentifier(what, text), at: node)
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

    package func number(_ node: Node?, _ what: Message) -> Double? {
        guard let text = string(node, what) else { return nil }
        let cleaned = text.utf8.contains(0x5F) ? text.replacingOccurrences(of: "_", with: "") : text
        if cleaned.hasSuffix("%"), let value = Double(cleaned.dropLast()) { return value / 100 }
        guard let value = Double(cleaned), value.isFinite else {
            report(.invalidValue, .mustBeNumber(what, found: text), at: node)
            return nil
        }
        return value
    }

    package func integer(_ node: Node?, _ what: Message) -> Int? {
        guard let value = number(node, what) else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else {
            report(.invalidValue, .mustBeWholeNumber(what, found: value), at: node)
            return nil
        }
        return Int(value)
    }

    package func boolean(_ node: Node?, _ what: Message) -> Bool? {
        guard let text = string(node, what) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(.invalidValue, .mustBeBoolean(what, found: text), at: node)
            return nil
        }
    }

    /// A text in both languages: a plain string (used for both) or `{vi: …, en: …}`.
    package func localized(_ node: Node?, _ what: Message) -> LocalizedText? {
        guard let node else { return nil }
        if node.scalar != nil {
            return string(node, what).map(LocalizedText.init)
        }
        guard let map = mapping(node, what, allowed: ["vi", "en"]) else { return nil }
        let vi = string(map["vi"], .languageVersion("vi", of: what))
        let en = string(map["en"], .languageVersion("en", of: what))
        guard let any = vi ?? en else {
            report(.missingKey, .needsViOrEn(what), at: node)
            return nil
        }
        return LocalizedText(vi: vi ?? any, en: en ?? any)
    }

    /// A list of identifiers given as a YAML list or a single value.
    package func identifiers(_ node: Node?, _ what: Message) -> [String]? {
        guard let node else { return nil }
        if node.scalar != nil { return identifier(node, what).map { [$0] } }
        return sequence(node, what).compactMap { identifier($0, what) }
    }

    /// Parses an expression, reporting syntax errors at the right column of the file.
    package func expression(_ node: Node?, _ what: Message) -> Expression? {
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
            // A long expression is quoted by its start only: the column points at the problem.
            let quoted = text.count > 120 ? String(text.prefix(100)) + "…" : text
            report(error.code, .expressionProblem(what, error.text, in: quoted), at: location)
            return nil
        }
    }
}

extension YAMLReader {
    /// The diagnostic for an error of the YAML parser: a syntax error at its line and column, or a
    /// key given twice in one mapping (`duplicate-key`) at the second occurrence; never the whole
    /// text, which Yams's own description of the error repeats.
    package static func diagnostic(for error: YamlError, text: String, fileName: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            let message = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            return Diagnostic(.syntax, .yamlSyntaxError(message), at: SourceLocation(file: fileName, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = context.mark
            let second = secondOccurrence(of: key, after: first, in: text)
            let firstAt = second == nil ? nil : (line: first.line, column: first.column)
            return Diagnostic(.duplicateKey, .yamlDuplicateKey(key, firstAt: firstAt, others: Array(duplicates.dropFirst())),
                              at: SourceLocation(file: fileName, line: second?.line ?? first.line, column: second?.column ?? first.column))
        case .reader(let problem, let offset, _, _):
            return Diagnostic(.syntax, .yamlUnreadable(problem), at: location(ofByte: offset, in: text, fileName: fileName))
        default:
            return Diagnostic(.syntax, .yamlError(String(String(describing: error).prefix(200))), at: SourceLocation(file: fileName))
        }
    }

    /// The line and column (1-based, counting characters as Yams's marks do) of the byte at
    /// `offset` of the UTF-8 text, where the YAML reader stopped; line 1 when the offset is unknown.
    static func location(ofByte offset: Int?, in text: String, fileName: String) -> SourceLocation {
        guard let offset, offset >= 0 else { return SourceLocation(file: fileName, line: 1) }
        var line = 1, lineStart = text.utf8.startIndex
        let end = text.utf8.index(text.utf8.startIndex, offsetBy: offset, limitedBy: text.utf8.endIndex) ?? text.utf8.endIndex
        var index = text.utf8.startIndex
        while index < end {
            if text.utf8[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
        let column = String(text.utf8[lineStart..<end])?.unicodeScalars.count ?? text.utf8.distance(from: lineStart, to: end)
        return SourceLocation(file: fileName, line: line, column: column + 1)
    }

    /// Where `key` is written again in the mapping whose first occurrence of it is at `first`: on
    /// a later line at the same column (a block mapping, until a line indented less), or later on
    /// the same line (a flow mapping `{a: 1, a: 2}`).
    static func secondOccurrence(of key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let keyCharacters = Array(key)
        let line = first.line - 1, column = first.column - 1
        guard line >= 0, line < lines.count, column >= 0 else { return nil }
        func keyStarts(_ characters: [Character], at index: Int) -> Bool {
            guard index >= 0, index + keyCharacters.count <= characters.count,
                  Array(characters[index ..< index + keyCharacters.count]) == keyCharacters else { return false }
            let rest = characters[(index + keyCharacters.count)...].drop { $0 == " " || $0 == "\"" || $0 == "'" }
            return rest.first == ":"
        }
        // Flow mapping: later on the same line.
        let sameLine = lines[line]
        var index = column + keyCharacters.count
        while index < sameLine.count {
            if (sameLine[index - 1] == " " || sameLine[index - 1] == "{" || sameLine[index - 1] == ",") && keyStarts(sameLine, at: index) { return (first.line, index + 1) }
            index += 1
        }
        // Block mapping: later lines at the same indentation.
        for next in (line + 1) ..< lines.count {
            let characters = lines[next]
            let indent = characters.prefix { $0 == " " }.count
            if indent == characters.count || characters[indent] == "#" { continue } // blank or comment
            if indent < column { return nil }
            if indent == column && keyStarts(characters, at: column) { return (next + 1, column + 1) }
            // `- key:` items of a list at the same column belong to other mappings.
            if indent == column - 2 && characters[indent] == "-" { return nil }
        }
        return nil
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
