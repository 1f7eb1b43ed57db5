import IndexCore
import IndexStore
import Synchronization

/// What Platform keeps in memory between requests — parsed methodologies and last year's
/// answers — each value together with exactly the input it was made from, so that it is used
/// only while that input is unchanged.
///
/// A draft save, a self-assessment and every page of a unit need the season's methodology.
/// Parsing its YAML was half of a save's time (profiled with `perf`, docs/benchmarks.md "Web
/// platform"), yet it changes only when someone edits the file. The workspace file is still
/// read on every call (a small read) and compared with the text the cached methodology was
/// parsed from: an edited methodology is parsed again at its next use, never served stale, and
/// two platforms on one workspace (two processes) still see the same methodology.
final class PlatformCache: Sendable {
    /// The last parse of each methodology file: the file's name, its text and the result.
    private let methodologies = Mutex<[String: (text: String, methodology: Methodology)]>([:])

    init() {}

    /// The methodology of `yaml` (the text of the file `fileName`): parsed by
    /// `MethodologyLoader` unless this very text of this file was parsed before. One entry per
    /// file: a new text replaces the old one.
    func methodology(yaml: String, fileName: String) throws -> Methodology {
        if let cached = methodologies.withLock({ $0[fileName] }), cached.text == yaml {
            return cached.methodology
        }
        let parsed = try Workspace.parsing(yaml, fileName)
        methodologies.withLock { $0[fileName] = (yaml, parsed) }
        return parsed
    }

    /// How many methodology texts were parsed and kept (tests check that the cache is used and
    /// replaced).
    var methodologyTexts: [String: String] {
        methodologies.withLock { $0.mapValues(\.text) }
    }

    // MARK: - Last year's answers

    /// What a period's answers (`Store.answers(period:)`) are made of, read in a few cheap
    /// queries: the ids of the period's active submissions (a new import, a withdrawal or a
    /// superseded submission changes them; a submission's observations and crawl precedences
    /// are never changed, only added with a new submission) and every unit's id, name and block
    /// (the answers carry them from the registry). Equal keys, equal answers.
    struct AnswersKey: Hashable, Sendable {
        var period: Int
        var submissions: String
        var units: String
    }

    /// Every self-assessment compares the draft with the answers of the latest published season
    /// before it; reading and assembling them was most of a live score once the what-if search
    /// was left out. One entry per period.
    private let answers = Mutex<[Int: (key: AnswersKey, answers: [UnitAnswers])]>([:])

    /// The answers kept for `key`, if they were read with exactly this key.
    func answers(for key: AnswersKey) -> [UnitAnswers]? {
        answers.withLock { kept in kept[key.period].flatMap { $0.key == key ? $0.answers : nil } }
    }

    /// Keeps `value` as the answers of `key` (replacing the period's previous entry).
    func keep(_ value: [UnitAnswers], for key: AnswersKey) {
        answers.withLock { $0[key.period] = (key, value) }
    }
}
