import Foundation

/// Canonical URLs: one spelling per page, so that a page is fetched once however it is linked.
///
/// Lower-cases scheme and host, drops default ports, fragments, session identifiers
/// (`jsessionid`, `PHPSESSID`, `sid`, …) and tracking parameters (`utm_*`, `fbclid`, `gclid`),
/// sorts query parameters, resolves `.` and `..` segments, and gives an empty path as `/`.
public enum URLCanonicalizer {
    static let droppedParameters: Set<String> = [
        "jsessionid", "phpsessid", "aspsessionid", "sid", "sessionid", "session_id", "cfid", "cftoken",
        "fbclid", "gclid", "msclkid", "_ga",
    ]

    /// The canonical form of `link` resolved against `base`, or nil for anything that is not an
    /// http(s) URL (mailto:, javascript:, tel:, data:…).
    public static func canonical(_ link: String, base: URL? = nil) -> URL? {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("mailto:") || lower.hasPrefix("tel:") || lower.hasPrefix("data:") { return nil }
        let escaped = trimmed.addingPercentEncoding(withAllowedCharacters: allowed) ?? trimmed
        guard let resolved = URL(string: escaped, relativeTo: base)?.absoluteURL,
              var components = URLComponents(url: resolved, resolvingAgainstBaseURL: true),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return nil }
        components.scheme = scheme
        components.host = host.lowercased()
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) { components.port = nil }
        components.fragment = nil
        components.user = nil
        components.password = nil
        // Path: drop ";jsessionid=…" parameters, resolve dot segments.
        var path = components.percentEncodedPath
        if let semicolon = path.range(of: ";jsessionid=", options: .caseInsensitive) { path = String(path[..<semicolon.lowerBound]) }
        path = removeDotSegments(path.isEmpty ? "/" : path)
        components.percentEncodedPath = path
        if let items = components.percentEncodedQueryItems {
            let kept = items.filter { item in
                let name = item.name.lowercased()
                return !droppedParameters.contains(name) && !name.hasPrefix("utm_")
            }
            .sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
            components.percentEncodedQueryItems = kept.isEmpty ? nil : kept
        }
        return components.url
    }

    /// Characters left alone when escaping a link as written in a page (everything legal in a URL).
    static let allowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.insert(charactersIn: "#%[]")
        return set
    }()

    /// RFC 3986 §5.2.4.
    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment == "." { if index == segments.count - 1 { output.append("") }; continue }
            if segment == ".." {
                if output.count > 1 { output.removeLast() }
                if index == segments.count - 1 { output.append("") }
                continue
            }
            output.append(segment)
        }
        let joined = output.joined(separator: "/")
        return joined.hasPrefix("/") ? joined : "/" + joined
    }

    /// The site key of a host: without a leading "www.", so that example.gov.vn and
    /// www.example.gov.vn are one site.
    public static func site(of host: String) -> String {
        let lower = host.lowercased()
        return lower.hasPrefix("www.") ? String(lower.dropFirst(4)) : lower
    }

    /// The path and query of `url`, as robots.txt rules are matched against.
    public static func pathAndQuery(_ url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: true)
        var path = components?.percentEncodedPath ?? "/"
        if path.isEmpty { path = "/" }
        if let query = components?.percentEncodedQuery { path += "?" + query }
        return path
    }

    /// The shape of a URL for trap detection: host, path with every run of digits replaced by
    /// `N`, and the sorted query parameter names. Endless pagination and calendars produce many
    /// URLs of one shape.
    public static func shape(of url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: true)
        var shape = (components?.host ?? "") + digitsFolded(components?.percentEncodedPath ?? "")
        if let names = components?.queryItems?.map(\.name).sorted(), !names.isEmpty {
            shape += "?" + names.joined(separator: "&")
        }
        return shape
    }

    static func digitsFolded(_ text: String) -> String {
        var result = ""
        var inDigits = false
        for character in text {
            if character.isASCII, character.isNumber {
                if !inDigits { result.append("N") }
                inDigits = true
            } else {
                result.append(character)
                inDigits = false
            }
        }
        return result
    }
}
