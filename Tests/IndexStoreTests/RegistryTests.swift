import Foundation
import IndexCore
import Testing

@Suite struct RegistryTests {
    let registry: UnitRegistry

    init() throws {
        registry = try Repository.registry()
    }

    @Test func sixtyThreeProvincesBeforeTheMergerAndThirtyFourAfter() {
        #expect(registry.units(validOn: Day.endOf(year: 2019), block: "province").count == 63)
        #expect(registry.units(validOn: Day(year: 2025, month: 6, day: 30), block: "province").count == 63)
        #expect(registry.units(validOn: Day(year: 2025, month: 7, day: 1), block: "province").count == 34)
    }

    @Test func everyOldProvinceFeedsExactlyOneNewOne() {
        let old = Set(registry.units(validOn: Day.endOf(year: 2019), block: "province").map(\.id))
        let mapped = registry.units(validOn: Day(year: 2025, month: 7, day: 1), block: "province")
            .flatMap { registry.ancestors(of: $0.id, validOn: Day.endOf(year: 2019)).map(\.id) }
        #expect(mapped.count == 63)
        #expect(Set(mapped) == old)
        #expect(registry.ancestors(of: "ho-chi-minh-2025", validOn: Day.endOf(year: 2019)).map(\.id) == ["ho-chi-minh", "binh-duong", "ba-ria-vung-tau"])
        #expect(registry.ancestors(of: "hue", validOn: Day.endOf(year: 2019)).map(\.id) == ["thua-thien-hue"])
        #expect(registry.ancestors(of: "ha-noi", validOn: Day.endOf(year: 2019)).map(\.id) == ["ha-noi"])
    }

    @Test func ministriesOf2019AndThe2025Reorganisation() {
        let ministries2019 = Set(registry.units(validOn: Day.endOf(year: 2019), block: "ministry").map(\.id))
        for id in ["bo-tai-chinh", "bo-thong-tin-va-truyen-thong", "bo-ke-hoach-va-dau-tu", "bo-xay-dung", "uy-ban-dan-toc"] {
            #expect(ministries2019.contains(id), "\(id)")
        }
        let after = Day(year: 2025, month: 3, day: 1)
        #expect(registry.unit("bo-thong-tin-va-truyen-thong")?.isValid(on: after) == false)
        #expect(registry.ancestors(of: "bo-khoa-hoc-va-cong-nghe-2025", validOn: Day.endOf(year: 2019)).map(\.id) == ["bo-khoa-hoc-va-cong-nghe", "bo-thong-tin-va-truyen-thong"])
        #expect(registry.ancestors(of: "bo-tai-chinh-2025", validOn: Day.endOf(year: 2019)).map(\.id) == ["bo-tai-chinh", "bo-ke-hoach-va-dau-tu"])
    }

    @Test(arguments: [
        ("Thua Thien Hue", "thua-thien-hue"),
        ("Thừa Thiên - Huế", "thua-thien-hue"),
        ("TP Ho Chi Minh", "ho-chi-minh"),
        ("tp.hcm", "ho-chi-minh"),
        ("Thành phố Đà Nẵng", "da-nang"),
        ("Tỉnh Bắc Kạn", "bac-kan"),
        ("Bo TT&TT", "bo-thong-tin-va-truyen-thong"),
        ("BHXH Việt Nam", "bao-hiem-xa-hoi-viet-nam"),
    ])
    func namesResolveOn2019(query: String, id: String) throws {
        #expect(try registry.resolve(query, on: Day.endOf(year: 2019)).id == id)
    }

    @Test func nfdNamesResolve() throws {
        let nfd = "Thừa Thiên Huế".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > "Thừa Thiên Huế".unicodeScalars.count)
        #expect(try registry.resolve(nfd, on: Day.endOf(year: 2019)).id == "thua-thien-hue")
    }

    @Test func theSameNameMeansDifferentUnitsBeforeAndAfterTheMerger() throws {
        #expect(try registry.resolve("An Giang", on: Day.endOf(year: 2019)).id == "an-giang")
        #expect(try registry.resolve("An Giang", on: Day.endOf(year: 2025)).id == "an-giang-2025")
        #expect(throws: DiagnosticError.self) { try registry.resolve("An Giang") }
    }

    @Test func anUnknownNameListsTheClosest() {
        do {
            _ = try registry.resolve("Quang Ninhh", on: Day.endOf(year: 2019))
            Issue.record("expected an error")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics[0].code == .unknownUnit)
            #expect(error.diagnostics[0].message.contains("Quảng Ninh"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func lineageMeanAndWeightedRules() throws {
        let values = ["ho-chi-minh": 0.9, "binh-duong": 0.8, "ba-ria-vung-tau": 0.4, "ha-noi": 0.7]
        let from = Day.endOf(year: 2019), to = Day(year: 2025, month: 7, day: 1)
        let mean = registry.mapValues(values, from: from, to: to, block: "province")
        let hcm = try #require(mean.first { $0.unit.id == "ho-chi-minh-2025" })
        #expect(abs(hcm.value - (0.9 + 0.8 + 0.4) / 3) < 1e-15)
        #expect(mean.first { $0.unit.id == "ha-noi" }?.value == 0.7)
        #expect(mean.count == 2, "successors without any ancestor value are left out")

        var weighted = UnitRegistry(units: [
            RegisteredUnit(id: "a", name: "A", block: "province", validTo: Day(year: 2025, month: 6, day: 30)),
            RegisteredUnit(id: "b", name: "B", block: "province", validTo: Day(year: 2025, month: 6, day: 30)),
            RegisteredUnit(id: "ab", name: "AB", block: "province", validFrom: to, predecessors: [.init(id: "a", weight: 3), .init(id: "b", weight: 1)]),
        ])
        let mapped = weighted.mapValues(["a": 0.8, "b": 0.4], from: from, to: to, block: "province", rule: .weighted)
        #expect(abs(mapped[0].value - (3 * 0.8 + 1 * 0.4) / 4) < 1e-15)
        weighted = UnitRegistry(units: weighted.units)
        #expect(weighted.mapValues(["a": 0.8, "b": 0.4], from: from, to: to, block: "province")[0].value == 0.6000000000000001)
    }

    @Test func registryErrorsNameTheProblem() throws {
        var registry = UnitRegistry(units: [])
        #expect(throws: DiagnosticError.self) {
            try registry.add(yaml: "units:\n  - {id: x, name: X, valid_to: 2025-13-01}\n", fileName: "bad.yaml")
        }
        do {
            try registry.add(yaml: "units:\n  - {id: x, name: X}\n", fileName: "noblock.yaml")
            Issue.record("expected an error")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics[0].message.contains("has no block"))
            #expect(error.diagnostics[0].location?.line == 2)
        }
    }
}
