import ArgumentParser
import Foundation
import IndexCore
import Platform
import Season

/// The `ictindex` command: compute, explain and validate composite e-government indexes.
struct ICTIndex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ictindex",
        abstract: "Compute, explain and validate e-government indexes (chỉ số ứng dụng CNTT, ICT Index, DTI, EGDI).",
        discussion: """
        Exit codes: 0 success, 1 invalid input (the problems are listed), 2 usage error, 3 a threshold \
        failed ('check', or 'crawl --fail-under').
        Language: --lang vi|en on every command, else ICTINDEX_LANG, else Vietnamese.
        The standard methodologies, checklists and unit registry are built in ('ictindex methodologies' lists them).
        Documentation: docs/ in the repository; the methodology language: docs/methodology-language.md.
        """,
        version: "0.1.0",
        subcommands: [Compute.self, Explain.self, Validate.self, Methodologies.self, Init.self, Import.self, History.self, Export.self, Form.self, Report.self, Assess.self, Check.self, AuditCommand.self, UncertaintyCommand.self, Crawl.self, Users.self, Backup.self, Serve.self]
    )
}

/// The service every command calls: the application library over the bundled standard files.
let season = SeasonService()

/// Runs the command and maps failures to the documented exit codes.
@main
enum Main {
    static func main() async {
        MemoryPolicy.returnLargeBlocksToTheSystem() // large blocks back to the system when freed (docs/benchmarks.md, "Scale")
        let command: ParsableCommand
        do {
            command = try ICTIndex.parseAsRoot()
        } catch {
            // Help and version requests are "errors" that exit 0; real usage errors exit 2.
            if ICTIndex.exitCode(for: error) == .success { ICTIndex.exit(withError: error) }
            fail(ICTIndex.fullMessage(for: error), status: 2, prefix: "")
        }
        // Errors are told in the command's language (`--lang`, else ICTINDEX_LANG, else vi),
        // which LanguageOption recorded when the command was parsed.
        let language = LanguageOption.chosen
        do {
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                var synchronous = command
                try synchronous.run()
            }
        } catch let error as SeasonError {
            switch error {
            case .usage(let message): fail(message.text(in: language), status: 2)
            case .invalidInput: fail(error.description(in: language), status: 1)
            }
        } catch let error as DiagnosticError {
            fail(error.description(in: language), status: 1)
        } catch let error as PlatformError {
            fail(error.text[language], status: 1)
        } catch let error as ValidationError {
            fail(error.message, status: 2)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch {
            // A command with subcommands asks for help by throwing a clean exit.
            if ICTIndex.exitCode(for: error) == .success { ICTIndex.exit(withError: error) }
            // Anything else (a file that cannot be written, …) is told in words, with its path.
            fail(SeasonError(error).description(in: language), status: 1)
        }
    }

    static func fail(_ message: String, status: Int32, prefix: String = "error: ") -> Never {
        FileHandle.standardError.write(Data((prefix + message + "\n").utf8))
        exit(status)
    }
}
