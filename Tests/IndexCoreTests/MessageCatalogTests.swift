import Foundation
import IndexCore
import Testing

/// The message catalog (`Sources/IndexCore/Messages/`): every message in both languages, and
/// nothing a person reads built outside it.
///
/// These tests read the source: a message is a `Message(vi: "…", en: "…")` literal pair in a
/// catalog file, so the pair can be checked as written — both texts present, different,
/// Vietnamese in NFC with its diacritics, and the same values (file, row, field, expected value)
/// interpolated into both.
@Suite struct MessageCatalogTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalog = root.appendingPathComponent("Sources/IndexCore/Messages")

    /// Every Swift file under `Sources`, with its path relative to the repository.
    static func sources() throws -> [(path: String, text: String)] {
        let sources = root.appendingPathComponent("Sources")
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift", !url.lastPathComponent.hasSuffix(".generated.swift") else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            files.append((path, try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    @Test func everyMessageIsWrittenInBothLanguages() throws {
        let files = try Self.sources().filter { $0.path.hasPrefix("Sources/IndexCore/Messages/") && !$0.path.hasSuffix("/Message.swift") }
        #expect(files.count >= 8, "the catalog has a file per module")
        var count = 0
        for file in files {
            for pair in try CatalogScanner.pairs(in: file.text) {
                count += 1
                let place = "\(file.path):\(pair.line)"
                for problem in CatalogScanner.problems(of: pair) {
                    Issue.record("\(place): \(problem)")
                }
            }
        }
        #expect(count > 300, "the catalog holds every message (\(count) found)")
    }

    @Test func catalogChecksCatchOneLanguageMessages() throws {
        // The checks themselves, on pairs written wrongly on purpose.
        func problems(_ source: String) throws -> [String] {
            try CatalogScanner.pairs(in: source).flatMap(CatalogScanner.problems(of:))
        }
        #expect(try problems(#"Message(vi: "không đọc được tệp \(file)", en: "cannot read \(file)")"#).isEmpty)
        #expect(try !problems(#"Message(vi: "", en: "cannot read the file")"#).isEmpty, "no Vietnamese")
        #expect(try !problems(#"Message(vi: "cannot read the file", en: "cannot read the file")"#).isEmpty, "English copied")
        #expect(try !problems(#"Message(vi: "khong doc duoc tep", en: "cannot read the file")"#).isEmpty, "no diacritics")
        #expect(try !problems(#"Message(vi: "không đọc được tệp", en: "cannot read \(file)")"#).isEmpty, "the Vietnamese drops the file")
        #expect(try !problems("Message(vi: \"kho\u{0302}ng\", en: \"no\")").isEmpty, "NFD Vietnamese")
        #expect(try !problems(#"Message(vi: message, en: "x")"#).isEmpty, "not a literal: cannot be checked")
    }

    @Test func noDiagnosticOrUsageErrorIsBuiltFromABareString() throws {
        // The compiler refuses `Diagnostic(.code, "text")` (there is no initializer taking a
        // String); this also catches a bare string given to the other ways of reporting.
        let patterns = [
            #"Diagnostic\(\s*\.?[A-Za-z.]*,\s*""#,
            #"\breport\(\s*\.[A-Za-z]+,\s*""#,
            #"\bwarn\(\s*""#,
            #"\.usage\(\s*""#,
            #"ValidationError\(\s*""#,
        ].map { try! Regex($0) }
        for file in try Self.sources() {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("///") || code.hasPrefix("//") { continue }
                for pattern in patterns where line.contains(pattern) {
                    Issue.record("\(file.path):\(number + 1): a message built from a bare string: \(code)")
                }
                if line.contains("Message(vi:") && !file.path.hasPrefix("Sources/IndexCore/Messages/") {
                    Issue.record("\(file.path):\(number + 1): a message written outside the catalog: \(code)")
                }
            }
        }
    }

    @Test func scanFindsABareEnglishDiagnostic() {
        let line = #"            throw DiagnosticError([Diagnostic(.invalidValue, "cannot read the file", at: nil)])"#
        #expect(line.contains(try! Regex(#"Diagnostic\(\s*\.?[A-Za-z.]*,\s*""#)))
    }

    @Test func diagnosticsRenderInEitherLanguage() throws {
        let yaml = "id: x\ntitle: X\nblocks: [{id: b, name: B}]\nfields: [{id: f, label: F, type: number}]\nindex: {id: index, children: [{id: leaf, value: g, weight: 1, score: ratio}]}\n"
        let error = try #require(throws: DiagnosticError.self) { try MethodologyLoader.load(yaml: yaml, fileName: "x.yaml") }
        let diagnostic = try #require(error.diagnostics.first { $0.code == .unknownField })
        #expect(diagnostic.message == "node 'leaf' uses unknown field 'g'; did you mean 'f'?")
        #expect(diagnostic.message(in: .vi) == "nút 'leaf' dùng trường 'g' không tồn tại; có phải là 'f'?")
        #expect(diagnostic.description(in: .vi).hasPrefix("x.yaml:5:"), "file and line in every language")
        #expect(diagnostic.description(in: .vi).hasSuffix("[unknown-field]"), "the code stays the same")
        #expect(error.description(in: .vi).hasPrefix("\(error.diagnostics.count) lỗi:\n"))
        #expect(error.description.hasPrefix("\(error.diagnostics.count) problem"))
    }

    @Test func languageComesFromTheOptionThenTheEnvironment() throws {
        #expect(try Language.resolve(explicit: nil, environment: [:]) == .vi)
        #expect(try Language.resolve(explicit: nil, environment: ["ICTINDEX_LANG": "en"]) == .en)
        #expect(try Language.resolve(explicit: nil, environment: ["ICTINDEX_LANG": " EN "]) == .en)
        #expect(try Language.resolve(explicit: .vi, environment: ["ICTINDEX_LANG": "en"]) == .vi)
        #expect(try Language.resolve(explicit: nil, environment: ["ICTINDEX_LANG": ""]) == .vi)
        let error = try #require(throws: DiagnosticError.self) { try Language.resolve(explicit: nil, environment: ["ICTINDEX_LANG": "english"]) }
        #expect(error.diagnostics.first?.message(in: .vi).contains("'english'") == true)
    }
}

