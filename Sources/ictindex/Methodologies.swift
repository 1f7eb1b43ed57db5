import ArgumentParser
import Foundation
import IndexCore
import Reports
import Season

/// `ictindex methodologies`: what is built into the tool.
struct Methodologies: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the methodologies built into ictindex (usable by id anywhere), with the checklists and registry it carries.",
        discussion: "Each can be named by its id or its repository path (Indicators/…); a file of the same path in the current folder takes precedence."
    )

    @Option(help: "Language of the titles: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let library = season.library
        var table = TextTable(headers: ["id", "title", "edition", "blocks", "provenance", "path"], alignments: [.left, .left, .left, .left, .left, .left])
        for entry in try library.methodologies() {
            let m = entry.methodology
            let provenance = "\(m.sources.map(\.id).joined(separator: ", ")); nodes: \(entry.publishedNodes) published, \(entry.reconstructedNodes) reconstructed"
            table.append([m.id, m.title[lang], m.edition, m.blocks.map(\.id).joined(separator: ", "), provenance, entry.file.path])
        }
        print(table.rendered())
        let checklists = try library.checklists().map { "\($0.id) (from \($0.validFrom))" }
        print("\nportal checklists: \(checklists.joined(separator: ", "))")
        let registry = try library.registry()
        print("unit registry: \(registry.units.count) units (\(StandardLibrary.registryFolder))")
    }
}
