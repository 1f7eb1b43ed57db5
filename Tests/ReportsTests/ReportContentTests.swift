import Analysis
import Foundation
import IndexCore
import Formats
import Intake
import Reports
import Testing

/// What a reader expects of a national report besides the tables: where it comes from, a table of
/// contents, the key findings, the methodology in words, classification bands when declared, the
/// previous rank on unit pages, a key to the map, links to every other file, and the numbers of
/// the workbook shown as the text shows them.
@Suite struct ReportContentTests {
    /// The 2019 methodology with three classification bands added.
    static func bandedMethodology() throws -> Methodology {
        let text = try String(contentsOf: Repository.url("Indicators/vn-it-application/2019.yaml"), encoding: .utf8)
        let bands = """
            classification:
              - {label: {vi: Khá, en: Fair}, min: 0.65}
              - {label: {vi: Tốt, en: Good}, min: 0.8}
              - {label: {vi: Trung bình, en: Average}, min: 0.5}

            """
        return try MethodologyLoader.load(yaml: text.replacingOccurrences(of: "\nblocks:\n", with: "\n" + bands + "blocks:\n"), fileName: "banded.yaml")
    }

    @Test func classificationBandsAreLoadedHighestFirstAndChecked() throws {
        let methodology = try Self.bandedMethodology()
        #expect(methodology.classification.map(\.minimum) == [0.8, 0.65, 0.5])
        #expect(methodology.band(of: 0.8)?.label.vi == "Tốt")
        #expect(methodology.band(of: 0.7999)?.label.vi == "Khá")
        #expect(methodology.band(of: 0.4) == nil)
        #expect(methodology.band(of: .nan) == nil)
        #expect(try Repository.methodology().classification.isEmpty)
        let text = try String(contentsOf: Repository.url("Indicators/vn-it-application/2019.yaml"), encoding: .utf8)
        let bad = "classification:\n  - {label: {vi: A, en: A}, min: 1.5}\n  - {label: {vi: B, en: B}, min: 0.5}\n  - {label: {vi: C, en: C}, min: 0.5}\n  - {label: {vi: D, en: D}}\n"
        do {
            _ = try MethodologyLoader.load(yaml: text.replacingOccurrences(of: "\nblocks:\n", with: "\n" + bad + "blocks:\n"), fileName: "bad.yaml")
            Issue.record("invalid bands were accepted")
        } catch let error as DiagnosticError {
            let messages = error.diagnostics.map(\.message)
            #expect(messages.contains { $0.contains("min is an index value from 0 to 1, found 1.5") }, "\(messages)")
            #expect(messages.contains { $0.contains("'B' and 'C' have the same min 0.5") }, "\(messages)")
            #expect(messages.contains { $0.contains("min") && $0.contains("a classification band") }, "\(messages)")
        }
    }

    @Test func bandsShowInTheRankingFindingsAndAppendix() throws {
        let methodology = try Self.bandedMethodology()
        let result = try Engine.compute(methodology, answers: try Repository.examples(2019), period: 2019)
        let report = NationalReport(try ReportData(results: [result], unitPages: ["ha-noi"], whatIfLimit: 1), language: .vi)
        let main = report.mainPage
        let ranking = try #require(main.tables.first { $0.name == "ranking-province" })
        #expect(ranking.headers.last == "Xếp loại")
        let block = try #require(result.block("province"))
        for row in ranking.rows {
            let unit = try #require(block.units.firstIndex { $0.name == row[1].text })
            let value = PublishedRounding.round(block.index[unit], decimals: 4)
            let expected = value >= 0.8 ? "Tốt" : value >= 0.65 ? "Khá" : value >= 0.5 ? "Trung bình" : "—"
            #expect(row.last?.text == expected, "\(row[1].text) \(value)")
        }
        let text = MarkdownRenderer.render(main)
        let good = block.units.indices.filter { PublishedRounding.round(block.index[$0], decimals: 4) >= 0.8 }.count
        #expect(text.contains("xếp loại: \(good) Tốt, "), "the findings count the bands")
        #expect(text.contains("Xếp loại theo chỉ số đã làm tròn: Tốt: từ 0,80; Khá: từ 0,65 đến dưới 0,80; Trung bình: từ 0,50 đến dưới 0,65."))
        #expect(MarkdownRenderer.render(try #require(report.unitPage("ha-noi"))).contains("Xếp loại: "))
    }

