import Dispatch
import Foundation

/// The engine's per-node loops spread over the cores.
///
/// Nodes are independent within a loop (leaf scoring; ranks and statistics), so each result is
/// the same whichever thread computes it: results land in index order and are bit for bit those
/// of one thread. Worker `w` of `k` takes the items `w, w + k, w + 2k, …`, which balances nodes of
/// uneven cost well enough without any coordination between threads.
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
            // Each worker initialises only its own indices; the buffer outlives every worker.
            func work(_ worker: Int) {
                var state = makeState()
                for index in stride(from: worker, to: count, by: workers) {
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
