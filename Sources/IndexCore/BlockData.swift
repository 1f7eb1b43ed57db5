import Foundation

/// Survey answers of many units as one column of numbers per field: the layout the engine
/// computes in. Data that already comes in columns (a wide table, a database query, a data frame
/// built in memory) goes to the engine without a dictionary per unit.
public struct AnswerTable: Sendable {
    /// The units, one per row: id, name, block, period, free-text answers and sources. Their
    /// `values` are not read: the numeric answers are in ``columns``.
    public let units: [UnitAnswers]
    /// `columns[field][row]`: each unit's numeric answer to the field; NaN when not answered.
    /// A field without a column is unanswered by every unit.
    public let columns: [String: [Double]]
    /// Where each answer came from, for a table read from files (``answers(_:)`` gives each unit's
    /// ``UnitAnswers/sources``); `nil` for a table built in memory.
    public let locations: AnswerLocations?

    /// Checks that every column has one value per unit.
    ///
    /// - Throws: ``DiagnosticError`` naming each column of the wrong length.
    public init(units: [UnitAnswers], columns: [String: [Double]]) throws {
        let wrong = columns.filter { $0.value.count != units.count }.keys.sorted()
        if !wrong.isEmpty {
            throw DiagnosticError(wrong.map { field in
                Diagnostic(.invalidValue, .columnLengthMismatch(field, values: columns[field]!.count, units: units.count))
            })
        }
        self.units = units
        self.columns = columns
        locations = nil
    }

    /// A table whose columns the caller built with one value per unit.
    init(units: [UnitAnswers], checkedColumns columns: [String: [Double]], locations: AnswerLocations?) {
        self.units = units
        self.columns = columns
        self.locations = locations
    }
}

/// The answers of a block's units laid out as one column per field and derived value, units
/// sorted by id so every computation is independent of input order.
public struct BlockData: Sendable {
    /// The block's units sorted by id. Their `values` are the answers as given, empty when the
    /// block was built from an ``AnswerTable``; ``answers(_:)`` reads a unit's answers either way.
    public let units: [UnitAnswers]
    /// `columns[c][u]`: the value of ``BlockPlan/columns``[c] for unit `u`; NaN when missing.
    public let columns: [[Double]]
    private let plan: BlockPlan

    /// The number of units in the block.
    public var count: Int { units.count }

    /// The block's units among `answers`, each unit's dictionary of answers turned into columns.
    public init(plan: BlockPlan, answers: [UnitAnswers]) {
        let units = Self.blockUnits(plan, answers, id: \.unitID, block: \.block)
        // Unit by unit, walking each unit's answers once while they are in cache; a field-by-field
        // walk looks every answer up in a different dictionary and misses the cache each time.
        let n = units.count
        var fieldColumns = KeyColumnCache(ColumnLookup(plan.columns.prefix(plan.fieldCount)), fieldCount: plan.fieldCount)
        var table = [Double](repeating: .nan, count: plan.fieldCount * n)
        table.withUnsafeMutableBufferPointer { table in
            for (u, unit) in units.enumerated() {
                for (field, value) in answers[unit].values {
                    let column = fieldColumns.column(field)
                    if column >= 0 { table[column * n + u] = value }
                }
            }
        }
        self.init(plan: plan, units: units.map { answers[$0] }, fields: (0..<plan.fieldCount).map { Array(table[$0 * n ..< ($0 + 1) * n]) })
    }

    /// The block's units of `table` with their columns, shared rather than copied when the table
    /// holds just this block's units in id order.
    public init(plan: BlockPlan, table: AnswerTable) {
        let rows = Self.blockUnits(plan, table.units, id: \.unitID, block: \.block)
        let identity = rows.elementsEqual(table.units.indices) // every row, already in order
        let missing = [Double](repeating: .nan, count: rows.count)
        let fields = plan.columns.prefix(plan.fieldCount).map { field -> [Double] in
            guard let column = table.columns[field] else { return missing }
            return identity ? column : rows.map { column[$0] }
        }
        self.init(plan: plan, units: identity ? table.units : rows.map { table.units[$0] }, fields: fields)
    }

    /// Field columns in, derived columns computed.
    private init(plan: BlockPlan, units: [UnitAnswers], fields: [[Double]]) {
        var columns = fields
        columns.append(contentsOf: Array(repeating: [], count: plan.columns.count - plan.fieldCount))
        for (column, expression) in plan.derived {
            columns[column] = expression.evaluate(columns: columns, count: units.count)
        }
        self.units = units
        self.columns = columns
        self.plan = plan
    }

    /// The positions in `rows` of the block's units, sorted by id (a stable sort, skipped when
    /// they already come in order).
    private static func blockUnits<Row>(_ plan: BlockPlan, _ rows: [Row], id: KeyPath<Row, String>, block: KeyPath<Row, String>) -> [Int] {
        var selected = rows.indices.filter { rows[$0][keyPath: block] == plan.block.id }
        if zip(selected, selected.dropFirst()).contains(where: { rows[$0][keyPath: id] > rows[$1][keyPath: id] }) {
            selected.sort { rows[$0][keyPath: id] < rows[$1][keyPath: id] }
        }
        return selected
    }

    /// The answers of unit `u` with its numeric answers read from the field columns, whichever
    /// way the block was built.
    public func answers(_ u: Int) -> UnitAnswers {
        var unit = units[u]
        var values: [String: Double] = [:]
        for (column, field) in plan.columns.prefix(plan.fieldCount).enumerated() where !columns[column][u].isNaN {
            values[field] = columns[column][u]
        }
        unit.values = values
        return unit
    }

