import Foundation
import IndexCore
import IndexStore
import Analysis
import Intake
import Reports

/// One unit's explanation: how its index (or one node) was computed, down to each answer.
public struct UnitExplanation: Sendable {
    /// The period the unit was computed in.
    public var inputs: PeriodInputs
    /// The unit's answers, with where each came from.
    public var unit: UnitAnswers
    /// The unit's block.
    public var block: Block
    /// The tree of the unit's numbers from the node asked for down to each answer.
    public var explanation: Explanation
    /// The portal-crawl findings behind the unit's portal and online-service scores, when its
    /// answers include observations from a crawl stored in the workspace.
    public var crawlFindings: [StoredFinding]
    /// In a workspace: every field of the explanation that both the unit's survey and a crawl
    /// give, with both values, their sources and which one the computation used — so that no
    /// value from a crawl changes a score without being shown.
    public var fieldComparisons: [FieldComparison] = []
}

/// One unit's assessment: the report data its page is drawn from.
public struct UnitAssessment: Sendable {
    /// The unit assessed.
    public var unitID: String
    /// The computed period with the unit's assessment and what-if scenarios (its report page).
    public var data: ReportData
    /// How every number of the unit's index was computed, down to each answer.
    public var explanation: Explanation
    /// Up to three changes to different indicators made together, computed over the whole block
    /// (`nil` when no change raises the index).
    public var plan: Assessment.Plan?
    /// The unit's standing in the latest earlier period of the same data, when it was computed there.
    public var previous: PreviousStanding?
    /// The filled form the unit's answers came from, when they were not yet imported (`--form`).
    public var formFile: String?
}

extension SeasonService {
    /// Explains one unit's index, or one node of it.
    /// - Parameters:
    ///   - request: the period the unit is computed in.
    ///   - unit: id or name, with or without diacritics.
    ///   - node: a node id (`c1`, `c4.level4`); `nil`: the whole index.
    public func explain(_ request: InputRequest, unit: String, node: String? = nil) async throws(SeasonError) -> UnitExplanation {
        let inputs = try await loadPeriod(request)
        return try SeasonError.capture {
            let match = try UnitLookup(inputs.answers.map { ($0.unitID, $0.name) }).find(unit)
            guard let answer = inputs.answers.first(where: { $0.unitID == match }) else { throw SeasonError.usage(.unitNotFound(unit)) }
            let plan = try BlockPlan(methodology: inputs.methodology, block: answer.block)
            let result = try Engine.compute(plan, answers: inputs.answers)
            var nodeIndex: Int?
            if let node {
                guard let index = plan.index(of: node) else {
                    let suggestions = VietnameseText.closest(to: node, among: plan.nodes.map(\.id))
                    throw DiagnosticError([Diagnostic(.unknownField, .noNodeInBlock(node, block: answer.block, suggestions: suggestions))])
                }
                nodeIndex = index
            }
            guard let position = result.unitIndex(match) else {
                // Screening left the unit out of its block: there is nothing computed to explain.
                let reason = result.screened.first { $0.unit.unitID == match }?.reason
                throw SeasonError.usage(.unitNotRanked(unitName: answer.name, unitID: match, block: answer.block, reason: reason))
            }
            let explanation = result.explain(unit: position, node: nodeIndex)
            return UnitExplanation(inputs: inputs, unit: answer, block: plan.block, explanation: explanation,
                                   crawlFindings: crawlFindings(inputs, unit: answer, node: node),
                                   fieldComparisons: try fieldComparisons(inputs, unit: answer, explanation: explanation))
        }
    }

    /// The survey/crawl comparisons of the fields an explanation reads (workspace only).
    private func fieldComparisons(_ inputs: PeriodInputs, unit: UnitAnswers, explanation: Explanation) throws -> [FieldComparison] {
        guard let workspace = inputs.workspace, let period = inputs.period else { return [] }
        var fields = Set<String>()
        var pending = [explanation]
        while let next = pending.popLast() {
            fields.formUnion(next.inputs.map(\.id))
            pending += next.children
        }
        return try workspace.store.fieldComparisons(period: period, unitID: unit.unitID).filter { fields.contains($0.field) }
    }

    /// The crawl findings shown under a portal or online-service explanation (c3, c4).
    private func crawlFindings(_ inputs: PeriodInputs, unit: UnitAnswers, node: String?) -> [StoredFinding] {
        guard let workspace = inputs.workspace, let period = inputs.period,
              node == nil || node!.hasPrefix("c3") || node!.hasPrefix("c4"),
              unit.sources.values.contains(where: { $0.file.hasPrefix("http") })
        else { return [] }
        // Evidence is an addition to the explanation: without it the explanation still stands.
        return (try? workspace.store.findings(unitID: unit.unitID, period: period)) ?? []
    }

