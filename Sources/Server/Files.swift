import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Files sent for download: evidence as an attachment (never rendered inline: it is the user's
/// content), with a file name that cannot break the header.
enum Downloads {
    /// The media type of an Excel workbook.
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static func attachment(_ data: Data, mediaType: String, fileName: String) -> Response {
        // RFC 6266: an ASCII fallback plus the UTF-8 name (Vietnamese file names).
        let ascii = String(fileName.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        return Response(
            status: .ok,
            headers: [
                .contentType: mediaType,
                .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Serving the files of a folder the server wrote (a report preview or publication) by the
/// request's path, without ever leaving the folder: every component must be a plain name (no
/// `..`, no hidden files, no separators), and the resolved file must still be inside the folder
/// after symbolic links are followed.
public enum StaticFolder {
    /// The media types of the files a national report has.
    static let mediaTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "svg": "image/svg+xml",
        "png": "image/png", "csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8",
        "md": "text/markdown; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]

    /// The response for `path` (the components after the folder's URL; empty means
    /// `index.html`), or a 404 when there is no such file inside `folder`.
    public static func response(folder: URL, path: [Substring]) throws -> Response {
        let file = try resolve(folder: folder, path: path)
        guard let data = FileManager.default.contents(atPath: file.path) else { throw ServerError.notFound }
        let type = mediaTypes[file.pathExtension.lowercased()] ?? "application/octet-stream"
        return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The file `path` names inside `folder`; 404 for anything that is not a regular file there.
    public static func resolve(folder: URL, path: [Substring]) throws -> URL {
        var components = path.map { String($0).removingPercentEncoding ?? String($0) }
        if components.isEmpty || components.last == "" { components = components.filter { !$0.isEmpty } + ["index.html"] }
        for component in components {
            guard !component.isEmpty, !component.hasPrefix("."), !component.contains("/"), !component.contains("\\"),
                  !component.unicodeScalars.contains(where: { $0.value < 0x20 })
            else { throw ServerError.notFound }
        }
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let file = components.reduce(root) { $0.appendingPathComponent($1) }.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard file.path.hasPrefix(root.path + "/"),
              FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue
        else { throw ServerError.notFound }
        return file
    }
}
