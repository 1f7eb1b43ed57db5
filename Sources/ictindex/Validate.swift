import ArgumentParser
import Foundation
import IndexCore
import Season

struct Validate: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a methodology file and, if given, survey data against it; list every problem.",
        discussion: """
        Examples:
          ictindex validate vn-it-application-2019 Examples/vn-it-application/survey-2019.csv
          ictindex validate my-methodology.yaml
        """
    )

    @OptionGroup var languageOption: LanguageOption

    @Argument(help: "The methodology: a YAML file or a bundled id (e.g. vn-it-application-2019).")
    var methodology: String

    @Argument(help: "Survey answers to check (CSV, JSON or filled .xlsx forms).")
    var data: [String] = []

    @Option(help: "Only check the data of this year.")
    var period: Int?

    @Option(help: "The unit registry that resolves the data's units (ids, names and aliases); default: the bundled one.")
    var registry: String?

    func run() async throws {
        let request = InputRequest(methodology: methodology, dataFiles: data, periods: period.map { [$0] } ?? [], registry: registry)
        let summary = try await season.validate(request)
        let loaded = summary.methodology
        let leaves = loaded.allNodes.filter(\.isLeaf).count
        print(Message.methodologyValid(methodology, blocks: loaded.blocks.count, fields: loaded.fields.count, indicators: leaves).text(in: lang))
        // Keys that do nothing where they are written: reported, not fatal.
        for warning in loaded.warnings { FileHandle.standardError.write(Data((Message.warning(warning.description(in: lang)).text(in: lang) + "\n").utf8)) }
        guard !data.isEmpty else { return }
        print(Message.dataValid(units: summary.answers.count, periods: summary.periods).text(in: lang))
    }
}
