import Dispatch
import Foundation
import Synchronization

/// The engine's per-node loops spread over the cores.
///
/// Nodes are independent within a loop (leaf scoring; ranks and statistics), so each result is
/// the same whichever thread computes it: results land in index order and are bit for bit those
/// of one thread. Workers take the next item from a shared counter, so nodes of uneven cost (a
/// z-score against a yes/no leaf) keep every worker busy to the end.
enum Parallel {
    /// Below this many values (items × units) a loop stays on the calling thread: waking other
    /// threads costs more than a small block's whole computation, and callers that already run
    /// many small computations at once (the uncertainty analysis) keep their own parallelism.
    static let minimumWork = 250_000

    /// How many threads a loop over `items` nodes of `units` values each uses.
    static func workers(items: Int, units: Int) -> Int {
        guard items * units >= minimumWork else { return 1 }
        return max(1, min(ProcessInfo.processInfo.activeProcessorCount, items))
    }

    /// `body(&state, index)` for every index in `0..<count`, the results in index order. Each
    /// worker makes its own `state` (scratch buffers) with `makeState`.
    static func map<State, Result>(count: Int, workers: Int, state makeState: () -> State, _ body: (inout State, Int) -> Result) -> [Result] {
        let workers = max(1, min(workers, count))
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            let results = UncheckedSendable(buffer.baseAddress)
            // Each index is taken by exactly one worker, which initialises only that slot; the
            // buffer outlives every worker.
            let next = Atomic<Int>(0)
            func work(_ worker: Int) {
                var state = makeState()
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < count else { return }
                    (results.value! + index).initialize(to: body(&state, index))
                }
            }
            if workers == 1 {
                work(0)
            } else {
                // `work` only writes disjoint slots and reads what the caller shares for reading.
                withoutActuallyEscaping(work) { work in
                    let shared = UncheckedSendable(work)
                    DispatchQueue.concurrentPerform(iterations: workers) { shared.value($0) }
                }
            }
            initialized = count
        }
    }
}

/// A value handed to worker threads that the caller guarantees they use safely (disjoint writes,
/// or reads only).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
