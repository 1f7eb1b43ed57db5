import Foundation
import NIOConcurrencyHelpers

/// Counts sign-in attempts per client address in fixed windows, in memory: at most `limit`
/// attempts per `window`; the next one is refused with how long to wait.
///
/// This slows down password guessing across many accounts from one address; Platform's
/// per-account lockout stops guessing one account from many addresses. Memory stays bounded:
/// windows that have ended are dropped whenever the table grows past `pruneThreshold`.
public final class SignInRateLimiter: Sendable {
    private struct Window {
        var start: Date
        var attempts: Int
    }

    private let limit: Int
    private let window: TimeInterval
    private let clock: @Sendable () -> Date
    private let pruneThreshold = 10_000
    private let windows = NIOLockedValueBox<[String: Window]>([:])

    /// A limiter allowing `limit` attempts per client address every `window` seconds, timed by `clock`.
    public init(limit: Int, window: TimeInterval, clock: @escaping @Sendable () -> Date = Date.init) {
        self.limit = limit
        self.window = window
        self.clock = clock
    }

    /// Records an attempt from `client`; returns nil when it may go ahead, else the seconds to
    /// wait (at least 1) before the window ends.
    public func attempt(from client: String) -> Int? {
        let now = clock()
        return windows.withLockedValue { windows in
            if windows.count > pruneThreshold {
                windows = windows.filter { now.timeIntervalSince($0.value.start) < window }
            }
            var current = windows[client] ?? Window(start: now, attempts: 0)
            if now.timeIntervalSince(current.start) >= window { current = Window(start: now, attempts: 0) }
            guard current.attempts < limit else {
                let remaining = window - now.timeIntervalSince(current.start)
                return max(1, Int(remaining.rounded(.up)))
            }
            current.attempts += 1
            windows[client] = current
            return nil
        }
    }
}
