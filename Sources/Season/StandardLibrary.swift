import Foundation
import IndexCore
import PortalAudit

/// The standard files that ship inside ictindex — the methodologies, the portal checklists, the
/// unit registry and the province tile grid — so that the tool works from any folder.
///
/// Their editable source is the repository's `Indicators/` and `Reports/templates/` folders; the
/// binary carries a copy as generated Swift source (`BundledFiles.generated.swift`, written by
/// `scripts/generate-bundled-files`). A bundled file is named by its repository path, e.g.
/// `Indicators/vn-it-application/2019.yaml`, and a bundled methodology also by its id,
/// e.g. `vn-it-application-2019`.
public struct StandardLibrary: Sendable {
    /// One bundled file: its repository path and its text.
    public struct File: Sendable, Hashable {
        /// The file's path in the repository, e.g. `Indicators/units/provinces.yaml`.
        public var path: String
        /// The file's exact text.
        public var text: String
    }

    /// One bundled methodology, loaded, with what `ictindex methodologies` lists about it.
    public struct MethodologyEntry: Sendable {
        /// The bundled file.
        public var file: File
        /// The methodology, loaded and checked.
        public var methodology: Methodology
        /// How many indicator-tree nodes are published as such and how many reconstructed.
        public var publishedNodes: Int
        /// How many are reconstructed (the structure's rules were not recoverable as published).
        public var reconstructedNodes: Int
    }

    /// Every bundled file, by repository path.
    public let files: [File]

    /// The files compiled into this binary.
    public static let bundled = StandardLibrary(files: BundledFiles.all.map { File(path: $0.path, text: $0.text) })

    /// A library of the given files (tests use other ones).
    public init(files: [File]) {
        self.files = files.sorted { $0.path < $1.path }
    }

    /// Whether a bundled file is a methodology: a YAML file under `Indicators/` that is neither
    /// the registry's nor a checklist (so a new family's folder needs no code change).
    static func isMethodology(_ path: String) -> Bool {
        path.hasPrefix("Indicators/") && path.hasSuffix(".yaml")
            && !path.hasPrefix(registryFolder + "/") && !path.hasPrefix(checklistFolder + "/")
    }
    /// The repository folder of the unit registry.
    public static let registryFolder = "Indicators/units"
    /// The repository folder of the portal checklists.
    public static let checklistFolder = "Indicators/portal"
    /// The repository path of the province tile-grid layout.
    public static let tileGridPath = "Reports/templates/vn-provinces-tilegrid.csv"

    /// The bundled files under a repository folder (or the one file of that path).
    public func files(at path: String) -> [File] {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return files.filter { $0.path == trimmed || $0.path.hasPrefix(trimmed + "/") }
    }

    /// The bundled methodologies, loaded, sorted by id.
    public func methodologies() throws(SeasonError) -> [MethodologyEntry] {
        let candidates = files.filter { Self.isMethodology($0.path) }
        return try SeasonError.capture {
            try candidates.map { file in
                let methodology = try MethodologyLoader.load(yaml: file.text, fileName: file.path)
                let nodes = methodology.allNodes
                return MethodologyEntry(
                    file: file, methodology: methodology,
                    publishedNodes: nodes.filter { $0.provenance == .published }.count,
                    reconstructedNodes: nodes.filter { $0.provenance == .reconstructed }.count
                )
            }.sorted { $0.methodology.id < $1.methodology.id }
        }
    }

    /// The bundled methodology file with this id (`vn-it-application-2019`) or repository path.
    public func methodologyFile(_ reference: String) -> File? {
        if let byPath = files.first(where: { $0.path == reference }), Self.isMethodology(byPath.path) {
            return byPath
        }
        return (try? methodologies())?.first { $0.methodology.id == reference }?.file
    }

    /// The bundled unit registry (every file of `Indicators/units`).
    public func registry() throws(SeasonError) -> UnitRegistry {
        try registry(at: Self.registryFolder)!
    }

    /// The unit registry of a bundled folder or file, or `nil` if nothing is bundled there.
    func registry(at path: String) throws(SeasonError) -> UnitRegistry? {
        let found = files(at: path).filter { $0.path.hasSuffix(".yaml") }
        guard !found.isEmpty else { return nil }
        return try SeasonError.capture { try UnitRegistry.load(files: found.map { ($0.path, $0.text) }) }
    }

    /// The bundled portal checklists, sorted by the date they come into force.
    public func checklists() throws(SeasonError) -> [Checklist] {
        try checklists(at: Self.checklistFolder)!
    }

    /// The checklists of a bundled folder, or `nil` if nothing is bundled there.
    func checklists(at path: String) throws(SeasonError) -> [Checklist]? {
        let found = files(at: path).filter { $0.path.hasSuffix(".yaml") }
        guard !found.isEmpty else { return nil }
        // Named by file name, as `Checklist.loadAll` names the files of a folder.
        return try SeasonError.capture {
            try found.map { try Checklist.load(yaml: $0.text, fileName: URL(fileURLWithPath: $0.path).lastPathComponent) }.sorted { $0.validFrom < $1.validFrom }
        }
    }

    /// The text of the province tile-grid layout.
    public var tileGrid: String? { files.first { $0.path == Self.tileGridPath }?.text }
}
