import ArgumentParser
import Foundation
import IndexCore
import Intake
import Reports
import Season

struct Export: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export results and the answers behind them to .xlsx or .csv, safe to open in a spreadsheet.",
        discussion: """
        Text that a spreadsheet would run as a formula (starting with =, +, -, @) is neutralised: \
        prefixed with an apostrophe in CSV, stored as a plain string cell in .xlsx.

        Examples:
          ictindex export vn-it-application-2019 Examples/vn-it-application/survey-2019.csv --out results.xlsx
          ictindex export --workspace ws --what observations --out answers.csv
        """
    )

    enum What: String, ExpressibleByArgument, CaseIterable { case results, observations }

    @OptionGroup var input: InputOptions

    @Option(help: "What to export to CSV: results or observations (an .xlsx holds both).")
    var what: What = .results

    @OptionGroup var languageOption: LanguageOption

    @Option(help: "The output file: .xlsx or .csv.")
    var out: String

    func run() async throws {
        let loaded = try await input.load()
        let result = try Engine.compute(loaded.methodology, answers: loaded.answers, period: loaded.period)
        let url = URL(fileURLWithPath: out)
        switch url.pathExtension.lowercased() {
        case "xlsx":
            try ResultExport.workbook(result, language: lang).write(to: url)
        case "csv":
            let text = what == .results ? ResultFormatter(RankingTable(result)).csv() : ResultExport.observationsCSV(result)
            try text.write(to: url, atomically: true, encoding: .utf8)
        default:
            throw SeasonError.usage(.exportOutExtension)
        }
        print(Message.wroteFile(out).text(in: lang))
    }
}
