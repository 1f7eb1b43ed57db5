import Foundation
import IndexCore
@testable import Formats
@testable import Intake
@testable import Reports
import Testing
import TestProcesses
#if canImport(Glibc)
import Glibc
#endif

/// The fuzz suite of issue 11: seeded mutations of methodology, CSV, JSON and XLSX inputs, run
/// through the library (read → resolve → validate → compute, and for some the whole report) and,
/// for a few, through the `ictindex` binary. Every case must end in success or in diagnostics
/// that name the fuzzed file and a place in it; the binary must exit 0, 1 or 2, never crash or
/// hang, and write nothing outside its output folder.
///
/// Reproduce a failure with its seed and case number (printed in the message). `FUZZ_SEED`
/// changes the seed, `FUZZ_SCALE` multiplies the number of cases (e.g. `FUZZ_SCALE=10` for a
/// long local run).
@Suite(.serialized) struct FuzzTests {
    static let seed = UInt64(ProcessInfo.processInfo.environment["FUZZ_SEED"] ?? "") ?? 20_261_130
    static let scale = Double(ProcessInfo.processInfo.environment["FUZZ_SCALE"] ?? "") ?? 1
    static func cases(_ count: Int) -> Int { max(1, Int(Double(count) * scale)) }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static let methodologyURL = url("Indicators/vn-it-application/2019.yaml")
    static let methodology = try! MethodologyLoader.load(contentsOf: methodologyURL)
    static let registry = try! UnitRegistry.load(contentsOf: url("Indicators/units"))

    /// Six units of the 2019 example (two of each block): small enough for thousands of cases.
    static let csvSeed: Data = {
        let lines = (try! String(contentsOf: url("Examples/vn-it-application/survey-2019.csv"), encoding: .utf8)).split(separator: "\n", omittingEmptySubsequences: false)
        var chosen = [lines[0]]
        for block in ["ministry", "agency", "province"] { chosen += lines.filter { $0.hasPrefix("2019,\(block),") }.prefix(2) }
        return Data((chosen.joined(separator: "\n") + "\n").utf8)
    }()

    /// The same six units as JSON.
    static let jsonSeed: Data = {
        let records = try! SurveyReader.readCSV(csvSeed, fileName: "seed.csv")
        let units = records.map { record -> String in
            let answers = record.cells.compactMap { cell -> String? in
                guard case .text(let text) = cell.value else { return nil }
                let value = DecimalNumber.parse(text).map { _ in text } ?? (text == "có" ? "true" : text == "không" ? "false" : "\"\(text)\"")
                return "\"\(cell.field)\": \(value)"
            }
            return "{\"id\": \"\(record.unitID!)\", \"name\": \"\(record.name!)\", \"block\": \"\(record.block!)\",\n  \"answers\": {\(answers.joined(separator: ", "))}}"
        }
        return Data("{\"period\": 2019, \"units\": [\n\(units.joined(separator: ",\n"))\n]}\n".utf8)
    }()

    /// A filled survey form (one province), its parts unzipped for mutation.
    static let xlsxParts: [(String, Data)] = {
        let record = try! SurveyReader.readCSV(csvSeed, fileName: "seed.csv").last!
        let form = try! SurveyFormWriter(methodology: methodology, block: record.block!, unitID: record.unitID, unitName: record.name, period: 2019).workbook()
        return try! XLSXSerializer.unzip(try! form.data())
    }()

    /// A small methodology with every kind of part (blocks, fields, constraint, scores, weights).
    static let yamlSeed = Data("""
    id: fuzz
    title: {vi: Thử, en: Fuzz}
    period: 2019
    ranking: {decimals: 3}
    missing: zero
    blocks:
      - {id: p, name: Provinces}
      - {id: m, name: Ministries}
    fields:
      - {id: staff_total, label: Staff, type: count, max: 100000}
      - {id: staff_pc, label: Staff with a computer, type: count}
      - {id: has_dc, label: Data centre, type: boolean}
      - {id: share, label: Share online, type: percent}
    constraints:
      - id: pc_le_total
        check: staff_pc <= staff_total
        message: {vi: Không vượt quá, en: Cannot exceed}
    index:
      id: index
      children:
        - id: infra
          weight: 2
          children:
            - {id: pc, weight: 1, value: staff_pc / staff_total, score: ratio}
            - {id: dc, weight: 1, value: has_dc, score: as_is}
        - {id: online, weight: 1, value: share / 100, score: as_is}
    """.utf8)

