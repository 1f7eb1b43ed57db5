import Foundation
import IndexCore

/// A value in a worksheet cell. There is deliberately no formula case: ictindex never writes
/// formulas, so nothing it writes can run in a spreadsheet.
public enum XLSXValue: Hashable, Sendable {
    /// No value: the cell is written with its style only.
    case empty
    /// Text, written as an inline string (spreadsheet-neutralised by the caller where needed).
    case text(String)
    /// A number, written in its shortest exact form.
    case number(Double)
    /// TRUE or FALSE.
    case boolean(Bool)
}

/// The look and protection of a cell. Cells are locked by default, as in Excel; locking only
/// takes effect on a protected sheet (``XLSXSheet/isProtected``).
public struct XLSXStyle: Hashable, Sendable {
    /// Bold text.
    public var bold: Bool
    /// Italic text.
    public var italic: Bool
    /// The font colour as `RRGGBB`, e.g. `808080`; `nil` is the default (black).
    public var color: String?
    /// A solid background colour as `RRGGBB`, e.g. `FFF2CC`.
    public var fill: String?
    /// Whether text wraps inside the column width.
    public var wrap: Bool
    /// Whether the content sits at the top of the cell (useful with wrapped neighbours).
    public var alignTop: Bool
    /// Whether the cell is locked on a protected sheet.
    public var locked: Bool
    /// An Excel number format code such as `0.0000` or `+0;-0;0`; `nil` is General. Codes use
    /// `.` and `,` as Excel stores them; the spreadsheet shows them in the reader's locale
    /// (`0,8213` in Vietnamese).
    public var numberFormat: String?
    /// A thin border on all four sides (the grid of a printed form).
    public var border: Bool

    /// A style; every option off except `locked`, as in Excel.
    public init(bold: Bool = false, italic: Bool = false, color: String? = nil, fill: String? = nil, wrap: Bool = false, alignTop: Bool = false, locked: Bool = true,
                numberFormat: String? = nil, border: Bool = false) {
        self.bold = bold
        self.italic = italic
        self.color = color
        self.fill = fill
        self.wrap = wrap
        self.alignTop = alignTop
        self.locked = locked
        self.numberFormat = numberFormat
        self.border = border
    }

    /// Number formats used by the reports and exports.
    public enum NumberFormat {
        /// An index or score on 0–1 with `decimals` places (`0.0000`; `0` for none).
        public static func fixed(_ decimals: Int) -> String { decimals <= 0 ? "0" : "0." + String(repeating: "0", count: decimals) }
        /// A change with `decimals` places and its sign: `+0.0000;-0.0000;0.0000`.
        public static func signed(_ decimals: Int) -> String { let f = fixed(decimals); return "+\(f);-\(f);\(f)" }
        /// Whole numbers with a thousands separator (`#,##0`).
        public static let whole = "#,##0"
    }

    /// The default style: not bold, no fill, locked.
    public static let normal = XLSXStyle()
    /// A bold header.
    public static let header = XLSXStyle(bold: true, wrap: true, alignTop: true)
}

/// A cell: a value and its style.
public struct XLSXCell: Hashable, Sendable {
    /// What the cell shows.
    public var value: XLSXValue
    /// How it looks and whether it is locked.
    public var style: XLSXStyle

    /// A cell with a value and a style (the normal, locked style by default).
    public init(_ value: XLSXValue, style: XLSXStyle = .normal) {
        self.value = value
        self.style = style
    }
}

/// A data-validation rule on a set of cells: what Excel and LibreOffice accept there, with the
/// message they show on a wrong entry and, optionally, a prompt when the cell is selected.
public struct XLSXDataValidation: Hashable, Sendable {
    /// What a data validation accepts.
    public enum Rule: Hashable, Sendable {
        /// One of the given values, offered as a drop-down. The values are written inline, so
        /// together they must fit in 255 characters and none may contain a comma or a quote
        /// (``XLSXDataValidation/fitsInline(_:)``); otherwise use ``listSource(_:)``.
        case list([String])
        /// One of the values in a range or defined name, e.g. `Lists!$A$1:$A$9` or `choices_x`.
        case listSource(String)
        /// A whole number within optional bounds.
        case whole(minimum: Double?, maximum: Double?)
        /// A decimal number within optional bounds.
        case decimal(minimum: Double?, maximum: Double?)
    }

