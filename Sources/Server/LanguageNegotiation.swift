import Foundation
import Hummingbird
import IndexCore

/// Chooses the language of a response: `?lang=` first (the vi/en switch on every page), then the
/// `lang` cookie the switch leaves behind, then the browser's `Accept-Language`, else Vietnamese.
enum LanguageNegotiation {
    /// The cookie that remembers the vi/en switch.
    static let cookieName = "lang"

    /// The language a request asked for, by the order above.
    static func language(for request: Request) -> Language {
        if let explicit = queryLanguage(of: request) { return explicit }
        if let value = request.cookies[cookieName]?.value, let language = Language(rawValue: value) { return language }
        if let header = request.headers[.acceptLanguage], let language = acceptLanguage(header) { return language }
        return .vi
    }

    /// The language named by `?lang=`, when it names one we have.
    static func queryLanguage(of request: Request) -> Language? {
        request.uri.queryParameters.get("lang").flatMap { Language(rawValue: $0) }
    }

    /// The supported language the header prefers most (`en-GB;q=0.8, vi;q=0.9` → vi), or nil
    /// when it names neither; ties keep the header's order.
    static func acceptLanguage(_ header: String) -> Language? {
        var best: (language: Language, quality: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = Language(rawValue: primary) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            if quality > 0, quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language
    }
}
