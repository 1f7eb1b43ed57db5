import ArgumentParser
import Foundation
import IndexCore
import Intake
import Season

/// `ictindex form`: writes the survey form of one block as an Excel workbook.
struct Form: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the survey form of a block as an Excel workbook (.xlsx) for units to fill in.",
        discussion: """
        The workbook has an instructions sheet and a form sheet with one row per question: label, \
        unit, allowed values, help, an answer cell with data validation and an evidence cell. \
        Filled forms are read back by 'ictindex compute' and 'ictindex validate' like CSV files. \
        The layout is described in docs/survey-forms.md.
        """
    )

    @Argument(help: "The methodology: a YAML file or a bundled id (e.g. vn-it-application-2019).")
    var methodology: String

    @Option(help: "The block whose questions the form asks, e.g. province.")
    var block: String

    @Option(help: "The unit id the form is for; without it the unit fills in its id and name.")
    var unit: String?

    @Option(name: .customLong("unit-name"), help: "The unit's name, shown on the form.")
    var unitName: String?

    @Option(help: "The data year; defaults to the methodology's.")
    var period: Int?

    @Option(help: "The day the filled form is due (YYYY-MM-DD), printed on the form and in its instructions.")
    var deadline: String?

    @Option(help: ArgumentHelp("Fill the form with the unit's answers from a survey file (CSV, JSON or a form), e.g. last year's for the unit to update.", valueName: "file"))
    var answers: String?

    @Option(help: "Language of the form: vi or en.")
    var lang: Language = .vi

    @Option(help: "The workbook to write (.xlsx).")
    var out: String

    func validate() throws {
        guard out.lowercased().hasSuffix(".xlsx") else { throw ValidationError("--out must name an .xlsx file, got '\(out)'") }
        if answers != nil && unit == nil { throw ValidationError("--answers needs --unit: the unit whose answers fill the form") }
        if let deadline, Day(deadline) == nil { throw ValidationError("--deadline must be a date YYYY-MM-DD, got '\(deadline)'") }
    }

    func run() throws {
        let loaded = try season.methodology(methodology).methodology
        guard loaded.block(block) != nil else {
            throw ValidationError("unknown block '\(block)'; the methodology has \(loaded.blocks.map(\.id).joined(separator: ", "))")
        }
        var writer = SurveyFormWriter(methodology: loaded, block: block, unitID: unit, unitName: unitName, period: period, language: lang, deadline: deadline.flatMap(Day.init))
        if let answers, let unit {
            let records = try SurveyReader.read(URL(fileURLWithPath: answers))
            let year = period ?? loaded.period
            guard let record = records.last(where: { $0.unitID == unit && (year == nil || $0.period == nil || $0.period == year) }) else {
                throw DiagnosticError([Diagnostic(.unknownUnit, "no answers of unit '\(unit)'\(year.map { " for \($0)" } ?? "") in this file (units are matched by id)", at: SourceLocation(file: answers))])
            }
            writer.prefill = record
            if unitName == nil { writer.unitName = record.name }  // the name as the answers give it
        }
        try writer.write(to: URL(fileURLWithPath: out))
        print("\(out): \(writer.fields.count) questions for block \(block)" + (unit.map { ", unit \($0)" } ?? ""))
    }
}
