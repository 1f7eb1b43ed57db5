import Foundation

/// Plain words for a failure to read or write a file, instead of Foundation's raw error text
/// (`NSCocoaErrorDomain Code=260`, `Code=514`), which no user can act on.
public enum FileProblem {
    /// The bytes of an input file; a failure is a diagnostic naming the file and saying why in
    /// words ("cannot read the file: the file or folder does not exist").
    public static func contents(of url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw DiagnosticError([Diagnostic(.invalidValue, .cannotReadFile(describe(error)), at: SourceLocation(file: url.relativePath))])
        }
    }

    /// What went wrong, in words (the file itself is named by the caller's location).
    public static func describe(_ error: Error) -> Message {
        if let error = error as? DiagnosticError { return .joined(error.diagnostics.map(\.text), separator: "; ") }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return .fileDoesNotExist
            case .fileReadNoPermission: return .readPermissionDenied
            case .fileWriteNoPermission: return .writePermissionDenied
            case .fileWriteVolumeReadOnly: return .diskReadOnly
            case .fileWriteOutOfSpace: return .diskFull
            case .fileWriteFileExists: return .fileInTheWay
            case .fileReadCorruptFile: return .fileDamaged
            case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding: return .fileNotUTF8
            case .fileReadTooLarge: return .fileTooLarge
            case .fileLocking: return .fileLocked
            default: break
            }
            if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? Error { return describe(underlying) }
        }
        if nsError.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(nsError.code)) {
            return describe(posix: code)
        }
        if let posix = error as? POSIXError { return describe(posix: posix.code) }
        if nsError.domain == NSCocoaErrorDomain { return .fileOperationFailed(code: nsError.code) }
        return .foreignError(String(describing: error))
    }

    static func describe(posix code: POSIXErrorCode) -> Message {
        switch code {
        case .ENOENT: return .fileDoesNotExist
        case .EACCES, .EPERM: return .permissionDenied
        case .EROFS: return .diskReadOnly
        case .ENOSPC: return .diskFull
        case .EISDIR: return .isAFolder
        case .ENOTDIR: return .pathPartIsAFile
        case .ENAMETOOLONG: return .fileNameTooLong
        case .EEXIST: return .fileInTheWay
        default: return .operationFailed(String(cString: strerror(code.rawValue)))
        }
    }
}
