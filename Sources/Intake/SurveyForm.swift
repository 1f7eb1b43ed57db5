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
    public static func formSheetName(_ language: Language) -> String { Message.formSheet.text(in: language) }
    /// The instructions sheet's name.
    public static func instructionsSheetName(_ language: Language) -> String { Message.formInstructionsSheet.text(in: language) }
    /// The hidden sheet holding long choice lists.
    public static func listsSheetName(_ language: Language) -> String { Message.formListsSheet.text(in: language) }

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

/// The questions one block answers and the words every survey form shows for them: the Excel
/// form (``SurveyFormWriter``) and the web platform's form are generated from this one list, so
/// both ask the same questions in the same order with the same section titles, allowed values
/// and yes/no words.
public struct SurveyQuestions: Sendable {
    /// The methodology whose questions these are.
    public var methodology: Methodology
    /// The block id; only the questions asked of this block are listed.
    public var block: String
    /// The language of the words.
    public var language: Language

    /// The questions of `block` in `language`.
    public init(methodology: Methodology, block: String, language: Language) {
        self.methodology = methodology
        self.block = block
        self.language = language
    }

    /// The questions of the block, in methodology order.
    public var fields: [Field] { methodology.fields.filter { $0.applies(to: block) } }

    /// A run of consecutive questions under one section heading.
    public struct Section: Sendable {
        /// The section id (usually a category id), `nil` for questions without one.
        public var id: String?
        /// The heading: ``SurveyQuestions/sectionText(_:)``.
        public var title: String
        /// The section's questions, in methodology order.
        public var fields: [Field]
    }

    /// The questions grouped as the form shows them: a new section wherever the section id
    /// changes from one question to the next (the Excel form prints the heading at those rows).
    public var sections: [Section] {
        var sections: [Section] = []
        for field in fields {
            if let last = sections.last, last.id == field.section {
                sections[sections.count - 1].fields.append(field)
            } else {
                sections.append(Section(id: field.section, title: sectionText(field.section), fields: [field]))
            }
        }
        return sections
    }

    /// The section heading: the section id and, when it names a node of the tree, its label.
    public func sectionText(_ section: String?) -> String {
        guard let section else { return "" }
        if let node = methodology.node(section) { return "\(section). \(node.label[language])" }
        return section
    }

    /// The yes/no words of the answer (a drop-down on both forms); ``SurveyValidator`` reads
    /// both languages.
    public var yesNo: [String] { [Message.formYes.text(in: language), Message.formNo.text(in: language)] }

    /// The allowed values in words, e.g. `số nguyên từ 0 đến 14` / `whole number 0–14`.
    public func allowedText(_ field: Field) -> String {
        func say(_ message: Message) -> String { message.text(in: language) }
        func range(_ low: Double?, _ high: Double?) -> String {
            switch (low, high) {
            case let (l?, h?): say(.formRange(NumberFormatting.format(l), NumberFormatting.format(h)))
            case let (l?, nil): "≥ \(NumberFormatting.format(l))"
            case let (nil, h?): "≤ \(NumberFormatting.format(h))"
            case (nil, nil): say(.formAnyValue)
            }
        }
        switch field.type {
        case .count: return say(.formWholeNumber) + range(field.minimum ?? 0, field.maximum)
        case .number: return say(.formNumber) + range(field.minimum, field.maximum)
        case .percent: return say(.formPercent) + range(field.minimum, field.maximum)
        case .boolean: return yesNo.joined(separator: " / ")
        case .choice(let choices): return choices.map { $0.label[language] }.joined(separator: " / ")
        case .text: return say(.formText)
        }
    }

    /// What a wrong answer to `field` is told: the Excel form's data-validation message and the
    /// web form's error text (`Câu trả lời phải là: số nguyên từ 0 đến 14`).
    public func invalidAnswerMessage(_ field: Field) -> String {
        Message.formAnswerMustBe.text(in: language) + allowedText(field)
    }

    /// The smallest allowed answer of a number question as the forms check it (a count's is 0
    /// when the methodology gives none), `nil` when unbounded or not a number.
    public func minimum(_ field: Field) -> Double? {
        switch field.type {
        case .count: field.minimum ?? 0
        case .number, .percent: field.minimum
        default: nil
        }
    }
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

    /// The questions of the block and their words, shared with the web form.
    public var questions: SurveyQuestions { SurveyQuestions(methodology: methodology, block: block, language: language) }

    /// The questions of the block, in methodology order.
    public var fields: [Field] { questions.fields }

    /// Writes the form to `url`.
    public func write(to url: URL) throws {
        try workbook().write(to: url)
    }

