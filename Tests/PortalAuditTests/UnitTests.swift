import Foundation
import IndexCore
import IndexStore
import Testing
@testable import PortalAudit

/// Every test of the target, one at a time: the tests start servers, count live libxml2
/// documents and time Retry-After waits, which parallel tests would disturb.
@Suite(.serialized) struct PortalAuditSuite {}

extension PortalAuditSuite {
@Suite struct RobotsTests {
    @Test func longestMatchWinsAndAllowWinsTies() {
        let robots = RobotsPolicy.parse("""
            User-agent: *
            Disallow: /tin-tuc/
            Allow: /tin-tuc/cong-khai
            Disallow: /*.pdf$
            Allow: /page
            Disallow: /page
            """, userAgent: "ictindex")
        #expect(!robots.allows("/tin-tuc/bai-1"))
        #expect(robots.allows("/tin-tuc/cong-khai/bai-2"))
        #expect(!robots.allows("/files/a.pdf"))
        #expect(robots.allows("/files/a.pdf?download=1"))
        #expect(robots.allows("/page"))
        #expect(robots.allows("/"))
    }

    @Test func specificGroupOverridesStar() {
        let robots = RobotsPolicy.parse("""
            User-agent: *
            Disallow: /

            User-agent: ICTIndex
            User-agent: other
            Disallow: /private
            Crawl-delay: 3
            """, userAgent: "ictindex")
        #expect(robots.allows("/tin-tuc"))
        #expect(!robots.allows("/private/x"))
        #expect(robots.crawlDelay == 3)
        #expect(!RobotsPolicy.parse("User-agent: *\nDisallow: /\n", userAgent: "ictindex").allows("/a"))
    }

    @Test func wildcardsAndStatus() {
        #expect(RobotsPolicy.matches(pattern: "/a*b$", path: "/axxb"))
        #expect(!RobotsPolicy.matches(pattern: "/a*b$", path: "/axxbc"))
        #expect(RobotsPolicy.matches(pattern: "/*?sid=", path: "/x/y?sid=1"))
        #expect(RobotsPolicy.from(status: 404, body: Data(), userAgent: "ictindex").allows("/anything"))
        #expect(!RobotsPolicy.from(status: 503, body: Data(), userAgent: "ictindex").allows("/"))
        #expect(!RobotsPolicy.from(status: nil, body: Data(), userAgent: "ictindex").allows("/"))
        // Percent-encoding is compared octet for octet, UTF-8 paths included.
        let robots = RobotsPolicy.parse("User-agent: *\nDisallow: /tìm-kiếm\n", userAgent: "ictindex")
        #expect(!robots.allows("/t%C3%ACm-ki%E1%BA%BFm?q=1"))
    }

    @Test func parsesAtLeast500KiB() {
        let filler = String(repeating: "# comment line to pad the file\n", count: 16_000)
        let robots = RobotsPolicy.parse("User-agent: *\n" + filler + "Disallow: /late\n", userAgent: "ictindex")
        #expect((filler.utf8.count) > 480 * 1024)
        #expect(!robots.allows("/late"))
    }
}
}

extension PortalAuditSuite {
@Suite struct URLTests {
    @Test func canonicalisation() {
        let base = URL(string: "http://Example.GOV.vn:80/a/b/")!
        #expect(URLCanonicalizer.canonical("../c?b=2&a=1#top", base: base)?.absoluteString == "http://example.gov.vn/a/c?a=1&b=2")
        #expect(URLCanonicalizer.canonical("/x;jsessionid=ABC?PHPSESSID=1&utm_source=f&p=2", base: base)?.absoluteString == "http://example.gov.vn/x?p=2")
        #expect(URLCanonicalizer.canonical("javascript:void(0)", base: base) == nil)
        #expect(URLCanonicalizer.canonical("mailto:a@b.vn", base: base) == nil)
        #expect(URLCanonicalizer.canonical("https://example.gov.vn", base: nil)?.absoluteString == "https://example.gov.vn/")
        #expect(URLCanonicalizer.canonical("/tin tức/bài 1", base: base)?.absoluteString == "http://example.gov.vn/tin%20t%E1%BB%A9c/b%C3%A0i%201")
    }

