import Foundation
import IndexCore
import Intake
import Testing

/// Computing from answers in columns (``AnswerTable``) against computing from one dictionary of
/// answers per unit, on the bundled 2019 example of every block.
@Suite("Answer tables")
struct AnswerTableTests {
    static func example() throws -> (Methodology, [UnitAnswers]) {
        let methodology = try Library.methodology("vn-it-application/2019.yaml")
        let records = try SurveyReader.read(Library.url("Examples/vn-it-application/survey-2019.csv"))
        return (methodology, try SurveyValidator(methodology: methodology).validate(records))
    }

    /// The same answers as a table: one column per numeric field (NaN where not answered).
    static func table(_ methodology: Methodology, _ answers: [UnitAnswers], dropping dropped: Set<String> = []) throws -> AnswerTable {
        var columns: [String: [Double]] = [:]
        for field in methodology.fields where field.type != .text && !dropped.contains(field.id) {
            columns[field.id] = answers.map { $0.values[field.id] ?? .nan }
        }
        let units = answers.map { answers in
            var unit = answers
            unit.values = [:] // a table's units carry identity, texts and sources only
            return unit
        }
        return try AnswerTable(units: units, columns: columns)
    }

    static func expectSame(_ a: BlockResult, _ b: BlockResult) {
        #expect(a.units.map(\.unitID) == b.units.map(\.unitID))
        #expect(a.score.map { $0.map(\.bitPattern) } == b.score.map { $0.map(\.bitPattern) }, "\(a.plan.block.id)")
        #expect(a.rank == b.rank)
        #expect(a.imputed == b.imputed)
        #expect(a.statistics.map(\.mean.bitPattern) == b.statistics.map(\.mean.bitPattern))
    }

    @Test("every block computed from columns equals the computation from dictionaries, bit for bit")
    func sameResults() throws {
        let (methodology, answers) = try Self.example()
        #expect(Set(answers.map(\.block)).count == 3)
        // units of the three blocks interleaved and out of id order: the table path must select
        // and sort them as the dictionary path does
        var random = SplitMix64(seed: 2019)
        var shuffled = answers
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, random.int(0...i)) }
        #expect(shuffled.map(\.unitID) != answers.map(\.unitID))
        let fromDictionaries = try Engine.compute(methodology, answers: answers)
        let fromTable = try Engine.compute(methodology, table: Self.table(methodology, shuffled))
        #expect(fromTable.blocks.map(\.plan.block.id) == fromDictionaries.blocks.map(\.plan.block.id))
        #expect(fromTable.period == fromDictionaries.period)
        for (a, b) in zip(fromTable.blocks, fromDictionaries.blocks) { Self.expectSame(a, b) }
        // the published 2019 ministries' mean (0.818), which the example is calibrated to
        let ministries = try #require(fromTable.block("ministry"))
        #expect(abs(ministries.indexStatistics.mean - 0.818) < 0.0005)
    }

    @Test("a table of one block's units out of id order is sorted like the dictionary path")
    func oneBlockOutOfOrder() throws {
        let (methodology, answers) = try Self.example()
        let provinces = answers.filter { $0.block == "province" }
        let reversed = Array(provinces.sorted { $0.unitID < $1.unitID }.reversed())
        let fromTable = try Engine.compute(methodology, table: Self.table(methodology, reversed))
        let fromDictionaries = try Engine.compute(methodology, answers: provinces)
        let a = try #require(fromTable.block("province")), b = try #require(fromDictionaries.block("province"))
        Self.expectSame(a, b)
        #expect(a.units.map(\.unitID) == provinces.map(\.unitID).sorted())
    }

    @Test("a unit's answers read back from the columns are the answers it came with")
    func answersRoundTrip() throws {
        let (methodology, answers) = try Self.example()
        let fromTable = try Engine.compute(methodology, table: Self.table(methodology, answers))
        let block = try #require(fromTable.block("province"))
        #expect(block.units.allSatisfy { $0.values.isEmpty })
        for u in block.units.indices {
            let original = try #require(answers.first { $0.unitID == block.units[u].unitID })
            let numeric = original.values.filter { field, _ in block.plan.columns.prefix(block.plan.fieldCount).contains(field) }
            #expect(block.data.answers(u).values == numeric, "\(original.unitID)")
            #expect(block.data.answers(u).name == original.name)
        }
    }

    @Test("replacing one unit's answers equals recomputing the block with them")
    func replacing() throws {
        let (methodology, answers) = try Self.example()
        let plan = try BlockPlan(methodology: methodology, block: "province")
        let data = BlockData(plan: plan, answers: answers)
        let u = try #require(data.units.firstIndex { $0.unitID == "an-giang" })
        var changed = data.answers(u)
        let field = try #require(changed.values.keys.sorted().first)
        changed.values[field] = nil // one answer withdrawn
        let replaced = try Engine.compute(plan, data: data.replacing(u, with: changed))
        var units = answers
        units[units.firstIndex { $0.unitID == "an-giang" }!] = changed
        Self.expectSame(replaced, try Engine.compute(plan, answers: units))
    }

    @Test("a field without a column is unanswered by every unit")
    func missingColumn() throws {
        let (methodology, answers) = try Self.example()
        let dropped = try #require(methodology.fields.first { $0.type != .text }?.id)
        let withoutField = answers.map { unit in
            var unit = unit
            unit.values[dropped] = nil
            return unit
        }
        let fromTable = try Engine.compute(methodology, table: Self.table(methodology, answers, dropping: [dropped]))
        let fromDictionaries = try Engine.compute(methodology, answers: withoutField)
        for (a, b) in zip(fromTable.blocks, fromDictionaries.blocks) { Self.expectSame(a, b) }
    }

    @Test("columns of the wrong length are rejected, each by name")
    func wrongLength() throws {
        let units = (1...3).map { UnitAnswers(unitID: "u\($0)", name: "Unit \($0)", block: "p") }
        #expect(throws: Never.self) { try AnswerTable(units: units, columns: ["a": [1, 2, 3]]) }
        do {
            _ = try AnswerTable(units: units, columns: ["a": [1, 2, 3], "c": [1], "b": [1, 2, 3, 4]])
            Issue.record("expected an error")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.map(\.code) == [.invalidValue, .invalidValue])
            #expect(error.diagnostics.map(\.message) == ["column 'b' has 4 values for 3 units", "column 'c' has 1 values for 3 units"])
        }
    }
}
