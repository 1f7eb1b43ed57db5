// The message catalog: the self-assessment (`assess`), the crawl's checklist output, evidence
// changes on import and the group filter of `compute`.

package extension Message {
    // MARK: Self-assessment

    /// The unit's standing: `index` and `mean`/`best` already formatted in the language.
    static func assessStanding(index: String, rank: String, rankOf: Int, mean: String, best: String) -> Message {
        Message(vi: "Chỉ số \(index), hạng \(rank)/\(rankOf) trong khối. Trung bình khối \(mean), cao nhất \(best).",
                en: "Index \(index), rank \(rank) of \(rankOf) in the block. Block mean \(mean), best \(best).")
    }

    /// Last year's standing and the change since (values already formatted in the language),
    /// followed by the places moved when the rank changed; no full stop.
    static func assessPrevious(period: Int, index: String, rank: String, rankOf: Int, change: String, moved: Message?) -> Message {
        let standing = Message(vi: "Năm \(period): chỉ số \(index), hạng \(rank)/\(rankOf); thay đổi \(change)",
                               en: "In \(period): index \(index), rank \(rank) of \(rankOf); change \(change)")
        return moved.map { standing.appending($0, separator: ", ") } ?? standing
    }

    static func placesUp(_ places: Int) -> Message { Message(vi: "lên \(places) bậc", en: "up \(places) places") }
    static func placesDown(_ places: Int) -> Message { Message(vi: "xuống \(places) bậc", en: "down \(places) places") }

    static func assessNoPrevious(_ period: Int) -> Message {
        Message(vi: "Không có số liệu năm trước \(period) để so sánh hạng.", en: "No data of a year before \(period) to compare the rank with.")
    }

    static func assessAnswersFromForm(_ file: String) -> Message {
        Message(vi: "Số liệu của đơn vị lấy từ biểu mẫu \(file) (chưa nhập vào kho dữ liệu); các đơn vị khác giữ số liệu đã có.",
                en: "The unit's answers come from the form \(file) (not imported); the other units keep their data.")
    }

    static let assessPlanHeading = Message(vi: "Kế hoạch kết hợp", en: "Combined plan")

    /// The plan's total: `count` changes together, the gain and the rank before and after.
    static func assessPlanTotal(count: Int, gain: String, points: String, rankBefore: String, rankAfter: String) -> Message {
        Message(vi: "\(count) thay đổi này cùng lúc: \(gain) (\(points) điểm), hạng \(rankBefore) → \(rankAfter). Bộ máy tính toán lại cả khối với mọi thay đổi, các đơn vị khác giữ nguyên.",
                en: "These \(count) changes together: \(gain) (\(points) points), rank \(rankBefore) → \(rankAfter). The engine recomputes the whole block with every change made, the other units unchanged.")
    }

    static let assessNoPlan = Message(vi: "Không có thay đổi số liệu nào làm tăng chỉ số.", en: "No change of answers raises the index.")
    static let assessWhatIfHeading = Message(vi: "Từng thay đổi riêng lẻ", en: "Each change alone")
    static let assessWhatIfIntro = Message(vi: "Với mỗi chỉ tiêu, thay đổi mang lại nhiều điểm nhất khi chỉ làm riêng nó.",
                                           en: "For each indicator, the change that gains the most when it is the only one made.")
    static let assessStrengthsHeading = Message(vi: "Điểm mạnh và điểm yếu", en: "Strengths and weaknesses")
    static let assessExplainHint = Message(vi: "Cách tính chi tiết từng con số: ictindex explain với cùng đơn vị.",
                                           en: "How each number was computed: ictindex explain with the same unit.")

    // MARK: Group filter (compute --group)

    static func groupFilterTitle(attribute: String, value: String) -> Message {
        Message(vi: "Chỉ nhóm \(attribute) = \(value): hạng trong khối và hạng trong nhóm",
                en: "Only the group \(attribute) = \(value): rank in the block and rank in the group")
    }

    static func groupOptionSyntax(_ text: String) -> Message {
        Message(vi: "--group cần dạng thuộc tính=giá trị (ví dụ region=north), nhưng là '\(text)'",
                en: "--group takes attribute=value (e.g. region=north), found '\(text)'")
    }

    static func groupAttributeUnknown(_ attribute: String, declared: [String]) -> Message {
        guard !declared.isEmpty else {
            return Message(vi: "phương pháp không khai báo thuộc tính đơn vị nào (attributes:), nên không có nhóm '\(attribute)'",
                           en: "the methodology declares no unit attributes (attributes:), so there is no group '\(attribute)'")
        }
        return Message(vi: "phương pháp không khai báo thuộc tính đơn vị '\(attribute)' (có: \(declared.joined(separator: ", ")))",
                       en: "the methodology declares no unit attribute '\(attribute)' (declared: \(declared.joined(separator: ", ")))")
    }

    static func groupHasNoUnits(attribute: String, value: String, groups: [String]) -> Message {
        Message(vi: "không đơn vị nào thuộc nhóm \(attribute) = \(value) (các nhóm có: \(groups.joined(separator: ", ")))",
                en: "no unit is in the group \(attribute) = \(value) (groups found: \(groups.joined(separator: ", ")))")
    }

    static let groupWithAsOf = Message(vi: "--group không đi kèm --as-of (các đơn vị sau sáp nhập không mang nhóm của đơn vị cũ)",
                                       en: "--group does not go with --as-of (the units after a merger do not carry their predecessors' groups)")

    // MARK: Evidence changes on import

    /// A changed evidence line under a superseding submission (the answer itself unchanged or
    /// listed on its own line).
    static func evidenceChanged(field: String, before: String?, after: String?) -> Message {
        Message(vi: "      \(field) (bằng chứng): \(before ?? "(trống)") → \(after ?? "(trống)")", en: "      \(field) (evidence): \(before ?? "(none)") → \(after ?? "(none)")")
    }

    // MARK: Crawl output: checklist totals and fail reasons

    static func checklistTotalWithUnchecked(passed: Int, total: Int, unchecked: Int) -> Message {
        Message(vi: "  Danh mục thông tin bắt buộc: đạt \(passed)/\(total) mục, không đạt \(total - passed) (trong đó \(unchecked) mục không kiểm tra được vì trang cần JavaScript)",
                en: "  Checklist: \(passed) of \(total) items pass, \(total - passed) fail (\(unchecked) of them could not be checked: the pages need JavaScript)")
    }

    static let itemNeedsJavaScript = Message(vi: "không kiểm tra được (trang cần JavaScript)", en: "could not be checked (page needs JavaScript)")
    static func itemNotFoundOnPages(_ pages: Int) -> Message {
        Message(vi: "không tìm thấy trên \(pages) trang đã quét", en: "not found on the \(pages) pages crawled")
    }
    static let itemNotEvaluated = Message(vi: "chưa đánh giá: lần quét tìm các mục của danh mục khác", en: "not evaluated: the crawl looked for the items of another checklist")
    static let failPlainHTTP = Message(vi: "trang được phục vụ qua HTTP thường, không mã hoá", en: "served over plain HTTP, unencrypted")
    static let failNoHTTPSRedirect = Message(vi: "http:// không chuyển sang https://", en: "http:// does not redirect to https://")
    static let failHSTSWithoutHTTPS = Message(vi: "trang không được phục vụ qua HTTPS", en: "site not served over HTTPS")
    static let failNoHSTSHeader = Message(vi: "không có tiêu đề Strict-Transport-Security", en: "no Strict-Transport-Security header")
    static let failNoLang = Message(vi: "trang không khai báo ngôn ngữ (thuộc tính lang)", en: "no lang attribute")
    static let failNoViewport = Message(vi: "không có thẻ meta viewport", en: "no viewport meta")
    static let failJavaScriptShell = Message(vi: "trang chỉ hiện nội dung khi chạy JavaScript", en: "the page shows its content only with JavaScript")
    static let failNoDatedItem = Message(vi: "không tìm thấy tin bài nào có ngày đăng", en: "no dated item found")
    static let failSitemapNotFetched = Message(vi: "không tải được sitemap.xml", en: "sitemap.xml not fetched")
    static let failNoResponse = Message(vi: "máy chủ không phản hồi", en: "no response")
}
