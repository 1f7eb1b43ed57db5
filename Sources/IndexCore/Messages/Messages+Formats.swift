// The message catalog: file formats (workbooks, their XML parts, UTF-8 text).

import Foundation

package extension Message {
    // MARK: UTF-8

    static let theFile = Message(vi: "tệp", en: "the file")

    static func notUTF8(_ what: Message, byte: UInt8, offset: Int) -> Message {
        let hex = String(format: "%02X", byte)
        return Message(vi: "\(what.vi) không phải văn bản UTF-8 (byte không hợp lệ 0x\(hex) ở vị trí byte \(offset)); hãy lưu lại dưới dạng UTF-8",
                       en: "\(what.en) is not UTF-8 text (invalid byte 0x\(hex) at byte offset \(offset)); save it as UTF-8")
    }

    // MARK: XML parts

    static let xmlMalformed = Message(vi: "XML sai cấu trúc", en: "malformed XML")
    static let xmlEndsEarly = Message(vi: "XML kết thúc quá sớm (phần bị cắt cụt hoặc có thẻ chưa đóng)", en: "the XML ends too early (truncated part or unclosed element)")
    static let xmlTagMismatch = Message(vi: "một thẻ đóng không khớp với thẻ mở", en: "an end tag does not match its start tag")
    static let xmlEmptyPart = Message(vi: "phần này trống", en: "the part is empty")
    static let xmlMalformedElement = Message(vi: "một phần tử hoặc thuộc tính sai cấu trúc", en: "a malformed element or attribute")
    static let xmlInvalidCharacter = Message(vi: "một ký tự không hợp lệ", en: "an invalid character")
    static let xmlInvalidEntity = Message(vi: "một tham chiếu thực thể không hợp lệ", en: "an invalid entity reference")
    static let xmlExtraContent = Message(vi: "có nội dung sau khi tài liệu đã kết thúc", en: "content after the end of the document")
    static let xmlParserGaveUp = Message(vi: "bộ phân tích XML phải dừng (phần quá lớn hoặc lồng quá sâu)", en: "the XML parser gave up (a part too large or too deeply nested)")
    static let xmlNotBalanced = Message(vi: "các phần tử lồng nhau không đúng", en: "elements are not properly nested")
    static let xmlLessThanInAttribute = Message(vi: "có dấu '<' trong giá trị thuộc tính", en: "a '<' inside an attribute value")
    static let xmlUnfinishedTag = Message(vi: "một thẻ chưa hoàn chỉnh", en: "an unfinished tag")
    static let xmlMalformedTag = Message(vi: "một thẻ hoặc khai báo sai cấu trúc", en: "a malformed tag or declaration")
    static func xmlParserError(code: Int) -> Message {
        Message(vi: "XML sai cấu trúc (lỗi bộ phân tích \(code))", en: "malformed XML (parser error \(code))")
    }

    // MARK: Workbooks

    static let notAZipArchive = Message(vi: "không phải sổ tính .xlsx: tệp không phải là tệp nén zip", en: "not an .xlsx workbook: the file is not a zip archive")

    static func workbookNoTemporaryCopy(_ reason: Message) -> Message {
        Message(vi: "không đọc được sổ tính: không ghi được bản sao tạm (\(reason.vi))", en: "the workbook cannot be read: no temporary copy could be written (\(reason.en))")
    }

    static let zipDamaged = Message(vi: "không phải sổ tính .xlsx: không mở được tệp nén zip (tệp bị hỏng hoặc bị cắt cụt)", en: "not an .xlsx workbook: the zip archive cannot be opened (it is damaged or truncated)")
    static let contentTypesMissing = Message(vi: "không phải sổ tính .xlsx: thiếu phần [Content_Types].xml", en: "not an .xlsx workbook: the part [Content_Types].xml is missing")
    static let workbookListsNoSheets = Message(vi: "sổ tính không có trang tính nào", en: "the workbook lists no sheets")

    static func partTooLarge(_ path: String, size: Int, limit: Int) -> Message {
        Message(vi: "phần \(path) quá lớn (\(size) byte khi giải nén; chỉ đọc tối đa \(limit))", en: "the part \(path) is too large (\(size) bytes uncompressed; at most \(limit) are read)")
    }

    static func partInflatesTooMuch(_ path: String, limit: Int, declared: Int) -> Message {
        Message(vi: "phần \(path) giải nén ra hơn \(limit) byte (phần đầu của nó ghi \(declared)); tệp bị hỏng hoặc có chủ đích xấu nên không được đọc",
                en: "the part \(path) inflates to more than \(limit) bytes (its header says \(declared)); the file is damaged or hostile and is not read")
    }

    static func workbookInflatesTooMuch(limit: Int) -> Message {
        Message(vi: "sổ tính giải nén ra hơn \(limit) byte; tệp bị hỏng hoặc có chủ đích xấu nên không được đọc", en: "the workbook inflates to more than \(limit) bytes; the file is damaged or hostile and is not read")
    }

    static func partCannotBeDecompressed(_ path: String) -> Message {
        Message(vi: "không giải nén được phần \(path) (tệp bị hỏng hoặc bị cắt cụt)", en: "the part \(path) cannot be decompressed (the file is damaged or truncated)")
    }

    /// A part of a workbook, as messages name it.
    static let aPart = Message(vi: "phần", en: "the part")
    static let theWorkbookPart = Message(vi: "phần workbook", en: "the workbook part")
    static let theSharedStrings = Message(vi: "bảng chuỗi dùng chung", en: "the shared strings")
    static func partOfSheet(_ name: String) -> Message { Message(vi: "phần của trang tính '\(name)'", en: "the part of sheet '\(name)'") }

    static func partMissing(_ what: Message, path: String) -> Message {
        Message(vi: "sổ tính thiếu \(what.vi) (\(path))", en: "\(what.en) (\(path)) is missing from the workbook")
    }

    static func dtdNotAllowed(_ path: String) -> Message {
        Message(vi: "không cho phép DTD: phần \(path) khai báo kiểu tài liệu (<!DOCTYPE>), điều sổ tính không bao giờ cần và có thể mở rộng thực thể hoặc truy cập tệp khác; tệp không được đọc",
                en: "DTDs are not allowed: the part \(path) declares a document type (<!DOCTYPE>), which workbooks never need and which can expand entities or reach other files; the file is not read")
    }

    static func unreadableXML(_ path: String, what: Message?, line: Int, problem: Message) -> Message {
        Message(vi: "XML không đọc được trong \(path)\(what.map { " (\($0.vi))" } ?? ""), dòng \(line): \(problem.vi)",
                en: "unreadable XML in \(path)\(what.map { " (\($0.en))" } ?? ""), line \(line): \(problem.en)")
    }

    static func invalidCellAddress(row: Int, address: String) -> Message {
        Message(vi: "một ô ở dòng \(row) có địa chỉ không hợp lệ '\(address)'", en: "a cell in row \(row) has an invalid address '\(address)'")
    }

    static func sharedStringOutOfRange(_ index: String, count: Int) -> Message {
        Message(vi: "ô tham chiếu chuỗi dùng chung số \(index), nhưng bảng chuỗi dùng chung chỉ có \(count) (tệp bị hỏng)",
                en: "the cell refers to shared string \(index), but the shared-strings table has \(count) (the file is damaged)")
    }

    static func invalidBooleanCell(_ raw: String) -> Message { Message(vi: "một ô kiểu đúng/sai chứa '\(raw)'", en: "a boolean cell holds '\(raw)'") }
    static func invalidNumberCell(_ raw: String) -> Message { Message(vi: "một ô kiểu số chứa '\(raw)'", en: "a number cell holds '\(raw)'") }
    static func unknownCellType(_ type: String) -> Message { Message(vi: "kiểu ô '\(type)' không xác định", en: "unknown cell type '\(type)'") }
    static func invalidMergedRange(_ address: String) -> Message {
        Message(vi: "một vùng ô gộp có địa chỉ không hợp lệ '\(address)'", en: "a merged range has an invalid address '\(address)'")
    }
}

package extension Message {
    static let xmlPartIsUTF16 = Message(vi: "phần này mã hoá UTF-16; chỉ đọc phần UTF-8 (hãy lưu lại sổ tính từ chương trình bảng tính)", en: "the part is UTF-16; only UTF-8 parts are read (save the workbook again from a spreadsheet)")
    static let xmlNoRootElement = Message(vi: "phần này không có phần tử gốc", en: "the part has no root element")
}