    @Test func theMainPageSaysWhereItComesFromAndLinksEverything() throws {
        let tiles = TileMap.layout(csv: try String(contentsOf: Repository.url("Reports/templates/vn-provinces-tilegrid.csv"), encoding: .utf8))
        let data = try ReportData(results: [try Repository.compute(2018), try Repository.compute(2019)], tiles: tiles, unitPages: ["ca-mau", "bo-tai-chinh"], whatIfLimit: 1)
        let report = NationalReport(data, language: .vi)
        let files = try ReportWriter.files(report, formats: Set(ReportWriter.Format.allCases))
        let index = String(decoding: try #require(files.first { $0.path == "index.html" }).data, as: UTF8.self)
        #expect(index.contains("Đánh giá theo 2342/QĐ-BTTTT ngày 18/12/2017"))
        #expect(index.contains("Số liệu tính đến ngày 31/12/2019."))
        #expect(!index.contains("Bộ chỉ số vn-it-application-2019"), "the internal id is not a subtitle")
        for anchor in ["summary", "findings", "block-province", "components", "trends", "methodology", "units", "downloads"] {
            #expect(index.contains("<a href=\"#\(anchor)\">"), "no contents entry for \(anchor)")
            #expect(index.contains("id=\"\(anchor)\""), "no section \(anchor)")
        }
        for file in files.map(\.path) where file.hasSuffix(".csv") || file == "report.xlsx" || file == "index.md" || file == "report.json" {
            #expect(index.contains("href=\"\(file)\""), "index.html does not link \(file)")
        }
        // Unit pages by block, each under its block's name.
        let units = try #require(index.range(of: "id=\"units\""))
        let tail = index[units.upperBound...]
        let ministries = try #require(tail.range(of: "<h3>Bộ, cơ quan ngang Bộ</h3>")), provinces = try #require(tail.range(of: "<h3>Tỉnh, thành phố trực thuộc Trung ương</h3>"))
        #expect(tail.range(of: "units/bo-tai-chinh.html")!.lowerBound > ministries.upperBound && tail.range(of: "units/bo-tai-chinh.html")!.lowerBound < provinces.lowerBound)
        #expect(tail.range(of: "units/ca-mau.html")!.lowerBound > provinces.upperBound)
        // The map's codes explained.
        #expect(index.contains("Mã trên bản đồ: ") && index.contains("HNO TP. Hà Nội"), "no key to the map's codes")
        // Both years use one edition: said plainly, not "editions 2019 and 2019".
        #expect(index.contains("Cả hai năm được tính theo cùng một bộ chỉ tiêu (phiên bản 2019)"))
        #expect(!index.contains("2019 và 2019"))
        // The key findings in prose, with the leader of each block.
        #expect(index.contains("Tỉnh, thành phố trực thuộc Trung ương: Thừa Thiên Huế dẫn đầu với chỉ số 0,9039"))
        // A unit page: back links, last year's rank and the change.
        let camau = String(decoding: try #require(files.first { $0.path == "units/ca-mau.html" }).data, as: UTF8.self)
        #expect(camau.components(separatedBy: "<nav class=\"back\"><a href=\"../index.html\">").count == 3, "a back link at the top and the bottom")
        let change = try #require(data.trends.block("province")?.units.first { $0.id == "ca-mau" })
        #expect(camau.contains("Năm 2018: chỉ số \(NumberFormat.fixed(change.previous, decimals: 4, language: .vi)), hạng \(change.previousRank);"))
    }

    /// With few runs, Sobol estimates fall below 0 or above the total index; the output says
    /// that this is sampling error rather than leaving a reader to puzzle over S = −0.05.
    @Test func impossibleSobolEstimatesAreExplained() async throws {
        let run = try await CLI.run(["uncertainty", "Indicators/vn-it-application/2019.yaml", "Examples/vn-it-application/survey-2019.csv",
                               "--spec", "Examples/vn-it-application/uncertainty.yaml", "--seed", "1", "--runs", "16", "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("S = -0.05"), "the case this test is about no longer arises: \(run.stdout.prefix(600))")
        #expect(run.stdout.contains("(S below 0 or S above ST is sampling error of the estimates"))
    }

    @Test func workbookNumbersAreFormattedAsTheirText() async throws {
        #expect(ReportDocument.Table.numberFormat(showing: "0,8213") == "0.0000")
        #expect(ReportDocument.Table.numberFormat(showing: "0.82") == "0.00")
        #expect(ReportDocument.Table.numberFormat(showing: "+0,0779") == "+0.0000;-0.0000;0.0000")
        #expect(ReportDocument.Table.numberFormat(showing: "−3") == "+0;-0;0")
        #expect(ReportDocument.Table.numberFormat(showing: "12") == "0")
        #expect(ReportDocument.Table.numberFormat(showing: "0,9131 (+0,0092)") == "0.0000")
        #expect(ReportDocument.Table.numberFormat(showing: "—") == nil)
        let table = ReportDocument.Table(name: "t", headers: ["a", "b", "c"], rows: [[.init("0,8213", number: 0.82126), .init("+2", number: 2), .init("x")]])
        let data = try XLSXWorkbook(sheets: [table.sheet(name: "t")]).data()
        let styles = try await XLSXTestParts.text(data, "xl/styles.xml")
        #expect(styles.contains("<numFmt numFmtId=\"164\" formatCode=\"0.0000\"/>"))
        #expect(styles.contains("<numFmt numFmtId=\"165\" formatCode=\"+0;-0;0\"/>"))
        let sheet = try await XLSXTestParts.text(data, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<v>0.82126</v>"), "the number stays unrounded")
    }
}

/// Reads a part of an `.xlsx` file (python3's zipfile; the report tests do not link ZIPFoundation).
enum XLSXTestParts {
    static func text(_ data: Data, _ path: String) async throws -> String {
        let directory = try temporaryDirectory("xlsx")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("book.xlsx")
        try data.write(to: file)
        let run = try await CLI.run(["python3", "-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", file.path, path],
                              executable: URL(fileURLWithPath: "/usr/bin/env"))
        return run.stdout
    }
}
