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
    /// The operation is not possible in the current state (the reason, from the catalog).
    case closed(Message)

    /// The message a person reads, in both languages (from the catalog).
    public var message: Message {
        switch self {
        case .unauthenticated: .signInFailed
        case .forbidden: .notAllowed
        case .notFound: .platformNotFound
        case .conflict(let conflict):
            .draftConflict(current: conflict.current.version, expected: conflict.expectedVersion, fields: conflict.differingFields.joined(separator: ", "))
        case .invalid(let diagnostics): .inputProblems(diagnostics.count, list: diagnostics.map(\.description).joined(separator: "\n"))
        case .lockedOut(let until): .accountLocked(until: Self.timeText(until))
        case .tooLarge(let limit): .fileTooLarge(megabytes: limit / 1_048_576)
        case .unsupportedFile(let found): .fileTypeRefused(found)
        case .closed(let reason): reason
        }
    }

    /// ``message`` as a ``LocalizedText`` (what the pages and the API's errors take).
    public var text: LocalizedText { message.localized }

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
