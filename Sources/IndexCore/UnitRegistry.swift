import Foundation
import Yams

/// A calendar day, `YYYY-MM-DD`, for unit validity.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, month (1–12) and day of the month (1–31; not checked against the month's length).
    public var year: Int, month: Int, day: Int

    /// The day with these parts, taken as given.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The last day of a data year: the day whose units a period's data describe.
    public static func endOf(year: Int) -> Day { Day(year: year, month: 12, day: 31) }

    /// Calendar order: by year, then month, then day.
    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// The day as `YYYY-MM-DD`, e.g. `2025-07-01`.
    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
}

/// The one syntax of a unit id, checked wherever an id enters: the registry, CSV, JSON and XLSX
/// answers, the workspace. Report pages are named after ids (`units/<id>.html`), so an id must be
/// a safe file name on every system:
///
/// - 1 to 64 characters: ASCII letters, digits, `-` and `_`, starting with a letter or digit
///   (no `.`, `/`, `\`, spaces or anything else that could leave a folder or hide a file);
/// - not a name Windows reserves for devices (`con`, `nul`, `com1`, …);
/// - compared without regard to case: `BO-CONG-THUONG` and `bo-cong-thuong` are one unit (two
///   files differing only in case would be one file on macOS and Windows). Registry ids are
///   lower case.
public enum UnitID {
    /// The longest id accepted.
    public static let maximumLength = 64

    static let reservedNames = Set(["con", "prn", "aux", "nul"])
        .union((1...9).flatMap { ["com\($0)", "lpt\($0)"] })

    /// Why `id` is not a valid unit id, or `nil` when it is.
    public static func problem(_ id: String) -> Message? {
        let bytes = Array(id.utf8)
        func isAlphanumeric(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) }
        guard let first = bytes.first else { return .unitIDEmpty }
        guard bytes.count <= maximumLength else {
            return .unitIDTooLong(id, limit: maximumLength)
        }
        guard isAlphanumeric(first), bytes.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else {
            return .notAUnitID(id, limit: maximumLength)
        }
        guard !reservedNames.contains(id.lowercased()) else {
            return .unitIDReserved(id)
        }
        return nil
    }

    /// Whether `id` is a valid unit id.
    public static func isValid(_ id: String) -> Bool { problem(id) == nil }

    /// The key under which ids are compared: lower case.
    public static func key(_ id: String) -> String { id.lowercased() }
}

/// A unit of the registry: a province, ministry or agency with the days it existed.
public struct RegisteredUnit: Hashable, Sendable {
    /// The unit's stable id (see ``UnitID``), e.g. `ha-noi`: what every file and result names it
    /// by.
    public var id: String
    /// The unit's official Vietnamese name with diacritics (NFC), e.g. `Thừa Thiên Huế`.
    public var name: String
    /// The id of the block the unit is ranked in (`province`, `ministry`, `agency`).
    public var block: String
    /// The first day the unit existed; `nil`: before any data.
    public var validFrom: Day?
    /// The last day the unit existed (e.g. 2025-06-30 for provinces merged on 1 July 2025); `nil`:
    /// still exists.
    public var validTo: Day?
    /// Other names the unit is found by: without diacritics, with "TP."/"Tỉnh", old names.
    public var aliases: [String]
    /// The unit's portal URL, the seed `crawl --all` starts from; `nil` when unknown.
    public var portal: String?
    /// The units this one was formed from, with optional weights for the `weighted` lineage rule.
    public var predecessors: [Predecessor]
    /// The unit's attributes (`attributes: {region: north, type: city}`): values of a
    /// methodology's unit attributes for units whose data do not give them
    /// (``UnitRegistry/attachingAttributes(to:)``).
    public var attributes: [String: String] = [:]

    /// A unit this one was formed from.
    public struct Predecessor: Hashable, Sendable {
        /// The predecessor's unit id.
        public var id: String
        /// Its weight in the `weighted` lineage rule (e.g. population); `nil` when not given.
        public var weight: Double?

        /// The predecessor `id`, weighted by `weight` when the block's lineage rule is `weighted`.
        public init(id: String, weight: Double? = nil) {
            self.id = id
            self.weight = weight
        }
    }

