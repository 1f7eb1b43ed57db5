import Foundation
import HTTPTypes
import IndexCore
import Hummingbird
import NIOCore
import Reports

/// JSON in and out of the API: sorted keys so the same answer is the same bytes, and request
/// bodies read with a size limit.
enum JSONBody {
    static func encode<Value: Encodable>(_ value: Value) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return Array(try encoder.encode(value))
        } catch {
            // Our own response types always encode; reaching this is a programming error.
            preconditionFailure("unencodable response \(Value.self): \(error)")
        }
    }

    /// A JSON response.
    static func response<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: encode(value))))
    }

    /// A JSON response written from a ``JSONValue`` (compact): for answers that carry the CLI's
    /// JSON contracts (assessments, explanations, rankings). Those are `JSONValue`s already, and
    /// `JSONEncoder` would re-encode every member through its generic containers — a fifth of a
    /// live self-assessment's time (profiled).
    static func response(json value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: value.rendered(indent: 0))))
    }

    /// Reads the request body (at most `limit` bytes) and decodes it; 413 above the limit, 400
    /// with what was wrong for malformed JSON.
    static func decode<Value: Decodable>(_ type: Value.Type, from request: Request, limit: Int) async throws -> Value {
        let buffer = try await RequestBody.collect(request, limit: limit)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw ServerError.badRequest(JSONProblem.describe(error))
        }
    }
}

/// A decoding failure in words, naming the JSON path of the bad member.
enum JSONProblem {
    static func describe(_ error: DecodingError) -> LocalizedText {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "$" : "$." + codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath + [key])
            return LocalizedText(vi: "Thiếu trường bắt buộc \(at) trong JSON.", en: "The JSON lacks the required member \(at).")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let at = path(context.codingPath)
            return LocalizedText(
                vi: "Giá trị \(at) trong JSON sai kiểu (cần \(type)).", en: "The JSON value at \(at) has the wrong type (expected \(type)).")
        case .dataCorrupted(let context):
            let at = path(context.codingPath)
            return LocalizedText(vi: "Nội dung không phải JSON hợp lệ (tại \(at)).", en: "The body is not valid JSON (at \(at)).")
        @unknown default:
            return LocalizedText(vi: "Nội dung JSON không hợp lệ.", en: "The JSON body is invalid.")
        }
    }
}

/// Request bodies read with a limit that is enforced while reading: a declared `Content-Length`
/// above it is refused before anything is read, and a body that grows past it stops there.
enum RequestBody {
    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw ServerError.tooLarge(limit: limit)
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw ServerError.tooLarge(limit: limit)
        }
    }
}

/// Which paths belong to the JSON API (errors there are JSON, elsewhere HTML).
enum APIPath {
    static let prefix = "/api/v1"

    static func isAPI(_ path: String) -> Bool {
        path == "/api" || path.hasPrefix("/api/")
    }
}
