import Foundation

/// The fields a browser posts from an HTML form: `application/x-www-form-urlencoded` or
/// `multipart/form-data` (file inputs). Names may repeat; ``subscript(_:)`` gives the first.
struct FormData: Sendable {
    /// A posted file: the name the browser gave (display only) and its bytes.
    struct Upload: Sendable {
        var fileName: String
        var contentType: String?
        var data: Data
    }

    /// Text fields in the order posted.
    private(set) var fields: [(name: String, value: String)] = []
    /// File fields by name (an empty file input posts no file).
    private(set) var files: [String: Upload] = [:]

    /// The first value posted under `name`.
    subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every text field whose name starts with `prefix`, keyed by the rest of the name
    /// (`a.staff_total` → `staff_total`), the first value of each.
    func values(prefixed prefix: String) -> [String: String] {
        var out: [String: String] = [:]
        for field in fields where field.name.hasPrefix(prefix) {
            let key = String(field.name.dropFirst(prefix.count))
            if !key.isEmpty, out[key] == nil { out[key] = field.value }
        }
        return out
    }

    /// Why a body could not be read as a form.
    enum Problem: Error, Equatable {
        case notAForm(String)
        case malformed(String)
    }

    /// Reads `body` according to its `Content-Type`.
    static func parse(_ body: Data, contentType: String?) throws(Problem) -> FormData {
        let type = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "application/x-www-form-urlencoded":
            return FormData(urlEncoded: String(decoding: body, as: UTF8.self))
        case "multipart/form-data":
            guard let boundary = parameter("boundary", in: contentType ?? ""), !boundary.isEmpty else {
                throw .malformed("multipart/form-data without a boundary")
            }
            return try multipart(body, boundary: boundary)
        default:
            throw .notAForm(type.isEmpty ? "no content type" : type)
        }
    }

    /// `a=1&b=x+y` → fields; `+` is a space, percent escapes are decoded (invalid ones kept as
    /// typed), text is NFC-normalised as all input is.
    init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return (spaced.removingPercentEncoding ?? spaced).precomposedStringWithCanonicalMapping
            }
            fields.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
        }
    }

    init() {}

    /// A `key=value` parameter of a header value (`boundary=…`, `name="…"`), unquoted.
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, pieces[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pieces[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// Splits a multipart body (RFC 7578) into its text fields and files.
    static func multipart(_ body: Data, boundary: String) throws(Problem) -> FormData {
        var form = FormData()
        let delimiter = Data("--\(boundary)".utf8)
        let crlf = Data("\r\n".utf8), headerEnd = Data("\r\n\r\n".utf8)
        guard var cursor = body.range(of: delimiter)?.upperBound else { throw .malformed("the body has no part") }
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: crlf) else { throw .malformed("a part delimiter is not followed by a line break") }
            let partStart = cursor + crlf.count
            guard let headersEnd = body.range(of: headerEnd, in: partStart..<body.endIndex) else { throw .malformed("a part has no end of headers") }
            guard let next = body.range(of: crlf + delimiter, in: headersEnd.upperBound..<body.endIndex) else { throw .malformed("a part is not closed by the boundary") }
            let headers = String(decoding: body[partStart..<headersEnd.lowerBound], as: UTF8.self)
            let content = body[headersEnd.upperBound..<next.lowerBound]
            var disposition = "", contentType: String?
            for line in headers.components(separatedBy: "\r\n") {
                let pieces = line.split(separator: ":", maxSplits: 1)
                guard pieces.count == 2 else { continue }
                switch pieces[0].trimmingCharacters(in: .whitespaces).lowercased() {
                case "content-disposition": disposition = String(pieces[1])
                case "content-type": contentType = pieces[1].trimmingCharacters(in: .whitespaces)
                default: break
                }
            }
            guard let name = parameter("name", in: disposition) else { throw .malformed("a part has no name") }
            if let fileName = parameter("filename", in: disposition) {
                if !fileName.isEmpty || !content.isEmpty {
                    form.files[name] = Upload(fileName: fileName, contentType: contentType, data: Data(content))
                }
            } else {
                form.fields.append((name, String(decoding: content, as: UTF8.self).precomposedStringWithCanonicalMapping))
            }
            cursor = next.upperBound
        }
        return form
    }
}
