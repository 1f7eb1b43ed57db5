import Audit
import Foundation
import IndexCore
import Reports
import Testing

/// The uncertainty section of the national report and the line on each unit page.
@Suite struct UncertaintyReportTests {
    static func spec(_ methodology: Methodology) throws -> UncertaintySpec {
        try UncertaintySpec.load(contentsOf: Repository.url("Examples/vn-it-application/uncertainty.yaml"), methodology: methodology)
    }

    @Test func sectionAndUnitLineMatchTheAnalysis() throws {
        let methodology = try Repository.methodology()
        let answers = try Repository.examples(2019)
        let result = try Engine.compute(methodology, answers: answers, period: 2019)
        let analysis = try ReportData.analyseUncertainty(try Self.spec(methodology), runs: 16, seed: 7, methodology: methodology, answers: answers)
        // The same analysis run directly.
        var spec = try Self.spec(methodology)
        spec.runs = 16
        spec.seed = 7
        let direct = try UncertaintyAnalysis.run(spec, methodology: methodology, answers: answers)
        let data = try ReportData(results: [result], unitPages: ["ha-noi", "ca-mau", "bo-tai-chinh"], whatIfLimit: 1, uncertainty: analysis)
        for language in [Language.en, .vi] {
            let report = NationalReport(data, language: language)
            let main = report.mainPage
            #expect(main.tables.contains { $0.name == "uncertainty-province" })
            #expect(main.figureFiles.contains { $0.fileName == "rank-intervals-province" })
            let html = HTMLRenderer.render(main)
            #expect(html.contains("id=\"uncertainty\""))
            #expect(html.contains("<svg"))
            for id in ["ha-noi", "ca-mau"] {
                let unit = try #require(direct.block("province")?.units.first { $0.id == id })
                let line = unit.summary(inputs: direct.inputs, interval: direct.spec.interval, language: language)
                let page = try #require(report.unitPage(id))
                #expect(HTMLRenderer.render(page).contains(HTML.escape(line)), "\(id) \(language)")
                #expect(MarkdownRenderer.render(page).contains(MarkdownRenderer.escape(line)))
                if language == .en {
                    #expect(line.contains("\(UnitUncertainty.ordinal(unit.nominalRank)), "))
                    #expect(line.contains("in 90% of scenarios"))
                }
                let row = try #require(main.tables.first { $0.name == "uncertainty-province" }?.rows.first { $0[0].text == unit.name })
                #expect(row[1].number == Double(unit.nominalRank))
                #expect(row[2].number == Double(unit.medianRank))
            }
            // A ministry is not in the analysed blocks: no line.
            let ministry = try #require(report.unitPage("bo-tai-chinh"))
            #expect(!HTMLRenderer.render(ministry).contains("of scenarios") && !HTMLRenderer.render(ministry).contains("kịch bản"))
            let files = try ReportWriter.files(report, formats: Set(ReportWriter.Format.allCases))
            #expect(files.contains { $0.path == "csv/uncertainty-province.csv" })
            #expect(files.contains { $0.path == "figures/rank-intervals-province.svg" })
            let json = String(decoding: try #require(files.first { $0.path == "report.json" }).data, as: UTF8.self)
            #expect(json.contains("\"uncertainty\""))
        }
        // Without the input the report has no section.
        let plain = try ReportData(results: [result], unitPages: ["ha-noi"], whatIfLimit: 1)
        #expect(!NationalReport(plain, language: .en).mainPage.tables.contains { $0.name.hasPrefix("uncertainty") })
    }

    @Test func hostileNamesAreEscapedInTheSection() throws {
        let methodology = try Repository.methodology()
        let answers = try Repository.examples(2019).map { answer in
            var changed = answer
            if answer.unitID == "ha-noi" { changed.name = "<script>alert(1)</script>" }
            return changed
        }
        let analysis = try ReportData.analyseUncertainty(try Self.spec(methodology), runs: 8, seed: 1, methodology: methodology, answers: answers)
        let data = try ReportData(results: [try Engine.compute(methodology, answers: answers, period: 2019)], unitPages: ["ha-noi"], whatIfLimit: 1, uncertainty: analysis)
        let files = try ReportWriter.files(NationalReport(data, language: .en), formats: Set(ReportWriter.Format.allCases))
        for file in files where file.path.hasSuffix(".svg") || file.path.hasSuffix(".html") || file.path.hasSuffix(".md") {
            #expect(!String(decoding: file.data, as: UTF8.self).contains("<script"), "\(file.path)")
        }
    }
}
