/// The languages every label, form and report exists in. Vietnamese is the default.
public enum Language: String, Sendable, CaseIterable, Codable {
    /// Vietnamese, the default: decimal commas (`0,8927`).
    case vi
    /// English: decimal points (`0.8927`).
    case en
}

/// A text in Vietnamese and English.
///
/// A methodology file may give only one of the two; the other then falls back to it, so a label
/// is never empty.
public struct LocalizedText: Hashable, Sendable, Codable {
    /// The Vietnamese text (NFC).
    public var vi: String
    /// The English text.
    public var en: String

    /// A text given in both languages.
    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// The same text in both languages (codes, numbers, proper names).
    public init(_ both: String) {
        self.vi = both
        self.en = both
    }

    /// The text in `language`.
    public subscript(language: Language) -> String {
        switch language {
        case .vi: vi
        case .en: en
        }
    }
}
