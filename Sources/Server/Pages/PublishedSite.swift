import Foundation

/// The files of a published national report, found safely from a request path.
///
/// The public site serves byte for byte what publishing wrote (the same files `ictindex report`
/// writes: `index.html`, `units/*.html`, `figures/*.svg`, CSV, XLSX, JSON, Markdown). A request
/// path is accepted only when every segment is an ordinary name (no `..`, `.`, empty, hidden,
/// backslash or control character, after percent-decoding) and the file it names, with symbolic
/// links resolved, is a regular file inside the folder — so no request can read anything else.
struct PublishedSite: Sendable {
    /// The published folder of one language.
    let root: URL

    /// A file to send: where it is and its media type.
    struct File: Sendable, Equatable {
        var url: URL
        var contentType: String
    }

    /// Media types of the files a report contains; any other extension is not served.
    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8",
        "svg": "image/svg+xml",
        "csv": "text/csv; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "json": "application/json",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "png": "image/png",
    ]

    /// The file `path` names (relative to the site root, e.g. `units/ha-noi.html`; an empty path
    /// or one ending in `/` means that folder's `index.html`), or `nil` when the path is not a
    /// safe name of a file of the report.
    func file(at path: String) -> File? {
        guard let decoded = path.removingPercentEncoding else { return nil }
        var segments = decoded.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.first == "" { segments.removeFirst() }
        if segments.isEmpty || segments.last == "" {
            if !segments.isEmpty { segments.removeLast() }
            segments.append("index.html")
        }
        guard segments.allSatisfy(Self.isPlainName) else { return nil }
        let ext = (segments.last! as NSString).pathExtension.lowercased()
        guard let contentType = Self.contentTypes[ext] else { return nil }
        let candidate = segments.reduce(root) { $0.appendingPathComponent($1, isDirectory: false) }
        // Symbolic links resolved on both sides: the file must really be inside the folder.
        let realRoot = root.resolvingSymlinksInPath().standardizedFileURL.path
        let realFile = candidate.resolvingSymlinksInPath().standardizedFileURL.path
        guard realFile.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: realFile, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return File(url: URL(fileURLWithPath: realFile), contentType: contentType)
    }

    /// A segment that names a file or folder plainly: not empty, not `.`/`..` or hidden, no
    /// backslash, NUL or other control character.
    static func isPlainName(_ segment: String) -> Bool {
        !segment.isEmpty && !segment.hasPrefix(".") && segment.count <= 255
            && !segment.unicodeScalars.contains { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
    }
}
