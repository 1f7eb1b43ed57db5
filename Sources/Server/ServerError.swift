import Foundation
import HTTPTypes
import Hummingbird
import IndexCore
import NIOCore
import Platform
import Season

/// Every failure as the client sees it: an HTTP status, a stable code, a message in both
/// languages and, for input problems, the diagnostics with the same codes as the CLI.
///
/// Handlers throw whatever Platform or Season throws; ``init(_:)`` maps it once, so every route
/// answers the same error for the same cause. Anything unexpected becomes a 500 with a generic
/// message: internal details (paths, SQL) never reach a client.
public struct ServerError: Error, Sendable {
    /// The HTTP status answered.
    public var status: HTTPResponse.Status
    /// A stable machine-readable code (`not-found`, `conflict`, `invalid-input`, …).
    public var code: String
    /// What went wrong, in both languages (the request's is sent).
    public var message: LocalizedText
    /// Input problems, each with its CLI code and location.
    public var diagnostics: [Diagnostic]
    /// Extra response headers (`Retry-After` on 429 and 423).
    public var headers: HTTPFields
    /// A JSON value the client needs to recover (the other edit of a 409 conflict).
    public var details: [String: JSONFragment]

    /// An error as the client sees it (each property says what it is).
    public init(
        _ status: HTTPResponse.Status, code: String, message: LocalizedText,
        diagnostics: [Diagnostic] = [], headers: HTTPFields = [:], details: [String: JSONFragment] = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
        self.headers = headers
        self.details = details
    }

    static let notFound = ServerError(
        .notFound, code: "not-found",
        message: LocalizedText(vi: "Không tìm thấy trang hoặc dữ liệu được yêu cầu.", en: "The requested page or data was not found."))
    static let unauthenticated = ServerError(
        .unauthorized, code: "unauthenticated",
        message: LocalizedText(vi: "Cần đăng nhập.", en: "Sign-in required."))
    static let forbidden = ServerError(
        .forbidden, code: "forbidden",
        message: LocalizedText(vi: "Tài khoản không có quyền thực hiện thao tác này.", en: "Your account may not do this."))
    static let csrf = ServerError(
        .forbidden, code: "csrf",
        message: LocalizedText(
            vi: "Thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang và thử lại.",
            en: "The anti-forgery (CSRF) token is missing or wrong. Reload the page and try again."))
    static let crossOrigin = ServerError(
        .forbidden, code: "cross-origin",
        message: LocalizedText(vi: "Yêu cầu đến từ một trang khác.", en: "The request came from another site."))
    static let internalError = ServerError(
        .internalServerError, code: "internal",
        message: LocalizedText(
            vi: "Lỗi máy chủ. Thao tác chưa được thực hiện; hãy thử lại sau.",
            en: "Server error. Nothing was changed; try again later."))

    /// 413, naming the limit when the caller knows it.
    static func tooLarge(limit: Int?) -> ServerError {
        let message = limit.map {
            LocalizedText(
                vi: "Dữ liệu gửi lên vượt quá giới hạn \(ByteCountText.text($0)).",
                en: "The request is larger than the limit of \(ByteCountText.text($0)).")
        } ?? LocalizedText(vi: "Dữ liệu gửi lên quá lớn.", en: "The request is too large.")
        return ServerError(.contentTooLarge, code: "too-large", message: message)
    }

    static func badRequest(_ message: LocalizedText) -> ServerError {
        ServerError(.badRequest, code: "bad-request", message: message)
    }

    static func rateLimited(retryAfterSeconds: Int) -> ServerError {
        ServerError(
            .tooManyRequests, code: "rate-limited",
            message: LocalizedText(
                vi: "Quá nhiều lần đăng nhập từ địa chỉ này. Hãy thử lại sau \(retryAfterSeconds) giây.",
                en: "Too many sign-in attempts from this address. Try again in \(retryAfterSeconds) seconds."),
            headers: [.retryAfter: String(retryAfterSeconds)])
    }
}

