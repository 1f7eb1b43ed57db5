import Foundation
import PortalAuditFixtures
import Testing

/// `ictindex crawl` in words a reader of the command's language understands (issue 13): each
/// checklist item by its label and the article it comes from, every fail with its reason in that
/// language, and "could not be checked (page needs JavaScript)" rather than "not found".
@Suite(.serialized) struct CrawlWordingTests {
    static let portals = Repository.url("Examples/portals")

    func crawl(_ portal: String, language: String) async throws -> String {
        let server = try await FixtureServer(route: FixtureServer.directory(Self.portals.appendingPathComponent(portal)))
        let run = try await CLI.run(["crawl", server.baseURL.absoluteString, "--period", "2019", "--as-of", "2019-12-31", "--delay", "0", "--max-pages", "60", "--lang", language])
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    /// A portal that shows nothing without JavaScript (served over plain HTTP on 127.0.0.1).
    @Test func aJavaScriptPortalIsNotCheckedRatherThanNotFound() async throws {
        let vi = try await crawl("js-shell", language: "vi")
        #expect(vi.contains("  ✗ Giới thiệu, chức năng, nhiệm vụ (Điều 10): không kiểm tra được (trang cần JavaScript)"), "\(vi)")
        #expect(vi.contains("  ✗ Tìm kiếm (Điều 4, 28): không kiểm tra được (trang cần JavaScript)"), "\(vi)")
        #expect(vi.contains("Danh mục thông tin bắt buộc: đạt 1/22 mục, không đạt 21 (trong đó 21 mục không kiểm tra được vì trang cần JavaScript)"), "\(vi)")
        #expect(vi.contains("  ✗ HSTS (bắt buộc dùng HTTPS): trang không được phục vụ qua HTTPS"), "\(vi)")
        #expect(vi.contains("  ✗ phục vụ qua HTTPS: trang được phục vụ qua HTTP thường, không mã hoá"), "\(vi)")
        #expect(vi.contains("  ✗ nội dung đọc được không cần JavaScript: trang chỉ hiện nội dung khi chạy JavaScript"), "\(vi)")
        #expect(!vi.contains("not found on"), "no English reason in Vietnamese output:\n\(vi)")
        #expect(!vi.contains("no Strict-Transport-Security"), "\(vi)")
        let en = try await crawl("js-shell", language: "en")
        #expect(en.contains("  ✗ Introduction, functions and duties (Điều 10): could not be checked (page needs JavaScript)"), "\(en)")
        #expect(en.contains("  ✗ HSTS (HTTPS enforced): site not served over HTTPS"), "\(en)")
        #expect(en.contains("Checklist: 1 of 22 items pass, 21 fail (21 of them could not be checked: the pages need JavaScript)"), "\(en)")
    }

    /// A portal readable without JavaScript: an item it lacks is "not found" on the pages crawled.
    @Test func anItemMissingFromAReadablePortalIsNotFound() async throws {
        let vi = try await crawl("poor", language: "vi")
        #expect(vi.range(of: #"  ✗ Cơ cấu tổ chức, sơ đồ tổ chức \(Điều 10\): không tìm thấy trên [0-9]+ trang đã quét"#, options: .regularExpression) != nil, "\(vi)")
        #expect(!vi.contains("không kiểm tra được"), "\(vi)")
    }
}
