import Foundation
import IndexCore
import Yams

/// One result of checking a portal: a checklist item found or not, a technical or accessibility
/// check passed or not, or something the crawl ran into (a redirect loop, a trap, a bomb).
public struct Finding: Sendable, Codable, Hashable {
    /// The check id: `item.<id>` for checklist items, `tech.*`, `a11y.*`, `content.*`,
    /// `services.*`, and `crawl.*` for what the crawl ran into.
    public var check: String
    public var passed: Bool
    /// The page that shows it (or where the problem was met).
    public var url: String?
    /// What was found: a link text, a heading, a header, a number.
    public var snippet: String?
    /// A measured value, when the check has one (days, a ratio, a count).
    public var value: Double?

    public init(check: String, passed: Bool, url: String? = nil, snippet: String? = nil, value: Double? = nil) {
        self.check = check
        self.passed = passed
        self.url = url
        self.snippet = snippet
        self.value = value
    }
}

/// The legal checklist of what a portal must carry, read from `Indicators/portal/*.yaml`: items
/// with their detection signals, parameters of the technical checks, and how results feed the
/// methodology's fields. See docs/portal-audit.md.
public struct Checklist: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var id: String
        /// `information` (mandatory information groups) or `function` (support functions).
        public var group: String
        public var label: LocalizedText
        /// Menu and link texts (matched after folding diacritics, case and punctuation).
        public var linkTexts: [String]
        public var headings: [String]
        /// Substrings of URLs (case-insensitive).
        public var urlPatterns: [String]
        /// Named structure detectors: `document_numbers`, `search_form`, `rss`, `sitemap`,
        /// `service_list`, `viewport`, `accessibility`, `foreign_language`.
        public var structures: [String]
    }

    /// How a methodology field is derived from the results.
    public enum FieldSource: Sendable, Hashable {
        /// The number of items of a group found (capped at `max` when given).
        case countGroup(String, max: Double?)
        /// 1 when the item was found, else 0.
        case item(String)
        /// 1 when the check passed, else 0.
        case check(String)
        /// A measured value: `freshness_days`, `services_level3`, `services_level4`, `procedures_total`.
        case measure(String)
    }

    public var id: String
    public var title: LocalizedText
    /// The first day the decree applies; the checklist for a period is the latest one in force
    /// at the period's end.
    public var validFrom: Day
    public var items: [Item]
    public var fields: [(field: String, source: FieldSource)]
    /// Parameters of the technical checks (`freshness_max_days`, `response_time_max_seconds`…).
    public var parameters: [String: Double]

    public static func == (a: Checklist, b: Checklist) -> Bool { a.id == b.id && a.validFrom == b.validFrom && a.items == b.items }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// Loads every checklist in `directory` (sorted by `valid_from`).
    public static func loadAll(from directory: URL) throws -> [Checklist] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { try load(yaml: String(contentsOf: $0, encoding: .utf8), fileName: $0.lastPathComponent) }.sorted { $0.validFrom < $1.validFrom }
    }

    /// The checklist in force for `period` (the latest whose `valid_from` is not after 31 December).
    public static func forPeriod(_ period: Int, among checklists: [Checklist]) -> Checklist? {
        checklists.last { $0.validFrom <= Day.endOf(year: period) } ?? checklists.first
    }

    /// Parses one checklist file; problems are reported as diagnostics naming the file.
    public static func load(yaml: String, fileName: String) throws -> Checklist {
        func fail(_ message: String) -> DiagnosticError {
            DiagnosticError([Diagnostic(.invalidValue, message, at: SourceLocation(file: fileName))])
        }
        guard let root = try Yams.load(yaml: yaml) as? [String: Any] else { throw fail("a checklist is a mapping") }
        func localized(_ value: Any?) -> LocalizedText {
            if let map = value as? [String: Any] { return LocalizedText(vi: map["vi"] as? String ?? "", en: map["en"] as? String ?? "") }
            let text = value as? String ?? ""
            return LocalizedText(vi: text, en: text)
        }
        func strings(_ value: Any?) -> [String] { (value as? [Any])?.map { "\($0)" } ?? [] }
        guard let id = root["id"] as? String else { throw fail("the checklist has no id") }
        guard let validFrom = (root["valid_from"] as? String).flatMap(Day.init) ?? (root["valid_from"] as? Date).map(Self.day) else {
            throw fail("valid_from must be a date (yyyy-mm-dd)")
        }
        var items: [Item] = []
        for case let map as [String: Any] in root["items"] as? [Any] ?? [] {
            guard let itemID = map["id"] as? String else { throw fail("an item has no id") }
            let signals = map["signals"] as? [String: Any] ?? [:]
            let known: Set<String> = ["link_text", "heading", "url", "structure"]
            if let unknown = signals.keys.first(where: { !known.contains($0) }) { throw fail("item \(itemID): unknown signal '\(unknown)' (known: link_text, heading, url, structure)") }
            let item = Item(id: itemID, group: map["group"] as? String ?? "information", label: localized(map["label"]),
                            linkTexts: strings(signals["link_text"]).map(VietnameseText.fold), headings: strings(signals["heading"]).map(VietnameseText.fold),
                            urlPatterns: strings(signals["url"]).map { $0.lowercased() }, structures: strings(signals["structure"]))
            if let bad = item.structures.first(where: { !Evaluator.structures.contains($0) }) { throw fail("item \(itemID): unknown structure '\(bad)'") }
            if item.linkTexts.isEmpty && item.headings.isEmpty && item.urlPatterns.isEmpty && item.structures.isEmpty { throw fail("item \(itemID) has no signal") }
            items.append(item)
        }
        if items.isEmpty { throw fail("the checklist has no items") }
        var fields: [(String, FieldSource)] = []
        for (field, value) in (root["fields"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let map = value as? [String: Any] else { throw fail("field \(field): expected a mapping") }
            if let group = map["count_group"] as? String {
                fields.append((field, .countGroup(group, max: (map["max"] as? Int).map(Double.init) ?? map["max"] as? Double)))
            } else if let item = map["item"] as? String {
                guard items.contains(where: { $0.id == item }) else { throw fail("field \(field): unknown item '\(item)'") }
                fields.append((field, .item(item)))
            } else if let check = map["check"] as? String {
                fields.append((field, .check(check)))
            } else if let measure = map["measure"] as? String {
                guard Evaluator.measures.contains(measure) else { throw fail("field \(field): unknown measure '\(measure)'") }
                fields.append((field, .measure(measure)))
            } else {
                throw fail("field \(field): give count_group, item, check or measure")
            }
        }
        var parameters: [String: Double] = [:]
        for (key, value) in root["parameters"] as? [String: Any] ?? [:] {
            if let number = value as? Double { parameters[key] = number } else if let number = value as? Int { parameters[key] = Double(number) }
        }
        return Checklist(id: id, title: localized(root["title"]), validFrom: validFrom, items: items, fields: fields, parameters: parameters)
    }

    static func day(_ date: Date) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: c.year!, month: c.month!, day: c.day!)
    }
}
