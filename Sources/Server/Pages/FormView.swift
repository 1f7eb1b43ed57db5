import Foundation
import IndexCore
import Intake
import Platform

/// The submitter's survey form: generated from the same question list as the Excel form
/// (``SurveyQuestions``: the block's fields in methodology order, the same section titles,
/// allowed values and yes/no words), one card per question with its label, help, unit, the
/// answer input (type and bounds as HTML attributes), evidence (text or URL, and a file), the
/// problem found in the answer and the reviewer's comment on it.
///
/// The form posts to itself; `novalidate` leaves every check to the server (the same validation
/// as `ictindex validate`), so a draft may be saved half-filled and the messages a person reads
/// are the methodology's own, in Vietnamese.
struct FormView {
    var visitor: Visitor
    var season: SeasonInfo
    var unitName: String
    var questions: SurveyQuestions
    var draft: Draft
    /// The answers to show: the draft's, or what the person typed when the save was refused.
    var answers: [String: String]
    var notes: [String: String]
    var problems: [ProblemText]
    /// A notice above the form (saved, submitted, refused).
    var notice: Markup = .empty
    /// The other person's edit when this save was stale.
    var conflict: DraftConflict?

    init(visitor: Visitor, season: SeasonInfo, unitName: String, questions: SurveyQuestions, draft: Draft, problems: [ProblemText]) {
        self.visitor = visitor
        self.season = season
        self.unitName = unitName
        self.questions = questions
        self.draft = draft
        self.answers = draft.answers
        self.notes = draft.notes
        self.problems = problems
    }

    /// Whether the unit may edit: a draft not yet submitted, or a returned submission.
    var editable: Bool { [.notStarted, .draft, .returned].contains(draft.state) }

    /// Whether "Nộp" is offered: the draft is saved, has no problem and may be edited.
    var canSubmit: Bool { editable && draft.version > 0 && problems.isEmpty && conflict == nil }

