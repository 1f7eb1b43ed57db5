import Foundation

/// The fields of a posted HTML form as the pages read them: the server's ``FormBody`` (read once
/// and shared with the CSRF check; URL-encoded or multipart), with the lookups the pages need.
struct FormData: Sendable {
    let body: FormBody

    init(_ body: FormBody) { self.body = body }

    /// The value posted under `name`.
    subscript(_ name: String) -> String? { body.fields[name]?.precomposedStringWithCanonicalMapping }

    /// Every text field whose name starts with `prefix`, keyed by the rest of the name
    /// (`a.staff_total` → `staff_total`), NFC-normalised as all input is.
    func values(prefixed prefix: String) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in body.fields where name.hasPrefix(prefix) && name.count > prefix.count {
            out[String(name.dropFirst(prefix.count))] = value.precomposedStringWithCanonicalMapping
        }
        return out
    }

    /// The files posted, by their field name (an empty file input posts none).
    var files: [String: FormFile] {
        Dictionary(body.files.filter { !$0.data.isEmpty || !$0.fileName.isEmpty }.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
