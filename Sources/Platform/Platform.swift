import Foundation
import GRDB
import IndexCore
import IndexStore
import Season
import Synchronization

/// The limits and lifetimes of the platform's security rules.
public struct PlatformPolicy: Sendable, Hashable {
    /// Failed sign-ins in a row that lock an account.
    public var maxFailedSignIns = 5
    /// How long a lockout lasts.
    public var lockout: TimeInterval = 15 * 60
    /// How long a session lasts after sign-in.
    public var sessionLifetime: TimeInterval = 8 * 3600
    /// How long a one-time sign-in link stays valid.
    public var signInLinkLifetime: TimeInterval = 72 * 3600
    /// The bcrypt cost of passwords (2^cost rounds; tests use a small one).
    public var bcryptCost: UInt8 = 12
    /// The largest evidence file accepted, in bytes (10 MB).
    public var evidenceLimit = 10 * 1_048_576
    /// The fewest characters a password chosen on the one-time link's page may have.
    public var minimumPasswordLength = 10

    /// The defaults: 5 failures lock for 15 minutes; sessions last 8 hours, sign-in links 72;
    /// bcrypt cost 12; evidence up to 10 MB; chosen passwords of at least 10 characters.
    public init() {}
}

/// The web platform's domain layer: accounts, sessions and API tokens, seasons, drafts and the
/// submission workflow, reviews, computation, publication and the audit trail — everything the
/// server does that is not HTTP, on the workspace store.
///
/// Every operation that takes `by: Principal` checks that the role may do it, and a submitter
/// asking about another unit is told ``PlatformError/notFound`` (never `forbidden`). Every change
/// is one transaction together with its audit-trail row. Times come from the injected `clock`.
/// The platform keeps no state of its own: two values on one workspace see the same data. What
/// it keeps in memory (`PlatformCache`: parsed methodologies, last year's answers) is used only
/// while the input it was made from is unchanged.
public struct Platform: Sendable {
    /// The workspace the platform runs on.
    public let workspace: Workspace
    let service: SeasonService
    /// Parsed methodologies and last year's answers, shared by the copies of this value.
    let cache = PlatformCache()
    let clock: @Sendable () -> Date
    /// The security rules in force.
    public var policy: PlatformPolicy

    /// Opens the platform on the workspace in `workspace` (migrating its database if needed).
    /// - Parameters:
    ///   - workspace: the workspace directory (`ictindex init`).
    ///   - season: the application service the platform computes, validates and reports with.
    ///   - clock: the current time (tests fix it).
    ///   - policy: lockout, lifetimes, bcrypt cost, upload limit.
    public init(workspace: String, season: SeasonService = .init(), clock: @escaping @Sendable () -> Date = Date.init, policy: PlatformPolicy = .init()) throws(PlatformError) {
        do {
            self.workspace = try season.openWorkspace(workspace, access: .readWrite)
        } catch {
            throw PlatformError(error)
        }
        self.service = season
        self.clock = clock
        self.policy = policy
    }

    var store: Store { workspace.store }

    // MARK: - Authorization

    /// Refuses a principal whose role is not one of `roles`.
    func require(_ principal: Principal, _ roles: Role...) throws(PlatformError) {
        guard roles.contains(principal.role) else { throw .forbidden }
    }

    /// Refuses a submitter asking about another unit, as if it did not exist.
    func requireUnit(_ principal: Principal, _ unit: String) throws(PlatformError) {
        if principal.role == .submitter, principal.unit != unit { throw .notFound }
    }

    // MARK: - Database

    /// Runs one write transaction; every error becomes a ``PlatformError``.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws(PlatformError) -> T {
        do {
            return try await store.write(updates)
        } catch {
            throw Self.platformError(error)
        }
    }

    /// Runs one read; every error becomes a ``PlatformError``.
    func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws(PlatformError) -> T {
        do {
            return try await store.read(value)
        } catch {
            throw Self.platformError(error)
        }
    }

    static func platformError(_ error: any Error) -> PlatformError {
        switch error {
        case let error as PlatformError: return error
        case let error as SeasonError: return PlatformError(error)
        default: return PlatformError(SeasonError(error))
        }
    }

    /// Adds the audit-trail row of a change, inside the change's transaction.
    static func audit(_ db: Database, at: Date, by principal: Principal?, action: String, unit: String? = nil, period: Int? = nil,
                      before: (any Encodable)? = nil, after: (any Encodable)? = nil) throws {
        try db.execute(sql: "INSERT INTO audit_entry (at, user_id, actor, action, unit_id, period, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [Timestamp.text(at), principal?.userID, principal?.email ?? "cli", action, unit, period,
                                   try before.map(JSONText.encode), try after.map(JSONText.encode)])
    }
}

/// Timestamps as stored: ISO 8601 in UTC with milliseconds, which sort as text.
enum Timestamp {
    /// One formatter for the process, used under a lock: making one (an ICU date format) cost
    /// more than the rest of reading a draft (profiled: a fifth of a save), and a save reads
    /// several timestamps.
    private static let formatter = Mutex<ISO8601DateFormatter>({
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }())

    static func text(_ date: Date) -> String {
        formatter.withLock { $0.string(from: date) }
    }

    /// The date of a stored timestamp. The form this enum writes (`2026-11-30T23:27:00.123Z`) is
    /// read directly — the same date the formatter gives, without ICU (a tenth of a live
    /// self-assessment's time went to reading the season's and the draft's timestamps); any
    /// other form goes through the formatter.
    static func date(_ text: String) -> Date {
        if let milliseconds = millisecondsSince1970(text) {
            // As ICU computes it: milliseconds as a double, then seconds.
            return Date(timeIntervalSinceReferenceDate: Double(milliseconds) / 1000 - Date.timeIntervalBetween1970AndReferenceDate)
        }
        return formatter.withLock { $0.date(from: text) } ?? Date(timeIntervalSince1970: 0)
    }

    /// Milliseconds since 1970 of `yyyy-MM-ddTHH:mm:ss.SSSZ`, or `nil` for any other text.
    static func millisecondsSince1970(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ from: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[from..<from + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
              (1...12).contains(month), hour < 24, minute < 60, second < 60 else { return nil }
        let leap: Bool = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let february: Int64 = leap ? 29 : 28
        let monthDays: [Int64] = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...monthDays[Int(month) - 1]).contains(day) else { return nil }
        // Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
        let y: Int64 = month <= 2 ? year - 1 : year
        let era: Int64 = (y >= 0 ? y : y - 399) / 400
        let yearOfEra: Int64 = y - era * 400
        let shiftedMonth: Int64 = month > 2 ? month - 3 : month + 9
        let dayOfYear: Int64 = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra: Int64 = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days: Int64 = era * 146_097 + dayOfEra - 719_468
        let minutes: Int64 = (days * 24 + hour) * 60 + minute
        return minutes * 60_000 + second * 1000 + millisecond
    }
}

/// Deterministic JSON (sorted keys) for stored answers and audit rows.
enum JSONText {
    static func encode(_ value: any Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(text.utf8))
    }
}

/// Random tokens and their stored form.
enum Token {
    /// 32 random bytes from the system's generator, base64url without padding.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// What the store keeps of a token: its SHA-256, so a copy of the database signs no one in.
    static func hash(_ token: String) -> String {
        IndexStore.SHA256.hex(Data(token.utf8))
    }
}
