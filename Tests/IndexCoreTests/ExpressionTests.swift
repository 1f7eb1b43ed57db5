import Foundation
import IndexCore
import Testing

@Suite("Expressions: parsing, precedence, functions and missing values")
struct ExpressionTests {
    /// A type problem's message in English or Vietnamese (unknown names have none).
    static func english(_ problem: TypeProblems.Problem) -> String {
        if case .mismatch(let message) = problem { return message.en }
        return ""
    }

    static func vietnamese(_ problem: TypeProblems.Problem) -> String {
        if case .mismatch(let message) = problem { return message.vi }
        return ""
    }

    @Test("precedence: * and / bind tighter than + and -, which are left-associative")
    func precedence() throws {
        // 2 + 3 × 4 = 14; (2 + 3) × 4 = 20; 8 − 3 − 2 = (8 − 3) − 2 = 3; 8 / 4 / 2 = 1
        #expect(try evaluate("2 + 3 * 4") == 14)
        #expect(try evaluate("(2 + 3) * 4") == 20)
        #expect(try evaluate("8 - 3 - 2") == 3)
        #expect(try evaluate("8 / 4 / 2") == 1)
        // unary minus: −2 × 3 = −6; − −4 = 4; +5 = 5
        #expect(try evaluate("-2 * 3") == -6)
        #expect(try evaluate("- -4") == 4)
        #expect(try evaluate("+5") == 5)
        // comparisons sit below arithmetic: 1 + 1 == 2 is (1 + 1) == 2 → yes (1)
        #expect(try evaluate("1 + 1 == 2") == 1)
        // and binds tighter than or: yes or (no and no) = yes
        #expect(try evaluate("1 < 2 or 2 < 1 and 3 < 1") == 1)
        // not applies to a comparison: not (3 > 2) = no
        #expect(try evaluate("not 3 > 2") == 0)
        #expect(try evaluate("!(1 > 2)") == 1)
        #expect(try evaluate("1 < 2 && 2 < 3") == 1)
        #expect(try evaluate("1 > 2 || 2 > 3") == 0)
    }

    @Test("percent literals and scientific notation")
    func literals() throws {
        // 30% = 0.3; 12.5% = 0.125; 1e3 = 1000; 2.5E-1 = 0.25; .5 = 0.5
        #expect(try evaluate("30%") == 0.3)
        #expect(try evaluate("12.5%") == 0.125)
        #expect(try evaluate("1e3") == 1000)
        #expect(try evaluate("2.5E-1") == 0.25)
        #expect(try evaluate(".5") == 0.5)
        // a / 30%: 0.15 / 0.3 = 0.5
        expectClose(try evaluate("a / 30%", ["a": 0.15]), 0.5)
        #expect(try evaluate("true") == 1)
        #expect(try evaluate("yes") == 1)
        #expect(try evaluate("false") == 0)
        #expect(try evaluate("no") == 0)
    }

    @Test("comparison operators give 1 or 0")
    func comparisons() throws {
        #expect(try evaluate("a < b", ["a": 1, "b": 2]) == 1)
        #expect(try evaluate("a <= b", ["a": 2, "b": 2]) == 1)
        #expect(try evaluate("a > b", ["a": 2, "b": 2]) == 0)
        #expect(try evaluate("a >= b", ["a": 2, "b": 2]) == 1)
        #expect(try evaluate("a == b", ["a": 2, "b": 2]) == 1)
        #expect(try evaluate("a != b", ["a": 2, "b": 2]) == 0)
    }

    @Test("arithmetic and comparisons with a missing operand are missing")
    func missingPropagates() throws {
        for expression in ["a + b", "a - b", "a * b", "a / b", "-b", "a < b", "a == b", "flag and a > 0", "flag or a > 0", "not flag", "abs(b)"] {
            #expect(try evaluate(expression, ["a": 1, "b": nil, "flag": nil]).isNaN, "\(expression)")
        }
    }

    @Test("division by zero is missing, never infinite")
    func divisionByZero() throws {
        #expect(try evaluate("a / b", ["a": 1, "b": 0]).isNaN)
        #expect(try evaluate("0 / 0").isNaN)
        // 1 / 4 = 0.25 still divides normally
        #expect(try evaluate("a / b", ["a": 1, "b": 4]) == 0.25)
    }