    /// The block with only the units at `positions` (in that order), derived values recomputed.
    public func keeping(_ positions: [Int]) -> BlockData {
        let fields = columns.prefix(plan.fieldCount).map { column in positions.map { column[$0] } }
        return BlockData(plan: plan, units: positions.map { units[$0] }, fields: fields)
    }

    /// Unit `u`'s value of a unit attribute (a field, usually text or choice): its answer in the
    /// data — the text, or the numeric answer written as a number — else the unit registry's value
    /// (``UnitAnswers/attributes``); `nil` when neither gives one. Where both give a value they must
    /// agree: ``attributeConflicts()`` lists where they do not, and the engine stops on them.
    public func attribute(_ field: String, unit u: Int) -> String? {
        answeredAttribute(field, unit: u) ?? units[u].attributes[field]
    }

    /// Unit `u`'s value of the attribute in the data only.
    private func answeredAttribute(_ field: String, unit u: Int) -> String? {
        if let text = units[u].texts[field], !text.isEmpty { return text }
        if let column = plan.columns.prefix(plan.fieldCount).firstIndex(of: field), !columns[column][u].isNaN { return NumberFormatting.shortest(columns[column][u]) }
        return nil
    }

    /// The units whose data and registry give different values of one of the methodology's unit
    /// attributes, as errors naming the unit, the attribute and both values, at the data's cell.
    public func attributeConflicts() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for attribute in plan.methodology.attributes {
            for u in units.indices {
                guard let registered = units[u].attributes[attribute], let answered = answeredAttribute(attribute, unit: u), answered != registered else { continue }
                let unit = units[u]
                problems.append(Diagnostic(.invalidValue, .attributeConflict(unitName: unit.name, unitID: unit.unitID, attribute: attribute, answered: answered, registered: registered),
                                           at: unit.sources[attribute]))
            }
        }
        return problems
    }

    /// The block with unit `u`'s answers replaced by `answers` (same unit, other values): the
    /// field columns are copied, the one row changed and the derived values recomputed.
    public func replacing(_ u: Int, with answers: UnitAnswers) -> BlockData {
        var fields = Array(columns.prefix(plan.fieldCount))
        for (column, field) in plan.columns.prefix(plan.fieldCount).enumerated() {
            fields[column][u] = answers.values[field] ?? .nan
        }
        var units = units
        units[u] = answers
        return BlockData(plan: plan, units: units, fields: fields)
    }
}

/// ``ColumnLookup`` behind a memo keyed by the raw 16 bytes of the key `String`s.
///
/// Building a block's columns maps every answer of every unit (1.5 million for 10,000 units of 150
/// fields) to its column. The units' dictionaries almost always share their key strings (the ids
/// of the form or CSV header), so the raw bytes of a key, its inline text for a short string or its
/// length and storage address for a long one, repeat from unit to unit and hashing those two words
/// is far cheaper than hashing the text. While the memo is in use every answers dictionary is
/// alive, so its keys' storage cannot be freed and reused: equal bytes always mean the same text.
/// Keys not seen before (or after the memo fills up) go to the ``ColumnLookup``.
struct KeyColumnCache {
    private let lookup: ColumnLookup
    private var first: [UInt64], second: [UInt64]
    /// The column of the key in the slot, -1 for a key that is not a field, `empty` for a free slot.
    private var columns: [Int]
    private var filled = 0
    private let mask: Int, shift: UInt64
    private static let empty = Int.min

    init(_ lookup: ColumnLookup, fieldCount: Int) {
        self.lookup = lookup
        var size = 64
        while size < 4 * fieldCount { size *= 2 }
        first = Array(repeating: 0, count: size)
        second = first
        columns = Array(repeating: Self.empty, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The column of the field `name`, or -1 when it is not one of the block's fields.
    @inline(__always)
    mutating func column(_ name: String) -> Int {
        guard MemoryLayout<String>.size == 16 else { return lookup[name] ?? -1 }
        let (a, b) = unsafeBitCast(name, to: (UInt64, UInt64).self)
        var slot = Int(truncatingIfNeeded: ((a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F)) >> shift) & mask
        while columns[slot] != Self.empty {
            if first[slot] == a && second[slot] == b { return columns[slot] }
            slot = (slot + 1) & mask
        }
        let column = lookup[name] ?? -1
        // Half full at most, so probes stay short; later new keys take the slow path every time.
        if 2 * (filled + 1) <= columns.count {
            first[slot] = a
            second[slot] = b
            columns[slot] = column
            filled += 1
        }
        return column
    }
}

/// Column numbers by field id, behind a cheap FNV-1a hash of the id's UTF-8 bytes: building a
/// block's columns looks up every answer of every unit, and field ids are short.
struct ColumnLookup {
    private var names: [String?]
    private var columns: [Int]
    private let mask: Int

    init(_ fields: some Collection<String>) {
        var size = 16
        while size < 2 * fields.count { size *= 2 }
        names = Array(repeating: nil, count: size)
        columns = Array(repeating: 0, count: size)
        mask = size - 1
        for (column, name) in fields.enumerated() {
            var slot = Self.hash(name) & mask
            while let existing = names[slot], existing != name { slot = (slot + 1) & mask }
            if names[slot] == nil { names[slot] = name; columns[slot] = column }
        }
    }

    subscript(name: String) -> Int? {
        var slot = Self.hash(name) & mask
        while let existing = names[slot] {
            if existing == name { return columns[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private static func hash(_ name: String) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}

