import ArgumentParser
import Foundation
import IndexCore
import IndexStore
import Intake

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a workspace: a config file naming its methodologies and one SQLite database with the unit registry."
    )

    @Argument(help: "The directory to create the workspace in.")
    var directory: String = "."

    @Option(name: .customLong("methodology"), help: "A methodology file the workspace uses (repeatable).")
    var methodologies: [String] = ["Indicators/vn-it-application/2019.yaml"]

    @Option(help: "The unit registry: a directory of YAML files or one file.")
    var registry: String = "Indicators/units"

    func run() throws {
        let url = URL(fileURLWithPath: directory)
        let workspace = try Workspace.create(at: url, methodologies: methodologies.map { URL(fileURLWithPath: $0) }, registry: URL(fileURLWithPath: registry))
        let units = try workspace.store.count("unit")
        print("workspace created in \(directory): \(Workspace.configFileName), \(workspace.configuration.database) (\(units) units, \(methodologies.count) methodolog\(methodologies.count == 1 ? "y" : "ies"))")
    }
}

struct Import: ParsableCommand {
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

    func run() throws {
        let opened = try Workspace.open(URL(fileURLWithPath: workspace))
        let (methodology, content) = try opened.methodology(self.methodology)
        let registry = try opened.store.registry()
        var submissions: [Submission] = []
        var problems: [Diagnostic] = []
        let methodologyHash = dryRun ? nil : try opened.store.storeMethodology(methodology, content: content)
        for file in files {
            let url = URL(fileURLWithPath: file)
            do {
                guard let bytes = FileManager.default.contents(atPath: url.path) else {
                    throw DiagnosticError([Diagnostic(.invalidValue, "cannot read the file", at: SourceLocation(file: file))])
                }
                let records = try registry.resolve(records: try SurveyReader.read(url), defaultPeriod: period)
                let answers = try SurveyValidator(methodology: methodology).validate(records)
                let sha = IndexStore.SHA256.hex(bytes)
                submissions += answers.map { Submission(answers: $0, period: $0.period!, fileName: file, fileSHA256: sha, methodologyHash: methodologyHash) }
            } catch let error as DiagnosticError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        let report = try opened.store.importSubmissions(submissions, dryRun: dryRun, afterEach: Self.interruptionForTests)
        for entry in report.entries where entry.action == .supersede || (verbose && entry.action == .new) {
            let verb = entry.action == .new ? (dryRun ? "would add" : "added") : (dryRun ? "would supersede" : "superseded")
            print("\(verb) \(entry.unitID) \(entry.period): \(entry.observations) answers from \(entry.fileName)" + (entry.replaces.map { " (replacing submission \($0))" } ?? ""))
        }
        let summary = "\(report.count(.new)) new, \(report.count(.supersede)) superseding, \(report.count(.unchanged)) unchanged; \(report.observationsWritten) answers"
        print(dryRun ? "dry run: \(summary) would be written; nothing was written" : "imported: \(summary)")
    }
}

extension Import {
    /// For tests only: `ICTINDEX_TEST_KILL_AFTER=N` kills the process with SIGKILL after N
    /// submissions are written inside the import's transaction, to prove that a killed import
    /// leaves the store as it was.
    static let interruptionForTests: (@Sendable (Int) throws -> Void)? = {
        guard let text = ProcessInfo.processInfo.environment["ICTINDEX_TEST_KILL_AFTER"], let limit = Int(text) else { return nil }
        return { written in if written >= limit { kill(getpid(), SIGKILL) } }
    }()
}

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List a unit's submissions, including superseded ones.")

    @Option(help: "The unit: id or name, with or without diacritics.")
    var unit: String

    @Option(help: "The workspace directory.")
    var workspace: String = "."

    func run() throws {
        let opened = try Workspace.open(URL(fileURLWithPath: workspace), access: .automatic)
        let registry = try opened.store.registry()
        let found = try registry.resolve(unit)
        let records = try opened.store.history(unitID: found.id)
        print("\(found.name) (\(found.id))")
        if records.isEmpty { print("no submissions"); return }
        for record in records {
            let status = record.status == "active" ? "active" : "superseded by \(record.supersededBy.map(String.init) ?? "?")"
            print("  #\(record.id)  \(record.period)  \(status)  \(record.observations) answers  \(record.fileName)  sha256 \(record.fileSHA256.prefix(12))  \(record.importedAt)")
        }
    }
}
