// The message catalog: the command line's own messages (option problems, results it prints).

package extension Message {
    // MARK: Options

    static func minIndexSyntax(_ rule: String) -> Message {
        Message(vi: "--min-index phải có dạng ĐƠN_VỊ=GIÁ_TRỊ, nhưng là '\(rule)'", en: "--min-index must be UNIT=VALUE, found '\(rule)'")
    }
    static let allTakesNoURL = Message(vi: "--all không đi kèm URL hay --unit", en: "--all takes no URL and no --unit")
    static let giveURLUnitOrAll = Message(vi: "hãy nêu một URL, --unit hoặc --all", en: "give a URL, --unit or --all")
    static let exportOutExtension = Message(vi: "--out phải kết thúc bằng .xlsx hoặc .csv", en: "--out must end in .xlsx or .csv")
    static func formOutExtension(_ out: String) -> Message {
        Message(vi: "--out phải là tên tệp .xlsx, nhưng là '\(out)'", en: "--out must name an .xlsx file, got '\(out)'")
    }
    static let answersNeedUnit = Message(vi: "--answers cần --unit: đơn vị có câu trả lời dùng để điền biểu mẫu", en: "--answers needs --unit: the unit whose answers fill the form")
    static func optionNeedsDate(_ option: String, found: String) -> Message {
        Message(vi: "\(option) phải là ngày dạng YYYY-MM-DD, nhưng là '\(found)'", en: "\(option) must be a date YYYY-MM-DD, found '\(found)'")
    }
    static func noAnswersOfUnit(_ unit: String, year: Int?) -> Message {
        Message(vi: "tệp này không có câu trả lời của đơn vị '\(unit)'\(year.map { " cho năm \($0)" } ?? "") (đơn vị được so khớp theo mã)",
                en: "no answers of unit '\(unit)'\(year.map { " for \($0)" } ?? "") in this file (units are matched by id)")
    }
    static func methodologyForSyntax(_ item: String) -> Message {
        Message(vi: "--methodology-for có dạng NĂM=TỆP, ví dụ 2018=Indicators/vn-it-application/2018.yaml; nhưng là '\(item)'", en: "--methodology-for takes YEAR=FILE, e.g. 2018=Indicators/vn-it-application/2018.yaml; found '\(item)'")
    }
    static func methodologyForTwice(_ year: Int) -> Message {
        Message(vi: "--methodology-for nêu năm \(year) hai lần", en: "--methodology-for gives year \(year) twice")
    }
    static func unknownReportFormat(_ name: String, known: [String]) -> Message {
        Message(vi: "định dạng '\(name)' không tồn tại; hãy dùng \(known.joined(separator: ", "))", en: "unknown format '\(name)'; use \(known.joined(separator: ", "))")
    }
}

// MARK: What the commands print