    // MARK: In process

    /// Reads `data` as `fileName`, resolves, validates and computes it; with `report`, also
    /// builds every file of the national report in memory. Returns what went wrong, or `nil`.
    static func survey(_ data: Data, fileName: String, report: Bool = false) -> String? {
        do {
            let records: [RawRecord]
            switch (fileName as NSString).pathExtension {
            case "csv": records = try SurveyReader.readCSV(data, fileName: fileName)
            case "json": records = try SurveyReader.readJSON(data, fileName: fileName)
            default: records = [try SurveyFormReader.read(XLSXReader.read(data, fileName: fileName)).record]
            }
            let resolved = try registry.resolveStateless(records: records, defaultPeriod: 2019)
            let answers = try SurveyValidator(methodology: methodology).validate(resolved)
            guard !answers.isEmpty else { return nil }
            let result = try Engine.compute(methodology, answers: answers, period: 2019)
            if report {
                let files = try ReportWriter.files(NationalReport(try ReportData(results: [result], whatIfLimit: 1), language: .vi), formats: [.html, .md, .csv, .json])
                for (path, _) in files where ReportWriter.pathProblem(path) != nil { return "unsafe report path \(path)" }
            }
            return nil
        } catch {
            return Verdict.problem(with: error, file: fileName)
        }
    }

    static func methodology(_ data: Data, fileName: String) -> String? {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        do {
            let methodology = try MethodologyLoader.load(yaml: text, fileName: fileName)
            // A methodology that loads computes: a unit with every field answered.
            let answers = methodology.blocks.map { block in
                UnitAnswers(unitID: "u-\(block.id.lowercased().filter { $0.isLetter || $0.isNumber })", name: "U", block: block.id, period: 2019,
                            values: Dictionary(uniqueKeysWithValues: methodology.fields.map { ($0.id, 1) }))
            }
            _ = try? Engine.compute(methodology, answers: answers, period: 2019)
            return nil
        } catch {
            return Verdict.problem(with: error, file: fileName)
        }
    }

    /// Runs `count` mutations of `seed` through `check`, each case timed; fails with the first
    /// problems found (seed and case number included).
    static func run(_ name: String, count: Int, salt: UInt64, seed: Data, `extension`: String, check: (Data, String) -> String?) {
        var random = SeededGenerator(seed: Self.seed ^ salt)
        var failures: [String] = []
        var slowest: (Double, Int) = (0, -1)
        let clock = ContinuousClock()
        for n in 0..<count {
            let mutated = Mutator.mutate(seed, using: &random)
            let fileName = "fuzz/\(name)-\(n).\(`extension`)"
            let start = clock.now
            if let problem = check(mutated, fileName) { failures.append("case \(n) (seed \(Self.seed)): \(problem)") }
            let elapsed = (clock.now - start) / .seconds(1)
            if elapsed > slowest.0 { slowest = (elapsed, n) }
        }
        #expect(failures.count == 0, "\(failures.count) of \(count) \(name) cases failed; first: \(failures.prefix(5).joined(separator: "\n"))")
        #expect(slowest.0 < 10, "\(name) case \(slowest.1) took \(slowest.0) s: a hang in the making")
    }

    @Test func csvSurveys() {
        #expect(Self.survey(Self.csvSeed, fileName: "seed.csv", report: true) == nil, "the seed itself is valid")
        Self.run("csv", count: Self.cases(1500), salt: 1, seed: Self.csvSeed, extension: "csv") { data, name in
            Self.survey(data, fileName: name, report: false)
        }
    }

