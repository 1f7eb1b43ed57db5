import Foundation
import IndexCore
@testable import Formats
@testable import Intake
import Testing

/// Survey forms: methodology → form.xlsx → filled → read back → the same results as the CSV;
/// and every way a returned form can be wrong.
@Suite struct SurveyFormTests {
    /// Writes a filled form for every example unit of 2019, reads them back through
    /// `SurveyReader` (as `ictindex compute` does) and compares the results with computing the
    /// CSV: every score of every node, bit for bit, and every rank.
    @Test func filledFormsComputeLikeTheCSV() throws {
        let methodology = try Repository.methodology()
        let records = try Repository.records2019()
        #expect(records.count == 87)
        let directory = try temporaryDirectory()
        var urls: [URL] = []
        for (index, record) in records.enumerated() {
            let language: Language = index.isMultiple(of: 3) ? .en : .vi
            let workbook = try filledForm(methodology, record, language: language, unitOnForm: !index.isMultiple(of: 2))
            let url = directory.appendingPathComponent("\(record.unitID!).xlsx")
            try workbook.write(to: url)
            urls.append(url)
        }
        let formRecords = try SurveyReader.read(urls)
        let formAnswers = try SurveyValidator(methodology: methodology).validate(formRecords)
        let csvAnswers = try SurveyValidator(methodology: methodology).validate(records)
        let fromForms = try Engine.compute(methodology, answers: formAnswers, period: 2019)
        let fromCSV = try Engine.compute(methodology, answers: csvAnswers, period: 2019)
        #expect(fromForms.blocks.map(\.plan.block.id) == fromCSV.blocks.map(\.plan.block.id))
        for (a, b) in zip(fromForms.blocks, fromCSV.blocks) {
            #expect(a.units.map(\.unitID) == b.units.map(\.unitID))
            #expect(a.units.map(\.name) == b.units.map(\.name))
            #expect(a.units.map(\.values) == b.units.map(\.values))
            #expect(a.units.map(\.texts) == b.units.map(\.texts))
            #expect(a.score.map { $0.map(\.bitPattern) } == b.score.map { $0.map(\.bitPattern) }, "scores of block \(a.plan.block.id)")
            #expect(a.rank == b.rank)
        }
        // Every answer points at its cell.
        let hue = try #require(formAnswers.first { $0.unitID == "thua-thien-hue" } ?? formAnswers.first { $0.block == "province" })
        let source = try #require(hue.sources["staff_total"])
        #expect(source.file.hasSuffix("\(hue.unitID).xlsx"))
        #expect(source.detail == "Phiếu!F10" || source.detail == "Form!F10")
        #expect(source.description.hasSuffix(".xlsx (\(source.detail!))"))
    }

    @Test func evidenceAndMetadataAreRead() throws {
        let methodology = try Repository.methodology()
        let record = try Repository.records2019().first { $0.block == "province" }!
        let data = try filledForm(methodology, record).data()
        let content = try SurveyFormReader.read(XLSXReader.read(data, fileName: "form.xlsx"), methodology: methodology)
        #expect(content.methodologyID == "vn-it-application-2019")
        #expect(content.edition == "2019")
        #expect(content.record.unitID == record.unitID)
        #expect(content.record.name == record.name)
        #expect(content.record.block == "province")
        #expect(content.record.period == 2019)
        #expect(content.evidence["staff_total"]?.text == "Báo cáo \(record.unitID!) năm 2019")
        #expect(content.evidence["staff_total"]?.location.detail == "Phiếu!G10")
    }