extension ServerError {
    /// Any error thrown below a route, as the client should see it.
    init(_ error: any Error) {
        switch error {
        case let error as ServerError: self = error
        case let error as PlatformError: self = ServerError(platform: error)
        case let error as SeasonError: self = ServerError(season: error)
        case let error as DiagnosticError:
            self = ServerError(season: .invalidInput(error.diagnostics))
        case let error as HTTPError: self = ServerError(http: error)
        case is NIOTooManyBytesError: self = .tooLarge(limit: nil)
        case is DecodingError:
            self = .badRequest(LocalizedText(
                vi: "Nội dung JSON không đúng định dạng của API (xem /api/v1/openapi.yaml).",
                en: "The JSON body does not match the API (see /api/v1/openapi.yaml)."))
        default: self = .internalError
        }
    }

    /// Platform's refusals. `notFound` is the very same error as an unknown route or id, so a
    /// submitter cannot tell another unit's things from things that do not exist.
    init(platform error: PlatformError, now: Date = Date()) {
        let message = error.text
        switch error {
        case .unauthenticated:
            self = ServerError(.unauthorized, code: "unauthenticated", message: message)
        case .forbidden:
            self = ServerError(.forbidden, code: "forbidden", message: message)
        case .notFound:
            self = .notFound
        case .conflict(let conflict):
            self = ServerError(
                .conflict, code: "conflict", message: message,
                details: [
                    "current": JSONFragment(conflict.current),
                    "differingFields": JSONFragment(conflict.differingFields),
                    "expectedVersion": JSONFragment(conflict.expectedVersion),
                ])
        case .invalid(let diagnostics):
            self = ServerError(
                .unprocessableContent, code: "invalid-input",
                message: LocalizedText(vi: "Dữ liệu có lỗi (xem danh sách).", en: "The input has problems (see the list)."),
                diagnostics: diagnostics)
        case .lockedOut(let until):
            let seconds = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
            self = ServerError(HTTPResponse.Status(code: 423, reasonPhrase: "Locked"), code: "locked-out", message: message, headers: [.retryAfter: String(seconds)])
        case .tooLarge:
            self = ServerError(.contentTooLarge, code: "too-large", message: message)
        case .unsupportedFile:
            self = ServerError(.unsupportedMediaType, code: "unsupported-file", message: message)
        case .closed:
            self = ServerError(.conflict, code: "closed", message: message)
        }
    }

    init(season error: SeasonError) {
        switch error {
        case .usage(let message):
            self = ServerError(.badRequest, code: "usage", message: message.localized)
        case .invalidInput(let diagnostics):
            self = ServerError(
                .unprocessableContent, code: "invalid-input",
                message: LocalizedText(vi: "Dữ liệu có lỗi (xem danh sách).", en: "The input has problems (see the list)."),
                diagnostics: diagnostics)
        }
    }

    init(http error: HTTPError) {
        switch error.status {
        case .notFound: self = .notFound
        case .contentTooLarge: self = .tooLarge(limit: nil)
        case .unauthorized: self = .unauthenticated
        case .forbidden: self = .forbidden
        case .methodNotAllowed:
            self = ServerError(
                .methodNotAllowed, code: "method-not-allowed",
                message: LocalizedText(vi: "Phương thức không được hỗ trợ ở địa chỉ này.", en: "This method is not allowed here."))
        default:
            let status = error.status
            self = ServerError(
                status, code: status.code < 500 ? "bad-request" : "internal",
                message: status.code < 500
                    ? LocalizedText(vi: "Yêu cầu không hợp lệ.", en: "Invalid request.")
                    : ServerError.internalError.message,
                headers: error.headers)
        }
    }
}

/// A piece of JSON carried in an error's details (kept as encoded bytes so any `Encodable` fits).
public struct JSONFragment: Sendable, Encodable {
    let encode: @Sendable (any Encoder) throws -> Void

    /// A fragment encoding `value`.
    public init<Value: Encodable & Sendable>(_ value: Value) {
        self.encode = { encoder in try value.encode(to: encoder) }
    }

    public func encode(to encoder: any Encoder) throws { try encode(encoder) }
}

/// Byte counts in words ("10 MB", "64 KB"), for limits in messages; the same in both languages.
enum ByteCountText {
    static func text(_ bytes: Int) -> String {
        if bytes >= 1024 * 1024 { return "\(bytes / (1024 * 1024)) MB" }
        if bytes >= 1024 { return "\(bytes / 1024) KB" }
        return "\(bytes) B"
    }
}
