import Formats
import Foundation
import IndexCore

/// The layout shared by ``SurveyFormWriter`` and ``SurveyFormReader``: sheet names, columns and
/// the keys in column A. Documented for users in docs/survey-forms.md.
///
/// The form sheet has one row per question. Column A holds a machine key on every row that
/// matters — a metadata key (`methodology`, `edition`, `block`, `period`, `unit_id`,
/// `unit_name`), `field` on the header row, or the question's field id — and column F holds the
/// value. The reader finds rows by that key, never by position, so rows may be reordered.
public enum SurveyFormLayout {
    /// The form sheet's name in each language; the reader accepts either.
    public static func formSheetName(_ language: Language) -> String { language == .vi ? "Phiếu" : "Form" }
    /// The instructions sheet's name.
    public static func instructionsSheetName(_ language: Language) -> String { language == .vi ? "Hướng dẫn" : "Instructions" }
    /// The hidden sheet holding long choice lists.
    public static func listsSheetName(_ language: Language) -> String { language == .vi ? "Danh mục" : "Lists" }

    /// Column numbers (1-based) of the form sheet.
    /// Column A: the row's key.
    public static let keyColumn = 1, sectionColumn = 2, questionColumn = 3, unitColumn = 4, allowedColumn = 5
    /// Column F: the answer; G: evidence; H: help.
    public static let answerColumn = 6, evidenceColumn = 7, helpColumn = 8

    /// The metadata keys, in the order they appear at the top of the form sheet.
    public static let metadataKeys = ["methodology", "edition", "block", "period", "unit_id", "unit_name"]
    /// The key in column A of the header row.
    public static let headerKey = "field"
    /// The key in column A of the signature block's rows below the questions; the reader skips
    /// them. (A hyphen: no field id can be it, since field ids are expression identifiers.)
    public static let signOffKey = "sign-off"
    /// The row of the first metadata key and of the header (as written; the reader does not
    /// depend on them).
    public static let firstMetadataRow = 2
    /// The header row as written.
    public static let headerRow = 9
}

/// Writes the survey form of one block as an `.xlsx` workbook: an instructions sheet, and a form
/// sheet with the metadata (methodology, edition, block, period, unit) and one row per question
/// of the block — section, question, unit of measure, allowed values, help, an unlocked answer
/// cell with data validation (a yes/no or choice drop-down, whole numbers for counts, decimal
/// ranges for numbers and percentages) and an unlocked evidence cell. Everything else is locked;
/// the sheets are protected without a password.
public struct SurveyFormWriter: Sendable {
    /// The methodology whose questions the form asks.
    public var methodology: Methodology
    /// The block id; only the questions asked of this block are on the form.
    public var block: String
    /// The unit the form is for; when `nil` the unit id and name cells are left for the unit to
    /// fill (unlocked).
    public var unitID: String?
    /// The unit's name printed on the form (Vietnamese); `nil`: the cell is left for the unit.
    public var unitName: String?
    /// The data year; defaults to the methodology's. When neither is known the period cell is
    /// left unlocked.
    public var period: Int?
    /// The language of the form's sheet names, labels and instructions.
    public var language: Language
    /// The day the filled form is due, printed at the top of the form and in the instructions.
    public var deadline: Day?
    /// Answers to write into the form (e.g. last year's, for the unit to update; or a unit's
    /// answers turned into the form it would return). Fields the block does not ask are ignored.
    public var prefill: RawRecord?

    /// A writer of the form of `block`.
    public init(methodology: Methodology, block: String, unitID: String? = nil, unitName: String? = nil, period: Int? = nil, language: Language = .vi, deadline: Day? = nil) {
        self.methodology = methodology
        self.block = block
        self.unitID = unitID
        self.unitName = unitName
        self.period = period
        self.language = language
        self.deadline = deadline
    }

    /// The deadline as the form's reader writes dates: `15/01/2020` in Vietnamese, `2020-01-15` in English.
    var deadlineText: String? {
        deadline.map { language == .vi ? String(format: "%02d/%02d/%04d", $0.day, $0.month, $0.year) : $0.description }
    }

    /// The questions of the block, in methodology order.
    public var fields: [Field] { methodology.fields.filter { $0.applies(to: block) } }

