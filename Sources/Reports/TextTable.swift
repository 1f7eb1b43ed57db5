import IndexCore

/// A plain-text table with aligned columns for terminals. Widths count characters (grapheme
/// clusters), so Vietnamese with diacritics aligns.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

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
