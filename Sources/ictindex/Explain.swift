import ArgumentParser
import Foundation
import IndexCore
import IndexStore
import Reports
import Season

struct Explain: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how one unit's index (or one node) was computed, down to each answer and rule.",
        discussion: """
        Examples:
          ictindex explain vn-it-application-2019 Examples/vn-it-application/survey-2019.csv --unit "Thua Thien Hue" --node c4
          ictindex explain --workspace ws --unit ha-noi --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: InputOptions

    @Option(help: "The unit: its id or its name, with or without diacritics (e.g. \"Thua Thien Hue\").")
    var unit: String

    @Option(help: "The node to explain (default: the whole index), e.g. c1 or c4.level4.")
    var node: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var languageOption: LanguageOption

    func run() async throws {
        let found = try await season.explain(input.request, unit: unit, node: node)
        switch format {
        case .text:
            let inputs = found.inputs
            print(ExplanationFormatter.text(found.explanation, unit: found.unit, block: found.block, period: inputs.period, scale: inputs.methodology.scale, language: lang), terminator: "")
            print(Self.crawlEvidence(found.crawlFindings, language: lang), terminator: "")
            print(Self.comparisons(found.fieldComparisons, language: lang), terminator: "")
        case .json:
            print(ExplanationFormatter.json(found.explanation, language: lang).rendered())
        }
    }

    /// Fields both the survey and a crawl give: both values with their sources, and which counts.
    static func comparisons(_ items: [FieldComparison], language: Language) -> String {
        guard !items.isEmpty else { return "" }
        var out = Message.surveyAndCrawlHeading(fields: items.count).text(in: language) + "\n"
        for item in items { out += "  \(item.needsReview ? "!" : "·") \(CrawlFormatter.text(item, language: language))\n" }
        return out
    }

    /// The portal-crawl findings behind a unit's portal and online-service scores (c3, c4).
    static func crawlEvidence(_ findings: [StoredFinding], language: Language) -> String {
        guard !findings.isEmpty else { return "" }
        var out = Message.crawlEvidenceHeading(checks: findings.count).text(in: language) + "\n"
        for finding in findings where !finding.check.hasPrefix("crawl.") {
            out += "  \(finding.passed ? "✓" : "✗") \(finding.check)"
            if let snippet = finding.snippet { out += ": \(snippet)" }
            if let url = finding.url { out += "  <\(url)>" }
            out += "\n"
        }
        return out
    }
}
