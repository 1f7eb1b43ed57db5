import Foundation
import IndexCore
import IndexStore
import PortalAudit

/// What an index season does — load its inputs, import submissions, compute and store runs,
/// check, report, audit, estimate uncertainty, crawl portals — as async functions with typed
/// results, for the `ictindex` command line and the web server alike.
///
/// A service prints nothing, never exits the process and keeps no global state: every result is
/// returned, every problem thrown as a ``SeasonError``. Relative paths are resolved against the
/// process's working directory, as a command line expects.
///
/// Where an operation takes a methodology, a unit registry, a checklist folder or a tile grid,
/// `nil` means the copy bundled in the tool (``StandardLibrary``), and a text is a file path, or —
/// when no such file exists — the id or repository path of a bundled file
/// (`vn-it-application-2019`, `Indicators/units`).
public struct SeasonService: Sendable {
    /// The standard files the service falls back to.
    public var library: StandardLibrary

    /// A service over the files bundled in the tool.
    public init(library: StandardLibrary = .bundled) {
        self.library = library
    }

    /// A methodology from a file, or from the library by id or repository path.
    public func methodology(_ reference: String) throws(SeasonError) -> (methodology: Methodology, content: String) {
        if FileManager.default.fileExists(atPath: reference) {
            return try SeasonError.capture {
                let url = URL(fileURLWithPath: reference)
                let content = try String(contentsOf: url, encoding: .utf8)
                return (try MethodologyLoader.load(yaml: content, fileName: url.relativePath), content)
            }
        }
        guard let file = library.methodologyFile(reference) else {
            let ids = ((try? library.methodologies()) ?? []).map(\.methodology.id)
            throw .invalidInput([Diagnostic(.missingData, .noSuchMethodology(bundled: ids), at: SourceLocation(file: reference))])
        }
        return try SeasonError.capture { (try MethodologyLoader.load(yaml: file.text, fileName: file.path), file.text) }
    }

    /// The unit registry: the workspace's, else the one at `path` (a file, a folder of files, or
    /// a bundled folder), else the bundled one.
    public func registry(workspace: Workspace? = nil, path: String? = nil) throws(SeasonError) -> UnitRegistry {
        if let workspace { return try SeasonError.capture { try workspace.store.registry() } }
        guard let path else { return try library.registry() }
        if !FileManager.default.fileExists(atPath: path), let bundled = try library.registry(at: path) { return bundled }
        return try SeasonError.capture { try UnitRegistry.load(contentsOf: URL(fileURLWithPath: path)) }
    }

    /// The portal checklists of a folder, or the bundled ones.
    public func checklists(path: String? = nil) throws(SeasonError) -> [Checklist] {
        guard let path else { return try library.checklists() }
        if !FileManager.default.fileExists(atPath: path), let bundled = try library.checklists(at: path) { return bundled }
        return try SeasonError.capture { try Checklist.loadAll(from: URL(fileURLWithPath: path)) }
    }

    /// Opens the workspace in a directory.
    /// - Parameters:
    ///   - path: the workspace directory.
    ///   - access: `.readWrite` for operations that write (import, crawl); operations that only
    ///     read (compute, history, export, report) pass `.automatic`, which opens a workspace the
    ///     user may not write to read-only instead of failing.
    public func openWorkspace(_ path: String, access: Workspace.Access = .readWrite) throws(SeasonError) -> Workspace {
        try SeasonError.capture { try Workspace.open(URL(fileURLWithPath: path), access: access) }
    }
}
