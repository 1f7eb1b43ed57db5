import Foundation
import IndexCore
import IndexStore
import Reports
import Season
import TestFixtures
import Testing

/// The application library called directly, the way the web server will call it.
@Suite struct SeasonServiceTests {
    let service = SeasonService()
    let survey2018 = Repository.path("Examples/vn-it-application/survey-2018.csv")
    let survey2019 = Repository.path("Examples/vn-it-application/survey-2019.csv")

    @Test func computesThePublishedRanking() async throws {
        let computed = try await service.compute(ComputeRequest(inputs: InputRequest(methodology: "vn-it-application-2019", dataFiles: [survey2019])))
        let provinces = try #require(computed.result.block("province"))
        #expect(computed.result.period == 2019)
        #expect(provinces.rankOf("thua-thien-hue") == 1)
        #expect(PublishedRounding.round(provinces.value("thua-thien-hue"), decimals: 4) == 0.9039)
        #expect(computed.runID == nil, "nothing is stored without a workspace")
    }

    @Test func twoPeriodsNeedAChoice() async throws {
        let request = InputRequest(methodology: "vn-it-application-2019", dataFiles: [survey2018, survey2019])
        let error = await #expect(throws: SeasonError.self) {
            _ = try await service.loadPeriod(request)
        }
        #expect(error?.description == "the data hold several periods (2018, 2019); choose one with --period")
        #expect(error?.description(in: .vi) == "số liệu có nhiều kỳ (2018, 2019); hãy chọn một kỳ bằng --period")
        var one = request
        one.periods = [2018]
        #expect(try await service.loadPeriod(one).period == 2018)
        let season = try await service.loadSeason(request)
        #expect(season.periods.map(\.period) == [2018, 2019], "a season takes every period, the latest last")
    }

    /// Computing from files reads unit attributes from the registry given (here u1 and u2's region;
    /// u3's comes from the data), and explaining a unit that screening left out says why.
    @Test func registryAttributesAndAScreenedUnit() async throws {
        let directory = try temporaryDirectory("season-groups")
        defer { try? FileManager.default.removeItem(at: directory) }
        // The shared set-up (`TestFixtures`): u5 of the south beside the north's u1, u2, u3.
        for (name, text) in ScreenedFixture.regionFiles { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let request = InputRequest(methodology: directory.appendingPathComponent("m.yaml").path, dataFiles: [directory.appendingPathComponent("data.csv").path],
                                   registry: directory.appendingPathComponent("units.yaml").path)
        let computed = try await service.compute(ComputeRequest(inputs: request, registry: request.registry))
        let block = try #require(computed.result.block("p"))
        #expect(block.units.map(\.unitID) == ["u1", "u2", "u3", "u5"])
        #expect(block.ranks(within: "region") == [1, 3, 2, 1])
        #expect(block.screened.map(\.unit.unitID) == ["u4"])
        let notRanked = await #expect(throws: SeasonError.self) {
            _ = try await service.explain(request, unit: "u4")
        }
        #expect(notRanked?.description(in: .en) == "U4 (u4) is not ranked in block 'p': data for 1 of 2 indicators (50%), below the 66% screening threshold")
    }

    @Test func invalidAnswersAreDiagnosticsWithFileAndLine() async throws {
        let directory = try temporaryDirectory("season-invalid")
        defer { try? FileManager.default.removeItem(at: directory) }
        // The example answers with one number spoilt on the first data row.
        var lines = try String(contentsOfFile: survey2019, encoding: .utf8).split(separator: "\n").map(String.init)
        let column = try #require(lines[0].split(separator: ",").firstIndex(of: "staff_total"))
        var row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        row[column] = "nhiều"
        lines[1] = row.joined(separator: ",")
        let bad = directory.appendingPathComponent("bad.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: bad, atomically: true, encoding: .utf8)
        let error = await #expect(throws: SeasonError.self) {
            _ = try await service.loadPeriod(InputRequest(methodology: "vn-it-application-2019", dataFiles: [bad.path]))
        }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(diagnostic.location?.file.hasSuffix("bad.csv") == true)
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.message.contains("staff_total: expected a whole number, found 'nhiều'"))
    }

    /// A workspace made in an empty folder from the bundled files works: it imports, computes
    /// exactly what the files give, and stores the run.
    @Test func aWorkspaceInAnEmptyFolder() async throws {
        let directory = try temporaryDirectory("season-ws")
        defer { try? FileManager.default.removeItem(at: directory) }
        let created = try await service.createWorkspace(at: directory.path)
        #expect(created.copiedFiles == ["methodologies/vn-it-application-2019.yaml", "units/central.yaml", "units/provinces.yaml"])
        #expect(created.units > 63)
        let again = await #expect(throws: SeasonError.self) { _ = try await service.createWorkspace(at: directory.path) }
        #expect(again?.diagnostics.first?.message == "a workspace already exists here")
        let report = try await service.importFiles(ImportRequest(files: [survey2019], workspace: directory.path))
        #expect(report.count(.new) == 87)
        let fromWorkspace = try await service.compute(ComputeRequest(inputs: InputRequest(workspace: directory.path)))
        let fromFiles = try await service.compute(ComputeRequest(inputs: InputRequest(methodology: "vn-it-application-2019", dataFiles: [survey2019])))
        #expect(fromWorkspace.runID != nil, "a workspace keeps its runs")
        #expect(ResultFormatter(fromWorkspace.table).csv() == ResultFormatter(fromFiles.table).csv())
    }

    /// The import's seam stops it inside the transaction: nothing of it is kept.
    @Test func anInterruptedImportKeepsNothing() async throws {
        struct Interrupted: Error {}
        let directory = try temporaryDirectory("season-interrupted")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await service.createWorkspace(at: directory.path)
        _ = try await service.importFiles(ImportRequest(files: [survey2018], workspace: directory.path))
        let seen = Counter()
        await #expect(throws: SeasonError.self) {
            _ = try await service.importFiles(ImportRequest(files: [survey2019], workspace: directory.path)) { written in
                seen.set(written)
                if written >= 30 { throw Interrupted() }
            }
        }
        #expect(seen.value == 30, "the seam is called after each submission written")
        let workspace = try service.openWorkspace(directory.path)
        #expect(try workspace.store.periods() == [2018], "only 2018 is there, as before")
        let retry = try await service.importFiles(ImportRequest(files: [survey2019], workspace: directory.path))
        #expect(retry.count(.new) == 87)
    }

    @Test func checkAppliesThresholdsToTheMainYear() async throws {
        let inputs = InputRequest(methodology: "vn-it-application-2019", dataFiles: [survey2018, survey2019])
        let passing = try await service.check(CheckRequest(inputs: inputs, minIndex: [("Thua Thien Hue", 0.9)]))
        #expect(passing.passed)
        let failing = try await service.check(CheckRequest(inputs: inputs, minIndex: [("thua-thien-hue", 0.95)]))
        #expect(failing.failures.map(\.check) == ["min_index"])
        #expect(failing.failures.map(\.message.en) == ["Thừa Thiên Huế (thua-thien-hue) has index 0.9039, below 0.95"])
        #expect(failing.failures.map(\.message.vi) == ["Thừa Thiên Huế (thua-thien-hue) có chỉ số 0,9039, thấp hơn 0,95"])
        let summary = failing.summary.rendered(indent: 0)
        #expect(summary.hasPrefix(#"{"status":"fail","period":2019,"previous_period":2018,"units":87,"#), "\(summary)")
    }

    @Test func reportWritesOnlyIntoItsFolder() async throws {
        let directory = try temporaryDirectory("season-report")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("report")
        let written = try await service.report(ReportRequest(inputs: InputRequest(methodology: "vn-it-application-2019", dataFiles: [survey2018, survey2019]),
                                                            outputFolder: out.path, formats: [.md, .csv], unitPages: ["ha-noi"]))
        #expect(written.mainPeriod == 2019)
        #expect(written.unitPages == 1)
        #expect(written.files.contains("index.md"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report"])
        let markdown = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(markdown.contains("map-province"), "the bundled tile grid draws the province map")
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var latest = 0
    func set(_ value: Int) { lock.withLock { latest = value } }
    var value: Int { lock.withLock { latest } }
}
