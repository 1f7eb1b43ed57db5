import IndexCore
import Platform
import Reports

/// The submitter's self-assessment page: the index and rank the draft would have, the category
/// scores, the explanation of every number, the what-if gains and the position against last
/// year's published results — all of it the unit page of the national report
/// (``NationalReport/unitPage(_:)``) drawn from Platform's assessment, so the numbers and their
/// wording are the report's own.
struct SelfAssessmentView {
    var visitor: Visitor
    var unitName: String
    var result: SelfAssessment

    var page: Markup {
        let say = visitor.say
        let title = say("Tự đánh giá", "Self-assessment")
        let unit = result.unit
        var content: Markup = "<h1>\(title) — \(unitName)</h1>"
        let comparison: String = result.comparedWith.map {
            say("So với kết quả đã công bố năm \($0) (chỉ các đơn vị đã công bố; không so với các đơn vị khác của năm \(result.period)).",
                "Against the published results of \($0) (published units only; never this year's other units).")
        } ?? say("Chưa có năm nào được công bố để so sánh: đơn vị được đánh giá riêng.", "No earlier year is published to compare with: the unit is assessed alone.")
        content += "<p class=\"muted\">\(say("Tính từ bản nháp đang lưu", "Computed from the saved draft")) · \(comparison)</p>"
        if !result.problems.isEmpty {
            content += Layout.notice("warn", "<p>\(say("Bản nháp còn \(result.problems.count) lỗi; các câu có lỗi không được tính.", "The draft has \(result.problems.count) problem(s); answers with a problem are not counted.")) <a href=\"/season/form\">\(say("Sửa phiếu", "Correct the form"))</a></p>")
        }
        if let assessment = result.assessment.data.assessments[unit] {
            let decimals = 4
            let rank = assessment.rank > 0 ? "\(assessment.rank)/\(assessment.rankOf)" : "—"
            content += """
            <div class="cards">
            <div class="card"><div class="k">\(say("Chỉ số", "Index"))</div><div class="v big" id="index">\(say.fixed(assessment.value, decimals))</div></div>
            <div class="card"><div class="k">\(say("Hạng trong khối", "Rank in the block"))</div><div class="v" id="rank">\(rank)</div></div>
            <div class="card"><div class="k">\(say("Trung bình khối", "Block mean"))</div><div class="v">\(say.fixed(assessment.blockMean, decimals))</div></div>
            <div class="card"><div class="k">\(say("Cao nhất khối", "Block best"))</div><div class="v">\(say.fixed(assessment.blockBest, decimals))</div></div>
            </div>
            """
        }
        if let document = NationalReport(result.assessment.data, language: visitor.language).unitPage(unit) {
            content += Self.body(of: document)
        }
        return Layout.page(title, for: visitor, content: content)
    }

    /// The content of a report page as the report renders it (`HTMLRenderer`: the same tables,
    /// charts and escaping), without its own frame, title and back links, which belong to the
    /// report's folder and not to this page.
    static func body(of document: ReportDocument) -> Markup {
        var trimmed = document
        trimmed.blocks = document.blocks.filter { block in
            switch block {
            case .back: false
            case .heading(let level, _, _) where level == 1: false
            default: true
            }
        }
        let html = HTMLRenderer.render(trimmed)
        guard let start = html.range(of: "<main>\n"), let end = html.range(of: "</main>", options: .backwards) else { return .empty }
        // Reports' renderer escapes every text it writes (HTML.escape), as Markup would.
        return Markup(trusted: "<div class=\"report\">" + String(html[start.upperBound..<end.lowerBound]) + "</div>")
    }
}
