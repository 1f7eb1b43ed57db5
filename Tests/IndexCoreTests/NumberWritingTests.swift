import Foundation
import IndexCore
import Testing

/// Numbers written straight into a line (`NumberFormatting.writeShortest`, what the streamed CSV
/// of `compute` uses) are the text ``NumberFormatting/shortest(_:)`` always gave: integers without
/// a fraction, others in Swift's shortest round-trip form, nothing for NaN.
@Suite struct NumberWritingTests {
    /// The definition the CSV has always used, written out independently of the writer.
    static func reference(_ value: Double) -> String {
        if value.isNaN { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    @Test func handPickedValues() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (12, "12"), (-3, "-3"), (0.25, "0.25"), (-0.5, "-0.5"), (0.9039, "0.9039"),
            (1.0 / 3, "0.3333333333333333"), (1e-5, "1e-05"), (123456789012345, "123456789012345"),
            (1e15, "1000000000000000.0"), (1e16, "1e+16"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, ""),
        ]
        for (value, text) in cases {
            var line = "x,"
            NumberFormatting.writeShortest(value, to: &line)
            #expect(line == "x," + text, "\(value)")
            #expect(NumberFormatting.shortest(value) == text)
        }
    }

    @Test func seededRandomValuesOfEveryMagnitude() {
        var generator = SplitMix64(seed: 2019)
        for _ in 0..<20_000 {
            let bits = generator.next()
            // Random bit patterns (every exponent, subnormals, NaNs) and scores on 0–1.
            let values = [Double(bitPattern: bits), Double(bits >> 11) / Double(1 << 53), Double(Int64(bitPattern: bits) >> 20)]
            for value in values {
                var text = ""
                NumberFormatting.writeShortest(value, to: &text)
                #expect(text == Self.reference(value), "\(value)")
                if value.isFinite { #expect(Double(text) == value, "round trip of \(text)") }
            }
        }
    }
}
