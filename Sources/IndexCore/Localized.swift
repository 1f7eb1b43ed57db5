import Foundation

/// The languages every label, form and report exists in. Vietnamese is the default.
public enum Language: String, Sendable, CaseIterable, Codable {
    /// Vietnamese, the default: decimal commas (`0,8927`).
    case vi
    /// English: decimal points (`0.8927`).
    case en

    /// The name of the environment variable that chooses the language of every command when
    /// `--lang` is not given (`ICTINDEX_LANG=en`).
    public static let environmentVariable = "ICTINDEX_LANG"

    /// The language a person asked for: the explicit choice (`--lang`), else the environment's
    /// `ICTINDEX_LANG`, else Vietnamese.
    ///
    /// A value that names no language is an error, not a silent fall-back to Vietnamese: a CI job
    /// that sets `ICTINDEX_LANG=english` learns of it at once.
    /// - Parameters:
    ///   - explicit: the language given on the command line, if any.
    ///   - environment: the process environment (`ProcessInfo.processInfo.environment`).
    /// - Throws: ``DiagnosticError`` when `ICTINDEX_LANG` is set to something other than `vi` or `en`.
    public static func resolve(explicit: Language?, environment: [String: String]) throws -> Language {
        if let explicit { return explicit }
        guard let value = environment[environmentVariable]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return .vi }
        guard let language = Language(rawValue: value.lowercased()) else {
            throw DiagnosticError([Diagnostic(.invalidValue, .unknownLanguageSetting(variable: environmentVariable, value: value), at: nil)])
        }
        return language
    }
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
