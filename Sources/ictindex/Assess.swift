import ArgumentParser
import Foundation
import IndexCore
import Intake
import Reports

/// `ictindex assess`: one unit's standing, strengths, weaknesses and what-if scenarios.
struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assess one unit: its index and rank in its block, each component against the block mean and best, and what-if scenarios computed by the engine.",
        discussion: """
        The unit comes from the data (or the workspace), or from a filled form not yet imported \
        (--form): its answers then replace the unit's, or add it to its block. Each what-if \
        scenario is a set of changed answers; its gain and new rank come from recomputing the \
        whole block.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: InputOptions

    @Option(help: "The unit: id or name, with or without diacritics. Optional with a --form holding one unit.")
    var unit: String?

    @Option(help: "A filled form or data file (.xlsx, CSV, JSON) with the unit's own answers, not yet imported.")
    var form: String?

    @Option(help: "What-if scenarios to show.")
    var whatIf: Int = 10

    @Option(help: "Output format: text (Markdown) or json.")
    var format: Format = .text

    @Option(help: "Language: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let loaded = try input.load()
        var answers = loaded.answers
        var formUnits: [UnitAnswers] = []
        if let form {
            let records = try SurveyReader.read(URL(fileURLWithPath: form)).filter { $0.period == nil || loaded.period == nil || $0.period == loaded.period }
            formUnits = try SurveyValidator(methodology: loaded.methodology).validate(records)
            guard !formUnits.isEmpty else { throw ValidationError("the form '\(form)' holds no answers for period \(loaded.period.map(String.init) ?? "—")") }
            answers.removeAll { answer in formUnits.contains { $0.unitID == answer.unitID } }
            answers += formUnits
        }
        let unitID: String
        if let unit {
            unitID = try UnitLookup(answers.map { ($0.unitID, $0.name) }).find(unit)
        } else if formUnits.count == 1 {
            unitID = formUnits[0].unitID
        } else {
            throw ValidationError("name the unit with --unit")
        }
        let result = try Engine.compute(loaded.methodology, answers: answers, period: loaded.period)
        let data = try ReportData(results: [result], unitPages: [unitID], whatIfLimit: whatIf)
        let report = NationalReport(data, language: lang)
        switch format {
        case .text:
            guard let page = report.unitPage(unitID) else { throw ValidationError("unit '\(unitID)' has no result") }
            print(MarkdownRenderer.render(page), terminator: "")
        case .json:
            guard let assessment = data.assessments[unitID] else { throw ValidationError("unit '\(unitID)' has no result") }
            print(ReportWriter.assessmentJSON(assessment).rendered())
        }
    }
}
