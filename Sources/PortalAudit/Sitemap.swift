import Foundation

/// A sitemap file (sitemaps.org protocol): a `<urlset>` of page URLs or a `<sitemapindex>` of
/// further sitemap files, each address in a `<loc>` element. Read with a byte scanner (no XML
/// tree is built): `<loc>` contents are trimmed and their XML entities decoded. A body that is not
/// XML (an HTML error page, a gzip file) gives no locations.
public struct Sitemap: Sendable, Hashable {
    /// Whether the file is a sitemap index (its locations are sitemap files, not pages).
    public var isIndex: Bool
    /// The `<loc>` addresses in file order, at most the limit given to ``parse(_:limit:)``.
    public var locations: [String]
    /// More `<loc>` elements followed than the limit allowed.
    public var truncated: Bool

    /// Why a body is not read as a sitemap, if it is not one.
    public static func problem(_ body: Data, contentType: String?) -> String? {
        if body.starts(with: [0x1F, 0x8B]) { return "gzip-compressed sitemap files (.xml.gz) are not read" }
        let head = body.prefix(512)
        let declaresXML = (contentType ?? "").lowercased().contains("xml")
        let looksXML = head.firstRange(of: Data("<?xml".utf8)) != nil || head.firstRange(of: Data("<urlset".utf8)) != nil || head.firstRange(of: Data("<sitemapindex".utf8)) != nil
        return declaresXML || looksXML ? nil : "not XML (\(contentType ?? "no content type"))"
    }

    /// The locations of `body`, at most `limit` of them.
    public static func parse(_ body: Data, limit: Int) -> Sitemap {
        let bytes = [UInt8](body)
        let open = Array("<loc>".utf8), close = Array("</loc>".utf8)
        let isIndex = body.prefix(4096).firstRange(of: Data("<sitemapindex".utf8)) != nil
        var locations: [String] = []
        var truncated = false
        var i = 0
        func find(_ pattern: [UInt8], from start: Int) -> Int? {
            guard pattern.count <= bytes.count else { return nil }
            var j = start
            while j + pattern.count <= bytes.count {
                if bytes[j] == pattern[0], bytes[j..<(j + pattern.count)].elementsEqual(pattern) { return j }
                j += 1
            }
            return nil
        }
        while let start = find(open, from: i) {
            guard let end = find(close, from: start + open.count) else { break }
            i = end + close.count
            let text = decodeEntities(String(decoding: bytes[(start + open.count)..<end], as: UTF8.self)).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            if locations.count >= limit { truncated = true; break }
            locations.append(text)
        }
        return Sitemap(isIndex: isIndex, locations: locations, truncated: truncated)
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric references; anything else stays.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].prefix(12).firstIndex(of: ";") else { result += "&"; rest = rest[rest.index(after: amp)...]; continue }
            let name = rest[rest.index(after: amp)..<semicolon]
            var scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
            }
            if let scalar {
                result.unicodeScalars.append(scalar)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
            }
        }
        return result + rest
    }
}
