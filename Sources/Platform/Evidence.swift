import Foundation

/// The evidence file types accepted, recognised by their content (magic bytes and, for the
/// Office formats, the ZIP parts they must have), never by the name the user gave.
enum EvidenceType: String, Sendable, CaseIterable {
    case pdf, png, jpeg, xlsx, docx

    var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }

    /// The type of `data`, or `nil` when it is none of the accepted ones.
    static func sniff(_ data: Data) -> EvidenceType? {
        let bytes = [UInt8](data.prefix(8))
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // An Office Open XML package names its main part in a local file header.
            if data.range(of: Data("[Content_Types].xml".utf8)) != nil {
                if data.range(of: Data("xl/workbook.xml".utf8)) != nil { return .xlsx }
                if data.range(of: Data("word/document.xml".utf8)) != nil { return .docx }
            }
        }
        return nil
    }

    /// What an unaccepted file looks like, for the error message.
    static func describe(_ data: Data) -> String {
        let bytes = [UInt8](data.prefix(4))
        if data.isEmpty { return "empty file" }
        // An accepted type where another is wanted (a PDF uploaded as the Excel form).
        if let type = sniff(data) { return "\(type.rawValue.uppercased()) content, not an Excel workbook" }
        if bytes.starts(with: [0x4D, 0x5A]) { return "a Windows program" }
        if bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) { return "a Linux program" }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "a ZIP archive that is not an XLSX or DOCX document" }
        return "unrecognised content"
    }
}

/// The workspace's evidence folder: files named by the SHA-256 of their content.
struct EvidenceFiles {
    let folder: URL

    init(workspace: URL) {
        folder = workspace.appendingPathComponent("evidence", isDirectory: true)
    }

    /// Writes `data` as `evidence/<sha256>` unless it is there already; written under a
    /// temporary name and renamed, so no half-written file is ever seen.
    func store(_ data: Data, sha256: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent(sha256)
        if FileManager.default.fileExists(atPath: target.path) { return }
        try data.write(to: target, options: .atomic)
    }

    /// The content of `evidence/<sha256>`, when the hash is well-formed and the file exists.
    func contents(sha256: String) -> Data? {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else { return nil }
        return FileManager.default.contents(atPath: folder.appendingPathComponent(sha256).path)
    }
}