/// Reads the `Message(vi: "…", en: "…")` pairs of a Swift source as written.
enum CatalogScanner {
    struct Pair {
        var line: Int
        /// The literal texts, `nil` when the argument is not one string literal.
        var vi: String?
        var en: String?
        /// The source of each interpolation, in order.
        var viInterpolations: [String]
        var enInterpolations: [String]
    }

    struct ScanError: Error {}

    static func pairs(in source: String) throws -> [Pair] {
        let text = Array(source)
        var result: [Pair] = []
        var i = 0
        let marker = Array("Message(vi:")
        while i + marker.count <= text.count {
            guard Array(text[i..<i + marker.count]) == marker else { i += 1; continue }
            let line = text[..<i].filter { $0 == "\n" }.count + 1
            var j = i + marker.count
            skipSpace(text, &j)
            let vi = literal(text, &j)
            // The English argument follows `en:`.
            guard let en = findLabel("en:", text, from: j) else { throw ScanError() }
            var k = en
            skipSpace(text, &k)
            let english = literal(text, &k)
            result.append(Pair(line: line, vi: vi?.text, en: english?.text, viInterpolations: vi?.interpolations ?? [], enInterpolations: english?.interpolations ?? []))
            i = k
        }
        return result
    }

    static func problems(of pair: Pair) -> [String] {
        guard let vi = pair.vi, let en = pair.en else { return ["the message is not a pair of string literals, so its languages cannot be checked"] }
        var problems: [String] = []
        if vi.trimmingCharacters(in: .whitespaces).isEmpty && pair.viInterpolations.isEmpty { problems.append("no Vietnamese text") }
        if en.trimmingCharacters(in: .whitespaces).isEmpty && pair.enInterpolations.isEmpty { problems.append("no English text") }
        // A template that only joins other messages ("\(owner.vi): \(problem.vi)") has no words
        // of its own to translate.
        let hasWords = vi.contains(where: \.isLetter) || en.contains(where: \.isLetter)
        if vi == en && hasWords { problems.append("the Vietnamese text is the English one: \(en)") }
        // Compared by scalars: String's == treats NFD and NFC as equal.
        if !vi.unicodeScalars.elementsEqual(vi.precomposedStringWithCanonicalMapping.unicodeScalars) { problems.append("the Vietnamese text is not NFC: \(vi)") }
        if hasWords && !vi.unicodeScalars.contains(where: { $0.value > 0x7F && CharacterSet.letters.contains($0) }) {
            problems.append("the Vietnamese text has no Vietnamese letter (diacritics): \(vi)")
        }
        let viNames = Set(pair.viInterpolations.map(subject)), enNames = Set(pair.enInterpolations.map(subject))
        if viNames != enNames {
            problems.append("the languages show different values: vi \(viNames.sorted()), en \(enNames.sorted())")
        }
        return problems
    }