    @Test("sum skips missing operands and is missing only when all are")
    func sum() throws {
        // 1 + (missing) + 3 = 4
        #expect(try evaluate("sum(a, b, c)", ["a": 1, "b": nil, "c": 3]) == 4)
        #expect(try evaluate("sum(a, b)", ["a": nil, "b": nil]).isNaN)
        #expect(try evaluate("sum(a)", ["a": 2.5]) == 2.5)
    }

    @Test("count counts operands that are present and non-zero")
    func count() throws {
        // a = 5 (counts), b = 0 (present but zero), c missing, d = −1 (non-zero, counts) → 2
        #expect(try evaluate("count(a, b, c, d)", ["a": 5, "b": 0, "c": nil, "d": -1]) == 2)
        // nothing present: 0, not missing
        #expect(try evaluate("count(a, b)", ["a": nil, "b": nil]) == 0)
    }

    @Test("coalesce takes the first present operand")
    func coalesce() throws {
        #expect(try evaluate("coalesce(a, b, 7)", ["a": nil, "b": 3]) == 3)
        #expect(try evaluate("coalesce(a, b, 7)", ["a": nil, "b": nil]) == 7)
        // 0 is present, so it wins over later operands
        #expect(try evaluate("coalesce(a, 7)", ["a": 0]) == 0)
        #expect(try evaluate("coalesce(a, b)", ["a": nil, "b": nil]).isNaN)
    }

    @Test("if picks a branch; a missing condition is missing; the unused branch may be missing")
    func ifFunction() throws {
        #expect(try evaluate("if(a > 1, b, c)", ["a": 2, "b": 10, "c": 20]) == 10)
        #expect(try evaluate("if(a > 1, b, c)", ["a": 0, "b": 10, "c": 20]) == 20)
        #expect(try evaluate("if(a > 1, b, c)", ["a": nil, "b": 10, "c": 20]).isNaN)
        #expect(try evaluate("if(flag, b, c)", ["flag": 1, "b": 10, "c": nil]) == 10)
        #expect(try evaluate("if(flag, b, c)", ["flag": 1, "b": nil, "c": 20]).isNaN)
    }

    @Test("min and max are missing when any operand is missing")
    func minMax() throws {
        #expect(try evaluate("min(a, b, c)", ["a": 3, "b": -1, "c": 2]) == -1)
        #expect(try evaluate("max(a, b, c)", ["a": 3, "b": -1, "c": 2]) == 3)
        #expect(try evaluate("min(a, b)", ["a": 3, "b": nil]).isNaN)
        #expect(try evaluate("max(a, b)", ["a": 3, "b": nil]).isNaN)
        // a typical safe form: max over coalesced operands
        #expect(try evaluate("max(coalesce(a, 0), b)", ["a": nil, "b": 2]) == 2)
    }

    @Test("clamp bounds a value and is missing when any argument is")
    func clamp() throws {
        #expect(try evaluate("clamp(a, 0, 1)", ["a": 1.7]) == 1)
        #expect(try evaluate("clamp(a, 0, 1)", ["a": -0.2]) == 0)
        #expect(try evaluate("clamp(a, 0, 1)", ["a": 0.4]) == 0.4)
        #expect(try evaluate("clamp(a, 0, b)", ["a": 0.4, "b": nil]).isNaN)
        #expect(try evaluate("clamp(a, 0, 1)", ["a": nil]).isNaN)
    }

    @Test("present is 1 or 0 and never missing; abs")
    func presentAndAbs() throws {
        #expect(try evaluate("present(a)", ["a": 0]) == 1)
        #expect(try evaluate("present(a)", ["a": nil]) == 0)
        // present(b / a) with a = 0: the division is missing → 0
        #expect(try evaluate("present(b / a)", ["a": 0, "b": 1]) == 0)
        #expect(try evaluate("abs(a)", ["a": -2.5]) == 2.5)
    }

    @Test("logical operators on yes/no values")
    func logical() throws {
        #expect(try evaluate("flag and a > 0", ["flag": 1, "a": 2]) == 1)
        #expect(try evaluate("flag and a > 0", ["flag": 0, "a": 2]) == 0)
        #expect(try evaluate("flag or a > 0", ["flag": 0, "a": 2]) == 1)
        #expect(try evaluate("not flag", ["flag": 0]) == 1)
        // yes/no values are 1/0 in arithmetic: 1 + 1 = 2
        #expect(try evaluate("flag + flag", ["flag": 1]) == 2)
    }

