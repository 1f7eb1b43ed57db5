import Foundation
import IndexCore
import IndexStore
import Intake
import Platform

/// The reviewer's season dashboard: every unit's state in a table (by block) and on the tile
/// map, the counts per state, and the computation and preview of the national report.
struct DashboardView {
    var visitor: Visitor
    var season: SeasonInfo
    var statuses: [UnitStatus]
    /// Block names by id, in the methodology's order.
    var blocks: [(id: String, name: String)]
    /// A notice above the page (computed, published, refused).
    var notice: Markup = .empty

    var page: Markup {
        let say = visitor.say
        let title = say("Tổng hợp kỳ đánh giá", "Season dashboard")
        var content: Markup = """
        <h1>\(title) \(season.period)</h1>
        <p class="muted">\(say("Hạn nộp", "Deadline")) \(Dates.day(season.deadline, visitor.language))\(Markup.when(season.publishedRun != nil, " · \(say("đã công bố lần tính", "published run")) \(Int(season.publishedRun ?? 0))"))</p>
        \(notice)
        """
        let counts = Dictionary(grouping: statuses, by: \.state).mapValues(\.count)
        content += "<ul class=\"legend\" aria-label=\"\(say("Số đơn vị theo trạng thái", "Units by state"))\">"
        for state in UnitState.allCases {
            content += "<li>\(StateWords.badge(state, say)) <strong id=\"count-\(state.rawValue)\">\(counts[state] ?? 0)</strong></li>"
        }
        content += "</ul>"
        content += """
        <div class="actions">
        <form method="post" action="/season/compute">\(visitor.csrfField)<button type="submit" id="compute">\(say("Tính chỉ số", "Compute"))</button></form>
        <form method="post" action="/season/preview">\(visitor.csrfField)<button type="submit" class="secondary" id="preview">\(say("Xem trước báo cáo", "Preview the report"))</button></form>
        </div>
        """
        if let svg = StatusMap.svg(statuses, title: say("Bản đồ trạng thái nộp phiếu", "Map of submission states"), stateName: { StateWords.name($0, say) }) {
            content += "<figure>\(Markup(trusted: svg))<figcaption>\(say("Hình: bản đồ ô các tỉnh, màu theo trạng thái (xem chú giải ở trên).", "Figure: tile map of the provinces coloured by state (legend above)."))</figcaption></figure>"
        }
        for block in blocks {
            let rows = statuses.filter { $0.block == block.id }
            guard !rows.isEmpty else { continue }
            content += """
            <h2>\(block.name)</h2>
            <div class="tw"><table class="stack"><thead><tr><th>\(say("Đơn vị", "Unit"))</th><th>\(say("Trạng thái", "State"))</th><th class="r">\(say("Phiên bản", "Version"))</th><th>\(say("Cập nhật", "Updated"))</th></tr></thead><tbody>
            """
            for status in rows {
                content += """
                <tr><td data-label="\(say("Đơn vị", "Unit"))"><a href="/season/review/\(status.unit)">\(status.name)</a></td>\
                <td data-label="\(say("Trạng thái", "State"))">\(StateWords.badge(status.state, say))</td>\
                <td class="r" data-label="\(say("Phiên bản", "Version"))">\(status.version)</td>\
                <td data-label="\(say("Cập nhật", "Updated"))">\(status.updatedAt.map { Dates.time($0, visitor.language) } ?? "—")</td></tr>
                """
            }
            content += "</tbody></table></div>"
        }
        return Layout.page(title, for: visitor, content: content)
    }
}

/// A submission's review page: each answer beside last year's and beside the crawl's finding
/// for the portal fields, the validation problems, a comment box per answer, and return / accept.
struct ReviewView {
    var visitor: Visitor
    var season: SeasonInfo
    var unitName: String
    var questions: SurveyQuestions
    var sheet: ReviewSheet
    var notice: Markup = .empty

