/// A cell address on a worksheet, like `C7`: a 1-based column (A = 1) and a 1-based row.
public struct XLSXCellReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 1-based column number: A = 1, Z = 26, AA = 27.
    public var column: Int
    /// The 1-based row number.
    public var row: Int

    /// The largest column and row numbers a worksheet allows (XFD1048576).
    public static let maximumColumn = 16_384
    /// The largest row number a worksheet allows.
    public static let maximumRow = 1_048_576

    /// The cell at a 1-based column and row.
    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Parses an address such as `C7` or `$C$7` (the dollar signs are ignored); `nil` when it is
    /// not one or is outside the sheet.
    public init?(_ text: String) {
        var letters = 0, digits = 0
        var column = 0, row = 0
        for scalar in text.unicodeScalars where scalar != "$" {
            switch scalar {
            case "A"..."Z", "a"..."z":
                guard digits == 0 else { return nil }
                let upper = scalar.value >= 97 ? scalar.value - 32 : scalar.value
                column = column * 26 + Int(upper - 64)
                letters += 1
                if letters > 3 { return nil }
            case "0"..."9":
                guard letters > 0 else { return nil }
                row = row * 10 + Int(scalar.value - 48)
                digits += 1
                if digits > 7 { return nil }
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, row >= 1, row <= Self.maximumRow, column <= Self.maximumColumn else { return nil }
        self.column = column
        self.row = row
    }

    /// The column letters of a 1-based column number: 1 → `A`, 27 → `AA`.
    public static func columnName(_ column: Int) -> String {
        var number = column
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The address, e.g. `C7`.
    public var description: String { Self.columnName(column) + String(row) }

    /// The absolute address, e.g. `$C$7`, as used in formulas and defined names.
    public var absolute: String { "$" + Self.columnName(column) + "$" + String(row) }

    /// Reading order: by row, then by column (A1 < B1 < A2).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}

/// A rectangular range of cells, like `B3:D5` (a single cell is written `B3`).
public struct XLSXCellRange: Hashable, Sendable, CustomStringConvertible {
    /// The top-left cell.
    public var start: XLSXCellReference
    /// The bottom-right cell.
    public var end: XLSXCellReference

    /// The range spanning two corners, in any order.
    public init(_ start: XLSXCellReference, _ end: XLSXCellReference) {
        self.start = XLSXCellReference(column: min(start.column, end.column), row: min(start.row, end.row))
        self.end = XLSXCellReference(column: max(start.column, end.column), row: max(start.row, end.row))
    }

    /// Parses `B3:D5` or `B3`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let start = XLSXCellReference(String(parts[0])),
              let end = XLSXCellReference(String(parts.last!)) else { return nil }
        self.init(start, end)
    }

    /// Whether `cell` lies in the range.
    public func contains(_ cell: XLSXCellReference) -> Bool {
        (start.column...end.column).contains(cell.column) && (start.row...end.row).contains(cell.row)
    }

    /// `B3:D5`, or `B3` for a single cell.
    public var description: String { start == end ? start.description : "\(start):\(end)" }
}
