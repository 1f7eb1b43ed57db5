import IndexCore

/// Where Platform runs its CPU-heavy work — computing a season, writing a national report,
/// assessing a draft — and its blocking reads of the store, instead of on Swift's cooperative
/// thread pool.
///
/// The cooperative pool has one thread per core (two on the machines this runs on). A national
/// report takes seconds (tens in a debug build) of uninterrupted computation; run on the pool,
/// two of them at once leave no thread for anything else, and the server stops answering even
/// its static files until they finish. On this executor's Dispatch threads the work is scheduled
/// by the operating system beside the pool, and requests keep being answered meanwhile.
///
/// Synchronous store reads (the registry, a period's answers) wait for one of the database
/// pool's reader connections; waiting on the cooperative pool, 32 concurrent draft saves blocked
/// both its threads while the readers were held by reads waiting for a thread to resume on — the
/// server stopped answering for good. They wait here instead.
enum HeavyWorkExecutor {
    /// The one executor of the process (IndexCore's ``DispatchTaskExecutor``, as the crawler's
    /// is): concurrent, so two reviewers computing at once do not wait for each other, and no
    /// more threads than cores compute.
    static let shared = DispatchTaskExecutor(label: "ictindex.platform.heavy-work", concurrent: true)

    /// Runs `work` (and every nonisolated async function it calls) on the executor.
    static func run<T>(_ work: () async throws -> T) async throws -> T {
        try await shared.run(work)
    }
}

extension Platform {
    /// Runs blocking store or workspace reads on ``HeavyWorkExecutor``, their errors as
    /// platform errors.
    func blocking<T>(_ work: () throws -> T) async throws(PlatformError) -> T {
        do {
            return try await HeavyWorkExecutor.run { try work() }
        } catch let error as PlatformError {
            throw error
        } catch {
            throw Self.platformError(error)
        }
    }
}
