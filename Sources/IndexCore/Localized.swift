/// The languages every label, form and report exists in. Vietnamese is the default.
public enum Language: String, Sendable, CaseIterable, Codable {
    case vi
    case en
}

/// A text in Vietnamese and English.
///
/// A methodology file may give only one of the two; the other then falls back to it, so a label
/// is never empty.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// The same text in both languages (codes, numbers, proper names).
    public init(_ both: String) {
        self.vi = both
        self.en = both
    }

    public subscript(language: Language) -> String {
        switch language {
        case .vi: vi
        case .en: en
        }
    }
}
