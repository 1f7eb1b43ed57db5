import Foundation
import IndexCore
import Testing

extension SplitMix64 {
    /// A value on [0, 10] with two decimals.
    mutating func value() -> Double { Double(int(0...1000)) / 100 }

    /// A Fisher–Yates shuffle driven by this generator.
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var result = items
        for i in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(i, int(0...i))
        }
        return result
    }
}

/// A random small methodology and a block of answers for it.
struct RandomCase: CustomStringConvertible {
    var yaml: String
    var answers: [UnitAnswers]
    var fields: [String]

    var description: String { yaml }

    struct Options {
        /// Only rules whose scores lie in [0, 1].
        var boundedOnly = true
        /// Every rule says higher is better.
        var higherOnly = false
        /// Every group aggregates arithmetically.
        var arithmeticOnly = false
    }

    init(_ random: inout SplitMix64, _ options: Options) {
        let points = random.chance(0.5)
        let leafCount = random.int(2...6)
        let fieldIDs = (1...leafCount).map { "f\($0)" }
        fields = fieldIDs
        var leaves: [String] = []
        for (k, field) in fields.enumerated() {
            let weight = random.int(1...10)
            let direction = options.higherOnly ? "higher" : random.pick(["higher", "lower"])
            let score = Self.rule(&random, direction: direction, weight: weight, bounded: options.boundedOnly, monotone: options.higherOnly)
            leaves.append("{id: l\(k + 1), weight: \(weight), value: \(field), score: \(score)}")
        }
        // Leaves go straight under the root or into one of up to three groups.
        let groupCount = random.int(0...3)
        var groups = [[String]](repeating: [], count: groupCount)
        var direct: [String] = []
        for leaf in leaves {
            let slot = random.int(0...groupCount)
            if slot == groupCount { direct.append(leaf) } else { groups[slot].append(leaf) }
        }
        let aggregations = ["arithmetic", "geometric", "harmonic", "median", "copeland", "{method: power_mean, p: 2}", "{method: power_mean, p: -1}"]
        func aggregation(_ random: inout SplitMix64) -> String {
            options.arithmeticOnly ? "arithmetic" : random.pick(aggregations)
        }
        var children: [String] = direct.map { "    - \($0)" }
        for (g, members) in groups.enumerated() where !members.isEmpty {
            var lines = ["    - id: g\(g + 1)", "      aggregate: \(aggregation(&random))"]
            if !points { lines.append("      weight: \(random.int(1...5))") }
            if random.chance(0.3) { lines.append("      rescale: min_max") }
            if random.chance(0.3) { lines.append("      missing: \(random.pick(["zero", "reweight"]))") }
            lines.append("      children:")
            lines += members.map { "        - \($0)" }
            children.append(lines.joined(separator: "\n"))
        }
        yaml = """
        id: random
        title: Random
        scale: \(points ? "points" : "unit")
        missing: \(random.pick(["zero", "reweight"]))
        zero_scores: zero
        blocks:
          - {id: p, name: Provinces}
        fields:
        \(fields.map { "  - {id: \($0), label: \($0), type: number}" }.joined(separator: "\n"))
        index:
          id: index
          aggregate: \(aggregation(&random))
          children:
        \(children.joined(separator: "\n"))
        """
        let unitCount = random.int(3...9)
        answers = (1...unitCount).map { u in
            var answers = UnitAnswers(unitID: "unit\(u)", name: "Unit \(u)", block: "p")
            for field in fieldIDs where !random.chance(0.1) { answers.values[field] = random.value() }
            return answers
        }
    }

    /// A random rule. With `monotone`, goalposts are not reversed and step tables give more for
    /// a more demanding threshold, so that a higher value never scores less.
    static func rule(_ random: inout SplitMix64, direction d: String, weight: Int, bounded: Bool, monotone: Bool) -> String {
        var kinds = ["ratio", "as_is_clamped", "yes_no", "relative_to_best", "goalpost", "steps_score", "steps_points", "capped_count", "min_max", "rank", "percentile",
                     "percent_rank", "distance_to_max", "fraction_of_max"]
        if !bounded { kinds += ["as_is", "z_sample", "z_population", "borda"] }
        switch random.pick(kinds) {
        case "percent_rank": return "{rule: percent_rank, direction: \(d)}"
        case "distance_to_max": return "{rule: distance_to_max, direction: \(d)}"
        case "fraction_of_max": return "{rule: fraction_of_max, direction: \(d)}"
        case "borda": return "{rule: borda, direction: \(d)}"
        case "ratio": return "{rule: ratio, direction: \(d)}"
        case "as_is_clamped": return "{rule: as_is, clamp: true, direction: \(d)}"
        case "yes_no": return "{rule: yes_no, direction: \(d)}"
        case "relative_to_best": return "{rule: relative_to_best, direction: \(d)}"
        case "goalpost":
            let low = random.int(0...4), high = low + random.int(1...6)
            // Goalposts written high to low are read as "lower is better" (and take no direction).
            return !monotone && random.chance(0.3) ? "{rule: goalpost, low: \(high), high: \(low)}" : "{rule: goalpost, low: \(low), high: \(high), direction: \(d)}"
        case "steps_score", "steps_points":
            let key = d == "higher" ? "at_least" : "at_most"
            let usePoints = random.chance(0.5)
            let count = random.int(1...3)
            var thresholds = (0..<count).map { _ in random.int(0...10) }
            var awards = (0..<count).map { _ in usePoints ? Double(random.int(0...weight)) : Double(random.int(0...100)) / 100 }
            if monotone {
                // the higher the threshold, the larger the award
                thresholds.sort()
                awards.sort()
            }
            let steps = zip(thresholds, awards).map { threshold, award in
                "{\(key): \(threshold), \(usePoints ? "points: \(NumberFormatting.format(award))" : "score: \(NumberFormatting.format(award))")}"
            }
            return "{rule: steps, direction: \(d), steps: [\(steps.joined(separator: ", "))]}"
        case "capped_count": return "{rule: capped_count, cap: \(random.int(1...10)), direction: \(d)}"
        case "min_max": return "{rule: min_max, direction: \(d)}"
        case "rank": return "{rule: rank, direction: \(d)}"
        case "percentile": return "{rule: percentile, direction: \(d)}"
        case "as_is": return "{rule: as_is, direction: \(d)}"
        case "z_sample": return "{rule: z_score, direction: \(d)}"
        default: return "{rule: z_score, sd: population, direction: \(d)}"
        }
    }
}

