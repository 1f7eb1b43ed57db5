import Foundation
import IndexCore
import IndexStore
import Platform
import Reports

// The JSON bodies of the API (docs/openapi.yaml describes each). Platform's Codable types
// (Draft, Account, SeasonInfo, Evidence, AuditEntry, Principal) are sent as they are; these are
// the requests, and the answers whose Platform type is not Codable.

struct SignInRequest: Decodable {
    var email: String
    var password: String
}

struct LinkSignInRequest: Decodable {
    var token: String
    /// The password the account gets (optional: without it the link only signs in).
    var password: String?
}

struct SessionResponse: Encodable {
    var principal: Principal
    /// Send it as `X-CSRF-Token` with every state-changing request made with the cookie.
    var csrfToken: String?
    var expires: Date?
}

struct OpenSeasonRequest: Decodable {
    var period: Int
    var methodology: String
    var deadline: Date
}

struct DeadlineRequest: Decodable {
    var deadline: Date
}

struct AddUserRequest: Decodable {
    var email: String
    var role: Role
    var unit: String?
    /// A one-time sign-in link instead of an initial password.
    var signInLink: Bool?
}

struct NewAccountResponse: Encodable {
    var account: Account
    /// The initial password, shown this once.
    var password: String?
    /// The one-time sign-in token (`/api/v1/session/link`), shown this once.
    var signInToken: String?
    var signInTokenExpires: Date?

    init(_ new: NewAccount) {
        account = new.account
        switch new.credential {
        case .password(let password): self.password = password
        case .signInLink(let token, let expires):
            signInToken = token
            signInTokenExpires = expires
        }
    }
}

struct CreateTokenRequest: Decodable {
    var role: Role
    var unit: String?
    var label: String
}

struct TokenResponse: Encodable {
    /// The bearer token, shown this once.
    var token: String
}

struct SaveDraftRequest: Decodable {
    var answers: [String: String]
    var notes: [String: String]?
    /// The version the edit started from (0 for a first save).
    var version: Int
}

struct VersionRequest: Decodable {
    var version: Int
}

struct SavedDraftResponse: Encodable {
    var draft: Draft
    /// The problems of the answers (empty: ready to submit), with the CLI's codes.
    var problems: [DiagnosticBody]

    init(_ saved: SavedDraft, language: Language) {
        draft = saved.draft
        problems = saved.problems.map { DiagnosticBody($0, language: language) }
    }
}

struct SubmittedResponse: Encodable {
    var draft: Draft
    var submissionID: Int64
}

struct ReturnRequest: Decodable {
    struct Comment: Decodable {
        var field: String?
        var text: String
    }

    var comments: [Comment]
}

struct UnitStatusResponse: Encodable {
    var unit: String
    var name: String
    var block: String
    var state: UnitState
    var version: Int
    var updatedAt: Date?

    init(_ status: UnitStatus) {
        unit = status.unit
        name = status.name
        block = status.block
        state = status.state
        version = status.version
        updatedAt = status.updatedAt
    }
}

struct ReviewSheetResponse: Encodable {
    struct Comparison: Encodable {
        struct Value: Encodable {
            var value: Double
            var source: String
            var location: String
        }

        var field: String
        var status: String
        var survey: Value?
        var crawl: Value
        /// Which source the computation uses.
        var counts: String
    }

    var draft: Draft
    var lastYear: [String: String]
    var crawl: [Comparison]
    var problems: [DiagnosticBody]

    init(_ sheet: ReviewSheet, language: Language) {
        func value(_ sourced: SourcedValue) -> Comparison.Value {
            Comparison.Value(value: sourced.value, source: sourced.source.rawValue, location: sourced.location)
        }
        draft = sheet.draft
        lastYear = sheet.lastYear
        crawl = sheet.crawl.map {
            Comparison(field: $0.field, status: $0.status.rawValue, survey: $0.survey.map(value), crawl: value($0.crawl),
                       counts: $0.precedence.counts.rawValue)
        }
        problems = sheet.problems.map { DiagnosticBody($0, language: language) }
    }
}

/// A computation's run and its ranking in the JSON contract of `ictindex compute --format json`.
enum ComputeResponse {
    static func json(run: Int64, ranking: JSONValue) -> JSONValue {
        .object([("result", ranking), ("run", .integer(Int(run)))])
    }
}

struct PublishRequest: Decodable {
    var run: Int64
}

struct PreviewResponse: Encodable {
    /// Where the preview's pages are served (`GET`, reviewers and admins).
    var index: String
}
