import Foundation
import IndexStore
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The published report's files held in memory, so that the public site (`/`, the page everyone
/// reads on results day) answers from memory instead of reading the disk on every request.
///
/// Each file is kept with the identity of the file its bytes were read from (device, inode,
/// size, modification time, taken from the open file itself) and served only while the file
/// at that path still has that identity: a new publication (written to a staging folder and
/// renamed into place, so every file is a new inode), an unpublication or any edit is seen at
/// the next request — never a stale page. The bytes are the file's, unchanged (what `ictindex
/// report` writes), with an `ETag` (their SHA-256) for `If-None-Match`.
///
/// Files above ``largestFile`` and anything beyond ``capacity`` bytes in all are read from the
/// disk each time, so that memory stays bounded whatever a report holds.
final class PublishedFiles: Sendable {
    /// What identifies one version of a file: a replaced or edited file differs in one of these.
    struct Identity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int64
        var modifiedNanoseconds: Int64

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            modifiedSeconds = Int64(status.st_mtim.tv_sec)
            modifiedNanoseconds = Int64(status.st_mtim.tv_nsec)
        }

        /// The identity of the regular file at `path` (symbolic links followed), or `nil`.
        static func of(path: String) -> Identity? {
            var status = stat()
            guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            return Identity(status)
        }
    }

    /// A file as served: its bytes and their entity tag.
    struct Entry: Sendable {
        var identity: Identity
        var body: ByteBuffer
        /// `"<sha256>"`: the same bytes have the same tag, whenever and wherever they were read.
        var etag: String
    }

    /// Files larger than this are not kept (a report's largest, the workbook, is far smaller).
    let largestFile: Int
    /// The most bytes kept in all.
    let capacity: Int
    private let entries = Mutex<(files: [String: Entry], bytes: Int)>(([:], 0))

    init(largestFile: Int = 8 << 20, capacity: Int = 64 << 20) {
        self.largestFile = largestFile
        self.capacity = capacity
    }

    /// The file at `path` (a path ``PublishedSite`` resolved): from memory while the file is the
    /// one read before, otherwise read now (off Swift's cooperative pool) and kept.
    /// - Returns: `nil` when there is no regular file there (any more).
    func file(at path: String) async throws -> Entry? {
        guard let identity = Identity.of(path: path) else { return nil }
        if let kept = entries.withLock({ $0.files[path] }), kept.identity == identity {
            return kept
        }
        guard let read = try await Self.read(path) else { return nil }
        keep(read, at: path)
        return read
    }

    /// How many files are held (tests check that a page is read once, then replaced).
    var count: Int { entries.withLock { $0.files.count } }

    private func keep(_ entry: Entry, at path: String) {
        let size = entry.body.readableBytes
        guard size <= largestFile else { return }
        entries.withLock { state in
            let replaced = state.files[path]?.body.readableBytes ?? 0
            guard state.bytes - replaced + size <= capacity else { return }
            state.files[path] = entry
            state.bytes += size - replaced
        }
    }

    /// Reads a file and takes its identity from the open file (so that the two always match,
    /// even when the path is replaced meanwhile), on a Dispatch thread.
    static func read(_ path: String) async throws -> Entry? {
        try await OffPool.run {
            guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
            defer { try? handle.close() }
            var status = stat()
            guard fstat(handle.fileDescriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            let data = try handle.readToEnd() ?? Data()
            return Entry(identity: Identity(status), body: ByteBuffer(bytes: data), etag: "\"\(IndexStore.SHA256.hex(data))\"")
        }
    }
}

/// Runs blocking work (file reads) on a Dispatch thread instead of Swift's cooperative pool,
/// whose few threads must stay free to answer requests.
enum OffPool {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
