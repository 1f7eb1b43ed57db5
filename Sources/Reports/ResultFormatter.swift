import IndexCore

/// Renders an ``IndexResult`` as the stable JSON contract, CSV, or a terminal table.
public struct ResultFormatter: Sendable {
    public let result: IndexResult
    /// The blocks to include, in methodology order; `nil` means all computed blocks.
    public let blockIDs: [String]?

    public init(result: IndexResult, blocks: [String]? = nil) {
        self.result = result
        self.blockIDs = blocks
    }

    var blocks: [BlockResult] {
        result.blocks.filter { blockIDs?.contains($0.plan.block.id) ?? true }
    }

    /// The documented JSON contract of `ictindex compute --format json`:
    /// `{"index", "edition", "period", "blocks": [{"id", "name", "count", "mean", "units": [{"id",
    /// "name", "value", "rank", "components": {"<node id>": {"value", "rank"}}}]}]}`.
    /// Values are unrounded scores on 0–1 (`null` when missing); ranks are `null` when unranked;
    /// names are in `language`.
    public func json(language: Language) -> JSONValue {
        .object([
            ("index", .string(result.methodology.id)),
            ("edition", .string(result.methodology.edition)),
            ("period", result.period.map { .integer($0) } ?? .null),
            ("blocks", .array(blocks.map { block in
                let root = block.plan.rootIndex
                let stats = block.indexStatistics
                return .object([
                    ("id", .string(block.plan.block.id)),
                    ("name", .string(block.plan.block.name[language])),
                    ("count", .integer(stats.count)),
                    ("mean", .optionalNumber(stats.mean)),
                    ("units", .array(block.rankedUnitIndices.map { u in
                        let unit = block.units[u]
                        let components = block.plan.nodes.indices.filter { $0 != root }.sorted { block.plan.nodes[$0].id < block.plan.nodes[$1].id }
                        return .object([
                            ("id", .string(unit.unitID)),
                            ("name", .string(unit.name)),
                            ("value", .optionalNumber(block.score[root][u])),
                            ("rank", block.rank[root][u] == 0 ? .null : .integer(block.rank[root][u])),
                            ("components", .object(components.map { n in
                                (block.plan.nodes[n].id, .object([
                                    ("value", .optionalNumber(block.score[n][u])),
                                    ("rank", block.rank[n][u] == 0 ? .null : .integer(block.rank[n][u])),
                                ]))
                            })),
                        ])
                    })),
                ])
            })),
        ])
    }

    /// One row per unit: block, rank, id, name, index, then every node's score, unrounded.
    public func csv() -> String {
        var lines: [String] = []
        let nodeIDs = orderedNodeIDs()
        lines.append((["block", "rank", "id", "name", "value"] + nodeIDs).map(CSVWriter.escape).joined(separator: ","))
        for block in blocks {
            let root = block.plan.rootIndex
            for u in block.rankedUnitIndices {
                let unit = block.units[u]
                var cells = [block.plan.block.id, block.rank[root][u] == 0 ? "" : String(block.rank[root][u]), unit.unitID, unit.name, CSVWriter.number(block.score[root][u])]
                for id in nodeIDs {
                    cells.append(block.plan.index(of: id).map { CSVWriter.number(block.score[$0][u]) } ?? "")
                }
                lines.append(cells.map(CSVWriter.escape).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Node ids other than the root, in tree order, across the included blocks.
    func orderedNodeIDs() -> [String] {
        var ids: [String] = []
        for node in result.methodology.allNodes.dropFirst() where blocks.contains(where: { $0.plan.index(of: node.id) != nil }) {
            ids.append(node.id)
        }
        return ids
    }

    /// A ranking table per block with the index and the first-level components.
    public func table(language: Language) -> String {
        let methodology = result.methodology
        let decimals = methodology.ranking.decimals ?? 4
        var sections: [String] = []
        let periodText = result.period.map { " — \(language == .vi ? "năm" : "year") \($0)" } ?? ""
        sections.append("\(methodology.title[language])\(periodText)")
        for block in blocks {
            let plan = block.plan
            let categories = plan.root.children
            var table = TextTable(
                headers: [language == .vi ? "Hạng" : "Rank", language == .vi ? "Đơn vị" : "Unit", language == .vi ? "Chỉ số" : "Index"] + categories.map { plan.nodes[$0].id },
                alignments: [.right, .left, .right] + categories.map { _ in .right }
            )
            for u in block.rankedUnitIndices {
                let rank = block.rank[plan.rootIndex][u]
                table.append([rank == 0 ? "—" : String(rank), block.units[u].name, NumberFormat.fixed(block.score[plan.rootIndex][u], decimals: decimals, language: language)]
                    + categories.map { NumberFormat.fixed(block.score[$0][u], decimals: 3, language: language) })
            }
            let stats = block.indexStatistics
            let summary = language == .vi
                ? "\(stats.count) đơn vị · trung bình \(NumberFormat.fixed(stats.mean, decimals: decimals, language: language)) · trung vị \(NumberFormat.fixed(stats.median, decimals: decimals, language: language)) · thấp nhất \(NumberFormat.fixed(stats.minimum, decimals: decimals, language: language)) · cao nhất \(NumberFormat.fixed(stats.maximum, decimals: decimals, language: language))"
                : "\(stats.count) units · mean \(NumberFormat.fixed(stats.mean, decimals: decimals, language: language)) · median \(NumberFormat.fixed(stats.median, decimals: decimals, language: language)) · min \(NumberFormat.fixed(stats.minimum, decimals: decimals, language: language)) · max \(NumberFormat.fixed(stats.maximum, decimals: decimals, language: language))"
            let legend = categories.map { "\(plan.nodes[$0].id) \(plan.nodes[$0].label[language])" }.joined(separator: " · ")
            sections.append("\n\(plan.block.name[language])\n\(summary)\n\n\(table.rendered())\n\n\(legend)")
        }
        return sections.joined(separator: "\n") + "\n"
    }
}

/// CSV cell writing shared by every CSV output.
public enum CSVWriter {
    /// Quotes a cell when needed (RFC 4180).
    public static func escape(_ cell: String) -> String {
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }

    /// A number in shortest round-trip form; empty when missing.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
