import Foundation
import IndexCore

/// Escaping for HTML and XML (SVG) text and attribute values: the one function every piece of
/// report markup goes through, so a unit called `<script>alert(1)</script>` shows as text.
public enum HTML {
    /// Replaces `&`, `<`, `>`, `"` and `'` by character references, and control and
    /// bidirectional formatting characters (see ``InputText``) by U+FFFD, so that a name cannot
    /// reorder the text around it.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in InputText.displayable(text, keepingLineBreaks: true) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// A small SVG writer: shapes and text appended in order, coordinates written with at most one
/// decimal so the same chart always gives the same bytes. Every text is escaped.
public struct SVGCanvas: Sendable {
    /// The drawing's width in pixels (the view box and the displayed size).
    public let width: Double
    /// The drawing's height in pixels.
    public let height: Double
    /// The chart's accessible title.
    public let title: String
    private var elements: [String] = []

    /// An empty drawing of `width` × `height` pixels whose accessible title is `title`.
    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    /// A coordinate or length with at most one decimal (`12`, `12.5`).
    public static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }

    /// A rectangle from (`x`, `y`), its top left, in CSS colours; a negative size draws nothing.
    /// `tooltip` is shown on hover.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, tooltip: String? = nil) {
        let n = Self.number
        let strokeText = stroke.map { " stroke=\"\($0)\"" } ?? ""
        let shape = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\"\(strokeText)"
        elements.append(tooltip.map { shape + "><title>\(HTML.escape($0))</title></rect>" } ?? shape + "/>")
    }

    /// A straight line from (`x1`, `y1`) to (`x2`, `y2`), `width` pixels thick, solid or dashed.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dashed: Bool = false) {
        let n = Self.number
        elements.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(dashed ? " stroke-dasharray=\"4 3\"" : "")/>")
    }

    /// An unfilled line through `points` in order, solid or dashed.
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, dashed: Bool = false) {
        let n = Self.number
        let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        elements.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(dashed ? " stroke-dasharray=\"5 4\"" : "")/>")
    }

    /// A filled circle centred on (`x`, `y`); `tooltip` is shown on hover.
    public mutating func circle(x: Double, y: Double, radius: Double, fill: String, tooltip: String? = nil) {
        let n = Self.number
        let shape = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\""
        elements.append(tooltip.map { shape + "><title>\(HTML.escape($0))</title></circle>" } ?? shape + "/>")
    }

    /// Which point of a text sits at its x coordinate: its start, middle or end (SVG's
    /// `text-anchor`).
    public enum Anchor: String, Sendable {
        /// The text begins at x.
        case start
        /// The text is centred on x.
        case middle
        /// The text ends at x.
        case end
    }

    /// A line of text (escaped) with its baseline at `y`, `size` pixels high.
    public mutating func text(_ text: String, x: Double, y: Double, size: Double = 11, anchor: Anchor = .start, bold: Bool = false, fill: String = "#222") {
        let n = Self.number
        elements.append("<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\"\(anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\"")\(bold ? " font-weight=\"bold\"" : "") fill=\"\(fill)\">\(HTML.escape(text))</text>")
    }

    /// The SVG document (usable inline in HTML or as a file).
    public var rendered: String {
        let n = Self.number
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" font-family=\"DejaVu Sans, Arial, sans-serif\">"
            + "<title>\(HTML.escape(title))</title>" + elements.joined() + "</svg>"
    }

    /// An estimate of a text's width in pixels at `size` (DejaVu Sans averages ≈ 0.6 em).
    public static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.6 }
}

/// A sequential colour scale from light yellow to dark blue, for heat tables and maps; colours
/// are readable in grey print and by people with red–green colour blindness.
public enum ColorScale {
    /// Seven steps, light to dark.
    public static let steps = ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"]

    /// The fill for missing values.
    public static let missing = "#e0e0e0"

    /// The fill for a position `t` in 0–1 (clamped; grey when missing) and a text colour readable on it.
    public static func color(_ t: Double) -> (fill: String, text: String) {
        guard !t.isNaN else { return (missing, textColor(on: missing)) }
        let index = min(steps.count - 1, max(0, Int((min(max(t, 0), 1) * Double(steps.count)).rounded(.down))))
        return (steps[index], textColor(on: steps[index]))
    }

    /// Near-black or white, whichever contrasts more with `fill` (a `#rrggbb` colour): on every
    /// colour of the scale that is at least 4.5:1, the WCAG AA level for text.
    public static func textColor(on fill: String) -> String {
        contrast(fill, "#111") >= contrast(fill, "#fff") ? "#111" : "#fff"
    }

    /// The WCAG 2 contrast ratio of two `#rrggbb` (or `#rgb`) colours, from 1 (none) to 21.
    public static func contrast(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// The WCAG 2 relative luminance of a `#rrggbb` or `#rgb` colour (0 for text that is neither).
    static func luminance(_ hex: String) -> Double {
        var digits = String(hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex))
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return 0 }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    /// The position of `value` between `low` and `high` (0.5 when they are equal).
    public static func position(_ value: Double, low: Double, high: Double) -> Double {
        high > low ? (value - low) / (high - low) : 0.5
    }
}
