import NIOConcurrencyHelpers

/// A limit on requests in flight shared by crawls running at once (``MultiSiteCrawl``): each
/// request takes a permit before it starts and gives it back when it ends. Waiters are served
/// first come, first served; a wait ends early, without a permit, at its deadline or when its
/// task is cancelled.
public final class RequestLimiter: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var available: Int
        var inFlight = 0
        var peak = 0
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
    }

    /// Requests in flight at most.
    public let limit: Int
    private let state: NIOLockedValueBox<State>

    /// A limiter letting at most `limit` requests run at once; `limit` must be positive (a
    /// programming error otherwise).
    public init(limit: Int) {
        precondition(limit > 0, "a request limit must be positive")
        self.limit = limit
        state = NIOLockedValueBox(State(available: limit))
    }

    /// The most requests that were in flight at once.
    public var peak: Int { state.withLockedValue { $0.peak } }

    /// Requests in flight now.
    public var inFlight: Int { state.withLockedValue { $0.inFlight } }

    /// Takes a permit, waiting at most `seconds` for one. Returns false (no permit) when the wait
    /// timed out or the task was cancelled; true means ``release()`` must follow.
    public func acquire(within seconds: Double) async -> Bool {
        if Task.isCancelled { return false }
        let id = state.withLockedValue { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let cancelled = Task.isCancelled
                let granted = state.withLockedValue { s -> Bool? in
                    if cancelled { return nil }
                    guard s.available > 0 else {
                        s.waiters.append(Waiter(id: id, continuation: continuation))
                        return false
                    }
                    s.available -= 1
                    s.inFlight += 1
                    s.peak = max(s.peak, s.inFlight)
                    return true
                }
                switch granted {
                case nil:
                    continuation.resume(returning: false)
                case true?:
                    continuation.resume(returning: true)
                case false?:
                    let wait = UInt64(max(0, min(seconds, 1e6)) * 1e9)
                    Task { [self] in
                        try? await Task.sleep(nanoseconds: wait)
                        self.giveUp(id)
                    }
                }
            }
        } onCancel: {
            giveUp(id)
        }
    }

    /// Gives a permit back: to the first waiter if there is one.
    public func release() {
        let next = state.withLockedValue { s -> Waiter? in
            if s.waiters.isEmpty {
                s.available += 1
                s.inFlight -= 1
                return nil
            }
            // The permit passes straight to the waiter: in flight stays the same.
            return s.waiters.removeFirst()
        }
        next?.continuation.resume(returning: true)
    }

    /// Ends the wait of `id` without a permit, if it is still waiting.
    private func giveUp(_ id: UInt64) {
        let waiter = state.withLockedValue { s -> Waiter? in
            guard let index = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return s.waiters.remove(at: index)
        }
        waiter?.continuation.resume(returning: false)
    }
}