    /// Writes the form to `url`.
    public func write(to url: URL) throws {
        try workbook().write(to: url)
    }

    /// The form as a workbook model (fill it programmatically, then write it).
    public func workbook() throws -> XLSXWorkbook {
        guard let blockInfo = methodology.block(block) else {
            throw DiagnosticError([Diagnostic(.unknownBlock, .formUnknownBlock(block, blocks: methodology.blocks.map(\.id)), at: SourceLocation(file: methodology.fileName))])
        }
        let vi = language == .vi
        let formName = SurveyFormLayout.formSheetName(language)
        var lists = XLSXSheet(name: SurveyFormLayout.listsSheetName(language))
        lists.isHidden = true
        lists.isProtected = true
        var definedNames: [XLSXDefinedName] = []

        // MARK: The form sheet
        var form = XLSXSheet(name: formName)
        let key = XLSXStyle(color: "808080", alignTop: true)
        let label = XLSXStyle(wrap: true, alignTop: true, border: true)
        let answer = XLSXStyle(fill: "FFF2CC", wrap: true, alignTop: true, locked: false, border: true)
        let given = XLSXStyle(bold: true, alignTop: true)
        let title = XLSXStyle(bold: true)
        form.set(XLSXCellReference(column: SurveyFormLayout.questionColumn, row: 1), .text((vi ? "PHIẾU KHẢO SÁT — " : "SURVEY FORM — ") + methodology.title[language]), style: title)
        let effectivePeriod = period ?? methodology.period
        let metadata: [(key: String, label: String, value: String?, note: String?)] = [
            ("methodology", vi ? "Phương pháp" : "Methodology", methodology.id, methodology.title[language]),
            ("edition", vi ? "Phiên bản" : "Edition", methodology.edition, nil),
            ("block", vi ? "Khối" : "Block", block, blockInfo.name[language]),
            ("period", vi ? "Năm số liệu" : "Data year", effectivePeriod.map(String.init), vi ? "Năm của số liệu (4 chữ số)" : "The year the data describe (4 digits)"),
            ("unit_id", vi ? "Mã đơn vị" : "Unit id", unitID, vi ? "Mã do cơ quan tổng hợp cấp" : "The id given by the collecting agency"),
            ("unit_name", vi ? "Tên đơn vị" : "Unit name", unitName ?? (unitID == nil ? nil : unitID), nil),
        ]
        for (offset, item) in metadata.enumerated() {
            let row = SurveyFormLayout.firstMetadataRow + offset
            form.set(XLSXCellReference(column: SurveyFormLayout.keyColumn, row: row), .text(item.key), style: key)
            form.set(XLSXCellReference(column: SurveyFormLayout.questionColumn, row: row), .text(item.label), style: XLSXStyle(bold: true))
            let cell = XLSXCellReference(column: SurveyFormLayout.answerColumn, row: row)
            if let value = item.value {
                if item.key == "period", let year = Int(value) {
                    form.set(cell, .number(Double(year)), style: given)
                } else {
                    form.set(cell, .text(value), style: given)
                }
            } else {
                form.set(cell, .empty, style: answer)
                if item.key == "period" {
                    form.validations.append(XLSXDataValidation(.whole(minimum: 1990, maximum: 2100), ranges: [XLSXCellRange(cell, cell)],
                                                               errorTitle: vi ? "Năm không hợp lệ" : "Invalid year", error: vi ? "Nhập năm có 4 chữ số, ví dụ 2019." : "Enter a 4-digit year, e.g. 2019."))
                }
            }
            if let note = item.note { form.set(XLSXCellReference(column: SurveyFormLayout.helpColumn, row: row), .text(note), style: XLSXStyle(wrap: true, alignTop: true)) }
        }
        if let deadlineText {
            // The row between the metadata and the header: no key, which the reader allows above the header.
            form.set(XLSXCellReference(column: SurveyFormLayout.questionColumn, row: SurveyFormLayout.headerRow - 1),
                     .text((vi ? "Hạn gửi phiếu: " : "Return the form by ") + deadlineText), style: XLSXStyle(bold: true, color: "C00000"))
        }

        let headers = vi
            ? [SurveyFormLayout.headerKey, "Mục", "Câu hỏi", "Đơn vị tính", "Giá trị cho phép", "Trả lời", "Minh chứng / nguồn số liệu", "Hướng dẫn"]
            : [SurveyFormLayout.headerKey, "Section", "Question", "Unit", "Allowed values", "Answer", "Evidence / source", "Help"]
        for (index, header) in headers.enumerated() {
            form.set(XLSXCellReference(column: index + 1, row: SurveyFormLayout.headerRow), .text(header),
                     style: index == 0 ? XLSXStyle(bold: true, color: "808080") : XLSXStyle(bold: true, fill: "DDE5F0", wrap: true, alignTop: true, border: true))
        }
        var row = SurveyFormLayout.headerRow
        var previousSection: String?
        for field in fields {
            row += 1
            func at(_ column: Int) -> XLSXCellReference { XLSXCellReference(column: column, row: row) }
            form.set(at(SurveyFormLayout.keyColumn), .text(field.id), style: key)
            // The section's label on its first question only: repeated, it would make every row
            // three lines tall on paper.
            let section = field.section == previousSection ? (field.section ?? "") : sectionText(field.section)
            previousSection = field.section
            form.set(at(SurveyFormLayout.sectionColumn), .text(section), style: label)
            form.set(at(SurveyFormLayout.questionColumn), .text(field.label[language]), style: label)
            form.set(at(SurveyFormLayout.unitColumn), field.unit.map { .text($0[language]) } ?? .empty, style: label)
            form.set(at(SurveyFormLayout.allowedColumn), .text(allowedText(field)), style: label)
            form.set(at(SurveyFormLayout.answerColumn), prefilledValue(field), style: answer)
            form.set(at(SurveyFormLayout.evidenceColumn), .empty, style: answer)
            form.set(at(SurveyFormLayout.helpColumn), field.help.map { .text($0[language]) } ?? .empty, style: label)
            let cell = at(SurveyFormLayout.answerColumn)
            if var validation = validation(for: field, lists: &lists, definedNames: &definedNames) {
                validation.ranges = [XLSXCellRange(cell, cell)]
                validation.promptTitle = String(field.id.prefix(32))
                validation.prompt = field.help?[language] ?? field.label[language]
                form.validations.append(validation)
            }
        }
        row = signOff(into: &form, after: row)
        // Printed on A4 portrait one page wide: column A (the machine keys) stays on screen but
        // off paper, the header row repeats on every page, rows are as tall as their wrapped text.
        form.columnWidths = [1: 16, 2: 12, 3: 38, 4: 11, 5: 14, 6: 13, 7: 18, 8: 26]  // D fits "applications" whole
        form.fitRowHeightsToWrappedText()
        form.pageSetup = XLSXPageSetup(printArea: XLSXCellRange(XLSXCellReference(column: SurveyFormLayout.sectionColumn, row: 1),
                                                                XLSXCellReference(column: SurveyFormLayout.helpColumn, row: row)),
                                       repeatedRows: SurveyFormLayout.headerRow...SurveyFormLayout.headerRow,
                                       footer: "&L\(Self.footerText(blockInfo.name[language]))&R" + (vi ? "Trang &P/&N" : "Page &P of &N"))
        form.frozenRows = SurveyFormLayout.headerRow
        form.isProtected = true

        // MARK: The instructions sheet
        var instructions = XLSXSheet(name: SurveyFormLayout.instructionsSheetName(language))
        var line = 0
        func add(_ text: String, _ style: XLSXStyle = XLSXStyle(wrap: true)) {
            line += 1
            instructions.set(XLSXCellReference(column: 1, row: line), .text(text), style: style)
        }
        add(methodology.title[language], XLSXStyle(bold: true))
        add("\(methodology.id) · \(vi ? "phiên bản" : "edition") \(methodology.edition) · \(blockInfo.name[language])" + (effectivePeriod.map { vi ? " · năm \($0)" : " · year \($0)" } ?? ""))
        if !methodology.sources.isEmpty {
            add((vi ? "Căn cứ: " : "Based on: ") + methodology.sources.map(\.id).joined(separator: ", "))
        }
        line += 1
        add(vi ? "CÁCH ĐIỀN PHIẾU" : "HOW TO FILL IN THE FORM", XLSXStyle(bold: true))
        let steps = vi ? [
            "1. Mở trang \"\(formName)\". Mỗi dòng là một câu hỏi; chỉ các ô tô màu vàng được sửa.",
            "2. Ghi câu trả lời vào cột \"Trả lời\" (cột F), mỗi câu một ô. Số: chỉ nhập số, không kèm đơn vị tính. Tỷ lệ phần trăm: nhập 55 cho 55%.",
            "3. Câu hỏi có/không và câu hỏi lựa chọn: chọn trong danh sách thả xuống.",
            "4. Ghi minh chứng hoặc nguồn số liệu (số văn bản, đường dẫn) vào cột \"Minh chứng / nguồn số liệu\" (cột G).",
            "5. Để trống câu không có số liệu; câu để trống không được tính điểm.",
            "6. Không thêm, xoá, gộp dòng hoặc ô, và không sửa cột A (mã câu hỏi). Có thể sắp xếp lại các dòng.",
            "7. Nếu phiếu chưa ghi đơn vị, điền mã và tên đơn vị ở phần đầu trang \"\(formName)\".",
            "8. Lưu tệp ở định dạng .xlsx (không chuyển sang PDF, không đổi tên các trang) và gửi lại cho cơ quan tổng hợp"
                + (deadlineText.map { " trước ngày \($0)" } ?? "") + ". Khi nhận phiếu, cơ quan tổng hợp kiểm tra tự động mọi câu trả lời; nếu có ô sai hoặc thiếu, đơn vị sẽ nhận lại danh sách các ô cần sửa (tên trang và ô, ví dụ \(formName)!F12, kèm lý do) để sửa rồi gửi lại.",
            "9. Ký, ghi rõ họ tên và đóng dấu ở cuối trang \"\(formName)\" trên bản in lưu tại đơn vị.",
        ] : [
            "1. Open the sheet \"\(formName)\". Each row is one question; only the yellow cells can be edited.",
            "2. Write each answer in the \"Answer\" column (column F), one cell per question. Numbers: digits only, without the unit. Percentages: enter 55 for 55%.",
            "3. Yes/no and choice questions: pick from the drop-down list.",
            "4. Write the evidence or source of each answer (document number, link) in the \"Evidence / source\" column (column G).",
            "5. Leave a question empty when there are no data; an empty answer scores no points.",
            "6. Do not add, delete or merge rows or cells, and do not change column A (the question ids). Rows may be reordered.",
            "7. If the form does not name your unit, fill in the unit id and name at the top of the sheet \"\(formName)\".",
            "8. Save the file as .xlsx (not as PDF, and without renaming the sheets) and send it back to the collecting agency"
                + (deadlineText.map { " by \($0)" } ?? "") + ". The agency checks every answer automatically when it receives the form; if a cell is wrong or missing, you get back the list of cells to correct (sheet and cell, e.g. \(formName)!F12, with the reason), correct them and send the form again.",
            "9. Sign, write your name and stamp the printed copy kept by your unit at the end of the sheet \"\(formName)\".",
        ]
        steps.forEach { add($0) }
        let constraints = methodology.constraints.filter { $0.blocks?.contains(block) ?? true }
        if !constraints.isEmpty {
            line += 1
            add(vi ? "CÁC RÀNG BUỘC GIỮA CÂU TRẢ LỜI" : "CHECKS BETWEEN ANSWERS", XLSXStyle(bold: true))
            for constraint in constraints { add("• \(constraint.message[language]) (\(constraint.check))") }
        }
        // 80 characters fit A4 portrait at full size even in a font wider than Calibri.
        instructions.columnWidths = [1: 80]
        instructions.fitRowHeightsToWrappedText(charactersPerWidth: 1.15)
        instructions.pageSetup = XLSXPageSetup(printArea: XLSXCellRange(XLSXCellReference(column: 1, row: 1), XLSXCellReference(column: 1, row: line)))
        instructions.isProtected = true

        var sheets = [instructions, form]
        if !lists.cells.isEmpty { sheets.append(lists) }
        return XLSXWorkbook(sheets: sheets, definedNames: definedNames, stringStorage: .shared, activeSheet: 0)
    }

