import Foundation

/// A robots.txt file parsed per RFC 9309: groups by user agent, `allow`/`disallow` rules with
/// `*` and `$`; the longest matching rule wins and `allow` wins a tie. Also `crawl-delay` (not
/// in the RFC, honoured as a minimum delay) and `sitemap` lines.
public struct RobotsPolicy: Sendable, Hashable, Codable {
    /// An `allow` or `disallow` line of the group that applies to the crawler.
    public struct Rule: Sendable, Hashable, Codable {
        /// Whether the rule allows (`allow:`) or forbids (`disallow:`) the paths it matches.
        public var allow: Bool
        /// The path pattern as written: a prefix, with `*` for any characters and a final `$` for
        /// the end.
        public var pattern: String
    }

    /// What the file as a whole means.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Rules from a file (possibly none).
        case rules
        /// 4xx (or no file): everything is allowed.
        case allowAll
        /// 5xx or unreachable: nothing is allowed.
        case disallowAll
    }

    /// Whether the file gave rules or the fetch result decides for every path.
    public var kind: Kind
    /// The rules of the group for the crawler's user agent (or `*`), in file order.
    public var rules: [Rule]
    /// The `crawl-delay` in seconds, honoured as a minimum delay between requests; `nil` when
    /// absent.
    public var crawlDelay: Double?
    /// The `sitemap:` URLs, in file order.
    public var sitemaps: [String]

    /// At least this many bytes of a robots.txt are parsed (RFC 9309 asks for 500 KiB).
    public static let parseLimit = 512 * 1024

    /// The policy of a site without a robots.txt (4xx): every path is allowed.
    public static let allowAll = RobotsPolicy(kind: .allowAll, rules: [], crawlDelay: nil, sitemaps: [])
    /// The policy of a site whose robots.txt fails (5xx, unreachable): nothing is fetched.
    public static let disallowAll = RobotsPolicy(kind: .disallowAll, rules: [], crawlDelay: nil, sitemaps: [])

    /// The policy for a robots.txt fetch result: the body's rules for 2xx, allow-all for 4xx,
    /// disallow-all for 5xx and for a failed fetch (`status` nil).
    public static func from(status: Int?, body: Data, userAgent: String) -> RobotsPolicy {
        guard let status else { return .disallowAll }
        switch status {
        case 200..<300: return parse(String(decoding: body.prefix(parseLimit), as: UTF8.self), userAgent: userAgent)
        case 400..<500: return .allowAll
        default: return .disallowAll
        }
    }

    /// Parses robots.txt text for the crawler whose product token is `userAgent` (e.g. "ictindex"):
    /// the groups naming it (case-insensitively) if any, else the `*` groups.
    public static func parse(_ text: String, userAgent: String) -> RobotsPolicy {
        let token = userAgent.lowercased()
        var specific: [Rule] = [], general: [Rule] = []
        var specificDelay: Double?, generalDelay: Double?
        var foundSpecific = false
        var sitemaps: [String] = []
        var agents: [String] = []
        var inRules = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if inRules { agents = []; inRules = false }
                agents.append(value.lowercased())
            case "allow", "disallow", "crawl-delay":
                inRules = true
                let matchesSpecific = agents.contains { !$0.isEmpty && $0 != "*" && token.hasPrefix($0) }
                let matchesGeneral = agents.contains("*")
                if key == "crawl-delay" {
                    let delay = Double(value)
                    if matchesSpecific { specificDelay = delay } else if matchesGeneral { generalDelay = delay }
                    continue
                }
                if matchesSpecific { foundSpecific = true }
                guard !value.isEmpty else { continue }
                let rule = Rule(allow: key == "allow", pattern: normalise(value))
                if matchesSpecific { specific.append(rule) } else if matchesGeneral { general.append(rule) }
            case "sitemap":
                sitemaps.append(value)
            default:
                continue
            }
        }
        if foundSpecific || specificDelay != nil {
            return RobotsPolicy(kind: .rules, rules: specific, crawlDelay: specificDelay, sitemaps: sitemaps)
        }
        return RobotsPolicy(kind: .rules, rules: general, crawlDelay: generalDelay, sitemaps: sitemaps)
    }

    /// Whether the path-and-query `path` (e.g. "/tin-tuc?page=2") may be fetched.
    public func allows(_ path: String) -> Bool {
        switch kind {
        case .allowAll: return true
        case .disallowAll: return false
        case .rules: break
        }
        if path == "/robots.txt" { return true }
        let target = Self.normalise(path.isEmpty ? "/" : path)
        var best: Rule?
        for rule in rules where Self.matches(pattern: rule.pattern, path: target) {
            guard let current = best else { best = rule; continue }
            let length = rule.pattern.utf8.count, bestLength = current.pattern.utf8.count
            if length > bestLength || (length == bestLength && rule.allow && !current.allow) { best = rule }
        }
        return best?.allow ?? true
    }

    /// Percent-encodes characters outside the URI set and upper-cases existing escapes, so that
    /// rules and paths compare octet for octet.
    static func normalise(_ text: String) -> String {
        var result = ""
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%"), i + 2 < bytes.count, let _ = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                result += "%" + String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self).uppercased()
                i += 3
                continue
            }
            if byte < 0x21 || byte >= 0x7F {
                result += String(format: "%%%02X", byte)
            } else {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            }
            i += 1
        }
        return result
    }

    /// Matches `pattern` (with `*` for any run and a final `$` for the end) against the start of `path`.
    static func matches(pattern: String, path: String) -> Bool {
        var p = Array(pattern.utf8)
        let s = Array(path.utf8)
        var anchored = false
        if p.last == UInt8(ascii: "$") { anchored = true; p.removeLast() }
        // Iterative wildcard matching with backtracking to the last star.
        var pi = 0, si = 0
        var star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] == UInt8(ascii: "*") {
                star = pi; mark = si; pi += 1
            } else if pi < p.count, p[pi] == s[si] {
                pi += 1; si += 1
            } else if pi == p.count, !anchored {
                return true
            } else if star >= 0 {
                pi = star + 1; mark += 1; si = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
