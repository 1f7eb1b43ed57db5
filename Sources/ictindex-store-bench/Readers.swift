// The reader benchmark (issue 11, item 15): every reader linear in what it reads.
//
//     ictindex-store-bench readers [--columns 100000] [--rows 100000] [--steps 4]
//
// 1. A CSV of one unit with N unknown columns (the bench methodology's fields plus N columns it
//    does not know), read and validated: every unknown column is reported with its suggestions.
// 2. The same unit as JSON, with N answers to fields the methodology does not know.
// 3. A filled survey form (.xlsx) with N extra rows below the form (an answer in column F, no
//    question id), read and checked: the workbook reader parses every row, the form reader passes
//    over them.
// Each is measured at N/steps, 2N/steps, …, N, in wall-clock and CPU time, with the time per item:
// a flat time per item is a linear reader.
import Formats
import Foundation
import IndexCore
import Intake

enum ReaderBenchmark {
    static func run(methodology: Methodology, columns: Int, rows: Int, steps: Int) throws {
        let fieldIDs = methodology.fields.map(\.id)
        print("readers: \(ProcessInfo.processInfo.activeProcessorCount) cores; methodology of \(fieldIDs.count) fields; release build expected")
        print("| input | items | wall s | CPU s | µs per item | diagnostics |")
        print("|---|---:|---:|---:|---:|---:|")
        for step in 1...steps {
            let n = columns * step / steps
            // One known field answered, then n columns the methodology does not know.
            var header = "period,id,block," + fieldIDs[0]
            var row = "2024,u000001,province,1"
            header.reserveCapacity(n * 12)
            row.reserveCapacity(n * 3)
            for c in 0..<n {
                header += ",unknown_\(c)"
                row += ",\(c % 10)"
            }
            let data = Data((header + "\n" + row + "\n").utf8)
            let (wall, cpu, count) = try measure {
                let records = try SurveyReader.readCSV(data, fileName: "unknown-columns.csv")
                return try diagnostics { _ = try SurveyValidator(methodology: methodology).validate(records) }
            }
            report("CSV, unknown columns", n, wall, cpu, count)
        }
        for step in 1...steps {
            let n = columns * step / steps
            // The same unit as JSON: one known answer, then n answers to fields it does not know.
            var answers = "\"\(fieldIDs[0])\": 1"
            answers.reserveCapacity(n * 16)
            for c in 0..<n { answers += ", \"unknown_\(c)\": \(c % 10)" }
            let data = Data("{\"period\": 2024, \"units\": [{\"id\": \"u000001\", \"block\": \"province\", \"answers\": {\(answers)}}]}".utf8)
            let (wall, cpu, count) = try measure {
                let records = try SurveyReader.readJSON(data, fileName: "unknown-answers.json")
                return try diagnostics { _ = try SurveyValidator(methodology: methodology).validate(records) }
            }
            report("JSON, unknown answers", n, wall, cpu, count)
        }
        let form = try SurveyFormWriter(methodology: methodology, block: "province", unitID: "u000001", unitName: "Tỉnh Thử", period: 2024).workbook()
        for step in 1...steps {
            let n = rows * step / steps
            var workbook = form
            let first = (workbook.sheets[0].cells.keys.map(\.row).max() ?? 0) + 1
            for r in first..<(first + n) {
                workbook.sheets[0].cells[XLSXCellReference(column: 6, row: r)] = XLSXCell(.text("x"))
            }
            let data = try workbook.data()
            let (wall, cpu, count) = try measure {
                try diagnostics { _ = try SurveyFormReader.read(XLSXReader.read(data, fileName: "rows.xlsx"), methodology: methodology) }
            }
            report("xlsx form, extra rows (\(data.count / 1024) KiB)", n, wall, cpu, count)
        }
    }

    /// Runs `body` once, on the wall clock and in CPU time.
    static func measure(_ body: () throws -> Int) throws -> (wall: Double, cpu: Double, result: Int) {
        let clock = ContinuousClock()
        let cpu = cpuNow()
        var result = 0
        let elapsed = try clock.measure { result = try body() }
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, cpuNow() - cpu, result)
    }

    /// The number of diagnostics `body` throws (0 when it succeeds).
    static func diagnostics(_ body: () throws -> Void) throws -> Int {
        do {
            try body()
            return 0
        } catch let error as DiagnosticError {
            return error.diagnostics.count
        }
    }

    static func report(_ input: String, _ n: Int, _ wall: Double, _ cpu: Double, _ diagnostics: Int) {
        print("| \(input) | \(n) | \(String(format: "%.3f", wall)) | \(String(format: "%.3f", cpu)) | \(String(format: "%.2f", n == 0 ? 0 : wall / Double(n) * 1e6)) | \(diagnostics) |")
    }
}
