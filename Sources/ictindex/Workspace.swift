import ArgumentParser
import Foundation
import IndexStore
import Platform
import Season

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a workspace: a config file naming its methodologies and one SQLite database with the unit registry.",
        discussion: "A bundled methodology or registry is copied into the workspace, so that it works in an empty folder and keeps the text it computes with."
    )

    @Argument(help: "The directory to create the workspace in.")
    var directory: String = "."

    @Option(name: .customLong("methodology"), help: "A methodology the workspace uses: a file or a bundled id (repeatable; default: vn-it-application-2019).")
    var methodologies: [String] = ["vn-it-application-2019"]

    @Option(help: "The unit registry: a directory of YAML files or one file (default: the bundled registry).")
    var registry: String?

    func run() async throws {
        let created = try await season.createWorkspace(at: directory, methodologies: methodologies, registry: registry)
        print("workspace created in \(directory): \(Workspace.configFileName), \(created.workspace.configuration.database) (\(created.units) units, \(methodologies.count) methodolog\(methodologies.count == 1 ? "y" : "ies"))")
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import survey answers (CSV, JSON, filled .xlsx forms) into a workspace.",
        discussion: """
        Every answer is checked against the methodology first (type, range, cross-field constraints, \
        known units); if anything is wrong, all problems are listed and nothing is written. An import \
        is one transaction. Importing the same answers again changes nothing; new answers for the same \
        unit and period supersede the earlier ones, which stay in the history.
        """
    )

    @Argument(help: "The files to import.")
    var files: [String]

    @Option(help: "The workspace directory.")
    var workspace: String = "."

    @Option(help: "The methodology (id or file of the workspace) to check the answers against.")
    var methodology: String?

    @Option(help: "The period of records that do not say.")
    var period: Int?

    @Flag(help: "Show what would change without writing anything.")
    var dryRun = false

    @Flag(help: "List every submission, not only those that supersede earlier ones.")
    var verbose = false

    func run() async throws {
        let report = try await season.importFiles(ImportRequest(files: files, workspace: workspace, methodology: methodology, period: period, dryRun: dryRun))
        for entry in report.entries where entry.action == .supersede || (verbose && entry.action == .new) {
            let verb = entry.action == .new ? (dryRun ? "would add" : "added") : (dryRun ? "would supersede" : "superseded")
            print("\(verb) \(entry.unitID) \(entry.period): \(entry.observations) answers from \(entry.fileName)" + (entry.replaces.map { " (replacing submission \($0))" } ?? ""))
        }
        let summary = "\(report.count(.new)) new, \(report.count(.supersede)) superseding, \(report.count(.unchanged)) unchanged; \(report.observationsWritten) answers"
        print(dryRun ? "dry run: \(summary) would be written; nothing was written" : "imported: \(summary)")
    }
}

struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List a unit's submissions, including superseded ones, and its audit trail on the web platform.")

    @Option(help: "The unit: id or name, with or without diacritics.")
    var unit: String

    @Option(help: "The workspace directory.")
    var workspace: String = "."

    func run() async throws {
        let (found, records) = try await season.history(workspace: workspace, unit: unit)
        print("\(found.name) (\(found.id))")
        if records.isEmpty { print("no submissions") }
        for record in records {
            let status = record.status == "active" ? "active" : "superseded by \(record.supersededBy.map(String.init) ?? "?")"
            print("  #\(record.id)  \(record.period)  \(status)  \(record.observations) answers  \(record.fileName)  sha256 \(record.fileSHA256.prefix(12))  \(record.importedAt)")
        }
        // The web platform's changes to the unit (drafts, submissions, reviews): who, when, what.
        let trail = try await Platform.auditTrail(workspace: workspace, unit: found.id)
        if !trail.isEmpty {
            print("audit trail")
            for entry in trail {
                print("  \(ISO8601DateFormatter().string(from: entry.at))  \(entry.period.map(String.init) ?? "-")  \(entry.action)  \(entry.actor)" + (entry.after.map { "  \($0)" } ?? ""))
            }
        }
    }
}
