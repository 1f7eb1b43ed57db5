import Foundation
import IndexCore
import IndexStore
import Season

/// What a signed-in person (or an API token) may do on the platform.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Fills in and submits one unit's survey.
    case submitter
    /// The ministry's analysts: the dashboard, reviews, computation and the preview report.
    case reviewer
    /// Opens seasons, manages accounts and tokens, publishes; everything a reviewer does.
    case admin
}

/// Who is asking: the account behind a session or an API token. Every operation that takes
/// `by: Principal` checks it (defense in depth: the server checks too).
public struct Principal: Sendable, Hashable, Codable {
    /// The account's id (for an API token: the account that created it).
    public var userID: Int64
    /// The account's e-mail (for an API token: `token:<label>`), as the audit trail names it.
    public var email: String
    /// The role's rights (see ``Role``).
    public var role: Role
    /// The unit of a submitter; `nil` for reviewers and admins.
    public var unit: String?

    /// A principal with these parts.
    public init(userID: Int64, email: String, role: Role, unit: String?) {
        self.userID = userID
        self.email = email
        self.role = role
        self.unit = unit
    }
}

/// A platform account as listed.
public struct Account: Sendable, Hashable, Codable {
    /// The account's id in the workspace.
    public var id: Int64
    /// The sign-in e-mail (unique, compared without regard to case).
    public var email: String
    /// What the account may do.
    public var role: Role
    /// A submitter's unit (a registry id); `nil` for reviewers and admins.
    public var unit: String?
    /// A disabled account cannot sign in; its sessions and API tokens stop working.
    public var disabled: Bool
    /// When the account was created (the platform's clock).
    public var createdAt: Date
}

/// A new account with the credential to hand over once: an initial password or a one-time
/// sign-in link token. Neither is stored (only their hashes are) nor shown again.
public struct NewAccount: Sendable, Hashable {
    /// How the new user signs in for the first time.
    public enum Credential: Sendable, Hashable {
        /// An initial password (bcrypt-hashed in the store).
        case password(String)
        /// A one-time sign-in token (`/sign-in/<token>`), valid until `expires`.
        case signInLink(token: String, expires: Date)
    }
    /// The account created.
    public var account: Account
    /// The credential to hand over once.
    public var credential: Credential
}

/// A successful sign-in: the session token for the cookie, the CSRF token its forms carry, and
/// who signed in. The session token is shown only here; the store keeps its SHA-256.
public struct SignedIn: Sendable, Hashable {
    /// The session token for the cookie (shown only here; the store keeps its SHA-256).
    public var session: String
    /// The CSRF token the session's forms must carry.
    public var csrfToken: String
    /// Who signed in.
    public var principal: Principal
    /// When the session ends.
    public var expires: Date
}

/// A season: a period open for submissions with its methodology and deadline.
public struct SeasonInfo: Sendable, Hashable, Codable {
    /// The data year of the season.
    public var period: Int
    /// The id of one of the workspace's methodologies.
    public var methodologyID: String
    /// Submissions are refused after this moment (a returned submission may still be resubmitted).
    public var deadline: Date
    /// The run that is published (served publicly), if any.
    public var publishedRun: Int64?
}

/// Where a unit stands in a season's workflow.
///
/// ```
/// notStarted ─save─► draft ─submit─► submitted ─accept─► accepted
///                      ▲                 │
///                      └──save── returned ◄─return (with comments)
/// ```
public enum UnitState: String, Sendable, Codable, CaseIterable {
    /// Nothing saved yet.
    case notStarted
    /// Saved, not submitted.
    case draft
    /// Submitted, waiting for review.
    case submitted
    /// Returned with comments: the unit edits and submits again.
    case returned
    /// Accepted by a reviewer.
    case accepted
}

/// A reviewer's comment on a submission: on one field, or general (`field == nil`).
public struct ReviewComment: Sendable, Hashable, Codable {
    /// The field commented on; `nil`: a general comment.
    public var field: String?
    /// What to change, as the reviewer wrote it.
    public var text: String
    /// The e-mail of the reviewer who wrote it.
    public var author: String
    /// When it was written (the platform's clock).
    public var createdAt: Date

    /// A comment; author and time are filled in by the platform when it is stored.
    public init(field: String?, text: String, author: String = "", createdAt: Date = Date(timeIntervalSince1970: 0)) {
        self.field = field
        self.text = text
        self.author = author
        self.createdAt = createdAt
    }
}

/// An uploaded evidence file, stored in the workspace by content hash (never by its name).
public struct Evidence: Sendable, Hashable, Codable {
    /// The evidence's id (per workspace).
    public var id: Int64
    /// The field it supports.
    public var field: String
    /// SHA-256 of the content; the file is `evidence/<sha256>` in the workspace.
    public var sha256: String
    /// The type found by looking at the content (not the name).
    public var mediaType: String
    /// Its size in bytes.
    public var size: Int
    /// The name the user gave, for display only (never used as a path).
    public var originalName: String
    /// When it was uploaded (the platform's clock).
    public var uploadedAt: Date
}