    @Test func jsonSurveys() {
        #expect(Self.survey(Self.jsonSeed, fileName: "seed.json") == nil, "the seed itself is valid")
        Self.run("json", count: Self.cases(1500), salt: 2, seed: Self.jsonSeed, extension: "json") { data, name in
            Self.survey(data, fileName: name)
        }
    }

    @Test func xlsxForms() throws {
        let seed = try XLSXSerializer.zip(Self.xlsxParts)
        #expect(Self.survey(seed, fileName: "seed.xlsx") == nil, "the seed itself is valid")
        // Mutations inside the parts (the XML a tool or a person could produce), zipped again…
        var random = SeededGenerator(seed: Self.seed ^ 3)
        var failures: [String] = []
        for n in 0..<Self.cases(400) {
            var parts = Self.xlsxParts
            let index = Int.random(in: 0..<parts.count, using: &random)
            parts[index].1 = Mutator.mutate(parts[index].1, using: &random)
            let fileName = "fuzz/xlsx-part-\(n).xlsx"
            if ProcessInfo.processInfo.environment["FUZZ_DUMP"] != nil {
                try parts[index].1.write(to: URL(fileURLWithPath: "/tmp/fuzz-case.xml"))
                FileHandle.standardError.write(Data("case \(n) \(parts[index].0)\n".utf8))
            }
            if let problem = Self.survey(try XLSXSerializer.zip(parts), fileName: fileName) {
                failures.append("case \(n) (\(parts[index].0), seed \(Self.seed)): \(problem)")
            }
        }
        #expect(failures.count == 0, "\(failures.count) xlsx part cases failed; first: \(failures.prefix(5).joined(separator: "\n"))")
        // …and mutations of the zip bytes themselves.
        Self.run("xlsx-zip", count: Self.cases(300), salt: 4, seed: seed, extension: "xlsx") { data, name in
            Self.survey(data, fileName: name)
        }
    }

    /// Methodologies: no crash, no hang, only diagnostics naming the file and a line in it (the
    /// loader puts a line on every diagnostic: a YAML reader error at its byte, problems of the
    /// whole file at the key they concern, an index that could not be read at its place).
    @Test func methodologies() throws {
        #expect(Self.methodology(Self.yamlSeed, fileName: "seed.yaml") == nil)
        let library = try Data(contentsOf: Self.methodologyURL)
        Self.run("methodology", count: Self.cases(800), salt: 5, seed: Self.yamlSeed, extension: "yaml", check: Self.methodology)
        Self.run("library-methodology", count: Self.cases(100), salt: 6, seed: library, extension: "yaml", check: Self.methodology)
    }

