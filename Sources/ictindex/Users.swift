import ArgumentParser
import Foundation
import IndexCore
import Platform
import Season

/// `ictindex users`: the web platform's accounts, managed by whoever holds the workspace.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the web platform's accounts (submitters of a unit, reviewers, admins).",
        discussion: "Passwords and sign-in links are shown once, when created; the workspace keeps only their hashes. docs/platform.md.",
        subcommands: [Add.self, List.self, Disable.self]
    )

    struct Add: AsyncParsableCommand, LocalizedCommand {
        @OptionGroup var languageOption: LanguageOption

        static let configuration = CommandConfiguration(abstract: "Create an account and print its initial password (or a one-time sign-in link token) once.")

        @Option(help: "The workspace directory.")
        var workspace: String = "."

        @Option(help: "The e-mail the person signs in with.")
        var email: String

        @Option(help: "submitter, reviewer or admin.")
        var role: Role

        @Option(help: "A submitter's unit: an id of the workspace's registry.")
        var unit: String?

        @Flag(help: "Give a one-time sign-in link token instead of an initial password.")
        var link = false

        func run() async throws {
            let created = try await Platform(workspace: workspace).addUser(email: email, role: role, unit: unit, signInLink: link)
            let who = "\(created.account.email) (\(created.account.role.rawValue)\(created.account.unit.map { ", \($0)" } ?? ""))"
            switch created.credential {
            case .password(let password):
                print(Message.accountCreated(who).text(in: lang))
                print(Message.initialPassword(password).text(in: lang))
            case .signInLink(let token, let expires):
                print(Message.accountCreated(who).text(in: lang))
                print(Message.signInLinkCreated(until: ISO8601DateFormatter().string(from: expires), path: "/sign-in/\(token)").text(in: lang))
            }
        }
    }

    struct List: AsyncParsableCommand, LocalizedCommand {
        @OptionGroup var languageOption: LanguageOption

        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        @Option(help: "The workspace directory.")
        var workspace: String = "."

        func run() async throws {
            let accounts = try await Platform(workspace: workspace).users()
            if accounts.isEmpty { print(Message.noAccounts.text(in: lang)); return }
            for account in accounts {
                let state: Message = account.disabled ? .accountDisabled : .accountActive
                print("\(account.email)  \(account.role.rawValue)  \(account.unit ?? "-")  \(state.text(in: lang))")
            }
        }
    }

    struct Disable: AsyncParsableCommand, LocalizedCommand {
        @OptionGroup var languageOption: LanguageOption

        static let configuration = CommandConfiguration(abstract: "Disable an account: it can no longer sign in; its sessions and API tokens stop working.")

        @Option(help: "The workspace directory.")
        var workspace: String = "."

        @Option(help: "The account's e-mail.")
        var email: String

        func run() async throws {
            try await Platform(workspace: workspace).disableUser(email: email)
            print(Message.accountDisabledNow(email).text(in: lang))
        }
    }
}

/// `ictindex backup`: an online-consistent copy of the workspace database.
struct Backup: AsyncParsableCommand, LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the workspace database to a new file while it is in use (SQLite's online backup).",
        discussion: "The copy is consistent even while the server or an import writes; an existing file is never replaced."
    )

    @OptionGroup var languageOption: LanguageOption

    @Option(help: "The workspace directory.")
    var workspace: String = "."

    @Option(help: "The new file to write the copy to.")
    var out: String

    func run() async throws {
        try await season.backup(workspace: workspace, to: out)
        print(Message.backedUp(workspace, to: out).text(in: lang))
    }
}

/// `--role` is checked by ArgumentParser against the three roles (its error lists them).
extension Role: ExpressibleByArgument {}
