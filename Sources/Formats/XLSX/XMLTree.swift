import Foundation
import IndexCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element with namespace prefixes removed from element and attribute names
/// (`x:row` → `row`, `r:id` → `id`): the parts of a workbook are read by local names only.
final class XMLElementNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLElementNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The first child with this local name.
    func child(_ name: String) -> XMLElementNode? { children.first { $0.name == name } }

    /// Every child with this local name.
    func children(_ name: String) -> [XMLElementNode] { children.filter { $0.name == name } }

    /// The element's text and that of its descendants, in document order.
    var allText: String {
        children.isEmpty ? text : text + children.map(\.allText).joined()
    }
}

/// A failure to parse one XML part: the parser's message and line.
struct XMLTreeError: Error {
    var message: Message
    var line: Int
}

/// Builds an ``XMLElementNode`` tree with Foundation's `XMLParser` (libxml2 underneath on Linux;
/// external entities are not resolved).
final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [XMLElementNode] = []
    private var root: XMLElementNode?
    /// The first error reported, with its line: on Linux `parse()` can return `true` after an
    /// error, so errors are taken from the delegate callback.
    private var firstError: XMLTreeError?

    /// Whether the part declares a document type (`<!DOCTYPE`), in UTF-8 or UTF-16. XML keeps
    /// `<` escaped in text and attribute values, so the sequence can only be markup (or sit in a
    /// comment or CDATA section, which a workbook has no reason to hold either).
    static func declaresDTD(_ data: Data) -> Bool {
        let marker = Array("<!DOCTYPE".utf8)
        var utf16LE: [UInt8] = [], utf16BE: [UInt8] = []
        for byte in marker {
            utf16LE += [byte, 0]
            utf16BE += [0, byte]
        }
        return [marker, utf16LE, utf16BE].contains { data.range(of: Data($0)) != nil }
    }

    static func parse(_ data: Data) throws -> XMLElementNode {
        // Foundation's parser traps (SIGILL) on invalid UTF-8 in names: check before it sees any.
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            throw XMLTreeError(message: .xmlPartIsUTF16, line: 1)
        }
        if let problem = UTF8Problem.find(in: data) {
            throw XMLTreeError(message: problem.message(.aPart), line: problem.line)
        }
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let ok = parser.parse()
        if let error = builder.firstError { throw error }
        if !ok || parser.parserError != nil {
            throw XMLTreeError(message: Self.describe(parser.parserError), line: parser.lineNumber)
        }
        guard let root = builder.root else { throw XMLTreeError(message: .xmlNoRootElement, line: parser.lineNumber) }
        return root
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if firstError == nil { firstError = XMLTreeError(message: Self.describe(parseError), line: parser.lineNumber) }
    }

    func parser(_ parser: XMLParser, validationErrorOccurred validationError: Error) {
        if firstError == nil { firstError = XMLTreeError(message: Self.describe(validationError), line: parser.lineNumber) }
    }

    /// A readable message for a parser error (Foundation on Linux gives only the code).
    static func describe(_ error: Error?) -> Message {
        guard let error else { return .xmlMalformed }
        let code = (error as NSError).code
        switch XMLParser.ErrorCode(rawValue: code) {
        case .prematureDocumentEndError?: return .xmlEndsEarly
        case .tagNameMismatchError?: return .xmlTagMismatch
        case .emptyDocumentError?: return .xmlEmptyPart
        case .gtRequiredError?, .attributeNotFinishedError?, .attributeNotStartedError?, .attributeRedefinedError?:
            return .xmlMalformedElement
        case .invalidCharacterError?, .invalidCharacterRefError?, .invalidCharacterInEntityError?: return .xmlInvalidCharacter
        case .undeclaredEntityError?, .entityRefAtEOFError?, .entityReferenceMissingSemiError?: return .xmlInvalidEntity
        case .extraContentError?: return .xmlExtraContent
        case .internalError?: return .xmlParserGaveUp
        case .notWellBalancedError?: return .xmlNotBalanced
        case .lessThanSymbolInAttributeError?: return .xmlLessThanInAttribute
        case .unfinishedTagError?: return .xmlUnfinishedTag
        case .spaceRequiredError?, .nameRequiredError?: return .xmlMalformedTag
        default:
            // Foundation's own text ("The operation could not be completed. (NSXMLParserErrorDomain
            // error 76.)") names nothing a user can act on.
            return .xmlParserError(code: code)
        }
    }

    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        var attributes: [String: String] = [:]
        for (key, value) in attributeDict {
            let local = Self.localName(key)
            if attributes[local] == nil || !key.contains(":") { attributes[local] = value }
        }
        let node = XMLElementNode(name: Self.localName(elementName), attributes: attributes)
        if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
        stack.last?.text += whitespaceString
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }
}
