import IndexCore

/// CSV cell writing shared by every CSV output (RFC 4180).
public enum CSVWriter {
    /// Quotes a cell when it holds a comma, quote or line break.
    public static func escape(_ cell: String) -> String {
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }

    /// A text from outside (a name, an id, a text answer): neutralised against formula
    /// injection (see ``SpreadsheetSafety``), then quoted as needed.
    public static func text(_ text: String) -> String {
        escape(SpreadsheetSafety.neutralise(text))
    }

    /// A number in shortest round-trip form; empty when missing.
    public static func number(_ value: Double) -> String { shortestNumber(value) }
}