    /// What the cells accept.
    public var rule: Rule
    /// The cells the rule applies to.
    public var ranges: [XLSXCellRange]
    /// Whether an empty cell is accepted.
    public var allowBlank: Bool
    /// The title and text of the message shown when an entry breaks the rule (Excel limits: 32
    /// and 225 characters; longer texts are shortened).
    public var errorTitle: String?
    /// The text of that message (225 characters at most).
    public var error: String?
    /// The title and text shown when the cell is selected (32 and 255 characters).
    public var promptTitle: String?
    /// The text of that prompt (255 characters at most).
    public var prompt: String?

    /// A rule on `ranges`, with optional error and prompt messages.
    public init(_ rule: Rule, ranges: [XLSXCellRange], allowBlank: Bool = true, errorTitle: String? = nil, error: String? = nil, promptTitle: String? = nil, prompt: String? = nil) {
        self.rule = rule
        self.ranges = ranges
        self.allowBlank = allowBlank
        self.errorTitle = errorTitle
        self.error = error
        self.promptTitle = promptTitle
        self.prompt = prompt
    }

    /// Whether `values` can be written as an inline list: no commas or double quotes, and at most
    /// 255 characters joined with commas.
    public static func fitsInline(_ values: [String]) -> Bool {
        !values.isEmpty && values.allSatisfy { !$0.contains(",") && !$0.contains("\"") }
            && values.joined(separator: ",").utf16.count <= 255
    }
}

/// A worksheet to write: cells, column widths, frozen panes, merged ranges, data validations and
/// protection.
public struct XLSXSheet: Hashable, Sendable {
    /// The tab name (at most 31 characters, none of `[]:*?/\`).
    public var name: String
    /// A hidden sheet is not shown as a tab (a workbook needs at least one visible sheet).
    public var isHidden: Bool
    /// The cells by address; cells not present are empty.
    public var cells: [XLSXCellReference: XLSXCell]
    /// Column widths in characters, by 1-based column number.
    public var columnWidths: [Int: Double]
    /// 1-based numbers of hidden columns.
    public var hiddenColumns: Set<Int>
    /// Rows and columns kept in view while scrolling (frozen panes).
    public var frozenRows: Int
    /// Columns kept in view while scrolling horizontally.
    public var frozenColumns: Int
    /// Ranges shown as one cell (the value is the top-left cell's).
    public var mergedRanges: [XLSXCellRange]
    /// Data validations of the sheet's cells.
    public var validations: [XLSXDataValidation]
    /// Whether the sheet is protected (without a password): locked cells cannot be edited,
    /// unlocked ones can. Column widths and row heights stay adjustable.
    public var isProtected: Bool
    /// Row heights in points, by 1-based row number (rows not listed have the default height).
    public var rowHeights: [Int: Double]
    /// How the sheet prints (`nil`: the spreadsheet's defaults).
    public var pageSetup: XLSXPageSetup?

    /// An empty, visible, unprotected sheet.
    public init(name: String) {
        self.name = name
        self.isHidden = false
        self.cells = [:]
        self.columnWidths = [:]
        self.hiddenColumns = []
        self.frozenRows = 0
        self.frozenColumns = 0
        self.mergedRanges = []
        self.validations = []
        self.isProtected = false
        self.rowHeights = [:]
        self.pageSetup = nil
    }

    /// The cell at an address such as `C7`; setting it keeps the cell's style unless a whole
    /// cell is given.
    public subscript(_ address: String) -> XLSXCell? {
        get { XLSXCellReference(address).flatMap { cells[$0] } }
        set {
            guard let reference = XLSXCellReference(address) else { preconditionFailure("invalid cell address '\(address)'") }
            cells[reference] = newValue
        }
    }

    /// Sets the value and style of a cell.
    public mutating func set(_ reference: XLSXCellReference, _ value: XLSXValue, style: XLSXStyle = .normal) {
        cells[reference] = XLSXCell(value, style: style)
    }

