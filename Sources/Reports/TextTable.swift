import IndexCore

/// A plain-text table with aligned columns for terminals. Widths count characters (grapheme
/// clusters), so Vietnamese with diacritics aligns.
public struct TextTable: Sendable {
    /// How a column's cells sit in its width.
    public enum Alignment: Sendable {
        /// Padded on the right: text.
        case left
        /// Padded on the left: numbers, so that their digits line up.
        case right
    }

    /// The column titles.
    public var headers: [String]
    /// One alignment per column.
    public var alignments: [Alignment]
    /// The rows, each with one cell per column.
    public var rows: [[String]] = []

    /// An empty table with these columns.
    public init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    /// Adds a row (one cell per column).
    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The table as aligned lines. Control and bidirectional formatting characters in a cell
    /// (see ``InputText``) are shown as U+FFFD: a carriage return would otherwise overwrite the
    /// row on a terminal, and a right-to-left override would reorder it.
    public func rendered() -> String {
        let all = ([headers] + rows).map { $0.map { InputText.displayable($0) } }
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return alignments[column] == .left ? cell + padding : padding + cell
            }.joined(separator: "  ").replacing(/\s+$/, with: "")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(all[0]), rule] + all.dropFirst().map(line)).joined(separator: "\n")
    }
}
