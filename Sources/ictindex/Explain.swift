import ArgumentParser
import Foundation
import IndexCore
import IndexStore
import Reports

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how one unit's index (or one node) was computed, down to each answer and rule."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: InputOptions

    @Option(help: "The unit: its id or its name, with or without diacritics (e.g. \"Thua Thien Hue\").")
    var unit: String

    @Option(help: "The node to explain (default: the whole index), e.g. c1 or c4.level4.")
    var node: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Language of labels: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let loaded = try input.load()
        let (methodology, answers, period) = (loaded.methodology, loaded.answers, loaded.period)
        let match = try UnitLookup(answers.map { ($0.unitID, $0.name) }).find(unit)
        guard let answer = answers.first(where: { $0.unitID == match }) else { throw ValidationError("unit '\(unit)' not found") }
        let plan = try BlockPlan(methodology: methodology, block: answer.block)
        let result = try Engine.compute(plan, answers: answers)
        var nodeIndex: Int?
        if let node {
            guard let index = plan.index(of: node) else {
                let suggestions = VietnameseText.closest(to: node, among: plan.nodes.map(\.id))
                throw DiagnosticError([Diagnostic(.unknownField, "no node '\(node)' in block '\(answer.block)'" + (suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: ", "))?"))])
            }
            nodeIndex = index
        }
        let explanation = result.explain(unit: result.unitIndex(match)!, node: nodeIndex)
        switch format {
        case .text:
            print(ExplanationFormatter.text(explanation, unit: answer, block: plan.block, period: period, scale: methodology.scale, language: lang), terminator: "")
            if let workspace = loaded.workspace, let period { print(Self.crawlEvidence(workspace, unit: answer, period: period, node: node), terminator: "") }
        case .json:
            print(ExplanationFormatter.json(explanation, language: lang).rendered())
        }
    }

    /// The portal-crawl findings behind a unit's portal and online-service scores (c3, c4), when
    /// its answers include observations from `ictindex crawl`.
    static func crawlEvidence(_ workspace: Workspace, unit: UnitAnswers, period: Int, node: String?) -> String {
        guard node == nil || node!.hasPrefix("c3") || node!.hasPrefix("c4"),
              unit.sources.values.contains(where: { $0.file.hasPrefix("http") }),
              let findings = try? workspace.store.findings(unitID: unit.unitID, period: period), !findings.isEmpty
        else { return "" }
        var out = "\nPortal crawl evidence (\(findings.count) checks):\n"
        for finding in findings where !finding.check.hasPrefix("crawl.") {
            out += "  \(finding.passed ? "✓" : "✗") \(finding.check)"
            if let snippet = finding.snippet { out += ": \(snippet)" }
            if let url = finding.url { out += "  <\(url)>" }
            out += "\n"
        }
        return out
    }
}
