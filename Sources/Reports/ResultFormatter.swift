import Dispatch
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
    /// as the rows are formatted: 100,000 units × 237 nodes are 250 MB of text, which is never
    /// held whole. The pieces joined are ``csv()``, byte for byte.
    public func writeCSV(chunkSize: Int = 1 << 16, _ write: (String) throws -> Void) rethrows {
        let sections = table.sections.map { section in
            // Where each column's node is among a row's components: the rows of a section list
            // their components in one order, so the places are found once (a row that differs
            // is looked up by id).
            let order = section.rows.first?.components.map(\.id) ?? []
            let rows = section.rows
            return CSVSection(block: section.block.id, components: order, count: rows.count) { range, ids, places, text, rowEnds in
                for k in range {
                    let row = rows[k]
                    Self.appendUnit(rank: row.rank, id: row.id, name: row.name, value: row.value, to: &text)
                    let components = row.components
                    let sameOrder = components.count == order.count && zip(components, order).allSatisfy { $0.id == $1 }
                    let byID = sameOrder ? [:] : Dictionary(components.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
                    for (column, id) in ids.enumerated() {
                        text.append(",")
                        if sameOrder {
                            if let k = places[column] { CSVWriter.appendNumber(components[k].value, to: &text) }
                        } else if let value = byID[id] {
                            CSVWriter.appendNumber(value, to: &text)
                        }
                    }
                    text.endRow(&rowEnds)
                }
            }
        }
        try Self.writeCSV(sections, chunkSize: chunkSize, write)
    }

    /// The CSV of the ranking of `result` (``RankingTable/init(_:blocks:)``, then ``csv()``)
    /// written straight from the engine's result, without the table's component per node and
    /// unit, in pieces as ``writeCSV(chunkSize:_:)`` hands them: the same bytes.
    public static func writeCSV(_ result: IndexResult, blocks: [String]? = nil, chunkSize: Int = 1 << 16, _ write: (String) throws -> Void) rethrows {
        let sections = result.blocks.filter { blocks?.contains($0.plan.block.id) ?? true }.map { block in
            let plan = block.plan
            let root = plan.rootIndex
            let nodes = plan.descendantsInTreeOrder
            let units = block.rankedUnitIndices
            let rootScores = block.score[root], rootRanks = block.rank[root]
            return CSVSection(block: plan.block.id, components: units.isEmpty ? [] : nodes.map { plan.nodes[$0].id }, count: units.count) { range, _, places, text, rowEnds in
                // Rows go in rank order, which is no order in the node columns: every score of a
                // row would be a cache miss. The rows' scores are first gathered column by column
                // (independent loads the processor overlaps) into a small table, row by row.
                let columns = places.map { $0.map { block.score[nodes[$0]] } }
                let width = columns.count
                var gathered = [Double](repeating: .nan, count: range.count * width)
                gathered.withUnsafeMutableBufferPointer { gathered in
                    for (c, column) in columns.enumerated() {
                        guard let column else { continue }
                        column.withUnsafeBufferPointer { column in
                            for (r, k) in range.enumerated() { gathered[r * width + c] = column[units[k]] }
                        }
                    }
                }
                for (r, k) in range.enumerated() {
                    let u = units[k]
                    appendUnit(rank: rootRanks[u], id: block.units[u].unitID, name: block.units[u].name, value: rootScores[u], to: &text)
                    for c in 0..<width {
                        text.append(",")
                        if columns[c] != nil { CSVWriter.appendNumber(gathered[r * width + c], to: &text) }
                    }
                    text.endRow(&rowEnds)
                }
            }
        }
        try writeCSV(sections, chunkSize: chunkSize, write)
    }

    /// One block's rows for the CSV: its id, the ids of the components its rows list (in their
    /// order), and how to write rows `range` after their block cell, each ended by
    /// ``CSVText/endRow(_:)`` (`ids`: the file's component columns; `places`: where each is
    /// among the section's components).
    private struct CSVSection {
        let block: String
        let components: [String]
        let count: Int
        let appendRows: (_ rows: Range<Int>, _ ids: [String], _ places: [Int?], _ text: inout CSVText, _ rowEnds: inout [Int]) -> Void
    }

    /// The UTF-8 bytes of some rows of the CSV, written without a `String` per number (Swift's
    /// shortest digits of a `Double` go straight in, through `_writeASCII`).
    private struct CSVText: TextOutputStream {
        var bytes: [UInt8] = []
        /// The block cell that starts every row of the section.
        let block: [UInt8]

        init(block: String, capacity: Int) {
            self.block = Array(block.utf8)
            bytes.reserveCapacity(capacity)
            bytes.append(contentsOf: self.block)
        }

        mutating func write(_ string: String) {
            var string = string
            string.withUTF8 { bytes.append(contentsOf: $0) }
        }

        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

        mutating func append(_ ascii: Unicode.Scalar) { bytes.append(UInt8(ascii: ascii)) }

        /// Ends a row: its line end, where it ends, and the next row's block cell.
        mutating func endRow(_ rowEnds: inout [Int]) {
            bytes.append(UInt8(ascii: "\n"))
            rowEnds.append(bytes.count)
            bytes.append(contentsOf: block)
        }
    }

    /// `,rank,id,name,value` of one unit's row (the rank empty when unranked).
    private static func appendUnit(rank: Int, id: String, name: String, value: Double, to text: inout CSVText) {
        text.append(",")
        if rank != 0 { text.write(String(rank)) }
        text.append(",")
        text.write(CSVWriter.cell(id))
        text.append(",")
        text.write(CSVWriter.cell(name))
        text.append(",")
        CSVWriter.appendNumber(value, to: &text)
    }

    /// The header and every section's rows, in pieces of about `chunkSize` bytes each ending at a
    /// line end. Rows are formatted in batches spread over the cores (numbers to text are most of
    /// the work) and written in order, so the text is the same on any number of cores. While one
    /// batch is handed to `write` on the calling thread, the next is formatted on the others.
    private static func writeCSV(_ sections: [CSVSection], chunkSize: Int, _ write: (String) throws -> Void) rethrows {
        var ids: [String] = []
        var seen: Set<String> = []
        for section in sections {
            for id in section.components where seen.insert(id).inserted { ids.append(id) }
        }
        var chunk = Array((CSVWriter.line(["block", "rank", "id", "name", "value"] + ids) + "\n").utf8)
        chunk.reserveCapacity(min(chunkSize, 1 << 20) + 4096)
        let rowsPerTask = 64, tasksPerBatch = 32
        // Per section: its block cell, and where each column's node is among its components.
        let layouts = sections.map { section -> (block: String, places: [Int?]) in
            let place = Dictionary(section.components.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            return (CSVWriter.cell(section.block), ids.map { place[$0] })
        }
        // Every batch of rows in file order: its section and its rows.
        var batches: [(section: Int, rows: Range<Int>)] = []
        for (index, section) in sections.enumerated() {
            for start in stride(from: 0, to: section.count, by: rowsPerTask * tasksPerBatch) {
                batches.append((index, start ..< min(section.count, start + rowsPerTask * tasksPerBatch)))
            }
        }
        let columns = ids.count
        /// Batch `index` as text, one piece per task of `rowsPerTask` rows, with where its rows end.
        func format(_ index: Int) -> [(text: [UInt8], rowEnds: [Int])] {
            let (number, batch) = batches[index]
            let section = sections[number], layout = layouts[number]
            let tasks = (batch.count + rowsPerTask - 1) / rowsPerTask
            let workers = Parallel.workers(items: tasks, units: rowsPerTask * max(1, columns))
            return Parallel.map(count: tasks, workers: workers, state: {}) { _, task -> (text: [UInt8], rowEnds: [Int]) in
                let rows = batch.lowerBound + task * rowsPerTask ..< min(batch.upperBound, batch.lowerBound + (task + 1) * rowsPerTask)
                var text = CSVText(block: layout.block, capacity: rows.count * (32 + 20 * columns))
                var rowEnds: [Int] = []
                section.appendRows(rows, ids, layout.places, &text, &rowEnds)
                return (text.bytes, rowEnds)
            }
        }
        var next = batches.isEmpty ? [] : format(0)
        for index in batches.indices {
            let pieces = next
            // Started before this batch is written, taken after (a `write` that throws leaves it
            // to finish on its own: it holds what it reads).
            let ahead = index + 1 < batches.count ? Ahead { format(index + 1) } : nil
            for piece in pieces {
                var rowStart = 0
                for rowEnd in piece.rowEnds {
                    // A full chunk (always ending at a line end) is handed over before the next row.
                    if chunk.count >= chunkSize {
                        try write(String(decoding: chunk, as: UTF8.self))
                        chunk.removeAll(keepingCapacity: true)
                    }
                    piece.text.withUnsafeBufferPointer { chunk.append(contentsOf: UnsafeBufferPointer(rebasing: $0[rowStart..<rowEnd])) }
                    rowStart = rowEnd
                }
            }
            next = ahead?.wait() ?? []
        }
        if !chunk.isEmpty { try write(String(decoding: chunk, as: UTF8.self)) }
    }

    /// Work started on another thread when made, its result taken with ``wait()``.
    private final class Ahead<Value>: @unchecked Sendable {
        // `work` runs once, on the queue's thread; `value` is written there before `done` is
        // signalled and read only after `wait()` has seen the signal.
        private let work: () -> Value
        private var value: Value?
        private let done = DispatchSemaphore(value: 0)

        init(_ work: @escaping () -> Value) {
            self.work = work
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                value = self.work()
                done.signal()
            }
        }

        /// The work's result, once it is done.
        func wait() -> Value {
            done.wait()
            return value!
        }
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
