import Reports

/// A piece of HTML that is safe to send: the pages are built from these.
///
/// Written as a string literal, the literal's own text is markup, and every interpolated
/// `String` (a unit name, a comment, an answer) goes through ``HTML/escape(_:)`` — the one escaper
/// the national report uses — unless it is itself a `Markup`. Escaping is therefore the default,
/// as with a template engine, while the compiler checks every page:
///
/// ```swift
/// let name = "<script>alert(1)</script>"
/// let row: Markup = "<td>\(name)</td>"          // <td>&lt;script&gt;alert(1)&lt;/script&gt;</td>
/// ```
public struct Markup: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The HTML text.
    public private(set) var html: String

    /// Markup from HTML text the caller vouches for (the stylesheet, an SVG drawn by Reports,
    /// which escapes its own text).
    public init(trusted html: String) { self.html = html }

    /// Nothing.
    public static let empty = Markup(trusted: "")

    public init(stringLiteral value: String) { html = value }

    public init(stringInterpolation: StringInterpolation) { html = stringInterpolation.html }

    public var description: String { html }

    /// Builds a literal: literal segments are markup, interpolated strings are escaped.
    public struct StringInterpolation: StringInterpolationProtocol {
        var html = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            html.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { html += literal }

        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { html += HTML.escape(text) }

        /// Text that may be absent: escaped, nothing when `nil`.
        public mutating func appendInterpolation(_ text: String?) { if let text { html += HTML.escape(text) } }

        /// A number as written by Swift (ids, versions, counts).
        public mutating func appendInterpolation(_ number: Int) { html += String(number) }

        /// Markup: inserted as it is.
        public mutating func appendInterpolation(_ markup: Markup) { html += markup.html }

        /// A list of markup, concatenated.
        public mutating func appendInterpolation(_ parts: [Markup]) { for part in parts { html += part.html } }
    }

    /// Concatenates `parts`.
    public static func join(_ parts: [Markup]) -> Markup { Markup(trusted: parts.map(\.html).joined()) }

    /// The two pieces of markup one after the other.
    public static func + (lhs: Markup, rhs: Markup) -> Markup { Markup(trusted: lhs.html + rhs.html) }

    /// Appends `rhs` to `lhs`.
    public static func += (lhs: inout Markup, rhs: Markup) { lhs.html += rhs.html }
}

extension Markup {
    /// `markup` when `condition` holds, else nothing (`disabled`, `checked`, optional blocks).
    public static func when(_ condition: Bool, _ markup: @autoclosure () -> Markup) -> Markup { condition ? markup() : .empty }
}
