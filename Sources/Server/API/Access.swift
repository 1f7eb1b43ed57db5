import Hummingbird
import Platform

/// The server's own authorization checks, made before a handler parses anything or calls
/// Platform (which checks again: defense in depth). A submitter asking for another unit gets the
/// same 404 as for a unit that does not exist, never 403, so ids do not reveal what exists.
enum Access {
    /// Anyone signed in (session or token).
    static func signedIn(_ context: AppRequestContext) throws -> Principal {
        guard let principal = context.principal else { throw ServerError.unauthenticated }
        return principal
    }

    /// A signed-in principal with one of `roles`; 403 for other roles.
    static func role(_ context: AppRequestContext, _ roles: Role...) throws -> Principal {
        let principal = try signedIn(context)
        guard roles.contains(principal.role) else { throw ServerError.forbidden }
        return principal
    }

    /// Reading a unit's things: its own submitter, or a reviewer or admin.
    static func readUnit(_ context: AppRequestContext, _ unit: String) throws -> Principal {
        let principal = try signedIn(context)
        if principal.role == .submitter, principal.unit != unit { throw ServerError.notFound }
        return principal
    }

    /// Changing a unit's answers (save, upload, submit): its own submitter only. Another unit is
    /// 404 as above; reviewers and admins read but do not fill in (403).
    static func fillUnit(_ context: AppRequestContext, _ unit: String) throws -> Principal {
        let principal = try readUnit(context, unit)
        guard principal.role == .submitter else { throw ServerError.forbidden }
        return principal
    }
}
