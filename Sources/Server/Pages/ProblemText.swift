import IndexCore
import Intake

/// A validation problem of a draft as the form shows it: the question it belongs to and what a
/// person reads beside it, in the page's language.
///
/// The problems themselves are Platform's (the same diagnostics as `ictindex validate`, with
/// English messages); this only places each one on its question and words it in Vietnamese with
/// the methodology's own texts — the constraint's message, or the allowed values exactly as the
/// Excel form's data validation says them — so no check is repeated here.
struct ProblemText: Sendable, Equatable {
    /// The question the problem is about, `nil` for a problem of the whole draft.
    var field: String?
    /// The text shown beside the question.
    var text: String
    /// The stable diagnostic code (`constraint-violated`, `out-of-range`, …).
    var code: String

    /// Places and words every problem of a draft. `questions` is the form's question list (the
    /// block's fields, in the page language).
    static func of(_ problems: [Diagnostic], questions: SurveyQuestions) -> [ProblemText] {
        problems.map { one($0, questions: questions) }
    }

    static func one(_ problem: Diagnostic, questions: SurveyQuestions) -> ProblemText {
        let vi = questions.language == .vi
        let methodology = questions.methodology
        let field = fieldID(of: problem, among: questions.fields.map(\.id))
        let code = problem.code.rawValue
        switch problem.code {
        case .constraintViolated:
            // The validator names the broken constraint as 'id'; its message is in both languages.
            let constraint = methodology.constraints.first { problem.message.contains("'\($0.id)'") }
            let text = constraint.map { $0.message[questions.language] } ?? problem.message(in: questions.language)
            return ProblemText(field: field, text: text, code: code)
        case .missingData where field != nil:
            return ProblemText(field: field, text: vi ? "Chưa có câu trả lời." : "No answer.", code: code)
        case .outOfRange, .typeMismatch, .invalidValue:
            if let field, let definition = methodology.field(field) {
                return ProblemText(field: field, text: questions.invalidAnswerMessage(definition), code: code)
            }
            return ProblemText(field: field, text: problem.message(in: questions.language), code: code)
        default:
            return ProblemText(field: field, text: problem.message(in: questions.language), code: code)
        }
    }

    /// The question a diagnostic is about: its location's detail when that is a field id (the
    /// cell of the answer), else the `field_id:` the validator puts before a per-answer message.
    static func fieldID(of problem: Diagnostic, among fields: [String]) -> String? {
        if let detail = problem.location?.detail {
            if fields.contains(detail) { return detail }
            if let match = fields.first(where: { detail.hasSuffix(" \($0)") || detail.hasSuffix("=\($0)") || detail.hasSuffix(".\($0)") }) { return match }
        }
        if let colon = problem.message.firstIndex(of: ":") {
            let head = String(problem.message[..<colon])
            if fields.contains(head) { return head }
        }
        return nil
    }
}
