import Foundation
import GRDB
import HummingbirdBcrypt
import IndexCore
import IndexStore

extension Platform {
    // MARK: - Accounts

    /// Creates an account and returns the credential to hand over once.
    /// - Parameters:
    ///   - email: the sign-in name (compared without regard to case; must be new).
    ///   - role: submitter, reviewer or admin.
    ///   - unit: a submitter's unit, an id of the workspace's registry (required for submitters,
    ///     refused for the other roles).
    ///   - signInLink: hand over a one-time sign-in link instead of an initial password.
    ///   - by: the admin creating it; `nil` for the operator on the workspace (`ictindex users add`).
    public func addUser(email: String, role: Role, unit: String? = nil, signInLink: Bool = false, by principal: Principal? = nil) async throws(PlatformError) -> NewAccount {
        if let principal { try require(principal, .admin) }
        let email = email.trimmingCharacters(in: .whitespaces)
        try checkEmail(email)
        let unitID = try await checkUnit(unit, role: role)
        let now = clock()
        let credential: NewAccount.Credential
        var passwordHash: String?
        if signInLink {
            credential = .signInLink(token: Token.make(), expires: now.addingTimeInterval(policy.signInLinkLifetime))
        } else {
            let password = Self.makePassword()
            passwordHash = await bcryptHash(password)
            credential = .password(password)
        }
        let stored = passwordHash
        let account = try await write { db -> Account in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM platform_user WHERE email = ?", arguments: [email]) != nil {
                throw PlatformError.invalid([Diagnostic(.duplicateID, .accountExists, at: SourceLocation(file: "users", detail: email))])
            }
            try db.execute(sql: "INSERT INTO platform_user (email, role, unit_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [email, role.rawValue, unitID, stored, Timestamp.text(now)])
            let account = Account(id: db.lastInsertedRowID, email: email, role: role, unit: unitID, disabled: false, createdAt: now)
            if case .signInLink(let token, let expires) = credential {
                try db.execute(sql: "INSERT INTO sign_in_link (token_sha256, user_id, expires_at) VALUES (?, ?, ?)",
                               arguments: [Token.hash(token), account.id, Timestamp.text(expires)])
            }
            try Self.audit(db, at: now, by: principal, action: "user.add", after: account)
            return account
        }
        return NewAccount(account: account, credential: credential)
    }

    /// Every account, by e-mail.
    public func users(by principal: Principal? = nil) async throws(PlatformError) -> [Account] {
        if let principal { try require(principal, .admin) }
        return try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM platform_user ORDER BY email").map(Self.account) }
    }

