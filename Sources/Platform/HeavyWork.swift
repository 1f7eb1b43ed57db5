import Dispatch

/// Where Platform runs its CPU-heavy work — computing a season, writing a national report,
/// assessing a draft — instead of on Swift's cooperative thread pool.
///
/// The cooperative pool has one thread per core (two on the machines this runs on). A national
/// report takes seconds (tens in a debug build) of uninterrupted computation; run on the pool,
/// two of them at once leave no thread for anything else, and the server stops answering even
/// its static files until they finish. On this executor's Dispatch threads the work is scheduled
/// by the operating system beside the pool, and requests keep being answered meanwhile.
final class HeavyWorkExecutor: TaskExecutor, @unchecked Sendable {
    /// The one executor of the process.
    static let shared = HeavyWorkExecutor()

    // A concurrent queue: two reviewers computing at once do not wait for each other.
    private let queue = DispatchQueue(label: "ictindex.platform.heavy-work", qos: .userInitiated, attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `work` (and every nonisolated async function it calls) on the executor.
    static func run<T>(_ work: () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(shared) { try await work() }
    }
}
