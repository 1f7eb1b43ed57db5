import Foundation
import IndexCore
import ZIPFoundation

/// What a cell holds, as read from a workbook. For a formula cell this is the value the
/// spreadsheet last computed (its cached value); the formula itself is in ``XLSXReadCell/formula``.
public enum XLSXCellContent: Hashable, Sendable {
    /// No value (an empty or absent cell).
    case empty
    /// Text: a shared or inline string, NFC.
    case text(String)
    /// A number (dates too: spreadsheets store them as day numbers).
    case number(Double)
    /// TRUE or FALSE.
    case boolean(Bool)
    /// An error value such as `#DIV/0!`.
    case error(String)
}

/// One cell read from a worksheet.
public struct XLSXReadCell: Hashable, Sendable {
    /// The value (a formula's cached value).
    public var content: XLSXCellContent
    /// The formula, without the leading `=`, when the cell holds one.
    public var formula: String?
    /// Whether the cell is locked (its style's protection; cells are locked unless a style says
    /// otherwise).
    public var isLocked: Bool
    /// Whether the cell's number format shows percentages (`55%` is stored as 0.55).
    public var isPercentFormat: Bool

    /// A read cell.
    public init(content: XLSXCellContent, formula: String? = nil, isLocked: Bool = true, isPercentFormat: Bool = false) {
        self.content = content
        self.formula = formula
        self.isLocked = isLocked
        self.isPercentFormat = isPercentFormat
    }
}

/// A data validation as read from a worksheet.
public struct XLSXReadValidation: Hashable, Sendable {
    /// `list`, `whole`, `decimal`, `textLength`, … (`none` when absent).
    public var type: String
    /// `between`, `greaterThanOrEqual`, … (`nil` when absent: `between`).
    public var operatorName: String?
    /// The cells it applies to.
    public var ranges: [XLSXCellRange]
    /// The first and second formulas: a list, a bound, or a range reference.
    public var formula1: String?
    /// The second formula: the upper bound of `between` (`nil` when the rule has one formula).
    public var formula2: String?
}

/// A worksheet read from a workbook: its cells by address, merged ranges and data validations.
public struct XLSXReadSheet: Hashable, Sendable {
    /// The tab name.
    public var name: String
    /// The zip part the sheet was read from, e.g. `xl/worksheets/sheet2.xml`.
    public var part: String
    /// Whether the sheet is hidden (or very hidden).
    public var isHidden: Bool
    /// The cells present in the file, by address.
    public var cells: [XLSXCellReference: XLSXReadCell]
    /// Merged ranges.
    public var mergedRanges: [XLSXCellRange]
    /// Data validations.
    public var validations: [XLSXReadValidation]
    /// Whether the sheet is protected.
    public var isProtected: Bool

    /// The cell at an address such as `C7`.
    public subscript(_ address: String) -> XLSXReadCell? {
        XLSXCellReference(address).flatMap { cells[$0] }
    }

    /// The numbers of the rows that hold at least one cell with content, in order.
    public var filledRows: [Int] {
        Set(cells.filter { $0.value.content != .empty }.keys.map(\.row)).sorted()
    }

    /// The merged range containing `cell`, if any.
    public func mergedRange(containing cell: XLSXCellReference) -> XLSXCellRange? {
        mergedRanges.first { $0.contains(cell) }
    }
}

/// A workbook read from an `.xlsx` file.
public struct XLSXDocument: Hashable, Sendable {
    /// The file name used in messages.
    public var fileName: String
    /// The sheets in workbook order.
    public var sheets: [XLSXReadSheet]
    /// Defined names by name (workbook-wide ones only).
    public var definedNames: [String: String]

