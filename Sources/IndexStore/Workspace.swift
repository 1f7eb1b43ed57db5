import Foundation
import IndexCore
import Yams

/// A workspace: a directory with a small config file (`ictindex.yaml`) naming its methodologies
/// and unit registry, and one SQLite database. `ictindex init` creates one; the other commands
/// find it with `--workspace DIR` (default: the current directory).
public final class Workspace: Sendable {
    /// The name of the configuration file that marks a folder as a workspace.
    public static let configFileName = "ictindex.yaml"

    /// The workspace folder; paths in the configuration are relative to it.
    public let directory: URL
    /// What `ictindex.yaml` says.
    public let configuration: Configuration
    /// The workspace database.
    public let store: Store

    /// What `ictindex.yaml` holds. Paths are relative to the workspace directory.
    public struct Configuration: Sendable, Hashable {
        /// The SQLite file, relative to the workspace folder (default `ictindex.sqlite`).
        public var database: String
        /// The methodology files, relative to the workspace folder (`init` copies the bundled one
        /// into `methodologies/`).
        public var methodologies: [String]
        /// The unit registry folder, relative to the workspace folder; `nil`: none (names are
        /// resolved from the answers alone).
        public var registry: String?

        /// A configuration with these paths, relative to the workspace folder.
        public init(database: String = "ictindex.sqlite", methodologies: [String], registry: String?) {
            self.database = database
            self.methodologies = methodologies
            self.registry = registry
        }