    @Test func shapesFoldDigits() {
        let a = URL(string: "http://h/list?page=12")!, b = URL(string: "http://h/list?page=13")!
        #expect(URLCanonicalizer.shape(of: a) == URLCanonicalizer.shape(of: b))
        #expect(URLCanonicalizer.shape(of: URL(string: "http://h/lich/2019/12/01")!) == "h/lich/N/N/N")
        #expect(Crawler.hasRepeatedSegments(URL(string: "http://h/a/b/a/b/a/b")!))
    }
}
}

extension PortalAuditSuite {
@Suite struct CharsetTests {
    @Test func order() {
        let utf8 = Data("<meta charset=windows-1258><p>Việt</p>".utf8)
        #expect(Charset.detect(utf8, contentType: "text/html; charset=UTF-8").source == .header)
        #expect(Charset.detect(Data([0xEF, 0xBB, 0xBF]) + Data("<p>a</p>".utf8), contentType: "text/html").source == .bom)
        let meta = Charset.detect(Data("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"></head>".utf8), contentType: "text/html")
        #expect(meta.name == "windows-1258" && meta.source == .meta)
        #expect(Charset.detect(Data("<p>Việt Nam</p>".utf8), contentType: nil) == CharsetDecision(name: "UTF-8", source: .heuristic, problems: []))
        #expect(Charset.detect(Data([0x3C, 0x70, 0x3E, 0x56, 0x69, 0xD2, 0x74]), contentType: nil).name == "windows-1258")
    }

    @Test func wrongHeaderIsReported() {
        let bytes = Data([0x3C, 0x70, 0x3E, 0x56, 0x69, 0xEA, 0xF2, 0x74, 0x3C, 0x2F, 0x70, 0x3E])  // "Viềt" in windows-1258
        let decision = Charset.detect(bytes, contentType: "text/html; charset=utf-8")
        #expect(decision.name == "windows-1258")
        #expect(decision.problems.count == 1)
        let unknown = Charset.detect(Data("<p>a</p>".utf8), contentType: "text/html; charset=x-klingon")
        #expect(unknown.problems.first?.contains("unknown") == true)
    }

    @Test func windows1258DecodesToNFC() throws {
        // "Việt" in windows-1258: V i ê + combining dot below (0xF2) t.
        let bytes = Data("<html><body><p>Vi".utf8) + Data([0xEA, 0xF2]) + Data("t Nam</p></body></html>".utf8)
        let text = try #require(HTMLDocument.parse(bytes, charset: "windows-1258") { $0.bodyText() })
        #expect(text == "Việt Nam")
        #expect(text.unicodeScalars.count == "Việt Nam".precomposedStringWithCanonicalMapping.unicodeScalars.count)
    }
}
}

extension PortalAuditSuite {
@Suite struct HTMLTests {
    @Test func xpathAndDeterministicFree() throws {
        let before = HTMLDocument.liveDocuments
        let html = Data("<html lang=vi><head><title>Tiêu đề</title></head><body><nav><a href='/a'>Giới thiệu</a><a href='/b'><img src=x alt='Sơ đồ'></a></nav><p>x<b>y</p></body></html>".utf8)
        let result = try #require(HTMLDocument.parse(html, charset: "UTF-8") { document -> ([HTMLElement], [String], Int) in
            #expect(HTMLDocument.liveDocuments == before + 1)
            return (document.elements("//a"), document.strings("//title"), document.count("//img[@alt]"))
        })
        #expect(HTMLDocument.liveDocuments == before)
        #expect(result.0.map(\.text) == ["Giới thiệu", ""])
        #expect(result.0.first?["href"] == "/a")
        #expect(result.1 == ["Tiêu đề"])
        #expect(result.2 == 1)
        // Many parses leave nothing behind.
        for _ in 0..<200 { _ = HTMLDocument.parse(html, charset: "UTF-8") { $0.count("//a") } }
        #expect(HTMLDocument.liveDocuments == before)
    }