    /// The sheet with this name (exact, then ignoring case).
    public func sheet(named name: String) -> XLSXReadSheet? {
        sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The location of a cell for messages: `file.xlsx (Sheet!C7)`.
    public func location(sheet: String, _ cell: XLSXCellReference? = nil) -> SourceLocation {
        SourceLocation(file: fileName, detail: cell.map { "\(sheet)!\($0)" } ?? "sheet \(sheet)")
    }
}

/// Reads `.xlsx` workbooks: the package's content types and relationships, `workbook.xml`, the
/// shared strings, the styles' locked flags and every worksheet, into an ``XLSXDocument``.
///
/// Every failure is a ``DiagnosticError`` naming the file and the part, sheet or cell: a file
/// that is not a zip archive, a missing `[Content_Types].xml`, workbook or sheet part, XML that
/// does not parse, a shared-string index that does not exist, a cell address that is not one.
/// All the problems found are reported together.
public enum XLSXReader {
    /// The largest uncompressed part read (a guard against zip bombs): 8 MiB. A filled survey
    /// form is well under 1 MB. The XML parser (libxml2 through Foundation, given a part in one
    /// piece) cannot read a part of more than 10 MB anyway, and the parsed tree takes about 20
    /// times a part's size in memory, so larger parts are refused with this clear message.
    public static let maximumPartSize = 8 * 1024 * 1024
    /// The most bytes inflated from one workbook, all parts together: 64 MiB.
    public static let maximumTotalSize = 64 * 1024 * 1024

    /// Reads the workbook at `url`; messages name it by its relative path.
    public static func read(_ url: URL) throws -> XLSXDocument {
        try read(FileProblem.contents(of: url), fileName: url.relativePath)
    }

    /// How much a workbook may inflate to (see ``maximumPartSize`` and ``maximumTotalSize``).
    public struct Limits: Sendable, Hashable {
        /// The most bytes one part may inflate to.
        public var partSize: Int
        /// The most bytes all parts together may inflate to.
        public var totalSize: Int

        /// Limits of `partSize` bytes per part and `totalSize` bytes in all, both counted as the
        /// parts inflate.
        public init(partSize: Int, totalSize: Int) {
            self.partSize = partSize
            self.totalSize = totalSize
        }

        /// The limits every command uses.
        public static let standard = Limits(partSize: maximumPartSize, totalSize: maximumTotalSize)
    }

    /// Reads a workbook from its bytes; `fileName` is used in messages.
    public static func read(_ data: Data, fileName: String, limits: Limits = .standard) throws -> XLSXDocument {
        var context = Context(fileName: fileName, limits: limits)
        let document = try context.read(data)
        if !context.problems.isEmpty { throw DiagnosticError(context.problems) }
        return document
    }

    struct Context {
        let fileName: String
        var problems: [Diagnostic] = []
        var archive: Archive?
        let limits: Limits
        /// The bytes inflated so far from every part (counted as they come, not from headers).
        let inflated: InflatedBytes

        init(fileName: String, limits: Limits) {
            self.fileName = fileName
            self.limits = limits
            inflated = InflatedBytes(limit: limits.totalSize)
        }

        func location(_ detail: String? = nil) -> SourceLocation {
            SourceLocation(file: fileName, detail: detail)
        }

        func fail(_ code: Diagnostic.Code, _ message: Message, _ detail: String? = nil) -> DiagnosticError {
            DiagnosticError([Diagnostic(code, message, at: location(detail))])
        }

