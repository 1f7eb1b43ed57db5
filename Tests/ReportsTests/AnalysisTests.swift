import Analysis
import Foundation
import IndexCore
import Testing

@Suite struct TrendsTests {
    @Test func exampleMeansMatchThePublishedFigures() throws {
        let trends = Trends([try Repository.compute(2019), try Repository.compute(2018)])
        #expect(trends.periods == [2018, 2019])
        let expected = ["province": (0.65, 0.72), "ministry": (0.69, 0.82), "agency": (0.55, 0.60)]
        for (block, (before, after)) in expected {
            let trend = try #require(trends.block(block))
            #expect(PublishedRounding.round(trend.means[0], decimals: 2) == before, "\(block) 2018")
            #expect(PublishedRounding.round(trend.means[1], decimals: 2) == after, "\(block) 2019")
            #expect(trend.comparability?.excluded.isEmpty == true)
            #expect(abs(trend.meanChange - (trend.means[1] - trend.means[0])) < 1e-15)
        }
    }

    @Test func unitChangesMoversAndRisers() throws {
        let trends = Trends([try Repository.compute(2018), try Repository.compute(2019)])
        let provinces = try #require(trends.block("province"))
        #expect(provinces.units.count == 63)
        #expect(provinces.units.first?.rank == 1)
        let up = provinces.moversUp(5), down = provinces.moversDown(5)
        #expect(!up.isEmpty)
        #expect(zip(up, up.dropFirst()).allSatisfy { $0.change >= $1.change })
        #expect(zip(down, down.dropFirst()).allSatisfy { $0.change <= $1.change })
        for change in provinces.units where !change.previous.isNaN {
            #expect(change.placesGained == change.previousRank - change.rank)
        }
        let risers = provinces.risers
        #expect(risers.count == 6)
        #expect(zip(risers, risers.dropFirst()).allSatisfy { $0.change >= $1.change })
    }

    @Test func differentEditionsCompareOnlyWhatIsComparable() throws {
        var earlier = try Repository.methodology()
        earlier.edition = "2018-variant"
        // The earlier edition weighs the level-4 ratio differently and lacks the HTTPS indicator.
        func edit(_ node: inout IndicatorNode) {
            if node.id == "c4.level4" { node.weight = 40 }
            node.children.removeAll { $0.id == "c3.https" }
            for i in node.children.indices { edit(&node.children[i]) }
        }
        edit(&earlier.root)
        let old = try Engine.compute(earlier, answers: try Repository.examples(2018), period: 2018)
        let trends = Trends([old, try Repository.compute(2019)])
        let trend = try #require(trends.block("province"))
        let comparability = try #require(trend.comparability)
        let excluded = Set(comparability.excluded.map(\.nodeID))
        #expect(excluded.isSuperset(of: ["c4.level4", "c4", "c3.https", "c3", "index"]))
        #expect(comparability.comparable.contains("c1"))
        #expect(!comparability.indexComparable)
        #expect(trend.meanChange.isNaN)
        #expect(trend.units.allSatisfy { $0.previous.isNaN })
        #expect(Set(trend.components.map(\.id)).isDisjoint(with: excluded))
        #expect(trend.components.contains { $0.id == "c1" })
    }

