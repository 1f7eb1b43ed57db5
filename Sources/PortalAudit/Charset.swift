import Foundation

/// How a page's character set was decided, in the order the rules apply: the HTTP header, a
/// byte-order mark, a `<meta>` declaration, then a heuristic (strict UTF-8, else windows-1258,
/// the Vietnamese Windows code page).
public enum CharsetSource: String, Sendable, Codable, Hashable {
    /// The `Content-Type` header's charset, a byte-order mark, a `<meta charset>` declaration, or a
    /// guess from the bytes (UTF-8 when they are valid UTF-8, else windows-1258).
    case header, bom, meta, heuristic
}

/// A decided character set, with what decided it and what was wrong on the way.
public struct CharsetDecision: Sendable, Hashable, Codable {
    /// The name passed to libxml2 (e.g. `UTF-8`, `windows-1258`).
    public var name: String
    /// What decided it.
    public var source: CharsetSource
    /// Problems: a declaration libxml2 does not know, or a declared UTF-8 that is not UTF-8.
    public var problems: [String]
}

/// Character-set detection for HTML bytes.
public enum Charset {
    /// Encodings a Vietnamese government page can plausibly use, by lower-case label, with the
    /// name libxml2 is given. Anything else is reported and replaced by the heuristic.
    static let known: [String: String] = [
        "utf-8": "UTF-8", "utf8": "UTF-8", "unicode-1-1-utf-8": "UTF-8",
        "windows-1258": "windows-1258", "cp1258": "windows-1258", "x-cp1258": "windows-1258",
        "windows-1252": "windows-1252", "cp1252": "windows-1252",
        "iso-8859-1": "ISO-8859-1", "latin1": "ISO-8859-1", "iso8859-1": "ISO-8859-1",
        "us-ascii": "UTF-8", "ascii": "UTF-8",
        "utf-16": "UTF-16", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE",
    ]