    @Test func formLayout() throws {
        let methodology = try Repository.methodology()
        let workbook = try SurveyFormWriter(methodology: methodology, block: "province", language: .vi).workbook()
        #expect(workbook.sheets.map(\.name) == ["Hướng dẫn", "Phiếu"])
        let form = workbook.sheets[1]
        let rows = form.rowsByKey
        let fields = methodology.fields.filter { $0.applies(to: "province") }
        #expect(Set(rows.keys) == Set(fields.map(\.id) + SurveyFormLayout.metadataKeys + [SurveyFormLayout.headerKey, SurveyFormLayout.signOffKey]))
        #expect(rows["services_online_payment"] == nil, "a ministry-only question is not on the provincial form")
        #expect(form.isProtected)
        let answer = XLSXCellReference(column: SurveyFormLayout.answerColumn, row: rows["has_datacentre"]!)
        #expect(form.cells[answer]?.style.locked == false)
        #expect(form.cells[XLSXCellReference(column: SurveyFormLayout.evidenceColumn, row: rows["has_datacentre"]!)]?.style.locked == false)
        #expect(form.cells[XLSXCellReference(column: SurveyFormLayout.questionColumn, row: rows["has_datacentre"]!)]?.style.locked == true)
        // Without a unit, the unit cells are open for the unit to fill; with one, they are locked.
        #expect(form.cells[XLSXCellReference(column: SurveyFormLayout.answerColumn, row: rows["unit_id"]!)]?.style.locked == false)
        let named = try SurveyFormWriter(methodology: methodology, block: "province", unitID: "hue", unitName: "Thừa Thiên Huế").workbook().sheets[1]
        #expect(named.cells[XLSXCellReference(column: SurveyFormLayout.answerColumn, row: named.rowsByKey["unit_id"]!)]?.style.locked == true)
        // Validations: a yes/no list, whole numbers for counts, decimal ranges for percentages.
        func validation(_ field: String) -> XLSXDataValidation? {
            let cell = XLSXCellReference(column: SurveyFormLayout.answerColumn, row: rows[field]!)
            return form.validations.first { $0.ranges.contains { $0.contains(cell) } }
        }
        #expect(validation("has_datacentre")?.rule == .list(["có", "không"]))
        #expect(validation("staff_total")?.rule == .whole(minimum: 1, maximum: 1_000_000))
        #expect(validation("video_meetings")?.rule == .whole(minimum: 0, maximum: nil))
        #expect(validation("it_budget_percent")?.rule == .decimal(minimum: 0, maximum: 100))
        #expect(validation("portal_update_days")?.rule == .decimal(minimum: 0, maximum: 365))
        #expect(validation("contact_person") == nil)
        #expect(throws: DiagnosticError.self) { try SurveyFormWriter(methodology: methodology, block: "nowhere").workbook() }
    }

    @Test func choiceFieldsGetDropDowns() throws {
        let methodology = try MethodologyLoader.load(yaml: """
            id: t
            family: t
            edition: "1"
            title: {vi: Thử, en: Test}
            scale: unit
            blocks: [{id: p, name: {vi: Tỉnh, en: Provinces}}]
            fields:
              - {id: level, label: {vi: Mức, en: Level}, type: choice, choices: [{id: low, label: {vi: Thấp, en: Low}, value: 0}, {id: high, label: {vi: Cao, en: High}, value: 1}]}
              - {id: kind, label: {vi: Loại, en: Kind}, type: choice, choices: [{id: a, label: {vi: "Một, hai", en: "One, two"}, value: 1}, {id: b, label: {vi: Ba, en: Three}, value: 3}]}
            index:
              id: index
              label: {vi: Chỉ số, en: Index}
              children:
                - {id: x, label: {vi: X, en: X}, value: level + kind, score: as_is, weight: 1}
            """, fileName: "t.yaml")
        var workbook = try SurveyFormWriter(methodology: methodology, block: "p", unitID: "u1", period: 2020, language: .en).workbook()
        #expect(workbook.sheets.map(\.name) == ["Instructions", "Form", "Lists"])
        #expect(workbook.sheets[2].isHidden)
        #expect(workbook.definedNames == [XLSXDefinedName(name: "choices_kind", reference: "'Lists'!$A$1:$A$2")])
        let rows = workbook.sheets[1].rowsByKey
        let levelCell = XLSXCellReference(column: SurveyFormLayout.answerColumn, row: rows["level"]!)
        let kindCell = XLSXCellReference(column: SurveyFormLayout.answerColumn, row: rows["kind"]!)
        #expect(workbook.sheets[1].validations.first { $0.ranges.first?.contains(levelCell) == true }?.rule == .list(["Low", "High"]))
        #expect(workbook.sheets[1].validations.first { $0.ranges.first?.contains(kindCell) == true }?.rule == .listSource("choices_kind"))
        workbook.sheets[1].setValue(.text("High"), at: levelCell)
        workbook.sheets[1].setValue(.text("One, two"), at: kindCell)
        let record = try SurveyFormReader.read(XLSXReader.read(workbook.data(), fileName: "c.xlsx"), methodology: methodology).record
        let answers = try SurveyValidator(methodology: methodology).validate([record])
        #expect(answers.first?.values == ["level": 1, "kind": 1])
    }

