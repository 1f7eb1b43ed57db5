import Foundation
import IndexCore

/// Paths inside the repository, found from this file so tests run from any directory.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// A fresh empty directory outside the repository, removed by the caller.
func temporaryDirectory(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

extension BlockResult {
    /// The index of a unit by id.
    func value(_ unitID: String) -> Double { index[unitIndex(unitID)!] }
    /// The rank of a unit by id.
    func rankOf(_ unitID: String) -> Int { rank[plan.rootIndex][unitIndex(unitID)!] }
}
