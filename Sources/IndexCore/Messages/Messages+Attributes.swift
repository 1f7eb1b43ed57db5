// The message catalog: unit attributes (registry and data) and screened units.

import Foundation

package extension Message {
    static func attributesNotAMapping(unit id: String) -> Message {
        Message(vi: "đơn vị '\(id)': attributes phải là một ánh xạ từ mã thuộc tính đến giá trị, ví dụ attributes: {region: north}",
                en: "unit '\(id)': attributes must be a mapping of attribute ids to values, e.g. attributes: {region: north}")
    }

    static func anAttributeID(unit id: String) -> Message {
        Message(vi: "đơn vị '\(id)': một mã thuộc tính", en: "unit '\(id)': an attribute id")
    }

    static func attributeValue(unit id: String, attribute: String) -> Message {
        Message(vi: "đơn vị '\(id)': thuộc tính '\(attribute)'", en: "unit '\(id)': attribute '\(attribute)'")
    }

    static func attributeGivenTwice(unit id: String, attribute: String) -> Message {
        Message(vi: "đơn vị '\(id)' khai báo thuộc tính '\(attribute)' hai lần", en: "unit '\(id)' gives attribute '\(attribute)' twice")
    }

    static func attributeConflict(unitName: String, unitID: String, attribute: String, answered: String, registered: String) -> Message {
        Message(vi: "\(unitName) (\(unitID)): thuộc tính '\(attribute)' là '\(answered)' trong số liệu nhưng là '\(registered)' trong danh mục đơn vị; hai giá trị phải khớp nhau: hãy sửa câu trả lời, hoặc để trống để dùng giá trị của danh mục",
                en: "\(unitName) (\(unitID)): attribute '\(attribute)' is '\(answered)' in the data but '\(registered)' in the unit registry; they must agree: correct the answer, or leave it empty to use the registry's")
    }

    static func unitNotRanked(unitName: String, unitID: String, block: String, reason: LocalizedText?) -> Message {
        Message(vi: "\(unitName) (\(unitID)) không được xếp hạng trong khối '\(block)'\(reason.map { ": \($0.vi)" } ?? "")",
                en: "\(unitName) (\(unitID)) is not ranked in block '\(block)'\(reason.map { ": \($0.en)" } ?? "")")
    }
}