    /// The prefilled answer of a field as a person would type it: numbers as numbers, yes/no in
    /// the form's words, other text as it is.
    func prefilledValue(_ field: Field) -> XLSXValue {
        guard let value = prefill?.cells.last(where: { $0.field == field.id })?.value else { return .empty }
        switch value {
        case .empty: return .empty
        case .number(let number): return .number(number)
        case .boolean(let flag): return .text(flag ? yesNo[0] : yesNo[1])
        case .text(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if case .boolean = field.type {
                switch VietnameseText.fold(trimmed) {
                case "co", "yes", "true", "1": return .text(yesNo[0])
                case "khong", "no", "false", "0": return .text(yesNo[1])
                default: return .text(trimmed)
                }
            }
            if [.count, .number, .percent].contains(where: { $0 == field.type }), let number = Double(trimmed) { return .number(number) }
            return .text(trimmed)
        }
    }

    /// The signature block below the questions (from row `after` + 2): the date line, the person
    /// who filled the form and the head of the unit with the stamp, and room to sign. Its rows
    /// carry ``SurveyFormLayout/signOffKey`` in column A; returns its last row.
    func signOff(into form: inout XLSXSheet, after last: Int) -> Int {
        let vi = language == .vi
        let key = XLSXStyle(color: "808080")
        let left = SurveyFormLayout.questionColumn, right = SurveyFormLayout.evidenceColumn
        let lines: [(left: String?, right: String?, style: XLSXStyle)] = [
            (nil, vi ? "…………, ngày …… tháng …… năm ……" : "Place and date: ……………………", XLSXStyle(italic: true)),
            (vi ? "NGƯỜI LẬP PHIẾU" : "PREPARED BY", vi ? "THỦ TRƯỞNG ĐƠN VỊ" : "HEAD OF THE UNIT", XLSXStyle(bold: true)),
            (vi ? "(Ký, ghi rõ họ tên, số điện thoại)" : "(signature, full name, telephone)", vi ? "(Ký, ghi rõ họ tên, đóng dấu)" : "(signature, full name, official stamp)", XLSXStyle(italic: true)),
        ]
        var row = last + 1
        for line in lines {
            row += 1
            form.set(XLSXCellReference(column: SurveyFormLayout.keyColumn, row: row), .text(SurveyFormLayout.signOffKey), style: key)
            if let text = line.left { form.set(XLSXCellReference(column: left, row: row), .text(text), style: line.style) }
            if let text = line.right { form.set(XLSXCellReference(column: right, row: row), .text(text), style: line.style) }
        }
        row += 1
        form.rowHeights[row] = 80  // room for the signatures and the stamp
        return row
    }

    /// The footer's left part: the block, without the characters Excel reads as footer codes.
    static func footerText(_ text: String) -> String { text.replacingOccurrences(of: "&", with: "&&") }

    /// The section column: the section id and, when it names a node of the tree, its label.
    func sectionText(_ section: String?) -> String {
        guard let section else { return "" }
        if let node = methodology.node(section) { return "\(section). \(node.label[language])" }
        return section
    }

    /// The yes/no words of the drop-down; ``SurveyValidator`` reads both languages.
    var yesNo: [String] { language == .vi ? ["có", "không"] : ["yes", "no"] }

    /// The allowed values in words, e.g. `số nguyên từ 0 đến 14` / `whole number 0–14`.
    func allowedText(_ field: Field) -> String {
        let vi = language == .vi
        func range(_ low: Double?, _ high: Double?) -> String {
            switch (low, high) {
            case let (l?, h?): vi ? "từ \(NumberFormatting.format(l)) đến \(NumberFormatting.format(h))" : "\(NumberFormatting.format(l))–\(NumberFormatting.format(h))"
            case let (l?, nil): "≥ \(NumberFormatting.format(l))"
            case let (nil, h?): "≤ \(NumberFormatting.format(h))"
            case (nil, nil): vi ? "bất kỳ" : "any"
            }
        }
        switch field.type {
        case .count: return (vi ? "số nguyên " : "whole number ") + range(field.minimum ?? 0, field.maximum)
        case .number: return (vi ? "số " : "number ") + range(field.minimum, field.maximum)
        case .percent: return (vi ? "phần trăm " : "percent ") + range(field.minimum, field.maximum)
        case .boolean: return yesNo.joined(separator: " / ")
        case .choice(let choices): return choices.map { $0.label[language] }.joined(separator: " / ")
        case .text: return vi ? "văn bản" : "text"
        }
    }

    /// The data validation of a field's answer cell (without its range).
    func validation(for field: Field, lists: inout XLSXSheet, definedNames: inout [XLSXDefinedName]) -> XLSXDataValidation? {
        let vi = language == .vi
        let title = vi ? "Giá trị không hợp lệ" : "Invalid answer"
        let allowed = allowedText(field)
        let message = (vi ? "Câu trả lời phải là: " : "The answer must be: ") + allowed
        switch field.type {
        case .count:
            return XLSXDataValidation(.whole(minimum: field.minimum ?? 0, maximum: field.maximum), ranges: [], errorTitle: title, error: message)
        case .number, .percent:
            return XLSXDataValidation(.decimal(minimum: field.minimum, maximum: field.maximum), ranges: [], errorTitle: title, error: message)
        case .boolean:
            return XLSXDataValidation(.list(yesNo), ranges: [], errorTitle: title, error: message)
        case .choice(let choices):
            let labels = choices.map { $0.label[language] }
            if XLSXDataValidation.fitsInline(labels) {
                return XLSXDataValidation(.list(labels), ranges: [], errorTitle: title, error: message)
            }
            // Too long or with commas: the labels go to a hidden sheet, referenced by a name.
            let column = (lists.cells.keys.map(\.column).max() ?? 0) + 1
            for (index, label) in labels.enumerated() {
                lists.set(XLSXCellReference(column: column, row: index + 1), .text(label))
            }
            let name = "choices_" + String(field.id.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
            let first = XLSXCellReference(column: column, row: 1), last = XLSXCellReference(column: column, row: labels.count)
            definedNames.append(XLSXDefinedName(name: name, reference: "'\(lists.name)'!\(first.absolute):\(last.absolute)"))
            return XLSXDataValidation(.listSource(name), ranges: [], errorTitle: title, error: message)
        case .text:
            return nil
        }
    }
}

/// What a filled form holds: the unit's answers as a ``RawRecord`` (every cell located as
/// `file.xlsx (Phiếu!F12)`), the evidence given for each answer, and the form's metadata.
public struct SurveyFormContent: Sendable {
    /// The unit's answers, ready for ``SurveyValidator``.
    public var record: RawRecord
    /// The evidence/source text by field id, with its cell.
    public var evidence: [String: (text: String, location: SourceLocation)]
    /// The methodology id and edition the form was made for.
    public var methodologyID: String?
    /// The methodology edition the form was made for.
    public var edition: String?
}

/// Reads a filled survey form (written by ``SurveyFormWriter``) back into a ``RawRecord``.
///
/// Rows are found by the key in column A, so reordered rows are fine. It reports, all at once:
/// a missing form sheet or header row, rows after the header that are not questions, the same
/// question twice, merged cells in the answer column, error values (`#DIV/0!`) and formulas
/// without a computed value. With a methodology it also checks that the form belongs to it and
/// that every question is one of the block's. Types, ranges and cross-field constraints are
/// checked afterwards by ``SurveyValidator``, like any other survey data.
public enum SurveyFormReader {
    /// Reads the form at `url`.
    public static func read(_ url: URL, methodology: Methodology? = nil) throws -> SurveyFormContent {
        let document = try XLSXReader.read(url)
        return try read(document, methodology: methodology)
    }

    /// Reads a form from a parsed workbook.
    public static func read(_ document: XLSXDocument, methodology: Methodology? = nil) throws -> SurveyFormContent {
        let file = document.fileName
        let names = Language.allCases.map(SurveyFormLayout.formSheetName)
        guard let sheet = names.lazy.compactMap({ document.sheet(named: $0) }).first
            ?? document.sheets.first(where: { sheet in sheet.cells.contains { $0.key.column == SurveyFormLayout.keyColumn && $0.value.content == .text(SurveyFormLayout.headerKey) } }) else {
            throw DiagnosticError([Diagnostic(.missingKey, .workbookHasNoFormSheet(names: names, sheets: document.sheets.map(\.name)), at: SourceLocation(file: file))])
        }
        var problems: [Diagnostic] = []
        func location(_ cell: XLSXCellReference) -> SourceLocation { document.location(sheet: sheet.name, cell) }
        func text(_ cell: XLSXCellReference) -> String? {
            switch sheet.cells[cell]?.content {
            case .text(let text):
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? nil : VietnameseText.nfc(trimmed)
            case .number(let number): return NumberFormatting.format(number)
            case .boolean(let flag): return flag ? "true" : "false"
            default: return nil
            }
        }

        // Rows by their key in column A.
        // The filled cells of each row, gathered once: a row is looked at in one step, so a sheet
        // of many rows stays linear.
        let filledByRow = Dictionary(grouping: sheet.cells.filter { $0.value.content != .empty }.keys, by: \.row)
        let rows = filledByRow.keys.sorted()
        let headerRow = rows.first { text(XLSXCellReference(column: SurveyFormLayout.keyColumn, row: $0)) == SurveyFormLayout.headerKey }
        guard let headerRow else {
            throw DiagnosticError([Diagnostic(.missingKey, .formWithoutHeaderRow(key: SurveyFormLayout.headerKey), at: document.location(sheet: sheet.name))])
        }
        var metadata: [String: (value: RawValue, cell: XLSXCellReference)] = [:]
        var questions: [(field: String, row: Int)] = []
        var seenFields: [String: Int] = [:]
        for row in rows where row != headerRow {
            let keyCell = XLSXCellReference(column: SurveyFormLayout.keyColumn, row: row)
            let answerCell = XLSXCellReference(column: SurveyFormLayout.answerColumn, row: row)
            let key = text(keyCell)
            if key == SurveyFormLayout.signOffKey { continue }  // the signature block: nothing to read
            if let key, SurveyFormLayout.metadataKeys.contains(key) {
                if metadata[key] != nil {
                    problems.append(Diagnostic(.duplicateID, .formKeyTwice(key, firstRow: metadata[key]!.cell.row), at: location(keyCell)))
                } else {
                    metadata[key] = (value(at: answerCell, in: sheet, location: location(answerCell), problems: &problems), answerCell)
                }
                continue
            }
            if row < headerRow {
                if let key {
                    problems.append(Diagnostic(.invalidValue, .formUnknownMetadataKey(row: row, key: key, known: SurveyFormLayout.metadataKeys), at: location(keyCell)))
                }
                continue
            }
            guard let key else {
                let filled = (filledByRow[row] ?? []).sorted().map(\.description)
                problems.append(Diagnostic(.invalidValue, .formRowWithoutQuestion(row: row, filled: filled), at: location(keyCell)))
                continue
            }
            if let first = seenFields[key] {
                problems.append(Diagnostic(.duplicateID, .formQuestionTwice(key, first: first, row: row), at: location(keyCell)))
                continue
            }
            seenFields[key] = row
            questions.append((key, row))
        }
        for name in ["unit_id", "block"] where metadata[name] == nil {
            problems.append(Diagnostic(.missingKey, .formMissingRow(name), at: document.location(sheet: sheet.name)))
        }

        // Merged cells on the rows that matter break the one-question-one-cell rule.
        let keyedRows = Set(questions.map(\.row) + metadata.values.map(\.cell.row) + [headerRow])
        let guarded = [SurveyFormLayout.keyColumn, SurveyFormLayout.answerColumn, SurveyFormLayout.evidenceColumn]
        for range in sheet.mergedRanges {
            let rowsHit = keyedRows.contains { (range.start.row...range.end.row).contains($0) }
            let columnsHit = guarded.contains { (range.start.column...range.end.column).contains($0) }
            if rowsHit && columnsHit {
                problems.append(Diagnostic(.invalidValue, .formMergedCells("\(range)"), at: location(range.start)))
            }
        }

        func metaText(_ key: String) -> String? {
            guard let entry = metadata[key] else { return nil }
            switch entry.value {
            case .text(let text): return VietnameseText.nfc(text)
            case .number(let number): return NumberFormatting.format(number)
            case .boolean(let flag): return flag ? "true" : "false"
            case .empty: return nil
            }
        }
        var period: Int?
        if let entry = metadata["period"] {
            switch entry.value {
            case .empty: break
            case .number(let number) where number == number.rounded() && SurveyPeriod.range.contains(Int(exactly: number) ?? .min): period = Int(number)
            case .text(let text) where (try? SurveyPeriod.parse(text).get()) != nil: period = try? SurveyPeriod.parse(text).get()
            default:
                problems.append(Diagnostic(.typeMismatch, .formDataYearInvalid(range: SurveyPeriod.range, found: describe(entry.value)), at: location(entry.cell)))
            }
        }
        let formBlock = metaText("block")
        if let methodology {
            if let id = metaText("methodology"), id != methodology.id {
                problems.append(Diagnostic(.invalidValue, .formForOtherMethodology(id, expected: methodology.id), at: metadata["methodology"].map { location($0.cell) }))
            }
            if let formBlock, let blockInfo = methodology.block(formBlock) {
                for question in questions {
                    let cell = XLSXCellReference(column: SurveyFormLayout.keyColumn, row: question.row)
                    if let field = methodology.field(question.field) {
                        if !field.applies(to: blockInfo.id) {
                            problems.append(Diagnostic(.invalidValue, .formQuestionNotInBlock(field.id, block: blockInfo.id), at: location(cell)))
                        }
                    } else {
                        let suggestions = VietnameseText.closest(to: question.field, among: methodology.fields.map(\.id), limit: 3)
                        problems.append(Diagnostic(.unknownField, .formRowNotAQuestion(row: question.row, field: question.field, methodology: methodology.id, suggestions: suggestions), at: location(cell)))
                    }
                }
            }
        }

        var cells: [(field: String, value: RawValue, location: SourceLocation)] = []
        var evidence: [String: (text: String, location: SourceLocation)] = [:]
        for question in questions {
            let answerCell = XLSXCellReference(column: SurveyFormLayout.answerColumn, row: question.row)
            cells.append((question.field, value(at: answerCell, in: sheet, location: location(answerCell), problems: &problems), location(answerCell)))
            let evidenceCell = XLSXCellReference(column: SurveyFormLayout.evidenceColumn, row: question.row)
            if let note = text(evidenceCell) { evidence[question.field] = (note, location(evidenceCell)) }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        let unitCell = metadata["unit_id"]?.cell ?? XLSXCellReference(column: SurveyFormLayout.answerColumn, row: headerRow)
        var record = RawRecord(unitID: metaText("unit_id") ?? metaText("unit_name"), name: metaText("unit_name"), block: formBlock, period: period,
                               cells: cells, location: location(unitCell))
        record.evidence = evidence.mapValues(\.text)
        return SurveyFormContent(record: record, evidence: evidence, methodologyID: metaText("methodology"), edition: metaText("edition"))
    }

    /// The answer in a cell as a ``RawValue``; error values and formulas without a result are
    /// reported.
    static func value(at cell: XLSXCellReference, in sheet: XLSXReadSheet, location: SourceLocation, problems: inout [Diagnostic]) -> RawValue {
        guard let read = sheet.cells[cell] else { return .empty }
        switch read.content {
        case .empty:
            if read.formula != nil {
                problems.append(Diagnostic(.invalidValue, .formulaWithoutValue(read.formula!), at: location))
            }
            return .empty
        case .text(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? .empty : .text(trimmed)
        case .number(let number):
            return .number(read.isPercentFormat ? (number * 100 * 1e9).rounded() / 1e9 : number)
        case .boolean(let flag):
            return .boolean(flag)
        case .error(let code):
            problems.append(Diagnostic(.typeMismatch, .cellErrorValue(code, formula: read.formula), at: location))
            return .empty
        }
    }

    static func describe(_ value: RawValue) -> Message.FormCell {
        switch value {
        case .empty: .nothing
        case .text(let text): .text(text)
        case .number(let number): .number(number)
        case .boolean(let flag): .boolean(flag)
        }
    }
}
