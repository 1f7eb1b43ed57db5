import Foundation
import IndexCore
import IndexStore

/// What the evaluation needs from a crawl, folded in page by page as pages arrive, so that the
/// memory a crawl holds does not grow with the pages it fetches (a page's ``PageFacts`` are
/// dropped once folded in).
///
/// Every check takes the *first* page (in fetch order) that shows its evidence, as an evaluation
/// over all pages at the end would: a checklist item keeps the first link or heading that
/// matches one of its signals and is not looked for again; an accessibility check keeps its
/// number of failing pages and the first one; freshness keeps the newest date; the online-service
/// rows are kept once each by their folded text. What grows is small and bounded by the page
/// budget: one latency per response (8 bytes) for the median, and one entry per distinct service
/// row.
public struct SiteSummary: Sendable {
    /// A page that shows a piece of evidence, and what it shows.
    public struct Evidence: Sendable, Hashable {
        /// The page that shows it.
        public var url: String
        /// What it shows: a link text, a heading, a count in words.
        public var snippet: String
        /// A number that goes with it, when the check measures one.
        public var value: Double?
    }

    /// What the home page shows (the technical checks that look at the home page only).
    public struct Home: Sendable, Hashable {
        /// The home page's URL.
        public var url: String
        /// Its `lang` attribute, as written.
        public var lang: String?
        /// Its `<meta name="viewport">` content, if any.
        public var viewport: String?
        /// The length of its text, in Unicode scalars.
        public var textLength: Int
        /// How many `<script>` elements it has.
        public var scripts: Int
        /// Distinct links (URL and name) on the page.
        public var links: Int

        init(_ facts: PageFacts) {
            url = facts.url
            lang = facts.lang
            viewport = facts.viewport
            textLength = facts.textLength
            scripts = facts.scripts
            var distinct = Set<String>()
            for link in facts.links { distinct.insert(link.url + "\u{1F}" + link.text) }
            links = distinct.count
        }
    }

    /// A per-page accessibility check: how many HTML pages fail it and the first that does.
    public struct PageCheck: Sendable, Hashable {
        /// HTML pages that fail the check.
        public var failing = 0
        /// The first failing page (in fetch order) and what it shows; `nil` while none fails.
        public var first: Evidence?
    }

    /// The per-page accessibility checks, in the order they are reported: the check, what a
    /// pass says, and what a failing page shows (nil: the page passes).
    static let pageChecks: [(id: String, ok: String, fails: @Sendable (PageFacts) -> String?)] = [
        ("a11y.title", "every page has a title", { $0.title.isEmpty ? "page without a <title>" : nil }),
        ("a11y.img-alt", "every image has alt text", { $0.imagesWithoutAlt > 0 ? "\($0.imagesWithoutAlt) of \($0.images) images without alt" : nil }),
        ("a11y.form-labels", "every form field is labelled", { $0.unlabeledInputs > 0 ? "\($0.unlabeledInputs) form fields without a label" : nil }),
        ("a11y.link-names", "every link has a name", { $0.unnamedLinks > 0 ? "\($0.unnamedLinks) links without a name" : nil }),
        ("a11y.no-marquee", "no marquee or blink", { $0.marqueeOrBlink > 0 ? "\($0.marqueeOrBlink) <marquee>/<blink>" : nil }),
        ("a11y.no-timed-refresh", "no timed refresh", { $0.timedRefresh ? "timed <meta http-equiv=refresh>" : nil }),
    ]

    /// The URL the crawl started from.
    public let seed: URL
    /// The checklist items looked for (those of the checklist the crawl was started with).
    public let items: [Checklist.Item]
    /// The first link or heading evidence of each item of ``items`` (nil: not found yet).
    public private(set) var itemEvidence: [Evidence?]
    private var unmatched: [Int]
    /// Each item's phrases as UTF-8 bytes, between spaces (whole words of a folded text), and
    /// its URL substrings: matched byte by byte on every page.
    private let needles: [(linkTexts: [[UInt8]], headings: [[UInt8]], urls: [[UInt8]])]
    /// Folded link texts and headings, " text " as UTF-8: menus repeat on every page, and folding
    /// is the costly part of matching. Emptied when it reaches ``foldCacheLimit`` entries.
    private var folded: [String: [UInt8]] = [:]
    static let foldCacheLimit = 512

