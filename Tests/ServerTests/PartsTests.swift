import Foundation
import Testing
@testable import Server

/// The small parsers and checks of the server, on hand-made inputs.
@Suite struct PartsTests {
    @Test func acceptLanguagePicksTheSupportedLanguageWithTheHighestQuality() {
        #expect(LanguageNegotiation.acceptLanguage("vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7") == .vi)
        #expect(LanguageNegotiation.acceptLanguage("en-GB,en;q=0.9") == .en)
        #expect(LanguageNegotiation.acceptLanguage("fr-FR, en;q=0.4, vi;q=0.6") == .vi)
        #expect(LanguageNegotiation.acceptLanguage("EN") == .en)
        #expect(LanguageNegotiation.acceptLanguage("fr, de") == nil)
        #expect(LanguageNegotiation.acceptLanguage("en;q=0") == nil)
        #expect(LanguageNegotiation.acceptLanguage("") == nil)
    }

    @Test func aMultipartFormGivesItsFieldsAndFiles() throws {
        let pdf: [UInt8] = Array("%PDF-1.4\r\n--not-the-boundary\r\n".utf8) + [0, 255, 13, 10]
        var body: [UInt8] = []
        body += Array("--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc123\r\n".utf8)
        body += Array("--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nBiên bản \"kiểm kê\"\r\n".utf8)
        body += Array("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Minh chứng \\\"1\\\".pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
        body += pdf + Array("\r\n--XyZ--\r\n".utf8)
        let form = try MultipartForm.parse(body, boundary: "XyZ")
        #expect(form.fields == ["csrf": "abc123", "note": "Biên bản \"kiểm kê\""])
        #expect(form.files.count == 1)
        #expect(form.files.first?.field == "file")
        #expect(form.files.first?.fileName == "Minh chứng \"1\".pdf")
        #expect(form.files.first?.contentType == "application/pdf")
        #expect(form.files.first.map { Array($0.data) } == pdf)
    }

    @Test func malformedMultipartFormsAreRefusedWithA400() {
        let cases: [String] = [
            "no boundary at all",
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated",
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"",
            "--XyZ\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--XyZ--",
            "--XyZgarbage",
        ]
        for text in cases {
            #expect(throws: ServerError.self, "\(text)") { try MultipartForm.parse(Array(text.utf8), boundary: "XyZ") }
        }
    }

    @Test func theFormKindAndBoundaryComeFromTheContentType() {
        if case .multipart(let boundary) = FormBody.kind(of: "multipart/form-data; boundary=\"a b\"") {
            #expect(boundary == "a b")
        } else {
            Issue.record("quoted boundary not read")
        }
        #expect(FormBody.kind(of: "multipart/form-data") == nil)
        #expect(FormBody.kind(of: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
        #expect(FormBody.kind(of: "application/json") == nil)
        if case .urlEncoded = FormBody.kind(of: "Application/X-WWW-Form-Urlencoded; charset=UTF-8") {} else { Issue.record("url-encoded not recognised") }
        #expect(URLEncodedForm.fields("csrf=a%2Bb&name=Th%E1%BB%ABa+Thi%C3%AAn&empty=&=x") == ["csrf": "a+b", "name": "Thừa Thiên", "empty": ""])
    }

    @Test func constantTimeComparisonAndBearerParsing() {
        #expect(ConstantTime.equal(Array("abc".utf8), Array("abc".utf8)))
        #expect(!ConstantTime.equal(Array("abc".utf8), Array("abd".utf8)))
        #expect(!ConstantTime.equal(Array("abc".utf8), Array("abcd".utf8)))
        #expect(!ConstantTime.equal([], Array("a".utf8)))
        #expect(AuthenticationMiddleware.bearerToken("Bearer abc") == "abc")
        #expect(AuthenticationMiddleware.bearerToken("bearer   abc ") == "abc")
        #expect(AuthenticationMiddleware.bearerToken("Basic YTpi") == nil)
        #expect(AuthenticationMiddleware.bearerToken("Bearer") == nil)
        #expect(SameOrigin.matches(origin: "https://ictindex.gov.vn", authority: "ictindex.gov.vn"))
        #expect(!SameOrigin.matches(origin: "https://evil.example", authority: "ictindex.gov.vn"))
        #expect(!SameOrigin.matches(origin: "null", authority: "ictindex.gov.vn"))
        #expect(!SameOrigin.matches(origin: "https://ictindex.gov.vn.evil.example", authority: "ictindex.gov.vn"))
    }

    @Test func aStaticFolderNeverServesAnythingOutsideIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("static-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("report")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("units"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("<html>index</html>".utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data("<html>hn</html>".utf8).write(to: folder.appendingPathComponent("units/ha-noi.html"))
        try Data("secret".utf8).write(to: root.appendingPathComponent("index.sqlite"))
        try Data("hidden".utf8).write(to: folder.appendingPathComponent(".env"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("link.html"), withDestinationURL: root.appendingPathComponent("index.sqlite"))

        #expect(try StaticFolder.resolve(folder: folder, path: []).lastPathComponent == "index.html")
        #expect(try StaticFolder.resolve(folder: folder, path: ["units", "ha-noi.html"]).lastPathComponent == "ha-noi.html")
        for path: [Substring] in [["..", "index.sqlite"], ["..%2Findex.sqlite"], ["units", "..", "..", "index.sqlite"], [".env"],
                                  ["link.html"], ["units"], ["nope.html"], ["%2E%2E", "index.sqlite"], ["units%2F..%2F..%2Findex.sqlite"]] {
            #expect(throws: ServerError.self, "\(path)") { try StaticFolder.resolve(folder: folder, path: path) }
        }
    }

    @Test func theRateLimiterCountsPerAddressAndWindow() {
        final class Clock: @unchecked Sendable { var now = Date(timeIntervalSince1970: 0) }
        let clock = Clock()
        let limiter = SignInRateLimiter(limit: 2, window: 60, clock: { clock.now })
        #expect(limiter.attempt(from: "a") == nil)
        #expect(limiter.attempt(from: "a") == nil)
        #expect(limiter.attempt(from: "a") == 60)
        #expect(limiter.attempt(from: "b") == nil)
        clock.now += 45
        #expect(limiter.attempt(from: "a") == 15)
        clock.now += 15
        #expect(limiter.attempt(from: "a") == nil)
    }
}
