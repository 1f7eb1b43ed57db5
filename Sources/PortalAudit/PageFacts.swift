import Foundation
import IndexCore

/// What one fetched HTML page says, extracted once (with XPath over libxml2's tree) and kept
/// as plain values: the checklist is evaluated over these, and they are stored with the crawl so
/// an interrupted crawl resumes without fetching pages again.
public struct PageFacts: Sendable, Codable, Hashable {
    /// A link on the page (`<a href>`), at most 1,000 per page.
    public struct Link: Sendable, Codable, Hashable {
        /// The canonical absolute URL, or the raw href when it is not http(s).
        public var url: String
        /// The accessible name: text, else aria-label, title or an image's alt (NFC).
        public var text: String
    }

    /// The page's URL as fetched (after redirects: the final URL).
    public var url: String
    /// The `<title>` text (empty when there is none).
    public var title: String
    /// The `lang` attribute of `<html>`, as written; `nil` when absent.
    public var lang: String?
    /// The character set the page was decoded with (e.g. `UTF-8`, `windows-1258`).
    public var charset: String
    /// What decided the character set.
    public var charsetSource: CharsetSource
    /// Problems with the declared character set (unknown to libxml2, or UTF-8 declared but not
    /// valid).
    public var charsetProblems: [String]
    /// A legacy Vietnamese font encoding (TCVN3, VNI) found in the text, if any: text that reads as
    /// mojibake without the old fonts.
    public var legacyEncoding: Charset.LegacyEncoding?
    /// The page's links in document order, at most 1,000.
    public var links: [Link]
    /// The texts of `h1`–`h3` headings in document order (NFC, empty ones left out), at most 200.
    public var headings: [String]
    /// How many `<img>` elements the page has.
    public var images = 0
    /// How many of them lack an `alt` attribute (an accessibility check).
    public var imagesWithoutAlt = 0
    /// Form fields a user fills (`input`, `select`, `textarea`; hidden fields and buttons not
    /// counted).
    public var inputs = 0
    /// How many of them have no accessible name (no `<label>`, `aria-label`, `aria-labelledby` or
    /// `title`).
    public var unlabeledInputs = 0
    /// Links with no accessible name (no text, `aria-label`, `title` or image `alt`).
    public var unnamedLinks = 0
    /// The `<meta name="viewport">` content (responsive layout), if any.
    public var viewport: String?
    /// Whether a `<meta http-equiv="refresh">` reloads or redirects after a delay (an accessibility
    /// failure).
    public var timedRefresh = false
    /// How many `<marquee>` and `<blink>` elements the page has.
    public var marqueeOrBlink = 0
    /// Whether the page has a search form (a search input, or a form with a
    /// `q`/`search`/`keyword`/`tukhoa` field).
    public var searchForm = false
    /// Whether the page announces an RSS or Atom feed (`<link type="…rss…">`).
    public var rssLink = false
    /// Legal-document numbers in the text (e.g. `43/2011/NĐ-CP`), in order, at most 200.
    public var documentNumbers: [String] = []
    /// The newest date written on the page (yyyy-mm-dd), not after the crawl's reference day.
    public var newestDate: String?
    /// Rows listing an online service with its level: (folded-text hash, level) where level is
    /// "1"…"4", "full" (toàn trình) or "partial" (một phần).
    public var serviceRows: [ServiceRow] = []
    /// The length of the body's text in Unicode scalars (thin pages have little).
    public var textLength = 0
    /// How many `<script>` elements the page has.
    public var scripts = 0
    /// Errors libxml2 recovered from (malformed markup).
    public var parseErrors = 0
    /// A short excerpt of the text, for evidence.
    public var excerpt = ""

    /// A table row or list item that names an online public service with its level.
    public struct ServiceRow: Sendable, Codable, Hashable {
        /// The row's text folded (no diacritics, lower case), at most 120 characters: the same
        /// service on two pages counts once.
        public var key: String
        /// The level stated: `1`…`4`, `full` (toàn trình) or `partial` (một phần).
        public var level: String
        /// The row's text as written, at most 120 characters, for evidence.
        public var text: String
    }

