import CLibXML2
import Foundation
import IndexCore
import NIOConcurrencyHelpers

/// An element read out of a parsed document: its name, attributes and NFC-normalised text.
/// Plain Swift values: nothing points into libxml2's memory once a query returns.
public struct HTMLElement: Sendable, Hashable {
    /// The element's name, lower case (`a`, `h1`, `meta`).
    public var name: String
    /// Its attributes by lower-case name, values as written (entities decoded).
    public var attributes: [String: String]
    /// Its text content, NFC, whitespace as in the document.
    public var text: String

    /// An element with these parts, taken as given.
    public init(name: String, attributes: [String: String], text: String) {
        self.name = name
        self.attributes = attributes
        self.text = text
    }

    /// An attribute by (lower-case) name.
    public subscript(attribute: String) -> String? { attributes[attribute] }
}

/// An HTML document parsed by libxml2's HTML parser, queried with XPath.
///
/// The document is freed deterministically: ``parse(_:charset:url:_:)`` frees it when its body
/// returns, and queries hand back Swift values (``HTMLElement``, `String`), never libxml2 nodes.
/// ``liveDocuments`` counts documents not yet freed, so tests can prove nothing leaks.
public final class HTMLDocument {
    private var document: htmlDocPtr?
    /// Errors libxml2 recovered from while parsing (malformed markup), not counting HTML5 tags
    /// it does not know.
    public private(set) var parseErrors = 0

    private static let live = NIOLockedValueBox(0)
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// How many parsed documents have not been freed yet.
    public static var liveDocuments: Int { live.withLockedValue { $0 } }

    /// The libxml2 version the package runs against, e.g. "20914".
    public static var libxmlVersion: String { String(cString: ictx_xmlParserVersion()) }

    /// Parses `data` as HTML in `charset` (always given explicitly: without it libxml2 silently
    /// assumes ISO-8859-1), recovering from malformed markup, without network access.
    init?(data: Data, charset: String, url: String?) {
        _ = Self.initialised
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        var errors: Int32 = 0
        let parsed: htmlDocPtr? = withUnsafeMutablePointer(to: &errors) { counter in
            ictx_setErrorCounter(counter)
            defer { ictx_setErrorCounter(nil) }
            return data.withUnsafeBytes { buffer -> htmlDocPtr? in
                guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
                return htmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(buffer.count), url, charset, options)
            }
        }
        parseErrors = Int(errors)
        guard let parsed else { return nil }
        document = parsed
        Self.live.withLockedValue { $0 += 1 }
    }

    deinit { close() }

    /// Frees the document now. Later queries return nothing.
    public func close() {
        if let document {
            xmlFreeDoc(document)
            self.document = nil
            Self.live.withLockedValue { $0 -= 1 }
        }
    }

    /// Parses `data` in `charset`, runs `body` on the document, and frees it before returning.
    /// Returns nil when libxml2 produces no document (empty input).
    public static func parse<T>(_ data: Data, charset: String, url: String? = nil, _ body: (HTMLDocument) throws -> T) rethrows -> T? {
        guard let document = HTMLDocument(data: data, charset: charset, url: url) else { return nil }
        defer { document.close() }
        return try body(document)
    }

    /// The elements matching `xpath` (element nodes only), with attributes and text.
    /// - Parameter textLimit: at most this many characters of each element's text are kept.
    public func elements(_ xpath: String, textLimit: Int = 2_000) -> [HTMLElement] {
        var result: [HTMLElement] = []
        evaluate(xpath) { node in
            guard node.pointee.type == XML_ELEMENT_NODE else { return }
            result.append(Self.element(node, textLimit: textLimit))
        }
        return result
    }

    /// The string values of the nodes matching `xpath` (attributes, text nodes or elements).
    public func strings(_ xpath: String, limit: Int = 100_000) -> [String] {
        var result: [String] = []
        evaluate(xpath) { node in
            result.append(Self.content(node, limit: limit))
        }
        return result
    }

    /// The number of nodes matching `xpath`.
    public func count(_ xpath: String) -> Int {
        var n = 0
        evaluate(xpath) { _ in n += 1 }
        return n
    }

    /// The text of the whole document body (or root), NFC-normalised, whitespace collapsed,
    /// at most `limit` characters; script and style contents are left out.
    public func bodyText(limit: Int = 400_000) -> String {
        guard let document, let root = xmlDocGetRootElement(document) else { return "" }
        var text = ""
        text.reserveCapacity(min(limit, 64 * 1024))
        Self.collectText(root, into: &text, limit: limit)
        return Self.collapse(text)
    }

    // MARK: libxml2 plumbing

    private func evaluate(_ xpath: String, _ visit: (xmlNodePtr) -> Void) {
        guard let document, let context = xmlXPathNewContext(document) else { return }
        defer { xmlXPathFreeContext(context) }
        guard let object = xmlXPathEvalExpression(xpath, context) else { return }
        defer { xmlXPathFreeObject(object) }
        guard let set = object.pointee.nodesetval, let table = set.pointee.nodeTab else { return }
        for i in 0..<Int(set.pointee.nodeNr) {
            if let node = table[i] { visit(node) }
        }
    }

    private static func element(_ node: xmlNodePtr, textLimit: Int) -> HTMLElement {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name {
                let key = String(cString: name).lowercased()
                if let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                    attributes[key] = nfc(String(cString: value))
                    ictx_xmlFree(value)
                } else {
                    attributes[key] = ""
                }
            }
            attribute = current.pointee.next
        }
        let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
        var text = ""
        collectText(node, into: &text, limit: textLimit)
        return HTMLElement(name: name, attributes: attributes, text: collapse(text))
    }

    private static func content(_ node: xmlNodePtr, limit: Int) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { ictx_xmlFree(value) }
        let text = String(cString: value)
        return collapse(String(text.prefix(limit)))
    }

    private static func collectText(_ node: xmlNodePtr, into text: inout String, limit: Int) {
        var child = node.pointee.children
        if node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE {
            if let content = node.pointee.content { text += String(cString: content) }
            return
        }
        while let current = child, text.utf8.count < limit {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            case XML_ELEMENT_NODE:
                let name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                if name != "script" && name != "style" && name != "noscript" {
                    text += " "
                    collectText(current, into: &text, limit: limit)
                    text += " "
                }
            default:
                break
            }
            child = current.pointee.next
        }
    }

    static func collapse(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            // ASCII first: the Unicode property lookup is the slow path.
            if v == 0x20 || (v >= 0x09 && v <= 0x0D) || v == 0xA0 || (v >= 0x80 && scalar.properties.isWhitespace) {
                pendingSpace = true
            } else {
                if pendingSpace && !result.isEmpty { result.unicodeScalars.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return nfc(result)
    }

    /// NFC, skipping the (slow, on Linux) normalisation when nothing can change: text whose
    /// scalars are all below U+0300, precomposed Vietnamese letters (U+1E00–U+1EFF) or
    /// punctuation (U+2010–U+206F) is NFC.
    static func nfc(_ text: String) -> String {
        for scalar in text.unicodeScalars where scalar.value >= 0x0300 && !(0x1E00...0x1EFF).contains(scalar.value) && !(0x2010...0x206F).contains(scalar.value) {
            return VietnameseText.nfc(text)
        }
        return text
    }
}
