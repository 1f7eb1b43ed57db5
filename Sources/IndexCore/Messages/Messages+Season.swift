// The message catalog: what a season operation tells a person (usage problems, check failures).

import Foundation

package extension Message {
    // MARK: Choosing inputs

    static func noDataForBlock(_ block: String, blocks: [String]) -> Message {
        Message(vi: "không có số liệu cho khối '\(block)'; các khối: \(blocks.joined(separator: ", "))", en: "no data for block '\(block)'; blocks: \(blocks.joined(separator: ", "))")
    }

    static func optionAtLeast(_ option: String, _ minimum: Int) -> Message {
        Message(vi: "\(option) phải ít nhất là \(minimum)", en: "\(option) must be at least \(minimum)")
    }

    static func unknownBlockInMethodology(_ block: String, blocks: [String]) -> Message {
        Message(vi: "khối '\(block)' không tồn tại; phương pháp có các khối \(blocks.joined(separator: ", "))", en: "unknown block '\(block)'; the methodology has \(blocks.joined(separator: ", "))")
    }

    static let workspaceHoldsNoAnswers = Message(vi: "không gian làm việc chưa có câu trả lời nào; hãy nhập bằng 'ictindex import'", en: "the workspace holds no answers yet; import some with 'ictindex import'")

    static func workspaceHoldsSeveralPeriods(_ periods: [Int]) -> Message {
        let list = periods.map(String.init).joined(separator: ", ")
        return Message(vi: "không gian làm việc có nhiều kỳ số liệu (\(list)); hãy chọn một kỳ bằng --period", en: "the workspace holds several periods (\(list)); choose one with --period")
    }

    static func workspaceHoldsNoAnswersFor(_ period: Int, has periods: [Int]) -> Message {
        let list = periods.map(String.init).joined(separator: ", ")
        return Message(vi: "không gian làm việc không có câu trả lời cho kỳ \(period) (đang có: \(list))", en: "the workspace holds no answers for \(period) (it has \(list))")
    }

    static func noDataForPeriod(_ period: Int, found: [Int]) -> Message {
        let list = found.map(String.init).joined(separator: ", ")
        return Message(vi: "không có số liệu cho kỳ \(period); các tệp có kỳ \(list)", en: "no data for period \(period); the files hold \(list)")
    }

    static func dataHoldSeveralPeriods(_ periods: [Int]) -> Message {
        let list = periods.map(String.init).joined(separator: ", ")
        return Message(vi: "số liệu có nhiều kỳ (\(list)); hãy chọn một kỳ bằng --period", en: "the data hold several periods (\(list)); choose one with --period")
    }

    static let workspaceHoldsNoAnswersForPeriodsAsked = Message(vi: "không gian làm việc không có câu trả lời cho các kỳ được hỏi", en: "the workspace holds no answers for the periods asked")
    static let noDataFilesWithWorkspace = Message(vi: "khi dùng --workspace, đừng nêu tệp số liệu: câu trả lời lấy từ không gian làm việc (nhập bằng 'ictindex import')", en: "with --workspace, give no data files: the answers come from the workspace (import them with 'ictindex import')")
    static let giveMethodologyOrWorkspace = Message(vi: "hãy nêu tệp phương pháp, hoặc --workspace THƯ_MỤC", en: "give a methodology file, or --workspace DIR")
    static let giveDataFile = Message(vi: "hãy nêu ít nhất một tệp số liệu (CSV, JSON hoặc .xlsx) sau phương pháp", en: "give at least one data file (CSV, JSON or .xlsx) after the methodology")
    static let giveMethodology = Message(vi: "hãy nêu tệp phương pháp", en: "give a methodology file")

    static func methodologyForYearWithoutData(_ year: Int, periods: [Int]) -> Message {
        let list = periods.map(String.init).joined(separator: ", ")
        return Message(vi: "--methodology-for \(year): không có số liệu năm \(year); số liệu có các kỳ \(list)", en: "--methodology-for \(year): there is no data for \(year); the data holds \(list)")
    }

    static let uncertaintyOptionsNeedSpec = Message(vi: "--uncertainty-runs và --seed cần --uncertainty SPEC", en: "--uncertainty-runs and --seed need --uncertainty SPEC")

    static func noSuchMethodology(bundled: [String]) -> Message {
        Message(vi: "không có tệp phương pháp này, cũng không có phương pháp dựng sẵn nào mang mã này (dựng sẵn: \(bundled.joined(separator: ", ")); 'ictindex methodologies' liệt kê các phương pháp)",
                en: "no such methodology file, and no bundled methodology with this id (bundled: \(bundled.joined(separator: ", ")); 'ictindex methodologies' lists them)")
    }

    // MARK: Units and nodes

    static func unitNotFound(_ unit: String) -> Message { Message(vi: "không tìm thấy đơn vị '\(unit)'", en: "unit '\(unit)' not found") }
    static func unitHasNoResult(_ unit: String) -> Message { Message(vi: "đơn vị '\(unit)' không có kết quả", en: "unit '\(unit)' has no result") }

    static func noNodeInBlock(_ node: String, block: String, suggestions: [String]) -> Message {
        let list = suggestions.joined(separator: ", ")
        return Message(vi: "không có nút '\(node)' trong khối '\(block)'\(suggestions.isEmpty ? "" : "; có phải là \(list)?")", en: "no node '\(node)' in block '\(block)'\(suggestions.isEmpty ? "" : "; did you mean \(list)?")")
    }

    static func formHoldsNoAnswers(_ form: String, period: String) -> Message {
        Message(vi: "biểu mẫu '\(form)' không có câu trả lời cho kỳ \(period)", en: "the form '\(form)' holds no answers for period \(period)")
    }

    static let nameTheUnit = Message(vi: "hãy nêu đơn vị bằng --unit", en: "name the unit with --unit")

    // MARK: Crawl

    static func unitHasNoPortal(_ unit: String) -> Message {
        Message(vi: "đơn vị '\(unit)' chưa có cổng thông tin trong danh mục; hãy nêu địa chỉ URL", en: "unit '\(unit)' has no portal in the registry; give its URL")
    }

    static func notAnHTTPURL(_ address: String) -> Message {
        Message(vi: "'\(address)' không phải là địa chỉ http(s)", en: "'\(address)' is not an http(s) URL")
    }

    // MARK: Workspaces

    static let noRegistryHereOrBundled = Message(vi: "không có danh mục đơn vị ở đường dẫn này, cũng không có bản dựng sẵn ở đó", en: "no unit registry at this path, and none bundled there")
    static let fileWouldShadowBundledCopy = Message(vi: "tệp đã tồn tại; không gian làm việc sẽ dùng tệp này thay cho bản dựng sẵn", en: "the file exists already; the workspace would use it instead of the bundled copy")
    static let cannotReadTheFile = Message(vi: "không đọc được tệp", en: "cannot read the file")

    // MARK: Check (CI thresholds)

    static func checkIncomplete(unitName: String, unitID: String, missing: [String]) -> Message {
        Message(vi: "\(unitName) (\(unitID)) chưa trả lời \(missing.joined(separator: ", "))", en: "\(unitName) (\(unitID)) has no answer for \(missing.joined(separator: ", "))")
    }

    static func checkUnitWithoutAnswers(unitName: String, unitID: String, block: String, period: Int?) -> Message {
        Message(vi: "\(unitName) (\(unitID)) thuộc khối \(block) không có câu trả lời cho \(period.map { "kỳ \($0)" } ?? "kỳ này")",
                en: "\(unitName) (\(unitID)) of block \(block) has no answers for \(period.map(String.init) ?? "the period")")
    }

    /// A block mean that fell too far; the values already rounded as published.
    static func checkMeanDrop(block: String, drop: Double, before: Double, after: Double, limit: Double) -> Message {
        Message(vi: "trung bình của khối \(block) giảm \(NumberFormatting.format(drop, in: .vi)) (\(NumberFormatting.format(before, in: .vi)) → \(NumberFormatting.format(after, in: .vi))), vượt mức \(NumberFormatting.format(limit, in: .vi))",
                en: "the mean of block \(block) fell by \(NumberFormatting.format(drop)) (\(NumberFormatting.format(before)) → \(NumberFormatting.format(after))), more than \(NumberFormatting.format(limit))")
    }

    static func checkBelowMinimum(unitName: String, unitID: String, value: Double, minimum: Double) -> Message {
        Message(vi: "\(unitName) (\(unitID)) có chỉ số \(NumberFormatting.format(value, in: .vi)), thấp hơn \(NumberFormatting.format(minimum, in: .vi))",
                en: "\(unitName) (\(unitID)) has index \(NumberFormatting.format(value)), below \(NumberFormatting.format(minimum))")
    }

    static func checkFailed(_ check: String, _ reason: Message) -> Message {
        Message(vi: "kiểm tra không đạt (\(check)): \(reason.vi)", en: "check failed (\(check)): \(reason.en)")
    }
}

// MARK: History

package extension Message {
    static let historyStandingsHeading = Message(vi: "Chỉ số và thứ hạng theo kỳ:", en: "Index and rank per period:")
    static let historySubmissionsHeading = Message(vi: "Các lần nộp:", en: "Submissions:")
    static let historyNoStandings = Message(vi: "  (chưa có kết quả: chưa có câu trả lời)", en: "  (no results: no answers yet)")

    /// One period of a unit's history: the index as published (four decimals) and the rank.
    static func historyStanding(period: Int, block: String, index: Double, rank: Int?, units: Int) -> Message {
        let rankVi = rank.map { "hạng \($0)/\(units)" } ?? "không xếp hạng"
        let rankEn = rank.map { "rank \($0) of \(units)" } ?? "unranked"
        return Message(vi: "  \(period)  \(block)  \(index.isNaN ? "—" : NumberFormatting.format(PublishedRounding.round(index, decimals: 4), in: .vi))  \(rankVi)",
                       en: "  \(period)  \(block)  \(index.isNaN ? "—" : NumberFormatting.format(PublishedRounding.round(index, decimals: 4)))  \(rankEn)")
    }
}