    @Test func reorderedRowsAreFine() throws {
        let methodology = try Repository.methodology()
        let record = try Repository.records2019().first { $0.block == "ministry" }!
        var workbook = try filledForm(methodology, record)
        // Reverse the order of the question rows, keeping each row whole.
        let rows = workbook.sheets[1].rowsByKey
        let header = SurveyFormLayout.headerRow
        let questionRows = Set(workbook.sheets[1].cells.keys.map(\.row)).filter { $0 > header }.sorted()
        let target = Dictionary(uniqueKeysWithValues: zip(questionRows, questionRows.reversed()))
        var cells = workbook.sheets[1].cells.filter { $0.key.row <= header }
        for (reference, cell) in workbook.sheets[1].cells where reference.row > header {
            cells[XLSXCellReference(column: reference.column, row: target[reference.row]!)] = cell
        }
        workbook.sheets[1].cells = cells
        let last = questionRows.last!
        #expect(target[rows["staff_total"]!] == last)
        let read = try SurveyFormReader.read(XLSXReader.read(workbook.data(), fileName: "r.xlsx"), methodology: methodology).record
        let original = try SurveyValidator(methodology: methodology).validate([record])[0]
        let fromForm = try SurveyValidator(methodology: methodology).validate([read])[0]
        #expect(fromForm.values == original.values)
        #expect(fromForm.sources["staff_total"]?.detail == "Phiếu!F\(last)")
    }

    // MARK: What can be wrong with a returned form

    func filled(block: String = "province") throws -> (Methodology, RawRecord, XLSXWorkbook) {
        let methodology = try Repository.methodology()
        let record = try Repository.records2019().first { $0.block == block }!
        return (methodology, record, try filledForm(methodology, record))
    }

    /// Reads a form and validates it as `ictindex validate` does.
    func problems(_ data: Data, _ methodology: Methodology) -> [Diagnostic] {
        diagnostics {
            let content = try SurveyFormReader.read(XLSXReader.read(data, fileName: "form.xlsx"), methodology: methodology)
            _ = try SurveyValidator(methodology: methodology).validate([content.record])
        }
    }

    @Test func wrongTypesAndRangesAreAllReportedWithTheirCells() throws {
        let (methodology, _, filledWorkbook) = try filled()
        var workbook = filledWorkbook
        let rows = workbook.sheets[1].rowsByKey
        func set(_ field: String, _ value: XLSXValue) {
            workbook.sheets[1].setValue(value, at: XLSXCellReference(column: SurveyFormLayout.answerColumn, row: rows[field]!))
        }
        set("computers_total", .text("nhiều"))
        set("units_total", .number(2.5))
        set("it_budget_percent", .number(150))
        set("has_datacentre", .text("có lẽ"))
        set("staff_with_computer", .number(1e9))   // breaks staff_with_computer <= staff_total
        let found = problems(try workbook.data(), methodology)
        func at(_ field: String) -> Diagnostic? { found.first { $0.location?.detail == "Phiếu!F\(rows[field]!)" } }
        #expect(at("computers_total")?.code == .typeMismatch)
        #expect(at("units_total")?.message.contains("whole number") == true)
        #expect(at("it_budget_percent")?.code == .outOfRange)
        #expect(at("has_datacentre")?.code == .typeMismatch)
        #expect(found.contains { $0.code == .constraintViolated && $0.message.contains("computers_le_staff") && $0.location?.detail == "Phiếu!F\(rows["staff_with_computer"]!)" })
        #expect(found.count == 5, "every problem at once: \(found)")
        #expect(found.allSatisfy { $0.location?.file == "form.xlsx" })
    }

    @Test(arguments: [("có", 1.0), ("yes", 1.0), ("Không", 0.0), ("no", 0.0), ("x", 1.0)])
    func yesAndNoAreReadInEitherLanguageInAVietnameseForm(_ typed: String, _ expected: Double) throws {
        // Decided (docs/survey-forms.md): a Vietnamese form offers có/không, and also reads the
        // English words an official may type or paste; nothing else passes.
        let (methodology, _, filledWorkbook) = try filled()
        var workbook = filledWorkbook
        let row = workbook.sheets[1].rowsByKey["has_datacentre"]!
        workbook.sheets[1].setValue(.text(typed), at: XLSXCellReference(column: SurveyFormLayout.answerColumn, row: row))
        let content = try SurveyFormReader.read(XLSXReader.read(try workbook.data(), fileName: "form.xlsx"), methodology: methodology)
        let answers = try SurveyValidator(methodology: methodology).validate([content.record])
        #expect(answers.first?.values["has_datacentre"] == expected)
    }

