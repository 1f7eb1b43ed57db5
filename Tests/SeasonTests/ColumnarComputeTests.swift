import Foundation
import IndexCore
import Reports
import Season
import TestFixtures
import Testing

/// The stateless `compute` of wide CSV files in columns (issue 11, item 14): the answers are held
/// as an `AnswerTable`, the CSV is written from the engine's result without a `RankingTable`, and
/// every output is byte for byte the record path's.
@Suite struct ColumnarComputeTests {
    let service = SeasonService()
    let survey2019 = Repository.path("Examples/vn-it-application/survey-2019.csv")

    @Test func computeHoldsTheAnswersInColumnsAndWritesTheSameCSV() async throws {
        let request = InputRequest(methodology: "vn-it-application-2019", dataFiles: [survey2019])
        let computed = try await service.compute(ComputeRequest(inputs: request))
        let table = try #require(computed.inputs.table, "a wide CSV is read into columns")
        #expect(table.units.allSatisfy { $0.values.isEmpty && $0.sources.isEmpty }, "no dictionary of answers per unit")
        // The record path: one dictionary of answers per unit, the ranking through a RankingTable.
        let records = try await service.loadPeriod(request)
        #expect(records.table == nil)
        #expect(computed.inputs.answers == records.answers, "the units' answers and sources, made from the table when asked")
        let expected = ResultFormatter(RankingTable(try records.compute())).csv()
        var pieces: [String] = []
        computed.writeCSV(chunkSize: 4096) { pieces.append($0) }
        #expect(pieces.joined() == expected)
        #expect(pieces.count > 1 && pieces.allSatisfy { $0.hasSuffix("\n") }, "written in pieces, each ending at a line end")
        #expect(ResultFormatter(computed.table).csv() == expected, "the table, made when asked, is the same ranking")
        #expect(ResultFormatter(computed.table).json(language: .vi).rendered() == ResultFormatter(RankingTable(try records.compute())).json(language: .vi).rendered())
    }

    @Test func onlyTheBlocksAskedForAreWritten() async throws {
        let request = InputRequest(methodology: "vn-it-application-2019", dataFiles: [survey2019])
        let computed = try await service.compute(ComputeRequest(inputs: request, blocks: ["province"]))
        var text = ""
        computed.writeCSV { text += $0 }
        #expect(text == ResultFormatter(RankingTable(try await service.loadPeriod(request).compute(), blocks: ["province"])).csv())
        #expect(text.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("province,") })
    }

    /// A file the columnar reader refuses is read as records, which report the problem as always.
    @Test func aBadAnswerIsReportedAsBefore() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-columnar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = try String(contentsOfFile: survey2019, encoding: .utf8).components(separatedBy: "\n")
        var cells = lines[1].components(separatedBy: ",")
        cells[4] = "nhiều" // staff_total: not a number
        lines[1] = cells.joined(separator: ",")
        let bad = directory.appendingPathComponent("survey.csv")
        try lines.joined(separator: "\n").write(to: bad, atomically: true, encoding: .utf8)
        let request = InputRequest(methodology: "vn-it-application-2019", dataFiles: [bad.path])
        let fromCompute = await #expect(throws: SeasonError.self) { _ = try await service.compute(ComputeRequest(inputs: request)) }
        let fromRecords = await #expect(throws: SeasonError.self) { _ = try await service.loadPeriod(request) }
        #expect(fromCompute?.description == fromRecords?.description)
        #expect(fromCompute?.description.contains("survey.csv:2:5") == true, "\(fromCompute?.description ?? "")")
    }
}
