import Foundation

/// How numbers are written as text: compactly for people (messages, explanations, reports, in
/// the reader's decimal style) and in their shortest exact form for machine-readable files.
///
/// None of these round for publication: round first with ``PublishedRounding`` when a text must
/// show the figure as published (e.g. `format(PublishedRounding.round(x, decimals: 3))`).
public enum NumberFormatting {
    /// An English ordinal: 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st.
    public static func englishOrdinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    /// A number compactly for messages and explanations: integers without a fraction (`12`),
    /// others with at most 6 decimals and no trailing zeros (`0.25`, `0.333333`); `—` for NaN
    /// (missing). The decimal separator is always a point (see ``format(_:in:)``).
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "—" }
        if value == value.rounded(), Swift.abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A number in the decimal style of `language`: ``format(_:)`` with a decimal comma in
    /// Vietnamese (`178,54`), a point in English (`178.54`). No thousands separators, so the
    /// text never has both marks.
    public static func format(_ value: Double, in language: Language) -> String {
        let text = format(value)
        return language == .vi ? decimalComma(text) : text
    }

    /// `text` with every `.` made a `,`: a formatted number's decimal point as Vietnamese writes
    /// it. (Foundation's `replacingOccurrences` bridges through `NSString`: a live
    /// self-assessment's explanation formats hundreds of numbers, and it showed in profiles.)
    public static func decimalComma(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: ".")) else { return text }
        return String(decoding: text.utf8.map { $0 == UInt8(ascii: ".") ? UInt8(ascii: ",") : $0 }, as: UTF8.self)
    }

    /// A quantity for people to read: ``format(_:in:)`` with its whole part grouped in
    /// thousands as each language writes it, `26.972` and `1.234,5` in Vietnamese, `26,972` and
    /// `1,234.5` in English; below 1,000 the same as ``format(_:in:)``. For counts and amounts a
    /// person compares (a survey answer "26.972 → 69.201"), not for indexes or machine files.
    public static func grouped(_ value: Double, in language: Language) -> String {
        let text = format(value, in: language)
        guard !value.isNaN, Swift.abs(value) >= 1000 else { return text }
        let decimalMark: Character = language == .vi ? "," : "."
        let separator: Character = language == .vi ? "." : ","
        let sign = text.hasPrefix("-") ? "-" : ""
        let unsigned = text.dropFirst(sign.count)
        let whole = unsigned.prefix { $0 != decimalMark }
        let fraction = unsigned.dropFirst(whole.count)
        var grouped = ""
        for (offset, digit) in whole.enumerated() {
            if offset > 0, (whole.count - offset) % 3 == 0 { grouped.append(separator) }
            grouped.append(digit)
        }
        return sign + grouped + fraction
    }

    /// A number in its shortest exact form for machine-readable files (JSON, CSV, XLSX):
    /// integers without a fraction (`12`), others in Swift's shortest round-trip form (`0.9039`,
    /// never `0.90390000000000004`), so reading the text back gives the same `Double`; empty for
    /// NaN (missing). Infinities come out as `inf`/`-inf`: writers that cannot hold them check first.
    public static func shortest(_ value: Double) -> String {
        var text = ""
        writeShortest(value, to: &text)
        return text
    }

    /// Appends ``shortest(_:)`` of `value` to `output`, without making a `String` of the number
    /// on its own: large tables write millions of numbers (the CSV of `compute`).
    public static func writeShortest(_ value: Double, to output: inout some TextOutputStream) {
        if value.isNaN { return }
        if value == value.rounded(), Swift.abs(value) < 1e15 {
            output.write(String(Int64(value))) // at most 16 characters: a small string, not allocated
        } else {
            value.write(to: &output) // Swift's shortest round-trip form, as `"\(value)"` gives it
        }
    }
}