    @Test func aVietnameseFormExplainsAWrongYesNoInVietnamese() throws {
        let (methodology, _, filledWorkbook) = try filled()
        var workbook = filledWorkbook
        let row = workbook.sheets[1].rowsByKey["has_datacentre"]!
        workbook.sheets[1].setValue(.text("có lẽ"), at: XLSXCellReference(column: SurveyFormLayout.answerColumn, row: row))
        let found = problems(try workbook.data(), methodology)
        #expect(found.map { $0.description(in: .vi) } == ["form.xlsx (Phiếu!F\(row)): has_datacentre: cần trả lời có/không (có/không, 1/0, true/false, yes/no), nhưng là 'có lẽ' [type-mismatch]"])
    }

    @Test func missingFormSheet() throws {
        let (methodology, _, workbook) = try filled()
        let data = try XLSXWorkbook(sheets: [workbook.sheets[0]]).data()
        let found = problems(data, methodology)
        #expect(found.count == 1)
        #expect(found.first?.message == "the workbook has no form sheet ('Phiếu' or 'Form'); its sheets: 'Hướng dẫn'")
        #expect(found.first?.code == .missingKey)
    }

    @Test func renamedFormSheetIsFoundByItsHeader() throws {
        let (methodology, record, workbook) = try filled()
        var renamed = workbook
        renamed.sheets[1].name = "Sheet1"
        let content = try SurveyFormReader.read(XLSXReader.read(renamed.data(), fileName: "form.xlsx"), methodology: methodology)
        #expect(content.record.unitID == record.unitID)
    }

