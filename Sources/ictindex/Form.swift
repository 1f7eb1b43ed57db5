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

    @Option(help: "Language of the form: vi or en.")
    var lang: Language = .vi

    @Option(help: "The workbook to write (.xlsx).")
    var out: String

    func validate() throws {
        guard out.lowercased().hasSuffix(".xlsx") else { throw ValidationError("--out must name an .xlsx file, got '\(out)'") }
    }

    func run() throws {
        let loaded = try season.methodology(methodology).methodology
        guard loaded.block(block) != nil else {
            throw ValidationError("unknown block '\(block)'; the methodology has \(loaded.blocks.map(\.id).joined(separator: ", "))")
        }
        let writer = SurveyFormWriter(methodology: loaded, block: block, unitID: unit, unitName: unitName, period: period, language: lang)
        try writer.write(to: URL(fileURLWithPath: out))
        print("\(out): \(writer.fields.count) questions for block \(block)" + (unit.map { ", unit \($0)" } ?? ""))
    }
}
