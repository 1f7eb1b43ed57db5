import Foundation

/// An arithmetic and logical expression over survey fields and derived values, such as
/// `staff_with_computer / staff_total` or `if(has_datacentre, meets_standard, 0)`.
///
/// The language: numbers, `true`/`false`, identifiers (field or derived-value ids, letters,
/// digits, `_` and `.`), `+ - * /`, comparisons `< <= > >= == !=`, `and`, `or`, `not`, and the
/// functions `min`, `max`, `sum`, `count`, `coalesce`, `abs`, `clamp`, `present`, `if`.
///
/// Missing values propagate: any arithmetic or comparison with a missing operand is missing;
/// division by zero is missing, never a crash. `sum` skips missing operands (missing only if all
/// are), `count` counts operands that are present and non-zero, `coalesce` takes the first present
/// operand and `present(x)` is 1 when `x` is present, 0 otherwise.
///
/// A result too large for a number (an overflow, e.g. `1e200 * 1e200`) is not missing: it stays
/// infinite through every later operation, and the engine reports it as an error naming the node
/// and the unit (``Engine``). Expressions nest at most ``maximumNesting`` levels deep.
public indirect enum Expression: Hashable, Sendable, CustomStringConvertible {
    /// A number literal.
    case number(Double)
    /// `true` or `false` (1 or 0 in arithmetic).
    case boolean(Bool)
    /// A field's or derived value's id.
    case reference(String)
    /// `-x`.
    case negate(Expression)
    /// `not x`: yes when `x` is no (0), no otherwise; missing when `x` is.
    case not(Expression)
    /// `l op r`.
    case binary(BinaryOperator, Expression, Expression)
    /// A call of one of the language's functions with its arguments.
    case call(Function, [Expression])

    /// The deepest nesting of operators, function calls and parentheses an expression may have
    /// (`a + b` is 2 levels, `abs(a + b)` 3). Deeper expressions are rejected when parsed: checking,
    /// compiling and evaluating an expression walk it recursively, and a bound keeps that safe
    /// from any input. A long list of terms fits in `sum(a, b, c, …)`, which is one level.
    public static let maximumNesting = 256

    /// The operators between two operands, by their written form. Comparisons give yes (1) or no
    /// (0); `and`/`or` treat a non-zero value as yes.
    public enum BinaryOperator: String, Hashable, Sendable {
        /// Arithmetic; division by zero gives a missing value.
        case add = "+", subtract = "-", multiply = "*", divide = "/"
        /// Order comparisons of numbers.
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        /// Equality of numbers (exact).
        case equal = "==", notEqual = "!="
        /// Logical and, or.
        case and, or

        var isComparison: Bool {
            switch self {
            case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: true
            default: false
            }
        }
        var isLogical: Bool { self == .and || self == .or }
        var precedence: Int {
            switch self {
            case .or: 1
            case .and: 2
            case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: 3
            case .add, .subtract: 4
            case .multiply, .divide: 5
            }
        }
    }

    /// The functions expressions may call, by their written name (docs/methodology-language.md
    /// gives each one's treatment of missing arguments).
    public enum Function: String, Hashable, Sendable, CaseIterable {
        /// `min`/`max` of one or more arguments (missing if any is); `sum` (skips missing ones);
        /// `count` of arguments present and non-zero; `coalesce`: the first present argument;
        /// `abs(x)`; `clamp(x, lo, hi)`; `present(x)`: 1 when `x` has a value, else 0.
        case min, max, sum, count, coalesce, abs, clamp, present
        /// `if(c, a, b)`: `a` when `c` is yes, else `b`; missing when `c` is.
        case `if`

        /// The allowed number of arguments.
        var arity: ClosedRange<Int> {
            switch self {
            case .min, .max, .sum, .count, .coalesce: 1...Int.max
            case .abs, .present: 1...1
            case .clamp, .if: 3...3
            }
        }
    }

    /// The identifiers the expression refers to, in order of first appearance.
    public var references: [String] {
        var seen: [String] = []
        func walk(_ e: Expression) {
            switch e {
            case .number, .boolean: break
            case .reference(let name): if !seen.contains(name) { seen.append(name) }
            case .negate(let x), .not(let x): walk(x)
            case .binary(_, let l, let r): walk(l); walk(r)
            case .call(_, let args): args.forEach(walk)
            }
        }
        walk(self)
        return seen
    }

    /// The expression written back in the language, with only the parentheses precedence needs (`a
    /// / (b + c)`).
    public var description: String {
        switch self {
        case .number(let value): return NumberFormatting.format(value)
        case .boolean(let value): return value ? "true" : "false"
        case .reference(let name): return name
        case .negate(let x): return "-\(x.parenthesised(above: 5))"
        case .not(let x): return "not \(x.parenthesised(above: 3))"
        case .binary(let op, let l, let r):
            let symbol = op.isLogical ? " \(op.rawValue) " : " \(op.rawValue) "
            return l.parenthesised(above: op.precedence - 1) + symbol + r.parenthesised(above: op.precedence)
        case .call(let f, let args):
            return "\(f.rawValue)(" + args.map(\.description).joined(separator: ", ") + ")"
        }
    }

    private func parenthesised(above precedence: Int) -> String {
        if case .binary(let op, _, _) = self, op.precedence <= precedence { return "(\(description))" }
        return description
    }
}

