/// A message to a person — an error, a warning, a line of command output — written in both
/// languages of the product.
///
/// Every message lives in the catalog (`Sources/IndexCore/Messages/`, one file per module), and
/// the only way to make one is `init(vi:en:)` (package access: only the catalog files call it): a message cannot exist in one language only.
/// `MessageCatalogTests` reads the catalog and fails when a Vietnamese text is missing, equal to
/// the English, not in NFC, or drops a value (a file, row, field or expected value) that the
/// English one shows; it also fails when a `Diagnostic` anywhere is built from a bare string.
///
/// A front end renders a message with ``text(in:)``: the CLI in `--lang`/`ICTINDEX_LANG`, the web
/// server in the request's language. English stays available (``en``) for machine output and logs.
public struct Message: Hashable, Sendable, CustomStringConvertible {
    /// The Vietnamese text (NFC).
    public let vi: String
    /// The English text.
    public let en: String

    /// A message in both languages. Only the catalog files call this.
    package init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// The text in `language`.
    public func text(in language: Language) -> String {
        switch language {
        case .vi: vi
        case .en: en
        }
    }

    /// The English text (machine output, logs, `String(describing:)`).
    public var description: String { en }

    /// Both texts as a ``LocalizedText`` (for report and form wording that takes one).
    public var localized: LocalizedText { LocalizedText(vi: vi, en: en) }

    /// This message followed by `other` in each language, joined by `separator`.
    public func appending(_ other: Message, separator: String = " ") -> Message {
        Message(vi: vi + separator + other.vi, en: en + separator + other.en)
    }

    /// Several messages joined in each language (`"; "` between problems of one value).
    public static func joined(_ messages: [Message], separator: String) -> Message {
        Message(vi: messages.map(\.vi).joined(separator: separator), en: messages.map(\.en).joined(separator: separator))
    }
}
