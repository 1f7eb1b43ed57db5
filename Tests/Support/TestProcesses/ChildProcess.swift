import Foundation
import Synchronization

/// Runs a program for a test and awaits its end without holding a thread.
///
/// Swift's cooperative pool has one thread per core (two on a CI machine). A test that waits for
/// a child synchronously (`waitUntilExit`, reading a pipe to its end, polling with `usleep`)
/// holds one of them for as long as the child runs, and concurrent suites that need the pool —
/// the crawler's, whose time budgets and throttle measurements then fail — starve. This helper
/// suspends instead: Foundation reports the end on its own thread (`terminationHandler`), which
/// resumes a continuation.
///
/// Output goes to files, never to pipes, so a child can never block on a full pipe and nothing
/// has to be read while it runs. A child that outlives `timeout` is killed with SIGKILL — in
/// `swift test`, children inherit a signal mask that blocks SIGTERM, so `terminate()` would not
/// stop it — together with its process group when it leads one (a shell script's commands).
public enum ChildProcess {
    /// How a child ended and what it wrote.
    public struct Result: Sendable {
        /// The exit status, or the number of the signal that ended the child (Foundation's
        /// `terminationStatus`; see ``wasSignalled``).
        public var status: Int32
        /// Whether a signal ended the child (then ``status`` is the signal's number, e.g. 9).
        public var wasSignalled: Bool
        /// Whether the child outlived its timeout and was killed (SIGKILL).
        public var timedOut: Bool
        /// Everything the child wrote to standard output (and standard error too when they were
        /// merged), decoded as UTF-8.
        public var stdout: String
        /// Everything the child wrote to standard error; empty when it was merged into ``stdout``.
        public var stderr: String

        /// The status as a shell reports it: a signal's number plus 128 (SIGKILL: 137).
        public var shellStatus: Int32 { wasSignalled ? 128 + status : status }
    }

    /// Runs `executable` with `arguments` and returns once it has ended.
    ///
    /// - Parameters:
    ///   - executable: the program's file (no PATH search; `run(_ name: String, …)` runs a program found on the PATH).
    ///   - environment: variables added to (or replacing those of) the test's environment.
    ///   - directory: the child's working directory (the test's when nil).
    ///   - mergeOutput: standard error into the same file as standard output, in the order written
    ///     (a log), instead of separately.
    ///   - timeout: seconds before the child is killed; the result then says ``Result/timedOut``.
    /// - Throws: what `Process.run()` throws when the program cannot be started, or a file error
    ///   when the output files cannot be made.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
                           mergeOutput: Bool = false, timeout: TimeInterval = 600) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = mergeOutput ? out : err

        let watch = Watch()
        let ended: (status: Int32, signalled: Bool) = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in
                watch.finish()
                continuation.resume(returning: (process.terminationStatus, process.terminationReason == .uncaughtSignal))
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { watch.kill(pid) }
        }
        return Result(status: ended.status, wasSignalled: ended.signalled, timedOut: watch.timedOut,
                      stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                      stderr: mergeOutput ? "" : String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }

    /// Runs the program `name` found on the PATH (through `/usr/bin/env`); otherwise as
    /// `run(_ executable: URL, …)`. A program that is
    /// not installed ends with status 127.
    public static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
                           mergeOutput: Bool = false, timeout: TimeInterval = 600) async throws -> Result {
        try await run(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, environment: environment, directory: directory,
                      mergeOutput: mergeOutput, timeout: timeout)
    }

    /// Whether a program is on the PATH.
    public static func isInstalled(_ program: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }

    /// Whether the child has ended, and whether the timeout killed it. The kill checks the end
    /// under the lock, so a pid is not signalled once its end was reported (and the number may
    /// be reused); only the instant between Foundation reaping the child and calling the handler
    /// remains, far shorter than any reuse of a pid.
    private final class Watch: Sendable {
        private let state = Mutex<(ended: Bool, killed: Bool)>((false, false))

        func finish() { state.withLock { $0.ended = true } }

        var timedOut: Bool { state.withLock { $0.killed } }

        func kill(_ pid: Int32) {
            state.withLock { state in
                guard !state.ended else { return }
                state.killed = true
                // The child's process group too when it leads one, so that a script's commands die
                // with it instead of holding its output files open.
                if getpgid(pid) == pid { _ = Foundation.kill(-pid, SIGKILL) }
                _ = Foundation.kill(pid, SIGKILL)
            }
        }
    }
}
