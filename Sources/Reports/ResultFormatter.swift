import IndexCore
import Formats

/// Renders a ``RankingTable`` as the stable JSON contract, CSV, or a terminal table.
public struct ResultFormatter: Sendable {
    /// The ranking to render.
    public let table: RankingTable

    /// A formatter of `table`.
    public init(_ table: RankingTable) {
        self.table = table
    }

    /// The documented JSON contract of `ictindex compute --format json` (docs/compute-json.md):
    /// `{"index", "edition", "period", "blocks": [{"id", "name", "count", "mean", "units": [{"id",
    /// "name", "value", "rank", "components": {"<node id>": {"value", "rank"}}}]}]}`.
    /// Values are unrounded scores on 0–1 (`null` when missing); ranks are `null` when unranked;
    /// names are in `language`. A lineage view adds `"as_of"`, `"lineage_rule"` and each unit's
    /// `"ancestors"`; a methodology with unit attributes adds each unit's `"groups"` (its group and
    /// rank within it per attribute); one that screens units adds the block's `"screened"`; a
    /// ranking restricted to one group (``RankingTable/restricted(to:)``) adds `"group"`
    /// (`{"attribute", "value"}`), and `count` and `mean` are then the group's.
    public func json(language: Language) -> JSONValue {
        var top: [(String, JSONValue)] = [
            ("index", .string(table.methodology.id)),
            ("edition", .string(table.methodology.edition)),
            ("period", table.period.map { .integer($0) } ?? .null),
        ]
        if let lineage = table.lineage {
            top.append(("as_of", .string(lineage.day.description)))
            top.append(("lineage_rule", .string(lineage.rule.rawValue)))
        }
        if let group = table.group {
            top.append(("group", .object([("attribute", .string(group.attribute)), ("value", .string(group.value))])))
        }
        top.append(("blocks", .array(table.sections.map { section in
            let stats = section.statistics
            var block: [(String, JSONValue)] = [
                ("id", .string(section.block.id)),
                ("name", .string(section.block.name[language])),
                ("count", .integer(stats.count)),
                ("mean", .optionalNumber(stats.mean)),
                ("units", .array(section.rows.map { row in
                    var pairs: [(String, JSONValue)] = [
                        ("id", .string(row.id)),
                        ("name", .string(row.name)),
                        ("value", .optionalNumber(row.value)),
                        ("rank", row.rank == 0 ? .null : .integer(row.rank)),
                        ("components", .object(row.components.sorted { $0.id < $1.id }.map { component in
                            (component.id, .object([
                                ("value", .optionalNumber(component.value)),
                                ("rank", component.rank == 0 ? .null : .integer(component.rank)),
                            ]))
                        })),
                    ]
                    if let ancestors = row.ancestors { pairs.append(("ancestors", .array(ancestors.map { .string($0) }))) }
                    // Only when the methodology declares unit attributes: the contract is unchanged otherwise.
                    if !row.groups.isEmpty {
                        pairs.append(("groups", .object(row.groups.map { group in
                            (group.attribute, .object([
                                ("value", group.group.map { .string($0) } ?? .null),
                                ("rank", group.rank == 0 ? .null : .integer(group.rank)),
                            ]))
                        })))
                    }
                    return .object(pairs)
                })),
            ]
            // Only when the methodology screens units out: the contract is unchanged otherwise.
            if !section.screened.isEmpty {
                block.append(("screened", .array(section.screened.map { screened in
                    .object([
                        ("id", .string(screened.unit.unitID)),
                        ("name", .string(screened.unit.name)),
                        ("indicators", .integer(screened.indicators)),
                        ("of", .integer(screened.of)),
                        ("reason", .string(screened.reason[language])),
                    ])
                })))
            }
            return .object(block)
        })))
        return .object(top)
    }

    /// One row per unit: block, rank, id, name, index, then every node's score, unrounded. Ids
    /// and names are neutralised against formula injection.
    public func csv() -> String {
        var text = ""
        writeCSV { text += $0 }
        return text
    }