    /// The form as a workbook model (fill it programmatically, then write it).
    public func workbook() throws -> XLSXWorkbook {
        guard let blockInfo = methodology.block(block) else {
            throw DiagnosticError([Diagnostic(.unknownBlock, .formUnknownBlock(block, blocks: methodology.blocks.map(\.id)), at: SourceLocation(file: methodology.fileName))])
        }
        func say(_ message: Message) -> String { message.text(in: language) }
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
        form.set(XLSXCellReference(column: SurveyFormLayout.questionColumn, row: 1), .text(say(.formTitlePrefix) + methodology.title[language]), style: title)
        let effectivePeriod = period ?? methodology.period
        let metadata: [(key: String, label: String, value: String?, note: String?)] = [
            ("methodology", say(.formMethodology), methodology.id, methodology.title[language]),
            ("edition", say(.formEdition), methodology.edition, nil),
            ("block", say(.formBlock), block, blockInfo.name[language]),
            ("period", say(.formDataYear), effectivePeriod.map(String.init), say(.formDataYearNote)),
            ("unit_id", say(.formUnitID), unitID, say(.formUnitIDNote)),
            ("unit_name", say(.formUnitName), unitName ?? (unitID == nil ? nil : unitID), nil),
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
                                                               errorTitle: say(.formInvalidYear), error: say(.formEnterYear)))
                }
            }
            if let note = item.note { form.set(XLSXCellReference(column: SurveyFormLayout.helpColumn, row: row), .text(note), style: XLSXStyle(wrap: true, alignTop: true)) }
        }
        if let deadlineText {
            // The row between the metadata and the header: no key, which the reader allows above the header.
            form.set(XLSXCellReference(column: SurveyFormLayout.questionColumn, row: SurveyFormLayout.headerRow - 1),
                     .text(say(.formDeadlinePrefix) + deadlineText), style: XLSXStyle(bold: true, color: "C00000"))
        }

        let headers = [SurveyFormLayout.headerKey] + Message.formHeaders.map(say)
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
                                       footer: "&L\(Self.footerText(blockInfo.name[language]))&R" + Self.pageFooter(language))
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
        add(say(.formEditionLine(methodology: methodology.id, edition: methodology.edition, block: blockInfo.name[language], period: effectivePeriod)))
        if !methodology.sources.isEmpty {
            add(say(.formBasedOn(methodology.sources.map(\.id).joined(separator: ", "))))
        }
        line += 1
        add(say(.formHowToFill), XLSXStyle(bold: true))
        let steps = Message.formSteps(form: formName, deadline: deadlineText).map(say)
        steps.forEach { add($0) }
        let constraints = methodology.constraints.filter { $0.blocks?.contains(block) ?? true }
        if !constraints.isEmpty {
            line += 1
            add(say(.formChecksBetweenAnswers), XLSXStyle(bold: true))
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
        func say(_ message: Message) -> String { message.text(in: language) }
        let key = XLSXStyle(color: "808080")
        let left = SurveyFormLayout.questionColumn, right = SurveyFormLayout.evidenceColumn
        let lines: [(left: String?, right: String?, style: XLSXStyle)] = [
            (nil, say(.formPlaceAndDate), XLSXStyle(italic: true)),
            (say(.formPreparedBy), say(.formHeadOfUnit), XLSXStyle(bold: true)),
            (say(.formPreparerSigns), say(.formHeadSigns), XLSXStyle(italic: true)),
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

    /// The footer's right part with Excel's page codes (`&P` the page, `&N` the count). Not a
    /// catalog message: "Trang" has no diacritics, which the catalog's check of Vietnamese
    /// (rightly) takes for untranslated English.
    static func pageFooter(_ language: Language) -> String { language == .vi ? "Trang &P/&N" : "Page &P of &N" }

    /// The footer's left part: the block, without the characters Excel reads as footer codes.
    static func footerText(_ text: String) -> String { text.replacingOccurrences(of: "&", with: "&&") }

    /// The section column: the section id and, when it names a node of the tree, its label.
    func sectionText(_ section: String?) -> String { questions.sectionText(section) }

    /// The yes/no words of the drop-down; ``SurveyValidator`` reads both languages.
    var yesNo: [String] { questions.yesNo }

    /// The allowed values in words, e.g. `số nguyên từ 0 đến 14` / `whole number 0–14`.
    func allowedText(_ field: Field) -> String { questions.allowedText(field) }

    /// The data validation of a field's answer cell (without its range).
    func validation(for field: Field, lists: inout XLSXSheet, definedNames: inout [XLSXDefinedName]) -> XLSXDataValidation? {
        let title = Message.formInvalidAnswer.text(in: language)
        let message = questions.invalidAnswerMessage(field)
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
