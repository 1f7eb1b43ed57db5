import Foundation
import IndexCore
import Formats

/// A report as content, independent of format: headings, paragraphs, lists, tables and figures.
/// ``HTMLRenderer`` and ``MarkdownRenderer`` render the same document, the XLSX workbook and CSV
/// files take its tables, so every output shows the same thing.
public struct ReportDocument: Sendable {
    /// A table cell: its text, and for machine formats its number.
    public struct Cell: Sendable, Hashable {
        /// The text shown, formatted in the page's language.
        public var text: String
        /// The unrounded number behind the text (written to XLSX and CSV instead of the text).
        public var number: Double?
        /// A position 0–1 that colours the cell in a heat table.
        public var heat: Double?
        /// A position 0–1 drawn as a bar inside the cell (HTML only).
        public var bar: Double?
        /// A link to another page of the report, without extension (`units/ha-noi`).
        public var link: String?

        /// A cell showing `text`, with its number, heat position, bar and link when given.
        public init(_ text: String, number: Double? = nil, heat: Double? = nil, bar: Double? = nil, link: String? = nil) {
            self.text = text
            self.number = number
            self.heat = heat
            self.bar = bar
            self.link = link
        }
    }

    /// A table with a header row.
    public struct Table: Sendable {
        /// How a column's cells align: text left, numbers right.
        public enum Alignment: Sendable {
            /// Flush left: text.
            case left
            /// Flush right: numbers, so that their digits line up.
            case right
        }

        /// A stable name: the XLSX sheet and CSV file name.
        public var name: String
        /// The caption shown above the table.
        public var caption: String?
        /// The column headers.
        public var headers: [String]
        /// One alignment per column.
        public var alignments: [Alignment]
        /// The rows, each with one cell per column.
        public var rows: [[Cell]]

        /// A table; without `alignments`, the first column aligns left and the others right.
        public init(name: String, caption: String? = nil, headers: [String], alignments: [Alignment]? = nil, rows: [[Cell]] = []) {
            self.name = name
            self.caption = caption
            self.headers = headers
            self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
            self.rows = rows
        }
    }

    /// A chart.
    public struct Figure: Sendable {
        /// The chart as an SVG document.
        public var svg: String
        /// The caption shown under the figure (and instead of it where figures are not shown).
        public var caption: String
        /// The file the figure is written to for Markdown (`figures/<name>.svg`); `nil` keeps it
        /// out of Markdown (the caption is shown instead).
        public var fileName: String?

        /// The same chart drawn for a phone (about 360 px wide, text still ≥ 9 px), shown instead
        /// of ``svg`` on narrow screens so that nothing scrolls sideways; `nil`: ``svg`` everywhere.
        public var narrowSVG: String?

        /// A figure of `svg` with `caption`, written to `fileName` for Markdown when given, and
        /// drawn as `narrowSVG` on narrow screens when given.
        public init(svg: String, caption: String, fileName: String? = nil, narrowSVG: String? = nil) {
            self.svg = svg
            self.caption = caption
            self.fileName = fileName
            self.narrowSVG = narrowSVG
        }
    }

    /// A part of a page, in reading order.
    public enum Block: Sendable {
        /// A heading of `level` 1–4, with an anchor the table of contents links to.
        case heading(level: Int, text: String, anchor: String?)
        /// A paragraph of plain text.
        case paragraph(String)
        /// A bulleted list.
        case list([String])
        /// A list of links to other pages of the report (paths without extension).
        case links([(text: String, target: String)])
        /// A table of contents: links to the anchors of this page's headings.
        case contents([(text: String, anchor: String)])
        /// Links to files of the report folder (paths with their extension: `report.xlsx`).
        case downloads([(text: String, file: String)])
        /// The way back to another page (path without extension), shown prominently.
        case back(text: String, target: String)
        /// A table.
        case table(Table)
        /// A chart.
        case figure(Figure)
        /// Figures shown side by side where the page allows.
        case row([Figure])
        /// A new printed page.
        case pageBreak
    }