    /// Fetches recorded (HTML or not, failures included).
    public private(set) var pages = 0
    /// The final URL of the first fetch (whether the site ends up on https).
    public private(set) var firstFinalURL: String?
    /// Time to the response head of every fetch that got a response, in fetch order.
    public private(set) var latencies: [Double] = []
    /// Internal links (depth > 0) that answered 4xx/5xx, and the first of them.
    public private(set) var brokenLinks = 0
    /// The first of them, in fetch order.
    public private(set) var firstBrokenLink: String?

    /// HTML pages parsed.
    public private(set) var htmlPages = 0
    /// The URL of the first HTML page parsed.
    public private(set) var firstHTMLURL: String?
    /// The seed's page if it was parsed, else the first HTML page.
    public var home: Home? { seedHome ?? firstHome }
    private var seedHome: Home?
    private var firstHome: Home?
    /// The per-page accessibility checks (`a11y.title`, `a11y.img-alt`, `a11y.form-labels`,
    /// `a11y.link-names`, `a11y.no-marquee`, `a11y.no-timed-refresh`), in that order.
    public private(set) var pageChecks = [PageCheck](repeating: PageCheck(), count: SiteSummary.pageChecks.count)
    /// The newest date written on any page, with the first page that carries it.
    public private(set) var newest: (url: String, day: Day)?
    /// The first page written in a legacy Vietnamese font encoding (TCVN3, VNI), if any.
    public private(set) var legacyEncoding: (url: String, encoding: Charset.LegacyEncoding)?
    /// The first page with a character-set problem, if any.
    public private(set) var charsetProblem: Evidence?
    /// First pages showing the structure detectors.
    public private(set) var documentList: Evidence?
    /// The first page with a search form.
    public private(set) var searchForm: String?
    /// The first page announcing an RSS or Atom feed.
    public private(set) var rss: String?
    /// The first page in English (`lang="en…"`) other than the first HTML page: a foreign-language
    /// version.
    public private(set) var englishPage: Evidence?
    /// Online-service rows, once each by folded text: their level and the page that listed them first.
    public private(set) var serviceRows: [String: (level: String, url: String)] = [:]

    /// An empty summary of the crawl of `seed` that looks for the signals of `checklist`'s items
    /// (none when nil: the technical checks only).
    public init(seed: URL, checklist: Checklist?) {
        self.seed = seed
        items = checklist?.items ?? []
        itemEvidence = Array(repeating: nil, count: items.count)
        unmatched = Array(items.indices)
        func words(_ phrases: [String]) -> [[UInt8]] { phrases.map { Array(" \($0) ".utf8) } }
        needles = items.map { (words($0.linkTexts), words($0.headings), $0.urlPatterns.map { Array($0.utf8) }) }
    }

    /// Folds in one fetch.
    public mutating func add(_ record: PageRecord) {
        pages += 1
        if firstFinalURL == nil { firstFinalURL = record.finalURL }
        if record.status != nil { latencies.append(record.latency) }
        if (record.status ?? 0) >= 400 && record.depth > 0 {
            brokenLinks += 1
            if firstBrokenLink == nil { firstBrokenLink = record.url }
        }
    }

