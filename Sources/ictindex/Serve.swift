import ArgumentParser
import Foundation
import IndexCore
import Platform
import Server

struct Serve: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the season on the web: forms, submissions, reviews, publication, and the JSON API (/api/v1).",
        discussion: """
        The workspace holds the accounts, drafts and audit trail ('ictindex users add' creates \
        accounts). The server listens on 127.0.0.1 by default; to serve other machines, put a \
        reverse proxy with TLS in front and pass --secure-cookies (docs/server.md). Stop it with Ctrl-C.

        Example, after the README's tour created the workspace 'season':
          ictindex serve --workspace season --demo
        """
    )

    @OptionGroup var languageOption: LanguageOption

    @Option(help: "The workspace folder.")
    var workspace: String

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    // A UInt16: ArgumentParser itself refuses a port outside 0–65535 (its own error).
    @Option(help: "The TCP port (0: any free port).")
    var port: UInt16 = 8080

    @Flag(help: "On a workspace without accounts: open the season of the example answers and create demo accounts (printed once).")
    var demo = false

    @Flag(help: "Mark the session cookie Secure (behind a TLS-terminating reverse proxy).")
    var secureCookies = false

    @Flag(help: "Take the client address from X-Forwarded-For (only behind a proxy that sets it).")
    var trustForwardedFor = false

    func run() async throws {
        let configuration = ServerConfiguration(
            workspace: workspace, host: host, port: Int(port), demo: demo,
            secureCookies: secureCookies, trustForwardedFor: trustForwardedFor)
        let platform = try Platform(workspace: workspace)
        if demo {
            switch try await DemoSetup.prepare(platform) {
            case .seeded(let seed): print(DemoSetup.credentialsText(seed, language: lang))
            case .alreadySeeded: print(Message.demoSeededBefore.text(in: lang))
            }
            // Into a file or pipe stdout is block-buffered: show the accounts now.
            fflush(nil)
        }
        let host = self.host, language = lang
        let application = try await makeApplication(configuration, platform: platform) { port in
            print(Message.serving(workspace, at: "http://\(host):\(port)/").text(in: language))
            fflush(nil)
        }
        try await application.runService()
    }
}
