/// What intake says about answers to fields the methodology does not declare: the first
/// ``individuallyReported`` distinct unknown fields one by one, at every cell that answers them,
/// each with the closest field ids as suggestions; every further unknown field only counted, and
/// summed up in one diagnostic at the end (``summary``).
///
/// Why a limit: a suggestion is an edit distance to every field of the methodology, and a person
/// reads twenty "did you mean" lines, not 100,000. A file with that many unknown columns is the
/// wrong file or a shifted header; one line saying so (with the first names and the count) is
/// the useful message, and the reader stays linear in the columns it reads. The limit counts
/// distinct names, so one misspelt column is still reported on every row.
struct UnknownFieldReport {
    /// How many distinct unknown fields are reported one by one, with suggestions.
    static let individuallyReported = 20
    /// How many names of the further unknown fields the summary shows.
    static let namesInSummary = 5

    private let fieldIDs: [String]
    /// The fields folded once, at the first unknown field.
    private var suggestions: VietnameseText.Suggestions?
    /// The message of each unknown field reported one by one (the same column recurs in every row).
    private var messages: [String: Message] = [:]
    /// The further unknown fields: every distinct name, the first few in order, and where the
    /// first of them was met.
    private var omitted: Set<String> = []
    private var omittedNames: [String] = []
    private var firstOmitted: SourceLocation?
    /// How many times suggestions were computed (an edit distance to every field): at most
    /// ``individuallyReported``, whatever the size of the input. Tests read it to check that the
    /// work does not grow with the number of unknown fields.
    private(set) var suggestionsComputed = 0

    /// A report against the methodology's field ids.
    init(fieldIDs: [String]) {
        self.fieldIDs = fieldIDs
    }

    /// The message for a cell answering the unknown field `field` at `location`, or `nil` when
    /// the field is beyond the limit (it is then counted for the ``summary``).
    mutating func message(for field: String, at location: SourceLocation) -> Message? {
        if let known = messages[field] { return known }
        if messages.count < Self.individuallyReported {
            let matcher = suggestions ?? VietnameseText.Suggestions(fieldIDs)
            suggestions = matcher
            suggestionsComputed += 1
            let message = Message.unknownSurveyField(field, suggestions: matcher.closest(to: field, limit: 3))
            messages[field] = message
            return message
        }
        if omitted.insert(field).inserted {
            if omittedNames.count < Self.namesInSummary { omittedNames.append(field) }
            if firstOmitted == nil { firstOmitted = location }
        }
        return nil
    }

    /// One diagnostic for the unknown fields beyond the limit, at the first cell of the first of
    /// them; `nil` when there were none.
    var summary: Diagnostic? {
        guard !omitted.isEmpty else { return nil }
        return Diagnostic(.unknownField, .moreUnknownSurveyFields(omitted.count, first: omittedNames), at: firstOmitted)
    }
}