        mutating func read(_ data: Data) throws -> XLSXDocument {
            guard data.count >= 4, data.prefix(2) == Data([0x50, 0x4B]) else {
                throw fail(.syntax, .notAZipArchive, "zip archive")
            }
            // ZIPFoundation's in-memory archive traps on some damaged files (a read past the end
            // of its buffer); its file-based archive reports them as errors. So the bytes are read
            // from a temporary file, removed when reading ends.
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-read-\(UUID().uuidString).xlsx")
            do {
                try data.write(to: temporary)
            } catch {
                throw fail(.invalidValue, .workbookNoTemporaryCopy(FileProblem.describe(error)), "zip archive")
            }
            defer { try? FileManager.default.removeItem(at: temporary) }
            do {
                archive = try Archive(url: temporary, accessMode: .read, pathEncoding: nil)
            } catch {
                throw fail(.syntax, .zipDamaged, "zip archive")
            }
            guard part("[Content_Types].xml") != nil else {
                throw fail(.missingKey, .contentTypesMissing, "[Content_Types].xml")
            }
            // The workbook part: from the package relationships, else the usual path.
            var workbookPath = "xl/workbook.xml"
            if let rels = try xml("_rels/.rels", required: false) {
                if let target = rels.children("Relationship").first(where: { ($0.attributes["Type"] ?? "").hasSuffix("/officeDocument") })?.attributes["Target"] {
                    workbookPath = Self.resolve(target, relativeTo: "")
                }
            }
            guard let workbook = try xml(workbookPath, required: true, what: .theWorkbookPart) else {
                throw fail(.missingKey, .partMissing(.theWorkbookPart, path: workbookPath), workbookPath)
            }
            let relationships = try xml(Self.relationshipsPath(of: workbookPath), required: false)
            var targets: [String: (type: String, path: String)] = [:]
            for relationship in relationships?.children("Relationship") ?? [] {
                guard let id = relationship.attributes["Id"], let target = relationship.attributes["Target"] else { continue }
                targets[id] = (relationship.attributes["Type"] ?? "", Self.resolve(target, relativeTo: workbookPath))
            }
            let workbookDirectory = Self.directory(of: workbookPath)
            let sharedPath = targets.values.first { $0.type.hasSuffix("/sharedStrings") }?.path
                ?? (part(workbookDirectory + "sharedStrings.xml") != nil ? workbookDirectory + "sharedStrings.xml" : nil)
            let stylesPath = targets.values.first { $0.type.hasSuffix("/styles") }?.path
            let shared = try sharedPath.map { try sharedStrings($0) } ?? []
            let styles = try stylesPath.map { try self.styles($0) } ?? CellStyles()

            var definedNames: [String: String] = [:]
            for name in workbook.child("definedNames")?.children("definedName") ?? [] where name.attributes["localSheetId"] == nil {
                if let key = name.attributes["name"] { definedNames[key] = name.allText }
            }
            var sheets: [XLSXReadSheet] = []
            let entries = workbook.child("sheets")?.children("sheet") ?? []
            if entries.isEmpty {
                problems.append(Diagnostic(.missingData, .workbookListsNoSheets, at: location(workbookPath)))
            }
            for (index, entry) in entries.enumerated() {
                let name = entry.attributes["name"] ?? "Sheet\(index + 1)"
                let path: String
                if let id = entry.attributes["id"], let target = targets[id] {
                    path = target.path
                } else {
                    path = workbookDirectory + "worksheets/sheet\(index + 1).xml"
                }
                do {
                    guard let root = try xml(path, required: true, what: .partOfSheet(name)) else { continue }
                    var sheet = XLSXReadSheet(name: name, part: path, isHidden: (entry.attributes["state"] ?? "visible") != "visible", cells: [:], mergedRanges: [], validations: [], isProtected: false)
                    readWorksheet(root, into: &sheet, shared: shared, styles: styles)
                    sheets.append(sheet)
                } catch let error as DiagnosticError {
                    problems.append(contentsOf: error.diagnostics)
                }
            }
            return XLSXDocument(fileName: fileName, sheets: sheets, definedNames: definedNames)
        }

        // MARK: Parts

        func part(_ path: String) -> Entry? {
            archive?[path] ?? archive?.first { $0.path.lowercased() == path.lowercased() }
        }

        /// The uncompressed bytes of a part. The sizes a zip header declares are not trusted: the
        /// bytes are counted as they are inflated, and inflating stops at the part limit or the
        /// workbook limit, whichever comes first.
        func bytes(_ entry: Entry) throws -> Data {
            let limit = limits.partSize
            guard entry.uncompressedSize <= UInt64(limit) else {
                throw fail(.invalidValue, .partTooLarge(entry.path, size: Int(entry.uncompressedSize), limit: limit), entry.path)
            }
            var data = Data()
            let inflated = self.inflated
            do {
                _ = try archive!.extract(entry, skipCRC32: false) { chunk in
                    guard data.count + chunk.count <= limit else { throw InflationLimit.part }
                    guard inflated.add(chunk.count) else { throw InflationLimit.workbook }
                    data.append(chunk)
                }
            } catch InflationLimit.part {
                throw fail(.invalidValue, .partInflatesTooMuch(entry.path, limit: limit, declared: Int(entry.uncompressedSize)), entry.path)
            } catch InflationLimit.workbook {
                throw fail(.invalidValue, .workbookInflatesTooMuch(limit: limits.totalSize), entry.path)
            } catch {
                throw fail(.syntax, .partCannotBeDecompressed(entry.path), entry.path)
            }
            return data
        }

