import Foundation

// The message catalog: reading YAML files (methodologies, registries, checklists, uncertainty
// specs) and the subjects ("field 'x'", "node 'c1' weight") the messages name.

package extension Message {
    // MARK: Subjects: what a message is about

    /// The methodology file as a whole.
    static let theMethodology = Message(vi: "phương pháp", en: "the methodology")
    /// The methodology's default score (top-level `score`).
    static let theMethodologysDefaultScore = Message(vi: "quy tắc chấm điểm mặc định của phương pháp", en: "the methodology's default score")

    /// A key of the file, written as its path: `ranking.decimals` reads "ranking decimals" in
    /// English and "khóa 'ranking.decimals'" in Vietnamese.
    static func key(_ path: String) -> Message {
        Message(vi: "khóa '\(path)'", en: "\(path.replacingOccurrences(of: ".", with: " "))")
    }

    /// A key inside something else: "field 'x' min" / "khóa 'min' của trường 'x'" (a path
    /// `impute.by` reads "impute by" in English).
    static func key(_ name: String, of owner: Message) -> Message {
        Message(vi: "khóa '\(name)' của \(owner.vi)", en: "\(owner.en) \(name.replacingOccurrences(of: ".", with: " "))")
    }

    /// A key of something for one block: "node 'x' weight for province".
    static func key(_ name: String, of owner: Message, block: String) -> Message {
        Message(vi: "khóa '\(name)' của \(owner.vi) cho khối '\(block)'", en: "\(owner.en) \(name) for \(block)")
    }

    /// Something for one block: "node 'x' for province".
    static func forBlock(_ owner: Message, _ block: String) -> Message {
        Message(vi: "\(owner.vi) cho khối '\(block)'", en: "\(owner.en) for \(block)")
    }

    /// The overrides of one block: "node 'x' by_block 'province'".
    static func byBlock(_ block: String, of owner: Message) -> Message {
        Message(vi: "phần by_block '\(block)' của \(owner.vi)", en: "\(owner.en) by_block '\(block)'")
    }

    /// One language of a text: "title (vi)".
    static func languageVersion(_ language: String, of owner: Message) -> Message {
        Message(vi: "\(owner.vi) (bản '\(language)')", en: "\(owner.en) (\(language))")
    }

    static func field(_ id: String) -> Message { Message(vi: "trường '\(id)'", en: "field '\(id)'") }
    static func node(_ id: String) -> Message { Message(vi: "nút '\(id)'", en: "node '\(id)'") }
    static func leaf(_ id: String) -> Message { Message(vi: "chỉ tiêu lá '\(id)'", en: "leaf '\(id)'") }
    static func group(_ id: String) -> Message { Message(vi: "nhóm '\(id)'", en: "group '\(id)'") }
    static func constraint(_ id: String) -> Message { Message(vi: "ràng buộc '\(id)'", en: "constraint '\(id)'") }
    static func derivedValue(_ id: String) -> Message { Message(vi: "giá trị dẫn xuất '\(id)'", en: "derived value '\(id)'") }
    static func unit(_ id: String) -> Message { Message(vi: "đơn vị '\(id)'", en: "unit '\(id)'") }

    /// The root node (`index`) or a child node under `parent`.
    static func nodeAt(parent: String?) -> Message {
        guard let parent else { return Message(vi: "nút gốc 'index'", en: "node index") }
        return Message(vi: "nút con của '\(parent)'", en: "node under '\(parent)'")
    }

    static let aSource = Message(vi: "một nguồn văn bản (sources)", en: "a source")
    static let aBlock = Message(vi: "một khối (blocks)", en: "a block")
    static let aField = Message(vi: "một trường (fields)", en: "a field")
    static let aConstraint = Message(vi: "một ràng buộc (constraints)", en: "a constraint")
    static let aDerivedValue = Message(vi: "một giá trị dẫn xuất (derived)", en: "a derived value")
    static let aClassificationBand = Message(vi: "một mức xếp loại (classification)", en: "a classification band")
    static func aChoice(ofField field: String) -> Message {
        Message(vi: "một lựa chọn của trường '\(field)'", en: "a choice of field '\(field)'")
    }

    // MARK: Shapes and values

    static func mustBeMapping(_ what: Message) -> Message {
        Message(vi: "\(what.vi) phải là một bảng khóa–giá trị (mapping)", en: "\(what.en) must be a mapping of keys to values")
    }

    static func keyIsNotText(_ what: Message) -> Message {
        Message(vi: "\(what.vi) có một khóa không phải là chữ", en: "\(what.en) has a key that is not text")
    }

    static func keyGivenTwice(_ key: String, in what: Message) -> Message {
        Message(vi: "\(what.vi) có khóa '\(key)' hai lần", en: "\(what.en) has the key '\(key)' twice")
    }

    /// Where a key that is written in the wrong place belongs, or the likely typo, or the keys allowed.
    enum KeyHint {
        case belongs(Message)
        case didYouMean(String)
        case allowed([String])
    }

    static func unknownKey(_ key: String, in what: Message, hint: KeyHint) -> Message {
        let (hintVi, hintEn): (String, String)
        switch hint {
        case .belongs(let place): (hintVi, hintEn) = ("; '\(key)' là \(place.vi)", "; '\(key)' is \(place.en)")
        case .didYouMean(let close): (hintVi, hintEn) = ("; có phải là '\(close)'?", "; did you mean '\(close)'?")
        case .allowed(let keys): (hintVi, hintEn) = (" (các khóa được dùng: \(keys.joined(separator: ", ")))", " (allowed: \(keys.joined(separator: ", ")))")
        }
        return Message(vi: "khóa '\(key)' không có trong \(what.vi)\(hintVi)", en: "unknown key '\(key)' in \(what.en)\(hintEn)")
    }

    static func needsKey(_ what: Message, _ key: String) -> Message {
        Message(vi: "\(what.vi) thiếu khóa bắt buộc '\(key)'", en: "\(what.en) needs the key '\(key)'")
    }

    static func mustBeList(_ what: Message) -> Message {
        Message(vi: "\(what.vi) phải là một danh sách", en: "\(what.en) must be a list")
    }

    static func mustBeSingleValue(_ what: Message) -> Message {
        Message(vi: "\(what.vi) phải là một giá trị đơn, không phải danh sách hay bảng khóa–giá trị", en: "\(what.en) must be a single value, not a list or mapping")
    }

    static func invalidIdentifier(_ what: Message, _ text: String) -> Message {
        Message(vi: "\(what.vi) '\(text)' không phải là mã hợp lệ (chữ cái, chữ số, '_', '.', '-', bắt đầu bằng chữ cái)",
                en: "\(what.en) '\(text)' is not a valid id (letters, digits, '_', '.', '-', starting with a letter)")
    }

    static func mustBeNumber(_ what: Message, found text: String) -> Message {
        Message(vi: "\(what.vi) phải là một số, nhưng là '\(text)'", en: "\(what.en) must be a number, found '\(text)'")
    }

    static func mustBeWholeNumber(_ what: Message, found value: Double) -> Message {
        Message(vi: "\(what.vi) phải là số nguyên, nhưng là \(NumberFormatting.format(value))", en: "\(what.en) must be a whole number, found \(NumberFormatting.format(value))")
    }

    static func mustBeBoolean(_ what: Message, found text: String) -> Message {
        Message(vi: "\(what.vi) phải là true hoặc false, nhưng là '\(text)'", en: "\(what.en) must be true or false, found '\(text)'")
    }

    static func needsViOrEn(_ what: Message) -> Message {
        Message(vi: "\(what.vi) cần có bản 'vi' hoặc 'en'", en: "\(what.en) needs 'vi' or 'en'")
    }

    /// An expression that does not parse: the problem, and the expression quoted (its start when long).
    static func expressionProblem(_ what: Message, _ problem: Message, in quoted: String) -> Message {
        Message(vi: "\(what.vi): \(problem.vi), trong biểu thức '\(quoted)'", en: "\(what.en): \(problem.en) in '\(quoted)'")
    }

    /// A value that is not one of a fixed list: "unknown scale 'x' (known: points, unit)".
    static func unknownValue(_ what: Message, _ text: String, known: [String]) -> Message {
        Message(vi: "\(what.vi) không nhận giá trị '\(text)' (các giá trị hợp lệ: \(known.joined(separator: ", ")))",
                en: "unknown \(what.en) '\(text)' (known: \(known.joined(separator: ", ")))")
    }

    // MARK: The YAML parser

    static func yamlSyntaxError(_ problem: String) -> Message {
        Message(vi: "lỗi cú pháp YAML: \(problem)", en: "YAML syntax error: \(problem)")
    }

    /// A key given twice in one mapping; `first` is where it was given first, `others` further keys given twice.
    static func yamlDuplicateKey(_ key: String, firstAt first: (line: Int, column: Int)?, others: [String]) -> Message {
        let othersVi = others.isEmpty ? "" : "; các khóa khác cũng bị lặp: " + others.map { "'\($0)'" }.joined(separator: ", ")
        let othersEn = others.isEmpty ? "" : "; also given twice: " + others.map { "'\($0)'" }.joined(separator: ", ")
        let whereVi = first.map { " (lần đầu ở dòng \($0.line), cột \($0.column))" } ?? ""
        let whereEn = first.map { " (first at line \($0.line), column \($0.column))" } ?? ""
        return Message(vi: "khóa '\(key)' được khai báo hai lần trong cùng một bảng khóa–giá trị\(whereVi); chỉ giữ lại một\(othersVi)",
                       en: "the key '\(key)' is given twice in the same mapping\(whereEn); keep one\(othersEn)")
    }

    static func yamlUnreadable(_ problem: String) -> Message {
        Message(vi: "không đọc được tệp dưới dạng YAML: \(problem)", en: "the file cannot be read as YAML: \(problem)")
    }

    static func yamlError(_ description: String) -> Message {
        Message(vi: "lỗi YAML: \(description)", en: "YAML error: \(description)")
    }
}