    /// The page's title.
    public var title: String
    /// The page's language (its `lang` and number style).
    public var language: Language
    /// The page's path relative to the report folder, without extension (`index`, `units/ha-noi`).
    public var path: String
    /// The page's content in reading order.
    public var blocks: [Block] = []
    /// A line closing every printed page and screen (who issues the report, which index and
    /// year); `nil`: none.
    public var footer: String?

    /// An empty page.
    public init(title: String, language: Language, path: String) {
        self.title = title
        self.language = language
        self.path = path
    }

    /// Appends a heading.
    public mutating func heading(_ text: String, level: Int = 2, anchor: String? = nil) { blocks.append(.heading(level: level, text: text, anchor: anchor)) }
    /// Appends a paragraph.
    public mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    /// Appends a table.
    public mutating func table(_ table: Table) { blocks.append(.table(table)) }
    /// Appends a figure.
    public mutating func figure(_ figure: Figure) { blocks.append(.figure(figure)) }

    /// Every table of the document, in order.
    public var tables: [Table] {
        blocks.flatMap { block -> [Table] in
            if case .table(let table) = block { return [table] }
            return []
        }
    }

    /// Every figure that has a file name, in order.
    public var figureFiles: [Figure] {
        blocks.flatMap { block -> [Figure] in
            switch block {
            case .figure(let figure): return figure.fileName == nil ? [] : [figure]
            case .row(let figures): return figures.filter { $0.fileName != nil }
            default: return []
            }
        }
    }

    /// The relative link from this page to `target` (both paths without extension).
    func relativeLink(to target: String, extension ext: String) -> String {
        relativeLink(toFile: target + "." + ext)
    }

    /// The relative link from this page to a file of the report folder (`csv/means.csv`).
    func relativeLink(toFile file: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1) + file
    }
}

extension ReportDocument.Table {
    /// The table as CSV: numbers unrounded where a cell has one.
    public var csv: String {
        let lines = [CSVWriter.line(headers)] + rows.map { row in
            CSVWriter.line(row.map { cell in cell.number.map(CSVWriter.number) ?? cell.text })
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The table as a worksheet: a bold frozen header, numbers as numbers.
    public func sheet(name: String) -> XLSXSheet {
        var sheet = XLSXSheet(name: name)
        for (column, header) in headers.enumerated() {
            sheet.set(XLSXCellReference(column: column + 1, row: 1), .text(header), style: .header)
        }
        for (r, row) in rows.enumerated() {
            for (column, cell) in row.enumerated() {
                let value: XLSXValue = cell.number.map { $0.isNaN ? .empty : .number($0) } ?? (cell.text.isEmpty || cell.text == "—" ? .empty : .text(cell.text))
                let style = cell.number == nil ? XLSXStyle.normal : XLSXStyle(numberFormat: Self.numberFormat(showing: cell.text))
                sheet.set(XLSXCellReference(column: column + 1, row: r + 2), value, style: style)
            }
        }
        for (column, header) in headers.enumerated() {
            let longest = ([header] + rows.map { column < $0.count ? $0[column].text : "" }).map(\.count).max() ?? 8
            sheet.columnWidths[column + 1] = Double(min(48, max(6, longest + 2)))
        }
        sheet.frozenRows = 1
        return sheet
    }

    /// The number format that shows a cell's unrounded number as its text shows it: the text's
    /// decimals (`0,8213` → `0.0000`, which a Vietnamese spreadsheet displays as 0,8213) and its
    /// sign (`+0,05`, `−2` → `+0.00;-0.00;0.00`, `+0;-0;0`); `nil` (General) for a text that does
    /// not start with a number. The report writes no thousands separators, so the one mark
    /// between digits is the decimal mark.
    public static func numberFormat(showing text: String) -> String? {
        var rest = Substring(text)
        let signed = rest.first == "+" || rest.first == "−" || rest.first == "-"
        if signed { rest = rest.dropFirst() }
        guard rest.first?.isNumber == true else { return nil }
        let number = rest.prefix { $0.isNumber || $0 == "," || $0 == "." }
        let decimals = number.lastIndex { $0 == "," || $0 == "." }.map { number.distance(from: number.index(after: $0), to: number.endIndex) } ?? 0
        return signed ? XLSXStyle.NumberFormat.signed(decimals) : XLSXStyle.NumberFormat.fixed(decimals)
    }
}
