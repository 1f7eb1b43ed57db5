import Foundation
import IndexCore
import Reports
import Testing
import TestProcesses

/// Runs the built `ictindex` binary (it sits beside the test bundle in the build folder).
struct CLI {
    typealias Output = ChildProcess.Result

    static let binary: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("ictindex")
    }()

    /// The test helper that imports through Season and kills itself inside the transaction.
    static let killedImport = binary.deletingLastPathComponent().appendingPathComponent("ictindex-killed-import")

    /// Runs the binary (or `executable`) in `directory` and awaits its end (`ChildProcess`: no
    /// thread of the cooperative pool is held while it runs). A signal's number is the status of a
    /// process killed by it (SIGKILL: 9).
    static func run(_ arguments: [String], environment: [String: String] = [:], executable: URL = binary, directory: URL = Repository.root) async throws -> Output {
        try await ChildProcess.run(executable, arguments, environment: environment, directory: directory)
    }
}

@Suite struct CLITests {
    let methodology = "Indicators/vn-it-application/2019.yaml"
    let data2019 = "Examples/vn-it-application/survey-2019.csv"

    @Test func computeTableIsVietnameseByDefault() async throws {
        let output = try await CLI.run(["compute", methodology, data2019, "--block", "province"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Tỉnh, thành phố trực thuộc Trung ương"))
        #expect(output.stdout.contains("   1  Thừa Thiên Huế     0,9039"))
        #expect(!output.stdout.contains("Bộ Tài chính"), "--block limits the output")
    }

    @Test func computeJSONFollowsTheContract() async throws {
        let output = try await CLI.run(["compute", methodology, data2019, "--format", "json", "--lang", "en"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["index"] as? String == "vn-it-application-2019")
        #expect(json["edition"] as? String == "2019")
        #expect(json["period"] as? Int == 2019)
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        #expect(blocks.map { $0["id"] as? String } == ["ministry", "agency", "province"])
        let ministries = blocks[0]
        #expect(ministries["name"] as? String == "Ministries and ministry-level agencies")
        #expect(ministries["count"] as? Int == 17)
        let units = try #require(ministries["units"] as? [[String: Any]])
        let first = units[0]
        #expect(first["id"] as? String == "bo-tai-chinh")
        #expect(first["rank"] as? Int == 1)
        let value = try #require(first["value"] as? Double)
        #expect(PublishedRounding.round(value, decimals: 4) == 0.9291)
        #expect(value != 0.9291, "values are unrounded")
        let components = try #require(first["components"] as? [String: [String: Any]])
        #expect(components["c1"]?["value"] is Double)
        #expect(components["c4.level4"]?["rank"] is Int)
        #expect(components["index"] == nil, "the root is the unit's value, not a component")
    }

    @Test func computeCSVHasOneRowPerUnit() async throws {
        let output = try await CLI.run(["compute", methodology, data2019, "--format", "csv"])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n")
        let units = 17 + 7 + 63 // ministries, agencies, provinces
        #expect(lines.count == 1 + units)
        #expect(lines[0].hasPrefix("block,rank,id,name,value,c1,c1.computers"))
        #expect(lines[1].hasPrefix("ministry,1,bo-tai-chinh,Bộ Tài chính,0.929"))
    }

    @Test func explainFindsUnitsByNameWithoutDiacriticsAndInNFD() async throws {
        for name in ["Thua Thien Hue", "thừa thiên huế".decomposedStringWithCanonicalMapping, "thua-thien-hue"] {
            let output = try await CLI.run(["explain", methodology, data2019, "--unit", name, "--node", "c1.bandwidth", "--lang", "en"])
            #expect(output.status == 0, "\(name): \(output.stderr)")
            #expect(output.stdout.hasPrefix("Thừa Thiên Huế (thua-thien-hue) — Provinces and centrally-run cities — 2019"))
            #expect(output.stdout.contains("value = bandwidth_mbps / staff_total"))
            #expect(output.stdout.contains("(best of 63)"))
            #expect(output.stdout.contains("[Examples/vn-it-application/survey-2019.csv:"))
        }
    }

    @Test func explainAnUnknownUnitSuggestsTheClosest() async throws {
        let output = try await CLI.run(["explain", methodology, data2019, "--unit", "Thua Thien"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("không có đơn vị nào tên 'Thua Thien'"), "Vietnamese by default: \(output.stderr)")
        #expect(output.stderr.contains("Thừa Thiên Huế"))
    }

    @Test func exitCodes() async throws {
        #expect(try await CLI.run(["validate", methodology]).status == 0)
        #expect(try await CLI.run(["validate", methodology, data2019]).status == 0)
        #expect(try await CLI.run(["compute", methodology, data2019, "--format", "xml"]).status == 2, "bad option value is a usage error")
        #expect(try await CLI.run(["compute", methodology, "Examples/vn-it-application/survey-2018.csv", data2019]).status == 2, "two periods need --period")
        #expect(try await CLI.run(["compute", methodology, "Examples/vn-it-application/survey-2018.csv", data2019, "--period", "2018"]).status == 0)
        #expect(try await CLI.run(["frobnicate"]).status == 2)
        #expect(try await CLI.run(["--help"]).status == 0)
    }

    @Test func invalidDataExitsOneAndNamesFileLineAndField() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = try String(contentsOf: Repository.url(data2019), encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        var row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        row[header.firstIndex(of: "staff_total")!] = "nhiều"
        lines[1] = row.joined(separator: ",")
        let file = directory.appendingPathComponent("bad.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let output = try await CLI.run(["compute", methodology, file.path])
        #expect(output.status == 1)
        #expect(output.stderr.contains("bad.csv:2:"))
        #expect(output.stderr.contains("staff_total: cần một số nguyên, nhưng là 'nhiều' [type-mismatch]"), "Vietnamese by default: \(output.stderr)")
    }
}

@Suite struct WorkspaceCLITests {
    func workspace() async throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-ws-\(UUID().uuidString)")
        let output = try await CLI.run(["init", directory.path])
        #expect(output.status == 0, "\(output.stderr)")
        return directory
    }

    @Test func initImportComputeHistory() async throws {
        let directory = try await workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let imported = try await CLI.run(["import", "--workspace", directory.path, "Examples/vn-it-application/survey-2019.csv"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("đã nhập: 87 mới, 0 thay thế, 0 không đổi"), "Vietnamese by default: \(imported.stdout)")
        let again = try await CLI.run(["import", "--workspace", directory.path, "Examples/vn-it-application/survey-2019.json", "--lang", "en"])
        #expect(again.stdout.contains("imported: 0 new, 0 superseding, 87 unchanged; 0 answers"), "the same answers from JSON change nothing")
        let fromWorkspace = try await CLI.run(["compute", "--workspace", directory.path, "--format", "json"])
        let fromFile = try await CLI.run(["compute", "Indicators/vn-it-application/2019.yaml", "Examples/vn-it-application/survey-2019.csv", "--format", "json"])
        #expect(fromWorkspace.status == 0, "\(fromWorkspace.stderr)")
        #expect(fromWorkspace.stdout == fromFile.stdout, "the workspace computes exactly what the files give")
        let history = try await CLI.run(["history", "--workspace", directory.path, "--unit", "ha-noi", "--lang", "en"])
        #expect(history.stdout.contains("TP. Hà Nội (ha-noi)"))
        #expect(history.stdout.contains("2019  active  50 answers  Examples/vn-it-application/survey-2019.csv"))
        // The unit's index and rank per period, as `compute` gives them (0,8376, 13th of 63).
        #expect(history.stdout.contains("Index and rank per period:\n  2019  province  0.8376  rank 13 of 63\n"), "\(history.stdout)")
        let vietnamese = try await CLI.run(["history", "--workspace", directory.path, "--unit", "Ha Noi"])
        #expect(vietnamese.stdout.contains("Chỉ số và thứ hạng theo kỳ:\n  2019  province  0,8376  hạng 13/63\n"), "\(vietnamese.stdout)")
        let json = try await CLI.run(["history", "--workspace", directory.path, "--unit", "ha-noi", "--period", "2019", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let standings = try #require(object["standings"] as? [[String: Any]])
        #expect(standings.map { $0["rank"] as? Int } == [13])
        #expect(standings.map { $0["period"] as? Int } == [2019])
        #expect((object["submissions"] as? [[String: Any]])?.count == 1)
        let none = try await CLI.run(["history", "--workspace", directory.path, "--unit", "ha-noi", "--period", "2018", "--format", "json"])
        #expect(none.status == 0)
        #expect(none.stdout.contains("\"standings\": []"), "no answers in 2018: \(none.stdout)")
    }

    @Test func invalidAnswersWriteNothing() async throws {
        let directory = try await workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("bad.csv")
        try "period,id,field,value\n2019,ha-noi,staff_total,abc\n2019,Atlantis,staff_total,5\n".write(to: bad, atomically: true, encoding: .utf8)
        let output = try await CLI.run(["import", "--workspace", directory.path, bad.path, "Examples/vn-it-application/survey-2019.csv", "--lang", "en"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("no unit named 'Atlantis'"))
        let compute = try await CLI.run(["compute", "--workspace", directory.path, "--lang", "en"])
        #expect(compute.status == 2)
        #expect(compute.stderr.contains("holds no answers yet"))
    }

    /// A real kill (SIGKILL inside the import's transaction) leaves the store as it was.
    @Test func aKilledImportLeavesTheStoreAsItWas() async throws {
        let directory = try await workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try await CLI.run(["import", "--workspace", directory.path, "Examples/vn-it-application/survey-2018.csv"]).status == 0)
        let before = try await CLI.run(["compute", "--workspace", directory.path, "--format", "csv"])
        // Season's import with its test seam, in a helper process that SIGKILLs itself after 30 submissions.
        let killed = try await CLI.run([directory.path, "30", "Examples/vn-it-application/survey-2019.csv"], executable: CLI.killedImport)
        #expect(killed.status == 9, "the import was killed by SIGKILL")
        let after = try await CLI.run(["compute", "--workspace", directory.path, "--format", "csv"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before.stdout, "only 2018 is there, as before")
        let retry = try await CLI.run(["import", "--workspace", directory.path, "Examples/vn-it-application/survey-2019.csv", "--lang", "en"])
        #expect(retry.stdout.contains("imported: 87 new"))
    }
}