    /// ``csv()`` handed to `write` in pieces of about `chunkSize` bytes, each ending at a line end,
    /// as the rows are formatted: 100,000 units × 237 nodes are 460 MB of text, which is never
    /// held whole. The pieces joined are ``csv()``, byte for byte.
    public func writeCSV(chunkSize: Int = 1 << 16, _ write: (String) throws -> Void) rethrows {
        var ids: [String] = []
        var seen: Set<String> = []
        for section in table.sections {
            for component in section.rows.first?.components ?? [] where seen.insert(component.id).inserted { ids.append(component.id) }
        }
        var chunk = CSVWriter.line(["block", "rank", "id", "name", "value"] + ids) + "\n"
        chunk.reserveCapacity(min(chunkSize, 1 << 20) + 4096)
        for section in table.sections {
            let block = CSVWriter.cell(section.block.id)
            // Where each column's node is among a row's components: the rows of a section list
            // their components in one order, so the places are found once (a row that differs
            // is looked up by id).
            let order = section.rows.first?.components.map(\.id) ?? []
            let place = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let places = ids.map { place[$0] }
            for row in section.rows {
                // A full chunk (always ending at a line end) is handed over before the next row.
                if chunk.utf8.count >= chunkSize {
                    try write(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
                chunk += block
                chunk += ","
                if row.rank != 0 { chunk += String(row.rank) }
                chunk += ","
                chunk += CSVWriter.cell(row.id)
                chunk += ","
                chunk += CSVWriter.cell(row.name)
                chunk += ","
                CSVWriter.appendNumber(row.value, to: &chunk)
                let components = row.components
                let sameOrder = components.count == order.count && zip(components, order).allSatisfy { $0.id == $1 }
                let byID = sameOrder ? [:] : Dictionary(components.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
                for (column, id) in ids.enumerated() {
                    chunk += ","
                    if sameOrder {
                        if let k = places[column] { CSVWriter.appendNumber(components[k].value, to: &chunk) }
                    } else if let value = byID[id] {
                        CSVWriter.appendNumber(value, to: &chunk)
                    }
                }
                chunk += "\n"
            }
        }
        if !chunk.isEmpty { try write(chunk) }
    }

    /// A ranking table per block with the index and the first-level components.
    public func text(language: Language) -> String {
        func say(_ message: Message) -> String { message.text(in: language) }
        let decimals = table.methodology.ranking.decimals ?? 4
        func fixed(_ value: Double, _ places: Int) -> String { NumberFormat.fixed(value, decimals: places, language: language) }
        var title = table.methodology.title[language]
        if let period = table.period { title += say(.rankingTitleYear(period)) }
        if let lineage = table.lineage { title += "\n" + say(.rankingAsUnitsOf(lineage.day.description, rule: lineage.rule)) }
        if let group = table.group {
            title += "\n" + Message.groupFilterTitle(attribute: group.attribute, value: InputText.displayable(group.value)).text(in: language)
        }
        var sections = [title]
        for section in table.sections {
            let categoryIDs = section.categories.map(\.id)
            // Per unit attribute, the unit's group and its rank within the group, beside the rank.
            let attributes = section.rows.first?.groups.map(\.attribute) ?? []
            var text = TextTable(
                headers: [say(.reportRank)] + attributes.flatMap { [$0, say(.rankingRankIn($0))] }
                    + [say(.reportUnit), say(.reportIndex)] + categoryIDs,
                alignments: [.right] + attributes.flatMap { _ in [TextTable.Alignment.left, .right] } + [.left, .right] + categoryIDs.map { _ in .right }
            )
            for row in section.rows {
                let byID = Dictionary(uniqueKeysWithValues: row.components.map { ($0.id, $0.value) })
                let groups = row.groups.flatMap { [InputText.displayable($0.group ?? "—"), $0.rank == 0 ? "—" : String($0.rank)] }
                text.append([row.rank == 0 ? "—" : String(row.rank)] + groups + [row.name, fixed(row.value, decimals)] + categoryIDs.map { fixed(byID[$0] ?? .nan, 3) })
            }
            let s = section.statistics
            let summary = say(.reportUnitsMeanMedianMinMax(count: "\(s.count)", mean: fixed(s.mean, decimals), median: fixed(s.median, decimals),
                                                           minimum: fixed(s.minimum, decimals), maximum: fixed(s.maximum, decimals)))
            let legend = section.categories.map { "\($0.id) \($0.label[language])" }.joined(separator: " · ")
            var screened = ""
            if !section.screened.isEmpty {
                screened = "\n\n" + say(.reportNotRankedScreenedOutFor)
                for unit in section.screened { screened += "\n  \(InputText.displayable(unit.unit.name)) (\(unit.unit.unitID)): \(unit.reason[language])" }
            }
            sections.append("\n\(section.block.name[language])\n\(summary)\n\n\(text.rendered())\n\n\(legend)\(screened)")
        }
        return sections.joined(separator: "\n") + "\n"
    }
}
