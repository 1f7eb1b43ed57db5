import Foundation
import IndexCore

/// Number formatting for people: fixed decimals, a decimal comma in Vietnamese (0,8180) and a
/// point in English (0.8180). Machine formats (JSON, CSV) never use this.
public enum NumberFormat {
    public static func fixed(_ value: Double, decimals: Int, language: Language) -> String {
        guard !value.isNaN else { return "—" }
        let text = String(format: "%.\(decimals)f", roundPublished(value, decimals: decimals))
        return language == .vi ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
