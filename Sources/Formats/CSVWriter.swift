import IndexCore

/// The one CSV writer of ictindex (RFC 4180): every CSV the project writes — `compute --format
/// csv`, `export`, the national report's `rankings.csv` and `csv/*.csv`, `uncertainty`, the
/// example generator — builds its cells here, so none can forget the formula-injection guard.
///
/// Every cell is neutralised (see ``SpreadsheetSafety``: a text a spreadsheet would run as a
/// formula, such as `=cmd|' /C calc'!A0`, `@SUM(A1)`, `+cmd`, `-2+3` or `\r=3+4`, gets a leading
/// apostrophe; plain numbers such as `-0.25` are left alone), then quoted when it holds a comma,
/// quote or line break.
public enum CSVWriter {
    /// One cell, neutralised and quoted as needed.
    public static func cell(_ text: String) -> String {
        quoted(SpreadsheetSafety.neutralise(text))
    }

    /// One line: the cells neutralised, quoted and joined with commas (no line end).
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",")
    }

    /// The same as ``cell(_:)`` (the name older callers use): neutralised and quoted.
    public static func escape(_ text: String) -> String { cell(text) }

    /// The same as ``cell(_:)``: a text from outside (a name, an id, a text answer).
    public static func text(_ text: String) -> String { cell(text) }

    /// A number in shortest round-trip form; empty when missing.
    public static func number(_ value: Double) -> String { NumberFormatting.shortest(value) }

    /// Appends the cell of a number, ``cell(_:)`` of ``number(_:)``, to `line`: the same text,
    /// written straight into the line for tables of millions of numbers. A finite number's
    /// shortest form (`-0.25`, `1e-05`) is a plain number, which is neither neutralised nor
    /// quoted; infinities (`-inf`) take the general path.
    public static func appendNumber(_ value: Double, to line: inout some TextOutputStream) {
        guard value.isFinite else {
            line.write(cell(number(value)))
            return
        }
        NumberFormatting.writeShortest(value, to: &line)
    }

    /// Quotes a cell when it holds a comma, quote or line break.
    static func quoted(_ cell: String) -> String {
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }
}