        var yaml: String {
            var lines = [
                "# ictindex workspace. Paths are relative to this file's directory.",
                "database: \(database)",
                "methodologies:",
            ]
            lines += methodologies.map { "  - \($0)" }
            if let registry { lines.append("registry: \(registry)") }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// How a command opens a workspace.
    public enum Access: Sendable {
        /// To write (`import`, `init`): a read-only workspace is an error saying so.
        case readWrite
        /// Only to read, whatever the permissions.
        case readOnly
        /// To read and write where the database and its folder can be written, else read-only
        /// (`compute`, `history`, `export`, `report`: they work on an archived, read-only season;
        /// `compute` then does not record its run).
        case automatic
    }

    init(directory: URL, configuration: Configuration, access: Store.Access) throws {
        self.directory = directory
        self.configuration = configuration
        store = try Store(path: directory.appendingPathComponent(configuration.database).path, access: access)
    }

    /// Whether the workspace was opened read-only.
    public var isReadOnly: Bool { store.isReadOnly }

    /// Creates a workspace in `directory`: writes the config, creates the database and loads the
    /// unit registry into it. Fails if a workspace already exists there.
    public static func create(at directory: URL, methodologies: [URL], registry: URL?) throws -> Workspace {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        let configURL = directory.appendingPathComponent(configFileName)
        if fileManager.fileExists(atPath: configURL.path) {
            throw DiagnosticError([Diagnostic(.invalidValue, .workspaceExists, at: SourceLocation(file: configURL.relativePath))])
        }
        // Check every input before writing anything.
        for url in methodologies { _ = try MethodologyLoader.load(contentsOf: url) }
        let units = try registry.map(UnitRegistry.load)
        let configuration = Configuration(
            methodologies: methodologies.map { relativePath(of: $0, from: directory) },
            registry: registry.map { relativePath(of: $0, from: directory) }
        )
        let workspace = try Workspace(directory: directory, configuration: configuration, access: .create)
        if let units { try workspace.store.replaceRegistry(units) }
        try configuration.yaml.write(to: configURL, atomically: true, encoding: .utf8)
        return workspace
    }

    /// Opens the workspace in `directory`. Its database must exist: a missing, empty or damaged
    /// `ictindex.sqlite` is an error naming the file, never replaced by a new one.
    public static func open(_ directory: URL, access: Access = .readWrite) throws -> Workspace {
        let configURL = directory.appendingPathComponent(configFileName)
        guard let text = try? String(contentsOf: configURL, encoding: .utf8) else {
            throw DiagnosticError([Diagnostic(.missingData, .noWorkspaceHere(configFile: configFileName), at: SourceLocation(file: directory.relativePath))])
        }
        let reader = YAMLReader(file: configURL.relativePath)
        let root = try? Yams.compose(yaml: text)
        guard let map = reader.mapping(root, .theWorkspaceConfiguration, allowed: ["database", "methodologies", "registry"], required: ["methodologies"]) else {
            try reader.collector.throwIfAny()
            throw DiagnosticError([Diagnostic(.syntax, .workspaceConfigUnreadable, at: SourceLocation(file: configURL.relativePath))])
        }
        let configuration = Configuration(
            database: map["database"].flatMap { reader.string($0, .key("database")) } ?? "ictindex.sqlite",
            methodologies: reader.sequence(map["methodologies"], .key("methodologies")).compactMap { reader.string($0, .key("methodology")) },
            registry: map["registry"].flatMap { reader.string($0, .key("registry")) }
        )
        try reader.collector.throwIfAny()
        let databasePath = directory.appendingPathComponent(configuration.database).path
        let storeAccess: Store.Access
        switch access {
        case .readWrite:
            if FileManager.default.fileExists(atPath: databasePath), !isWritable(database: databasePath) {
                throw DiagnosticError([Diagnostic(.invalidValue, Store.readOnlyMessage, at: SourceLocation(file: databasePath))])
            }
            storeAccess = .readWrite
        case .readOnly: storeAccess = .readOnly
        case .automatic: storeAccess = isWritable(database: databasePath) ? .readWrite : .readOnly
        }
        return try Workspace(directory: directory, configuration: configuration, access: storeAccess)
    }

    /// Whether SQLite can write the database: the file and its folder (for the WAL and
    /// shared-memory files) are writable.
    static func isWritable(database path: String) -> Bool {
        let manager = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        return manager.isWritableFile(atPath: path) && manager.isWritableFile(atPath: folder.isEmpty ? "." : folder)
    }

    /// How a methodology file's text becomes a methodology: IndexCore's `MethodologyLoader` by default; a
    /// long-running process (the web platform) passes a cache of its results keyed by the text.
    public typealias MethodologyLoading = @Sendable (_ yaml: String, _ fileName: String) throws -> Methodology

    /// Parses every time: `MethodologyLoader.load(yaml:fileName:)`.
    public static let parsing: MethodologyLoading = { try MethodologyLoader.load(yaml: $0, fileName: $1) }

    /// The workspace's methodologies, loaded (each file read again on every call, so that an
    /// edited file is seen; `loading` turns each text into its methodology).
    public func methodologies(loading load: MethodologyLoading = Workspace.parsing) throws -> [(methodology: Methodology, content: String)] {
        try configuration.methodologies.map { path in
            let url = URL(fileURLWithPath: path, relativeTo: directory)
            let content: String
            do {
                content = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw DiagnosticError([Diagnostic(.invalidValue, .cannotReadWorkspaceMethodology(configFile: Self.configFileName, reason: FileProblem.describe(error)), at: SourceLocation(file: url.relativePath))])
            }
            return (try load(content, url.relativePath), content)
        }
    }

    /// The methodology to use: the one with `id` (or file path), or the only/first one.
    public func methodology(_ id: String? = nil, loading load: MethodologyLoading = Workspace.parsing) throws -> (methodology: Methodology, content: String) {
        let all = try methodologies(loading: load)
        if let id {
            if let match = all.first(where: { $0.methodology.id == id || $0.methodology.fileName.hasSuffix(id) }) { return match }
            throw DiagnosticError([Diagnostic(.invalidValue, .workspaceHasNoMethodology(id, has: all.map(\.methodology.id)))])
        }
        guard let first = all.first else { throw DiagnosticError([Diagnostic(.missingData, .workspaceNamesNoMethodology)]) }
        return first
    }

    static func relativePath(of url: URL, from directory: URL) -> String {
        let target = url.standardizedFileURL.pathComponents, base = directory.standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        return (Array(repeating: "..", count: base.count - common) + target[common...]).joined(separator: "/")
    }
}
