#if canImport(Glibc)
import Glibc
#endif

/// How the process's allocator treats large blocks; set once by the command-line tools, never by
/// the libraries (a server embedding them keeps its own settings).
package enum MemoryPolicy {
    /// Blocks of 128 KiB and more (a column of 16,000 numbers) get their own mapping from the
    /// system and go back to it when freed.
    ///
    /// glibc otherwise raises that threshold to the size of the largest block freed so far (up to
    /// 32 MiB), after which the engine's per-node columns of a large block (800 KB each at 100,000
    /// units) are carved from each thread's heap arena, whose freed memory stays with the process:
    /// `compute` of 100,000 units peaked 20–60 MB higher, by how the threads happened to
    /// interleave. No effect where the C library is not glibc.
    package static func returnLargeBlocksToTheSystem() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does not bring in; looked up
        // by name instead. `M_MMAP_THRESHOLD` is -3 in glibc.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 128 * 1024)
        #endif
    }
}
