/// Finds a unit by id or by name, with or without diacritics, in NFC or NFD.
public struct UnitLookup: Sendable {
    let units: [(id: String, name: String)]

    /// A lookup over `units` (ids and Vietnamese names as the registry or a survey gives them).
    public init(_ units: [(id: String, name: String)]) {
        self.units = units
    }

    /// The id of the unit `query` names. An exact id wins; otherwise names are compared after
    /// folding (diacritics, case, đ, punctuation, and a leading "TP."/"Tỉnh"/"Thành phố").
    /// Throws with the closest names when nothing or several units match.
    public func find(_ query: String) throws -> String {
        if let exact = units.first(where: { $0.id == query }) { return exact.id }
        let key = Self.key(query)
        let matches = units.filter { Self.key($0.name) == key || Self.key($0.id) == key }
        if matches.count == 1 { return matches[0].id }
        if matches.count > 1 {
            throw DiagnosticError([Diagnostic(.unknownUnit, .ambiguousUnitInResults(query, candidates: matches.map { ($0.name, $0.id) }))])
        }
        let closest = VietnameseText.closest(to: Self.key(query), among: units.map(\.name))
        throw DiagnosticError([Diagnostic(.unknownUnit, .noUnitNamed(query, validOn: nil, closest: closest))])
    }

    /// The folded name without administrative prefixes.
    static func key(_ name: String) -> String {
        var folded = VietnameseText.fold(name)
        for prefix in ["thanh pho ", "tp ", "tinh "] where folded.hasPrefix(prefix) {
            folded.removeFirst(prefix.count)
        }
        return folded
    }
}