    /// Disables an account: it can no longer sign in, and its sessions and API tokens stop working.
    public func disableUser(email: String, by principal: Principal? = nil) async throws(PlatformError) {
        if let principal { try require(principal, .admin) }
        let now = clock()
        try await write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM platform_user WHERE email = ?", arguments: [email]) else { throw PlatformError.notFound }
            let before = Self.account(row)
            try db.execute(sql: "UPDATE platform_user SET disabled = 1 WHERE id = ?", arguments: [before.id])
            try db.execute(sql: "DELETE FROM platform_session WHERE user_id = ?", arguments: [before.id])
            var after = before
            after.disabled = true
            try Self.audit(db, at: now, by: principal, action: "user.disable", before: before, after: after)
        }
    }

    // MARK: - Sign-in

    /// Signs in with e-mail and password. Failed attempts are counted per account; after
    /// ``PlatformPolicy/maxFailedSignIns`` in a row the account is locked for
    /// ``PlatformPolicy/lockout`` (even the right password is refused meanwhile). An unknown
    /// e-mail, a wrong password and a disabled account give the same error.
    /// - Parameter client: what the server knows of the client (address, user agent), kept with the session.
    public func signIn(email: String, password: String, client: String = "") async throws(PlatformError) -> SignedIn {
        let now = clock()
        let found = try await read { db -> (account: Account, hash: String?, lockedUntil: String?)? in
            try Row.fetchOne(db, sql: "SELECT * FROM platform_user WHERE email = ?", arguments: [email]).map { (Self.account($0), $0["password_hash"], $0["locked_until"]) }
        }
        guard let found, let hash = found.hash else {
            // The same bcrypt work as a real check, so that timing does not tell which e-mails exist.
            _ = await bcryptVerify(password, hash: Self.timingHash)
            throw .unauthenticated
        }
        let account = found.account
        if let locked = found.lockedUntil.map(Timestamp.date), locked > now { throw .lockedOut(until: locked) }
        guard await bcryptVerify(password, hash: hash), !account.disabled else {
            let maxFailures = policy.maxFailedSignIns, lockout = policy.lockout
            let lockedUntil = try await write { db -> Date? in
                let failures = (try Int.fetchOne(db, sql: "SELECT failed_attempts FROM platform_user WHERE id = ?", arguments: [account.id]) ?? 0) + 1
                if failures >= maxFailures {
                    let until = now.addingTimeInterval(lockout)
                    try db.execute(sql: "UPDATE platform_user SET failed_attempts = 0, locked_until = ? WHERE id = ?", arguments: [Timestamp.text(until), account.id])
                    try Self.audit(db, at: now, by: nil, action: "user.lockout", after: ["email": account.email, "locked_until": Timestamp.text(until)])
                    return until
                }
                try db.execute(sql: "UPDATE platform_user SET failed_attempts = ? WHERE id = ?", arguments: [failures, account.id])
                return nil
            }
            if let lockedUntil { throw .lockedOut(until: lockedUntil) }
            throw .unauthenticated
        }
        return try await startSession(account, client: client, resetFailures: true)
    }

    /// Signs in with a one-time link token: it works once, before it expires, for an enabled
    /// account. With `newPassword` (the link's page asks for one) the account's password becomes
    /// it in the same transaction that spends the link — a password shorter than
    /// ``PlatformPolicy/minimumPasswordLength`` is refused before the link is touched.
    public func signIn(linkToken: String, newPassword: String? = nil, client: String = "") async throws(PlatformError) -> SignedIn {
        let now = clock()
        var hash: String?
        if let newPassword {
            let minimum = policy.minimumPasswordLength
            guard newPassword.count >= minimum else {
                throw .invalid([Diagnostic(.invalidValue, .passwordTooShort(minimum), at: SourceLocation(file: "password"))])
            }
            hash = await bcryptHash(newPassword)
        }
        let newHash = hash
        let account = try await write { db -> Account in
            guard let link = try Row.fetchOne(db, sql: "SELECT * FROM sign_in_link WHERE token_sha256 = ?", arguments: [Token.hash(linkToken)]),
                  (link["used_at"] as String?) == nil, Timestamp.date(link["expires_at"]) > now,
                  let row = try Row.fetchOne(db, sql: "SELECT * FROM platform_user WHERE id = ?", arguments: [link["user_id"] as Int64]),
                  !(row["disabled"] as Bool)
            else { throw PlatformError.unauthenticated }
            try db.execute(sql: "UPDATE sign_in_link SET used_at = ? WHERE token_sha256 = ?", arguments: [Timestamp.text(now), Token.hash(linkToken)])
            let account = Self.account(row)
            if let newHash {
                try db.execute(sql: "UPDATE platform_user SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?", arguments: [newHash, account.id])
                try Self.audit(db, at: now, by: Self.principal(account), action: "user.password", after: ["email": account.email])
            }
            return account
        }
        return try await startSession(account, client: client, resetFailures: false)
    }

    /// Creates a session for `account`.
    private func startSession(_ account: Account, client: String, resetFailures: Bool) async throws(PlatformError) -> SignedIn {
        let now = clock()
        let session = Token.make(), csrf = Token.make()
        let expires = now.addingTimeInterval(policy.sessionLifetime)
        let principal = Self.principal(account)
        try await write { db in
            if resetFailures {
                try db.execute(sql: "UPDATE platform_user SET failed_attempts = 0, locked_until = NULL WHERE id = ?", arguments: [account.id])
            }
            try db.execute(sql: "INSERT INTO platform_session (token_sha256, user_id, csrf_token, client, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [Token.hash(session), account.id, csrf, client, Timestamp.text(now), Timestamp.text(expires)])
            try Self.audit(db, at: now, by: principal, action: "session.start", after: ["client": client])
        }
        return SignedIn(session: session, csrfToken: csrf, principal: principal, expires: expires)
    }

    /// Who a session token belongs to: `nil` when unknown, expired, signed out or disabled.
    public func principal(session: String) async throws(PlatformError) -> Principal? {
        try await sessionInfo(session)?.principal
    }

    /// The CSRF token of a live session (the server compares it with the form's).
    public func csrfToken(session: String) async throws(PlatformError) -> String? {
        try await sessionInfo(session)?.csrf
    }

    private func sessionInfo(_ session: String) async throws(PlatformError) -> (principal: Principal, csrf: String)? {
        let now = clock()
        return try await read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT u.*, s.csrf_token, s.expires_at FROM platform_session s JOIN platform_user u ON u.id = s.user_id
                WHERE s.token_sha256 = ? AND u.disabled = 0
                """), arguments: [Token.hash(session)]), Timestamp.date(row["expires_at"]) > now else { return nil }
            return (Self.principal(Self.account(row)), row["csrf_token"])
        }
    }

    /// Ends a session (unknown tokens are ignored).
    public func signOut(session: String) async throws(PlatformError) {
        try await write { db in try db.execute(sql: "DELETE FROM platform_session WHERE token_sha256 = ?", arguments: [Token.hash(session)]) }
    }

    // MARK: - API tokens

    /// Creates a bearer token for scripts and CI, scoped to a role and (for submitters) a unit.
    /// Only an admin creates tokens; the token is shown once, the store keeps its SHA-256.
    public func createAPIToken(role: Role, unit: String? = nil, label: String, by principal: Principal) async throws(PlatformError) -> String {
        try require(principal, .admin)
        let unitID = try await checkUnit(unit, role: role)
        let token = Token.make()
        let now = clock()
        try await write { db in
            try db.execute(sql: "INSERT INTO api_token (token_sha256, role, unit_id, label, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [Token.hash(token), role.rawValue, unitID, label, principal.userID, Timestamp.text(now)])
            try Self.audit(db, at: now, by: principal, action: "token.create", after: ["role": role.rawValue, "unit": unitID ?? "", "label": label])
        }
        return token
    }

    /// Who an API token acts as: its role and unit, `nil` when unknown, revoked, or its creator is disabled.
    public func principal(apiToken: String) async throws(PlatformError) -> Principal? {
        try await read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT t.role, t.unit_id, t.label, t.created_by FROM api_token t JOIN platform_user u ON u.id = t.created_by
                WHERE t.token_sha256 = ? AND t.revoked_at IS NULL AND u.disabled = 0
                """), arguments: [Token.hash(apiToken)]) else { return nil }
            return Principal(userID: row["created_by"], email: "token:" + (row["label"] as String), role: Role(rawValue: row["role"]) ?? .submitter, unit: row["unit_id"])
        }
    }

    // MARK: - Helpers

    /// A bcrypt hash of `password` at the policy's cost, computed where the request runs. Moved
    /// to Dispatch threads (HeavyWorkExecutor, then the global queues), sign-ins waited behind
    /// other work in the full test run and missed the rate limit's window: left as it was until
    /// a thread of bcrypt's own is measured (docs/platform.md, "Heavy work").
    func bcryptHash(_ password: String) async -> String {
        Bcrypt.hash(password, cost: policy.bcryptCost)
    }

    /// Whether `password` matches a bcrypt `hash`, checked as ``bcryptHash(_:)`` is made.
    func bcryptVerify(_ password: String, hash: String) async -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    private func checkEmail(_ email: String) throws(PlatformError) {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), email.count <= 254,
              !email.contains(where: { $0.isWhitespace || $0.isNewline || ($0.asciiValue.map { $0 < 32 } ?? false) }) else {
            throw .invalid([Diagnostic(.invalidValue, .notAnEmail, at: SourceLocation(file: "users", detail: email))])
        }
    }

    /// A submitter's unit must be in the registry; other roles have none.
    func checkUnit(_ unit: String?, role: Role) async throws(PlatformError) -> String? {
        guard role == .submitter else {
            if unit != nil { throw .invalid([Diagnostic(.invalidValue, .onlySubmitterHasUnit(role: role.rawValue), at: SourceLocation(file: "users", detail: "unit"))]) }
            return nil
        }
        guard let unit, !unit.isEmpty else {
            throw .invalid([Diagnostic(.missingKey, .submitterNeedsUnit, at: SourceLocation(file: "users", detail: "unit"))])
        }
        let registry = try await blocking { try store.registry() }
        guard let found = registry.unit(unit) else {
            let suggestions = VietnameseText.closest(to: unit, among: registry.units.map(\.id), limit: 3)
            throw .invalid([Diagnostic(.unknownUnit, .unitNotInRegistry(unit, suggestions: suggestions), at: SourceLocation(file: "users", detail: "unit"))])
        }
        return found.id
    }

    static func account(_ row: Row) -> Account {
        Account(id: row["id"], email: row["email"], role: Role(rawValue: row["role"]) ?? .submitter, unit: row["unit_id"],
                disabled: row["disabled"], createdAt: Timestamp.date(row["created_at"]))
    }

    static func principal(_ account: Account) -> Principal {
        Principal(userID: account.id, email: account.email, role: account.role, unit: account.unit)
    }

    /// A 16-character password from an alphabet without look-alikes (0/O, 1/l/I): ~94 bits.
    static func makePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// A bcrypt hash no password matches in practice, verified against when the e-mail is unknown.
    static let timingHash = Bcrypt.hash(Token.make(), cost: 12)
}