// MARK: - Parsing

/// A syntax error in an expression, with the 0-based offset (in characters) where it was found.
public struct ExpressionSyntaxError: Error, Hashable, Sendable {
    /// Where the error was found: a 0-based offset in characters from the start of the expression
    /// text.
    public var offset: Int
    /// What is wrong, in both languages.
    public var text: Message
    /// What is wrong, in English.
    public var message: String { text.en }
    /// The diagnostic code to report: ``Diagnostic/Code/unknownFunction`` for a call of an
    /// unknown function, ``Diagnostic/Code/syntax`` otherwise.
    public var code: Diagnostic.Code = .syntax
}

extension Expression {
    /// Parses `text`. Throws ``ExpressionSyntaxError`` on malformed input or an unknown function.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> Expression {
        var parser = ExpressionParser(text: text)
        return try parser.parseAll()
    }
}

private struct ExpressionParser {
    enum Token: Equatable {
        case number(Double), identifier(String), symbol(String), end
    }

    let characters: [Character]
    var position = 0
    var token: Token = .end
    var tokenStart = 0
    /// How many operands are being parsed one inside the other (parentheses, calls, unary operators).
    var open = 0

    init(text: String) {
        characters = Array(text)
    }

    mutating func parseAll() throws(ExpressionSyntaxError) -> Expression {
        try advance()
        if token == .end { throw ExpressionSyntaxError(offset: 0, text: .expressionEmpty) }
        let (expression, _) = try parseBinary(minimumPrecedence: 1)
        guard token == .end else { throw error(.unexpectedToken(describe(token))) }
        return expression
    }

    /// The error for an expression nested deeper than ``Expression/maximumNesting``.
    func tooDeep() -> ExpressionSyntaxError {
        ExpressionSyntaxError(offset: tokenStart, text: .expressionTooDeep(limit: Expression.maximumNesting), code: .limit)
    }

    /// Checks a depth against the limit.
    func checked(_ depth: Int) throws(ExpressionSyntaxError) -> Int {
        if depth > Expression.maximumNesting { throw tooDeep() }
        return depth
    }

    /// Enters one more level of nested parsing (each operand: a parenthesis, a call's argument, a
    /// unary operator nest one level); the recursion of the parser itself stays bounded even for
    /// `((((…))))`, which adds no depth to the tree.
    mutating func enter() throws(ExpressionSyntaxError) {
        open += 1
        if open > Expression.maximumNesting { throw tooDeep() }
    }

    func error(_ message: Message) -> ExpressionSyntaxError {
        ExpressionSyntaxError(offset: tokenStart, text: message)
    }

    func describe(_ token: Token) -> Message.Token {
        switch token {
        case .number(let n): .number(n)
        case .identifier(let s): .name(s)
        case .symbol(let s): .symbol(s)
        case .end: .end
        }
    }