    /// Two editions differing only in how missing or extreme values are handled (`zero_scores`,
    /// `data_threshold`, `impute`, `missing`, `screening`) score the same answers differently:
    /// the nodes concerned are not compared, and the reason names the key.
    @Test(arguments: [
        ("zero_scores: zero\n", ["index": "handling of missing data changed (zero_scores)"]),
        ("data_threshold: 100%\n", ["index": "handling of missing data changed (data_threshold)"]),
        ("impute: mean\n", ["x": "handling of missing data changed (impute)", "y": "handling of missing data changed (impute)",
                             "index": "a component's handling of missing data changed"]),
        ("impute: {method: group_mean, by: region}\n", ["x": "handling of missing data changed (impute)", "y": "handling of missing data changed (impute)",
                                                         "index": "a component's handling of missing data changed"]),
        ("missing: reweight\n", ["x": "handling of missing data changed (missing)", "y": "handling of missing data changed (missing)",
                                  "index": "handling of missing data changed (missing)"]),
        ("screening: {data_threshold: 50%}\n", ["index": "handling of missing data changed (screening)"]),
    ])
    func editionsDifferingInMissingDataHandlingAreNotCompared(added: String, expected: [String: String]) throws {
        let yaml = """
            id: handled
            title: Handled
            scale: unit
            blocks: [{id: p, name: P}]
            fields:
              - {id: a, label: A, type: number}
              - {id: b, label: B, type: number}
              - {id: region, label: Region, type: text}
            attributes: [region]
            index:
              id: index
              aggregate: geometric
              children:
                - {id: x, value: a, score: {rule: min_max, range: [1, 100]}}
                - {id: y, value: b, score: {rule: min_max, range: [1, 100]}}

            """
        let earlier = try BlockPlan(methodology: try MethodologyLoader.load(yaml: yaml, fileName: "earlier.yaml"), block: "p")
        let same = Comparability(earlier: earlier, later: earlier)
        #expect(same.excluded.isEmpty && same.indexComparable)
        let later = try BlockPlan(methodology: try MethodologyLoader.load(yaml: added + yaml, fileName: "later.yaml"), block: "p")
        let comparability = Comparability(earlier: earlier, later: later)
        #expect(Dictionary(uniqueKeysWithValues: comparability.excluded.map { ($0.nodeID, $0.reason.en) }) == expected)
        #expect(!comparability.indexComparable)
        #expect(comparability.excluded.allSatisfy { $0.reason.vi.hasPrefix("cách xử lý dữ liệu thiếu") })
        // Either way round.
        #expect(!Comparability(earlier: later, later: earlier).indexComparable)
    }

    @Test func acrossTheMergerTheLineageMapsUnits() throws {
        let registry = try UnitRegistry.load(contentsOf: Repository.url("Indicators/units"))
        let trends = Trends([try Repository.compute(2018), try Repository.compute(2019)], registry: registry, asOf: Day(year: 2025, month: 7, day: 1))
        let provinces = try #require(trends.block("province"))
        #expect(provinces.units.count == 34)
        #expect(provinces.units.contains { ($0.ancestors?.count ?? 0) > 1 })
        #expect(provinces.units.allSatisfy { !$0.previous.isNaN && $0.rank > 0 })
    }
}

@Suite struct AssessmentTests {
    /// Every what-if scenario's gain and new rank equal a full recomputation of all blocks with
    /// the changed answers.
    @Test(arguments: ["bac-ninh", "bo-tu-phap", "thua-thien-hue"])
    func whatIfGainsEqualARecomputation(unit: String) throws {
        let methodology = try Repository.methodology()
        let answers = try Repository.examples(2019)
        let result = try Engine.compute(methodology, answers: answers, period: 2019)
        let block = try #require(result.blocks.first { $0.unitIndex(unit) != nil })
        let assessment = try Assessment(unitID: unit, in: block)
        #expect(!assessment.whatIf.isEmpty)
        #expect(zip(assessment.whatIf, assessment.whatIf.dropFirst()).allSatisfy { $0.gain >= $1.gain })
        for scenario in assessment.whatIf {
            #expect(scenario.gain > 0)
            let changed = answers.map { $0.unitID == unit ? scenario.applied(to: $0) : $0 }
            let recomputed = try Engine.compute(methodology, answers: changed, period: 2019)
            let b = try #require(recomputed.block(block.plan.block.id))
            let u = try #require(b.unitIndex(unit))
            #expect(b.index[u] == scenario.valueAfter, "\(scenario.nodeID) \(scenario.kind)")
            #expect(b.rank[b.plan.rootIndex][u] == scenario.rankAfter)
            #expect(abs(scenario.pointsGain - (b.index[u] - assessment.value) * 1000) < 1e-9)
            // The changed answers are valid survey answers.
            #expect(scenario.changes.allSatisfy { change in methodology.field(change.field) != nil })
        }
    }

