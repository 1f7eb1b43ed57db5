import Foundation

/// Text normalisation for Vietnamese names and labels.
///
/// Vietnamese arrives precomposed (NFC), decomposed (NFD) and without diacritics ("Thua Thien
/// Hue"). Everything is compared after NFC normalisation; matching of names additionally folds
/// diacritics, case, the letter đ and punctuation, so "TP. Hồ Chí Minh", "tp ho chi minh" and the
/// NFD spelling all compare equal.
public enum VietnameseText {
    /// The NFC form of `text`: what is stored, hashed and displayed.
    public static func nfc(_ text: String) -> String {
        // ASCII is already NFC; skip the (comparatively slow) normaliser for it.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        if isNFCByQuickCheck(text) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Whether `text` is certainly NFC because every scalar is one whose NFC quick-check value is
    /// Yes and none is a combining mark that could compose with the one before (Unicode UAX #15):
    /// Latin up to the spacing modifiers (below U+0300), the precomposed Vietnamese letters of
    /// Latin Extended Additional (U+1E00–U+1EFF), and punctuation from U+2010 to U+206F. That is
    /// nearly all Vietnamese text as typed; anything else goes to the normaliser.
    static func isNFCByQuickCheck(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let v = scalar.value
            return v < 0x300 || (0x1E00..<0x1F00).contains(v) || (0x2010..<0x2070).contains(v)
        }
    }

    /// `text` without leading and trailing spaces and tabs; returns `text` itself when there are
    /// none (the common case), avoiding Foundation's trimming on hot paths.
    public static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        if !isBlank(first) && !isBlank(last) { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// A matching key: no diacritics, lower case, đ → d, punctuation and runs of spaces folded to
    /// one space, trimmed.
    public static func fold(_ text: String) -> String {
        let stripped = nfc(text)
            .replacingOccurrences(of: "đ", with: "d")
            .replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var result = ""
        result.reserveCapacity(stripped.utf8.count)
        var pendingSpace = false
        for scalar in stripped.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace && !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    /// Levenshtein distance between two folded keys, used to suggest the closest known names.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidates closest to `query` (after folding), best first, at most `limit`.
    public static func closest(to query: String, among candidates: [String], limit: Int = 3) -> [String] {
        Suggestions(candidates).closest(to: query, limit: limit)
    }

    /// Known names folded once, to suggest the closest ones for many queries (a file with 100,000
    /// unknown columns asks for 100,000 suggestions among the same fields: folding every field for
    /// every query made that quadratic in practice).
    public struct Suggestions: Sendable {
        private let candidates: [(name: String, folded: String, length: Int)]

        /// Suggestions among `candidates` (field or unit ids), each folded once here so that
        /// every later query only compares.
        public init(_ candidates: [String]) {
            self.candidates = candidates.map { candidate in
                let folded = VietnameseText.fold(candidate)
                return (candidate, folded, folded.unicodeScalars.count)
            }
        }

        /// The candidates closest to `query` (after folding), best first, at most `limit`: those
        /// within an edit distance of half the query's length (at least 3), or containing it or
        /// contained in it (distance 1), ties by name.
        public func closest(to query: String, limit: Int = 3) -> [String] {
            let key = VietnameseText.fold(query)
            let length = key.unicodeScalars.count
            let threshold = max(3, key.count / 2)
            var scored: [(String, Int)] = []
            for candidate in candidates {
                var distance: Int
                if key == candidate.folded {
                    distance = 0
                } else if !key.isEmpty, candidate.folded.contains(key) || key.contains(candidate.folded) {
                    distance = 1
                } else if abs(candidate.length - length) > threshold {
                    continue // the edit distance is at least the difference in length
                } else {
                    distance = VietnameseText.editDistance(key, candidate.folded)
                }
                if distance <= threshold { scored.append((candidate.name, distance)) }
            }
            return scored
                .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
                .prefix(limit)
                .map(\.0)
        }
    }
}
