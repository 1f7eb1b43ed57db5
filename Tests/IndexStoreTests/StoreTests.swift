import Foundation
import IndexCore
import IndexStore
import Intake
import Testing

@Suite struct StoreTests {
    @Test func sha256KnownVectors() {
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Data(repeating: 0x61, count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    func makeStore(_ directory: TemporaryDirectory) throws -> Store {
        let store = try Store(path: directory.url.appendingPathComponent("test.sqlite").path)
        try store.replaceRegistry(try Repository.registry())
        return store
    }

    func submissions(_ year: Int, file: String = "survey.csv", sha: String = "f") throws -> [Submission] {
        try Repository.examples(year).map { Submission(answers: $0, period: year, fileName: file, fileSHA256: sha, methodologyHash: nil) }
    }

    @Test func computingFromTheStoreEqualsComputingTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let store = try makeStore(directory)
        let report = try store.importSubmissions(try submissions(2019))
        #expect(report.count(.new) == 87)
        let methodology = try Repository.methodology()
        let fromFile = try Engine.compute(methodology, answers: try Repository.examples(2019), period: 2019)
        let fromStore = try Engine.compute(methodology, answers: try store.answers(period: 2019), period: 2019)
        for block in fromFile.blocks {
            let other = try #require(fromStore.block(block.plan.block.id))
            #expect(block.score == other.score)
            #expect(block.rank == other.rank)
            #expect(block.units.map(\.name) == other.units.map(\.name))
        }
        let huế = try #require(try store.answers(period: 2019).first { $0.unitID == "thua-thien-hue" })
        #expect(huế.sources["staff_total"]?.file.hasPrefix("Examples/vn-it-application/survey-2019.csv:") == true || huế.sources["staff_total"]?.file.contains("survey-2019.csv") == true)
    }

    @Test func reimportIsANoOpAndACorrectionSupersedes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let store = try makeStore(directory)
        _ = try store.importSubmissions(try submissions(2019))
        let observations = try store.count("observation")
        let again = try store.importSubmissions(try submissions(2019, file: "copy.csv", sha: "g"))
        #expect(again.count(.unchanged) == 87)
        #expect(try store.count("observation") == observations)
        #expect(try store.count("submission") == 87)

        var corrected = try submissions(2019, file: "fix.csv", sha: "h").filter { $0.answers.unitID == "ha-noi" }
        let before = try #require(corrected[0].answers.values["staff_trained"])
        corrected[0].answers.values["staff_trained"] = 100
        corrected[0].answers.values["staff_total"] = nil
        let removed = try #require(try submissions(2019).first { $0.answers.unitID == "ha-noi" }?.answers.values["staff_total"])
        let dry = try store.importSubmissions(corrected, dryRun: true)
        #expect(dry.entries.map(\.action) == [.supersede])
        // The diff of a superseding submission: each changed answer, before and after.
        #expect(dry.entries[0].changes == [
            AnswerChange(field: "staff_total", before: .number(removed), after: nil),
            AnswerChange(field: "staff_trained", before: .number(before), after: .number(100)),
        ])
        #expect(try store.count("submission") == 87, "a dry run writes nothing")
        let applied = try store.importSubmissions(corrected)
        #expect(applied.entries.map(\.action) == [.supersede])
        let history = try store.history(unitID: "ha-noi")
        #expect(history.map(\.status) == ["active", "superseded"])
        #expect(history[1].supersededBy == history[0].id)
        #expect(history[0].fileName == "fix.csv")
        #expect(history[0].changes == dry.entries[0].changes, "history shows the same diff")
        #expect(history[1].changes.isEmpty, "the first submission changed nothing")
        #expect(try store.answers(period: 2019).first { $0.unitID == "ha-noi" }?.values["staff_trained"] == 100)
    }

    @Test func anInterruptedImportLeavesTheStoreAsItWas() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let store = try makeStore(directory)
        _ = try store.importSubmissions(try submissions(2018))
        let before = (try store.count("submission"), try store.count("observation"))
        #expect(throws: CancellationError.self) { try store.importSubmissions(try submissions(2019), afterEach: { if $0 == 40 { throw CancellationError() } }) }
        #expect((try store.count("submission"), try store.count("observation")) == before)
        #expect(try store.answers(period: 2019).isEmpty)
    }

    @Test func unknownUnitsAreRejectedAndNothingIsWritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let store = try makeStore(directory)
        var items = try submissions(2019)
        items[5].answers.unitID = "atlantis"
        #expect(throws: DiagnosticError.self) { try store.importSubmissions(items) }
        #expect(try store.count("submission") == 0)
    }

    @Test func anEmptySubmissionIsRejectedRatherThanSupersedingAnswers() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let store = try makeStore(directory)
        _ = try store.importSubmissions(try submissions(2019))
        var empty = try submissions(2019, file: "blank.xlsx", sha: "b").filter { $0.answers.unitID == "ha-noi" }
        empty[0].answers.values = [:]
        empty[0].answers.texts = [:]
        #expect(throws: DiagnosticError.self) { try store.importSubmissions(empty) }
        #expect(try store.history(unitID: "ha-noi").map(\.status) == ["active"])
    }

    @Test func twoImportsAtTheSameTimeDoNotCorruptTheStore() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.url.appendingPathComponent("test.sqlite").path
        let setup = try Store(path: path)
        try setup.replaceRegistry(try Repository.registry())
        let (a, b) = (try submissions(2018), try submissions(2019))
        // Two connections to the same file, as two processes would have.
        async let first = Task.detached { try Store(path: path).importSubmissions(a) }.value
        async let second = Task.detached { try Store(path: path).importSubmissions(b) }.value
        let reports = try await [first, second]
        #expect(reports.map { $0.count(.new) } == [89, 87])
        #expect(try setup.count("submission") == 89 + 87)
        #expect(try setup.answers(period: 2018).count == 89)
        #expect(try setup.answers(period: 2019).count == 87)
    }
}

@Suite struct LongLayoutTests {
    /// The long layout (one observation per row) carries the same answers as the wide one.
    @Test func longCSVGivesTheSameAnswersAsTheWideCSV() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let wide = try Repository.examples(2019)
        var lines = ["period,id,field,value"]
        for unit in wide {
            for field in unit.values.keys.sorted() { lines.append("2019,\(unit.unitID),\(field),\(unit.values[field]!)") }
            for field in unit.texts.keys.sorted() { lines.append("2019,\(unit.unitID),\(field),\(unit.texts[field]!)") }
        }
        let file = directory.url.appendingPathComponent("long.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let records = try Repository.registry().resolve(records: try SurveyReader.read(file), defaultPeriod: nil)
        let long = try SurveyValidator(methodology: try Repository.methodology()).validate(records)
        #expect(long.count == wide.count)
        for (a, b) in zip(long.sorted { $0.unitID < $1.unitID }, wide.sorted { $0.unitID < $1.unitID }) {
            #expect(a.unitID == b.unitID)
            #expect(a.block == b.block)
            #expect(a.values == b.values)
            #expect(a.texts == b.texts)
        }
        let huế = try #require(long.first { $0.unitID == "thua-thien-hue" })
        #expect(huế.sources["staff_total"]?.line != nil, "each value keeps its line")
    }
}
