import Foundation
import Testing
import TestProcesses

/// The test helper every suite runs programs through: what a child wrote and how it ended, the
/// timeout's SIGKILL, and waits that hold no thread of the cooperative pool.
@Suite struct ChildProcessTests {
    static let bash = URL(fileURLWithPath: "/bin/bash")

    @Test func statusAndBothOutputsAreReported() async throws {
        let run = try await ChildProcess.run(Self.bash, ["-c", "printf 'out\\n'; printf 'err\\n' >&2; exit 3"])
        #expect(run.status == 3 && !run.wasSignalled && !run.timedOut)
        #expect(run.stdout == "out\n" && run.stderr == "err\n")
        let merged = try await ChildProcess.run(Self.bash, ["-c", "echo one; echo two >&2; echo three"], mergeOutput: true)
        #expect(merged.stdout == "one\ntwo\nthree\n" && merged.stderr == "")
    }

    @Test func environmentDirectoryAndPathLookUp() async throws {
        let directory = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        let run = try await ChildProcess.run("bash", ["-c", "echo \"$CHILD_TEST_VALUE\"; pwd"], environment: ["CHILD_TEST_VALUE": "giá trị"], directory: directory)
        #expect(run.status == 0)
        #expect(run.stdout == "giá trị\n\(directory.path)\n")
        #expect(try await ChildProcess.run("no-such-program-ictindex", []).status == 127)
    }

    /// SIGTERM is blocked in children of `swift test`: the timeout must use SIGKILL, and must
    /// reach a script's own children too.
    @Test func aChildThatOutlivesItsTimeoutIsKilledWithItsGroup() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-child-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("sleeper.pid")
        // (No bound on the time it takes: a loaded machine fires the timer late; that the child
        // was killed, not left to end its 60 s sleep, is what the status says.)
        let run = try await ChildProcess.run(Self.bash, ["-c", "trap '' TERM; sleep 60 & echo $! > \(pidFile.path); wait"], timeout: 1)
        #expect(run.timedOut && run.wasSignalled && run.status == SIGKILL && run.shellStatus == 137)
        let sleeper = try #require(Int32(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        // The grandchild died with the group (it may take a moment to be reaped by init).
        var alive = true
        for _ in 0..<100 where alive {
            alive = kill(sleeper, 0) == 0 && !Self.isZombie(sleeper)
            if alive { try await Task.sleep(nanoseconds: 50_000_000) }
        }
        #expect(!alive, "the script's child \(sleeper) outlived the timeout")
    }

    /// Many children at once, more than the pool has threads: with a helper that held a thread
    /// per child, at most one child per thread could be running at any moment. Each child prints
    /// when it started and when it ended; all of them must have been running at once (the last
    /// start before the first end), whatever else keeps the pool busy meanwhile.
    @Test func waitsHoldNoThreadOfTheCooperativePool() async throws {
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let children = 4 * threads
        let spans = try await withThrowingTaskGroup(of: (start: Double, end: Double).self) { group in
            for _ in 0..<children {
                group.addTask {
                    let run = try await ChildProcess.run(Self.bash, ["-c", "date +%s.%N; sleep 3; date +%s.%N"])
                    let times = run.stdout.split(separator: "\n").compactMap { Double($0) }
                    return (times.first ?? .nan, times.last ?? .nan)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(spans.count == children && spans.allSatisfy { $0.end > $0.start })
        let lastStart = spans.map(\.start).max() ?? .nan, firstEnd = spans.map(\.end).min() ?? .nan
        #expect(lastStart < firstEnd, "\(children) children on \(threads) threads did not all run at once: the last started \(lastStart - firstEnd) s after the first ended")
    }

    /// A process that has exited but not been reaped yet (state Z in /proc).
    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? false
    }
}
