import Analysis
import Foundation
import IndexCore

/// Number and text formatting of the report in one language.
struct Wording: Sendable {
    let language: Language

    var vi: Bool { language == .vi }

    /// A catalog message in the report's language.
    func callAsFunction(_ message: Message) -> String { message.text(in: language) }

    func fixed(_ value: Double, _ decimals: Int) -> String { NumberFormat.fixed(value, decimals: decimals, language: language) }

    /// A change with its sign: `+0,07`, `−0,02`, `0,00`.
    func signed(_ value: Double, _ decimals: Int) -> String {
        guard !value.isNaN else { return "—" }
        let rounded = PublishedRounding.round(value, decimals: decimals)
        let text = fixed(abs(rounded), decimals)
        return rounded > 0 ? "+" + text : rounded < 0 ? "−" + text : text
    }

    /// Places gained with a sign (`+3`, `−2`, `0`), or `—`.
    func places(_ value: Int?) -> String {
        guard let value else { return "—" }
        return value > 0 ? "+\(value)" : value < 0 ? "−\(-value)" : "0"
    }

    func rank(_ rank: Int) -> String { rank == 0 ? "—" : String(rank) }

    /// A share as a percentage (`22%`, `22,5%`).
    func percent(_ value: Double) -> String {
        guard !value.isNaN else { return "—" }
        let whole = PublishedRounding.round(value * 100, decimals: 1)
        return (whole == whole.rounded() ? String(Int(whole)) : fixed(whole, 1)) + "%"
    }

    /// A raw value: a percentage for shares, else compact with thousands grouped (`26.972`).
    func raw(_ value: Double, ratio: Bool) -> String {
        guard !value.isNaN else { return "—" }
        if ratio { return percent(value) }
        return NumberFormatting.grouped(PublishedRounding.round(value, decimals: 3), in: language)
    }

    func period(_ period: Int?) -> String { period.map(String.init) ?? "—" }

    /// A day as each language writes it: `31/12/2019`, `2019-12-31`.
    func date(_ day: Day) -> String { vi ? String(format: "%02d/%02d/%04d", day.day, day.month, day.year) : day.description }

    /// A number in its shortest form with the language's decimal mark (`0,5`, `200`).
    func number(_ value: Double) -> String { NumberFormatting.format(value, in: language) }

    /// A scoring rule in words, e.g. `steps: ≥ 12 → 25; ≥ 6 → 18` or `goalpost 0 → 0.3`
    /// (IndexCore's ``Scoring/summary(in:)``, shared with explanations).
    func rule(_ scoring: Scoring?) -> String {
        scoring?.summary(in: language) ?? ""
    }

    /// A what-if scenario's changed answers, e.g. `services_level4: 12 → 18`.
    func changes(_ scenario: Assessment.WhatIf) -> String {
        scenario.changes.map { change in
            "\(change.label[language]): \(change.before.map { raw($0, ratio: false) } ?? "—") → \(raw(change.after, ratio: false))"
        }.joined(separator: "; ")
    }

    func kind(_ kind: Assessment.WhatIf.Kind) -> String {
        switch kind {
        case .nextStep: self(.whatIfNextStep)
        case .fullMarks: self(.whatIfFullMarks)
        case .blockBest: self(.whatIfBlockBest)
        case .plusTenPoints: self(.whatIfPlusTenPoints)
        }
    }
}
