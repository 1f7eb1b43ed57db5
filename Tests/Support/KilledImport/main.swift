// Test support, not shipped: `ictindex-killed-import WORKSPACE AFTER FILE…` imports the files
// through Season's import and kills the process with SIGKILL once AFTER submissions are written
// inside the import's transaction — a real crash, not a thrown error, to prove that the store
// keeps nothing of an interrupted import.
import Foundation
import Season

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3, let limit = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: ictindex-killed-import WORKSPACE AFTER FILE…\n".utf8))
    exit(2)
}
do {
    _ = try await SeasonService().importFiles(ImportRequest(files: Array(arguments.dropFirst(2)), workspace: arguments[0])) { written in
        if written >= limit { kill(getpid(), SIGKILL) }
    }
    FileHandle.standardError.write(Data("the import finished before \(limit) submissions\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
