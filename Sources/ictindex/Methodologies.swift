import ArgumentParser
import Foundation
import IndexCore
import Reports
import Season

/// `ictindex methodologies`: what is built into the tool.
struct Methodologies: ParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the methodologies built into ictindex (usable by id anywhere), with the checklists and registry it carries.",
        discussion: """
        Each can be named by its id or its repository path (Indicators/…); a file of the same path in the current folder takes precedence.

        Examples:
          ictindex methodologies
          ictindex methodologies --lang en
        """
    )

    @OptionGroup var languageOption: LanguageOption

    func run() throws {
        let library = season.library
        var table = TextTable(headers: lang == .vi ? Message.methodologiesHeaders.vi : Message.methodologiesHeaders.en, alignments: [.left, .left, .left, .left, .left, .left])
        for entry in try library.methodologies() {
            let m = entry.methodology
            let provenance = Message.methodologyProvenance(sources: m.sources.map(\.id), published: entry.publishedNodes, reconstructed: entry.reconstructedNodes).text(in: lang)
            table.append([m.id, m.title[lang], m.edition, m.blocks.map(\.id).joined(separator: ", "), provenance, entry.file.path])
        }
        print(table.rendered())
        let checklists = try library.checklists().map { Message.checklistValidFrom($0.id, from: "\($0.validFrom)").text(in: lang) }
        print("\n" + Message.portalChecklists(checklists).text(in: lang))
        let registry = try library.registry()
        print(Message.registrySummary(units: registry.units.count, folder: StandardLibrary.registryFolder).text(in: lang))
    }
}
