import Foundation
import Hummingbird
import IndexCore
import NIOCore

/// A form posted by a browser: `application/x-www-form-urlencoded` fields, or
/// `multipart/form-data` fields and files (uploads). Read once, with the limit of its kind; the
/// CSRF check and the handlers share the parsed result through ``FormBody/read(_:limits:)``.
public struct FormBody: Sendable {
    /// Text fields by name (the last value wins when a name repeats).
    public var fields: [String: String]
    /// Uploaded files, in the order they came.
    public var files: [FormFile]

    /// A form body of `fields` (name → value) and uploaded `files`.
    public init(fields: [String: String] = [:], files: [FormFile] = []) {
        self.fields = fields
        self.files = files
    }

    /// The media types this reads.
    enum Kind {
        case urlEncoded
        case multipart(boundary: String)
    }

    /// The kind of form a `Content-Type` header names, or nil for anything else (JSON, raw files).
    static func kind(of contentType: String?) -> Kind? {
        guard let contentType else { return nil }
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        switch parts.first?.lowercased() {
        case "application/x-www-form-urlencoded":
            return .urlEncoded
        case "multipart/form-data":
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
                var boundary = pair[1].trimmingCharacters(in: .whitespaces)
                if boundary.count >= 2, boundary.hasPrefix("\""), boundary.hasSuffix("\"") {
                    boundary = String(boundary.dropFirst().dropLast())
                }
                // RFC 2046: 1 to 70 characters.
                if (1...70).contains(boundary.utf8.count) { return .multipart(boundary: boundary) }
            }
            return nil
        default:
            return nil
        }
    }

    /// Whether the request carries a form this type reads.
    public static func isForm(_ request: Request) -> Bool {
        kind(of: request.headers[.contentType]) != nil
    }

    /// Reads and parses the request's form: an url-encoded body up to the JSON limit, a
    /// multipart one up to the upload limit (file + form overhead). 413 above, 400 when malformed.
    public static func read(_ request: Request, limits: ServerLimits) async throws -> FormBody {
        var request = request
        return try await buffer(&request, limits: limits)
    }

    /// Reads the request's form as ``read(_:limits:)`` does and leaves the body in `request` as
    /// a buffer, so that a middleware can look at the form and the handler still read it.
    static func buffer(_ request: inout Request, limits: ServerLimits) async throws -> FormBody {
        guard let kind = kind(of: request.headers[.contentType]) else {
            throw ServerError.badRequest(LocalizedText(
                vi: "Cần gửi biểu mẫu (application/x-www-form-urlencoded hoặc multipart/form-data).",
                en: "A form is expected (application/x-www-form-urlencoded or multipart/form-data)."))
        }
        let limit: Int
        switch kind {
        case .urlEncoded: limit = limits.jsonBytes
        case .multipart: limit = limits.uploadRequestBytes
        }
        let buffer = try await RequestBody.collect(request, limit: limit)
        request.body = .init(buffer: buffer)
        switch kind {
        case .urlEncoded:
            return FormBody(fields: URLEncodedForm.fields(String(buffer: buffer)))
        case .multipart(let boundary):
            return try MultipartForm.parse(Array(buffer: buffer), boundary: boundary)
        }
    }
}

/// An uploaded file of a multipart form. Its name is the user's and is for display only.
public struct FormFile: Sendable {
    /// The form field it came in.
    public var field: String
    /// The file name the browser sent (never used as a path).
    public var fileName: String
    /// The media type the browser claimed (Platform sniffs the content; this is not trusted).
    public var contentType: String?
    /// The file's bytes as uploaded.
    public var data: Data
}

/// `a=1&b=x+y%20z` → fields.
enum URLEncodedForm {
    static func fields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            guard !name.isEmpty else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

/// A `multipart/form-data` body (RFC 7578) split into fields and files.
enum MultipartForm {
    static func malformed(_ what: String) -> ServerError {
        ServerError.badRequest(LocalizedText(
            vi: "Biểu mẫu multipart không hợp lệ: \(what).", en: "The multipart form is malformed: \(what)."))
    }

    static func parse(_ bytes: [UInt8], boundary: String) throws -> FormBody {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard var position = find(delimiter, in: bytes, from: 0) else { throw malformed("no boundary") }
        var form = FormBody()
        while true {
            position += delimiter.count
            if bytes[position...].starts(with: [45, 45]) { return form }  // "--": the closing delimiter
            guard bytes[position...].starts(with: crlf) else { throw malformed("a boundary is not followed by a line break") }
            position += 2
            guard let headerEnd = find(crlf + crlf, in: bytes, from: position) else { throw malformed("a part has no end of headers") }
            let headers = try partHeaders(bytes[position..<headerEnd])
            let contentStart = headerEnd + 4
            guard let next = find(crlf + delimiter, in: bytes, from: contentStart) else { throw malformed("a part is not closed") }
            let content = Data(bytes[contentStart..<next])
            guard let name = headers.name else { throw malformed("a part has no name") }
            if let fileName = headers.fileName {
                form.files.append(FormFile(field: name, fileName: fileName, contentType: headers.contentType, data: content))
            } else {
                guard let text = String(data: content, encoding: .utf8) else { throw malformed("the field \(name) is not UTF-8") }
                form.fields[name] = text
            }
            position = next + 2
        }
    }

    /// The name, file name and content type of a part.
    private static func partHeaders(_ bytes: ArraySlice<UInt8>) throws -> (name: String?, fileName: String?, contentType: String?) {
        guard let text = String(bytes: bytes, encoding: .utf8) else { throw malformed("part headers are not UTF-8") }
        var name: String?, fileName: String?, contentType: String?
        for line in text.components(separatedBy: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            switch pair[0].trimmingCharacters(in: .whitespaces).lowercased() {
            case "content-disposition":
                let parameters = dispositionParameters(value)
                name = parameters["name"]
                fileName = parameters["filename"]
            case "content-type":
                contentType = value
            default:
                continue
            }
        }
        return (name, fileName, contentType)
    }

    /// `form-data; name="a"; filename="b \"c\".pdf"` → ["name": "a", "filename": "b \"c\".pdf"].
    static func dispositionParameters(_ value: String) -> [String: String] {
        var parameters: [String: String] = [:]
        var characters = Substring(value)
        // Skip the disposition type.
        guard let firstSemicolon = characters.firstIndex(of: ";") else { return [:] }
        characters = characters[characters.index(after: firstSemicolon)...]
        while !characters.isEmpty {
            characters = characters.drop { $0 == " " || $0 == "\t" }
            guard let equals = characters.firstIndex(of: "=") else { break }
            let key = characters[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            characters = characters[characters.index(after: equals)...]
            var parsed = ""
            if characters.first == "\"" {
                characters = characters.dropFirst()
                var escaped = false
                while let character = characters.first {
                    characters = characters.dropFirst()
                    if escaped { parsed.append(character); escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { break } else { parsed.append(character) }
                }
                characters = characters.drop { $0 != ";" }
            } else {
                let end = characters.firstIndex(of: ";") ?? characters.endIndex
                parsed = characters[..<end].trimmingCharacters(in: .whitespaces)
                characters = characters[end...]
            }
            characters = characters.drop { $0 == ";" }
            parameters[key] = parsed
        }
        return parameters
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            guard let candidate = haystack[index...last].firstIndex(of: first) else { return nil }
            if haystack[candidate..<(candidate + needle.count)].elementsEqual(needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}
