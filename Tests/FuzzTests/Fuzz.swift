import Foundation
import IndexCore

/// A seeded generator (SplitMix64): the same seed gives the same cases on every machine, so a
/// failing case is reproduced by its seed and number.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutations of input files, the kind a hostile-but-honest submitter (or a damaged transfer)
/// produces: bytes flipped, cut, repeated, and tokens known to break readers spliced in.
enum Mutator {
    /// Texts that have broken readers before, or could: paths, markup, control and bidi
    /// characters, lenient numbers, huge numbers, DTDs, quotes and separators, long runs.
    static let tokens: [String] = [
        "../../../../x", "<b>id</b>", "/etc/passwd", "\u{202E}", "\u{2066}", "\r", "\n", "\t", "\u{0}", "\u{1B}[2J", "\u{85}",
        "0x10", "0x1p-2", "-1", "1e999", "-1e999", "NaN", "inf", "1e30", "2019.7", "0,72", "-0", "+", "=cmd|' /C calc'!A0", "@SUM(A1)",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;", "]]>", "<![CDATA[", "\"", "\"\"", ",", ";", ":", "- ", "? ",
        "{", "}", "[", "]", "null", "true", "&anchor", "*anchor", "!!binary", "%", "#", "'", "\\", "\u{FEFF}", "\u{FFFD}", "\u{D7FF}",
        String(repeating: "x", count: 300), String(repeating: "9", count: 400), String(repeating: "[", count: 300), String(repeating: "(", count: 300),
        "Hà Nội", "Thua Thien Hue", "BO-CONG-THUONG", "period", "id", "block", "units", "answers",
    ]

    static func mutate(_ data: Data, using random: inout SeededGenerator, rounds: Int? = nil) -> Data {
        var bytes = [UInt8](data)
        let count = rounds ?? Int.random(in: 1...4, using: &random)
        for _ in 0..<count {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<8, using: &random) {
            case 0 where !bytes.isEmpty: // flip a byte
                bytes[position] ^= UInt8.random(in: 1...255, using: &random)
            case 1 where !bytes.isEmpty: // delete a range
                let end = min(bytes.count, position + Int.random(in: 1...64, using: &random))
                bytes.removeSubrange(position..<end)
            case 2 where !bytes.isEmpty: // repeat a range
                let end = min(bytes.count, position + Int.random(in: 1...128, using: &random))
                bytes.insert(contentsOf: bytes[position..<end], at: end)
            case 3 where !bytes.isEmpty: // truncate
                bytes.removeSubrange(position...)
            case 4 where !bytes.isEmpty: // replace a field-like run with a token
                var end = position
                while end < bytes.count, ![0x2C, 0x0A, 0x22, 0x3A, 0x3C, 0x3E].contains(bytes[end]) { end += 1 }
                bytes.replaceSubrange(position..<end, with: Array(tokens.randomElement(using: &random)!.utf8))
            default: // splice a token in
                bytes.insert(contentsOf: Array(tokens.randomElement(using: &random)!.utf8), at: position)
            }
        }
        return Data(bytes)
    }
}

/// What every failure must look like: a ``DiagnosticError`` whose every diagnostic names the
/// file it is about and a place in it (line, column, or a detail such as a JSON path or a cell).
enum Verdict {
    /// `nil` when `error` is acceptable for a problem in `file`; else what is wrong with it.
    static func problem(with error: Error, file: String) -> String? {
        guard let error = error as? DiagnosticError else { return "not a diagnostic: \(String(describing: error).prefix(300))" }
        guard !error.diagnostics.isEmpty else { return "an empty diagnostic error" }
        for diagnostic in error.diagnostics {
            guard let location = diagnostic.location else { return "no location: \(diagnostic)" }
            guard location.file == file else { return "names '\(location.file)', not '\(file)': \(diagnostic)" }
            guard location.line != nil || location.detail != nil else { return "no line or place in the file: \(diagnostic)" }
            for raw in ["NSCocoaErrorDomain", "NSXMLParserErrorDomain", "Error Domain=", "Code=", "Swift.", "DecodingError"] where diagnostic.message.contains(raw) {
                return "raw error text in the message: \(diagnostic)"
            }
        }
        return nil
    }
}
