// Serves the synthetic fixture portals of Examples/portals/ on 127.0.0.1, one port each, until
// interrupted: the portals the README's and docs/portal-audit.md's crawl examples use. A demo
// and test helper, kept out of the `ictindex` tool.
//
//   swift run ictindex-fixtures [--root Examples/portals] [--port 8701]
import Foundation
import PortalAuditFixtures

func option(_ name: String, _ fallback: String) -> String {
    let arguments = CommandLine.arguments
    if let index = arguments.firstIndex(of: name), index + 1 < arguments.count { return arguments[index + 1] }
    return fallback
}

let base = URL(fileURLWithPath: option("--root", "Examples/portals"))
guard let first = Int(option("--port", "8701")), (1...65_000).contains(first) else {
    FileHandle.standardError.write(Data("ictindex-fixtures: --port must be a port number\n".utf8))
    exit(2)
}
let sites: [String]
do {
    sites = try FileManager.default.contentsOfDirectory(atPath: base.path).sorted().filter { name in
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: base.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue && name != "hostile"
    }
} catch {
    FileHandle.standardError.write(Data("ictindex-fixtures: cannot read the fixture portals in \(base.path) (run from the repository root, or give --root)\n".utf8))
    exit(1)
}
var servers: [FixtureServer] = []
for (offset, site) in sites.enumerated() {
    let server = try await FixtureServer(port: first + offset, route: FixtureServer.directory(base.appendingPathComponent(site)))
    servers.append(server)
    print("\(site): \(server.baseURL.absoluteString)")
}
while true { try await Task.sleep(nanoseconds: 3_600_000_000_000) }
