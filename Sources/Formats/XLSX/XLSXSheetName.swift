/// Worksheet names as Excel accepts them: 1–31 characters, none of `[ ] : * ? / \`, no
/// apostrophe at either end, unique within a workbook ignoring case.
///
/// The one place that makes sheet names from free text (block ids, table titles), so that every
/// workbook the tool writes passes ``XLSXWriter``'s check.
public enum XLSXSheetName {
    /// Excel's limit on the length of a sheet name.
    public static let maximumLength = 31

    /// A valid name derived from `name`, not among `taken` (compared ignoring case).
    ///
    /// Forbidden characters become `_`, as does an apostrophe at either end; the name is cut to
    /// 31 characters (`Sheet` if nothing is left); a name already taken gets ` (2)`, ` (3)`, …
    /// with the base cut so that the whole stays within 31 characters.
    public static func unique(_ name: String, taken: [String]) -> String {
        var characters = name.map { "[]:*?/\\".contains($0) ? "_" : $0 }
        if characters.first == "'" { characters[0] = "_" }
        if characters.last == "'" { characters[characters.count - 1] = "_" }
        var base = String(characters.prefix(maximumLength))
        if base.isEmpty { base = "Sheet" }
        let used = Set(taken.map { $0.lowercased() })
        var candidate = base
        var counter = 2
        while used.contains(candidate.lowercased()) {
            let suffix = " (\(counter))"
            candidate = String(base.prefix(maximumLength - suffix.count)) + suffix
            counter += 1
        }
        return candidate
    }
}