    /// A unit as the registry declares it.
    public init(id: String, name: String, block: String, validFrom: Day? = nil, validTo: Day? = nil, aliases: [String] = [], portal: String? = nil, predecessors: [Predecessor] = [],
                attributes: [String: String] = [:]) {
        self.attributes = attributes
        self.id = id
        self.name = name
        self.block = block
        self.validFrom = validFrom
        self.validTo = validTo
        self.aliases = aliases
        self.portal = portal
        self.predecessors = predecessors
    }

    /// Whether the unit existed on `day` (both ends of its validity included).
    public func isValid(on day: Day) -> Bool {
        (validFrom.map { $0 <= day } ?? true) && (validTo.map { day <= $0 } ?? true)
    }
}

/// How a successor's value is formed from its predecessors' values across a merger.
public enum LineageRule: String, Hashable, Sendable, CaseIterable {
    /// The mean of the predecessors (as DTI 2024 did for merged provinces).
    case mean
    /// The weighted mean with each predecessor's declared weight (e.g. population).
    case weighted
}

/// The registry of units (`Indicators/units/*.yaml`): ids, names, aliases, blocks, validity and
/// lineage. Resolves names as people write them and maps values across mergers.
public struct UnitRegistry: Sendable {
    /// Every unit of the registry, past and present, in the order the files declare them.
    public private(set) var units: [RegisteredUnit] {
        didSet { reindex() }
    }
    /// The lineage rule declared for each block.
    public private(set) var lineageRules: [String: LineageRule]
    /// Positions of units by id, and by folded name or alias: resolving stays fast with
    /// tens of thousands of units.
    private var idIndex: [String: Int] = [:]
    private var keyIndex: [String: [Int]] = [:]

    /// A registry of `units` (ids must be unique: the loader checks them), with the lineage rule of
    /// each block.
    public init(units: [RegisteredUnit], lineageRules: [String: LineageRule] = [:]) {
        self.units = units
        self.lineageRules = lineageRules
        reindex()
    }

    private mutating func reindex() {
        idIndex = [:]
        keyIndex = [:]
        for (position, unit) in units.enumerated() {
            if idIndex[unit.id] == nil { idIndex[unit.id] = position }
            for name in Set(([unit.name] + unit.aliases).map(UnitLookup.key)) {
                keyIndex[name, default: []].append(position)
            }
        }
    }

