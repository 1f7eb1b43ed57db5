import ArgumentParser
import Foundation
import IndexCore
import IndexStore
import Platform
import Season

struct Init: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a workspace: a config file naming its methodologies and one SQLite database with the unit registry.",
        discussion: """
        A bundled methodology or registry is copied into the workspace, so that it works in an empty folder and keeps the text it computes with.

        Examples:
          ictindex init ws
          ictindex init ws --methodology vn-it-application-2019 --registry my-units/
        """
    )

    @OptionGroup var languageOption: LanguageOption

    @Argument(help: "The directory to create the workspace in.")
    var directory: String = "."

    @Option(name: .customLong("methodology"), help: "A methodology the workspace uses: a file or a bundled id (repeatable; default: vn-it-application-2019).")
    var methodologies: [String] = ["vn-it-application-2019"]

    @Option(help: "The unit registry: a directory of YAML files or one file (default: the bundled registry).")
    var registry: String?

    func run() async throws {
        let created = try await season.createWorkspace(at: directory, methodologies: methodologies, registry: registry)
        print(Message.workspaceCreated(directory, config: Workspace.configFileName, database: created.workspace.configuration.database, units: created.units, methodologies: methodologies.count).text(in: lang))
    }
}

struct Import: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import survey answers (CSV, JSON, filled .xlsx forms) into a workspace.",
        discussion: """
        Every answer is checked against the methodology first (type, range, cross-field constraints, \
        known units); if anything is wrong, all problems are listed and nothing is written. An import \
        is one transaction. Importing the same answers again changes nothing; new answers for the same \
        unit and period supersede the earlier ones, which stay in the history.

        Examples:
          ictindex import --workspace ws Examples/vn-it-application/survey-2019.csv
          ictindex import --workspace ws ha-noi.xlsx --dry-run
        """
    )

    @OptionGroup var languageOption: LanguageOption

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
            print(Message.importEntry(superseding: entry.action == .supersede, dryRun: dryRun, unit: entry.unitID, period: entry.period, answers: entry.observations, file: entry.fileName, replaces: entry.replaces.map(Int.init)).text(in: lang))
            if entry.action == .supersede { for line in AnswerChange.lines(entry.changes, in: lang) { print(line) } }
        }
        print(Message.importSummary(new: report.count(.new), superseding: report.count(.supersede), unchanged: report.count(.unchanged), answers: report.observationsWritten, dryRun: dryRun).text(in: lang))
    }
}

struct History: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a unit's record in a workspace: its index and rank per period, and every submission (superseded ones too).",
        discussion: """
        A name that several units bore (before and after the 2025 merger) needs the id or --period, \
        which also limits the output to that period.

        Examples:
          ictindex history --workspace ws --unit "Ha Noi"
          ictindex history --workspace ws --unit "Ca Mau" --period 2025
          ictindex history --workspace ws --unit thua-thien-hue --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var languageOption: LanguageOption

    @Option(help: "The unit: id or name, with or without diacritics.")
    var unit: String

    @Option(help: "The workspace directory.")
    var workspace: String = "."

    @Option(help: "Only this period (it also tells apart units that bore the same name).")
    var period: Int?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() async throws {
        let history = try await season.history(UnitHistoryRequest(workspace: workspace, unit: unit, period: period))
        // The web platform's changes to the unit (drafts, submissions, reviews): who, when, what.
        let trail = try await Platform.auditTrail(workspace: workspace, unit: history.unit.id)
        switch format {
        case .text:
            print(history.text(in: lang), terminator: "")
            if !trail.isEmpty {
                print(Message.platformAuditTrail.text(in: lang))
                for entry in trail {
                    print("  \(ISO8601DateFormatter().string(from: entry.at))  \(entry.period.map(String.init) ?? "-")  \(entry.action)  \(entry.actor)" + (entry.after.map { "  \($0)" } ?? ""))
                }
            }
        case .json: print(history.json.rendered())
        }
    }
}
