// ictindex-store-bench: import throughput of the workspace store.
//
// Generates a registry of U units, a methodology of F count fields and a long-layout CSV of
// U × F observations (default 20,000 × 50 = 1,000,000), then times each stage of
// `ictindex import`: reading the CSV, resolving unit names against the registry, validating every
// answer against the methodology, and writing the submissions and observations to a fresh SQLite
// store in one transaction. Run in release mode:
//
//     swift run -c release ictindex-store-bench [--units 20000] [--fields 50] [--forms 10000]
//     swift run -c release ictindex-store-bench readers [--columns 100000] [--rows 100000]   (Readers.swift)
//     swift run -c release ictindex-store-bench compute METHODOLOGY.yaml ANSWERS.csv > results.csv   (Compute.swift)
import Formats
import Foundation
import IndexCore
import IndexStore
import Intake

func argument(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let parsed = Int(arguments[index + 1]) else { return value }
    return parsed
}

/// CPU time of this process: on a machine shared with other work, the stages (single-threaded)
/// are measured by the CPU they use, which does not depend on what else runs.
func cpuNow() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func seconds(_ start: Double) -> Double { cpuNow() - start }

if CommandLine.arguments.count == 4 && CommandLine.arguments[1] == "compute" {
    MemoryPolicy.returnLargeBlocksToTheSystem() // as `ictindex` does
    try ComputePipeline.run(methodology: CommandLine.arguments[2], answers: CommandLine.arguments[3])
    exit(0)
}
let unitCount = argument("--units", default: 20_000)
let fieldCount = argument("--fields", default: 50)
let formCount = argument("--forms", default: 10_000)
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-store-bench-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

// A methodology of F count fields: each leaf scores field i over field i+1 (a ratio).
var yaml = "id: bench\ntitle: Bench\nblocks:\n  - {id: province, name: Provinces}\nfields:\n"
for f in 0..<fieldCount { yaml += "  - {id: f\(f), label: F\(f), type: count, max: 1000000}\n" }
yaml += "index:\n  id: index\n  children:\n"
for f in stride(from: 0, to: fieldCount - 1, by: 2) { yaml += "    - {id: n\(f), value: f\(f) / f\(f + 1), score: ratio, weight: 1}\n" }
let methodology = try MethodologyLoader.load(yaml: yaml, fileName: "bench.yaml")
if CommandLine.arguments.dropFirst().first == "readers" {
    try? FileManager.default.removeItem(at: directory)
    try ReaderBenchmark.run(methodology: methodology, columns: argument("--columns", default: 100_000), rows: argument("--rows", default: 100_000), steps: argument("--steps", default: 4))
    exit(0)
}
let registry = UnitRegistry(units: (0..<unitCount).map { RegisteredUnit(id: String(format: "u%06d", $0), name: String(format: "Tỉnh Thử %06d", $0), block: "province") })

var random = SplitMix64(seed: 42)
var csv = "period,id,field,value\n"
csv.reserveCapacity(unitCount * fieldCount * 24)
for u in 0..<unitCount {
    let id = String(format: "u%06d", u)
    for f in 0..<fieldCount { csv += "2024,\(id),f\(f),\(random.next() % 100_000)\n" }
}
let csvURL = directory.appendingPathComponent("observations.csv")
try csv.write(to: csvURL, atomically: true, encoding: .utf8)
let observations = unitCount * fieldCount
print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; \(unitCount) units × \(fieldCount) fields = \(observations) observations, CSV \(csv.utf8.count / 1_048_576) MiB")

var start = cpuNow()
let records = try SurveyReader.read(csvURL)
let readTime = seconds(start)
start = cpuNow()
let resolved = try registry.resolve(records: records, defaultPeriod: nil)
let resolveTime = seconds(start)
start = cpuNow()
let answers = try SurveyValidator(methodology: methodology).validate(resolved)
let validateTime = seconds(start)
let store = try Store(path: directory.appendingPathComponent("bench.sqlite").path)
try store.replaceRegistry(registry)
start = cpuNow()
let report = try store.importSubmissions(answers.map { Submission(answers: $0, period: 2024, fileName: "observations.csv", fileSHA256: "bench", methodologyHash: nil) })
let writeTime = seconds(start)
precondition(report.observationsWritten == observations)
let total = readTime + resolveTime + validateTime + writeTime

func row(_ stage: String, _ time: Double) -> String {
    String(format: "| %@ | %.3f s CPU | %.0f obs/s |", stage, time, Double(observations) / time)
}
print("| stage | time | throughput |")
print("|---|---|---|")
print(row("read CSV", readTime))
print(row("resolve units", resolveTime))
print(row("validate answers", validateTime))
print(row("write to SQLite (1 transaction)", writeTime))
print(row("total", total))

// Filled survey forms: write N .xlsx forms, then read, validate and import them all.
if formCount > 0 {
    let formsDirectory = directory.appendingPathComponent("forms")
    try FileManager.default.createDirectory(at: formsDirectory, withIntermediateDirectories: true)
    var urls: [URL] = []
    for u in 0..<formCount {
        let unit = answers[u % answers.count]
        var workbook = try SurveyFormWriter(methodology: methodology, block: "province", unitID: unit.unitID, unitName: unit.name, period: 2024).workbook()
        let sheet = workbook.sheetIndex(named: SurveyFormLayout.formSheetName(.vi))!
        var rows: [String: Int] = [:]
        for (reference, cell) in workbook.sheets[sheet].cells where reference.column == SurveyFormLayout.keyColumn {
            if case .text(let key) = cell.value { rows[key] = reference.row }
        }
        for (field, value) in unit.values {
            workbook.sheets[sheet].setValue(.number(value), at: XLSXCellReference(column: SurveyFormLayout.answerColumn, row: rows[field]!))
        }
        let url = formsDirectory.appendingPathComponent(String(format: "form-%05d.xlsx", u))
        try workbook.write(to: url)
        urls.append(url)
    }
    start = cpuNow()
    let formRecords = try registry.resolve(records: try SurveyReader.read(urls), defaultPeriod: nil)
    let formAnswers = try SurveyValidator(methodology: methodology).validate(formRecords)
    let formReadTime = seconds(start)
    let formStore = try Store(path: directory.appendingPathComponent("forms.sqlite").path)
    try formStore.replaceRegistry(registry)
    start = cpuNow()
    _ = try formStore.importSubmissions(formAnswers.map { Submission(answers: $0, period: 2024, fileName: "form", fileSHA256: "bench", methodologyHash: nil) })
    let formWriteTime = seconds(start)
    print(String(format: "\n%d filled forms: read + validate %.2f s (%.0f forms/s), write %.2f s, total %.2f s", formCount, formReadTime, Double(formCount) / formReadTime, formWriteTime, formReadTime + formWriteTime))
}
