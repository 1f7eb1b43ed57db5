import Foundation
import IndexCore
import IndexStore
import Yams

/// One result of checking a portal: a checklist item found or not, a technical or accessibility
/// check passed or not, or something the crawl ran into (a redirect loop, a trap, a bomb).
public struct Finding: Sendable, Codable, Hashable {
    /// The check id: `item.<id>` for checklist items, `tech.*`, `a11y.*`, `content.*`,
    /// `services.*`, and `crawl.*` for what the crawl ran into.
    public var check: String
    /// Whether the portal passed the check (for items: whether the item was found).
    public var passed: Bool
    /// The page that shows it (or where the problem was met).
    public var url: String?
    /// What was found: a link text, a heading, a header, a number.
    public var snippet: String?
    /// A measured value, when the check has one (days, a ratio, a count).
    public var value: Double?

    /// A finding with its evidence.
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
    /// Something the decree says a portal must carry, with the signals that find it.
    public struct Item: Sendable, Hashable {
        /// The item's id in the checklist, e.g. `contact` (its finding is `item.contact`).
        public var id: String
        /// `information` (mandatory information groups) or `function` (support functions).
        public var group: String
        /// The item as the decree names it.
        public var label: LocalizedText
        /// Menu and link texts (matched after folding diacritics, case and punctuation).
        public var linkTexts: [String]
        /// Page headings that show the item (matched like link texts).
        public var headings: [String]
        /// Substrings of URLs (case-insensitive).
        public var urlPatterns: [String]
        /// Named structure detectors: `document_numbers`, `search_form`, `rss`, `sitemap`,
        /// `service_list`, `viewport`, `accessibility`, `foreign_language`.
        public var structures: [String]
        /// The article of the decree the item comes from (`article:`, e.g. `Điều 6`), shown beside
        /// its label; `nil` when the checklist does not cite one.
        public var article: String? = nil
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

    /// One methodology field fed by the crawl: how its value is derived and how it stands beside
    /// the unit's survey answer (which counts, what the crawl's value means, the tolerance).
    public struct FieldMapping: Sendable, Hashable {
        /// The methodology field fed.
        public var field: String
        /// How its value is derived from the findings.
        public var source: FieldSource
        /// Which value counts beside the survey answer, and what the crawl's value means.
        public var precedence: FieldPrecedence

        /// A mapping of `field` from `source`, with its precedence.
        public init(field: String, source: FieldSource, precedence: FieldPrecedence) {
            self.field = field
            self.source = source
            self.precedence = precedence
        }
    }

    /// The checklist's id, e.g. `nd42-2022`.
    public var id: String
    /// The decree's name.
    public var title: LocalizedText
    /// The first day the decree applies; the checklist for a period is the latest one in force
    /// at the period's end.
    public var validFrom: Day
    /// The items in the order of the file.
    public var items: [Item]
    /// The fields fed by the crawl, sorted by field id.
    public var fields: [FieldMapping]
    /// Parameters of the technical checks (`freshness_max_days`, `response_time_max_seconds`…).
    public var parameters: [String: Double]

    /// Checklists are equal when their id, first day and items are.
    public static func == (a: Checklist, b: Checklist) -> Bool { a.id == b.id && a.validFrom == b.validFrom && a.items == b.items }
    /// Hashes the id (consistent with `==`).
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

    /// The keys of a field mapping, besides its one source key.
    static let sourceKeys = ["count_group", "item", "check", "measure"]