    /// Limits on what one page contributes, so that a hostile page cannot blow up memory.
    static let maxLinks = 1_000, maxHeadings = 200, maxDocumentNumbers = 200, maxServiceRows = 2_000

    /// Parses `body` (decided charset) and extracts the facts. `today` bounds dates (later dates
    /// are ignored as typos or events).
    public static func extract(body: Data, url: URL, contentType: String?, today: Day) -> PageFacts? {
        let charset = Charset.detect(body, contentType: contentType)
        return HTMLDocument.parse(body, charset: charset.name, url: url.absoluteString) { document in
            var facts = PageFacts(url: url.absoluteString, title: document.strings("//title").first ?? "", lang: document.strings("/html/@lang").first,
                                  charset: charset.name, charsetSource: charset.source, charsetProblems: charset.problems,
                                  legacyEncoding: nil, links: [], headings: [])
            let base = document.strings("//base/@href").first.flatMap { URLCanonicalizer.canonical($0, base: url) } ?? url
            for anchor in document.elements("//a[@href]", textLimit: 300) {
                let href = anchor["href"] ?? ""
                var name = anchor.text
                if name.isEmpty { name = anchor["aria-label"] ?? anchor["title"] ?? "" }
                if name.isEmpty { name = document.strings("//a[@href=\(Self.xpathLiteral(href))]//img/@alt").first ?? "" }
                if name.trimmingCharacters(in: .whitespaces).isEmpty { facts.unnamedLinks += 1 }
                if facts.links.count < maxLinks {
                    facts.links.append(Link(url: URLCanonicalizer.canonical(href, base: base)?.absoluteString ?? href, text: name))
                }
            }
            facts.headings = Array(document.strings("//h1|//h2|//h3", limit: 300).filter { !$0.isEmpty }.prefix(maxHeadings))
            facts.images = document.count("//img")
            facts.imagesWithoutAlt = document.count("//img[not(@alt)]")
            let labelled = Set(document.strings("//label/@for"))
            for input in document.elements("//input|//select|//textarea", textLimit: 0) {
                let type = input["type"]?.lowercased() ?? "text"
                if ["hidden", "submit", "button", "image", "reset"].contains(type) { continue }
                facts.inputs += 1
                let named = input["aria-label"].map { !$0.isEmpty } ?? false || input["title"].map { !$0.isEmpty } ?? false
                    || input["id"].map { labelled.contains($0) } ?? false || input["aria-labelledby"] != nil
                if !named { facts.unlabeledInputs += 1 }
            }
            // Inputs wrapped in their label are labelled.
            facts.unlabeledInputs = max(0, facts.unlabeledInputs - document.count("//label//input[not(@type='hidden')]"))
            facts.viewport = document.strings("//meta[translate(@name,'VIEWPORT','viewport')='viewport']/@content").first
            if let refresh = document.strings("//meta[translate(@http-equiv,'REFSH','refsh')='refresh']/@content").first {
                let seconds = Double(refresh.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "") ?? 0
                facts.timedRefresh = seconds > 0
            }
            facts.marqueeOrBlink = document.count("//marquee|//blink")
            facts.searchForm = document.count("//form[.//input[@type='search' or contains(translate(@name,'QSEARCHKEYWORDTUKHOA','qsearchkeywordtukhoa'),'search') or @name='q' or contains(translate(@name,'KEYWORDTUKHOA','keywordtukhoa'),'keyword') or contains(translate(@name,'TUKHOA','tukhoa'),'tukhoa')]]") > 0
                || document.count("//input[@type='search']") > 0
            facts.rssLink = document.count("//link[contains(@type,'rss') or contains(@type,'atom')]") > 0
            facts.scripts = document.count("//script")
            facts.parseErrors = document.parseErrors
            let text = document.bodyText()
            facts.textLength = text.unicodeScalars.count
            facts.excerpt = String(text.prefix(160))
            facts.legacyEncoding = Charset.legacyEncoding(html: body, text: text)
            facts.documentNumbers = Array(Self.documentNumbers(in: text).prefix(maxDocumentNumbers))
            facts.newestDate = Self.newestDate(in: text, notAfter: today)
            var seen = Set<String>()
            for row in document.elements("//tr|//li[contains(@class,'service') or contains(@class,'thu-tuc') or contains(@class,'dvc')]", textLimit: 600) {
                guard facts.serviceRows.count < maxServiceRows, Self.mayStateLevel(row.text) else { continue }
                // Folded once: for the level and as the row's key.
                let key = VietnameseText.fold(row.text)
                guard let level = Self.serviceLevel(folded: key), seen.insert(key).inserted else { continue }
                facts.serviceRows.append(ServiceRow(key: String(key.prefix(120)), level: level, text: String(row.text.prefix(120))))
            }
            return facts
        }
    }

