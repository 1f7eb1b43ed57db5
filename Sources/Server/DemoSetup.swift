import Foundation
import IndexCore
import Platform

/// `serve --demo`: Platform's demo seeding, once per workspace.
public enum DemoSetup {
    /// What `serve --demo` found and did on the workspace.
    public enum Outcome: Sendable {
        /// The demo was seeded now: the credentials, to print this once.
        case seeded(DemoSeed)
        /// The workspace has the demo's accounts already (seeded before): nothing was changed.
        case alreadySeeded
    }

    /// Seeds the demo unless it was seeded before (accounts of other domains do not count: the
    /// README's tour adds one before it serves the demo).
    public static func prepare(_ platform: Platform) async throws -> Outcome {
        guard !(try await platform.users().contains { $0.email.hasSuffix(Platform.demoDomain) }) else { return .alreadySeeded }
        return .seeded(try await platform.seedDemo())
    }

    /// The demo accounts as the terminal shows them, once, in `language`.
    public static func credentialsText(_ seed: DemoSeed, language: Language) -> String {
        var lines = [Message.demoSeeded(seed.season.period).text(in: language)]
        let rows = seed.credentials.map { credential in
            [credential.account.role.rawValue, credential.account.unit ?? "", credential.account.email, credential.password]
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append("  " + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }
}
