// The message catalog: survey answers (validation against the methodology) and computing them.

import Foundation

package extension Message {
    // MARK: Records

    static let unitIDMissing = Message(vi: "thiếu mã đơn vị", en: "the unit id is missing")
    static let giveIDColumnHint = Message(vi: "; hãy thêm cột 'id', hoặc tra tên qua danh mục đơn vị", en: "; give an 'id' column, or resolve names through a unit registry")

    static func unitWithoutBlock(_ unit: String, blocks: [String]) -> Message {
        Message(vi: "đơn vị '\(unit)' không có khối (một trong: \(blocks.joined(separator: ", ")))", en: "unit '\(unit)' has no block (one of: \(blocks.joined(separator: ", ")))")
    }

    static func unitInUnknownBlock(_ unit: String, block: String, blocks: [String]) -> Message {
        Message(vi: "đơn vị '\(unit)' thuộc khối '\(block)' không tồn tại (các khối: \(blocks.joined(separator: ", ")))", en: "unit '\(unit)' is in unknown block '\(block)' (blocks: \(blocks.joined(separator: ", ")))")
    }

    static func unitTwice(_ unit: String, first: String) -> Message {
        Message(vi: "đơn vị '\(unit)' xuất hiện hai lần trong cùng một kỳ (lần đầu ở \(first))", en: "unit '\(unit)' appears twice for the same period (first at \(first))")
    }

    static func unknownSurveyField(_ field: String, suggestions: [String]) -> Message {
        let list = suggestions.map { "'\($0)'" }.joined(separator: ", ")
        return Message(vi: "trường '\(field)' không có trong phương pháp\(suggestions.isEmpty ? "" : "; có phải là \(list)?")",
                       en: "unknown field '\(field)'\(suggestions.isEmpty ? "" : "; did you mean \(list)?")")
    }

    static func fieldNotAskedOfBlock(field: String, block: String, unit: String) -> Message {
        Message(vi: "trường '\(field)' không hỏi khối '\(block)', nhưng đơn vị '\(unit)' lại trả lời", en: "field '\(field)' is not asked of block '\(block)', but unit '\(unit)' answers it")
    }

    // MARK: Answers

    /// A problem of one answer, after the field's id: "staff_total: expected a number, found 'x'".
    static func answerProblem(field: String, _ problem: Message) -> Message {
        Message(vi: "\(field): \(problem.vi)", en: "\(field): \(problem.en)")
    }

    static let noAnswer = Message(vi: "chưa có câu trả lời", en: "no answer")

    static func expectedYesNo(found shown: String) -> Message {
        Message(vi: "cần trả lời có/không (có/không, 1/0, true/false, yes/no), nhưng là \(shown)", en: "expected yes/no (có/không, 1/0, true/false), found \(shown)")
    }

    static func expectedChoice(_ choices: [String], found shown: String) -> Message {
        Message(vi: "cần một trong các lựa chọn \(choices.joined(separator: ", ")), nhưng là \(shown)", en: "expected one of \(choices.joined(separator: ", ")), found \(shown)")
    }

    static func expectedNumber(whole: Bool, found shown: String, hint: Message?) -> Message {
        Message(vi: "cần \(whole ? "một số nguyên" : "một số"), nhưng là \(shown)\(hint?.vi ?? "")", en: "expected \(whole ? "a whole number" : "a number"), found \(shown)\(hint?.en ?? "")")
    }

    static func belowMinimum(_ number: Double, minimum: Double) -> Message {
        Message(vi: "\(NumberFormatting.format(number)) nhỏ hơn giá trị tối thiểu \(NumberFormatting.format(minimum))", en: "\(NumberFormatting.format(number)) is below the minimum \(NumberFormatting.format(minimum))")
    }

    static func aboveMaximum(_ number: Double, maximum: Double) -> Message {
        Message(vi: "\(NumberFormatting.format(number)) lớn hơn giá trị tối đa \(NumberFormatting.format(maximum))", en: "\(NumberFormatting.format(number)) is above the maximum \(NumberFormatting.format(maximum))")
    }

    static func decimalCommaHint(_ corrected: String) -> Message {
        Message(vi: " (dấu thập phân trong tệp số liệu là dấu chấm: hãy viết \(corrected); không dùng dấu phẩy để phân cách hàng nghìn)",
                en: " (the decimal separator is a point: write \(corrected); do not group thousands with commas)")
    }
    static let numberTooLargeHint = Message(vi: " (số quá lớn)", en: " (the number is too large)")
    static let hexadecimalHint = Message(vi: " (chỉ nhận số thập phân, không nhận số thập lục phân)", en: " (only decimal numbers are accepted, not hexadecimal)")

    static func constraintBroken(unit: String, constraint: String, check: String, values: [String], explanation: LocalizedText) -> Message {
        Message(vi: "đơn vị '\(unit)' vi phạm ràng buộc '\(constraint)' (\(check)): \(values.joined(separator: ", ")) — \(explanation.vi)",
                en: "unit '\(unit)' breaks '\(constraint)' (\(check)): \(values.joined(separator: ", ")) — \(explanation.en)")
    }

    static func periodOutOfRange(_ year: Int, range: ClosedRange<Int>) -> Message {
        Message(vi: "kỳ \(year) không phải là một năm từ \(range.lowerBound) đến \(range.upperBound)", en: "the period \(year) is not a year from \(range.lowerBound) to \(range.upperBound)")
    }

    static func periodNotAYear(_ text: String) -> Message {
        Message(vi: "kỳ số liệu (period) phải là một năm (ví dụ 2019), nhưng là '\(text)'", en: "period must be a year (e.g. 2019), found '\(text)'")
    }

    // MARK: Plans and computing

    static func columnLengthMismatch(_ field: String, values: Int, units: Int) -> Message {
        Message(vi: "cột '\(field)' có \(values) giá trị cho \(units) đơn vị", en: "column '\(field)' has \(values) values for \(units) units")
    }

    static func methodologyHasNoBlock(_ methodology: String, block: String, blocks: [String]) -> Message {
        Message(vi: "phương pháp '\(methodology)' không có khối '\(block)' (các khối: \(blocks.joined(separator: ", ")))", en: "the methodology '\(methodology)' has no block '\(block)' (blocks: \(blocks.joined(separator: ", ")))")
    }

    static func valueOfNode(_ node: String) -> Message { Message(vi: "giá trị của nút '\(node)'", en: "the value of node '\(node)'") }
    static func zeroWhenOfNode(_ node: String) -> Message { Message(vi: "điều kiện zero_when của nút '\(node)'", en: "the zero_when condition of node '\(node)'") }

    static func overflow(_ what: Message, expression: String?, unitName: String, unitID: String) -> Message {
        let quoted = expression.map { " '\($0)'" } ?? ""
        return Message(vi: "\(what.vi)\(quoted) bị tràn số với \(unitName) (\(unitID)): một giá trị quá lớn để tính; hãy kiểm tra số liệu của đơn vị",
                       en: "\(what.en)\(quoted) overflows for \(unitName) (\(unitID)): a value is too large to compute with; check the unit's answers")
    }

    static func referenceUnitAbsent(node: String, unit: String, count: Int, block: String) -> Message {
        Message(vi: "nút '\(node)' chấm theo khoảng cách tới đơn vị tham chiếu '\(unit)', nhưng đơn vị này không nằm trong \(count) đơn vị của khối '\(block)'",
                en: "node '\(node)' scores the distance to reference unit '\(unit)', which is not among the \(count) units of block '\(block)'")
    }

    static func referenceUnitWithoutValue(node: String, unit: String) -> Message {
        Message(vi: "nút '\(node)' chấm theo khoảng cách tới đơn vị tham chiếu '\(unit)', nhưng đơn vị này không có giá trị cho nút", en: "node '\(node)' scores the distance to reference unit '\(unit)', which has no value for it")
    }

    static func meanUndefined(unitName: String, unitID: String, node: String, negative: Bool, aggregation: Aggregation) -> Message {
        let name = (vi: aggregation.name(in: .vi), en: aggregation.name)
        let fixVi = negative
            ? "\(name.vi) không xác định với điểm âm: hãy chuẩn hoá về điểm dương (ví dụ z_score với target: {mean: 10, sd: 2}, hoặc min_max với range: [1, 100]) hoặc tổng hợp cách khác"
            : "\(name.vi) không xác định tại 0: hãy khai báo zero_scores: zero để nhóm được 0 điểm, hoặc chuẩn hoá về điểm dương (ví dụ min_max với range: [1, 100])"
        let fixEn = negative
            ? "a \(name.en) mean is not defined for negative scores: normalise to positive scores (e.g. z_score with target: {mean: 10, sd: 2}, or min_max with range: [1, 100]) or aggregate otherwise"
            : "a \(name.en) mean is not defined at 0: declare zero_scores: zero to score the group 0, or normalise to positive scores (e.g. min_max with range: [1, 100])"
        return Message(vi: "\(unitName) (\(unitID)) có \(negative ? "điểm âm" : "điểm 0") trong '\(node)': \(fixVi)",
                       en: "\(unitName) (\(unitID)) has \(negative ? "a negative score" : "a score of 0") under '\(node)': \(fixEn)")
    }

    static func missingWithFailPolicy(unitName: String, unitID: String, node: String) -> Message {
        Message(vi: "\(unitName) (\(unitID)) không có giá trị cho '\(node)' mà chính sách thiếu số liệu của nút là 'fail' (dừng lại)",
                en: "\(unitName) (\(unitID)) has no value for '\(node)' and its missing-data policy is 'fail'")
    }

    static func ambiguousUnitInResults(_ query: String, candidates: [(name: String, id: String)]) -> Message {
        ambiguousUnit(query, candidates: candidates.map { ($0.name, $0.id, .always) }, byPeriod: false)
    }
}
