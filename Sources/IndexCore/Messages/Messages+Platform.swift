// The message catalog: the web platform's accounts, drafts, evidence and reviews.

import Foundation

package extension Message {
    static let accountExists = Message(vi: "đã có tài khoản với địa chỉ e-mail này", en: "an account with this e-mail exists already")
    static let notAnEmail = Message(vi: "không phải địa chỉ e-mail (cần dạng ten@ten-mien)", en: "not an e-mail address (expected name@domain)")

    static func onlySubmitterHasUnit(role: String) -> Message {
        Message(vi: "chỉ tài khoản nộp báo cáo (submitter) mới gắn với một đơn vị (tài khoản \(role) xem được mọi đơn vị)",
                en: "only a submitter has a unit (a \(role) sees every unit)")
    }

    static let submitterNeedsUnit = Message(vi: "tài khoản nộp báo cáo cần một đơn vị (--unit MÃ trong danh mục đơn vị)", en: "a submitter needs a unit (--unit ID of the registry)")

    static func unitNotInRegistry(_ unit: String, suggestions: [String]) -> Message {
        let list = suggestions.joined(separator: ", ")
        return Message(vi: "đơn vị '\(unit)' không có trong danh mục đơn vị của không gian làm việc\(suggestions.isEmpty ? "" : "; có phải là \(list)?")",
                       en: "unit '\(unit)' is not in the workspace's registry\(suggestions.isEmpty ? "" : "; did you mean \(list)?")")
    }

    static func formForAnotherUnit(_ other: String, unit: String) -> Message {
        Message(vi: "biểu mẫu này của đơn vị khác ('\(other)'), không phải của '\(unit)'", en: "the form is for another unit ('\(other)'), not '\(unit)'")
    }

    static func formForAnotherPeriod(_ formPeriod: String, period: Int) -> Message {
        Message(vi: "biểu mẫu này của kỳ \(formPeriod), không phải của kỳ đánh giá \(period)", en: "the form is for \(formPeriod), not the \(period) season")
    }

    static func noQuestionForUnit(_ field: String) -> Message {
        Message(vi: "không có câu hỏi '\(field)' cho đơn vị này", en: "no question '\(field)' for this unit")
    }

    static let returnNeedsComment = Message(vi: "trả lại cần ít nhất một nhận xét nói rõ cần sửa gì", en: "a return needs at least one comment saying what to change")
}
