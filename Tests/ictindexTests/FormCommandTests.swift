import Foundation
import IndexCore
import Formats
import Intake
import Testing

/// `ictindex form`, and filled forms given to `validate` and `compute` as data files.
@Suite struct FormCommandTests {
    let methodology = "Indicators/vn-it-application/2019.yaml"

    func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ictindex-form-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func formWritesAWorkbookOfTheBlock() async throws {
        let out = try directory().appendingPathComponent("phieu.xlsx")
        let run = try await CLI.run(["form", methodology, "--block", "province", "--period", "2019", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("50 câu hỏi cho khối province"), "Vietnamese by default: \(run.stdout)")
        let document = try XLSXReader.read(out)
        #expect(document.sheets.map(\.name) == ["Hướng dẫn", "Phiếu"])
        let content = try SurveyFormReader.read(document)
        #expect(content.record.block == "province")
        #expect(content.record.period == 2019)
        #expect(content.record.unitID == nil)

        let english = try await CLI.run(["form", methodology, "--block", "ministry", "--unit", "bo-cong-thuong", "--lang", "en", "--out", out.path])
        #expect(english.status == 0)
        #expect(try XLSXReader.read(out).sheets.map(\.name) == ["Instructions", "Form"])
    }

    @Test func usageErrors() async throws {
        let out = try directory()
        #expect(try await CLI.run(["form", methodology, "--block", "nowhere", "--out", out.appendingPathComponent("f.xlsx").path]).status == 2)
        #expect(try await CLI.run(["form", methodology, "--block", "province", "--out", out.appendingPathComponent("f.csv").path]).status == 2)
        #expect(try await CLI.run(["form", methodology, "--out", out.appendingPathComponent("f.xlsx").path]).status == 2)
    }

    @Test func filledFormsAreDataFiles() async throws {
        let folder = try directory()
        let loaded = try MethodologyLoader.load(contentsOf: Repository.url(methodology))
        var workbook = try SurveyFormWriter(methodology: loaded, block: "agency", unitID: "thong-tan-xa-viet-nam", unitName: "Thông tấn xã Việt Nam", period: 2019).workbook()
        var rows: [String: Int] = [:]
        for (reference, cell) in workbook.sheets[1].cells where reference.column == SurveyFormLayout.keyColumn {
            if case .text(let key) = cell.value { rows[key] = reference.row }
        }
        func answer(_ field: String, _ value: XLSXValue) {
            workbook.sheets[1].setValue(value, at: XLSXCellReference(column: SurveyFormLayout.answerColumn, row: rows[field]!))
        }
        answer("staff_total", .number(500))
        answer("staff_with_computer", .number(480))
        answer("has_datacentre", .text("có"))
        answer("it_budget_percent", .number(1.5))
        let good = folder.appendingPathComponent("good.xlsx")
        try workbook.write(to: good)
        let validate = try await CLI.run(["validate", methodology, good.path, "--lang", "en"])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("data: ok — 1 units"))
        let compute = try await CLI.run(["compute", methodology, good.path, "--format", "csv"])
        #expect(compute.status == 0, "\(compute.stderr)")
        #expect(compute.stdout.contains("thong-tan-xa-viet-nam"), "a unit of the registry (stateless commands resolve units through it)")

        answer("staff_with_computer", .number(900))
        answer("has_datacentre", .text("chắc có"))
        let bad = folder.appendingPathComponent("bad.xlsx")
        try workbook.write(to: bad)
        let invalid = try await CLI.run(["validate", methodology, bad.path, "--lang", "en"])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("bad.xlsx (Phiếu!F\(rows["has_datacentre"]!)): has_datacentre: expected yes/no"))
        #expect(invalid.stderr.contains("bad.xlsx (Phiếu!F\(rows["staff_with_computer"]!)): unit 'thong-tan-xa-viet-nam' breaks 'computers_le_staff'"))
    }
}
