import Foundation
import IndexCore
import IndexStore
import Reports

extension UnitHistory {
    /// The history as a person reads it, in `language`: the unit, its index and rank per period,
    /// then every submission.
    public func text(in language: Language) -> String {
        var lines = ["\(unit.name) (\(unit.id))", Message.historyStandingsHeading.text(in: language)]
        if standings.isEmpty { lines.append(Message.historyNoStandings.text(in: language)) }
        for standing in standings {
            lines.append(Message.historyStanding(period: standing.period, block: standing.block, index: standing.index, rank: standing.rank, units: standing.units).text(in: language))
        }
        lines.append(Message.historySubmissionsHeading.text(in: language))
        if submissions.isEmpty { lines.append("  " + Message.noSubmissions.text(in: language)) }
        for record in submissions {
            let status: Message = record.status == "active" ? .submissionActive : .submissionSupersededBy(record.supersededBy.map(String.init) ?? "?")
            lines.append(Message.submissionLine(id: Int(record.id), period: record.period, status: status, answers: record.observations, file: record.fileName,
                                                sha: String(record.fileSHA256.prefix(12)), importedAt: record.importedAt).text(in: language))
            if submissions.contains(where: { $0.supersededBy == record.id }) { lines += AnswerChange.lines(record.changes, in: language) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The history for machines (`history --format json`): keys in a fixed order, the index
    /// unrounded, no language-dependent text.
    public var json: JSONValue {
        .object([
            ("unit", .object([("id", .string(unit.id)), ("name", .string(unit.name)), ("block", .string(unit.block))])),
            ("standings", .array(standings.map { standing in
                .object([
                    ("period", .integer(standing.period)), ("block", .string(standing.block)), ("index", .optionalNumber(standing.index)),
                    ("rank", standing.rank.map { .integer($0) } ?? .null), ("units", .integer(standing.units)),
                ])
            })),
            ("submissions", .array(submissions.map { record in
                .object([
                    ("id", .integer(Int(record.id))), ("period", .integer(record.period)), ("status", .string(record.status)),
                    ("superseded_by", record.supersededBy.map { .integer(Int($0)) } ?? .null), ("answers", .integer(record.observations)),
                    ("file", .string(record.fileName)), ("sha256", .string(record.fileSHA256)), ("imported_at", .string(record.importedAt)),
                    ("changes", .array(record.changes.map(\.json))),
                ])
            })),
        ])
    }
}

extension AnswerChange {
    /// The lines that show what a superseding submission changed, in `language`: a count, then
    /// each changed answer as `field: before → after`.
    public static func lines(_ changes: [AnswerChange], in language: Language) -> [String] {
        guard !changes.isEmpty else { return [Message.noAnswerChanged.text(in: language)] }
        return [Message.answersChanged(changes.count).text(in: language)] + changes.map { change in
            let before = change.before.map { $0.text(in: language) }, after = change.after.map { $0.text(in: language) }
            return (change.isEvidence ? Message.evidenceChanged(field: change.field, before: before, after: after)
                                      : Message.answerChanged(field: change.field, before: before, after: after)).text(in: language)
        }
    }
}

extension AnswerChange.Value {
    /// The answer as shown to a person: a number in the language's decimal style, a text quoted.
    public func text(in language: Language) -> String {
        switch self {
        case .number(let number): NumberFormatting.format(number, in: language)
        case .text(let text): "\"\(text)\""
        }
    }
}

extension AnswerChange {
    /// `{"field", "before", "after"}`: numbers as numbers, texts as strings, no answer as null;
    /// a change of evidence adds `"evidence": true`.
    public var json: JSONValue {
        func value(_ value: Value?) -> JSONValue {
            switch value {
            case .number(let number)?: .number(number)
            case .text(let text)?: .string(text)
            case nil: .null
            }
        }
        // `"evidence": true` only on a change of evidence: answer changes keep their three keys.
        return .object([("field", .string(field)), ("before", value(before)), ("after", value(after))] + (isEvidence ? [("evidence", .bool(true))] : []))
    }
}