    /// Parses one checklist file. Every problem is reported (all of them, not only the first) as
    /// a diagnostic naming the file, line and column.
    public static func load(yaml: String, fileName: String) throws -> Checklist {
        let reader = YAMLReader(file: fileName)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw DiagnosticError([Diagnostic(.syntax, .yamlError("\(error)"), at: SourceLocation(file: fileName))])
        }
        guard let map = reader.mapping(root, .aChecklist, allowed: ["id", "title", "valid_from", "parameters", "items", "fields"],
                                       required: ["id", "valid_from", "items", "fields"]) else {
            try reader.collector.throwIfAny()
            throw DiagnosticError([Diagnostic(.invalidValue, .checklistEmpty, at: SourceLocation(file: fileName))])
        }
        let id = reader.identifier(map["id"], .key("id"))
        let title = reader.localized(map["title"], .key("title")) ?? LocalizedText(vi: "", en: "")
        var validFrom: Day?
        if let text = reader.string(map["valid_from"], .key("valid_from")) {
            validFrom = Day(text)
            if validFrom == nil { reader.report(.invalidValue, .validFromNotDate(text), at: map["valid_from"]) }
        }
        var parameters: [String: Double] = [:]
        if let node = map["parameters"], let mapping = node.mapping {
            for (key, value) in mapping {
                guard let name = reader.identifier(key, .key("parameters")) else { continue }
                if let number = reader.number(value, .key("parameters.\(name)")) { parameters[name] = number }
            }
        } else if map["parameters"] != nil {
            reader.report(.invalidValue, .parametersNotMapping, at: map["parameters"])
        }
        var items: [Item] = []
        for node in reader.sequence(map["items"], .key("items")) {
            guard let item = reader.mapping(node, .anItem, allowed: ["id", "group", "label", "article", "signals"], required: ["id", "signals"]),
                  let itemID = reader.identifier(item["id"], .key("item.id")) else { continue }
            if items.contains(where: { $0.id == itemID }) {
                reader.report(.duplicateID, .itemTwice(itemID), at: item["id"])
                continue
            }
            let group = item["group"].flatMap { reader.string($0, .key("group", of: .checklistItem(itemID))) } ?? "information"
            if !["information", "function"].contains(group) {
                reader.report(.invalidValue, .itemGroupInvalid(itemID, group), at: item["group"])
            }
            guard let signals = reader.mapping(item["signals"], .key("signals", of: .checklistItem(itemID)), allowed: ["link_text", "heading", "url", "structure"]) else { continue }
            func strings(_ key: String) -> [String] {
                guard let node = signals[key] else { return [] }
                if node.scalar != nil { return reader.string(node, .key(key, of: .checklistItem(itemID))).map { [$0] } ?? [] }
                return reader.sequence(node, .key(key, of: .checklistItem(itemID))).compactMap { reader.string($0, .key(key, of: .checklistItem(itemID))) }
            }
            let structures = strings("structure")
            for (index, structure) in structures.enumerated() where !Evaluator.structures.contains(structure) {
                let at = signals["structure"]?.sequence.map { Array($0) }.flatMap { index < $0.count ? $0[index] : nil } ?? signals["structure"]
                reader.report(.invalidValue, .itemUnknownStructure(itemID, structure, known: Evaluator.structures.sorted()), at: at)
            }
            let parsed = Item(id: itemID, group: group, label: reader.localized(item["label"], .key("label", of: .checklistItem(itemID))) ?? LocalizedText(vi: itemID, en: itemID),
                              linkTexts: strings("link_text").map(VietnameseText.fold), headings: strings("heading").map(VietnameseText.fold),
                              urlPatterns: strings("url").map { $0.lowercased() }, structures: structures.filter(Evaluator.structures.contains),
                              article: item["article"].flatMap { reader.string($0, .key("article", of: .checklistItem(itemID))) })
            if parsed.linkTexts.isEmpty && parsed.headings.isEmpty && parsed.urlPatterns.isEmpty && parsed.structures.isEmpty {
                reader.report(.missingKey, .itemWithoutSignal(itemID), at: item["signals"])
            }
            items.append(parsed)
        }
        if items.isEmpty, map["items"] != nil { reader.report(.missingKey, .checklistWithoutItems, at: map["items"]) }
        var fields: [FieldMapping] = []
        if let node = map["fields"], let mapping = node.mapping {
            for (key, value) in mapping {
                guard let field = reader.identifier(key, .key("fields")) else { continue }
                if let parsed = fieldMapping(field, value, items: items, reader: reader) { fields.append(parsed) }
            }
        } else if map["fields"] != nil {
            reader.report(.invalidValue, .checklistFieldsNotMapping, at: map["fields"])
        }
        try reader.collector.throwIfAny()
        guard let id, let validFrom else { throw DiagnosticError([Diagnostic(.invalidValue, .checklistWithoutIDOrDate, at: SourceLocation(file: fileName))]) }
        return Checklist(id: id, title: title, validFrom: validFrom, items: items, fields: fields.sorted { $0.field < $1.field }, parameters: parameters)
    }

    /// One entry of `fields:`: exactly one source key, and the field's precedence (`counts`,
    /// `crawl_value`, optional `tolerance`), which every field must declare.
    static func fieldMapping(_ field: String, _ node: Node, items: [Item], reader: YAMLReader) -> FieldMapping? {
        guard let map = reader.mapping(node, .checklistField(field), allowed: sourceKeys + ["max", "counts", "crawl_value", "tolerance"], required: ["counts", "crawl_value"]) else { return nil }
        let given = sourceKeys.filter { map[$0] != nil }
        guard given.count == 1, let key = given.first, let argument = reader.string(map[key], .key(key, of: .checklistField(field))) else {
            reader.report(given.isEmpty ? .missingKey : .invalidValue, .fieldNeedsOneSource(field), at: node)
            return nil
        }
        var source: FieldSource?
        switch key {
        case "count_group":
            source = .countGroup(argument, max: map["max"].flatMap { reader.number($0, .key("max", of: .checklistField(field))) })
        case "item":
            if items.contains(where: { $0.id == argument }) { source = .item(argument) } else {
                reader.report(.invalidValue, .fieldUnknownItem(field, argument), at: map[key])
            }
        case "check":
            source = .check(argument)
        default:
            if Evaluator.measures.contains(argument) { source = .measure(argument) } else {
                reader.report(.invalidValue, .fieldUnknownMeasure(field, argument, known: Evaluator.measures.sorted()), at: map[key])
            }
        }
        if map["max"] != nil, key != "count_group" { reader.report(.invalidValue, .maxOnlyForCountGroup(field), at: map["max"]) }
        var counts: AnswerSource?
        if let text = reader.string(map["counts"], .key("counts", of: .checklistField(field))) {
            counts = AnswerSource(rawValue: text)
            if counts == nil { reader.report(.invalidValue, .countsInvalid(field, text), at: map["counts"]) }
        }
        var bound: CrawlBound?
        if let text = reader.string(map["crawl_value"], .key("crawl_value", of: .checklistField(field))) {
            bound = CrawlBound(rawValue: text)
            if bound == nil { reader.report(.invalidValue, .crawlValueInvalid(field, text), at: map["crawl_value"]) }
        }
        var tolerance: Double = 0
        if let node = map["tolerance"], let value = reader.number(node, .key("tolerance", of: .checklistField(field))) {
            if value < 0 { reader.report(.outOfRange, .toleranceNegative(field), at: node) } else { tolerance = value }
        }
        guard let source, let counts, let bound else { return nil }
        return FieldMapping(field: field, source: source, precedence: FieldPrecedence(counts: counts, crawlValue: bound, tolerance: tolerance))
    }
}
