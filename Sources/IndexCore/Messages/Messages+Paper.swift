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

    // MARK: The survey form (Intake's SurveyFormWriter): sheet names, headings, instructions

    static let formSheet = Message(vi: "Phiếu", en: "Form")
    static let formInstructionsSheet = Message(vi: "Hướng dẫn", en: "Instructions")
    static let formListsSheet = Message(vi: "Danh mục", en: "Lists")
    static let formTitlePrefix = Message(vi: "PHIẾU KHẢO SÁT — ", en: "SURVEY FORM — ")
    static let formMethodology = Message(vi: "Phương pháp", en: "Methodology")
    static let formEdition = Message(vi: "Phiên bản", en: "Edition")
    static let formBlock = Message(vi: "Khối", en: "Block")
    static let formDataYear = Message(vi: "Năm số liệu", en: "Data year")
    static let formDataYearNote = Message(vi: "Năm của số liệu (4 chữ số)", en: "The year the data describe (4 digits)")
    static let formUnitID = Message(vi: "Mã đơn vị", en: "Unit id")
    static let formUnitIDNote = Message(vi: "Mã do cơ quan tổng hợp cấp", en: "The id given by the collecting agency")
    static let formUnitName = Message(vi: "Tên đơn vị", en: "Unit name")
    static let formInvalidYear = Message(vi: "Năm không hợp lệ", en: "Invalid year")
    static let formEnterYear = Message(vi: "Nhập năm có 4 chữ số, ví dụ 2019.", en: "Enter a 4-digit year, e.g. 2019.")
    static let formDeadlinePrefix = Message(vi: "Hạn gửi phiếu: ", en: "Return the form by ")
    /// The form's column headers after the key column, B to H.
    static let formHeaders: [Message] = [
        Message(vi: "Mục", en: "Section"), Message(vi: "Câu hỏi", en: "Question"), Message(vi: "Đơn vị tính", en: "Unit"),
        Message(vi: "Giá trị cho phép", en: "Allowed values"), Message(vi: "Trả lời", en: "Answer"),
        Message(vi: "Minh chứng / nguồn số liệu", en: "Evidence / source"), Message(vi: "Hướng dẫn", en: "Help"),
    ]

    static func formEditionLine(methodology: String, edition: String, block: String, period: Int?) -> Message {
        guard let period else { return Message(vi: "\(methodology) · phiên bản \(edition) · \(block)", en: "\(methodology) · edition \(edition) · \(block)") }
        return Message(vi: "\(methodology) · phiên bản \(edition) · \(block) · năm \(period)", en: "\(methodology) · edition \(edition) · \(block) · year \(period)")
    }

    static func formBasedOn(_ sources: String) -> Message { Message(vi: "Căn cứ: \(sources)", en: "Based on: \(sources)") }
    static let formHowToFill = Message(vi: "CÁCH ĐIỀN PHIẾU", en: "HOW TO FILL IN THE FORM")
    static let formChecksBetweenAnswers = Message(vi: "CÁC RÀNG BUỘC GIỮA CÂU TRẢ LỜI", en: "CHECKS BETWEEN ANSWERS")

    /// The numbered steps of the instructions sheet; `form` is the form sheet's name, `deadline`
    /// the due day as the form writes it.
    static func formSteps(form: String, deadline: String?) -> [Message] {
        let byVi = deadline.map { " trước ngày \($0)" } ?? "", byEn = deadline.map { " by \($0)" } ?? ""
        return [
            Message(vi: "1. Mở trang \"\(form)\". Mỗi dòng là một câu hỏi; chỉ các ô tô màu vàng được sửa.",
                    en: "1. Open the sheet \"\(form)\". Each row is one question; only the yellow cells can be edited."),
            Message(vi: "2. Ghi câu trả lời vào cột \"Trả lời\" (cột F), mỗi câu một ô. Số: chỉ nhập số, không kèm đơn vị tính. Tỷ lệ phần trăm: nhập 55 cho 55%.",
                    en: "2. Write each answer in the \"Answer\" column (column F), one cell per question. Numbers: digits only, without the unit. Percentages: enter 55 for 55%."),
            Message(vi: "3. Câu hỏi có/không và câu hỏi lựa chọn: chọn trong danh sách thả xuống.",
                    en: "3. Yes/no and choice questions: pick from the drop-down list."),
            Message(vi: "4. Ghi minh chứng hoặc nguồn số liệu (số văn bản, đường dẫn) vào cột \"Minh chứng / nguồn số liệu\" (cột G).",
                    en: "4. Write the evidence or source of each answer (document number, link) in the \"Evidence / source\" column (column G)."),
            Message(vi: "5. Để trống câu không có số liệu; câu để trống không được tính điểm.",
                    en: "5. Leave a question empty when there are no data; an empty answer scores no points."),
            Message(vi: "6. Không thêm, xoá, gộp dòng hoặc ô, và không sửa cột A (mã câu hỏi). Có thể sắp xếp lại các dòng.",
                    en: "6. Do not add, delete or merge rows or cells, and do not change column A (the question ids). Rows may be reordered."),
            Message(vi: "7. Nếu phiếu chưa ghi đơn vị, điền mã và tên đơn vị ở phần đầu trang \"\(form)\".",
                    en: "7. If the form does not name your unit, fill in the unit id and name at the top of the sheet \"\(form)\"."),
            Message(vi: "8. Lưu tệp ở định dạng .xlsx (không chuyển sang PDF, không đổi tên các trang) và gửi lại cho cơ quan tổng hợp\(byVi). Khi nhận phiếu, cơ quan tổng hợp kiểm tra tự động mọi câu trả lời; nếu có ô sai hoặc thiếu, đơn vị sẽ nhận lại danh sách các ô cần sửa (tên trang và ô, ví dụ \(form)!F12, kèm lý do) để sửa rồi gửi lại.",
                    en: "8. Save the file as .xlsx (not as PDF, and without renaming the sheets) and send it back to the collecting agency\(byEn). The agency checks every answer automatically when it receives the form; if a cell is wrong or missing, you get back the list of cells to correct (sheet and cell, e.g. \(form)!F12, with the reason), correct them and send the form again."),
            Message(vi: "9. Ký, ghi rõ họ tên và đóng dấu ở cuối trang \"\(form)\" trên bản in lưu tại đơn vị.",
                    en: "9. Sign, write your name and stamp the printed copy kept by your unit at the end of the sheet \"\(form)\"."),
        ]
    }

    static let formPlaceAndDate = Message(vi: "…………, ngày …… tháng …… năm ……", en: "Place and date: ……………………")
    static let formPreparedBy = Message(vi: "NGƯỜI LẬP PHIẾU", en: "PREPARED BY")
    static let formHeadOfUnit = Message(vi: "THỦ TRƯỞNG ĐƠN VỊ", en: "HEAD OF THE UNIT")
    static let formPreparerSigns = Message(vi: "(Ký, ghi rõ họ tên, số điện thoại)", en: "(signature, full name, telephone)")
    static let formHeadSigns = Message(vi: "(Ký, ghi rõ họ tên, đóng dấu)", en: "(signature, full name, official stamp)")
    static let formYes = Message(vi: "có", en: "yes")
    static let formNo = Message(vi: "không", en: "no")

    /// An allowed range in words: `từ 0 đến 14` / `0–14` (numbers already written).
    static func formRange(_ low: String, _ high: String) -> Message { Message(vi: "từ \(low) đến \(high)", en: "\(low)–\(high)") }
    static let formAnyValue = Message(vi: "bất kỳ", en: "any")
    static let formWholeNumber = Message(vi: "số nguyên ", en: "whole number ")
    static let formNumber = Message(vi: "số ", en: "number ")
    static let formPercent = Message(vi: "phần trăm ", en: "percent ")
    static let formText = Message(vi: "văn bản", en: "text")
    static let formInvalidAnswer = Message(vi: "Giá trị không hợp lệ", en: "Invalid answer")
    static let formAnswerMustBe = Message(vi: "Câu trả lời phải là: ", en: "The answer must be: ")
}