    @Test("syntax errors carry the offset where they were found")
    func syntaxErrors() {
        func failure(_ text: String) -> ExpressionSyntaxError? {
            do {
                _ = try Expression.parse(text)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure("a +")?.offset == 3)
        #expect(failure("a + * b")?.offset == 4)
        #expect(failure("(a + b")?.message.contains("expected ')'") == true)
        #expect(failure("a < b < c")?.message.contains("cannot be chained") == true)
        #expect(failure("foo(a)")?.message.contains("unknown function 'foo'") == true)
        #expect(failure("foo(a)")?.offset == 0)
        #expect(failure("foo(a)")?.code == .unknownFunction)
        #expect(failure("a +")?.code == .syntax)
        #expect(failure("clamp(a, 1)")?.message.contains("clamp takes 3 argument(s), got 2") == true)
        #expect(failure("abs()")?.message.contains("abs takes 1 argument(s), got 0") == true)
        #expect(failure("a # b")?.offset == 2)
        #expect(failure("1.2.3")?.message.contains("malformed number") == true)
        #expect(failure("")?.message == "the expression is empty")
        #expect(failure("a b")?.offset == 2)
    }

    @Test("parsing builds the expected tree and prints it back")
    func treeAndDescription() throws {
        let e = try Expression.parse("a - (b - c) * 2")
        #expect(e == .binary(.subtract, .reference("a"), .binary(.multiply, .binary(.subtract, .reference("b"), .reference("c")), .number(2))))
        #expect(e.description == "a - (b - c) * 2")
        #expect(try Expression.parse("(a + b) / c").description == "(a + b) / c")
        #expect(try Expression.parse("not (a and b)").description == "not (a and b)")
        #expect(try Expression.parse("30%") == .number(0.3))
        #expect(try Expression.parse("if(x.y > 1, sum(a, b), 0)").references == ["x.y", "a", "b"])
        #expect(try Expression.parse("a + a * b").references == ["a", "b"])
    }

    @Test("type checking: kinds of results and the problems found")
    func typeCheck() throws {
        let kinds: [String: ValueKind] = ["n": .number, "f": .boolean, "t": .text]
        func check(_ text: String) throws -> Result<ValueKind, TypeProblems> {
            try Expression.parse(text).typeCheck { kinds[$0] }
        }
        #expect(try check("n + 1") == .success(.number))
        #expect(try check("n > 1") == .success(.boolean))
        #expect(try check("f and n > 1") == .success(.boolean))
        #expect(try check("if(f, f, n > 2)") == .success(.boolean))
        #expect(try check("if(f, n, 1)") == .success(.number))
        #expect(try check("present(n)") == .success(.boolean))
        #expect(try check("min(f, f)") == .success(.boolean))
        #expect(try check("sum(f, f)") == .success(.number))
        guard case .failure(let textProblems) = try check("t + 1") else { Issue.record("text in arithmetic passed"); return }
        #expect(textProblems.problems.map(Self.english) == ["'t' is free text and cannot be computed with"])
        guard case .failure(let andProblems) = try check("n and f") else { Issue.record("number with 'and' passed"); return }
        #expect(andProblems.problems.map(Self.english) == ["'and' needs yes/no operands, but 'n' is a number"])
        #expect(andProblems.problems.map(Self.vietnamese) == ["'and' cần các toán hạng có/không, nhưng 'n' là một số"])
        guard case .failure(let notProblems) = try check("not n") else { Issue.record("'not' on a number passed"); return }
        #expect(notProblems.problems.count == 1)
        guard case .failure(let ifProblems) = try check("if(n, 1, 2)") else { Issue.record("numeric if condition passed"); return }
        #expect(ifProblems.problems.count == 1)
        guard case .failure(let unknown) = try check("m + n") else { Issue.record("unknown name passed"); return }
        #expect(unknown.problems == [.unknownName("m")])
    }

    @Test("NumberFormatting.format prints integers plainly and others with up to 6 decimals")
    func formatting() {
        #expect(NumberFormatting.format(3) == "3")
        #expect(NumberFormatting.format(-12) == "-12")
        #expect(NumberFormatting.format(0.5) == "0.5")
        #expect(NumberFormatting.format(1.0 / 3.0) == "0.333333")
        #expect(NumberFormatting.format(.nan) == "—")
    }
}
