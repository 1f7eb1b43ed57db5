import Dispatch

/// A task executor on Dispatch threads, beside Swift's cooperative pool, for work that must not
/// wait for that pool or hold it.
///
/// The cooperative pool has one thread per core — two on the machines ictindex runs on. Work that
/// computes for seconds, or blocks waiting for a database connection, holds a pool thread the
/// whole time; two such jobs leave nothing for the rest of the process. Work run through
/// ``run(_:)`` (and every nonisolated async function it calls, and the default actors it uses)
/// is scheduled on this executor's threads by the operating system instead:
/// - the web platform computes seasons, writes reports and reads the store here, so the server
///   keeps answering requests meanwhile;
/// - the crawler runs on a serial one, so its time budgets and timeouts measure the network, not
///   how busy the rest of the process keeps the pool or the computing executor.
package final class DispatchTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue

    /// An executor whose jobs run on a queue named `label`.
    ///
    /// - Parameter concurrent: `true` for work that computes (several jobs at once, on
    ///   Dispatch's pool of one thread per core, so they never run more threads than cores);
    ///   `false` for work that mostly waits and must never wait for a thread: a serial queue's
    ///   jobs run one at a time on a thread libdispatch creates beyond the pool's width
    ///   ("overcommit"), so computing jobs elsewhere cannot hold it up.
    package init(label: String, concurrent: Bool) {
        queue = DispatchQueue(label: label, qos: .userInitiated, attributes: concurrent ? .concurrent : [])
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `work` (and every nonisolated async function it calls) on this executor.
    package func run<T>(_ work: () async throws -> T) async rethrows -> T {
        try await withTaskExecutorPreference(self) { try await work() }
    }
}
