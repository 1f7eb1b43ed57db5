import Foundation
import IndexCore

/// Where a text file stops being UTF-8: the byte offset, line and column (in characters) of the
/// first byte that does not decode. Every reader of text (CSV, JSON, the XML parts of a
/// workbook) checks this first, so that a message can point at the damage — and so that no
/// parser ever sees invalid UTF-8 (Foundation's `XMLParser` traps on it in attribute names).
package struct UTF8Problem: Equatable {
    package var offset: Int
    package var byte: UInt8
    package var line: Int
    package var column: Int

    /// The first invalid position of `data` from `start`, or `nil` when it is all UTF-8.
    package static func find(in data: Data, from start: Int = 0) -> UTF8Problem? {
        data.withUnsafeBytes { raw -> UTF8Problem? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard start < bytes.count else { return nil }
            // The common case, valid text, decided by the standard library in one pass.
            if String(validating: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self) != nil { return nil }
            var offset = start, line = 1, column = 1
            while offset < bytes.count {
                let length = sequenceLength(bytes, at: offset)
                if length == 0 { return UTF8Problem(offset: offset, byte: bytes[offset], line: line, column: column) }
                if bytes[offset] == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += length
            }
            return nil
        }
    }

    /// The length of the valid UTF-8 sequence at `offset`, or 0 when it is not one.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        let first = bytes[offset]
        let length: Int
        switch first {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard offset + length <= bytes.count else { return 0 }
        return String(validating: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self) == nil ? 0 : length
    }

    /// "the file is not UTF-8 text (invalid byte 0xC3 at byte offset 17)".
    package func message(_ what: Message = .theFile) -> Message {
        .notUTF8(what, byte: byte, offset: offset)
    }
}
