// The message catalog: the workspace (its database, configuration and stored submissions).

package extension Message {
    // MARK: The database

    static func workspaceNeedsUpgrade(_ path: String) -> Message {
        Message(vi: "\(path) được ghi bởi phiên bản ictindex cũ hơn và cần nâng cấp, việc này phải ghi vào tệp; hãy mở không gian làm việc một lần ở nơi có quyền ghi",
                en: "\(path) was written by an older ictindex and must be upgraded, which needs writing; open the workspace once where it is writable")
    }

    static let workspaceReadOnly = Message(
        vi: "không gian làm việc chỉ cho phép đọc (không ghi được cơ sở dữ liệu hoặc thư mục chứa nó); lệnh này cần ghi — hãy sao chép không gian làm việc sang nơi có quyền ghi, hoặc xin quyền ghi",
        en: "the workspace is read-only (the database or its folder cannot be written); this command needs to write to it — copy the workspace somewhere writable, or ask for write access")

    /// What to do about a database that is missing or damaged.
    private static let restoreHint = (
        vi: "hãy khôi phục từ bản sao lưu (cơ sở dữ liệu không bao giờ được tạo lại âm thầm: như thế sẽ mất mọi lần nhập); hoặc tạo không gian làm việc mới bằng 'ictindex init' ở thư mục khác",
        en: "restore it from a backup (it is never re-created silently: that would lose every import); or create a new workspace with 'ictindex init' in another folder")

    static let databaseMissing = Message(vi: "thiếu cơ sở dữ liệu của không gian làm việc; \(restoreHint.vi)", en: "the workspace database is missing; \(restoreHint.en)")
    static let databaseIsFolder = Message(vi: "cơ sở dữ liệu của không gian làm việc là một thư mục, không phải tệp", en: "the workspace database is a folder, not a file")
    static let databaseUnreadable = Message(vi: "không đọc được cơ sở dữ liệu của không gian làm việc (không có quyền?); hãy kiểm tra quyền truy cập", en: "the workspace database cannot be read (permission denied?); check its permissions")
    static let databaseEmpty = Message(vi: "cơ sở dữ liệu của không gian làm việc trống (0 byte), không chứa không gian làm việc nào; \(restoreHint.vi)", en: "the workspace database is empty (0 bytes): it holds no workspace; \(restoreHint.en)")
    static let databaseNotSQLite = Message(vi: "cơ sở dữ liệu của không gian làm việc không phải tệp SQLite (bị hỏng hoặc bị thay bằng tệp khác); \(restoreHint.vi)", en: "the workspace database is not an SQLite database (damaged or replaced by another file); \(restoreHint.en)")

    static func databaseDamaged(_ detail: String) -> Message {
        Message(vi: "cơ sở dữ liệu của không gian làm việc bị hỏng (\(detail)); \(restoreHint.vi)", en: "the workspace database is damaged (\(detail)); \(restoreHint.en)")
    }

    static let databaseCannotOpen = Message(vi: "không mở được cơ sở dữ liệu của không gian làm việc (thư mục có thể không tồn tại, không đọc được hoặc chỉ cho phép đọc)", en: "the workspace database cannot be opened (its folder may be missing, unreadable or read-only)")
    static let databaseDiskFull = Message(vi: "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại (chưa có gì được ghi)", en: "the disk is full; free some space and try again (nothing was written)")
    static let databaseBusy = Message(vi: "không gian làm việc đang bận: một tiến trình ictindex khác đang ghi; hãy thử lại khi tiến trình đó xong", en: "the workspace is busy: another ictindex is writing to it; try again when it has finished")
    static let databaseIOError = Message(vi: "không đọc hoặc ghi được cơ sở dữ liệu của không gian làm việc (lỗi vào/ra); hãy kiểm tra ổ đĩa", en: "the workspace database could not be read or written (input/output error); check the disk")

    /// Any other database failure; `opening` when it happened while opening the database.
    static func databaseFailed(opening: Bool, detail: Message) -> Message {
        Message(vi: "không \(opening ? "mở" : "dùng") được cơ sở dữ liệu của không gian làm việc (\(detail.vi))",
                en: "the workspace database could not be \(opening ? "opened" : "used") (\(detail.en))")
    }

    static func sqliteError(_ message: String?, code: Int32) -> Message {
        if let message { return .foreignError(message) }
        return Message(vi: "lỗi SQLite \(code)", en: "SQLite error \(code)")
    }

    // MARK: The workspace folder

    static let workspaceExists = Message(vi: "ở đây đã có một không gian làm việc", en: "a workspace already exists here")

    static func noWorkspaceHere(configFile: String) -> Message {
        Message(vi: "không có không gian làm việc ở đây (không có \(configFile)); hãy tạo bằng 'ictindex init'", en: "no workspace here (no \(configFile)); create one with 'ictindex init'")
    }

    static let theWorkspaceConfiguration = Message(vi: "cấu hình không gian làm việc", en: "the workspace configuration")
    static let workspaceConfigUnreadable = Message(vi: "không đọc được tệp cấu hình của không gian làm việc", en: "unreadable workspace configuration")

    static func cannotReadWorkspaceMethodology(configFile: String, reason: Message) -> Message {
        Message(vi: "không đọc được phương pháp ghi trong \(configFile): \(reason.vi)", en: "cannot read the methodology named in \(configFile): \(reason.en)")
    }

    static func workspaceHasNoMethodology(_ id: String, has: [String]) -> Message {
        Message(vi: "không gian làm việc không có phương pháp '\(id)' (đang có: \(has.joined(separator: ", ")))", en: "the workspace has no methodology '\(id)' (it has \(has.joined(separator: ", ")))")
    }

    static let workspaceNamesNoMethodology = Message(vi: "không gian làm việc không ghi phương pháp nào", en: "the workspace names no methodology")

    // MARK: Stored data

    static func unitNotInWorkspaceRegistry(_ unit: String) -> Message {
        Message(vi: "đơn vị '\(unit)' không có trong danh mục đơn vị của không gian làm việc", en: "unit '\(unit)' is not in the workspace's registry")
    }

    static func submissionWithoutAnswers(unit: String, period: Int) -> Message {
        Message(vi: "\(unit) \(period): tệp không có câu trả lời nào", en: "\(unit) \(period): the file holds no answers")
    }

    static let runNeedsPeriod = Message(vi: "một lần tính cần có kỳ số liệu", en: "a run needs a period")
}

package extension Message {
    /// `ictindex backup` (the SQLite online backup) never replaces a file.
    static let backupTargetExists = Message(vi: "tệp đã tồn tại; bản sao lưu không bao giờ ghi đè lên tệp có sẵn — hãy chọn tên khác",
                                            en: "the file exists already; a backup never replaces a file — choose a new name")

    static func backupNotPlaced(_ reason: String) -> Message {
        Message(vi: "không đặt được bản sao lưu vào vị trí: \(reason)", en: "could not put the backup in place: \(reason)")
    }
}