    /// Loads every `.yaml` file of a directory (sorted by name) or a single file.
    public static func load(contentsOf url: URL) throws -> UnitRegistry {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DiagnosticError([Diagnostic(.invalidValue, .noRegistryHere, at: SourceLocation(file: url.relativePath))])
        }
        let files: [URL]
        do {
            files = isDirectory.boolValue
                ? try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { url.appendingPathComponent($0) }
                : [url]
        } catch {
            throw DiagnosticError([Diagnostic(.invalidValue, .cannotListRegistry(FileProblem.describe(error)), at: SourceLocation(file: url.relativePath))])
        }
        var texts: [(name: String, text: String)] = []
        for file in files {
            do {
                texts.append((file.relativePath, try String(contentsOf: file, encoding: .utf8)))
            } catch {
                throw DiagnosticError([Diagnostic(.invalidValue, .cannotReadRegistryFile(FileProblem.describe(error)), at: SourceLocation(file: file.relativePath))])
            }
        }
        return try load(files: texts)
    }

    /// Builds a registry from the texts of registry files (e.g. copies compiled into the tool), in
    /// the order given, and checks it as a whole: every problem of every file is reported.
    public static func load(files: [(name: String, text: String)]) throws -> UnitRegistry {
        var registry = UnitRegistry(units: [])
        var problems: [Diagnostic] = []
        for file in files {
            do {
                try registry.add(yaml: file.text, fileName: file.name)
            } catch let error as DiagnosticError {
                problems.append(contentsOf: error.diagnostics)
            }
        }
        problems.append(contentsOf: registry.consistencyProblems())
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return registry
    }

    /// Adds the units of one registry file.
    public mutating func add(yaml text: String, fileName: String) throws {
        let reader = YAMLReader(file: fileName)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw DiagnosticError([Diagnostic(.syntax, .yamlError("\(error)"), at: SourceLocation(file: fileName))])
        }
        guard let map = reader.mapping(root, .aUnitRegistry, allowed: ["block", "lineage", "units"], required: ["units"]) else {
            try reader.collector.throwIfAny()
            return
        }
        let defaultBlock = map["block"].flatMap { reader.identifier($0, .key("block")) }
        var rule = LineageRule.mean
        if let lineage = reader.mapping(map["lineage"], .key("lineage"), allowed: ["rule"]), let name = reader.string(lineage["rule"], .key("lineage.rule")) {
            if let parsed = LineageRule(rawValue: name) { rule = parsed } else {
                reader.report(.unknownRule, .unknownLineageRule(name), at: lineage["rule"])
            }
        }
        let keys = ["id", "name", "block", "valid_from", "valid_to", "aliases", "portal", "predecessors", "attributes"]
        var added: [RegisteredUnit] = []
        for node in reader.sequence(map["units"], .key("units")) {
            guard let unit = reader.mapping(node, .aRegistryUnit, allowed: keys, required: ["id", "name"]),
                  let id = reader.string(unit["id"], .key("unit.id")), let name = reader.string(unit["name"], .key("unit.name")) else { continue }
            // Registry ids name report files: the one id syntax, in lower case.
            if let problem = UnitID.problem(id) {
                reader.report(.invalidValue, problem, at: unit["id"])
                continue
            }
            if id != UnitID.key(id) {
                reader.report(.invalidValue, .registryIDNotLowerCase(id, lower: UnitID.key(id)), at: unit["id"])
                continue
            }
            for (text, node) in [(name, unit["name"])] + (unit["aliases"].map { reader.sequence($0, .key("aliases")).compactMap { alias in alias.string.map { ($0, alias) } } } ?? []) {
                if let problem = InputText.problem(in: text, what: .registryUnitName(unit: id, name: InputText.displayable(text))) {
                    reader.report(.invalidValue, problem, at: node)
                }
            }
            guard let block = unit["block"].flatMap({ reader.identifier($0, .key("block")) }) ?? defaultBlock else {
                reader.report(.missingKey, .registryUnitWithoutBlock(id), at: node)
                continue
            }
            func day(_ key: String) -> Day? {
                guard let text = unit[key].flatMap({ reader.string($0, .key(key)) }) else { return nil }
                guard let day = Day(text) else {
                    reader.report(.invalidValue, .registryDateInvalid(unit: id, key: key, text: text), at: unit[key])
                    return nil
                }
                return day
            }
            var predecessors: [RegisteredUnit.Predecessor] = []
            for item in reader.sequence(unit["predecessors"], .key("predecessors")) {
                if item.scalar != nil {
                    if let pid = reader.identifier(item, .key("predecessor")) { predecessors.append(.init(id: pid, weight: nil)) }
                } else if let entry = reader.mapping(item, .aPredecessor, allowed: ["id", "weight"], required: ["id"]), let pid = reader.identifier(entry["id"], .key("predecessor")) {
                    predecessors.append(.init(id: pid, weight: entry["weight"].flatMap { reader.number($0, .key("weight")) }))
                }
            }
            var attributes: [String: String] = [:]
            if let node = unit["attributes"] {
                guard let mapping = node.mapping else {
                    reader.report(.invalidValue, .attributesNotAMapping(unit: id), at: node)
                    continue
                }
                for (keyNode, valueNode) in mapping {
                    guard let key = reader.identifier(keyNode, .anAttributeID(unit: id)), let value = reader.string(valueNode, .attributeValue(unit: id, attribute: keyNode.string ?? "")) else { continue }
                    if attributes[key] != nil { reader.report(.duplicateKey, .attributeGivenTwice(unit: id, attribute: key), at: keyNode); continue }
                    if let problem = InputText.problem(in: value, what: .attributeValue(unit: id, attribute: key)) { reader.report(.invalidValue, problem, at: valueNode); continue }
                    attributes[key] = VietnameseText.trimmed(value)
                }
            }
            added.append(RegisteredUnit(
                id: id, name: name, block: block, validFrom: day("valid_from"), validTo: day("valid_to"),
                aliases: unit["aliases"].map { reader.sequence($0, .key("aliases")).compactMap { reader.string($0, .key("alias")) } } ?? [],
                portal: unit["portal"].flatMap { reader.string($0, .key("portal")) },
                predecessors: predecessors,
                attributes: attributes
            ))
            lineageRules[block] = rule
        }
        try reader.collector.throwIfAny()
        units.append(contentsOf: added)
    }

    /// Duplicate ids and predecessors that do not exist.
    func consistencyProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var seen = Set<String>()
        for unit in units where !seen.insert(unit.id).inserted {
            problems.append(Diagnostic(.duplicateID, .registryDuplicateID(unit.id)))
        }
        for unit in units {
            for predecessor in unit.predecessors where self.unit(predecessor.id) == nil {
                problems.append(Diagnostic(.unknownUnit, .unknownPredecessor(unit: unit.id, predecessor: predecessor.id)))
            }
        }
        return problems
    }

    /// The unit with this id (ids compare without regard to case, see ``UnitID``).
    public func unit(_ id: String) -> RegisteredUnit? { (idIndex[id] ?? idIndex[UnitID.key(id)]).map { units[$0] } }

    /// Units valid on `day`, optionally of one block.
    public func units(validOn day: Day, block: String? = nil) -> [RegisteredUnit] {
        units.filter { $0.isValid(on: day) && (block == nil || $0.block == block) }
    }

    /// Finds a unit by id, name or alias (NFC, diacritics, case, "TP."/"Tỉnh" folded). With a
    /// day, only units valid then are considered, so "An Giang" means the province of that time.
    /// An unknown name is an error listing the closest names.
    public func resolve(_ query: String, on day: Day? = nil, block: String? = nil) throws -> RegisteredUnit {
        func eligible(_ unit: RegisteredUnit) -> Bool { (day.map(unit.isValid) ?? true) && (block == nil || unit.block == block) }
        if let exact = unit(query), eligible(exact) { return exact }
        let key = UnitLookup.key(query)
        let matches = (keyIndex[key] ?? []).map { units[$0] }.filter(eligible)
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw DiagnosticError([Diagnostic(.unknownUnit, .ambiguousUnit(query, candidates: matches.map { ($0.name, $0.id, $0.validity) }, byPeriod: true))])
        }
        let names = units.filter(eligible).flatMap { [$0.name] + $0.aliases }
        let closest = VietnameseText.closest(to: key, among: names)
        throw DiagnosticError([Diagnostic(.unknownUnit, .noUnitNamed(query, validOn: day.map { "\($0)" }, closest: closest))])
    }

    /// The units valid on `from` whose values stand for `unit` (valid later): the unit itself if
    /// it was valid then, else its predecessors, followed back transitively, each with its weight.
    public func ancestors(of unitID: String, validOn from: Day) -> [(id: String, weight: Double?)] {
        guard let unit = unit(unitID) else { return [] }
        if unit.isValid(on: from) { return [(unit.id, nil)] }
        var result: [(id: String, weight: Double?)] = []
        for predecessor in unit.predecessors {
            let deeper = ancestors(of: predecessor.id, validOn: from)
            if deeper.count == 1 && deeper[0].id == predecessor.id {
                result.append((predecessor.id, predecessor.weight))
            } else {
                result.append(contentsOf: deeper)
            }
        }
        return result
    }

    /// Maps values of units valid at one time onto the units valid on `day` with `rule` (or the
    /// block's declared rule): a successor gets the mean (or weighted mean) of its ancestors'
    /// values; units without any ancestor value are left out.
    public func mapValues(_ values: [String: Double], from: Day, to day: Day, block: String, rule: LineageRule? = nil) -> [(unit: RegisteredUnit, value: Double, ancestors: [String])] {
        let rule = rule ?? lineageRules[block] ?? .mean
        return units(validOn: day, block: block).compactMap { unit in
            let ancestors = ancestors(of: unit.id, validOn: from).filter { values[$0.id].map { !$0.isNaN } ?? false }
            guard !ancestors.isEmpty else { return nil }
            let weights = ancestors.map { rule == .weighted ? ($0.weight ?? 1) : 1 }
            let total = weights.reduce(0, +)
            let value = zip(ancestors, weights).reduce(0) { $0 + values[$1.0.id]! * $1.1 } / total
            return (unit, value, ancestors.map(\.id))
        }
    }
}

