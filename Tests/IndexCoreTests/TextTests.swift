import Foundation
@testable import IndexCore
import Testing

@Suite("Vietnamese text")
struct TextTests {
    @Test("nfc turns decomposed text into precomposed text")
    func nfc() {
        let nfd = "Hồ Chí Minh".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > "Hồ Chí Minh".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        #expect(VietnameseText.nfc(nfd).unicodeScalars.elementsEqual("Hồ Chí Minh".precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test("the NFC quick check accepts only text the normaliser leaves as it is")
    func nfcQuickCheck() {
        // every scalar the quick check lets through is its own NFC form, alone and after a letter
        let accepted = (0x20..<0x300).map { $0 } + (0x1E00..<0x1F00).map { $0 } + (0x2010..<0x2070).map { $0 }
        for value in accepted {
            let text = "a" + String(Character(Unicode.Scalar(UInt32(value))!))
            #expect(VietnameseText.isNFCByQuickCheck(text))
            #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars), "U+\(String(value, radix: 16))")
        }
        // decomposed text and combining marks are left to the normaliser
        #expect(!VietnameseText.isNFCByQuickCheck("Hồ Chí Minh".decomposedStringWithCanonicalMapping))
        #expect(!VietnameseText.isNFCByQuickCheck("e\u{301}"))
        #expect(VietnameseText.nfc("Thừa Thiên Huế – “Cổng”").unicodeScalars.elementsEqual("Thừa Thiên Huế – “Cổng”".precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test("fold: NFC and NFD spellings, case, punctuation, đ")
    func fold() {
        #expect(VietnameseText.fold("TP. Hồ Chí Minh") == "tp ho chi minh")
        #expect(VietnameseText.fold("tp ho chi minh") == "tp ho chi minh")
        #expect(VietnameseText.fold("TP. Hồ Chí Minh".decomposedStringWithCanonicalMapping) == "tp ho chi minh")
        #expect(VietnameseText.fold("Đà Nẵng") == "da nang")
        #expect(VietnameseText.fold("ĐẮK LẮK") == "dak lak")
        #expect(VietnameseText.fold("Đắk Nông".decomposedStringWithCanonicalMapping) == "dak nong")
        #expect(VietnameseText.fold("Thừa Thiên - Huế") == "thua thien hue")
        #expect(VietnameseText.fold("Bà Rịa – Vũng Tàu") == "ba ria vung tau")
        #expect(VietnameseText.fold("  Hà   Nội ") == "ha noi")
        // the two accent placements of "Hòa"/"Hoà" fold alike
        #expect(VietnameseText.fold("Khánh Hòa") == VietnameseText.fold("Khánh Hoà"))
        #expect(VietnameseText.fold("staff_total") == "staff total")
        #expect(VietnameseText.fold("") == "")
    }

    @Test("edit distance")
    func editDistance() {
        #expect(VietnameseText.editDistance("kitten", "sitting") == 3)
        #expect(VietnameseText.editDistance("", "abc") == 3)
        #expect(VietnameseText.editDistance("abc", "") == 3)
        #expect(VietnameseText.editDistance("ratio", "ratio") == 0)
        #expect(VietnameseText.editDistance("ratoi", "ratio") == 2)
    }

    @Test("closest: best first, by folded edit distance, within a threshold")
    func closest() {
        let fields = ["staff_total", "staff_pc", "has_dc", "bandwidth"]
        #expect(VietnameseText.closest(to: "staf_total", among: fields) == ["staff_total"])
        #expect(VietnameseText.closest(to: "STAFF_PC", among: fields).first == "staff_pc")
        #expect(VietnameseText.closest(to: "qqqqqqqqqq", among: fields) == [])
        let provinces = ["TP. Hà Nội", "TP. Hồ Chí Minh", "Hà Nam", "Hà Giang", "Nam Định"]
        // "ha noi" is contained in "tp ha noi": distance 1, ahead of "ha nam" (2)
        #expect(VietnameseText.closest(to: "Ha Noi", among: provinces, limit: 2) == ["TP. Hà Nội", "Hà Nam"])
        #expect(VietnameseText.closest(to: "ho chi minh", among: provinces, limit: 1) == ["TP. Hồ Chí Minh"])
        #expect(VietnameseText.closest(to: "Ha Nam", among: provinces, limit: 5).first == "Hà Nam")
        // ties are ordered by name
        #expect(VietnameseText.closest(to: "ab", among: ["ac", "aa"], limit: 2) == ["aa", "ac"])
    }
}
