import ArgumentParser
import Foundation
import IndexCore
import Reports
import Season

/// `ictindex report`: the national report in HTML, Markdown, XLSX, CSV and JSON.
struct Report: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the national report: rankings, component scores, trends, a map, unit pages with what-if, the methodology appendix.",
        discussion: """
        Every period in the data is computed; the latest is the main year and is compared with \
        the one before. The output is deterministic (byte-identical for the same inputs). \
        Contents and layout: docs/reports.md.

        Examples:
          ictindex report vn-it-application-2019 Examples/vn-it-application/survey-2018.csv Examples/vn-it-application/survey-2019.csv --out out/report
          ictindex report --workspace ws --out out/report --format html,xlsx --lang en
        """
    )

    @OptionGroup var input: SeasonOptions

    @Option(help: "The folder to write the report to.")
    var out: String

    @OptionGroup var languageOption: LanguageOption

    @Option(help: "Formats, comma-separated: html, md, xlsx, csv, json.")
    var format: String = "html,md,xlsx,csv,json"

    @Option(help: "Only these units get a page (repeatable id); default: every unit.")
    var unit: [String] = []

    @Option(help: "What-if scenarios per unit page.")
    var whatIf: Int = 5

    @Option(help: "The tile-grid layout of the province map (CSV id,row,col,abbr; default: the bundled Vietnam layout).")
    var tileGrid: String?

    @Option(help: "Compare years as the units valid on this date (YYYY-MM-DD), through the registry's lineage.")
    var asOf: String?

    @Option(help: "The unit registry without a workspace: resolves the data's units and serves --as-of (default: the bundled one).")
    var registry: String?

    @Option(help: "Add rank intervals: an uncertainty spec (YAML, docs/uncertainty.md) run on the main year.")
    var uncertainty: String?

    @Option(help: "With --uncertainty: override the spec's runs (Monte Carlo runs, or Sobol base samples N).")
    var uncertaintyRuns: Int?

    @Option(help: "With --uncertainty: override the spec's seed.")
    var seed: UInt64?

    func formats() throws -> Set<ReportWriter.Format> {
        var formats = Set<ReportWriter.Format>()
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let parsed = ReportWriter.Format(rawValue: name) else {
                throw SeasonError.usage(.unknownReportFormat(name, known: ReportWriter.Format.allCases.map(\.rawValue)))
            }
            formats.insert(parsed)
        }
        return formats
    }

    func run() async throws {
        let request = ReportRequest(
            inputs: try input.request(registry: registry), outputFolder: out, language: lang, formats: try formats(), unitPages: unit, whatIfLimit: whatIf,
            tileGrid: tileGrid, asOf: try parseDay(asOf, option: "--as-of"), registry: registry,
            uncertaintySpec: uncertainty, uncertaintyRuns: uncertaintyRuns, seed: seed
        )
        let written = try await season.report(request)
        let formats = ReportWriter.Format.allCases.filter(request.formats.contains).map(\.rawValue).joined(separator: ", ")
        print(Message.reportWritten(out, files: written.files.count, formats: formats, mainYear: written.mainPeriod.map(String.init) ?? "—", unitPages: written.unitPages).text(in: lang))
    }
}