        /// Parses a part; `nil` when it is absent and not required.
        func xml(_ path: String, required: Bool, what: Message? = nil) throws -> XMLElementNode? {
            guard let entry = part(path) else {
                if required { throw fail(.missingKey, .partMissing(what ?? .aPart, path: path), path) }
                return nil
            }
            let data = try bytes(entry)
            if XMLTreeBuilder.declaresDTD(data) {
                throw fail(.invalidValue, .dtdNotAllowed(path), path)
            }
            do {
                return try XMLTreeBuilder.parse(data)
            } catch let error as XMLTreeError {
                throw fail(.syntax, .unreadableXML(path, what: what, line: error.line, problem: error.message), path)
            }
        }

        func sharedStrings(_ path: String) throws -> [String] {
            guard let root = try xml(path, required: true, what: .theSharedStrings) else { return [] }
            return root.children("si").map(Self.stringItemText)
        }

        /// What the reader needs of the cell styles (`cellXfs`): which are unlocked, which show
        /// percentages.
        struct CellStyles {
            var unlocked: Set<Int> = []
            var percent: Set<Int> = []
        }

        func styles(_ path: String) throws -> CellStyles {
            guard let root = try xml(path, required: false) else { return CellStyles() }
            var percentFormats: Set<Int> = [9, 10]
            for format in root.child("numFmts")?.children("numFmt") ?? [] {
                guard let id = format.attributes["numFmtId"].flatMap({ Int($0) }), let code = format.attributes["formatCode"] else { continue }
                // A % outside quoted literals and escapes makes a percentage format.
                var quoted = false, escaped = false, percent = false
                for character in code {
                    if escaped { escaped = false; continue }
                    switch character {
                    case "\\": escaped = true
                    case "\"": quoted.toggle()
                    case "%" where !quoted: percent = true
                    default: break
                    }
                }
                if percent { percentFormats.insert(id) }
            }
            var result = CellStyles()
            for (index, xf) in (root.child("cellXfs")?.children("xf") ?? []).enumerated() {
                if let locked = xf.child("protection")?.attributes["locked"], locked == "0" || locked == "false" { result.unlocked.insert(index) }
                if let format = xf.attributes["numFmtId"].flatMap({ Int($0) }), percentFormats.contains(format) { result.percent.insert(index) }
            }
            return result
        }

        /// The text of a shared-string item or inline string: its `<t>` and rich-text runs, not
        /// its phonetic hints.
        static func stringItemText(_ item: XMLElementNode) -> String {
            var text = ""
            for child in item.children {
                switch child.name {
                case "t": text += child.text
                case "r": text += child.children("t").map(\.text).joined()
                default: break
                }
            }
            return text
        }

        // MARK: Worksheets

