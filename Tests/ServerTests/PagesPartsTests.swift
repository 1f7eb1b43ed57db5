import Foundation
import IndexCore
import Intake
import Season
import Testing
@testable import Server

/// The pieces the pages are made of, without a server: escaping by default, the safe paths of the published site, the problems placed on
/// their questions, and the bundled static files.
@Suite struct PagesPartsTests {
    // MARK: Markup

    @Test func interpolatedTextIsEscapedAndMarkupIsNot() {
        let name = "<script>alert('x')</script> & \"Hà Nội\""
        let cell: Markup = "<td>\(name)</td>"
        #expect(cell.html == "<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Hà Nội&quot;</td>")
        let row: Markup = "<tr>\(cell)</tr>"
        #expect(row.html == "<tr>" + cell.html + "</tr>")
        let absent: String? = nil
        let attribute: Markup = "<input value=\"\(absent)\" data-n=\"\(42)\">"
        #expect(attribute.html == "<input value=\"\" data-n=\"42\">")
    }

    @Test func bidirectionalControlsInNamesCannotReorderThePage() {
        let cell: Markup = "<td>\("a\u{202E}b")</td>"
        #expect(!cell.html.contains("\u{202E}"))
    }

    // MARK: PublishedSite

    @Test func onlyFilesInsideThePublishedFolderAreServed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pages-site-\(UUID().uuidString)")
        let site = root.appendingPathComponent("vi")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("units"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("<h1>index</h1>".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data("unit".utf8).write(to: site.appendingPathComponent("units/ha-noi.html"))
        try Data("secret".utf8).write(to: root.appendingPathComponent("secret.html"))
        try Data("hidden".utf8).write(to: site.appendingPathComponent(".hidden.html"))
        try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("link.html"), withDestinationURL: root.appendingPathComponent("secret.html"))
        let published = PublishedSite(root: site)

        #expect(published.file(at: "")?.url.lastPathComponent == "index.html")
        #expect(published.file(at: "/")?.url.lastPathComponent == "index.html")
        #expect(published.file(at: "units/ha-noi.html")?.contentType == "text/html; charset=utf-8")
        #expect(published.file(at: "units/")?.url == nil)  // a folder without index.html
        for hostile in ["../secret.html", "units/../../secret.html", "%2e%2e/secret.html", "..%2fsecret.html", "units%2f..%2f..%2fsecret.html",
                        ".hidden.html", "link.html", "units//ha-noi.html", "units\\..\\..\\secret.html", "index.html%00.png", "/etc/passwd",
                        "units", "ictindex.sqlite"] {
            #expect(published.file(at: hostile) == nil, "\(hostile) must not be served")
        }
    }

    // MARK: Problems on their questions

    @Test func problemsArePlacedOnTheirQuestionAndWordedInTheMethodologysLanguage() throws {
        let methodology = try StandardLibrary.bundled.methodologies().first { $0.methodology.id.hasPrefix("vn-it-application") }!.methodology
        let vi = SurveyQuestions(methodology: methodology, block: "province", language: .vi)
        let en = SurveyQuestions(methodology: methodology, block: "province", language: .en)
        // What SurveyValidator reports for a broken constraint and an answer out of range, at the
        // draft's locations (file "form", detail: the field id).
        let constraint = Diagnostic(.constraintViolated, .constraintBroken(unit: "ha-noi", constraint: "computers_le_staff", check: "staff_with_computer <= staff_total",
                                                                       values: ["staff_with_computer = 2404", "staff_total = 2399"],
                                                                       explanation: LocalizedText(vi: "số người có máy tính không vượt quá tổng số cán bộ", en: "staff with a computer cannot exceed all staff")),
                                    at: SourceLocation(file: "form", detail: "staff_with_computer"))
        let range = Diagnostic(.outOfRange, .belowMinimum(0, minimum: 1), at: SourceLocation(file: "form", detail: "staff_total"))
        let whole = Diagnostic(.invalidValue, .unknownRole, at: SourceLocation(file: "form"))
        let placed = ProblemText.of([constraint, range, whole], questions: vi)
        #expect(placed[0] == ProblemText(field: "staff_with_computer", text: "Số người có máy tính không vượt quá tổng số cán bộ", code: "constraint-violated"))
        #expect(placed[1] == ProblemText(field: "staff_total", text: "Câu trả lời phải là: số nguyên từ 1 đến 1000000", code: "out-of-range"))
        #expect(placed[2].field == nil && placed[2].text == "vai trò không hợp lệ", "a problem of no question in the page's language")
        #expect(ProblemText.of([constraint], questions: en)[0].text == "staff with a computer cannot exceed all staff")
    }

    @Test func theWebFormAsksTheExcelFormsQuestionsInItsOrder() throws {
        let methodology = try StandardLibrary.bundled.methodologies().first { $0.methodology.id.hasPrefix("vn-it-application") }!.methodology
        let writer = SurveyFormWriter(methodology: methodology, block: "province", language: .vi)
        let questions = SurveyQuestions(methodology: methodology, block: "province", language: .vi)
        #expect(questions.sections.flatMap(\.fields).map(\.id) == writer.fields.map(\.id))
        #expect(questions.sections.first?.title == writer.questions.sectionText(questions.fields.first?.section))
        #expect(!questions.fields.contains { $0.id == "services_online_payment" })  // a ministries-only question
    }

    // MARK: Static files

    @Test func staticFilesMatchTheRepository() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/Server/Static").standardizedFileURL
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".css") || $0.hasSuffix(".js") }.sorted()
        #expect(names == StaticFiles.all.keys.sorted(), "run scripts/generate-bundled-files")
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(StaticFiles.all[name] == text, "\(name) differs from its bundled copy: run scripts/generate-bundled-files")
        }
    }
}