    @Test func mergedAnswerCells() throws {
        let (methodology, _, filledWorkbook) = try filled()
        var workbook = filledWorkbook
        let rows = workbook.sheets[1].rowsByKey
        workbook.sheets[1].mergedRanges = [XLSXCellRange(XLSXCellReference(column: 6, row: rows["computers_total"]!), XLSXCellReference(column: 6, row: rows["computers_total"]! + 1))]
        let found = problems(try workbook.data(), methodology)
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("cells F\(rows["computers_total"]!):F\(rows["computers_total"]! + 1) are merged") == true)
        #expect(found.first?.location?.detail == "Phiếu!F\(rows["computers_total"]!)")
    }

    @Test func extraRows() throws {
        let (methodology, _, filledWorkbook) = try filled()
        var workbook = filledWorkbook
        let last = workbook.sheets[1].cells.keys.map(\.row).max()!  // below the signature block
        workbook.sheets[1].set(XLSXCellReference(column: 3, row: last + 2), .text("Ghi chú thêm"))
        workbook.sheets[1].set(XLSXCellReference(column: 6, row: last + 2), .number(12))
        workbook.sheets[1].set(XLSXCellReference(column: 1, row: last + 3), .text("staff_totl"))
        workbook.sheets[1].set(XLSXCellReference(column: 1, row: last + 4), .text("services_online_payment"))
        workbook.sheets[1].set(XLSXCellReference(column: 1, row: last + 5), .text("staff_total"))
        let found = problems(try workbook.data(), methodology)
        #expect(found.contains { $0.message.hasPrefix("row \(last + 2) is not a question of the form: column A holds no question id, but C\(last + 2), F\(last + 2) are filled") && $0.location?.detail == "Phiếu!A\(last + 2)" })
        #expect(found.contains { $0.code == .unknownField && $0.message.contains("'staff_totl'") && $0.message.contains("did you mean 'staff_total'") })
        #expect(found.contains { $0.message == "question 'services_online_payment' is not asked of block 'province'" })
        #expect(found.contains { $0.code == .duplicateID && $0.message.hasPrefix("question 'staff_total' appears twice") })
        #expect(found.count == 4, "\(found.map(\.message))")
    }

    @Test func formulasAndErrorValuesInAnswers() throws {
        let (methodology, _, workbook) = try filled()
        let rows = workbook.sheets[1].rowsByKey
        let data = try workbook.data()
        let xml = try partText(data, "xl/worksheets/sheet2.xml")
        let staff = "F\(rows["staff_total"]!)", computers = "F\(rows["computers_total"]!)", email = "F\(rows["staff_email"]!)"
        func cellXML(_ address: String) -> String {
            let start = xml.range(of: "<c r=\"\(address)\"")!
            let end = xml[start.lowerBound...].range(of: "</c>")!
            return String(xml[start.lowerBound..<end.upperBound])
        }
        let style = cellXML(staff).components(separatedBy: "s=\"")[1].prefix { $0 != "\"" }
        let patchedData = try patched(data) { parts in
            replace(cellXML(staff), with: "<c r=\"\(staff)\" s=\"\(style)\"><f>1000+200</f><v>1200</v></c>", in: "xl/worksheets/sheet2.xml", &parts)
            replace(cellXML(computers), with: "<c r=\"\(computers)\" s=\"\(style)\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>", in: "xl/worksheets/sheet2.xml", &parts)
            replace(cellXML(email), with: "<c r=\"\(email)\" s=\"\(style)\"><f>A1*2</f></c>", in: "xl/worksheets/sheet2.xml", &parts)
        }
        let content = diagnostics { _ = try SurveyFormReader.read(XLSXReader.read(patchedData, fileName: "form.xlsx"), methodology: methodology) }
        #expect(content.count == 2)
        #expect(content.contains { $0.location?.detail == "Phiếu!\(computers)" && $0.message.contains("#DIV/0!") })
        #expect(content.contains { $0.location?.detail == "Phiếu!\(email)" && $0.message.contains("formula (=A1*2) without a computed value") })
    }

    @Test func brokenSharedStringsInAForm() throws {
        let (methodology, _, workbook) = try filled()
        let data = try patched(try workbook.data()) { parts in
            let index = parts.firstIndex { $0.0 == "xl/sharedStrings.xml" }!
            let text = String(decoding: parts[index].1, as: UTF8.self)
            // Keep only the first 20 strings.
            let items = text.components(separatedBy: "<si>")
            parts[index].1 = Data((items.prefix(21).joined(separator: "<si>") + "</sst>").utf8)
        }
        let found = problems(data, methodology)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.message.contains("shared-strings table has 20") && $0.location?.detail?.contains("!") == true })
    }

    @Test func percentFormattedAnswersAreReadAsPercentages() throws {
        let (methodology, _, workbook) = try filled()
        let rows = workbook.sheets[1].rowsByKey
        let cell = "F\(rows["it_budget_percent"]!)"
        var edited = workbook
        edited.sheets[1].setValue(.number(0.0118), at: XLSXCellReference(cell)!)
        let data = try edited.data()
        // Give the cell the built-in percentage format 10 (0.00%), as Excel does when "1.18%" is typed.
        let styles = try partText(data, "xl/styles.xml")
        let count = styles.components(separatedBy: "<cellXfs count=\"")[1].prefix { $0 != "\"" }
        let patchedData = try patched(data) { parts in
            replace("</cellXfs>", with: "<xf numFmtId=\"10\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>", in: "xl/styles.xml", &parts)
            replace("<cellXfs count=\"\(count)\"", with: "<cellXfs count=\"\(Int(count)! + 1)\"", in: "xl/styles.xml", &parts)
            let xml = String(decoding: parts.first { $0.0 == "xl/worksheets/sheet2.xml" }!.1, as: UTF8.self)
            let start = xml.range(of: "<c r=\"\(cell)\"")!
            let end = xml[start.lowerBound...].range(of: "</c>")!
            replace(String(xml[start.lowerBound..<end.upperBound]), with: "<c r=\"\(cell)\" s=\"\(count)\"><v>0.0118</v></c>", in: "xl/worksheets/sheet2.xml", &parts)
        }
        let record = try SurveyFormReader.read(XLSXReader.read(patchedData, fileName: "form.xlsx"), methodology: methodology).record
        #expect(record.cells.first { $0.field == "it_budget_percent" }?.value == .number(1.18))
    }

    @Test func formForAnotherMethodology() throws {
        let (methodology, _, filledWorkbook) = try filled()
        var workbook = filledWorkbook
        let rows = workbook.sheets[1].rowsByKey
        workbook.sheets[1].setValue(.text("vn-dti-2022"), at: XLSXCellReference(column: SurveyFormLayout.answerColumn, row: rows["methodology"]!))
        let found = problems(try workbook.data(), methodology)
        #expect(found.map(\.message) == ["the form was made for methodology 'vn-dti-2022', not 'vn-it-application-2019'"])
    }
}