    static func xpathLiteral(_ text: String) -> String {
        if !text.contains("'") { return "'\(text)'" }
        if !text.contains("\"") { return "\"\(text)\"" }
        return "concat('" + text.replacingOccurrences(of: "'", with: "',\"'\",'") + "')"
    }

    // MARK: Text detectors

    /// Legal-document numbers like `12/2019/NĐ-CP`, `43/2011/NĐ-CP`, `05/2020/TT-BTTTT`,
    /// `123/QĐ-UBND`.
    static func documentNumbers(in text: String) -> [String] {
        // A byte scanner (NSRegularExpression over the whole text was the hot spot): at each
        // run of digits followed by "/", try DIGITS/[YYYY/]TYPE-ISSUER with TYPE one of the
        // document types and ISSUER upper-case letters, digits and "-".
        let bytes = Array(text.utf8)
        var result: [String] = []
        var i = 0
        let n = bytes.count
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isUpper(_ j: Int) -> Int {  // length of an upper-case letter (A–Z or Đ) at j, else 0
            if j < n, bytes[j] >= 0x41 && bytes[j] <= 0x5A { return 1 }
            if j + 1 < n, bytes[j] == 0xC4, bytes[j + 1] == 0x90 { return 2 }
            return 0
        }
        while i < n && result.count < maxDocumentNumbers {
            guard isDigit(bytes[i]), i == 0 || !(isDigit(bytes[i - 1]) || (bytes[i - 1] >= 0x41 && bytes[i - 1] <= 0x7A)) else { i += 1; continue }
            let start = i
            var j = i
            while j < n, isDigit(bytes[j]), j - start < 5 { j += 1 }
            guard j < n, bytes[j] == 0x2F, j > start else { i = j + 1; continue }
            j += 1
            // Optional year.
            var k = j
            while k < n, isDigit(bytes[k]) { k += 1 }
            if k - j == 4, k < n, bytes[k] == 0x2F { j = k + 1 }
            // TYPE: upper-case letters, then at least one "-ISSUER".
            var typeEnd = j
            while true { let l = isUpper(typeEnd); if l == 0 { break }; typeEnd += l }
            guard typeEnd > j else { i = j; continue }
            let type = String(decoding: bytes[j..<typeEnd], as: UTF8.self)
            guard documentTypes.contains(where: { type.hasPrefix($0) }) else { i = typeEnd; continue }
            var end = typeEnd
            var parts = 0
            while end < n, bytes[end] == 0x2D {
                var m = end + 1
                while m < n { let l = isUpper(m); if l > 0 { m += l } else if isDigit(bytes[m]) { m += 1 } else { break } }
                if m == end + 1 { break }
                end = m
                parts += 1
            }
            guard parts > 0 else { i = typeEnd; continue }
            result.append(String(decoding: bytes[start..<end], as: UTF8.self))
            i = end
        }
        return result
    }

    static let documentTypes = ["NĐ", "ND", "QĐ", "QD", "TT", "CT", "NQ", "QH", "L", "KH", "TTLT"]