/// One unit's draft for a season: the answers as typed, evidence, version, state and comments.
public struct Draft: Sendable, Hashable, Codable {
    /// The unit (a registry id).
    public var unit: String
    /// The season's period.
    public var period: Int
    /// Answers by field id, as typed (validated on every save, stored even when invalid).
    public var answers: [String: String]
    /// Evidence as text or URL, by field id.
    public var notes: [String: String]
    /// Uploaded evidence files.
    public var evidence: [Evidence]
    /// Increases with every save; 0 when nothing was saved yet.
    public var version: Int
    /// Where the unit stands in the workflow.
    public var state: UnitState
    /// Every reviewer comment of the season on this unit, oldest first.
    public var comments: [ReviewComment]
    /// When it last changed; `nil` before the first save.
    public var updatedAt: Date?
}

/// The other edit that made a save stale: the draft as it is now, and the fields where it differs
/// from what the caller tried to save.
public struct DraftConflict: Sendable, Hashable {
    /// The version the caller based its edit on.
    public var expectedVersion: Int
    /// The draft as stored (the other person's edit), untouched by the refused save.
    public var current: Draft
    /// Fields whose stored answer differs from the refused save's, sorted.
    public var differingFields: [String]
}

/// A saved draft with the problems its answers have (saving never refuses invalid answers).
public struct SavedDraft: Sendable, Hashable {
    /// The draft as saved.
    public var draft: Draft
    /// The same diagnostics as `ictindex validate` (empty: the draft can be submitted).
    public var problems: [Diagnostic]
}

/// A submission made: the draft (now `submitted`) and the workspace submission it became.
public struct Submitted: Sendable, Hashable {
    /// The draft, now `submitted`.
    public var draft: Draft
    /// The workspace submission's id (its file name is `web:<email>`).
    public var submissionID: Int64
}

/// A unit's live self-assessment from its draft.
public struct SelfAssessment: Sendable {
    /// The unit assessed.
    public var unit: String
    /// The season the draft is for.
    public var period: Int
    /// The period of the published run the draft is compared with (`nil`: no earlier season is
    /// published, so the unit is assessed alone).
    public var comparedWith: Int?
    /// Index, category scores, strengths, weaknesses and what-if gains (Season's assessment).
    public var assessment: UnitAssessment
    /// How every number of the unit's index was computed.
    public var explanation: Explanation
    /// The draft's problems; answers with a problem are left out of the assessment.
    public var problems: [Diagnostic]
}

/// A unit's row on the reviewer's dashboard.
public struct UnitStatus: Sendable, Hashable {
    /// The unit's registry id.
    public var unit: String
    /// The unit's name (Vietnamese).
    public var name: String
    /// The unit's block.
    public var block: String
    /// Where the unit stands.
    public var state: UnitState
    /// The draft's version (0: nothing saved).
    public var version: Int
    /// When the draft last changed.
    public var updatedAt: Date?
}

/// What a reviewer sees of one submission.
public struct ReviewSheet: Sendable {
    /// The unit's draft (its answers, evidence, state and comments).
    public var draft: Draft
    /// The unit's answers of the period before, by field id (as stored), when it has any.
    public var lastYear: [String: String]
    /// Fields both the survey and a crawl give, with both values and which one counts.
    public var crawl: [FieldComparison]
    /// The validation problems of the answers.
    public var problems: [Diagnostic]
}

/// A computed run of a season.
public struct ComputedRun: Sendable {
    /// The stored run's id (to publish it).
    public var runID: Int64
    /// The computed period: results and the ranking table.
    public var computed: ComputedPeriod
}

/// One change in the audit trail: who, when, what, and the state before and after (JSON).
public struct AuditEntry: Sendable, Hashable, Codable {
    /// The entry's id (increasing).
    public var id: Int64
    /// When it happened (the platform's clock).
    public var at: Date
    /// The e-mail of the account (or `token:<label>`, or `cli` for a command run on the workspace).
    public var actor: String
    /// What was done, e.g. `draft.save`, `review.return` (docs/platform.md lists them).
    public var action: String
    /// The unit concerned, if any.
    public var unit: String?
    /// The season concerned, if any.
    public var period: Int?
    /// The state before, as JSON (`nil` when there was none).
    public var before: String?
    /// The state after, as JSON.
    public var after: String?
}

/// The demo accounts created by ``Platform/seedDemo(period:)``, with their passwords (shown once).
public struct DemoSeed: Sendable, Hashable {
    /// The season opened for submissions.
    public var season: SeasonInfo
    /// Every account created: e-mail, role, unit and initial password.
    public var accounts: [(email: String, role: Role, unit: String?, password: String)] {
        credentials.map { ($0.account.email, $0.account.role, $0.account.unit, $0.password) }
    }
    /// The accounts and their passwords.
    public var credentials: [DemoCredential]
}

/// A demo account and its password.
public struct DemoCredential: Sendable, Hashable {
    /// The account.
    public var account: Account
    /// Its initial password (shown once).
    public var password: String
}
