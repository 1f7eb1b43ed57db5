import Foundation
import IndexCore

/// Why a season operation did not run: either the request itself is wrong (a usage problem the
/// caller can fix by asking differently) or the inputs have problems, each one a `Diagnostic`
/// naming the file, line and field.
///
/// Every public operation of ``SeasonService`` throws only this type, so a front end maps it once:
/// the CLI exits 2 for ``usage(_:)`` and 1 for ``invalidInput(_:)``; a web server answers 400 or
/// 422.
public enum SeasonError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request is incomplete or contradictory (e.g. two periods and none chosen).
    case usage(Message)
    /// The inputs have problems; every problem found is listed, not only the first.
    case invalidInput([Diagnostic])

    /// The message a person reads, in English: the usage problem, or every diagnostic on its own line.
    public var description: String { description(in: .en) }

    /// The message a person reads in `language`: the usage problem, or every diagnostic on its
    /// own line under a count.
    public func description(in language: Language) -> String {
        switch self {
        case .usage(let message): return message.text(in: language)
        case .invalidInput(let diagnostics): return DiagnosticError(diagnostics).description(in: language)
        }
    }

    /// The diagnostics of an input problem (empty for a usage problem).
    public var diagnostics: [Diagnostic] {
        if case .invalidInput(let diagnostics) = self { return diagnostics }
        return []
    }

    /// Runs `body` and turns whatever it throws into a `SeasonError`: diagnostics stay
    /// diagnostics, and a Foundation file error becomes a diagnostic naming the file, so that no
    /// raw `NSCocoaErrorDomain` text reaches a user.
    static func capture<T>(_ body: () async throws -> T) async throws(SeasonError) -> T {
        do { return try await body() } catch { throw SeasonError(error) }
    }

    /// The synchronous form of ``capture(_:)``.
    static func capture<T>(_ body: () throws -> T) throws(SeasonError) -> T {
        do { return try body() } catch { throw SeasonError(error) }
    }

    /// Any error as a `SeasonError`: diagnostics stay diagnostics, and a Foundation file error
    /// becomes a diagnostic naming the file.
    public init(_ error: any Error) {
        switch error {
        case let error as SeasonError: self = error
        case let error as DiagnosticError: self = .invalidInput(error.diagnostics)
        default: self = .invalidInput([Diagnostic(foreign: error)])
        }
    }
}

extension Diagnostic {
    /// A diagnostic for an error that is not one of ours: a file that cannot be read or written
    /// is named, with what went wrong in words (``FileProblem``); anything else keeps its own
    /// description.
    init(foreign error: any Error) {
        let nsError = error as NSError
        let path = (nsError.userInfo[NSFilePathErrorKey] as? String) ?? (nsError.userInfo[NSURLErrorKey] as? URL)?.path
        let missing = nsError.domain == NSCocoaErrorDomain && [CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue].contains(nsError.code)
        self.init(missing ? .missingData : .invalidValue, FileProblem.describe(error), at: path.map { SourceLocation(file: $0) })
    }
}
