// The message catalog: the web server and its pages.

import Foundation

package extension Message {
    // The web pages' form checks.
    static let periodAndRunRequired = Message(vi: "cần chọn kỳ đánh giá và lần tính", en: "period and run are required")
    static let unknownRole = Message(vi: "vai trò không hợp lệ", en: "unknown role")
    static let unknownAction = Message(vi: "thao tác không hợp lệ", en: "unknown action")
    static let noXlsxChosen = Message(vi: "chưa chọn tệp .xlsx", en: "no .xlsx file was chosen")
}

package extension Message {
    // Accounts: the password chosen on the one-time link's page.
    static func passwordTooShort(_ minimum: Int) -> Message {
        Message(vi: "mật khẩu cần ít nhất \(minimum) ký tự", en: "the password needs at least \(minimum) characters")
    }

    static let passwordsDiffer = Message(vi: "hai lần nhập mật khẩu không giống nhau", en: "the two passwords differ")
}

package extension Message {
    // Why a platform operation was refused (PlatformError's texts).
    static let signInFailed = Message(vi: "Email hoặc mật khẩu không đúng, hoặc phiên đăng nhập đã hết hạn.",
                                      en: "Wrong e-mail or password, or the session has expired.")
    static let notAllowed = Message(vi: "Tài khoản của bạn không có quyền thực hiện thao tác này.", en: "Your account may not do this.")
    static let platformNotFound = Message(vi: "Không tìm thấy.", en: "Not found.")

    static func draftConflict(current: Int, expected: Int, fields: String) -> Message {
        Message(vi: "Bản nháp đã được người khác lưu (phiên bản \(current), bạn sửa từ phiên bản \(expected)); chưa lưu gì. Các câu khác nhau: \(fields).",
                en: "Someone else saved the draft (version \(current); you edited version \(expected)); nothing was saved. Answers that differ: \(fields).")
    }

    static func inputProblems(_ count: Int, list: String) -> Message {
        Message(vi: "Dữ liệu có \(count) lỗi:\n\(list)", en: "\(count) problem(s):\n\(list)")
    }

    static func accountLocked(until time: String) -> Message {
        Message(vi: "Đăng nhập sai quá nhiều lần; tài khoản tạm khóa đến \(time) (UTC).", en: "Too many failed sign-ins; the account is locked until \(time) (UTC).")
    }

    static func fileTooLarge(megabytes: Int) -> Message {
        Message(vi: "Tệp quá lớn: tối đa \(megabytes) MB.", en: "The file is too large: at most \(megabytes) MB.")
    }

    static func fileTypeRefused(_ found: String) -> Message {
        Message(vi: "Loại tệp không được chấp nhận (\(found)); chỉ nhận PDF, PNG, JPEG, XLSX, DOCX.",
                en: "This type of file is not accepted (\(found)); only PDF, PNG, JPEG, XLSX, DOCX.")
    }

    static func unitInOtherState(_ state: String, expected: String) -> Message {
        Message(vi: "Đơn vị đang ở trạng thái '\(state)', không phải '\(expected)'.", en: "The unit is '\(state)', not '\(expected)'.")
    }

    static func seasonOpenAlready(_ period: Int) -> Message {
        Message(vi: "Kỳ đánh giá \(period) đã được mở.", en: "The \(period) season is open already.")
    }

    static let runNotStored = Message(vi: "Không lưu được lần tính (không gian làm việc chỉ đọc).", en: "The run could not be stored (the workspace is read-only).")

    static func publishedAlready(_ period: Int) -> Message {
        Message(vi: "Kỳ \(period) đã công bố; hủy công bố trước khi công bố lại.", en: "The \(period) season is published already; unpublish it first.")
    }

    static func answersChangedAfterRun(_ run: Int64) -> Message {
        Message(vi: "Dữ liệu đã thay đổi sau lần tính \(run); hãy tính lại rồi công bố lần tính mới.",
                en: "The answers changed after run \(run) was computed; compute again and publish the new run.")
    }

    static func noAnswersForPeriod(_ period: Int) -> Message {
        Message(vi: "Chưa có câu trả lời nào cho kỳ \(period).", en: "There are no answers for \(period) yet.")
    }

    static let draftSubmitted = Message(vi: "Bản khai đã nộp và đang chờ thẩm định; không thể sửa.", en: "The answers are submitted and awaiting review; they cannot be changed.")
    static let draftAccepted = Message(vi: "Bản khai đã được chấp nhận; không thể sửa.", en: "The answers were accepted; they cannot be changed.")
    static let nothingToSubmit = Message(vi: "Chưa có câu trả lời nào để nộp.", en: "There are no answers to submit yet.")

    static func deadlinePassed(_ time: String) -> Message {
        Message(vi: "Đã quá hạn nộp (\(time) UTC).", en: "The deadline has passed (\(time) UTC).")
    }

    static let demoNeedsAnswers = Message(vi: "Không gian làm việc chưa có câu trả lời nào; hãy nhập dữ liệu mẫu trước (ictindex import).",
                                          en: "The workspace holds no answers; import the example answers first (ictindex import).")
    static let demoNeedsNewWorkspace = Message(vi: "Không gian làm việc đã có tài khoản hoặc kỳ đánh giá; bản demo chỉ tạo trên không gian mới.",
                                               en: "The workspace has accounts or seasons already; a demo is seeded on a new workspace only.")
}

package extension Message {
    // The output of `ictindex users`, `ictindex backup` and `ictindex serve`.
    static func accountCreated(_ who: String) -> Message { Message(vi: "đã tạo \(who)", en: "created \(who)") }

    static func initialPassword(_ password: String) -> Message {
        Message(vi: "mật khẩu ban đầu (chỉ hiện một lần): \(password)", en: "initial password (shown once): \(password)")
    }

    static func signInLinkCreated(until time: String, path: String) -> Message {
        Message(vi: "đường dẫn đăng nhập một lần để đặt mật khẩu (chỉ hiện một lần, dùng được đến \(time)): \(path)",
                en: "one-time sign-in link to set the password (shown once, until \(time)): \(path)")
    }

    static let noAccounts = Message(vi: "chưa có tài khoản nào", en: "no accounts")
    static let accountActive = Message(vi: "đang dùng", en: "active")
    static let accountDisabled = Message(vi: "đã khóa", en: "disabled")
    static func accountDisabledNow(_ email: String) -> Message { Message(vi: "đã khóa \(email)", en: "disabled \(email)") }

    static func backedUp(_ workspace: String, to file: String) -> Message {
        Message(vi: "đã sao lưu \(workspace) vào \(file)", en: "backed up \(workspace) to \(file)")
    }

    static func demoSeeded(_ period: Int) -> Message {
        Message(vi: "Đã mở kỳ đánh giá mẫu \(period). Tài khoản (chỉ hiện một lần; mật khẩu không được lưu dạng rõ):",
                en: "Demo season \(period) opened. Accounts (shown once; passwords are not stored in clear):")
    }

    static let demoSeededBefore = Message(vi: "Không gian làm việc đã có tài khoản: không tạo bản demo (mật khẩu demo đã in ra ở lần đầu).",
                                          en: "The workspace has accounts already: no demo seeded (the demo passwords were printed the first time).")

    static func serving(_ workspace: String, at address: String) -> Message {
        Message(vi: "ictindex đang phục vụ \(workspace) tại \(address) (Ctrl-C để dừng)", en: "ictindex serves \(workspace) at \(address) (Ctrl-C stops it)")
    }
}
