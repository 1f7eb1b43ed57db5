import Analysis
import IndexCore

extension NationalReport {
    /// A unit's page title: its name, block and data year.
    func unitTitle(_ a: Assessment) -> String { "\(a.name) — \(a.block.name[language]) — \(say.period(a.period))" }

    /// The unit's standing in its block (index, rank, block mean and best) and its class when
    /// the methodology declares bands: the first line of its report page and of `assess`.
    func standing(_ a: Assessment) -> String {
        Message.assessStanding(index: say.fixed(a.value, decimals), rank: say.rank(a.rank), rankOf: a.rankOf,
                               mean: say.fixed(a.blockMean, decimals), best: say.fixed(a.blockBest, decimals)).text(in: language)
            + (methodology.classification.isEmpty ? "" : say(.reportClassOfUnit) + bandName(a.value) + ".")
    }

    /// The self-assessment of one unit (`ictindex assess`): its standing and last year's, where
    /// its answers came from, a combined plan of changes computed together, each indicator's best
    /// single change, and its strengths and weaknesses. Text only (no charts), so that it reads
    /// the same on a terminal (``PlainTextRenderer``) and in Markdown.
    ///
    /// - Parameters:
    ///   - id: the unit assessed (one of ``ReportData/assessments``).
    ///   - plan: the combined plan (``Assessment/plan(in:size:)``); `nil`: no change raises the index.
    ///   - previous: the unit's standing in the latest earlier period, when there is one.
    ///   - formFile: the form the unit's answers were read from, when not imported.
    /// - Returns: `nil` when the unit was not assessed.
    public func assessmentPage(_ id: String, plan: Assessment.Plan?, previous: PreviousStanding?, formFile: String?) -> ReportDocument? {
        guard let a = data.assessments[id] else { return nil }
        let title = unitTitle(a)
        var doc = ReportDocument(title: title, language: language, path: "assess/\(id)")
        doc.heading(title, level: 1)
        doc.paragraph(standing(a))
        if let previous {
            let moved: Message? = previous.rank == 0 || a.rank == 0 || previous.rank == a.rank ? nil
                : previous.rank > a.rank ? .placesUp(previous.rank - a.rank) : .placesDown(a.rank - previous.rank)
            doc.paragraph(Message.assessPrevious(period: previous.period, index: say.fixed(previous.value, decimals), rank: say.rank(previous.rank),
                                                 rankOf: previous.rankOf, change: say.signed(a.value - previous.value, decimals), moved: moved).text(in: language) + ".")
        } else if let period = a.period {
            doc.paragraph(Message.assessNoPrevious(period).text(in: language))
        }
        if let formFile { doc.paragraph(Message.assessAnswersFromForm(formFile).text(in: language)) }

        doc.heading(Message.assessPlanHeading.text(in: language), level: 2)
        if let plan {
            doc.paragraph(Message.assessPlanTotal(count: plan.steps.count, gain: say.signed(plan.gain, decimals), points: say.signed(plan.pointsGain, 2),
                                                  rankBefore: say.rank(plan.rankBefore), rankAfter: say.rank(plan.rankAfter)).text(in: language))
            doc.blocks.append(.list(plan.steps.map { "\($0.nodeID) \($0.label[language]) (\(say.kind($0.kind))): \(say.changes($0))" }))
        } else {
            doc.paragraph(Message.assessNoPlan.text(in: language))
        }
        doc.heading(Message.assessWhatIfHeading.text(in: language), level: 2)
        doc.paragraph(Message.assessWhatIfIntro.text(in: language))
        doc.table(whatIfTable(a, scenarios: a.bestScenarioPerIndicator))
        doc.heading(Message.assessStrengthsHeading.text(in: language), level: 2)
        doc.blocks.append(.list(strengthsAndWeaknesses(a)))
        doc.paragraph(Message.assessExplainHint.text(in: language))
        return doc
    }
}
