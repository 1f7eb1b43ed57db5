/// Protection against formula injection ("CSV injection") in files meant for spreadsheets.
///
/// A spreadsheet that opens a CSV file, or a user who edits a cell, runs a text starting with
/// `=`, `+`, `-` or `@` (and, in some programs, a tab or carriage return) as a formula. Survey
/// answers and unit names come from outside, so every text ictindex writes for a spreadsheet goes
/// through this type:
///
/// - **CSV**: ``neutralise(_:)`` prefixes such a text with an apostrophe, as the OWASP guidance
///   on CSV injection recommends. Spreadsheets show the apostrophe-prefixed text as text.
/// - **XLSX**: text is always stored as a string cell (shared or inline), never as a formula, so
///   the file itself never runs it; a formula-like text additionally gets the `quotePrefix` style
///   (what Excel records when a user types `'=…`), so that editing the cell keeps it text. The
///   text itself is stored unchanged.
///
/// Texts that are plain numbers (`-5`, `+0.25`, `-1e3`) are not formulas and are left alone.
public enum SpreadsheetSafety {
    /// The characters that make a spreadsheet read a cell as a formula.
    public static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// Whether a spreadsheet could run `text` as a formula.
    public static func isFormulaLike(_ text: String) -> Bool {
        guard let first = text.first, triggers.contains(first) else { return false }
        return !isPlainNumber(text)
    }

    /// `text` made safe for a CSV cell: prefixed with an apostrophe when it is formula-like,
    /// otherwise unchanged.
    public static func neutralise(_ text: String) -> String {
        isFormulaLike(text) ? "'" + text : text
    }

    /// A signed decimal number with an optional exponent and nothing else.
    static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
        var digits = 0, dots = 0, sawExponent = false, exponentDigits = 0
        var previous: Unicode.Scalar?
        for scalar in scalars {
            switch scalar {
            case "0"..."9":
                if sawExponent { exponentDigits += 1 } else { digits += 1 }
            case ".":
                if sawExponent || dots > 0 { return false }
                dots += 1
            case "e", "E":
                if sawExponent || digits == 0 { return false }
                sawExponent = true
            case "+", "-":
                guard previous == "e" || previous == "E" else { return false }
            default:
                return false
            }
            previous = scalar
        }
        return digits > 0 && (!sawExponent || exponentDigits > 0)
    }
}