    mutating func advance() throws(ExpressionSyntaxError) {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
        tokenStart = position
        guard position < characters.count else { token = .end; return }
        let c = characters[position]
        if c.isNumber && c.isASCII || (c == "." && position + 1 < characters.count && characters[position + 1].isASCII && characters[position + 1].isNumber) {
            var end = position
            while end < characters.count, characters[end].isASCII, characters[end].isNumber || characters[end] == "." { end += 1 }
            if end < characters.count, characters[end] == "e" || characters[end] == "E" {
                var e = end + 1
                if e < characters.count, characters[e] == "+" || characters[e] == "-" { e += 1 }
                if e < characters.count, characters[e].isASCII, characters[e].isNumber {
                    end = e
                    while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                }
            }
            let text = String(characters[position..<end])
            guard let value = Double(text) else { throw error(.malformedNumber(text)) }
            guard value.isFinite else { throw error(.numberTooLarge(text)) }
            position = end
            if position < characters.count, characters[position] == "%" {
                position += 1
                token = .number(value / 100)
            } else {
                token = .number(value)
            }
            return
        }
        if c.isLetter || c == "_" {
            var end = position
            while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" || characters[end] == "." { end += 1 }
            token = .identifier(String(characters[position..<end]))
            position = end
            return
        }
        let two = position + 1 < characters.count ? String(characters[position...position + 1]) : ""
        if ["<=", ">=", "==", "!=", "&&", "||"].contains(two) {
            position += 2
            token = .symbol(two == "&&" ? "and" : two == "||" ? "or" : two)
            return
        }
        if "+-*/()<>,!".contains(c) {
            position += 1
            token = .symbol(c == "!" ? "not" : String(c))
            return
        }
        throw ExpressionSyntaxError(offset: position, text: .unexpectedCharacter(c))
    }

    func binaryOperator(_ token: Token) -> Expression.BinaryOperator? {
        switch token {
        case .symbol(let s): Expression.BinaryOperator(rawValue: s)
        case .identifier("and"): .and
        case .identifier("or"): .or
        default: nil
        }
    }

    /// An expression and the depth of its tree (1 for a number or a name).
    typealias Parsed = (expression: Expression, depth: Int)

    mutating func parseBinary(minimumPrecedence: Int) throws(ExpressionSyntaxError) -> Parsed {
        var (left, depth) = try parseUnary()
        while let op = binaryOperator(token), op.precedence >= minimumPrecedence {
            try advance()
            // Comparisons do not chain: `a < b < c` is an error rather than a surprise.
            let right = try parseBinary(minimumPrecedence: op.precedence + 1)
            if op.isComparison, let next = binaryOperator(token), next.isComparison {
                throw error(.chainedComparison)
            }
            // `a + b + c + …` grows the tree by one level per term without deeper parsing.
            depth = try checked(Swift.max(depth, right.depth) + 1)
            left = .binary(op, left, right.expression)
        }
        return (left, depth)
    }

    mutating func parseUnary() throws(ExpressionSyntaxError) -> Parsed {
        try enter()
        defer { open -= 1 }
        switch token {
        case .symbol("-"):
            try advance()
            let operand = try parseUnary()
            return (.negate(operand.expression), try checked(operand.depth + 1))
        case .symbol("+"):
            try advance()
            return try parseUnary()
        case .symbol("not"), .identifier("not"):
            try advance()
            let operand = try parseBinary(minimumPrecedence: 3)
            return (.not(operand.expression), try checked(operand.depth + 1))
        default:
            return try parsePrimary()
        }
    }

