// The message catalog: reading survey answers (CSV, JSON, filled .xlsx forms).

import Foundation

package extension Message {
    // MARK: Any data file

    static func unsupportedDataFile(extension ext: String) -> Message {
        Message(vi: "không hỗ trợ loại tệp số liệu '.\(ext)' (cần .csv, .json hoặc biểu mẫu .xlsx đã điền)", en: "unsupported data file type '.\(ext)' (expected .csv, .json or a filled .xlsx form)")
    }

    static let emptyDataFile = Message(vi: "tệp trống: cần một dòng tiêu đề và mỗi đơn vị một dòng", en: "the file is empty: it needs a header row and one row per unit")
    static let headerNeedsID = Message(vi: "dòng tiêu đề cần cột 'id' (hoặc 'name')", en: "the header needs an 'id' column (or 'name')")
    static let headerNeedsBlock = Message(vi: "dòng tiêu đề cần cột 'block'", en: "the header needs a 'block' column")
    static let longHeaderNeedsID = Message(vi: "dòng tiêu đề cần cột 'id' (hoặc 'unit')", en: "the header needs an 'id' (or 'unit') column")

    static func rowWidthMismatch(values: Int, columns: Int) -> Message {
        Message(vi: "dòng có \(values) giá trị nhưng dòng tiêu đề có \(columns) cột", en: "the row has \(values) values but the header has \(columns) columns")
    }

    static let unclosedQuote = Message(vi: "một trường mở dấu nháy kép ở dòng này nhưng không bao giờ đóng", en: "a quoted field opened on this line is never closed")

    // MARK: JSON survey files

    /// What a JSON value is: "a number", "text", "a list".
    enum JSONKind {
        case null, boolean, number, text, list, object
        package var vi: String {
            switch self {
            case .null: "null"
            case .boolean: "true/false"
            case .number: "một số"
            case .text: "văn bản"
            case .list: "một danh sách"
            case .object: "một đối tượng"
            }
        }
        package var en: String {
            switch self {
            case .null: "null"
            case .boolean: "true/false"
            case .number: "a number"
            case .text: "text"
            case .list: "a list"
            case .object: "an object"
            }
        }
    }

    /// What was found where a year was expected.
    enum FoundYear {
        case number(String), quotedText(String), other(JSONKind)
        package var vi: String {
            switch self {
            case .number(let text): text
            case .quotedText(let text): "văn bản \"\(text)\" (hãy viết năm không có dấu nháy)"
            case .other(let kind): kind.vi
            }
        }
        package var en: String {
            switch self {
            case .number(let text): text
            case .quotedText(let text): "the text \"\(text)\" (write the year without quotes)"
            case .other(let kind): kind.en
            }
        }
    }

    static func periodNotWholeYear(found: FoundYear) -> Message {
        Message(vi: "kỳ số liệu (period) phải là một năm, ví dụ 2019, nhưng là \(found.vi)", en: "period must be a whole year such as 2019, found \(found.en)")
    }

    static let expectedUnitsList = Message(vi: "cần danh sách 'units' ở cấp cao nhất", en: "expected a 'units' list at the top level")

    static func unitsMustBeList(found: JSONKind) -> Message {
        Message(vi: "'units' phải là danh sách các đối tượng đơn vị, nhưng là \(found.vi)", en: "'units' must be a list of unit objects, found \(found.en)")
    }

    static func expectedUnitsObject(found: JSONKind) -> Message {
        Message(vi: "cần một đối tượng có 'units' hoặc một danh sách đơn vị, nhưng là \(found.vi)", en: "expected an object with 'units' or a list of units, found \(found.en)")
    }

    static func unitMustBeObject(found: JSONKind) -> Message {
        Message(vi: "mỗi đơn vị phải là một đối tượng, nhưng là \(found.vi)", en: "each unit must be an object, found \(found.en)")
    }

    static func keyMustBeText(_ key: String, found: JSONKind) -> Message {
        Message(vi: "'\(key)' phải là văn bản, nhưng là \(found.vi)", en: "'\(key)' must be text, found \(found.en)")
    }

    static func answerWrongKind(found: JSONKind) -> Message {
        Message(vi: "câu trả lời phải là số, văn bản, true/false hoặc null, nhưng là \(found.vi)", en: "an answer must be a number, text, true/false or null, found \(found.en)")
    }

    static func answersMustBeObject(found: JSONKind) -> Message {
        Message(vi: "'answers' phải là đối tượng gồm mã trường và giá trị, nhưng là \(found.vi)", en: "'answers' must be an object of field ids to values, found \(found.en)")
    }

    // MARK: JSON syntax

    /// What the JSON reader met: a character, a byte, or the end of the file.
    enum JSONToken {
        case character(Character), byte(UInt8), end
        package var vi: String {
            switch self {
            case .character(let c): "'\(c)'"
            case .byte(let b): String(format: "byte 0x%02X", b)
            case .end: "cuối tệp"
            }
        }
        package var en: String {
            switch self {
            case .character(let c): "'\(c)'"
            case .byte(let b): String(format: "byte 0x%02X", b)
            case .end: "end of file"
            }
        }
    }

    static func invalidJSON(_ problem: Message) -> Message {
        Message(vi: "JSON không hợp lệ: \(problem.vi)", en: "not valid JSON: \(problem.en)")
    }

    static func jsonTrailing(_ token: JSONToken) -> Message {
        Message(vi: "gặp \(token.vi) sau khi giá trị JSON đã kết thúc", en: "unexpected \(token.en) after the end of the JSON value")
    }
    static let jsonEndsWhereValueExpected = Message(vi: "tệp kết thúc ở chỗ cần một giá trị", en: "the file ends where a value was expected")
    static func jsonTooDeep(_ limit: Int) -> Message {
        Message(vi: "danh sách và đối tượng lồng nhau quá \(limit) cấp", en: "lists and objects are nested more than \(limit) deep")
    }
    static func jsonExpectedKey(found: JSONToken) -> Message {
        Message(vi: "cần một khoá trong dấu nháy kép, nhưng gặp \(found.vi)", en: "expected a key in double quotes, found \(found.en)")
    }
    static func jsonDuplicateKey(_ key: String, firstLine: Int) -> Message {
        Message(vi: "khoá \"\(key)\" xuất hiện hai lần trong một đối tượng (lần đầu ở dòng \(firstLine))", en: "the key \"\(key)\" appears twice in one object (first on line \(firstLine))")
    }
    static func jsonExpectedColon(found: JSONToken) -> Message {
        Message(vi: "cần ':' sau khoá, nhưng gặp \(found.vi)", en: "expected ':' after the key, found \(found.en)")
    }
    static func jsonEndsInsideObject(openedOn line: Int) -> Message {
        Message(vi: "tệp kết thúc bên trong một đối tượng (mở ở dòng \(line))", en: "the file ends inside an object (opened on line \(line))")
    }
    static func jsonExpectedObjectSeparator(found: JSONToken) -> Message {
        Message(vi: "cần ',' hoặc '}' trong đối tượng, nhưng gặp \(found.vi)", en: "expected ',' or '}' in the object, found \(found.en)")
    }
    static func jsonEndsInsideList(openedOn line: Int) -> Message {
        Message(vi: "tệp kết thúc bên trong một danh sách (mở ở dòng \(line))", en: "the file ends inside a list (opened on line \(line))")
    }
    static func jsonExpectedListSeparator(found: JSONToken) -> Message {
        Message(vi: "cần ',' hoặc ']' trong danh sách, nhưng gặp \(found.vi)", en: "expected ',' or ']' in the list, found \(found.en)")
    }
    static func jsonExpectedValue(found: JSONToken) -> Message {
        Message(vi: "cần một giá trị, nhưng gặp \(found.vi)", en: "expected a value, found \(found.en)")
    }
    static let jsonMinusWithoutDigits = Message(vi: "số cần có chữ số sau dấu '-'", en: "a number needs digits after '-'")
    static let jsonLeadingZero = Message(vi: "số không được bắt đầu bằng 0", en: "a number may not start with 0")
    static let jsonPointWithoutDigits = Message(vi: "số cần có chữ số sau dấu thập phân", en: "a number needs digits after the decimal point")
    static let jsonExponentWithoutDigits = Message(vi: "số mũ cần có chữ số", en: "a number needs digits in its exponent")
    static func jsonNumberOutOfRange(_ text: String) -> Message {
        Message(vi: "số \(text) vượt quá phạm vi", en: "the number \(text) is out of range")
    }
    static let jsonHalfSurrogate = Message(vi: "một mã thoát \\u chỉ cho một nửa cặp surrogate", en: "a \\u escape gives half of a surrogate pair")
    static func jsonUnknownEscape(_ escape: String) -> Message {
        Message(vi: "mã thoát '\\\(escape)' không hợp lệ trong chuỗi", en: "unknown escape '\\\(escape)' in a string")
    }
    static func jsonLineBreakInString(line: Int, column: Int) -> Message {
        Message(vi: "có ký tự xuống dòng trong chuỗi (mở ở dòng \(line), cột \(column)); hãy viết thành \\n", en: "a line break inside a string (opened on line \(line), column \(column)); write it as \\n")
    }
    static func jsonControlInString(byte: UInt8) -> Message {
        let hex = String(format: "%02X", byte)
        return Message(vi: "có ký tự điều khiển (byte 0x\(hex)) trong chuỗi; hãy viết dưới dạng mã thoát", en: "a control character (byte 0x\(hex)) inside a string; escape it")
    }
    static func jsonUnclosedString(line: Int, column: Int) -> Message {
        Message(vi: "chuỗi mở ở dòng \(line), cột \(column) không bao giờ đóng", en: "a string opened on line \(line), column \(column) is never closed")
    }
    static let jsonEscapeNeedsFourDigits = Message(vi: "mã thoát \\u cần bốn chữ số thập lục phân", en: "a \\u escape needs four hexadecimal digits")

    // MARK: Filled survey forms

    static func formUnknownBlock(_ block: String, blocks: [String]) -> Message {
        Message(vi: "khối '\(block)' không tồn tại; phương pháp có các khối \(blocks.joined(separator: ", "))", en: "unknown block '\(block)'; the methodology has \(blocks.joined(separator: ", "))")
    }

    static func workbookHasNoFormSheet(names: [String], sheets: [String]) -> Message {
        let wanted = names.joined(separator: "' hoặc '"), wantedEn = names.joined(separator: "' or '")
        let found = sheets.map { "'\($0)'" }.joined(separator: ", ")
        return Message(vi: "sổ tính không có trang biểu mẫu ('\(wanted)'); các trang tính có: \(found)", en: "the workbook has no form sheet ('\(wantedEn)'); its sheets: \(found)")
    }

    static func formWithoutHeaderRow(key: String) -> Message {
        Message(vi: "trang biểu mẫu không có dòng tiêu đề (dòng có '\(key)' ở cột A)", en: "the form sheet has no header row (a row with '\(key)' in column A)")
    }

    static func formKeyTwice(_ key: String, firstRow: Int) -> Message {
        Message(vi: "'\(key)' xuất hiện hai lần (lần đầu ở dòng \(firstRow))", en: "'\(key)' appears twice (first on row \(firstRow))")
    }

    static func formUnknownMetadataKey(row: Int, key: String, known: [String]) -> Message {
        Message(vi: "dòng \(row) phía trên dòng tiêu đề có khoá '\(key)' không xác định ở cột A (cần một trong \(known.joined(separator: ", ")))",
                en: "row \(row) above the header has an unknown key '\(key)' in column A (expected one of \(known.joined(separator: ", ")))")
    }

    static func formRowWithoutQuestion(row: Int, filled: [String]) -> Message {
        Message(vi: "dòng \(row) không phải là câu hỏi của biểu mẫu: cột A không có mã câu hỏi, nhưng \(filled.joined(separator: ", ")) đã được điền; câu trả lời phải ở đúng dòng câu hỏi (hãy xoá dòng này)",
                en: "row \(row) is not a question of the form: column A holds no question id, but \(filled.joined(separator: ", ")) \(filled.count == 1 ? "is" : "are") filled; answers belong on the question rows (delete the row)")
    }

    static func formQuestionTwice(_ key: String, first: Int, row: Int) -> Message {
        Message(vi: "câu hỏi '\(key)' xuất hiện hai lần (dòng \(first) và \(row))", en: "question '\(key)' appears twice (rows \(first) and \(row))")
    }

    static func formMissingRow(_ name: String) -> Message {
        Message(vi: "biểu mẫu thiếu dòng '\(name)' (cột A)", en: "the form has no '\(name)' row (column A)")
    }

    static func formMergedCells(_ range: String) -> Message {
        Message(vi: "các ô \(range) bị gộp; mỗi câu hỏi cần ô trả lời và ô minh chứng riêng — hãy bỏ gộp ô", en: "cells \(range) are merged; each question needs its own answer and evidence cell — unmerge them")
    }

    static func formDataYearInvalid(range: ClosedRange<Int>, found: FormCell) -> Message {
        Message(vi: "năm số liệu phải là một năm từ \(range.lowerBound) đến \(range.upperBound), ví dụ 2019, nhưng là \(found.vi)",
                en: "the data year must be a year from \(range.lowerBound) to \(range.upperBound) such as 2019, found \(found.en)")
    }

    static func formForOtherMethodology(_ id: String, expected: String) -> Message {
        Message(vi: "biểu mẫu được lập cho phương pháp '\(id)', không phải '\(expected)'", en: "the form was made for methodology '\(id)', not '\(expected)'")
    }

    static func formQuestionNotInBlock(_ field: String, block: String) -> Message {
        Message(vi: "câu hỏi '\(field)' không hỏi khối '\(block)'", en: "question '\(field)' is not asked of block '\(block)'")
    }

    static func formRowNotAQuestion(row: Int, field: String, methodology: String, suggestions: [String]) -> Message {
        let list = suggestions.map { "'\($0)'" }.joined(separator: ", ")
        return Message(vi: "dòng \(row) không phải là câu hỏi của biểu mẫu: '\(field)' không phải câu hỏi của \(methodology)\(suggestions.isEmpty ? "" : "; có phải là \(list)?")",
                       en: "row \(row) is not a question of the form: '\(field)' is not a question of \(methodology)\(suggestions.isEmpty ? "" : "; did you mean \(list)?")")
    }

    static func formulaWithoutValue(_ formula: String) -> Message {
        Message(vi: "ô chứa công thức (=\(formula)) nhưng chưa có giá trị tính sẵn; hãy gõ trực tiếp câu trả lời", en: "the cell holds a formula (=\(formula)) without a computed value; type the answer itself")
    }

    static func cellErrorValue(_ code: String, formula: String?) -> Message {
        Message(vi: "ô chứa giá trị lỗi \(code)\(formula.map { " (từ =\($0))" } ?? ""); hãy gõ trực tiếp câu trả lời", en: "the cell holds the error value \(code)\(formula.map { " (from =\($0))" } ?? ""); type the answer itself")
    }

    /// What a form cell holds, as a message shows it.
    enum FormCell {
        case nothing, text(String), number(Double), boolean(Bool)
        package var vi: String {
            switch self {
            case .nothing: "ô trống"
            case .text(let text): "'\(text)'"
            case .number(let n): NumberFormatting.format(n)
            case .boolean(let flag): flag ? "true" : "false"
            }
        }
        package var en: String {
            switch self {
            case .nothing: "nothing"
            case .text(let text): "'\(text)'"
            case .number(let n): NumberFormatting.format(n)
            case .boolean(let flag): flag ? "true" : "false"
            }
        }
    }
}
