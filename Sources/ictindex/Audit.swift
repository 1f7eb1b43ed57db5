import ArgumentParser
import Foundation
import IndexCore
import Reports
import Season

struct AuditCommand: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit the data of a methodology and period: availability, skewness and kurtosis, correlations, Cronbach's alpha, principal components, flags.",
        discussion: """
        Flags: collinear sibling pairs (Pearson > 0.9), negative correlations inside a group, availability below 2/3, outliers (|skewness| > 2 and kurtosis > 3.5).

        Examples:
          ictindex audit vn-it-application-2019 Examples/vn-it-application/survey-2019.csv --block province
          ictindex audit --workspace ws --period 2019 --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var languageOption: LanguageOption

    @OptionGroup var input: InputOptions

    @Option(help: "Only this block (repeatable).")
    var block: [String] = []

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() async throws {
        let outcome = try await season.audit(input.request, blocks: block)
        switch format {
        case .json: print(DataAuditFormatter.json(outcome.audits, methodology: outcome.inputs.methodology, period: outcome.inputs.period).rendered())
        case .text: print(outcome.audits.map(DataAuditFormatter.text).joined(separator: "\n"), terminator: "")
        }
    }
}