package extension Message {
    static let readOnlyComputeNote = Message(vi: "lưu ý: không gian làm việc chỉ cho phép đọc; lần tính này không được ghi lại", en: "note: the workspace is read-only; this computation is not recorded in it")

    static func wroteFile(_ path: String) -> Message { Message(vi: "đã ghi \(path)", en: "wrote \(path)") }

    static func formWritten(_ path: String, questions: Int, block: String, unit: String?) -> Message {
        Message(vi: "\(path): \(questions) câu hỏi cho khối \(block)\(unit.map { ", đơn vị \($0)" } ?? "")",
                en: "\(path): \(questions) questions for block \(block)\(unit.map { ", unit \($0)" } ?? "")")
    }

    static func portalChecklists(_ list: [String]) -> Message {
        Message(vi: "danh mục kiểm tra cổng thông tin: \(list.joined(separator: ", "))", en: "portal checklists: \(list.joined(separator: ", "))")
    }

    static func checklistValidFrom(_ id: String, from: String) -> Message {
        Message(vi: "\(id) (từ \(from))", en: "\(id) (from \(from))")
    }

    static func registrySummary(units: Int, folder: String) -> Message {
        Message(vi: "danh mục đơn vị: \(units) đơn vị (\(folder))", en: "unit registry: \(units) units (\(folder))")
    }

    static func methodologyProvenance(sources: [String], published: Int, reconstructed: Int) -> Message {
        Message(vi: "\(sources.joined(separator: ", ")); nút: \(published) đã công bố, \(reconstructed) dựng lại", en: "\(sources.joined(separator: ", ")); nodes: \(published) published, \(reconstructed) reconstructed")
    }

    static let methodologiesHeaders = (
        vi: ["mã", "tên", "ấn bản", "khối", "nguồn gốc", "đường dẫn"],
        en: ["id", "title", "edition", "blocks", "provenance", "path"])

    static func reportWritten(_ folder: String, files: Int, formats: String, mainYear: String, unitPages: Int) -> Message {
        Message(vi: "\(folder): \(files) tệp (\(formats)), năm chính \(mainYear), \(unitPages) trang đơn vị", en: "\(folder): \(files) files (\(formats)), main year \(mainYear), \(unitPages) unit pages")
    }

    static func methodologyValid(_ file: String, blocks: Int, fields: Int, indicators: Int) -> Message {
        Message(vi: "\(file): hợp lệ — \(blocks) khối, \(fields) trường, \(indicators) chỉ tiêu", en: "\(file): ok — \(blocks) blocks, \(fields) fields, \(indicators) indicators")
    }

    static func warning(_ text: String) -> Message { Message(vi: "cảnh báo: \(text)", en: "warning: \(text)") }

    static func dataValid(units: Int, periods: [Int]) -> Message {
        let list = periods.map(String.init).joined(separator: ", ")
        return Message(vi: "số liệu: hợp lệ — \(units) đơn vị\(periods.isEmpty ? "" : " (kỳ \(list))")", en: "data: ok — \(units) units\(periods.isEmpty ? "" : " (periods \(list))")")
    }

    static func workspaceCreated(_ directory: String, config: String, database: String, units: Int, methodologies: Int) -> Message {
        Message(vi: "đã tạo không gian làm việc trong \(directory): \(config), \(database) (\(units) đơn vị, \(methodologies) phương pháp)",
                en: "workspace created in \(directory): \(config), \(database) (\(units) units, \(methodologies) methodolog\(methodologies == 1 ? "y" : "ies"))")
    }

    /// One submission of an import: added or superseding, done or (dry run) to be done.
    static func importEntry(superseding: Bool, dryRun: Bool, unit: String, period: Int, answers: Int, file: String, replaces: Int?) -> Message {
        let verbVi = superseding ? (dryRun ? "sẽ thay thế" : "đã thay thế") : (dryRun ? "sẽ thêm" : "đã thêm")
        let verbEn = superseding ? (dryRun ? "would supersede" : "superseded") : (dryRun ? "would add" : "added")
        return Message(vi: "\(verbVi) \(unit) \(period): \(answers) câu trả lời từ \(file)\(replaces.map { " (thay cho lần nộp #\($0))" } ?? "")",
                       en: "\(verbEn) \(unit) \(period): \(answers) answers from \(file)\(replaces.map { " (replacing submission \($0))" } ?? "")")
    }

    static func importSummary(new: Int, superseding: Int, unchanged: Int, answers: Int, dryRun: Bool) -> Message {
        let countsVi = "\(new) mới, \(superseding) thay thế, \(unchanged) không đổi; \(answers) câu trả lời"
        let countsEn = "\(new) new, \(superseding) superseding, \(unchanged) unchanged; \(answers) answers"
        return dryRun
            ? Message(vi: "chạy thử: sẽ ghi \(countsVi); chưa ghi gì", en: "dry run: \(countsEn) would be written; nothing was written")
            : Message(vi: "đã nhập: \(countsVi)", en: "imported: \(countsEn)")
    }

    static let noSubmissions = Message(vi: "chưa có lần nộp nào", en: "no submissions")
    static let submissionActive = Message(vi: "đang dùng", en: "active")
    static func submissionSupersededBy(_ id: String) -> Message { Message(vi: "đã bị thay bởi #\(id)", en: "superseded by \(id)") }

    static func submissionLine(id: Int, period: Int, status: Message, answers: Int, file: String, sha: String, importedAt: String) -> Message {
        Message(vi: "  #\(id)  \(period)  \(status.vi)  \(answers) câu trả lời  \(file)  sha256 \(sha)  \(importedAt)",
                en: "  #\(id)  \(period)  \(status.en)  \(answers) answers  \(file)  sha256 \(sha)  \(importedAt)")
    }
}

// MARK: What a superseding submission changes

package extension Message {
    /// One changed answer, indented under its submission: `c1_staff: 120 → 135`; a side without
    /// an answer shows as "(trống)" / "(none)".
    static func answerChanged(field: String, before: String?, after: String?) -> Message {
        Message(vi: "      \(field): \(before ?? "(trống)") → \(after ?? "(trống)")", en: "      \(field): \(before ?? "(none)") → \(after ?? "(none)")")
    }

    static func answersChanged(_ count: Int) -> Message {
        Message(vi: "    \(count) câu trả lời thay đổi:", en: "    \(count) \(count == 1 ? "answer" : "answers") changed:")
    }

    static let noAnswerChanged = Message(vi: "    không câu trả lời nào thay đổi (chỉ tệp khác)", en: "    no answer changed (only the file differs)")
}

package extension Message {
    /// The heading of `history`'s list of the web platform's changes to a unit.
    static let platformAuditTrail = Message(vi: "Nhật ký thay đổi trên nền tảng web", en: "Audit trail of the web platform")
}