extension RegisteredUnit {
    var validity: Message.Validity {
        switch (validFrom, validTo) {
        case (nil, nil): .always
        case (let from?, nil): .from("\(from)")
        case (nil, let to?): .until("\(to)")
        case (let from?, let to?): .between("\(from)", "\(to)")
        }
    }
}

extension UnitRegistry {
    /// Replaces the unit named in each record (an id, a name or an alias, as written in the file)
    /// by the registry's id, name and block for the record's period. Every unknown or ambiguous
    /// name and every block that contradicts the registry is reported, with the record's location.
    public func resolve(records: [RawRecord], defaultPeriod: Int?) throws -> [RawRecord] {
        try resolve(records: records, defaultPeriod: defaultPeriod, stateless: false)
    }

    /// The stateless commands' resolution (`validate`, `compute` on files): as ``resolve(records:defaultPeriod:)``
    /// (`import`), so that the row giving a unit's id and the row giving only its name are one
    /// unit, ids written in another case are the registry's id, and an unknown id or name is an
    /// error rather than a new unit. Three differences: the name the file gives is kept for
    /// display; a record without a period is resolved
    /// among every unit (a name that fits several asks for the id or the period), and a record of
    /// a block the registry does not hold at all (an index of countries) keeps its id, which
    /// ``SurveyValidator`` still checks for syntax and duplicates.
    public func resolveStateless(records: [RawRecord], defaultPeriod: Int?) throws -> [RawRecord] {
        try resolve(records: records, defaultPeriod: defaultPeriod, stateless: true)
    }