    /// A few mutated surveys through the whole report, written to disk: nothing outside `out`.
    @Test func reportsWriteOnlyInsideTheirFolder() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var random = SeededGenerator(seed: Self.seed ^ 7)
        var failures: [String] = []
        var written = 0
        for n in 0..<Self.cases(24) {
            let fileName = "fuzz/report-\(n).csv"
            // One mutation only, and every fourth survey intact, so that the writing itself is
            // exercised (most mutations are input errors).
            let data = n % 4 == 0 ? Self.csvSeed : Mutator.mutate(Self.csvSeed, using: &random, rounds: 1)
            do {
                let records = try Self.registry.resolveStateless(records: try SurveyReader.readCSV(data, fileName: fileName), defaultPeriod: 2019)
                let answers = try SurveyValidator(methodology: Self.methodology).validate(records)
                guard !answers.isEmpty else { continue }
                let result = try Engine.compute(Self.methodology, answers: answers, period: 2019)
                try ReportWriter.write(NationalReport(try ReportData(results: [result], whatIfLimit: 1), language: .en), formats: [.html, .md, .csv], to: out)
                written += 1
            } catch {
                if let problem = Verdict.problem(with: error, file: fileName) { failures.append("case \(n): \(problem)") }
            }
            let outside = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0 != "out" }
            if !outside.isEmpty { failures.append("case \(n) wrote outside the output folder: \(outside)") }
        }
        #expect(failures.count == 0, "\(failures.prefix(5).joined(separator: "\n"))")
        #expect(written >= Self.cases(24) / 4, "only \(written) mutated surveys got as far as a report")
    }

    // MARK: Through the binary

    /// The `ictindex` binary beside the test bundle.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ictindex")

    /// Runs the binary in `directory` and awaits its end (`ChildProcess`), killing it after
    /// `timeout` seconds. A signal's status is 128 + its number, as a shell reports it; -1 means
    /// it hung.
    static func cli(_ arguments: [String], in directory: URL, timeout: TimeInterval = 90) async throws -> (status: Int32, stderr: String) {
        let run = try await ChildProcess.run(binary, arguments, directory: directory, timeout: timeout)
        return run.timedOut ? (-1, "hung") : (run.shellStatus, run.stderr)
    }

    /// Every file under `directory`, relative, sorted.
    static func listing(_ directory: URL) -> [String] {
        (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func theBinaryExitsZeroOneOrTwoAndWritesOnlyItsOutput() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-fuzz-cli-\(UUID().uuidString)")
        let cwd = work.appendingPathComponent("cwd")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: cwd.appendingPathComponent("inputs"), withIntermediateDirectories: true)
        var random = SeededGenerator(seed: Self.seed ^ 8)
        let registry = Self.url("Indicators/units").path
        let seeds: [(String, Data)] = [("csv", Self.csvSeed), ("json", Self.jsonSeed), ("xlsx", try XLSXSerializer.zip(Self.xlsxParts))]
        var failures: [String] = []
        var statuses: [Int32: Int] = [:]
        for n in 0..<Self.cases(24) {
            let (ext, seed) = seeds[n % seeds.count]
            let input = "inputs/case-\(n).\(ext)"
            // Every fourth case is intact (the commands must succeed and write only their output);
            // the others have a mutated survey or, one in four, a mutated methodology.
            try (n % 4 == 0 ? seed : Mutator.mutate(seed, using: &random)).write(to: cwd.appendingPathComponent(input))
            let methodologyInput = "inputs/case-\(n).yaml"
            try (n % 4 == 3 ? Mutator.mutate(Self.yamlSeed, using: &random, rounds: 1) : try Data(contentsOf: Self.methodologyURL)).write(to: cwd.appendingPathComponent(methodologyInput))
            let before = Self.listing(work)
            let commands: [[String]] = [
                ["validate", methodologyInput, input, "--registry", registry],
                ["compute", methodologyInput, input, "--format", "csv", "--registry", registry],
                ["report", methodologyInput, input, "--out", "out-\(n)", "--format", "html,md,csv", "--what-if", "1", "--registry", registry],
            ]
            for arguments in commands {
                let run = try await Self.cli(arguments, in: cwd)
                statuses[run.status, default: 0] += 1
                let label = "case \(n) `ictindex \(arguments.prefix(3).joined(separator: " "))`"
                if ![0, 1, 2].contains(run.status) { failures.append("\(label) exited \(run.status): \(run.stderr.prefix(300))") }
                if run.status == 1, !run.stderr.contains(input) && !run.stderr.contains(methodologyInput) {
                    failures.append("\(label): the error names neither input: \(run.stderr.prefix(300))")
                }
                for raw in ["NSCocoaErrorDomain", "Error Domain=", "Fatal error"] where run.stderr.contains(raw) {
                    failures.append("\(label): raw error text: \(run.stderr.prefix(300))")
                }
            }
            let written = Set(Self.listing(work)).subtracting(before)
            let stray = written.filter { !$0.hasPrefix("cwd/out-\(n)") }
            if !stray.isEmpty { failures.append("case \(n) wrote outside its output folder: \(stray.sorted().prefix(5))") }
        }
        #expect(failures.count == 0, "\(failures.count) failures; first: \(failures.prefix(6).joined(separator: "\n"))")
        #expect(statuses[0, default: 0] > 0 && statuses[1, default: 0] > 0, "both successes and input errors are exercised: \(statuses)")
    }
}
