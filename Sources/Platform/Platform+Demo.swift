import Foundation
import IndexCore
import IndexStore

extension Platform {
    /// Seeds a demo on a workspace holding the example answers (`ictindex init` and `ictindex
    /// import` of `Examples/vn-it-application/survey-*.csv`): opens the season of the latest
    /// period with answers (deadline 30 days from now), opens, computes and publishes the period
    /// before it (so self-assessments have last year's published results to compare with), and
    /// creates an admin (`admin@demo.invalid`), a reviewer (`reviewer@demo.invalid`) and one
    /// submitter per unit with answers in the latest period (`<unit>@demo.invalid`).
    ///
    /// Returns every account with its password, to print once. Demo submitters' passwords are
    /// hashed with a lower bcrypt cost (8, or the policy's when it is lower) so that ~90 accounts
    /// are made in seconds; a demo is not a real season. Refused when the workspace has seasons or
    /// demo accounts already (other accounts, like the README tour's, are kept).
    public func seedDemo() async throws(PlatformError) -> DemoSeed {
        let periods: [Int]
        periods = try await blocking { try store.periods() }
        guard let latest = periods.last else {
            throw .closed(.demoNeedsAnswers)
        }
        // Accounts made before (the README's tour adds one) do not stand in the way; a season or
        // a demo account does (the demo is seeded once, on a workspace without seasons).
        let existing = try await users()
        guard !existing.contains(where: { $0.email.hasSuffix(Self.demoDomain) }), try await seasons().isEmpty else {
            throw .closed(.demoNeedsNewWorkspace)
        }
        let methodology = try await blocking { try loadMethodology(nil).methodology.id }
        var credentials: [DemoCredential] = []
        func keep(_ account: NewAccount) {
            if case .password(let password) = account.credential { credentials.append(DemoCredential(account: account.account, password: password)) }
        }
        let admin = try await addUser(email: "admin@demo.invalid", role: .admin)
        keep(admin)
        keep(try await addUser(email: "reviewer@demo.invalid", role: .reviewer))
        let by = Self.principal(admin.account)
        if let previous = periods.dropLast().last {
            _ = try await openSeason(period: previous, methodology: methodology, deadline: clock(), by: by)
            let run = try await compute(period: previous, by: by)
            _ = try await publish(period: previous, run: run.runID, by: by)
        }
        let season = try await openSeason(period: latest, methodology: methodology, deadline: clock().addingTimeInterval(30 * 86400), by: by)
        let units: [String]
        units = try await blocking { try store.answers(period: latest).map(\.unitID) }
        var demo = self
        demo.policy.bcryptCost = min(policy.bcryptCost, 8)
        for unit in units {
            keep(try await demo.addUser(email: "\(unit)@demo.invalid", role: .submitter, unit: unit))
        }
        return DemoSeed(season: season, credentials: credentials)
    }

    /// The e-mail domain of the demo's accounts (`.invalid`: never a real address).
    public static let demoDomain = "@demo.invalid"
}
