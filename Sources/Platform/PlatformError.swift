import Foundation
import IndexCore
import Season

/// Why a platform operation was refused. Every case has its text in Vietnamese and English
/// (``text``); the server maps each to one HTTP status.
public enum PlatformError: Error, Sendable, Equatable {
    /// No valid session, token or credentials. Unknown e-mail and wrong password give this same
    /// error, so that sign-in does not tell which e-mails have accounts.
    case unauthenticated
    /// The role may not do this.
    case forbidden
    /// No such thing — or one of another unit, which a submitter is told does not exist (never
    /// `forbidden`: that would confirm it exists).
    case notFound
    /// The draft changed since the caller read it (optimistic versioning): nothing was written.
    case conflict(DraftConflict)
    /// The input has problems: the same diagnostics as the CLI.
    case invalid([Diagnostic])
    /// Too many failed sign-ins: the account is locked until then.
    case lockedOut(until: Date)
    /// An upload is larger than the limit (bytes).
    case tooLarge(limit: Int)
    /// An upload whose content is none of the accepted types (what was found).
    case unsupportedFile(String)
    /// The operation is not possible in the current state (the reason, in English; ``text``
    /// gives it in both languages).
    case closed(LocalizedText)

    /// The message a person reads, in both languages.
    public var text: LocalizedText {
        switch self {
        case .unauthenticated:
            return LocalizedText(vi: "Email hoặc mật khẩu không đúng, hoặc phiên đăng nhập đã hết hạn.",
                                 en: "Wrong e-mail or password, or the session has expired.")
        case .forbidden:
            return LocalizedText(vi: "Tài khoản của bạn không có quyền thực hiện thao tác này.",
                                 en: "Your account may not do this.")
        case .notFound:
            return LocalizedText(vi: "Không tìm thấy.", en: "Not found.")
        case .conflict(let conflict):
            let fields = conflict.differingFields.joined(separator: ", ")
            return LocalizedText(
                vi: "Bản nháp đã được người khác lưu (phiên bản \(conflict.current.version), bạn sửa từ phiên bản \(conflict.expectedVersion)); chưa lưu gì. Các câu khác nhau: \(fields).",
                en: "Someone else saved the draft (version \(conflict.current.version); you edited version \(conflict.expectedVersion)); nothing was saved. Answers that differ: \(fields).")
        case .invalid(let diagnostics):
            let list = diagnostics.map(\.description).joined(separator: "\n")
            return LocalizedText(vi: "Dữ liệu có \(diagnostics.count) lỗi:\n\(list)", en: "\(diagnostics.count) problem(s):\n\(list)")
        case .lockedOut(let until):
            let time = Self.timeText(until)
            return LocalizedText(vi: "Đăng nhập sai quá nhiều lần; tài khoản tạm khóa đến \(time) (UTC).",
                                 en: "Too many failed sign-ins; the account is locked until \(time) (UTC).")
        case .tooLarge(let limit):
            let megabytes = limit / 1_048_576
            return LocalizedText(vi: "Tệp quá lớn: tối đa \(megabytes) MB.", en: "The file is too large: at most \(megabytes) MB.")
        case .unsupportedFile(let found):
            return LocalizedText(vi: "Loại tệp không được chấp nhận (\(found)); chỉ nhận PDF, PNG, JPEG, XLSX, DOCX.",
                                 en: "This type of file is not accepted (\(found)); only PDF, PNG, JPEG, XLSX, DOCX.")
        case .closed(let reason):
            return reason
        }
    }

    /// A season error as a platform error: its diagnostics, or the usage message as one.
    init(_ error: SeasonError) {
        switch error {
        case .invalidInput(let diagnostics): self = .invalid(diagnostics)
        case .usage(let message): self = .invalid([Diagnostic(.invalidValue, message)])
        }
    }

    static func timeText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
