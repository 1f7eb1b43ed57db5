import Dispatch
import Foundation
import Synchronization

/// The one loop that spreads independent work over the cores, for the engine's per-node loops
/// and the uncertainty analysis's runs (Audit's `ParallelRuns`).
///
/// Items are independent and each writes only its own slot, so a result is the same whichever
/// thread computes it: results land in index order and are bit for bit those of one thread,
/// whatever the number of workers or the chunk size. Workers take the next chunk from a shared
/// counter, so items of uneven cost (a z-score against a yes/no leaf) keep every worker busy to
/// the end.
package enum Parallel {
    /// Below this many values (items × units) an engine loop stays on the calling thread: waking
    /// other threads costs more than a small block's whole computation, and callers that already
    /// run many small computations at once (the uncertainty analysis) keep their own parallelism.
    package static let minimumWork = 250_000

    /// How many threads an engine loop over `items` nodes of `units` values each uses.
    package static func workers(items: Int, units: Int) -> Int {
        guard items * units >= minimumWork else { return 1 }
        return max(1, min(ProcessInfo.processInfo.activeProcessorCount, items))
    }

    /// `body(&state, index)` for every index in `0..<count`, the results in index order. Each
    /// worker makes its own `state` (scratch buffers) with `makeState`.
    package static func map<State, Result>(count: Int, workers: Int, state makeState: () -> State, _ body: (inout State, Int) -> Result) -> [Result] {
        [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each index is taken by exactly one worker, which initialises only that slot; the
            // buffer outlives every worker.
            let results = UncheckedSendable(buffer.baseAddress)
            forEachChunk(count: count, chunkSize: 1, workers: workers, state: makeState) { state, indices in
                for index in indices { (results.value! + index).initialize(to: body(&state, index)) }
            }
            initialized = count
        }
    }

    /// `body(&state, chunk)` for the consecutive chunks of `0..<count` (`chunkSize` indices each,
    /// the last one shorter), each chunk handed to exactly one of at most `workers` threads, which
    /// makes its own `state` with `makeState`. Returns when every chunk is done. With one worker
    /// (or one chunk) everything runs on the calling thread, in order.
    ///
    /// `body` runs on several threads at once: it may write only what belongs to its chunk and
    /// read only what nobody writes meanwhile.
    package static func forEachChunk<State>(count: Int, chunkSize: Int, workers: Int, state makeState: () -> State, _ body: (inout State, Range<Int>) -> Void) {
        let chunkSize = max(1, chunkSize)
        let chunks = (count + chunkSize - 1) / chunkSize
        let workers = max(1, min(workers, chunks))
        let next = Atomic<Int>(0)
        func work(_ worker: Int) {
            var state = makeState()
            while true {
                let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard chunk < chunks else { return }
                body(&state, (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize))
            }
        }
        if workers == 1 {
            work(0)
        } else {
            // `work` only writes what its chunks own and reads what the caller shares for reading.
            withoutActuallyEscaping(work) { work in
                let shared = UncheckedSendable(work)
                DispatchQueue.concurrentPerform(iterations: workers) { shared.value($0) }
            }
        }
    }
}

/// A value handed to worker threads that the caller guarantees they use safely (disjoint writes,
/// or reads only).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