    mutating func parsePrimary() throws(ExpressionSyntaxError) -> Parsed {
        let start = tokenStart
        switch token {
        case .number(let value):
            try advance()
            return (.number(value), 1)
        case .identifier("true"), .identifier("yes"):
            try advance()
            return (.boolean(true), 1)
        case .identifier("false"), .identifier("no"):
            try advance()
            return (.boolean(false), 1)
        case .identifier(let name):
            try advance()
            guard token == .symbol("(") else { return (.reference(name), 1) }
            guard let function = Expression.Function(rawValue: name) else {
                throw ExpressionSyntaxError(offset: start, text: .unknownFunction(name, known: Expression.Function.allCases.map(\.rawValue)), code: .unknownFunction)
            }
            try advance()
            var arguments: [Expression] = []
            var depth = 1
            if token != .symbol(")") {
                while true {
                    let argument = try parseBinary(minimumPrecedence: 1)
                    arguments.append(argument.expression)
                    depth = Swift.max(depth, argument.depth + 1)
                    if token == .symbol(",") { try advance(); continue }
                    break
                }
            }
            guard token == .symbol(")") else { throw error(.expectedArgumentSeparator(function: name, found: describe(token))) }
            try advance()
            guard function.arity.contains(arguments.count) else {
                throw ExpressionSyntaxError(offset: start, text: .wrongArgumentCount(function: name, expected: function.arity.lowerBound, atLeast: function.arity.upperBound == Int.max, got: arguments.count))
            }
            return (.call(function, arguments), try checked(depth))
        case .symbol("("):
            try advance()
            let inner = try parseBinary(minimumPrecedence: 1)
            guard token == .symbol(")") else { throw error(.expectedClosingParenthesis(found: describe(token))) }
            try advance()
            return inner
        default:
            throw error(.expectedOperand(found: describe(token)))
        }
    }
}

// MARK: - Types

/// The static kind of a value in an expression: a number, or a yes/no value (stored as 1/0).
public enum ValueKind: String, Hashable, Sendable {
    /// A number (counts, shares, amounts; percentages as given).
    case number
    /// Yes/no, computed as 1/0.
    case boolean
    /// Free text: may be collected by a survey but cannot be computed with.
    case text
}

extension Expression {
    /// Checks the expression against the kinds of the names it uses and returns its own kind.
    ///
    /// - Parameter kindOf: the kind of a name, or `nil` when the name is unknown.
    /// - Returns: the kind, or a list of problems (unknown names, text used in arithmetic,
    ///   numbers used where yes/no is needed).
    public func typeCheck(_ kindOf: (String) -> ValueKind?) -> Result<ValueKind, TypeProblems> {
        var problems: [TypeProblems.Problem] = []
        func check(_ e: Expression) -> ValueKind {
            switch e {
            case .number: return .number
            case .boolean: return .boolean
            case .reference(let name):
                guard let kind = kindOf(name) else {
                    problems.append(.unknownName(name))
                    return .number
                }
                if kind == .text { problems.append(.mismatch(.freeTextInArithmetic(name))) }
                return kind
            case .negate(let x):
                _ = check(x)
                return .number
            case .not(let x):
                if check(x) != .boolean { problems.append(.mismatch(.notNeedsBoolean("\(x)"))) }
                return .boolean
            case .binary(let op, let l, let r):
                let lk = check(l), rk = check(r)
                if op.isLogical {
                    for (operand, kind) in [(l, lk), (r, rk)] where kind != .boolean {
                        problems.append(.mismatch(.logicalNeedsBooleans(op.rawValue, "\(operand)")))
                    }
                    return .boolean
                }
                return op.isComparison ? .boolean : .number
            case .call(let f, let args):
                let kinds = args.map(check)
                switch f {
                case .if:
                    if kinds[0] != .boolean { problems.append(.mismatch(.ifConditionNeedsBoolean("\(args[0])"))) }
                    return kinds[1] == .boolean && kinds[2] == .boolean ? .boolean : .number
                case .present: return .boolean
                case .min, .max, .coalesce:
                    return kinds.allSatisfy { $0 == .boolean } ? .boolean : .number
                default: return .number
                }
            }
        }
        let kind = check(self)
        return problems.isEmpty ? .success(kind) : .failure(TypeProblems(problems: problems))
    }
}

/// The problems ``Expression/typeCheck(_:)`` found.
public struct TypeProblems: Error, Hashable, Sendable {
    /// One problem of an expression's types.
    public enum Problem: Hashable, Sendable {
        /// The expression names a field or derived value the methodology does not declare (the
        /// name).
        case unknownName(String)
        /// An operand of the wrong kind, e.g. text in arithmetic (the message).
        case mismatch(Message)
    }
    /// Every problem found, in the order of the expression.
    public var problems: [Problem]
}

// MARK: - Vectorised evaluation

