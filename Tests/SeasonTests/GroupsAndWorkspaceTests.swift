import Foundation
import IndexCore
import IndexStore
import Reports
import Season
import TestFixtures
import Testing

/// Unit attributes kept by a workspace (issue 15 item 5 in a workspace), the `--group` filter of
/// `compute`, and what a workspace adds to assessments and reports (last year's rank, the date
/// of the data).
@Suite struct GroupsAndWorkspaceTests {
    let service = SeasonService()

    func fixture(_ name: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (file, text) in ScreenedFixture.regionFiles { try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8) }
        return directory
    }

    /// A workspace stores the registry's attributes and computes with them as the files do:
    /// u1 and u2 are in the north by the registry only.
    @Test func aWorkspaceRanksWithinTheRegistrysGroups() async throws {
        let directory = try fixture("groups-ws")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = InputRequest(methodology: directory.appendingPathComponent("m.yaml").path, dataFiles: [directory.appendingPathComponent("data.csv").path],
                                 registry: directory.appendingPathComponent("units.yaml").path)
        let fromFiles = try await service.compute(ComputeRequest(inputs: files, registry: files.registry))
        let workspace = directory.appendingPathComponent("ws").path
        _ = try await service.createWorkspace(at: workspace, methodologies: [directory.appendingPathComponent("m.yaml").path],
                                              registry: directory.appendingPathComponent("units.yaml").path)
        _ = try await service.importFiles(ImportRequest(files: [directory.appendingPathComponent("data.csv").path], workspace: workspace, period: 2019))
        let fromWorkspace = try await service.compute(ComputeRequest(inputs: InputRequest(workspace: workspace)))
        let block = try #require(fromWorkspace.result.block("p"))
        #expect(block.units.map(\.unitID) == ["u1", "u2", "u3", "u5"])
        // north: u1 0.9, u3 0.7, u2 0.5; south: u5 alone.
        #expect(block.ranks(within: "region") == [1, 3, 2, 1])
        #expect(ResultFormatter(fromWorkspace.table).csv() == ResultFormatter(fromFiles.table).csv())
        // The same JSON (groups included), but for the period the import gave the files' answers.
        #expect(ResultFormatter(fromWorkspace.table).json(language: .en).rendered()
                == ResultFormatter(fromFiles.table).json(language: .en).rendered().replacingOccurrences(of: "\"period\": null", with: "\"period\": 2019"))
        let stored = try service.openWorkspace(workspace).store.registry()
        #expect(stored.unit("u1")?.attributes == ["region": "north"])
        #expect(stored.unit("u3")?.attributes == [:])
    }

    /// In a workspace as from files, the data's value and the registry's must agree: a conflict
    /// is an error at the data's cell.
    @Test func aWorkspaceConflictIsAnErrorAtTheCell() async throws {
        let directory = try fixture("groups-conflict")
        defer { try? FileManager.default.removeItem(at: directory) }
        try "id,block,region,a,b\nu1,p,south,0.9,0.9\nu2,p,,0.5,0.5\n".write(to: directory.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let workspace = directory.appendingPathComponent("ws").path
        _ = try await service.createWorkspace(at: workspace, methodologies: [directory.appendingPathComponent("m.yaml").path],
                                              registry: directory.appendingPathComponent("units.yaml").path)
        _ = try await service.importFiles(ImportRequest(files: [directory.appendingPathComponent("data.csv").path], workspace: workspace, period: 2019))
        let error = await #expect(throws: SeasonError.self) {
            _ = try await service.compute(ComputeRequest(inputs: InputRequest(workspace: workspace)))
        }
        let problem = try #require(error?.diagnostics.first)
        #expect(problem.message(in: .en).contains("attribute 'region' is 'south' in the data but 'north' in the unit registry"), "\(problem.message(in: .en))")
        #expect(problem.location?.description.hasSuffix("data.csv:2:3 (region)") == true, "\(String(describing: problem.location))")
    }

    /// `--group region=north`: the north's units only, each with its rank in the block (u5 of the
    /// south still counts there) and its rank in the group; the summary is the group's.
    @Test func onlyTheUnitsOfOneGroup() async throws {
        let directory = try fixture("groups-filter")
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = InputRequest(methodology: directory.appendingPathComponent("m.yaml").path, dataFiles: [directory.appendingPathComponent("data.csv").path],
                                  registry: directory.appendingPathComponent("units.yaml").path)
        let north = RankingTable.GroupFilter(attribute: "region", value: "north")
        let computed = try await service.compute(ComputeRequest(inputs: inputs, registry: inputs.registry, group: north))
        let section = try #require(computed.table.sections.first)
        #expect(section.rows.map(\.id) == ["u1", "u3", "u2"])
        #expect(section.rows.map(\.rank) == [1, 3, 4], "ranks in the block, u5 (0.8) second")
        #expect(section.rows.map { $0.groups.first?.rank } == [1, 2, 3])
        #expect(section.statistics.count == 3)
        #expect(abs(section.statistics.mean - 0.7) < 1e-12)
        #expect(section.screened.isEmpty, "u4 has no region: not the north's")
        let text = ResultFormatter(computed.table).text(language: .vi)
        #expect(text.contains("Chỉ nhóm region = north: hạng trong khối và hạng trong nhóm"), "\(text)")
        #expect(!text.contains("U5"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ResultFormatter(computed.table).json(language: .en).rendered().utf8)) as? [String: Any])
        #expect(json["group"] as? [String: String] == ["attribute": "region", "value": "north"])
        #expect((json["blocks"] as? [[String: Any]])?.first?["count"] as? Int == 3)

        // Errors that say what exists.
        let unknownGroup = await #expect(throws: SeasonError.self) {
            _ = try await service.compute(ComputeRequest(inputs: inputs, registry: inputs.registry, group: .init(attribute: "region", value: "east")))
        }
        #expect(unknownGroup?.description(in: .en) == "no unit is in the group region = east (groups found: north, south)")
        let unknownAttribute = await #expect(throws: SeasonError.self) {
            _ = try await service.compute(ComputeRequest(inputs: inputs, registry: inputs.registry, group: .init(attribute: "income", value: "high")))
        }
        #expect(unknownAttribute?.description(in: .en) == "the methodology declares no unit attribute 'income' (declared: region)")
    }

    /// Assessing a unit of a workspace with two periods shows its rank of the earlier one, as
    /// computed from that period's answers.
    @Test func lastYearsRankFromTheWorkspace() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assess-ws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await service.createWorkspace(at: directory.path)
        _ = try await service.importFiles(ImportRequest(files: [Repository.path("Examples/vn-it-application/survey-2018.csv"),
                                                                Repository.path("Examples/vn-it-application/survey-2019.csv")], workspace: directory.path))
        let assessed = try await service.assess(InputRequest(workspace: directory.path, periods: [2019]), unit: "Thua Thien Hue")
        let previous = try #require(assessed.previous)
        let computed2018 = try await service.compute(ComputeRequest(inputs: InputRequest(workspace: directory.path, periods: [2018])))
        let block = try #require(computed2018.result.block("province"))
        #expect(previous.period == 2018)
        #expect(previous.rank == block.rankOf("thua-thien-hue"))
        #expect(previous.value == block.value("thua-thien-hue"))
        #expect(previous.rankOf == block.statistics[block.plan.rootIndex].count)
        #expect(assessed.formFile == nil)
        #expect(assessed.plan != nil)
        // 2018 has no year before it.
        #expect(try await service.assess(InputRequest(workspace: directory.path, periods: [2018]), unit: "Thua Thien Hue").previous == nil)

        // The report of the workspace dates its data by the latest import of the main year.
        let out = directory.appendingPathComponent("report")
        _ = try await service.report(ReportRequest(inputs: InputRequest(workspace: directory.path), outputFolder: out.path, formats: [.md], unitPages: ["ha-noi"]))
        let imported = try service.openWorkspace(directory.path).store.history(unitID: "ha-noi").filter { $0.period == 2019 }.map(\.importedAt).max()
        let day = try #require(imported.flatMap { Day(String($0.prefix(10))) })
        let markdown = try String(contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(markdown.contains(String(format: "Số liệu được nhận đến ngày %02d/%02d/%04d", day.day, day.month, day.year)), "\(markdown.prefix(1500))")
        #expect(markdown.contains("Cơ quan ban hành: Bộ Thông tin và Truyền thông."))
    }
}
