import Foundation
import IndexCore

/// Number formatting for people: fixed decimals, a decimal comma in Vietnamese (0,8180) and a
/// point in English (0.8180). Machine formats (JSON, CSV) never use this.
public enum NumberFormat {
    /// `value` rounded half away from zero to `decimals` places, with the language's decimal
    /// separator; "—" for a missing value.
    public static func fixed(_ value: Double, decimals: Int, language: Language) -> String {
        guard !value.isNaN else { return "—" }
        let text = String(format: "%.\(decimals)f", PublishedRounding.round(value, decimals: decimals))
        return language == .vi ? NumberFormatting.decimalComma(text) : text
    }
}