    /// Sets each row's height to fit its wrapped text (cells whose style wraps), so that a long
    /// label prints whole instead of being cut off or running over the next row. A line holds
    /// `charactersPerWidth` characters per unit of column width, less one: 1 suits short mixed
    /// text in narrow columns (labels, help), prose in a wide column fits about 1.15. Both were
    /// measured through LibreOffice with DejaVu Sans (what it uses where Calibri is missing, and
    /// wider), so in Excel a row may keep a little spare room. Rows whose height is already set
    /// and rows without wrapped text are left as they are.
    public mutating func fitRowHeightsToWrappedText(lineHeight: Double = 15, charactersPerWidth: Double = 1) {
        var lines: [Int: Int] = [:]
        for (reference, cell) in cells where cell.style.wrap {
            guard case .text(let text) = cell.value else { continue }
            let width = columnWidths[reference.column] ?? 8.43
            let count = Self.wrappedLineCount(text, capacity: max(1, Int((width * charactersPerWidth - 1).rounded(.down))))
            lines[reference.row] = max(lines[reference.row] ?? 1, count)
        }
        for (row, count) in lines where count > 1 && rowHeights[row] == nil {
            rowHeights[row] = Double(count) * lineHeight + 2
        }
    }

    /// The number of lines `text` takes when words wrap at `capacity` characters (a word longer
    /// than a line is broken, as spreadsheets do).
    static func wrappedLineCount(_ text: String, capacity: Int) -> Int {
        text.split(separator: "\n" as Character, omittingEmptySubsequences: false).reduce(0) { (total: Int, paragraph: Substring) -> Int in
            var lines = 1, used = 0
            for word in paragraph.split(separator: " ") {
                var length = word.count
                if used > 0 && used + 1 + length <= capacity {
                    used += 1 + length
                    continue
                }
                if used > 0 { lines += 1 }
                while length > capacity {
                    length -= capacity
                    lines += 1
                }
                used = length
            }
            return total + lines
        }
    }

    /// Replaces the value of a cell, keeping its style (the normal style for a new cell).
    public mutating func setValue(_ value: XLSXValue, at reference: XLSXCellReference) {
        cells[reference, default: XLSXCell(.empty)].value = value
    }
}

/// How a sheet prints: paper, orientation, scaling, margins, the printed range and the rows
/// repeated at the top of every page.
public struct XLSXPageSetup: Hashable, Sendable {
    /// Whether pages print upright (`portrait`) or turned (`landscape`); the raw values are the
    /// format's.
    public enum Orientation: String, Hashable, Sendable {
        /// Upright: the long side vertical.
        case portrait
        /// Turned: the long side horizontal, for wide tables.
        case landscape
    }

    /// The paper size code of the format (9 is A4).
    public var paperSize: Int
    /// Whether pages print upright or turned.
    public var orientation: Orientation
    /// Scale to this many pages wide (`nil`: no width fitting).
    public var fitToWidth: Int?
    /// Scale to this many pages tall; `0` lets the height run to as many pages as needed.
    public var fitToHeight: Int
    /// The range printed (`nil`: every used cell).
    public var printArea: XLSXCellRange?
    /// The rows repeated at the top of each printed page (1-based, inclusive).
    public var repeatedRows: ClosedRange<Int>?
    /// Margins in inches.
    public var margins: Margins
    /// A footer printed on every page (Excel's header/footer codes, e.g. `&CPage &P of &N`).
    public var footer: String?

    /// Page margins in inches.
    public struct Margins: Hashable, Sendable {
        /// The margins of each side, in inches.
        public var left, right, top, bottom: Double
        /// Margins of these sizes, in inches.
        public init(left: Double, right: Double, top: Double, bottom: Double) {
            self.left = left
            self.right = right
            self.top = top
            self.bottom = bottom
        }
    }