    /// What an interpolation shows: its leading name, without a language suffix
    /// (`what.vi` and `what.en` are both `what`, `takesVi` and `takesEn` both `takes`).
    static func subject(_ interpolation: String) -> String {
        let name = String(interpolation.trimmingCharacters(in: .whitespaces).prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        for suffix in ["Vi", "En"] where name.hasSuffix(suffix) && name.count > 2 { return String(name.dropLast(2)) }
        return name
    }

    static func skipSpace(_ text: [Character], _ i: inout Int) {
        while i < text.count, text[i].isWhitespace { i += 1 }
    }

    /// The position after the next `label` at nesting depth 0 from `start`.
    static func findLabel(_ label: String, _ text: [Character], from start: Int) -> Int? {
        let target = Array(label)
        var i = start, depth = 0
        while i < text.count {
            if text[i] == "\"" { var j = i; _ = literal(text, &j); i = max(j, i + 1); continue }
            if text[i] == "(" || text[i] == "[" || text[i] == "{" { depth += 1 }
            if text[i] == ")" || text[i] == "]" || text[i] == "}" { if depth == 0 { return nil }; depth -= 1 }
            if depth == 0, i + target.count <= text.count, Array(text[i..<i + target.count]) == target { return i + target.count }
            i += 1
        }
        return nil
    }

    /// A string literal starting at `i`, alone as the argument (followed by `,` or `)`): its
    /// text with interpolations removed and the interpolations' sources; `nil` otherwise.
    static func literal(_ text: [Character], _ i: inout Int) -> (text: String, interpolations: [String])? {
        guard i < text.count, text[i] == "\"" else { return nil }
        i += 1
        var content = "", interpolations: [String] = []
        while i < text.count {
            let c = text[i]
            if c == "\"" {
                i += 1
                var after = i
                skipSpace(text, &after)
                guard after < text.count, text[after] == "," || text[after] == ")" else { return nil }
                return (content, interpolations)
            }
            if c == "\\", i + 1 < text.count {
                if text[i + 1] == "(" {
                    var depth = 1, j = i + 2, source = ""
                    while j < text.count, depth > 0 {
                        if text[j] == "\"" {
                            var k = j
                            _ = nestedLiteral(text, &k)
                            source += String(text[j..<k])
                            j = k
                            continue
                        }
                        if text[j] == "(" { depth += 1 }
                        if text[j] == ")" { depth -= 1; if depth == 0 { break } }
                        source.append(text[j])
                        j += 1
                    }
                    interpolations.append(source)
                    i = j + 1
                    continue
                }
                content.append(text[i + 1])
                i += 2
                continue
            }
            content.append(c)
            i += 1
        }
        return nil
    }

    /// Skips a string literal nested in an interpolation.
    static func nestedLiteral(_ text: [Character], _ i: inout Int) -> Bool {
        i += 1
        while i < text.count {
            if text[i] == "\\", i + 1 < text.count {
                if text[i + 1] == "(" {
                    var depth = 1
                    i += 2
                    while i < text.count, depth > 0 {
                        if text[i] == "\"" { _ = nestedLiteral(text, &i); continue }
                        if text[i] == "(" { depth += 1 }
                        if text[i] == ")" { depth -= 1 }
                        i += 1
                    }
                    continue
                }
                i += 2
                continue
            }
            if text[i] == "\"" { i += 1; return true }
            i += 1
        }
        return false
    }
}
