import ArgumentParser
import Foundation
import IndexCore

/// The `ictindex` command: compute, explain and validate composite e-government indexes.
struct ICTIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ictindex",
        abstract: "Compute, explain and validate e-government indexes (chỉ số ứng dụng CNTT, ICT Index, DTI, EGDI).",
        discussion: """
        Exit codes: 0 success, 1 invalid input (the problems are listed), 2 usage error.
        Documentation: docs/ in the repository; the methodology language: docs/methodology-language.md.
        """,
        version: "0.1.0",
        subcommands: [Compute.self, Explain.self, Validate.self, Init.self, Import.self, History.self, Export.self, Form.self, Report.self, Assess.self, Check.self, AuditCommand.self, UncertaintyCommand.self, Crawl.self]
    )
}

/// Runs the command and maps failures to the documented exit codes.
@main
enum Main {
    static func main() {
        let command: ParsableCommand
        do {
            command = try ICTIndex.parseAsRoot()
        } catch {
            // Help and version requests are "errors" that exit 0; real usage errors exit 2.
            if ICTIndex.exitCode(for: error) == .success { ICTIndex.exit(withError: error) }
            FileHandle.standardError.write(Data((ICTIndex.fullMessage(for: error) + "\n").utf8))
            exit(2)
        }
        do {
            var runnable = command
            try runnable.run()
        } catch let error as DiagnosticError {
            FileHandle.standardError.write(Data(("error: " + error.description + "\n").utf8))
            exit(1)
        } catch let error as ValidationError {
            FileHandle.standardError.write(Data(("error: \(error.message)\n").utf8))
            exit(2)
        } catch {
            // A command with subcommands asks for help by throwing a clean exit.
            if ICTIndex.exitCode(for: error) == .success { ICTIndex.exit(withError: error) }
            FileHandle.standardError.write(Data(("error: \(error)\n").utf8))
            exit(1)
        }
    }
}