    /// Folds in one parsed HTML page (after its ``add(_:)-(PageRecord)``).
    public mutating func add(_ facts: PageFacts) {
        htmlPages += 1
        if firstHTMLURL == nil { firstHTMLURL = facts.url }
        if firstHome == nil { firstHome = Home(facts) }
        if seedHome == nil, facts.url == seed.absoluteString { seedHome = Home(facts) }
        for (index, check) in Self.pageChecks.enumerated() {
            guard let problem = check.fails(facts) else { continue }
            pageChecks[index].failing += 1
            if pageChecks[index].first == nil { pageChecks[index].first = Evidence(url: facts.url, snippet: problem) }
        }
        if let date = facts.newestDate.flatMap(Day.init), newest.map({ date > $0.day }) ?? true { newest = (facts.url, date) }
        if legacyEncoding == nil, let encoding = facts.legacyEncoding { legacyEncoding = (facts.url, encoding) }
        if charsetProblem == nil, !facts.charsetProblems.isEmpty { charsetProblem = Evidence(url: facts.url, snippet: facts.charsetProblems.joined(separator: "; ")) }
        if documentList == nil, facts.documentNumbers.count >= 3 {
            documentList = Evidence(url: facts.url, snippet: "document list: " + facts.documentNumbers.prefix(3).joined(separator: ", "), value: Double(facts.documentNumbers.count))
        }
        if searchForm == nil, facts.searchForm { searchForm = facts.url }
        if rss == nil, facts.rssLink { rss = facts.url }
        if englishPage == nil, let lang = facts.lang, lang.lowercased().hasPrefix("en"), facts.url != firstHTMLURL {
            englishPage = Evidence(url: facts.url, snippet: "page in English (lang=\(lang))")
        }
        for row in facts.serviceRows where serviceRows[row.key] == nil { serviceRows[row.key] = (row.level, facts.url) }
        if !unmatched.isEmpty { match(facts) }
    }

    /// Looks for the signals of the items not found yet: each link (its name, then its URL) in
    /// page order, then the headings.
    private mutating func match(_ facts: PageFacts) {
        let wantsText = unmatched.contains { !needles[$0].linkTexts.isEmpty }
        let wantsURL = unmatched.contains { !needles[$0].urls.isEmpty }
        if wantsText || wantsURL {
            for link in facts.links {
                let text = wantsText ? fold(link.text) : []
                let url = wantsURL ? Array(link.url.lowercased().utf8) : []
                unmatched.removeAll { index in
                    if let phrase = needles[index].linkTexts.firstIndex(where: { bytes(text, contain: $0) }) {
                        itemEvidence[index] = Evidence(url: facts.url, snippet: "link “\(link.text)” → \(link.url) (matches “\(items[index].linkTexts[phrase])”)")
                        return true
                    }
                    if let pattern = needles[index].urls.firstIndex(where: { bytes(url, contain: $0) }) {
                        itemEvidence[index] = Evidence(url: facts.url, snippet: "link to \(link.url) (URL contains “\(items[index].urlPatterns[pattern])”)")
                        return true
                    }
                    return false
                }
                if unmatched.isEmpty { return }
            }
        }
        guard unmatched.contains(where: { !needles[$0].headings.isEmpty }) else { return }
        for heading in facts.headings {
            let text = fold(heading)
            unmatched.removeAll { index in
                guard let phrase = needles[index].headings.firstIndex(where: { bytes(text, contain: $0) }) else { return false }
                itemEvidence[index] = Evidence(url: facts.url, snippet: "heading “\(heading)” (matches “\(items[index].headings[phrase])”)")
                return true
            }
            if unmatched.isEmpty { return }
        }
    }

    /// " folded text " as UTF-8, through the cache.
    private mutating func fold(_ text: String) -> [UInt8] {
        if let cached = folded[text] { return cached }
        if folded.count >= Self.foldCacheLimit { folded.removeAll(keepingCapacity: true) }
        let bytes = Array(" \(VietnameseText.fold(text)) ".utf8)
        folded[text] = bytes
        return bytes
    }

    /// The link or heading evidence of `item`: `.some(nil)` when looked for and not found, nil
    /// when the crawl did not look for it (it was started with another checklist).
    func evidence(for item: Checklist.Item) -> Evidence?? {
        guard let index = items.firstIndex(of: item) else { return nil }
        return .some(itemEvidence[index])
    }
}