    var page: Markup {
        let say = visitor.say
        let title = say("Phiếu khảo sát", "Survey form")
        let byField = Dictionary(grouping: problems.filter { $0.field != nil }, by: { $0.field! })
        let general = problems.filter { $0.field == nil }
        let comments = Dictionary(grouping: draft.comments.filter { $0.field != nil }, by: { $0.field! })
        let generalComments = draft.comments.filter { $0.field == nil }
        var content: Markup = """
        <h1>\(title) — \(unitName)</h1>
        <p class="muted">\(questions.methodology.title[visitor.language]) · \(say("năm", "year")) \(season.period) · \(say("hạn nộp", "due")) \(Dates.day(season.deadline, visitor.language)) · \(StateWords.badge(draft.state, say)) · \(say("phiên bản", "version")) \(draft.version)</p>
        \(notice)
        """
        if let conflict { content += conflictBox(conflict) }
        if !generalComments.isEmpty {
            content += Layout.notice("warn", "<p><strong>\(say("Ý kiến của người duyệt", "The reviewer's comments"))</strong></p><ul>\(generalComments.map { "<li>\($0.text)</li>" as Markup })</ul>")
        }
        if !problems.isEmpty {
            content += Layout.notice("error", """
            <p><strong>\(say("Bản nháp còn \(problems.count) lỗi; sửa các câu được đánh dấu rồi lưu lại.", "The draft has \(problems.count) problem(s); correct the marked answers and save again."))</strong></p>\
            \(Markup.when(!general.isEmpty, "<ul>\(general.map { "<li>\($0.text)</li>" as Markup })</ul>"))
            """)
        }
        if !editable {
            content += Layout.notice("ok", "<p>\(say("Đơn vị đã nộp phiếu; phiếu chỉ sửa được khi người duyệt trả lại.", "Your unit has submitted; the form can be edited again only if the reviewer returns it."))</p>")
        }
        content += """
        <div class="score" id="live-score" aria-live="polite"></div>
        <form method="post" action="/season/form" enctype="multipart/form-data" novalidate class="survey" data-autosave="\(editable ? "on" : "off")" data-unit="\(draft.unit)" data-period="\(season.period)">
        \(visitor.csrfField)<input type="hidden" name="version" value="\(draft.version)">
        """
        for section in questions.sections {
            content += "<fieldset class=\"section\"><legend>\(section.title.isEmpty ? say("Câu hỏi khác", "Other questions") : section.title)</legend>"
            for field in section.fields {
                content += question(field, problems: byField[field.id] ?? [], comments: comments[field.id] ?? [])
            }
            content += "</fieldset>"
        }
        content += """
        <div class="actions">
        <button type="submit" name="action" value="save" id="save"\(Markup.when(!editable, " disabled"))>\(say("Lưu nháp", "Save draft"))</button>
        <button type="submit" name="action" value="submit" id="submit" class="secondary"\(Markup.when(!canSubmit, " disabled"))>\(say("Nộp", "Submit"))</button>
        <a class="button secondary" href="/season/self-assessment">\(say("Xem tự đánh giá", "Self-assessment"))</a>
        </div>
        \(Markup.when(!canSubmit && editable, "<p class=\"small muted\">\(say("Nút “Nộp” dùng được khi bản nháp đã lưu và không còn lỗi.", "“Submit” is available once the draft is saved without problems."))</p>"))
        </form>
        """
        if editable { content += uploadForm }
        return Layout.page(title, for: visitor, content: content)
    }

    /// One question's card.
    func question(_ field: Field, problems: [ProblemText], comments: [ReviewComment]) -> Markup {
        let say = visitor.say, language = visitor.language
        let id = "q-\(field.id)"
        let hasError = !problems.isEmpty
        let describedBy = (hasError ? "err-\(field.id) " : "") + "help-\(field.id)"
        var out: Markup = """
        <div class="q\(Markup.when(hasError, " has-error"))" id="card-\(field.id)">
        <label class="ql" for="\(id)">\(field.label[language]) <span class="qid">\(field.id)</span></label>
        <p class="hint" id="help-\(field.id)">\(field.help?[language])\(Markup.when(field.help != nil, " · "))\(say("Giá trị cho phép", "Allowed")): \(questions.allowedText(field))</p>
        <div class="answer">\(input(field, id: id, describedBy: describedBy))\(Markup.when(field.unit != nil, "<span class=\"unit\">\(field.unit?[language])</span>"))</div>
        """
        for problem in problems {
            out += "<p class=\"error\" id=\"err-\(field.id)\" role=\"alert\">\(problem.text)</p>"
        }
        for comment in comments {
            out += "<div class=\"comment\"><strong>\(say("Người duyệt", "Reviewer")):</strong> \(comment.text)</div>"
        }
        let files = draft.evidence.filter { $0.field == field.id }
        let note = notes[field.id] ?? ""
        out += """
        <details class="evidence"\(Markup.when(!note.isEmpty || !files.isEmpty, " open"))><summary>\(say("Minh chứng", "Evidence"))\(Markup.when(!files.isEmpty, " (\(files.count))"))</summary>
        <label for="e-\(field.id)">\(say("Văn bản hoặc đường dẫn (số văn bản, URL)", "Text or link (document number, URL)"))</label>
        <input type="text" id="e-\(field.id)" name="e.\(field.id)" value="\(note)"\(Markup.when(!editable, " disabled"))>
        \(Markup.join(files.map { "<p class=\"small\">📎 \($0.originalName) (\(Dates.size($0.size, language)))</p>" }))
        \(Markup.when(editable, "<label for=\"f-\(field.id)\">\(say("Tệp minh chứng (PDF, PNG, JPEG, XLSX, DOCX; tối đa 10 MB)", "Evidence file (PDF, PNG, JPEG, XLSX, DOCX; at most 10 MB)"))</label><input type=\"file\" id=\"f-\(field.id)\" name=\"f.\(field.id)\" accept=\".pdf,.png,.jpg,.jpeg,.xlsx,.docx\">"))
        </details>
        </div>
        """
        return out
    }

    /// The answer input of a field: numbers as `type=number` with `min`/`max`/`step`, yes/no
    /// and choices as drop-downs with the form's words, text as a text area.
    func input(_ field: Field, id: String, describedBy: String) -> Markup {
        let value = answers[field.id] ?? ""
        let common: Markup = "id=\"\(id)\" name=\"a.\(field.id)\" aria-describedby=\"\(describedBy)\"\(Markup.when(!editable, " disabled"))"
        func bound(_ name: String, _ number: Double?) -> Markup {
            number.map { " \(name)=\"\(NumberFormatting.format($0))\"" as Markup } ?? .empty
        }
        switch field.type {
        case .count:
            return "<input type=\"number\" inputmode=\"numeric\" step=\"1\"\(bound("min", questions.minimum(field)))\(bound("max", field.maximum)) value=\"\(value)\" data-type=\"count\" \(common)>"
        case .number, .percent:
            return "<input type=\"number\" inputmode=\"decimal\" step=\"any\"\(bound("min", questions.minimum(field)))\(bound("max", field.maximum)) value=\"\(value)\" data-type=\"\(field.type.name)\" \(common)>"
        case .boolean:
            let words = questions.yesNo
            let chosen = Self.booleanChoice(value)
            return """
            <select data-type="boolean" \(common)><option value="">—</option>\
            <option value="có"\(Markup.when(chosen == true, " selected"))>\(words[0])</option>\
            <option value="không"\(Markup.when(chosen == false, " selected"))>\(words[1])</option></select>
            """
        case .choice(let choices):
            let folded = VietnameseText.fold(value)
            var options: Markup = "<option value=\"\">—</option>"
            var matched = value.isEmpty
            for choice in choices {
                let selected = !value.isEmpty && [choice.id, choice.label.vi, choice.label.en].contains { VietnameseText.fold($0) == folded }
                matched = matched || selected
                options += "<option value=\"\(choice.id)\"\(Markup.when(selected, " selected"))>\(choice.label[visitor.language])</option>"
            }
            // An answer that is none of the choices (from an uploaded form) stays visible, so the
            // error beside it makes sense and nothing is silently replaced.
            if !matched { options += "<option value=\"\(value)\" selected>\(value)</option>" }
            return "<select data-type=\"choice\" \(common)>\(options)</select>"
        case .text:
            return "<textarea rows=\"2\" data-type=\"text\" \(common)>\(value)</textarea>"
        }
    }

    /// A stored yes/no answer as the drop-down's choice: the words of either language, 1/0,
    /// true/false; `nil` for anything else (shown empty, and the validator's error says why).
    static func booleanChoice(_ value: String) -> Bool? {
        switch VietnameseText.fold(value.trimmingCharacters(in: .whitespaces)) {
        case "co", "yes", "true", "1": true
        case "khong", "no", "false", "0": false
        default: nil
        }
    }

    /// What the other person saved, beside what this person typed, for each differing answer.
    func conflictBox(_ conflict: DraftConflict) -> Markup {
        let say = visitor.say
        let rows: [Markup] = conflict.differingFields.map { field in
            let label = questions.methodology.field(field)?.label[visitor.language] ?? field
            return "<tr><td data-label=\"\(say("Câu hỏi", "Question"))\">\(label) <span class=\"qid\">\(field)</span></td><td data-label=\"\(say("Bản đã lưu", "Saved version"))\">\(conflict.current.answers[field] ?? "—")</td><td data-label=\"\(say("Bạn nhập", "You typed"))\">\(answers[field] ?? "—")</td></tr>"
        }
        return Layout.notice("error", """
        <p><strong>\(say("Chưa lưu: bản nháp đã được lưu bởi người khác", "Not saved: someone else saved the draft")) (\(say("phiên bản", "version")) \(conflict.current.version), \(say("bạn sửa từ phiên bản", "you edited version")) \(conflict.expectedVersion)).</strong> \
        \(say("Dưới đây là các câu khác nhau. Các ô của phiếu đang giữ nội dung bạn nhập; kiểm tra rồi bấm “Lưu nháp” để lưu đè lên phiên bản mới.", "The answers that differ are below. The form keeps what you typed; check it, then press “Save draft” to save over the new version."))</p>
        <div class="tw"><table class="stack"><thead><tr><th>\(say("Câu hỏi", "Question"))</th><th>\(say("Bản đã lưu", "Saved version"))</th><th>\(say("Bạn nhập", "You typed"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """)
    }

    /// The alternative: upload the filled Excel form.
    var uploadForm: Markup {
        let say = visitor.say
        return """
        <h2>\(say("Hoặc tải lên phiếu Excel đã điền", "Or upload the filled Excel form"))</h2>
        <form method="post" action="/season/form/upload" enctype="multipart/form-data" class="stack">
        \(visitor.csrfField)<input type="hidden" name="version" value="\(draft.version)">
        <label for="xlsx">\(say("Tệp .xlsx (tối đa 10 MB); các câu trả lời trong tệp thay cho bản nháp", "An .xlsx file (at most 10 MB); its answers replace the draft's"))</label>
        <input type="file" id="xlsx" name="form" accept=".xlsx" required>
        <div class="actions"><button type="submit" id="upload">\(say("Tải lên", "Upload"))</button>
        <a class="button secondary" href="/season/form.xlsx">\(say("Tải phiếu Excel trống", "Download the Excel form"))</a></div>
        </form>
        """
    }
}

/// Words and badges of the workflow states.
enum StateWords {
    static func name(_ state: UnitState, _ say: Say) -> String {
        switch state {
        case .notStarted: say("Chưa bắt đầu", "Not started")
        case .draft: say("Nháp", "Draft")
        case .submitted: say("Đã nộp", "Submitted")
        case .returned: say("Đã trả lại", "Returned")
        case .accepted: say("Đã chấp nhận", "Accepted")
        }
    }

    static func badge(_ state: UnitState, _ say: Say) -> Markup {
        "<span class=\"status st-\(state.rawValue)\">\(name(state, say))</span>"
    }
}

/// Dates and sizes as the pages write them.
enum Dates {
    /// `15/01/2020` in Vietnamese, `2020-01-15` in English (as the Excel form writes the deadline).
    static func day(_ date: Date, _ language: Language) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day], from: date)
        return language == .vi
            ? String(format: "%02d/%02d/%04d", parts.day ?? 0, parts.month ?? 0, parts.year ?? 0)
            : String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `15/01/2020 08:30` / `2020-01-15 08:30` (UTC).
    static func time(_ date: Date, _ language: Language) -> String {
        let parts = Calendar.utc.dateComponents([.hour, .minute], from: date)
        return day(date, language) + String(format: " %02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// A file size: `1,2 MB` / `1.2 MB`, `340 kB`.
    static func size(_ bytes: Int, _ language: Language) -> String {
        if bytes >= 1_048_576 { return NumberFormatting.format((Double(bytes) / 1_048_576 * 10).rounded() / 10, in: language) + " MB" }
        return "\(max(1, bytes / 1024)) kB"
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC: the platform's times are UTC.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