        mutating func readWorksheet(_ root: XMLElementNode, into sheet: inout XLSXReadSheet, shared: [String], styles: CellStyles) {
            let sheetName = sheet.name
            func here(_ cell: XLSXCellReference?) -> SourceLocation {
                SourceLocation(file: fileName, detail: cell.map { "\(sheetName)!\($0)" } ?? "sheet \(sheetName)")
            }
            var rowNumber = 0
            for row in root.child("sheetData")?.children("row") ?? [] {
                if let r = row.attributes["r"], let number = Int(r), number >= 1 { rowNumber = number } else { rowNumber += 1 }
                var columnNumber = 0
                for c in row.children("c") {
                    var reference: XLSXCellReference
                    if let r = c.attributes["r"] {
                        guard let parsed = XLSXCellReference(r) else {
                            problems.append(Diagnostic(.syntax, .invalidCellAddress(row: rowNumber, address: r), at: here(nil)))
                            continue
                        }
                        reference = parsed
                    } else {
                        reference = XLSXCellReference(column: columnNumber + 1, row: rowNumber)
                    }
                    columnNumber = reference.column
                    let style = c.attributes["s"].flatMap { Int($0) } ?? 0
                    let raw = c.child("v")?.text
                    let formula = c.child("f").map(\.text)
                    let type = c.attributes["t"] ?? "n"
                    var content: XLSXCellContent = .empty
                    switch type {
                    case "s":
                        guard let raw else { break }
                        guard let index = Int(raw.trimmingCharacters(in: .whitespaces)), shared.indices.contains(index) else {
                            problems.append(Diagnostic(.invalidValue, .sharedStringOutOfRange(raw.trimmingCharacters(in: .whitespaces), count: shared.count), at: here(reference)))
                            continue
                        }
                        content = .text(shared[index])
                    case "inlineStr":
                        if let item = c.child("is") { content = .text(Self.stringItemText(item)) } else if let raw { content = .text(raw) }
                    case "str":
                        content = .text(raw ?? "")
                    case "b":
                        guard let raw else { break }
                        switch raw.trimmingCharacters(in: .whitespaces) {
                        case "1", "true": content = .boolean(true)
                        case "0", "false": content = .boolean(false)
                        default:
                            problems.append(Diagnostic(.syntax, .invalidBooleanCell(raw), at: here(reference)))
                            continue
                        }
                    case "e":
                        content = .error(raw ?? "#N/A")
                    case "d":
                        content = raw.map { .text($0) } ?? .empty
                    case "n":
                        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { break }
                        guard let number = DecimalNumber.parse(raw) else {
                            problems.append(Diagnostic(.syntax, .invalidNumberCell(raw), at: here(reference)))
                            continue
                        }
                        content = .number(number)
                    default:
                        problems.append(Diagnostic(.syntax, .unknownCellType(type), at: here(reference)))
                        continue
                    }
                    sheet.cells[reference] = XLSXReadCell(content: content, formula: formula, isLocked: !styles.unlocked.contains(style), isPercentFormat: styles.percent.contains(style))
                }
            }
            for merge in root.child("mergeCells")?.children("mergeCell") ?? [] {
                guard let ref = merge.attributes["ref"], let range = XLSXCellRange(ref) else {
                    problems.append(Diagnostic(.syntax, .invalidMergedRange(merge.attributes["ref"] ?? ""), at: here(nil)))
                    continue
                }
                sheet.mergedRanges.append(range)
            }
            for validation in root.child("dataValidations")?.children("dataValidation") ?? [] {
                let ranges = (validation.attributes["sqref"] ?? "").split(separator: " ").compactMap { XLSXCellRange(String($0)) }
                sheet.validations.append(XLSXReadValidation(type: validation.attributes["type"] ?? "none", operatorName: validation.attributes["operator"], ranges: ranges,
                                                            formula1: validation.child("formula1")?.allText, formula2: validation.child("formula2")?.allText))
            }
            if let protection = root.child("sheetProtection") {
                let flag = protection.attributes["sheet"] ?? "0"
                sheet.isProtected = flag == "1" || flag == "true"
            }
        }

        // MARK: Paths

        static func directory(of path: String) -> String {
            guard let slash = path.lastIndex(of: "/") else { return "" }
            return String(path[...slash])
        }

        static func relationshipsPath(of path: String) -> String {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return directory(of: path) + "_rels/" + name + ".rels"
        }

        /// Resolves a relationship target against the part that holds the relationship.
        static func resolve(_ target: String, relativeTo source: String) -> String {
            if target.hasPrefix("/") { return String(target.dropFirst()) }
            var components = directory(of: source).split(separator: "/").map(String.init)
            for component in target.split(separator: "/").map(String.init) {
                switch component {
                case ".": continue
                case "..": if !components.isEmpty { components.removeLast() }
                default: components.append(component)
                }
            }
            return components.joined(separator: "/")
        }
    }
}

/// Why inflating a part stopped early.
enum InflationLimit: Error {
    case part, workbook
}

/// A running count of the bytes inflated from one workbook (a reference, so that every part's
/// extraction adds to the same count).
final class InflatedBytes {
    private var total = 0
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Adds `count`; `false` when the workbook limit is passed.
    func add(_ count: Int) -> Bool {
        total += count
        return total <= limit
    }
}
