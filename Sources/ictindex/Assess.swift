import ArgumentParser
import Foundation
import IndexCore
import Reports
import Season

/// `ictindex assess`: one unit's standing, strengths, weaknesses and what-if scenarios.
struct Assess: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assess one unit: its index and rank in its block and last year's, a combined plan of changes, each indicator's best change, strengths and weaknesses.",
        discussion: """
        The unit comes from the data (or the workspace), or from a filled form not yet imported \
        (--form): its answers then replace the unit's, or add it to its block, and the output \
        says so. The combined plan takes up to three changes to different indicators together; \
        its gain and new rank, like each single change's, come from recomputing the whole block. \
        Last year's rank comes from the latest earlier period of the same data or workspace.

        Plain text by default; --format md writes Markdown, --format json the figures.

        Examples:
          ictindex assess vn-it-application-2019 Examples/vn-it-application/survey-2019.csv --unit "Thua Thien Hue"
          ictindex assess vn-it-application-2019 Examples/vn-it-application/survey-2018.csv Examples/vn-it-application/survey-2019.csv --period 2019 --unit hue --format md
          ictindex assess --workspace ws --unit ha-noi --form ha-noi-2019.xlsx --lang en
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, json }

    @OptionGroup var input: InputOptions

    @Option(help: "The unit: id or name, with or without diacritics. Optional with a --form holding one unit.")
    var unit: String?

    @Option(help: "A filled form or data file (.xlsx, CSV, JSON) with the unit's own answers, not yet imported.")
    var form: String?

    @Option(help: "What-if scenarios to show.")
    var whatIf: Int = 10

    @Option(help: "Output format: text (plain, for a terminal), md (Markdown) or json.")
    var format: Format = .text

    @OptionGroup var languageOption: LanguageOption

    func run() async throws {
        let assessed = try await season.assess(input.request, unit: unit, form: form, whatIfLimit: whatIf)
        switch format {
        case .text, .md:
            guard let page = NationalReport(assessed.data, language: lang)
                .assessmentPage(assessed.unitID, plan: assessed.plan, previous: assessed.previous, formFile: assessed.formFile)
            else { throw SeasonError.usage(.unitHasNoResult(assessed.unitID)) }
            print(format == .md ? MarkdownRenderer.render(page) : PlainTextRenderer.render(page), terminator: "")
        case .json:
            guard let assessment = assessed.data.assessments[assessed.unitID] else { throw SeasonError.usage(.unitHasNoResult(assessed.unitID)) }
            print(ReportWriter.assessmentJSON(assessment, plan: assessed.plan, previous: assessed.previous, formFile: assessed.formFile).rendered())
        }
    }
}
