import Foundation
import IndexCore
import ZIPFoundation

/// Errors in a workbook model that cannot be written.
public struct XLSXWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the workbook.
    public var message: String
    /// The message.
    public var description: String { message }
}

/// Turns an ``XLSXWorkbook`` into the parts of an `.xlsx` package and zips them.
struct XLSXSerializer {
    let workbook: XLSXWorkbook

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// The styles used, in order of first use; index 0 is the default.
    private var styles: [ResolvedStyle] = [ResolvedStyle(style: .normal, quotePrefix: false)]
    private var styleIndex: [ResolvedStyle: Int] = [ResolvedStyle(style: .normal, quotePrefix: false): 0]
    private var sharedStrings: [String] = []
    private var sharedIndex: [String: Int] = [:]

    struct ResolvedStyle: Hashable {
        var style: XLSXStyle
        var quotePrefix: Bool
    }

    init(workbook: XLSXWorkbook) {
        self.workbook = workbook
    }

    func check() throws {
        guard !workbook.sheets.isEmpty else { throw XLSXWriteError(message: "a workbook needs at least one sheet") }
        var seen: Set<String> = []
        for sheet in workbook.sheets {
            let name = sheet.name
            guard !name.isEmpty, name.count <= 31, !name.contains(where: { "[]:*?/\\".contains($0) }),
                  !name.hasPrefix("'"), !name.hasSuffix("'") else {
                throw XLSXWriteError(message: "invalid sheet name '\(name)' (1–31 characters, none of []:*?/\\, not starting or ending with ')")
            }
            guard seen.insert(name.lowercased()).inserted else { throw XLSXWriteError(message: "duplicate sheet name '\(name)'") }
        }
        guard workbook.sheets.contains(where: { !$0.isHidden }) else { throw XLSXWriteError(message: "a workbook needs at least one visible sheet") }
        guard workbook.sheets.indices.contains(workbook.activeSheet), !workbook.sheets[workbook.activeSheet].isHidden else {
            throw XLSXWriteError(message: "the active sheet \(workbook.activeSheet) does not exist or is hidden")
        }
    }