    /// The blocks the registry holds units of.
    public var blocks: Set<String> { Set(units.map(\.block)) }

    /// `answers` with each unit's attributes from the registry (``RegisteredUnit/attributes``),
    /// for the methodology's unit attributes that the data leave unanswered; units the registry
    /// does not hold are unchanged. The engine checks that data and registry agree where both give
    /// a value (``BlockData/attribute(_:unit:)``).
    public func attachingAttributes(to answers: [UnitAnswers]) -> [UnitAnswers] {
        answers.map { answer in
            guard let unit = unit(answer.unitID), !unit.attributes.isEmpty else { return answer }
            var answer = answer
            answer.attributes = unit.attributes
            return answer
        }
    }

    private func resolve(records: [RawRecord], defaultPeriod: Int?, stateless: Bool) throws -> [RawRecord] {
        var problems: [Diagnostic] = []
        var resolved: [RawRecord] = []
        let known = blocks
        for var record in records {
            if stateless, let block = record.block, !block.isEmpty, !known.contains(block) {
                resolved.append(record)
                continue
            }
            let period = record.period ?? defaultPeriod
            if period == nil && !stateless {
                problems.append(Diagnostic(.missingKey, .recordWithoutPeriod, at: record.location))
                continue
            }
            guard let query = record.unitID ?? record.name else {
                problems.append(Diagnostic(.missingKey, .recordWithoutUnit, at: record.location))
                continue
            }
            let day = period.map(Day.endOf(year:))
            do {
                // An id in the file may be stale or a name; try the id, then the name.
                let unit: RegisteredUnit
                if let byID = try? resolve(query, on: day) {
                    unit = byID
                } else {
                    unit = try resolve(record.name ?? query, on: day)
                }
                if let block = record.block, !block.isEmpty, block != unit.block {
                    problems.append(Diagnostic(.unknownBlock, .recordBlockDiffers(query: query, name: unit.name, id: unit.id, block: unit.block, fileBlock: block), at: record.location))
                    continue
                }
                record.unitID = unit.id
                // Stateless commands show the name as the file writes it (their outputs stay
                // as before); a workspace stores the registry's.
                record.name = stateless ? (record.name ?? unit.name) : unit.name
                record.block = unit.block
                record.period = period
                resolved.append(record)
            } catch let error as DiagnosticError {
                problems.append(contentsOf: error.diagnostics.map { Diagnostic($0.code, $0.text, at: record.location) })
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return resolved
    }
}
