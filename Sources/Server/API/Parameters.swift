import Foundation
import Hummingbird
import IndexCore

/// Path parameters, read after authorization, with a 400 that says which one is wrong.
enum PathParameters {
    static func text(_ name: String, _ context: AppRequestContext) throws -> String {
        guard let value = context.parameters.get(name), !value.isEmpty else { throw missing(name) }
        return value.removingPercentEncoding ?? value
    }

    static func integer(_ name: String, _ context: AppRequestContext) throws -> Int64 {
        guard let value = Int64(try text(name, context)) else { throw notAnInteger(name) }
        return value
    }

    /// The season's period (a year).
    static func period(_ context: AppRequestContext) throws -> Int {
        guard let value = Int(try text("period", context)) else { throw notAnInteger("period") }
        return value
    }

    static func missing(_ name: String) -> ServerError {
        .badRequest(LocalizedText(vi: "Thiếu tham số \(name).", en: "The parameter \(name) is missing."))
    }

    static func notAnInteger(_ name: String) -> ServerError {
        .badRequest(LocalizedText(vi: "Tham số \(name) phải là số nguyên.", en: "The parameter \(name) must be an integer."))
    }
}

/// Query parameters (`?version=3`), with the same errors.
enum QueryParameters {
    static func text(_ name: String, _ request: Request) throws -> String {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { throw PathParameters.missing(name) }
        return value
    }

    static func integer(_ name: String, _ request: Request) throws -> Int {
        guard let value = Int(try text(name, request)) else { throw PathParameters.notAnInteger(name) }
        return value
    }

    /// An optional integer parameter: `absent` when the query does not name it, a 400 when it is
    /// not an integer in `range` (never a value silently clamped).
    static func integer(_ name: String, _ request: Request, absent: Int, in range: ClosedRange<Int>) throws -> Int {
        guard request.uri.queryParameters.get(name) != nil else { return absent }
        let value = try integer(name, request)
        guard range.contains(value) else {
            throw ServerError.badRequest(Message.parameterOutOfRange(name, lowest: range.lowerBound, highest: range.upperBound).localized)
        }
        return value
    }
}