    /// Decides the charset of `data` given the Content-Type header's `charset` parameter, if any.
    public static func detect(_ data: Data, contentType: String?) -> CharsetDecision {
        var problems: [String] = []
        if let label = contentType.flatMap(parameter(charsetIn:)) {
            if let name = known[label.lowercased()] {
                if name == "UTF-8", !isValidUTF8(data, skippingBOM: true) {
                    problems.append("the header declares \(label) but the bytes are not valid UTF-8")
                } else {
                    return CharsetDecision(name: name, source: .header, problems: problems)
                }
            } else {
                problems.append("the header declares an unknown charset '\(label)'")
            }
        }
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return CharsetDecision(name: "UTF-8", source: .bom, problems: problems) }
        if data.starts(with: [0xFF, 0xFE]) { return CharsetDecision(name: "UTF-16LE", source: .bom, problems: problems) }
        if data.starts(with: [0xFE, 0xFF]) { return CharsetDecision(name: "UTF-16BE", source: .bom, problems: problems) }
        if let label = metaCharset(data) {
            if let name = known[label.lowercased()] {
                if name == "UTF-8", !isValidUTF8(data, skippingBOM: false) {
                    problems.append("the page declares \(label) but the bytes are not valid UTF-8")
                } else {
                    return CharsetDecision(name: name, source: .meta, problems: problems)
                }
            } else {
                problems.append("the page declares an unknown charset '\(label)'")
            }
        }
        return CharsetDecision(name: isValidUTF8(data, skippingBOM: false) ? "UTF-8" : "windows-1258", source: .heuristic, problems: problems)
    }

    /// The `charset=` parameter of a Content-Type value.
    public static func parameter(charsetIn contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "charset" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// A `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the
    /// first 2 KiB (the HTML standard's prescan looks at 1024 bytes; pages often put it later).
    static func metaCharset(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(2048), as: UTF8.self).lowercased()
        var searchStart = head.startIndex
        while let range = head.range(of: "<meta", range: searchStart..<head.endIndex) {
            let end = head[range.upperBound...].firstIndex(of: ">") ?? head.endIndex
            let tag = head[range.upperBound..<end]
            if let charset = tag.range(of: "charset") {
                var rest = tag[charset.upperBound...].drop { $0 == " " }
                if rest.first == "=" {
                    rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
                    let label = rest.prefix { !"\"' ;/>".contains($0) }
                    if !label.isEmpty { return String(label) }
                }
            }
            searchStart = end
        }
        return nil
    }

    /// Strict UTF-8 validation (no overlongs, no surrogates).
    public static func isValidUTF8(_ data: Data, skippingBOM: Bool) -> Bool {
        data.withUnsafeBytes { raw in
            var bytes = raw.bindMemory(to: UInt8.self)[...]
            if skippingBOM, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: return true
                case .error: return false
                }
            }
        }
    }

    // MARK: Legacy font encodings

    /// Which legacy Vietnamese font encoding a page uses, if any: TCVN3 (ABC, fonts ".VnTime",
    /// ".VnArial"…) or VNI (fonts "VNI-Times"…), where Vietnamese letters are drawn by special
    /// fonts over Latin-1 code points instead of being encoded as Unicode.
    public enum LegacyEncoding: String, Sendable, Codable, Hashable {
        /// TCVN3 (ABC): Vietnamese letters in the upper half of single-byte `.Vn` fonts.
        case tcvn3 = "TCVN3"
        /// VNI: Vietnamese letters written as a base letter followed by mark characters, for
        /// `VNI-` fonts.
        case vni = "VNI"
    }

    /// Detects a legacy font encoding from the raw HTML (font names) and the decoded text
    /// (the typical Latin-1 letters those encodings put where Vietnamese letters belong).
    public static func legacyEncoding(html: Data, text: String) -> LegacyEncoding? {
        // Byte searches (Foundation's String.contains bridges to NSString and is slow on Linux).
        let head = html.prefix(200_000)
        if [".vntime", ".vnarial", ".vn3d", "tcvn3", ".vnhelvet"].contains(where: { containsASCII(head, $0) }) { return .tcvn3 }
        if ["vni-times", "vni-helve", "vni times", "vni-aptima"].contains(where: { containsASCII(head, $0) }) { return .vni }
        // Character statistics: TCVN3 text read as Latin-1 is full of ¸ µ ¶ · ¹ ¨ © ª «; VNI text
        // of letter + ä/ù/ø/û/õ/ï pairs ("Vieät Nam"), with almost no real Vietnamese letters.
        var tcvn = 0, vni = 0, vietnamese = 0, letters = 0
        var previousIsLetter = false
        for scalar in text.unicodeScalars.prefix(50_000) {
            let v = scalar.value
            if v < 0x80 {
                previousIsLetter = (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A
                if previousIsLetter { letters += 1 }
                continue
            }
            if tcvnSignature.contains(v) { tcvn += 1 }
            if previousIsLetter, vniSignature.contains(v) { vni += 1 }
            if (0x1EA0...0x1EF9).contains(v) || v == 0x0111 || v == 0x0110 || v == 0x01A1 || v == 0x01B0 || v == 0x0103 { vietnamese += 1 }
            previousIsLetter = scalar.properties.isAlphabetic
            if previousIsLetter { letters += 1 }
        }
        guard letters >= 40, vietnamese * 4 < max(tcvn, vni) else { return nil }
        if tcvn * 50 >= letters { return .tcvn3 }
        if vni * 50 >= letters { return .vni }
        return nil
    }

    static let tcvnSignature: Set<UInt32> = Set("¸µ¶·¹¨©ª«¬®".unicodeScalars.map(\.value))
    static let vniSignature: Set<UInt32> = Set("äùøûõïë".unicodeScalars.map(\.value))

    /// Whether `data` contains `needle` (lower-case ASCII), ignoring ASCII case.
    static func containsASCII(_ data: Data, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, data.count >= pattern.count else { return false }
        return data.withUnsafeBytes { raw -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            let last = bytes.count - pattern.count
            while i <= last {
                let b = bytes[i]
                if b | 0x20 == first || b == first {
                    var j = 1
                    while j < pattern.count {
                        let c = bytes[i + j]
                        let lower = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
                        if lower != pattern[j] { break }
                        j += 1
                    }
                    if j == pattern.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}
