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
