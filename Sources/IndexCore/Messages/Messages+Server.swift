// The message catalog: the web server and its pages.

import Foundation

package extension Message {
    // The web pages' form checks.
    static let periodAndRunRequired = Message(vi: "cần chọn kỳ đánh giá và lần tính", en: "period and run are required")
    static let unknownRole = Message(vi: "vai trò không hợp lệ", en: "unknown role")
    static let unknownAction = Message(vi: "thao tác không hợp lệ", en: "unknown action")
    static let noXlsxChosen = Message(vi: "chưa chọn tệp .xlsx", en: "no .xlsx file was chosen")

    static func workspaceProblem(_ detail: String) -> Message {
        Message(vi: "không đọc được không gian làm việc: \(detail)", en: "the workspace could not be read: \(detail)")
    }
}