    /// Portrait A4, one page wide, as many pages tall as needed.
    public init(paperSize: Int = 9, orientation: Orientation = .portrait, fitToWidth: Int? = 1, fitToHeight: Int = 0, printArea: XLSXCellRange? = nil,
                repeatedRows: ClosedRange<Int>? = nil, margins: Margins = Margins(left: 0.5, right: 0.4, top: 0.6, bottom: 0.6), footer: String? = nil) {
        self.paperSize = paperSize
        self.orientation = orientation
        self.fitToWidth = fitToWidth
        self.fitToHeight = fitToHeight
        self.printArea = printArea
        self.repeatedRows = repeatedRows
        self.margins = margins
        self.footer = footer
    }
}

/// A defined name: a workbook-wide (or sheet-local) name for a range or formula, e.g. a list
/// of choices used by a data validation.
public struct XLSXDefinedName: Hashable, Sendable {
    /// The name (letters, digits, `_` and `.`; not a cell address).
    public var name: String
    /// What the name refers to, e.g. `'Danh mục'!$A$1:$A$4`.
    public var reference: String
    /// The 0-based index of the sheet the name is local to; `nil` for a workbook-wide name.
    public var localSheet: Int?

    /// A name for `reference`, workbook-wide unless `localSheet` is given.
    public init(name: String, reference: String, localSheet: Int? = nil) {
        self.name = name
        self.reference = reference
        self.localSheet = localSheet
    }
}

/// A small, general writer of Office Open XML workbooks (`.xlsx`) that Excel, LibreOffice and
/// openpyxl open: sheets of text, number and boolean cells, a few styles (bold, italic, colours,
/// wrapping, locked/unlocked), column widths, frozen panes, merged cells, data validations,
/// sheet protection and defined names.
///
/// The output is deterministic: the same workbook gives byte-identical files. No part carries
/// a timestamp, and every zip entry has the same fixed modification date (1980-01-01, the
/// earliest a zip file can record).
///
/// **Formulas.** The writer has no formula cells. Text is always stored as a string (shared or
/// inline), so a text beginning with `=`, `+`, `-` or `@` is never run. When
/// ``protectsFormulaLikeText`` is on (the default), such a text also gets the `quotePrefix`
/// style, so that a user who edits the cell in Excel does not turn it into a formula (see
/// ``SpreadsheetSafety``).
public struct XLSXWorkbook: Hashable, Sendable {
    /// How text cells are stored.
    public enum StringStorage: Hashable, Sendable {
        /// In the shared-strings table (what Excel writes; smaller for repeated texts).
        case shared
        /// In each cell (`t="inlineStr"`).
        case inline
    }

    /// The sheets in tab order.
    public var sheets: [XLSXSheet]
    /// Names for ranges, e.g. the sources of drop-down lists.
    public var definedNames: [XLSXDefinedName]
    /// Whether text goes to the shared-strings table or into each cell.
    public var stringStorage: StringStorage
    /// Marks formula-like text cells with the `quotePrefix` style (export mode).
    public var protectsFormulaLikeText: Bool
    /// The 0-based index of the sheet shown when the file opens.
    public var activeSheet: Int

    /// A workbook of `sheets`.
    public init(sheets: [XLSXSheet] = [], definedNames: [XLSXDefinedName] = [], stringStorage: StringStorage = .shared, protectsFormulaLikeText: Bool = true, activeSheet: Int = 0) {
        self.sheets = sheets
        self.definedNames = definedNames
        self.stringStorage = stringStorage
        self.protectsFormulaLikeText = protectsFormulaLikeText
        self.activeSheet = activeSheet
    }

    /// The fixed modification date of every zip entry: 1980-01-01 00:00 UTC.
    public static let fixedDate = Date(timeIntervalSince1970: 315_532_800)

    /// The index of the sheet with this name.
    public func sheetIndex(named name: String) -> Int? { sheets.firstIndex { $0.name == name } }

    /// Writes the workbook to `url`, replacing any file there.
    public func write(to url: URL) throws {
        try data().write(to: url, options: .atomic)
    }

    /// The `.xlsx` file's bytes. Throws when the workbook breaks a rule of the format (no sheets,
    /// an invalid or duplicate sheet name, no visible sheet).
    public func data() throws -> Data {
        var serializer = XLSXSerializer(workbook: self)
        return try serializer.serialize()
    }
}