    static func newestDate(in text: String, notAfter today: Day) -> String? {
        // A byte scanner for d/m/yyyy (also with "." or "-") and yyyy-mm-dd.
        let bytes = Array(text.utf8)
        let n = bytes.count
        var best: Day?
        func number(_ from: Int, _ maxLength: Int) -> (Int, Int)? {
            var j = from, value = 0
            while j < n, j - from < maxLength, bytes[j] >= 0x30 && bytes[j] <= 0x39 { value = value * 10 + Int(bytes[j] - 0x30); j += 1 }
            if j == from || (j < n && bytes[j] >= 0x30 && bytes[j] <= 0x39) { return nil }
            return (value, j)
        }
        func separator(_ j: Int) -> Bool { j < n && (bytes[j] == 0x2F || bytes[j] == 0x2E || bytes[j] == 0x2D) }
        func consider(_ y: Int, _ m: Int, _ d: Int) {
            guard let day = validDay(y, m, d), day <= today else { return }
            if best.map({ day > $0 }) ?? true { best = day }
        }
        var i = 0
        while i < n {
            let b = bytes[i]
            guard b >= 0x30 && b <= 0x39, i == 0 || !(bytes[i - 1] >= 0x30 && bytes[i - 1] <= 0x39) else { i += 1; continue }
            guard let (first, afterFirst) = number(i, 4) else { i += 1; continue }
            if afterFirst - i == 4, afterFirst < n, bytes[afterFirst] == 0x2D,
               let (m, afterMonth) = number(afterFirst + 1, 2), afterMonth < n, bytes[afterMonth] == 0x2D, let (d, afterDay) = number(afterMonth + 1, 2) {
                consider(first, m, d)
                i = afterDay
                continue
            }
            if afterFirst - i <= 2, separator(afterFirst), let (m, afterMonth) = number(afterFirst + 1, 2), separator(afterMonth),
               let (y, afterYear) = number(afterMonth + 1, 4), afterYear - afterMonth - 1 == 4 {
                consider(y, m, first)
                i = afterYear
                continue
            }
            i = afterFirst
        }
        return best?.description
    }

    static func validDay(_ y: Int, _ m: Int, _ d: Int) -> Day? {
        guard (1...12).contains(m), (1...31).contains(d), (1990...2100).contains(y) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// Whole days from `a` to `b` (UTC calendar days).
    public static func days(from a: Day, to b: Day) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let from = calendar.date(from: DateComponents(year: a.year, month: a.month, day: a.day))!
        let to = calendar.date(from: DateComponents(year: b.year, month: b.month, day: b.day))!
        return calendar.dateComponents([.day], from: from, to: to).day ?? 0
    }

    /// The service level a row of a service list states: "Mức độ 4", "mức 3", "Toàn trình",
    /// "Một phần", "DVC mức độ 2"…
    static func serviceLevel(_ text: String) -> String? {
        mayStateLevel(text) ? serviceLevel(folded: VietnameseText.fold(text)) : nil
    }

    /// A cheap test before folding (folding is slow on Linux): whether the text has a word a level
    /// is stated with.
    static func mayStateLevel(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["mức", "muc", "mưc", "toàn", "toan", "một", "mot", "level"].contains(where: { lower.utf8.firstRange(of: $0.utf8) != nil })
    }

    /// The phrases that state a level, in the order they are tried, as UTF-8.
    static let levelPhrases: [(phrase: [UInt8], level: String)] = {
        var phrases: [(String, String)] = [(" toan trinh ", "full"), (" mot phan ", "partial")]
        for level in ["4", "3", "2", "1"] { phrases += [(" muc do \(level) ", level), (" muc \(level) ", level), (" level \(level) ", level)] }
        return phrases.map { (Array($0.0.utf8), $0.1) }
    }()

    /// The level stated by a folded text (``VietnameseText/fold(_:)``).
    static func serviceLevel(folded: String) -> String? {
        let text = Array(" \(folded) ".utf8)
        return levelPhrases.first { bytes(text, contain: $0.phrase) }?.level
    }
}

/// Whether `needle` occurs in `haystack`, byte for byte (folded texts are compared as UTF-8).
func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
    return haystack.withUnsafeBufferPointer { h in
        needle.withUnsafeBufferPointer { n in
            var i = 0
            let last = h.count - n.count
            while i <= last {
                if h[i] == first, memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
                i += 1
            }
            return false
        }
    }
}
