import ArgumentParser
import Foundation
import IndexCore
import Intake
import Season

/// `ictindex form`: writes the survey form of one block as an Excel workbook.
struct Form: ParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the survey form of a block as an Excel workbook (.xlsx) for units to fill in.",
        discussion: """
        The workbook has an instructions sheet and a form sheet with one row per question: label, \
        unit, allowed values, help, an answer cell with data validation and an evidence cell. \
        Filled forms are read back by 'ictindex compute' and 'ictindex validate' like CSV files. \
        The layout is described in docs/survey-forms.md.

        Examples:
          ictindex form vn-it-application-2019 --block province --unit ha-noi --unit-name "Hà Nội" --deadline 2026-03-31 --out ha-noi.xlsx
          ictindex form vn-it-application-2019 --block province --unit ha-noi --answers Examples/vn-it-application/survey-2019.csv --out ha-noi-2019.xlsx
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

    @OptionGroup var languageOption: LanguageOption

    @Option(help: "The workbook to write (.xlsx).")
    var out: String

    func validate() throws {
        guard out.lowercased().hasSuffix(".xlsx") else { throw SeasonError.usage(.formOutExtension(out)) }
        if answers != nil && unit == nil { throw SeasonError.usage(.answersNeedUnit) }
        if let deadline, Day(deadline) == nil { throw SeasonError.usage(.optionNeedsDate("--deadline", found: deadline)) }
    }

    func run() throws {
        let loaded = try season.methodology(methodology).methodology
        guard loaded.block(block) != nil else {
            throw SeasonError.usage(.unknownBlockInMethodology(block, blocks: loaded.blocks.map(\.id)))
        }
        var writer = SurveyFormWriter(methodology: loaded, block: block, unitID: unit, unitName: unitName, period: period, language: lang, deadline: deadline.flatMap(Day.init))
        if let answers, let unit {
            let records = try SurveyReader.read(URL(fileURLWithPath: answers))
            let year = period ?? loaded.period
            guard let record = records.last(where: { $0.unitID == unit && (year == nil || $0.period == nil || $0.period == year) }) else {
                throw DiagnosticError([Diagnostic(.unknownUnit, .noAnswersOfUnit(unit, year: year), at: SourceLocation(file: answers))])
            }
            writer.prefill = record
            if unitName == nil { writer.unitName = record.name }  // the name as the answers give it
        }
        try writer.write(to: URL(fileURLWithPath: out))
        print(Message.formWritten(out, questions: writer.fields.count, block: block, unit: unit).text(in: lang))
    }
}
