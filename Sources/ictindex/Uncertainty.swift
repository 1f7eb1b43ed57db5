import ArgumentParser
import Foundation
import IndexCore
import Reports
import Season

struct UncertaintyCommand: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "uncertainty",
        abstract: "How firm is each unit's rank: Monte Carlo / Sobol analysis over weights, normalisations, aggregations, imputation and exclusions declared in a YAML spec.",
        discussion: """
        The spec is documented in docs/uncertainty.md; an example: Examples/vn-it-application/uncertainty.yaml. Runs on all cores; the same seed gives the same numbers.

        Examples:
          ictindex uncertainty vn-it-application-2019 Examples/vn-it-application/survey-2019.csv --spec Examples/vn-it-application/uncertainty.yaml
          ictindex uncertainty --workspace ws --spec spec.yaml --runs 2000 --seed 7 --format csv
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    @OptionGroup var input: InputOptions

    @Option(help: "The uncertainty spec (YAML).")
    var spec: String

    @Option(help: "Override the spec's runs (Monte Carlo runs, or Sobol base samples N).")
    var runs: Int?

    @Option(help: "Override the spec's seed.")
    var seed: UInt64?

    @Option(help: "Output format: text, json or csv.")
    var format: Format = .text

    @OptionGroup var languageOption: LanguageOption

    @Option(help: "Also write an SVG rank-interval chart per block to this directory.")
    var svg: String?

    func run() async throws {
        let request = UncertaintyRequest(inputs: input.request, spec: spec, runs: runs, seed: seed, chartFolder: svg, chartLanguage: lang)
        let result = try await season.uncertainty(request)
        switch format {
        case .text: print(UncertaintyFormatter.text(result, language: lang), terminator: "")
        case .json: print(UncertaintyFormatter.json(result, language: lang).rendered())
        case .csv: print(UncertaintyFormatter.csv(result), terminator: "")
        }
    }
}
