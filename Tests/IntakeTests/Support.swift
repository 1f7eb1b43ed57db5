import Foundation
import IndexCore
@testable import Formats
@testable import Intake
import Testing
import TestProcesses

#if canImport(Glibc)
import Glibc
#endif

/// Paths inside the repository, found from this file so tests run from any directory.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func methodology() throws -> Methodology {
        try MethodologyLoader.load(contentsOf: url("Indicators/vn-it-application/2019.yaml"))
    }

    /// The raw records of the 2019 example answers.
    static func records2019() throws -> [RawRecord] {
        try SurveyReader.read(url("Examples/vn-it-application/survey-2019.csv"))
    }
}

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-intake-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The diagnostics `body` throws (empty if it succeeds).
func diagnostics(_ body: () throws -> Void) -> [Diagnostic] {
    do {
        try body()
        return []
    } catch let error as DiagnosticError {
        return error.diagnostics
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

extension XLSXSheet {
    /// The row of each key in column A of a form sheet.
    var rowsByKey: [String: Int] {
        var rows: [String: Int] = [:]
        for (reference, cell) in cells where reference.column == SurveyFormLayout.keyColumn {
            if case .text(let key) = cell.value { rows[key] = reference.row }
        }
        return rows
    }
}

/// What a person filling the form in a spreadsheet would store for a CSV answer: numbers as
/// numbers, everything else (yes/no words, text) as text.
func spreadsheetValue(_ value: RawValue) -> XLSXValue {
    switch value {
    case .empty: return .empty
    case .number(let number): return .number(number)
    case .boolean(let flag): return .boolean(flag)
    case .text(let text):
        if let number = Double(text.trimmingCharacters(in: .whitespaces)) { return .number(number) }
        return .text(text)
    }
}

/// A form for `record`'s block, filled with its answers as a person would. With
/// `unitOnForm: false` the form is generated without a unit and the "person" types the unit id
/// and name into the metadata cells.
func filledForm(_ methodology: Methodology, _ record: RawRecord, language: Language = .vi, unitOnForm: Bool = true) throws -> XLSXWorkbook {
    let writer = SurveyFormWriter(methodology: methodology, block: record.block!, unitID: unitOnForm ? record.unitID : nil,
                                  unitName: unitOnForm ? record.name : nil, period: record.period, language: language)
    var workbook = try writer.workbook()
    let index = workbook.sheetIndex(named: SurveyFormLayout.formSheetName(language))!
    let rows = workbook.sheets[index].rowsByKey
    func set(_ key: String, _ value: XLSXValue, column: Int = SurveyFormLayout.answerColumn) {
        workbook.sheets[index].setValue(value, at: XLSXCellReference(column: column, row: rows[key]!))
    }
    if !unitOnForm {
        set("unit_id", .text(record.unitID!))
        set("unit_name", .text(record.name!))
    }
    for cell in record.cells {
        guard rows[cell.field] != nil else {
            #expect(cell.value == .empty, "answer to \(cell.field), which block \(record.block!) is not asked")
            continue
        }
        set(cell.field, spreadsheetValue(cell.value))
        if cell.value != .empty { set(cell.field, .text("Báo cáo \(record.unitID!) năm \(record.period ?? 0)"), column: SurveyFormLayout.evidenceColumn) }
    }
    return workbook
}

/// The parts of an `.xlsx` file, changed by `transform`, zipped again.
func patched(_ data: Data, _ transform: (inout [(String, Data)]) -> Void) throws -> Data {
    var parts = try XLSXSerializer.unzip(data)
    transform(&parts)
    return try XLSXSerializer.zip(parts)
}

/// Replaces `target` with `replacement` in the text of the part at `path`.
func replace(_ target: String, with replacement: String, in path: String, _ parts: inout [(String, Data)]) {
    guard let index = parts.firstIndex(where: { $0.0 == path }) else {
        Issue.record("no part \(path)")
        return
    }
    let text = String(decoding: parts[index].1, as: UTF8.self)
    #expect(text.contains(target), "\(path) does not contain \(target)")
    parts[index].1 = Data(text.replacingOccurrences(of: target, with: replacement).utf8)
}

/// The text of one part of an `.xlsx` file.
func partText(_ data: Data, _ path: String) throws -> String {
    let parts = try XLSXSerializer.unzip(data)
    return parts.first { $0.0 == path }.map { String(decoding: $0.1, as: UTF8.self) } ?? ""
}

// MARK: - External tools

/// Runs a program found on the PATH and awaits its end (`ChildProcess`: output to a file, no
/// thread held, SIGKILL after `timeout` seconds); its status and its output (standard output and
/// error together).
func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 120) async throws -> (status: Int32, output: String) {
    let run = try await ChildProcess.run(executable, arguments, environment: environment, mergeOutput: true, timeout: timeout)
    return run.timedOut ? (-1, "timed out after \(timeout) s") : (run.status, run.stdout)
}

enum ExternalTools {
    /// Whether a program is on the PATH.
    static func has(_ program: String) -> Bool { ChildProcess.isInstalled(program) }

    /// Whether python3 imports openpyxl: asked once, awaited by each test that needs it (an
    /// async condition, `.enabled { await ExternalTools.hasOpenpyxl.value }`).
    static let hasOpenpyxl = Task<Bool, Never> {
        guard has("python3") else { return false }
        return (try? await run("python3", ["-c", "import openpyxl"]).status) == 0
    }
    static let hasLibreOffice: Bool = has("soffice")
}
