// The message catalog: messages shared by every module (counts, languages, files).
// Each message is written in Vietnamese and English here and nowhere else.

package extension Message {
    /// "2 lỗi" / "2 problems": the heading of a list of diagnostics.
    static func problemCount(_ count: Int) -> Message {
        Message(vi: "\(count) lỗi", en: "\(count) \(count == 1 ? "problem" : "problems")")
    }

    /// `ICTINDEX_LANG` names no language.
    static func unknownLanguageSetting(variable: String, value: String) -> Message {
        Message(vi: "biến môi trường \(variable) phải là 'vi' hoặc 'en', nhưng đang là '\(value)'",
                en: "the environment variable \(variable) must be 'vi' or 'en', found '\(value)'")
    }
}

// MARK: Files: what went wrong reading or writing one, in words (FileProblem)

package extension Message {
    static func cannotReadFile(_ reason: Message) -> Message {
        Message(vi: "không đọc được tệp: \(reason.vi)", en: "cannot read the file: \(reason.en)")
    }

    static let fileDoesNotExist = Message(vi: "tệp hoặc thư mục không tồn tại", en: "the file or folder does not exist")
    static let readPermissionDenied = Message(vi: "không có quyền đọc", en: "permission to read it is denied")
    static let writePermissionDenied = Message(vi: "không có quyền ghi vào đây", en: "permission to write here is denied")
    static let permissionDenied = Message(vi: "không có quyền truy cập", en: "permission is denied")
    static let diskReadOnly = Message(vi: "ổ đĩa chỉ cho phép đọc", en: "the disk is read-only")
    static let diskFull = Message(vi: "ổ đĩa đã đầy", en: "the disk is full")
    static let fileInTheWay = Message(vi: "đã có một tệp trùng tên ở đó", en: "a file of that name is in the way")
    static let fileDamaged = Message(vi: "tệp bị hỏng", en: "the file is damaged")
    static let fileNotUTF8 = Message(vi: "tệp không phải văn bản UTF-8", en: "the file is not UTF-8 text")
    static let fileTooLarge = Message(vi: "tệp quá lớn", en: "the file is too large")
    static let fileLocked = Message(vi: "tệp đang bị một chương trình khác khoá", en: "the file is locked by another program")
    static let isAFolder = Message(vi: "đây là thư mục, không phải tệp", en: "it is a folder, not a file")
    static let pathPartIsAFile = Message(vi: "một phần của đường dẫn là tệp, không phải thư mục", en: "a part of the path is a file, not a folder")
    static let fileNameTooLong = Message(vi: "tên tệp quá dài", en: "the file name is too long")

    static func fileOperationFailed(code: Int) -> Message {
        Message(vi: "thao tác với tệp không thành công (mã lỗi \(code))", en: "the file operation failed (error \(code))")
    }

    static func operationFailed(_ systemText: String) -> Message {
        Message(vi: "thao tác không thành công (\(systemText))", en: "the operation failed (\(systemText))")
    }

    /// An error that is none of ours and no file error: its own text, in whatever language it has.
    static func foreignError(_ description: String) -> Message {
        Message(vi: "lỗi: \(description)", en: "\(description)")
    }
}

// MARK: The example-data generator

package extension Message {
    static func calibrationFailed(unit: String, period: Int, target: Double, error: Double) -> Message {
        Message(vi: "không hiệu chỉnh được \(unit) \(period) về \(target): sai số nhỏ nhất \(error)", en: "cannot calibrate \(unit) \(period) to \(target): closest error \(error)")
    }
}