    var page: Markup {
        let say = visitor.say, language = visitor.language
        let draft = sheet.draft
        let title = say("Thẩm định", "Review")
        let problems = ProblemText.of(sheet.problems, questions: questions)
        let problemsByField = Dictionary(grouping: problems.filter { $0.field != nil }, by: { $0.field! })
        let crawl = Dictionary(sheet.crawl.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        let comments = Dictionary(grouping: draft.comments.filter { $0.field != nil }, by: { $0.field! })
        let reviewable = draft.state == .submitted
        var content: Markup = """
        <h1>\(title) — \(unitName)</h1>
        <p class="muted">\(say("Năm", "Year")) \(season.period) · \(StateWords.badge(draft.state, say)) · \(say("phiên bản", "version")) \(draft.version)\(Markup.when(draft.updatedAt != nil, " · \(draft.updatedAt.map { Dates.time($0, language) } ?? "")"))</p>
        \(notice)
        """
        if !problems.isEmpty {
            content += Layout.notice("error", "<p><strong>\(say("\(problems.count) lỗi trong câu trả lời", "\(problems.count) problem(s) in the answers"))</strong></p><ul>\(problems.map { "<li>\($0.field.map { "\($0): " } ?? "")\($0.text)</li>" as Markup })</ul>")
        }
        if !reviewable {
            content += Layout.notice("", "<p>\(say("Chỉ thẩm định được phiếu đã nộp; phiếu này đang ở trạng thái", "Only a submitted form can be reviewed; this one is")) \(StateWords.name(draft.state, say)).</p>")
        }
        content += """
        <form method="post" action="/season/review/\(draft.unit)">\(visitor.csrfField)<input type="hidden" name="version" value="\(draft.version)">
        """
        for section in questions.sections {
            content += "<h2>\(section.title.isEmpty ? say("Câu hỏi khác", "Other questions") : section.title)</h2>"
            content += "<div class=\"tw\"><table class=\"stack\"><thead><tr><th>\(say("Câu hỏi", "Question"))</th><th>\(say("Trả lời", "Answer"))</th><th>\(say("Năm trước", "Last year"))</th><th>\(say("Kết quả rà soát cổng", "Portal crawl"))</th><th>\(say("Ý kiến", "Comment"))</th></tr></thead><tbody>"
            for field in section.fields {
                let answer = draft.answers[field.id]
                let note = draft.notes[field.id]
                let files = draft.evidence.filter { $0.field == field.id }
                var answerCell: Markup = "\(answer ?? "—")\(Markup.when(field.unit != nil && answer != nil, " \(field.unit?[language])"))"
                for problem in problemsByField[field.id] ?? [] { answerCell += "<div class=\"error\">⚠ \(problem.text)</div>" }
                if let note { answerCell += "<div class=\"small muted\">\(say("Minh chứng", "Evidence")): \(note)</div>" }
                for file in files { answerCell += "<div class=\"small\">📎 <a href=\"/season/evidence/\(draft.unit)/\(Int(file.id))\">\(file.originalName)</a></div>" }
                var crawlCell: Markup = "—"
                if let comparison = crawl[field.id] {
                    crawlCell = "\(NumberFormatting.format(comparison.crawl.value)) <span class=\"small muted\">(\(Self.statusText(comparison.status, say)))</span>"
                }
                let earlier = (comments[field.id] ?? []).map { "<div class=\"small\">\($0.text)</div>" as Markup }
                content += """
                <tr><td data-label="\(say("Câu hỏi", "Question"))">\(field.label[language]) <span class="qid">\(field.id)</span></td>\
                <td data-label="\(say("Trả lời", "Answer"))">\(answerCell)</td>\
                <td data-label="\(say("Năm trước", "Last year"))">\(sheet.lastYear[field.id] ?? "—")</td>\
                <td data-label="\(say("Kết quả rà soát cổng", "Portal crawl"))">\(crawlCell)</td>\
                <td data-label="\(say("Ý kiến", "Comment"))">\(earlier)<textarea name="c.\(field.id)" rows="1" aria-label="\(say("Ý kiến về", "Comment on")) \(field.id)"\(Markup.when(!reviewable, " disabled"))></textarea></td></tr>
                """
            }
            content += "</tbody></table></div>"
        }
        content += """
        <label for="c-general">\(say("Ý kiến chung", "General comment"))</label>
        <textarea id="c-general" name="c._general" rows="3"\(Markup.when(!reviewable, " disabled"))></textarea>
        <div class="actions">
        <button type="submit" name="action" value="return" id="return" class="danger"\(Markup.when(!reviewable, " disabled"))>\(say("Trả lại kèm ý kiến", "Return with comments"))</button>
        <button type="submit" name="action" value="accept" id="accept"\(Markup.when(!reviewable, " disabled"))>\(say("Chấp nhận", "Accept"))</button>
        <a class="button secondary" href="/season/dashboard">\(say("← Tổng hợp", "← Dashboard"))</a>
        </div>
        </form>
        """
        return Layout.page(title, for: visitor, content: content)
    }

    static func statusText(_ status: FieldComparison.Status, _ say: Say) -> String {
        switch status {
        case .agrees: say("khớp với phiếu", "agrees with the form")
        case .contradicts: say("khác với phiếu", "differs from the form")
        case .fillsMissingAnswer: say("thay cho câu bỏ trống", "fills a missing answer")
        case .crawlOnly: say("chỉ có từ rà soát", "crawl only")
        }
    }
}