/// An expression whose names are resolved to column numbers, evaluated over whole columns (one
/// value per unit) at once. Missing values are NaN.
struct CompiledExpression: Sendable {
    indirect enum Node: Sendable {
        case constant(Double)
        case column(Int)
        case negate(Node)
        case not(Node)
        case binary(Expression.BinaryOperator, Node, Node)
        case call(Expression.Function, [Node])
    }

    let root: Node

    init(_ expression: Expression, columnOf: (String) -> Int) {
        func compile(_ e: Expression) -> Node {
            switch e {
            case .number(let v): .constant(v)
            case .boolean(let b): .constant(b ? 1 : 0)
            case .reference(let name): .column(columnOf(name))
            case .negate(let x): .negate(compile(x))
            case .not(let x): .not(compile(x))
            case .binary(let op, let l, let r): .binary(op, compile(l), compile(r))
            case .call(let f, let args): .call(f, args.map(compile))
            }
        }
        root = compile(expression)
    }

    /// Evaluates for `count` units over `columns`.
    func evaluate(columns: [[Double]], count: Int) -> [Double] {
        Self.evaluate(root, columns: columns, count: count)
    }

    private static func evaluate(_ node: Node, columns: [[Double]], count: Int) -> [Double] {
        switch node {
        case .constant(let v):
            return [Double](repeating: v, count: count)
        case .column(let index):
            return columns[index]
        case .negate(let x):
            return evaluate(x, columns: columns, count: count).map { $0.isInfinite ? .infinity : -$0 }
        case .not(let x):
            return evaluate(x, columns: columns, count: count).map { $0.isNaN ? .nan : $0.isInfinite ? .infinity : ($0 != 0 ? 0 : 1) }
        case .binary(let op, let l, let r):
            let a = evaluate(l, columns: columns, count: count)
            let b = evaluate(r, columns: columns, count: count)
            var out = [Double](repeating: .nan, count: count)
            out.withUnsafeMutableBufferPointer { out in
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        for i in 0..<count { out[i] = apply(op, a[i], b[i]) }
                    }
                }
            }
            return out
        case .call(let f, let args):
            let values = args.map { evaluate($0, columns: columns, count: count) }
            var out = [Double](repeating: .nan, count: count)
            var row = [Double](repeating: .nan, count: values.count)
            for i in 0..<count {
                for j in 0..<values.count { row[j] = values[j][i] }
                out[i] = apply(f, row)
            }
            return out
        }
    }

    @inline(__always)
    static func apply(_ op: Expression.BinaryOperator, _ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        // An overflow stays an overflow (∞ − ∞ or 0 × ∞ would otherwise pass as missing, and a
        // comparison would hide it), so that the engine can report it.
        if a.isInfinite || b.isInfinite { return .infinity }
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return b == 0 ? .nan : a / b
        case .less: return a < b ? 1 : 0
        case .lessOrEqual: return a <= b ? 1 : 0
        case .greater: return a > b ? 1 : 0
        case .greaterOrEqual: return a >= b ? 1 : 0
        case .equal: return a == b ? 1 : 0
        case .notEqual: return a != b ? 1 : 0
        case .and: return (a != 0 && b != 0) ? 1 : 0
        case .or: return (a != 0 || b != 0) ? 1 : 0
        }
    }

    static func apply(_ f: Expression.Function, _ args: [Double]) -> Double {
        if args.contains(where: \.isInfinite) { return .infinity } // an overflow stays one (see above)
        switch f {
        case .min:
            if args.contains(where: \.isNaN) { return .nan }
            return args.min()!
        case .max:
            if args.contains(where: \.isNaN) { return .nan }
            return args.max()!
        case .sum:
            let present = args.filter { !$0.isNaN }
            return present.isEmpty ? .nan : present.reduce(0, +)
        case .count:
            return Double(args.filter { !$0.isNaN && $0 != 0 }.count)
        case .coalesce:
            return args.first { !$0.isNaN } ?? .nan
        case .abs:
            return Swift.abs(args[0])
        case .present:
            return args[0].isNaN ? 0 : 1
        case .clamp:
            if args.contains(where: \.isNaN) { return .nan }
            return Swift.min(Swift.max(args[0], args[1]), args[2])
        case .if:
            if args[0].isNaN { return .nan }
            return args[0] != 0 ? args[1] : args[2]
        }
    }
}