    /// Assesses one unit: its standing, strengths, weaknesses and what-if scenarios.
    /// - Parameters:
    ///   - request: the period the unit is assessed in.
    ///   - unit: id or name; optional when `form` holds one unit.
    ///   - form: a filled form or data file with the unit's own answers, not yet imported: they
    ///     replace the unit's answers, or add the unit to its block.
    ///   - whatIfLimit: how many what-if scenarios to compute.
    ///
    /// The assessment carries a combined plan, the unit's standing in the latest earlier period of
    /// the inputs (`PreviousStanding`, from Analysis) and, when the unit's answers came from `form`, its path.
    public func assess(_ request: InputRequest, unit: String?, form: String? = nil, whatIfLimit: Int = 10) async throws(SeasonError) -> UnitAssessment {
        let inputs = try await loadPeriod(request)
        var assessment = try SeasonError.capture {
            var answers = inputs.answers
            var formUnits: [UnitAnswers] = []
            if let form {
                let records = try SurveyReader.read(URL(fileURLWithPath: form)).filter { $0.period == nil || inputs.period == nil || $0.period == inputs.period }
                formUnits = try SurveyValidator(methodology: inputs.methodology).validate(records)
                guard !formUnits.isEmpty else { throw SeasonError.usage(.formHoldsNoAnswers(form, period: inputs.period.map(String.init) ?? "—")) }
                answers.removeAll { answer in formUnits.contains { $0.unitID == answer.unitID } }
                answers += formUnits
            }
            let unitID: String
            if let unit {
                unitID = try UnitLookup(answers.map { ($0.unitID, $0.name) }).find(unit)
            } else if formUnits.count == 1 {
                unitID = formUnits[0].unitID
            } else {
                throw SeasonError.usage(.nameTheUnit)
            }
            var assessed = try assess(methodology: inputs.methodology, answers: answers, unitID: unitID, period: inputs.period, whatIfLimit: whatIfLimit)
            assessed.formFile = formUnits.contains { $0.unitID == unitID } ? form : nil
            return assessed
        }
        if let period = inputs.period {
            assessment.previous = try await previousStanding(request, before: period, unitID: assessment.unitID, workspace: inputs.workspace)
        }
        return assessment
    }

    /// The unit's standing in the latest period before `period` that the same inputs hold (the
    /// workspace's periods, or the data files' when they hold several years), computed with that
    /// year's methodology as ``loadSeason(_:)`` chooses it; `nil` when there is no such period
    /// or the unit has no rank in it.
    private func previousStanding(_ request: InputRequest, before period: Int, unitID: String, workspace: Workspace?) async throws(SeasonError) -> PreviousStanding? {
        let periods: [Int] = try SeasonError.capture {
            if let workspace { return try workspace.store.periods() }
            return try readFiles(request).2
        }
        guard let earlier = periods.filter({ $0 < period }).max() else { return nil }
        var asked = request
        asked.periods = [earlier]
        let inputs = try await loadSeason(asked)
        let result = try inputs.main.compute()
        for block in result.blocks {
            guard let u = block.unitIndex(unitID) else { continue }
            let root = block.plan.rootIndex
            return PreviousStanding(period: earlier, value: block.score[root][u], rank: block.rank[root][u], rankOf: block.statistics[root].count)
        }
        return nil
    }

    /// Assesses one unit among answers held in memory (the web platform's live self-assessment of
    /// a draft; ``assess(_:unit:form:whatIfLimit:)`` once it has read its files): the unit's
    /// standing among `answers`, strengths, weaknesses, what-if scenarios and its explanation.
    /// - Parameters:
    ///   - methodology: the methodology to compute with.
    ///   - answers: every unit to compute, the assessed one included; only these are compared.
    ///   - unitID: the unit assessed (an id among `answers`).
    ///   - period: the period the answers are computed as.
    ///   - whatIfLimit: how many what-if scenarios to compute.
    public func assess(methodology: Methodology, answers: [UnitAnswers], unitID: String, period: Int?, whatIfLimit: Int = 10) throws(SeasonError) -> UnitAssessment {
        try SeasonError.capture {
            let result = try Engine.compute(methodology, answers: answers, period: period)
            let data = try ReportData(results: [result], unitPages: [unitID], whatIfLimit: whatIfLimit)
            guard data.assessments[unitID] != nil, let block = result.blocks.first(where: { $0.unitIndex(unitID) != nil }),
                  let index = block.unitIndex(unitID) else { throw SeasonError.usage(.unitHasNoResult(unitID)) }
            return UnitAssessment(unitID: unitID, data: data, explanation: block.explain(unit: index, node: nil),
                                  plan: data.assessments[unitID]?.plan(in: block))
        }
    }
}
