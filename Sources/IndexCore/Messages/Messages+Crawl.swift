// The message catalog: what `crawl` and `explain` say about a portal audit.

import Foundation

package extension Message {
    static func crawlHeading(unit: String?, url: String, period: Int, checklist: String) -> Message {
        Message(vi: "\(unit.map { "\($0): " } ?? "")\(url) — kỳ \(period), danh mục \(checklist)", en: "\(unit.map { "\($0): " } ?? "")\(url) — period \(period), checklist \(checklist)")
    }

    /// Pages, errors, megabytes, seconds and pages per second of one site's crawl.
    static func crawlProgress(pages: Int, errors: Int, megabytes: Double, seconds: Double, rate: Double) -> Message {
        let (mb, s, r) = (String(format: "%.1f", megabytes), String(format: "%.1f", seconds), String(format: "%.1f", rate))
        return Message(vi: "  đã quét \(pages) trang (\(errors) lỗi), \(mb.replacingOccurrences(of: ".", with: ",")) MB trong \(s.replacingOccurrences(of: ".", with: ",")) giây (\(r.replacingOccurrences(of: ".", with: ",")) trang/giây)",
                       en: "  crawled \(pages) pages (\(errors) errors), \(mb) MB in \(s) s (\(r) pages/s)")
    }

    static func crawlStoppedByBudget(_ budget: String) -> Message {
        Message(vi: "; dừng vì hết hạn mức \(budget)", en: "; stopped by the \(budget) budget")
    }

    static let crawlInterrupted = Message(vi: "; bị ngắt (chạy lại để tiếp tục)", en: "; interrupted (run again to continue)")

    /// The checklist's items that passed, out of all: "đạt 14/22 mục".
    static func checklistTotal(passed: Int, total: Int) -> Message {
        Message(vi: "  Danh mục thông tin bắt buộc: đạt \(passed)/\(total) mục, không đạt \(total - passed)", en: "  Checklist: \(passed) of \(total) items pass, \(total - passed) fail")
    }

    static let technicalChecksHeading = Message(vi: "  Kiểm tra kỹ thuật và nội dung:", en: "  Technical and content checks:")
    static let crawlFieldsHeading = Message(vi: "  các trường:", en: "  fields:")
    static let itemNotFound = Message(vi: "không tìm thấy trên cổng", en: "not found on the portal")

    static func surveyCrawlDiffer(_ count: Int) -> Message {
        Message(vi: "  khảo sát và kết quả quét khác nhau (\(count) trường cần xem lại):", en: "  survey and crawl differ (\(count) to review):")
    }

    static func recordedAsSubmission(_ id: Int64) -> Message {
        Message(vi: "  đã ghi thành lần nộp #\(id)", en: "  recorded as submission #\(id)")
    }

    static func crawlBelowRequiredShare(unit: String, passed: Int, total: Int, required: Double) -> Message {
        Message(vi: "\(unit): đạt \(passed)/\(total) mục của danh mục, dưới mức yêu cầu \(NumberFormatting.format(required * 100, in: .vi))%",
                en: "\(unit): \(passed) of \(total) checklist items pass, below the required \(NumberFormatting.format(required * 100))%")
    }

    static func failUnderOutOfRange(_ value: Double) -> Message {
        Message(vi: "--fail-under là tỷ lệ mục đạt từ 0 đến 1 (ví dụ 0.8), nhưng là \(NumberFormatting.format(value))", en: "--fail-under is the share of items that must pass, from 0 to 1 (e.g. 0.8), found \(NumberFormatting.format(value))")
    }

    // MARK: A field where survey and crawl differ

    static func comparisonSurvey(value: String, location: String) -> Message {
        Message(vi: "khảo sát \(value) (\(location))", en: "survey \(value) (\(location))")
    }
    static let comparisonNoSurvey = Message(vi: "không có câu trả lời khảo sát", en: "no survey answer")

    static func comparisonLine(field: String, survey: Message, crawl: String, lowerBound: Bool?, location: String) -> Message {
        let boundVi = lowerBound.map { $0 ? ", giá trị cận dưới" : ", giá trị cận trên" } ?? ""
        let boundEn = lowerBound.map { $0 ? ", a lower bound" : ", an upper bound" } ?? ""
        return Message(vi: "\(field): \(survey.vi) · quét \(crawl)\(boundVi) (\(location))", en: "\(field): \(survey.en) · crawl \(crawl)\(boundEn) (\(location))")
    }

    static let crawlFillsMissing = Message(vi: " — giá trị quét được điền vào câu trả lời còn thiếu", en: " — the crawl's value fills the missing answer")
    static func crawlCounts(from before: String?, to after: String) -> Message {
        Message(vi: " — tính theo kết quả quét: giá trị dùng đổi từ \(before ?? "(trống)") thành \(after)", en: " — the crawl counts: the value used changes from \(before ?? "none") to \(after)")
    }
    static let surveyCounts = Message(vi: " — tính theo câu trả lời khảo sát", en: " — the survey answer counts")

    // MARK: Names of the technical checks

    /// The name of a check that is not a checklist item, in both languages; `nil` for an id this
    /// catalog does not know (shown as the id).
    static func checkName(_ id: String) -> Message? {
        switch id {
        case "tech.https": Message(vi: "phục vụ qua HTTPS", en: "served over HTTPS")
        case "tech.http-redirect": Message(vi: "chuyển http:// sang https://", en: "http:// redirects to https://")
        case "tech.hsts": Message(vi: "HSTS (bắt buộc dùng HTTPS)", en: "HSTS (HTTPS enforced)")
        case "tech.gov-domain": Message(vi: "tên miền .gov.vn", en: "a .gov.vn domain")
        case "tech.sitemap-xml": Message(vi: "sơ đồ trang sitemap.xml", en: "sitemap.xml")
        case "tech.response-time": Message(vi: "thời gian phản hồi", en: "response time")
        case "tech.broken-links": Message(vi: "liên kết hỏng", en: "broken links")
        case "a11y.lang": Message(vi: "khai báo ngôn ngữ trang (lang)", en: "page language declared (lang)")
        case "a11y.viewport": Message(vi: "hiển thị trên điện thoại (viewport)", en: "mobile display (viewport)")
        case "a11y.img-alt": Message(vi: "văn bản thay thế cho ảnh", en: "alternative text for images")
        case "a11y.form-labels": Message(vi: "nhãn cho ô nhập liệu", en: "labels for form fields")
        case "content.freshness": Message(vi: "thông tin được cập nhật", en: "content kept up to date")
        case "content.unicode": Message(vi: "văn bản Unicode", en: "Unicode text")
        case "content.static-html": Message(vi: "nội dung đọc được không cần JavaScript", en: "content readable without JavaScript")
        case "content.charset": Message(vi: "bảng mã ký tự", en: "character set")
        case "services.count": Message(vi: "số dịch vụ công trực tuyến", en: "number of online public services")
        case "services.level4-ratio": Message(vi: "tỷ lệ dịch vụ công mức độ 4", en: "share of level-4 online services")
        default: nil
        }
    }
}

package extension Message {
    static func surveyAndCrawlHeading(fields: Int) -> Message {
        Message(vi: "\nKhảo sát và kết quả quét cổng (\(fields) trường):", en: "\nSurvey and portal crawl (\(fields) fields):")
    }

    static func crawlEvidenceHeading(checks: Int) -> Message {
        Message(vi: "\nBằng chứng từ kết quả quét cổng (\(checks) kiểm tra):", en: "\nPortal crawl evidence (\(checks) checks):")
    }
}