    /// Full marks are read on the rule's output scale: with `range: [1, 100]` a score of 50.5 is
    /// not full marks (a score ≥ 1 used to count as full, so no unit had any scenario).
    /// x = min–max of a on [1, 100]: u1 0 → 1, u2 5 → 50.5, u3 10 → 100; y = min–max of b: u1 0 → 1,
    /// u2 10 → 100, u3 0 → 1; index = mean: u1 1, u2 75.25, u3 50.5.
    @Test func whatIfReadsFullMarksOnTheDeclaredRange() throws {
        let methodology = try MethodologyLoader.load(yaml: """
            id: ranged
            title: Ranged
            scale: unit
            blocks: [{id: p, name: P}]
            fields:
              - {id: a, label: A, type: number}
              - {id: b, label: B, type: number}
            index:
              id: index
              children:
                - {id: x, value: a, score: {rule: min_max, range: [1, 100]}}
                - {id: y, value: b, score: {rule: min_max, range: [1, 100]}}
            """, fileName: "ranged.yaml")
        let answers = [("u1", 0.0, 0.0), ("u2", 5, 10), ("u3", 10, 0)].map {
            UnitAnswers(unitID: $0.0, name: $0.0, block: "p", values: ["a": $0.1, "b": $0.2])
        }
        let block = try #require(try Engine.compute(methodology, answers: answers).block("p"))
        #expect(block.index == [1, 75.25, 50.5])
        // u2: x at 50.5 can reach the block's best a = 10 (score 100, index 100); y is at full marks.
        let u2 = try Assessment(unitID: "u2", in: block)
        #expect(u2.whatIf.map(\.nodeID) == ["x"])
        let scenario = try #require(u2.whatIf.first)
        #expect(scenario.kind == .blockBest)
        #expect(scenario.changes.map(\.field) == ["a"] && scenario.changes.first?.after == 10)
        #expect(scenario.valueBefore == 75.25 && scenario.valueAfter == 100)
        #expect(scenario.rankBefore == 1 && scenario.rankAfter == 1)
        // u3: x is at full marks (100); y can go from b = 0 (score 1) to 10 (100): index 50.5 → 100.
        let u3 = try Assessment(unitID: "u3", in: block)
        #expect(u3.whatIf.map(\.nodeID) == ["y"])
        #expect(u3.whatIf.first?.valueAfter == 100 && u3.whatIf.first?.rankBefore == 2 && u3.whatIf.first?.rankAfter == 1)
    }

    @Test func standingStrengthsAndWeaknesses() throws {
        let result = try Repository.compute(2019)
        let block = try #require(result.block("province"))
        let a = try Assessment(unitID: "bac-ninh", in: block, whatIfLimit: 3)
        #expect(a.whatIf.count <= 3)
        #expect(a.rankOf == 63)
        #expect(a.components.filter { $0.depth == 1 }.count == 6)
        #expect(a.strengths.allSatisfy { $0.score > $0.blockMean })
        #expect(a.weaknesses.allSatisfy { $0.score < $0.blockMean })
        #expect(a.strengths.count + a.weaknesses.count <= 6)
        let level4 = try #require(a.components.first { $0.id == "c4.level4" })
        #expect(level4.blockBest >= level4.score)
        #expect(throws: DiagnosticError.self) { try Assessment(unitID: "nowhere", in: block) }
    }

    /// A scenario that raises a ratio converts answers within the survey's constraints.
    @Test func level4ScenarioRespectsConstraints() throws {
        let sample: Set = ["ha-noi", "ca-mau", "bac-ninh", "lai-chau", "thua-thien-hue", "da-nang"]
        let methodology = try Repository.methodology()
        let answers = try Repository.examples(2019)
        let result = try Engine.compute(methodology, answers: answers, period: 2019)
        let block = try #require(result.block("province"))
        for u in block.units.indices where sample.contains(block.units[u].unitID) {
            let a = try Assessment(unitID: block.units[u].unitID, in: block)
            for scenario in a.whatIf where scenario.nodeID == "c4.level4" {
                let changed = scenario.applied(to: block.units[u])
                let l3 = changed.values["services_level3"] ?? 0, l4 = changed.values["services_level4"] ?? 0
                #expect(l3 + l4 <= changed.values["procedures_total"]!)
            }
        }
    }
}
