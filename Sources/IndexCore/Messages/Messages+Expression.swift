// The message catalog: expressions of the methodology language (syntax and type problems).

package extension Message {
    static let expressionEmpty = Message(vi: "biểu thức trống", en: "the expression is empty")

    static func expressionTooDeep(limit: Int) -> Message {
        Message(vi: "biểu thức lồng nhau quá \(limit) cấp (giới hạn); hãy viết danh sách dài dưới dạng sum(a, b, …) hoặc tách biểu thức thành các giá trị dẫn xuất",
                en: "the expression is nested more than \(limit) levels deep (the limit); write long lists of terms as sum(a, b, …) or split the expression into derived values")
    }

    /// A token of an expression, as a message names it.
    enum Token {
        case number(Double), name(String), symbol(String), end
        package var vi: String {
            switch self {
            case .number(let n): "số \(NumberFormatting.format(n))"
            case .name(let s), .symbol(let s): "'\(s)'"
            case .end: "cuối biểu thức"
            }
        }
        package var en: String {
            switch self {
            case .number(let n): "number \(NumberFormatting.format(n))"
            case .name(let s), .symbol(let s): "'\(s)'"
            case .end: "end of expression"
            }
        }
    }

    static func unexpectedToken(_ token: Token) -> Message {
        Message(vi: "không mong đợi \(token.vi)", en: "unexpected \(token.en)")
    }

    static func unexpectedCharacter(_ character: Character) -> Message {
        Message(vi: "ký tự không hợp lệ '\(character)'", en: "unexpected character '\(character)'")
    }

    static func malformedNumber(_ text: String) -> Message {
        Message(vi: "số viết sai '\(text)'", en: "malformed number '\(text)'")
    }

    static func numberTooLarge(_ text: String) -> Message {
        Message(vi: "số '\(text)' quá lớn", en: "the number '\(text)' is too large")
    }

    static let chainedComparison = Message(vi: "không được nối các phép so sánh liên tiếp; hãy dùng 'and'", en: "comparisons cannot be chained; use 'and'")

    static func unknownFunction(_ name: String, known: [String]) -> Message {
        Message(vi: "hàm '\(name)' không tồn tại (các hàm có: \(known.joined(separator: ", ")))", en: "unknown function '\(name)' (known: \(known.joined(separator: ", ")))")
    }

    static func expectedArgumentSeparator(function: String, found: Token) -> Message {
        Message(vi: "cần ',' hoặc ')' trong danh sách đối số của \(function), nhưng gặp \(found.vi)",
                en: "expected ',' or ')' in the arguments of \(function), found \(found.en)")
    }

    static func expectedClosingParenthesis(found: Token) -> Message {
        Message(vi: "cần ')', nhưng gặp \(found.vi)", en: "expected ')', found \(found.en)")
    }

    static func expectedOperand(found: Token) -> Message {
        Message(vi: "cần một số, một tên hoặc '(', nhưng gặp \(found.vi)", en: "expected a number, a name or '(', found \(found.en)")
    }

    /// A call with the wrong number of arguments; `atLeast` when the function takes any number from `expected` on.
    static func wrongArgumentCount(function: String, expected: Int, atLeast: Bool, got: Int) -> Message {
        Message(vi: "\(function) cần \(atLeast ? "ít nhất " : "")\(expected) đối số, nhưng có \(got)",
                en: "\(function) takes \(atLeast ? "at least " : "")\(expected) argument(s), got \(got)")
    }

    // MARK: Types

    static func freeTextInArithmetic(_ name: String) -> Message {
        Message(vi: "'\(name)' là văn bản tự do, không thể dùng để tính toán", en: "'\(name)' is free text and cannot be computed with")
    }

    static func notNeedsBoolean(_ operand: String) -> Message {
        Message(vi: "'not' cần một toán hạng có/không, nhưng '\(operand)' là một số", en: "'not' needs a yes/no operand, but '\(operand)' is a number")
    }

    static func logicalNeedsBooleans(_ op: String, _ operand: String) -> Message {
        Message(vi: "'\(op)' cần các toán hạng có/không, nhưng '\(operand)' là một số", en: "'\(op)' needs yes/no operands, but '\(operand)' is a number")
    }

    static func ifConditionNeedsBoolean(_ condition: String) -> Message {
        Message(vi: "điều kiện của 'if' phải là có/không, nhưng '\(condition)' là một số", en: "the condition of 'if' must be yes/no, but '\(condition)' is a number")
    }
}
