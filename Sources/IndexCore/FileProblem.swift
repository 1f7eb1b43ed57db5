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
            throw DiagnosticError([Diagnostic(.invalidValue, "cannot read the file: \(describe(error))", at: SourceLocation(file: url.relativePath))])
        }
    }

    /// What went wrong, in words (the file itself is named by the caller's location).
    public static func describe(_ error: Error) -> String {
        if let error = error as? DiagnosticError { return error.diagnostics.map(\.message).joined(separator: "; ") }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "the file or folder does not exist"
            case .fileReadNoPermission: return "permission to read it is denied"
            case .fileWriteNoPermission: return "permission to write here is denied"
            case .fileWriteVolumeReadOnly: return "the disk is read-only"
            case .fileWriteOutOfSpace: return "the disk is full"
            case .fileWriteFileExists: return "a file of that name is in the way"
            case .fileReadCorruptFile: return "the file is damaged"
            case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding: return "the file is not UTF-8 text"
            case .fileReadTooLarge: return "the file is too large"
            case .fileLocking: return "the file is locked by another program"
            default: break
            }
            if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? Error { return describe(underlying) }
        }
        if nsError.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(nsError.code)) {
            return describe(posix: code)
        }
        if let posix = error as? POSIXError { return describe(posix: posix.code) }
        if nsError.domain == NSCocoaErrorDomain { return "the file operation failed (error \(nsError.code))" }
        return String(describing: error)
    }

    static func describe(posix code: POSIXErrorCode) -> String {
        switch code {
        case .ENOENT: return "the file or folder does not exist"
        case .EACCES, .EPERM: return "permission is denied"
        case .EROFS: return "the disk is read-only"
        case .ENOSPC: return "the disk is full"
        case .EISDIR: return "it is a folder, not a file"
        case .ENOTDIR: return "a part of the path is a file, not a folder"
        case .ENAMETOOLONG: return "the file name is too long"
        case .EEXIST: return "a file of that name is in the way"
        default: return "the operation failed (\(String(cString: strerror(code.rawValue))))"
        }
    }
}
