import Testing
@testable import IndexCore

/// Quantities for people to read: thousands grouped as each language writes them
/// (issue 13: `26972 → 69201` in a Vietnamese what-if reads `26.972 → 69.201`).
struct NumberGroupingTests {
    @Test(arguments: [
        (26_972.0, "26.972", "26,972"),
        (69_201.0, "69.201", "69,201"),
        (1_000.0, "1.000", "1,000"),
        (1_234.5, "1.234,5", "1,234.5"),
        (-1_234_567.0, "-1.234.567", "-1,234,567"),
        (123_456.25, "123.456,25", "123,456.25"),
        // Below a thousand: exactly format(_:in:).
        (999.0, "999", "999"),
        (0.25, "0,25", "0.25"),
        (-12.5, "-12,5", "-12.5"),
    ])
    func groupsThousands(value: Double, vi: String, en: String) {
        #expect(NumberFormatting.grouped(value, in: .vi) == vi)
        #expect(NumberFormatting.grouped(value, in: .en) == en)
    }

    @Test func missingIsADash() {
        #expect(NumberFormatting.grouped(.nan, in: .vi) == "—")
    }

    /// Removing the separators gives back format(_:in:): grouping only inserts them, every
    /// three digits of the whole part counted from the decimal mark.
    @Test func groupingOnlyInsertsSeparators() {
        for exponent in 0...12 {
            for mantissa in [1.0, 1.5, 2.718281, 9.999, -3.25] {
                let value = mantissa * (0..<exponent).reduce(1.0) { product, _ in product * 10 }
                let vi = NumberFormatting.grouped(value, in: .vi), en = NumberFormatting.grouped(value, in: .en)
                #expect(vi.filter { $0 != "." } == NumberFormatting.format(value, in: .vi))
                #expect(en.filter { $0 != "," } == NumberFormatting.format(value, in: .en))
                let whole = vi.prefix { $0 != "," }.split(separator: ".")
                #expect(whole.dropFirst().allSatisfy { $0.count == 3 }, "\(vi)")
            }
        }
    }
}