    mutating func serialize() throws -> Data {
        try check()
        var parts: [(path: String, xml: String)] = []
        var sheetXML: [String] = []
        for sheet in workbook.sheets {
            sheetXML.append(worksheet(sheet, selected: sheetXML.count == workbook.activeSheet))
        }
        let hasShared = !sharedStrings.isEmpty
        parts.append(("[Content_Types].xml", contentTypes(sharedStrings: hasShared)))
        parts.append(("_rels/.rels", rootRelationships()))
        parts.append(("xl/workbook.xml", workbookXML()))
        parts.append(("xl/_rels/workbook.xml.rels", workbookRelationships(sharedStrings: hasShared)))
        parts.append(("xl/styles.xml", stylesXML()))
        if hasShared { parts.append(("xl/sharedStrings.xml", sharedStringsXML())) }
        for (index, xml) in sheetXML.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", xml))
        }
        return try Self.zip(parts.map { ($0.path, Data($0.xml.utf8)) })
    }

    /// Zips the parts, in order, deflated, with the fixed modification date.
    static func zip(_ parts: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: XLSXWorkbook.fixedDate,
                                 permissions: 0o644, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let bytes = archive.data else { throw XLSXWriteError(message: "the zip archive could not be created in memory") }
        return bytes
    }

    /// The parts of a zip archive in order (for tests and tools that patch a package).
    static func unzip(_ data: Data) throws -> [(String, Data)] {
        let archive = try Archive(data: data, accessMode: .read, pathEncoding: nil)
        var parts: [(String, Data)] = []
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
            parts.append((entry.path, bytes))
        }
        return parts
    }

    // MARK: - Package parts

    func contentTypes(sharedStrings: Bool) -> String {
        var xml = Self.declaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for index in workbook.sheets.indices {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        if sharedStrings {
            xml += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        }
        return xml + "</Types>"
    }

    func rootRelationships() -> String {
        Self.declaration + "<Relationships xmlns=\"\(Self.packageRelationshipNamespace)\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>"
    }

    func workbookRelationships(sharedStrings: Bool) -> String {
        var xml = Self.declaration + "<Relationships xmlns=\"\(Self.packageRelationshipNamespace)\">"
        for index in workbook.sheets.indices {
            xml += "<Relationship Id=\"rId\(index + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        let next = workbook.sheets.count + 1
        xml += "<Relationship Id=\"rId\(next)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        if sharedStrings {
            xml += "<Relationship Id=\"rId\(next + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        return xml + "</Relationships>"
    }

    func workbookXML() -> String {
        var xml = Self.declaration + "<workbook xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"\(workbook.activeSheet)\"/></bookViews><sheets>"
        for (index, sheet) in workbook.sheets.enumerated() {
            xml += "<sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(index + 1)\"\(sheet.isHidden ? " state=\"hidden\"" : "") r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets>"
        let names = workbook.definedNames + printNames()
        if !names.isEmpty {
            xml += "<definedNames>"
            for name in names {
                let local = name.localSheet.map { " localSheetId=\"\($0)\"" } ?? ""
                xml += "<definedName name=\"\(Self.escape(name.name))\"\(local)>\(Self.escape(name.reference))</definedName>"
            }
            xml += "</definedNames>"
        }
        return xml + "</workbook>"
    }

    /// The built-in names Excel and LibreOffice read a sheet's print area and repeated rows from
    /// (`_xlnm.Print_Area`, `_xlnm.Print_Titles`), local to their sheet.
    func printNames() -> [XLSXDefinedName] {
        workbook.sheets.enumerated().flatMap { index, sheet -> [XLSXDefinedName] in
            guard let setup = sheet.pageSetup else { return [] }
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            var names: [XLSXDefinedName] = []
            if let area = setup.printArea {
                names.append(XLSXDefinedName(name: "_xlnm.Print_Area", reference: "\(quoted)!\(area.start.absolute):\(area.end.absolute)", localSheet: index))
            }
            if let rows = setup.repeatedRows {
                names.append(XLSXDefinedName(name: "_xlnm.Print_Titles", reference: "\(quoted)!$\(rows.lowerBound):$\(rows.upperBound)", localSheet: index))
            }
            return names
        }
    }

    // MARK: - Worksheets

    mutating func worksheet(_ sheet: XLSXSheet, selected: Bool) -> String {
        var xml = Self.declaration + "<worksheet xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipNamespace)\">"
        if sheet.pageSetup?.fitToWidth != nil { xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" }
        let references = sheet.cells.keys.sorted()
        if let first = references.first {
            let lastRow = references.last!.row
            let maxColumn = references.map(\.column).max()!
            let minColumn = references.map(\.column).min()!
            xml += "<dimension ref=\"\(XLSXCellRange(XLSXCellReference(column: minColumn, row: first.row), XLSXCellReference(column: maxColumn, row: lastRow)))\"/>"
        } else {
            xml += "<dimension ref=\"A1\"/>"
        }
        xml += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            let topLeft = XLSXCellReference(column: sheet.frozenColumns + 1, row: sheet.frozenRows + 1)
            let pane = sheet.frozenRows > 0 && sheet.frozenColumns > 0 ? "bottomRight" : (sheet.frozenRows > 0 ? "bottomLeft" : "topRight")
            xml += "<pane"
            if sheet.frozenColumns > 0 { xml += " xSplit=\"\(sheet.frozenColumns)\"" }
            if sheet.frozenRows > 0 { xml += " ySplit=\"\(sheet.frozenRows)\"" }
            xml += " topLeftCell=\"\(topLeft)\" activePane=\"\(pane)\" state=\"frozen\"/>"
            xml += "<selection pane=\"\(pane)\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
        }
        xml += "</sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        let columns = Set(sheet.columnWidths.keys).union(sheet.hiddenColumns).sorted()
        if !columns.isEmpty {
            xml += "<cols>"
            for column in columns {
                let width = sheet.columnWidths[column] ?? 9.140625
                xml += "<col min=\"\(column)\" max=\"\(column)\" width=\"\(Self.number(width))\" customWidth=\"1\"\(sheet.hiddenColumns.contains(column) ? " hidden=\"1\"" : "")/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        // Rows with cells or a height of their own (an empty row can be tall: room to sign).
        let cellsByRow = Dictionary(grouping: references, by: \.row)
        for row in Set(cellsByRow.keys).union(sheet.rowHeights.keys).sorted() {
            xml += "<row r=\"\(row)\""
            if let height = sheet.rowHeights[row] { xml += " ht=\"\(Self.number(height))\" customHeight=\"1\"" }
            guard let cells = cellsByRow[row] else {
                xml += "/>"
                continue
            }
            xml += ">"
            for reference in cells { xml += cellXML(reference, sheet.cells[reference]!) }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if sheet.isProtected {
            xml += "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" formatRows=\"0\"/>"
        }
        if !sheet.mergedRanges.isEmpty {
            xml += "<mergeCells count=\"\(sheet.mergedRanges.count)\">"
            for range in sheet.mergedRanges { xml += "<mergeCell ref=\"\(range)\"/>" }
            xml += "</mergeCells>"
        }
        if !sheet.validations.isEmpty {
            xml += "<dataValidations count=\"\(sheet.validations.count)\">"
            for validation in sheet.validations { xml += validationXML(validation) }
            xml += "</dataValidations>"
        }
        guard let setup = sheet.pageSetup else {
            xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
            return xml + "</worksheet>"
        }
        let n = Self.number, m = setup.margins
        xml += "<pageMargins left=\"\(n(m.left))\" right=\"\(n(m.right))\" top=\"\(n(m.top))\" bottom=\"\(n(m.bottom))\" header=\"0.3\" footer=\"0.3\"/>"
        xml += "<pageSetup paperSize=\"\(setup.paperSize)\" orientation=\"\(setup.orientation.rawValue)\""
        if let width = setup.fitToWidth { xml += " fitToWidth=\"\(width)\" fitToHeight=\"\(setup.fitToHeight)\"" }
        xml += "/>"
        if let footer = setup.footer { xml += "<headerFooter><oddFooter>\(Self.escape(footer))</oddFooter></headerFooter>" }
        return xml + "</worksheet>"
    }

    mutating func cellXML(_ reference: XLSXCellReference, _ cell: XLSXCell) -> String {
        var quotePrefix = false
        if case .text(let text) = cell.value, workbook.protectsFormulaLikeText, SpreadsheetSafety.isFormulaLike(text) { quotePrefix = true }
        let style = styleID(ResolvedStyle(style: cell.style, quotePrefix: quotePrefix))
        let s = style == 0 ? "" : " s=\"\(style)\""
        switch cell.value {
        case .empty:
            return "<c r=\"\(reference)\"\(s)/>"
        case .number(let number):
            guard number.isFinite else { return "<c r=\"\(reference)\"\(s)/>" }
            return "<c r=\"\(reference)\"\(s)><v>\(Self.number(number))</v></c>"
        case .boolean(let flag):
            return "<c r=\"\(reference)\"\(s) t=\"b\"><v>\(flag ? 1 : 0)</v></c>"
        case .text(let text):
            let clean = Self.xmlSafe(text)
            switch workbook.stringStorage {
            case .shared:
                return "<c r=\"\(reference)\"\(s) t=\"s\"><v>\(sharedStringID(clean))</v></c>"
            case .inline:
                return "<c r=\"\(reference)\"\(s) t=\"inlineStr\"><is>\(Self.textElement(clean))</is></c>"
            }
        }
    }

    func validationXML(_ validation: XLSXDataValidation) -> String {
        var attributes: [(String, String)] = []
        var formulas: [String] = []
        switch validation.rule {
        case .list(let values):
            attributes.append(("type", "list"))
            formulas.append("\"" + values.joined(separator: ",") + "\"")
        case .listSource(let source):
            attributes.append(("type", "list"))
            formulas.append(source)
        case .whole(let minimum, let maximum), .decimal(let minimum, let maximum):
            if case .whole = validation.rule { attributes.append(("type", "whole")) } else { attributes.append(("type", "decimal")) }
            switch (minimum, maximum) {
            case let (low?, high?):
                attributes.append(("operator", "between"))
                formulas += [Self.formulaNumber(low), Self.formulaNumber(high)]
            case let (low?, nil):
                attributes.append(("operator", "greaterThanOrEqual"))
                formulas.append(Self.formulaNumber(low))
            case let (nil, high?):
                attributes.append(("operator", "lessThanOrEqual"))
                formulas.append(Self.formulaNumber(high))
            case (nil, nil):
                attributes.append(("operator", "between"))
                formulas += ["-1E+300", "1E+300"]
            }
        }
        if validation.allowBlank { attributes.append(("allowBlank", "1")) }
        attributes.append(("showInputMessage", "1"))
        attributes.append(("showErrorMessage", "1"))
        if let title = validation.errorTitle { attributes.append(("errorTitle", Self.limit(title, 32))) }
        if let error = validation.error { attributes.append(("error", Self.limit(error, 225))) }
        if let title = validation.promptTitle { attributes.append(("promptTitle", Self.limit(title, 32))) }
        if let prompt = validation.prompt { attributes.append(("prompt", Self.limit(prompt, 255))) }
        attributes.append(("sqref", validation.ranges.map(\.description).joined(separator: " ")))
        var xml = "<dataValidation"
        for (name, value) in attributes { xml += " \(name)=\"\(Self.escape(Self.xmlSafe(value)))\"" }
        xml += ">"
        for (index, formula) in formulas.enumerated() {
            xml += "<formula\(index + 1)>\(Self.escape(formula))</formula\(index + 1)>"
        }
        return xml + "</dataValidation>"
    }

    // MARK: - Styles and shared strings

    mutating func styleID(_ style: ResolvedStyle) -> Int {
        if let id = styleIndex[style] { return id }
        styles.append(style)
        styleIndex[style] = styles.count - 1
        return styles.count - 1
    }

    mutating func sharedStringID(_ text: String) -> Int {
        if let id = sharedIndex[text] { return id }
        sharedStrings.append(text)
        sharedIndex[text] = sharedStrings.count - 1
        return sharedStrings.count - 1
    }

    func stylesXML() -> String {
        struct FontKey: Hashable { var bold: Bool; var italic: Bool; var color: String? }
        var fonts: [FontKey] = [FontKey(bold: false, italic: false, color: nil)]
        var fills: [String] = []
        var xfs: [(font: Int, fill: Int, style: ResolvedStyle)] = []
        // Custom number formats get ids from 164, the first Excel leaves to files.
        var formats: [String] = []
        func formatID(_ code: String?) -> Int {
            guard let code else { return 0 }
            if let index = formats.firstIndex(of: code) { return 164 + index }
            formats.append(code)
            return 164 + formats.count - 1
        }
        let formatIDs = styles.map { formatID($0.style.numberFormat) }
        for resolved in styles {
            let key = FontKey(bold: resolved.style.bold, italic: resolved.style.italic, color: resolved.style.color)
            let font: Int
            if let index = fonts.firstIndex(of: key) { font = index } else { fonts.append(key); font = fonts.count - 1 }
            var fill = 0
            if let color = resolved.style.fill {
                if let index = fills.firstIndex(of: color) { fill = index + 2 } else { fills.append(color); fill = fills.count + 1 }
            }
            xfs.append((font, fill, resolved))
        }
        var xml = Self.declaration + "<styleSheet xmlns=\"\(Self.mainNamespace)\">"
        if !formats.isEmpty {
            xml += "<numFmts count=\"\(formats.count)\">"
            for (index, code) in formats.enumerated() { xml += "<numFmt numFmtId=\"\(164 + index)\" formatCode=\"\(Self.escape(code))\"/>" }
            xml += "</numFmts>"
        }
        xml += "<fonts count=\"\(fonts.count)\">"
        for font in fonts {
            xml += "<font>" + (font.bold ? "<b/>" : "") + (font.italic ? "<i/>" : "") + "<sz val=\"11\"/>"
            if let color = font.color { xml += "<color rgb=\"FF\(Self.escape(color.uppercased()))\"/>" }
            xml += "<name val=\"Calibri\"/><family val=\"2\"/></font>"
        }
        xml += "</fonts><fills count=\"\(fills.count + 2)\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
        for color in fills {
            xml += "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF\(Self.escape(color.uppercased()))\"/><bgColor indexed=\"64\"/></patternFill></fill>"
        }
        let bordered = styles.contains { $0.style.border }
        xml += "</fills><borders count=\"\(bordered ? 2 : 1)\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        if bordered {
            let side = "style=\"thin\"><color rgb=\"FF808080\"/>"
            xml += "<border><left \(side)</left><right \(side)</right><top \(side)</top><bottom \(side)</bottom><diagonal/></border>"
        }
        xml += "</borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"\(xfs.count)\">"
        for (index, xf) in xfs.enumerated() {
            let style = xf.style.style
            xml += "<xf numFmtId=\"\(formatIDs[index])\" fontId=\"\(xf.font)\" fillId=\"\(xf.fill)\" borderId=\"\(style.border ? 1 : 0)\" xfId=\"0\""
            if formatIDs[index] != 0 { xml += " applyNumberFormat=\"1\"" }
            if xf.font != 0 { xml += " applyFont=\"1\"" }
            if xf.fill != 0 { xml += " applyFill=\"1\"" }
            if style.border { xml += " applyBorder=\"1\"" }
            let aligned = style.wrap || style.alignTop
            if aligned { xml += " applyAlignment=\"1\"" }
            if !style.locked { xml += " applyProtection=\"1\"" }
            if xf.style.quotePrefix { xml += " quotePrefix=\"1\"" }
            if !aligned && style.locked {
                xml += "/>"
                continue
            }
            xml += ">"
            if aligned { xml += "<alignment" + (style.alignTop ? " vertical=\"top\"" : "") + (style.wrap ? " wrapText=\"1\"" : "") + "/>" }
            if !style.locked { xml += "<protection locked=\"0\"/>" }
            xml += "</xf>"
        }
        xml += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        return xml + "</styleSheet>"
    }

    func sharedStringsXML() -> String {
        var xml = Self.declaration + "<sst xmlns=\"\(Self.mainNamespace)\" count=\"\(sharedStrings.count)\" uniqueCount=\"\(sharedStrings.count)\">"
        for text in sharedStrings { xml += "<si>\(Self.textElement(text))</si>" }
        return xml + "</sst>"
    }

    // MARK: - Text helpers

    static func textElement(_ text: String) -> String {
        let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true || text.contains("\n")
        return (preserve ? "<t xml:space=\"preserve\">" : "<t>") + escape(text) + "</t>"
    }

    /// Escapes the five XML special characters.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\r": result += "&#13;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Removes characters XML 1.0 cannot carry (control characters other than tab, line feed and
    /// carriage return; U+FFFE and U+FFFF) and normalises to NFC.
    static func xmlSafe(_ text: String) -> String {
        let nfc = VietnameseText.nfc(text)
        guard nfc.unicodeScalars.contains(where: { !isXMLCharacter($0) }) else { return nfc }
        var result = ""
        result.unicodeScalars.append(contentsOf: nfc.unicodeScalars.filter(isXMLCharacter))
        return result
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// A number for a `<v>` element: integers without a fraction, others in shortest round-trip
    /// form.
    static func number(_ value: Double) -> String { NumberFormatting.shortest(value) }

    /// A number inside a validation formula (Excel's syntax: `1E+300`, not `1e+300`).
    static func formulaNumber(_ value: Double) -> String {
        number(value).uppercased()
    }

    static func limit(_ text: String, _ count: Int) -> String {
        text.count <= count ? text : String(text.prefix(count - 1)) + "…"
    }
}