    @Test func legacyFontEncodings() {
        #expect(Charset.legacyEncoding(html: Data("<font face='.VnTime'>x</font>".utf8), text: "x") == .tcvn3)
        #expect(Charset.legacyEncoding(html: Data("<font face='VNI-Times'>x</font>".utf8), text: "x") == .vni)
        #expect(Charset.legacyEncoding(html: Data(), text: String(repeating: "Cổng thông tin điện tử ", count: 10)) == nil)
    }

    @Test func detectors() {
        #expect(PageFacts.documentNumbers(in: "Nghị định 43/2011/NĐ-CP, Thông tư 05/2020/TT-BTTTT và QĐ 123/QĐ-UBND") == ["43/2011/NĐ-CP", "05/2020/TT-BTTTT", "123/QĐ-UBND"])
        #expect(PageFacts.serviceLevel("Cấp phép xây dựng — Mức độ 4") == "4")
        #expect(PageFacts.serviceLevel("Đăng ký kinh doanh: DVC toàn trình") == "full")
        #expect(PageFacts.serviceLevel("Thủ tục một phần") == "partial")
        #expect(PageFacts.serviceLevel("Tin tức") == nil)
        #expect(PageFacts.newestDate(in: "ngày 02/12/2019 và 31/12/2030 và 2019-12-20", notAfter: Day(year: 2019, month: 12, day: 31)) == "2019-12-20")
    }

    @Test func checklistsLoad() throws {
        let lists = try Checklist.loadAll(from: Fixtures.repository.appendingPathComponent("Indicators/portal"))
        #expect(lists.map(\.id) == ["nd43-2011", "nd42-2022"])
        #expect(Checklist.forPeriod(2019, among: lists)?.id == "nd43-2011")
        #expect(Checklist.forPeriod(2022, among: lists)?.id == "nd42-2022")
        #expect(lists[1].items.filter { $0.group == "information" }.count == 14)
        #expect(throws: DiagnosticError.self) { try Checklist.load(yaml: "id: x\nvalid_from: 2020-01-01\nitems:\n  - id: a\n    signals: {colour: [red]}\n", fileName: "bad.yaml") }
        // Every field declares its precedence beside the survey.
        let https = try #require(lists[0].fields.first { $0.field == "portal_https" })
        #expect(https.precedence == FieldPrecedence(counts: .crawl, crawlValue: .exact))
        #expect(lists[0].fields.first { $0.field == "procedures_total" }?.precedence == FieldPrecedence(counts: .survey, crawlValue: .lowerBound))
    }

    /// Checklist errors name the file, line and column (read through IndexCore's YAMLReader), and
    /// every problem is reported, not only the first.
    @Test func checklistErrorsCarryLineNumbers() throws {
        let yaml = """
            id: x
            valid_from: 2020-01-01
            items:
              - id: news
                signals: {link_text: [tin tức], colour: [red]}
            fields:
              portal_items: {count_group: information, counts: survey, crawl_value: lower_bound}
              portal_https: {check: tech.https, crawl_value: exact}
              portal_english: {item: news, counts: sometimes, crawl_value: exact}
            """
        do {
            _ = try Checklist.load(yaml: yaml, fileName: "bad.yaml")
            Issue.record("a bad checklist loaded")
        } catch let error as DiagnosticError {
            let found = error.diagnostics.map { "\($0.location?.line ?? 0): \($0.message)" }
            #expect(error.diagnostics.allSatisfy { $0.location?.file == "bad.yaml" })
            #expect(found.contains { $0.hasPrefix("5: unknown key 'colour'") }, "\(found)")
            #expect(found.contains { $0.hasPrefix("8: field portal_https needs the key 'counts'") }, "\(found)")
            #expect(found.contains { $0.hasPrefix("9: field portal_english: counts must be survey or crawl, found 'sometimes'") }, "\(found)")
        }
    }
}
}

enum Fixtures {
    static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()
    static let portals = repository.appendingPathComponent("Examples/portals")
}
