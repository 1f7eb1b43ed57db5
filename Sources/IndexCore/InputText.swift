/// The characters that must not reach a report or a terminal from outside text (a unit name, an
/// id, a text answer), and how intake and the renderers treat them.
///
/// **Decision.** Intake *rejects* them with a diagnostic naming the file, row and field and the
/// code point (nothing is stripped silently: a name that changed on the way in would no longer
/// match what the submitter wrote). Every renderer of outside text — terminal tables, HTML,
/// Markdown, SVG — additionally shows any that reach it (text built by a library user, an old
/// workspace) as U+FFFD, so that a carriage return cannot rewrite a terminal line and a
/// right-to-left override cannot reorder a ranking row.
///
/// Forbidden: the C0 controls (U+0000–U+001F) except tab, line feed and carriage return in
/// multi-line text answers, DEL (U+007F), the C1 controls (U+0080–U+009F), and the bidirectional
/// formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069). Vietnamese
/// never needs them.
public enum InputText {
    /// Whether `scalar` is a control or bidirectional formatting character (see the type's
    /// documentation); tab, line feed and carriage return count only when `allowLineBreaks` is
    /// false.
    public static func isForbidden(_ scalar: Unicode.Scalar, allowLineBreaks: Bool = false) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return !allowLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The first forbidden character of `text` and its 1-based position in characters, or `nil`.
    public static func firstForbidden(in text: String, allowLineBreaks: Bool = false) -> (scalar: Unicode.Scalar, position: Int)? {
        // The common case, printable ASCII, is decided on bytes.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if isForbidden(scalar, allowLineBreaks: allowLineBreaks) { return (scalar, position) }
        }
        return nil
    }

    /// A message for a forbidden character found in `what` (e.g. "the unit name"), or `nil` when
    /// the text is clean.
    public static func problem(in text: String, what: Message, allowLineBreaks: Bool = false) -> Message? {
        guard let (scalar, position) = firstForbidden(in: text, allowLineBreaks: allowLineBreaks) else { return nil }
        return .controlCharacter(in: what, character: describe(scalar), position: position, allowLineBreaks: allowLineBreaks)
    }

    /// `U+202E (right-to-left override)`.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let name: String
        switch scalar.value {
        case 0x00: name = "null"
        case 0x09: name = "tab"
        case 0x0A: name = "line feed"
        case 0x0D: name = "carriage return"
        case 0x1B: name = "escape"
        case 0x7F: name = "delete"
        case 0x061C: name = "Arabic letter mark"
        case 0x200E: name = "left-to-right mark"
        case 0x200F: name = "right-to-left mark"
        case 0x202A: name = "left-to-right embedding"
        case 0x202B: name = "right-to-left embedding"
        case 0x202C: name = "pop directional formatting"
        case 0x202D: name = "left-to-right override"
        case 0x202E: name = "right-to-left override"
        case 0x2066: name = "left-to-right isolate"
        case 0x2067: name = "right-to-left isolate"
        case 0x2068: name = "first strong isolate"
        case 0x2069: name = "pop directional isolate"
        default: name = scalar.value < 0x80 ? "C0 control" : "C1 control"
        }
        return "\(code) (\(name))"
    }

    /// `text` with every forbidden character replaced by U+FFFD (line breaks and tabs too, unless
    /// `keepingLineBreaks`): what renderers show of outside text that did not go through intake.
    public static func displayable(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard firstForbidden(in: text, allowLineBreaks: keepingLineBreaks) != nil else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(isForbidden(scalar, allowLineBreaks: keepingLineBreaks) ? "\u{FFFD}" : scalar)
        }
        return String(result)
    }
}
