import Foundation
import IndexCore

/// What one fetched HTML page says, extracted once (with XPath over libxml2's tree) and kept
/// as plain values: the checklist is evaluated over these, and they are stored with the crawl so
/// an interrupted crawl resumes without fetching pages again.
public struct PageFacts: Sendable, Codable, Hashable {
    public struct Link: Sendable, Codable, Hashable {
        /// The canonical absolute URL, or the raw href when it is not http(s).
        public var url: String
        /// The accessible name: text, else aria-label, title or an image's alt (NFC).
        public var text: String
    }

    public var url: String
    public var title: String
    public var lang: String?
    public var charset: String
    public var charsetSource: CharsetSource
    public var charsetProblems: [String]
    public var legacyEncoding: Charset.LegacyEncoding?
    public var links: [Link]
    public var headings: [String]
    public var images = 0
    public var imagesWithoutAlt = 0
    public var inputs = 0
    public var unlabeledInputs = 0
    public var unnamedLinks = 0
    public var viewport: String?
    public var timedRefresh = false
    public var marqueeOrBlink = 0
    public var searchForm = false
    public var rssLink = false
    public var documentNumbers: [String] = []
    /// The newest date written on the page (yyyy-mm-dd), not after the crawl's reference day.
    public var newestDate: String?
    /// Rows listing an online service with its level: (folded-text hash, level) where level is
    /// "1"…"4", "full" (toàn trình) or "partial" (một phần).
    public var serviceRows: [ServiceRow] = []
    public var textLength = 0
    public var scripts = 0
    /// Errors libxml2 recovered from (malformed markup).
    public var parseErrors = 0
    /// A short excerpt of the text, for evidence.
    public var excerpt = ""

    public struct ServiceRow: Sendable, Codable, Hashable {
        public var key: String
        public var level: String
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
            facts.textLength = text.count
            facts.excerpt = String(text.prefix(160))
            facts.legacyEncoding = Charset.legacyEncoding(html: body, text: text)
            facts.documentNumbers = Array(Self.documentNumbers(in: text).prefix(maxDocumentNumbers))
            facts.newestDate = Self.newestDate(in: text, notAfter: today)
            var seen = Set<String>()
            for row in document.elements("//tr|//li[contains(@class,'service') or contains(@class,'thu-tuc') or contains(@class,'dvc')]", textLimit: 600) {
                guard facts.serviceRows.count < maxServiceRows, let level = Self.serviceLevel(row.text) else { continue }
                let key = VietnameseText.fold(row.text)
                guard seen.insert(key).inserted else { continue }
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
        documentPattern.matches(in: text)
    }

    static let documentPattern = TextPattern(#"\b\d{1,5}/(?:\d{4}/)?(?:NĐ|ND|QĐ|QD|TT|CT|NQ|QH|L|KH|TTLT)[A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)+"#)
    static let datePattern = TextPattern(#"\b(\d{1,2})[/.-](\d{1,2})[/.-](20\d{2}|19\d{2})\b"#)
    static let isoDatePattern = TextPattern(#"\b(20\d{2})-(\d{2})-(\d{2})\b"#)

    static func newestDate(in text: String, notAfter today: Day) -> String? {
        var best: Day?
        for groups in datePattern.groups(in: text, limit: 5_000) {
            guard let d = Int(groups[0]), let m = Int(groups[1]), let y = Int(groups[2]), let day = validDay(y, m, d), day <= today else { continue }
            if best.map({ day > $0 }) ?? true { best = day }
        }
        for groups in isoDatePattern.groups(in: text, limit: 5_000) {
            guard let y = Int(groups[0]), let m = Int(groups[1]), let d = Int(groups[2]), let day = validDay(y, m, d), day <= today else { continue }
            if best.map({ day > $0 }) ?? true { best = day }
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
        let folded = " " + VietnameseText.fold(text) + " "
        if folded.contains(" toan trinh ") { return "full" }
        if folded.contains(" mot phan ") { return "partial" }
        for level in ["4", "3", "2", "1"] where folded.contains(" muc do \(level) ") || folded.contains(" muc \(level) ") || folded.contains(" level \(level) ") {
            return level
        }
        return nil
    }
}

/// A compiled regular expression over Swift strings (NSRegularExpression underneath).
struct TextPattern {
    let expression: NSRegularExpression

    init(_ pattern: String) {
        expression = try! NSRegularExpression(pattern: pattern)
    }

    func matches(in text: String, limit: Int = 10_000) -> [String] {
        let ns = text as NSString
        var result: [String] = []
        expression.enumerateMatches(in: text, range: NSRange(location: 0, length: ns.length)) { match, _, stop in
            if let match { result.append(ns.substring(with: match.range)) }
            if result.count >= limit { stop.pointee = true }
        }
        return result
    }

    func groups(in text: String, limit: Int) -> [[String]] {
        let ns = text as NSString
        var result: [[String]] = []
        expression.enumerateMatches(in: text, range: NSRange(location: 0, length: ns.length)) { match, _, stop in
            if let match {
                result.append((1..<match.numberOfRanges).map { match.range(at: $0).location == NSNotFound ? "" : ns.substring(with: match.range(at: $0)) })
            }
            if result.count >= limit { stop.pointee = true }
        }
        return result
    }
}