@Suite("Properties over random small methodologies")
struct PropertyTests {
    static let caseCount = 50

    @Test("bounded rules give scores within [0, 1], and so does every aggregate of them")
    func bounded() throws {
        var random = SplitMix64(seed: 0x1C7_2017)
        for _ in 0..<Self.caseCount {
            let c = RandomCase(&random, .init(boundedOnly: true))
            let m = try loadMethodology(c.yaml)
            let r = try computeBlock(m, c.answers)
            for leaf in r.plan.leafIndices {
                for s in r.leaves.score[leaf] where !s.isNaN {
                    #expect(s >= 0 && s <= 1, "leaf \(r.plan.nodes[leaf].id) scored \(s) in\n\(c)")
                }
            }
            for (node, scores) in r.score.enumerated() {
                for s in scores where !s.isNaN {
                    #expect(s >= 0 && s <= 1, "node \(r.plan.nodes[node].id) scored \(s) in\n\(c)")
                }
            }
        }
    }

    @Test("raising a higher-is-better input never lowers the unit's index (arithmetic aggregation)")
    func monotone() throws {
        var random = SplitMix64(seed: 0xBEEF_0001)
        var raisedSomething = 0
        for _ in 0..<Self.caseCount {
            let c = RandomCase(&random, .init(boundedOnly: true, higherOnly: true, arithmeticOnly: true))
            let m = try loadMethodology(c.yaml)
            let before = try computeBlock(m, c.answers)
            for _ in 0..<3 {
                let u = random.int(0...(c.answers.count - 1))
                let field = random.pick(c.fields)
                guard let old = c.answers[u].values[field] else { continue }
                var raised = c.answers
                raised[u].values[field] = old + Double(random.int(1...500)) / 100
                let after = try computeBlock(m, raised)
                let id = c.answers[u].unitID
                let position = try #require(before.unitIndex(id))
                let (a, b) = (before.index[position], after.index[try #require(after.unitIndex(id))])
                #expect(a.isNaN == b.isNaN)
                #expect(a.isNaN || b >= a, "raising \(field) of \(id) from \(old) lowered the index \(a) → \(b) in\n\(c)")
                raisedSomething += 1
            }
        }
        #expect(raisedSomething > 100)
    }

    @Test("permuting the input units changes no number at all")
    func permutation() throws {
        var random = SplitMix64(seed: 0x5EED_2019)
        for _ in 0..<Self.caseCount {
            let c = RandomCase(&random, .init(boundedOnly: false))
            let m = try loadMethodology(c.yaml)
            let permuted = random.shuffled(c.answers)
            // A negative score under a geometric mean is an error: the same error in any order.
            let originalResult = Result { try computeBlock(m, c.answers) }
            let shuffledResult = Result { try computeBlock(m, permuted) }
            if case .failure(let error) = originalResult {
                #expect((error as? DiagnosticError)?.diagnostics.allSatisfy { $0.code == .nonPositive } == true, "\(error)")
                guard case .failure(let other) = shuffledResult else { Issue.record("only one order failed"); continue }
                #expect((error as? DiagnosticError)?.diagnostics == (other as? DiagnosticError)?.diagnostics)
                continue
            }
            let original = try originalResult.get()
            let shuffled = try shuffledResult.get()
            #expect(original.units.map(\.unitID) == shuffled.units.map(\.unitID))
            #expect(original.score.map { $0.map(\.bitPattern) } == shuffled.score.map { $0.map(\.bitPattern) }, "\(c)")
            #expect(original.leaves.raw.map { $0.map(\.bitPattern) } == shuffled.leaves.raw.map { $0.map(\.bitPattern) })
            #expect(original.leaves.score.map { $0.map(\.bitPattern) } == shuffled.leaves.score.map { $0.map(\.bitPattern) })
            #expect(original.rank == shuffled.rank)
            #expect(original.imputed == shuffled.imputed)
            #expect(original.statistics.map(\.count) == shuffled.statistics.map(\.count))
            #expect(original.statistics.map { [$0.mean, $0.median, $0.minimum, $0.maximum].map(\.bitPattern) } == shuffled.statistics.map { [$0.mean, $0.median, $0.minimum, $0.maximum].map(\.bitPattern) })
        }
    }

    @Test("the generator is deterministic")
    func deterministic() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        #expect((0..<5).map { _ in a.next() } == (0..<5).map { _ in b.next() })
        // the reference output of SplitMix64 seeded with 0
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
    }
}
