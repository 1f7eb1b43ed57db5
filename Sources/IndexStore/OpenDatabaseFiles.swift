import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The database files this process holds open through SQLite, by device and inode, with how
/// many stores hold each — so that ``Store`` reads a file's header itself only while no store of
/// this process has the file open.
///
/// SQLite's locks between processes are POSIX advisory locks, and POSIX releases *every* lock a
/// process holds on a file as soon as the process closes *any* descriptor of that file. SQLite
/// guards its own descriptors against this, but not a descriptor someone else opens: the header
/// check used to open and close the file each time a store was opened. In `ictindex serve`,
/// which opens the workspace again to compute and publish, that close released the server's
/// locks; the next process to open and close the database (the `sqlite3` shell, `ictindex
/// backup`, `ictindex users add`) then took itself for the last connection, checkpointed and
/// deleted the WAL the server was still writing to — every later commit of the server went to
/// an unlinked file that no other process could see (the benchmark's "one more 200 than
/// versions", docs/benchmarks.md "Web platform"), and a write from the other side would have
/// forked the database in two.
enum OpenDatabaseFiles {
    /// A file's identity: its device and inode (two paths, links or symbolic links, of one file
    /// are one file).
    struct FileID: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64

        /// The identity of the file at `path` (symbolic links followed), from `stat`: no
        /// descriptor is opened. `nil` when there is no such file.
        init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    private static let holders = Mutex<[FileID: Int]>([:])

    /// Runs `check` (which may open and close the file) only when no store of this process holds
    /// the file at `path`, then counts one more holder. Holding the lock meanwhile, no other
    /// store of the process can open the file between the check and the count.
    /// - Returns: the file held, to ``release(_:)`` when the store closes (`nil`: no file yet).
    static func hold(_ path: String, checkingFirst check: (String) throws -> Void) throws -> FileID? {
        try holders.withLock { holders in
            let file = FileID(path: path)
            if file.map({ holders[$0, default: 0] == 0 }) ?? true {
                try check(path)
            }
            guard let file = file ?? FileID(path: path) else { return nil }
            holders[file, default: 0] += 1
            return file
        }
    }

    /// Counts one holder less of `file`.
    static func release(_ file: FileID?) {
        guard let file else { return }
        holders.withLock { holders in
            let left = holders[file, default: 1] - 1
            holders[file] = left > 0 ? left : nil
        }
    }

    /// How many stores of this process hold the file at `path` (tests).
    static func holderCount(_ path: String) -> Int {
        guard let file = FileID(path: path) else { return 0 }
        return holders.withLock { $0[file, default: 0] }
    }
}
