// The message catalog: the unit registry, unit ids and names, and text checks on input.

import Foundation

package extension Message {
    // MARK: Unit ids and text

    static let unitIDEmpty = Message(vi: "mã đơn vị trống", en: "the unit id is empty")

    static func unitIDTooLong(_ id: String, limit: Int) -> Message {
        let shown = shownID(id)
        return Message(vi: "mã đơn vị \(shown.vi) dài hơn \(limit) ký tự", en: "the unit id \(shown.en) is longer than \(limit) characters")
    }

    static func notAUnitID(_ id: String, limit: Int) -> Message {
        let shown = shownID(id)
        return Message(vi: "\(shown.vi) không phải là mã đơn vị: mã gồm chữ cái ASCII, chữ số, '-' và '_', bắt đầu bằng chữ cái hoặc chữ số, tối đa \(limit) ký tự (ví dụ 'ha-noi')",
                       en: "\(shown.en) is not a unit id: ids are ASCII letters, digits, '-' and '_', starting with a letter or digit, at most \(limit) characters (e.g. 'ha-noi')")
    }

    static func unitIDReserved(_ id: String) -> Message {
        let shown = shownID(id)
        return Message(vi: "mã đơn vị \(shown.vi) là tên thiết bị dành riêng của Windows; hãy chọn mã khác", en: "the unit id \(shown.en) is a reserved device name on Windows; choose another")
    }

    /// An id as a message quotes it; a long one shortened: `'abc…' (300 characters)`.
    private static func shownID(_ id: String) -> (vi: String, en: String) {
        guard id.count > 80 else { return ("'\(id)'", "'\(id)'") }
        return ("'\(id.prefix(40))…' (\(id.count) ký tự)", "'\(id.prefix(40))…' (\(id.count) characters)")
    }

    /// What a text check is about: the unit name, an answer, a name in the registry.
    static func theUnitName(_ name: String) -> Message { Message(vi: "tên đơn vị '\(name)'", en: "the unit name '\(name)'") }
    static let theAnswer = Message(vi: "câu trả lời", en: "the answer")
    static func registryUnitName(unit id: String, name: String) -> Message {
        Message(vi: "đơn vị '\(id)': tên '\(name)'", en: "unit '\(id)': the name '\(name)'")
    }

    static func controlCharacter(in what: Message, character: String, position: Int, allowLineBreaks: Bool) -> Message {
        Message(vi: "\(what.vi) chứa ký tự điều khiển \(character) ở vị trí \(position); hãy xoá ký tự này (không được dùng ký tự điều khiển và ký tự định dạng từ phải sang trái\(allowLineBreaks ? ", trừ xuống dòng và tab" : ""))",
                en: "\(what.en) contains the control character \(character) at position \(position); remove it (control and right-to-left formatting characters are not allowed\(allowLineBreaks ? " except line breaks and tabs" : ""))")
    }

    // MARK: The registry files

    static let aUnitRegistry = Message(vi: "danh mục đơn vị", en: "a unit registry")
    static let aRegistryUnit = Message(vi: "một đơn vị (units)", en: "a unit")
    static let aPredecessor = Message(vi: "một đơn vị tiền thân (predecessors)", en: "a predecessor")

    static let noRegistryHere = Message(vi: "không có danh mục đơn vị ở đường dẫn này", en: "no unit registry at this path")

    static func cannotListRegistry(_ reason: Message) -> Message {
        Message(vi: "không liệt kê được danh mục đơn vị: \(reason.vi)", en: "cannot list the unit registry: \(reason.en)")
    }

    static func cannotReadRegistryFile(_ reason: Message) -> Message {
        Message(vi: "không đọc được tệp danh mục đơn vị: \(reason.vi)", en: "cannot read the unit registry file: \(reason.en)")
    }

    static func unknownLineageRule(_ name: String) -> Message {
        Message(vi: "quy tắc kế thừa '\(name)' không tồn tại (có: mean, weighted)", en: "unknown lineage rule '\(name)' (known: mean, weighted)")
    }

    static func registryIDNotLowerCase(_ id: String, lower: String) -> Message {
        Message(vi: "mã trong danh mục viết chữ thường: hãy viết '\(lower)', không phải '\(id)'", en: "registry ids are lower case: write '\(lower)', not '\(id)'")
    }

    static func registryUnitWithoutBlock(_ id: String) -> Message {
        Message(vi: "đơn vị '\(id)' không có khối", en: "unit '\(id)' has no block")
    }

    static func registryDateInvalid(unit id: String, key: String, text: String) -> Message {
        Message(vi: "đơn vị '\(id)': \(key) phải là ngày dạng YYYY-MM-DD, nhưng là '\(text)'", en: "unit '\(id)': \(key) must be a date YYYY-MM-DD, found '\(text)'")
    }

    static func registryDuplicateID(_ id: String) -> Message {
        Message(vi: "mã đơn vị '\(id)' được khai báo hai lần", en: "unit id '\(id)' is declared twice")
    }

    static func unknownPredecessor(unit id: String, predecessor: String) -> Message {
        Message(vi: "đơn vị '\(id)' nêu đơn vị tiền thân '\(predecessor)' không có trong danh mục", en: "unit '\(id)' names unknown predecessor '\(predecessor)'")
    }

    // MARK: Finding a unit

    /// How long a unit was valid, for telling units of one name apart.
    enum Validity {
        case always, from(String), until(String), between(String, String)
        package var vi: String {
            switch self {
            case .always: ""
            case .from(let day): ", từ \(day)"
            case .until(let day): ", đến \(day)"
            case .between(let from, let to): ", \(from)–\(to)"
            }
        }
        package var en: String {
            switch self {
            case .always: ""
            case .from(let day): ", from \(day)"
            case .until(let day): ", until \(day)"
            case .between(let from, let to): ", \(from)–\(to)"
            }
        }
    }

    /// A name that several units bear; `candidates` are name, id and validity. With
    /// `byPeriod`, the period tells them apart (the registry); otherwise only the id does.
    static func ambiguousUnit(_ query: String, candidates: [(name: String, id: String, validity: Validity)], byPeriod: Bool) -> Message {
        let listVi = candidates.map { "\($0.name) (\($0.id)\($0.validity.vi))" }.joined(separator: ", ")
        let listEn = candidates.map { "\($0.name) (\($0.id)\($0.validity.en))" }.joined(separator: ", ")
        return Message(vi: "'\(query)' khớp với nhiều đơn vị: \(listVi); hãy dùng mã đơn vị\(byPeriod ? " hoặc nêu kỳ số liệu (--period)" : "")",
                       en: "'\(query)' matches several units: \(listEn); use the id\(byPeriod ? " or give the period" : "")")
    }

    static func noUnitNamed(_ query: String, validOn day: String?, closest: [String]) -> Message {
        let list = closest.joined(separator: ", ")
        return Message(vi: "không có đơn vị nào tên '\(query)'\(day.map { " còn hiệu lực ngày \($0)" } ?? "")\(closest.isEmpty ? "" : "; gần nhất: \(list)")",
                       en: "no unit named '\(query)'\(day.map { " valid on \($0)" } ?? "")\(closest.isEmpty ? "" : "; closest: \(list)")")
    }

    static let recordWithoutPeriod = Message(vi: "bản ghi không có kỳ số liệu; hãy thêm cột period hoặc dùng --period", en: "the record has no period; add a period column or give --period")
    static let recordWithoutUnit = Message(vi: "bản ghi không nêu đơn vị", en: "the record names no unit")

    static func recordBlockDiffers(query: String, name: String, id: String, block: String, fileBlock: String) -> Message {
        Message(vi: "'\(query)' là \(name) (\(id)) thuộc khối '\(block)', nhưng tệp ghi khối '\(fileBlock)'",
                en: "'\(query)' is \(name) (\(id)) of block '\(block)', but the file says block '\(fileBlock)'")
    }
}
