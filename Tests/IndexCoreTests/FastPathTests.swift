import Foundation
@testable import IndexCore
import Synchronization
import Testing

/// The engine's fast paths against the plain definitions they replace: ranks counted on rounded
/// steps against sorting, statistics from step buckets against sorting, work spread over cores
/// against one thread.
@Suite("Fast paths")
struct FastPathTests {
    /// Columns of scores that reach every branch of ``PublishedRanking``.
    static func columns(_ random: inout SplitMix64, count n: Int) -> [(name: String, values: [Double])] {
        [
            ("many distinct values on [0, 1], some missing", (0..<n).map { _ in random.chance(0.05) ? .nan : random.unit() }),
            ("few distinct values, -0.0 among the zeros", (0..<n).map { _ in random.pick([0.0, -0.0, 1.0, 0.5]) }),
            ("negative and positive values", (0..<n).map { _ in random.uniform(-4, 4) }),
            ("values on exact half steps", (0..<n).map { _ in Double(random.int(0...2000)) / 20_000 }),
            ("one step of distinct values in descending order", (0..<n).map { 0.5 + Double(n - $0) * 1e-9 }),
            ("a range too wide to count", (0..<n).map { _ in random.uniform(-1e9, 1e9) }),
            ("values beyond 2⁴⁰ steps", (0..<n).map { _ in random.chance(0.5) ? 1e30 : random.unit() }),
            ("nothing present", Array(repeating: .nan, count: n)),
        ]
    }

    /// Equal bit for bit, NaN and the sign of zero included.
    static func same(_ a: NodeStatistics, _ b: NodeStatistics) -> Bool {
        a.count == b.count && [a.mean, a.median, a.minimum, a.maximum].map(\.bitPattern) == [b.mean, b.median, b.minimum, b.maximum].map(\.bitPattern)
    }

    @Test("counted ranks and bucketed statistics equal those from sorting, bit for bit", arguments: [1, 2, 7, 300, 5_000])
    func countedEqualsSorted(count: Int) {
        var random = SplitMix64(seed: UInt64(count))
        var published = PublishedRanking() // one scratch for every column, as the engine uses it
        var counted = 0
        for decimals in [0, 2, 4] {
            let scale = pow(10, Double(decimals))
            for (name, values) in Self.columns(&random, count: count) {
                let sortedRanks = Ranking.competitionRanks(values.map { PublishedRounding.steps($0, scale: scale) })
                let sortedStatistics = NodeStatistics(values)
                if let result = published.ranksAndStatistics(values, scale: scale) {
                    counted += 1
                    #expect(result.ranks == sortedRanks, "\(name), \(decimals) decimals")
                    #expect(Self.same(result.statistics, sortedStatistics), "\(name), \(decimals) decimals: \(result.statistics) vs \(sortedStatistics)")
                }
                #expect(Engine.ranks(values, ranking: RankingPolicy(decimals: decimals)) == sortedRanks, "\(name), \(decimals) decimals")
            }
        }
        #expect(counted >= 15) // most columns take the counted path
    }

    @Test("ranges too wide to count and values beyond 2⁴⁰ steps are left to sorting")
    func fallbacks() {
        var random = SplitMix64(seed: 7)
        var published = PublishedRanking()
        let wide = (0..<300).map { _ in random.uniform(-1e9, 1e9) }
        #expect(published.ranksAndStatistics(wide, scale: 100) == nil)
        #expect(published.ranksAndStatistics([0.5, 1e30], scale: 1) == nil)
        // the same scratch still works afterwards
        let result = published.ranksAndStatistics([0.5, .nan, 0.25, 1, 0.25], scale: 1000)
        #expect(result?.ranks == [2, 0, 3, 1, 3])
        #expect(result?.statistics == NodeStatistics(count: 4, mean: 0.5, median: 0.375, minimum: 0.25, maximum: 1))
    }

    @Test("statistics by hand: ascending sum, middle values, extremes")
    func statisticsByHand() {
        let s = NodeStatistics([0.5, .nan, 0.25, 1, 0.25])
        #expect(s == NodeStatistics(count: 4, mean: 0.5, median: 0.375, minimum: 0.25, maximum: 1))
        let odd = NodeStatistics([3, 1, 2])
        #expect(odd == NodeStatistics(count: 3, mean: 2, median: 2, minimum: 1, maximum: 3))
        let none = NodeStatistics([.nan])
        #expect(none.count == 0 && none.mean.isNaN && none.median.isNaN)
    }

    @Test("work spread over workers comes back in index order, whatever the number of workers")
    func parallelMapOrder() {
        for workers in [1, 2, 3, 8] {
            for count in [0, 1, 2, 5, 100] {
                let squares = Parallel.map(count: count, workers: workers, state: { 0 }) { calls, i -> Int in
                    calls += 1
                    return i * i
                }
                #expect(squares == (0..<count).map { $0 * $0 }, "\(workers) workers, \(count) items")
            }
        }
        // each worker has its own state: every worker's calls count 1, 2, 3, … whichever indices
        // it took, so a value k appears no more often than k - 1 does
        for workers in [1, 2, 4] {
            let calls = Parallel.map(count: 50, workers: workers, state: { 0 }) { calls, _ -> Int in
                calls += 1
                return calls
            }
            let times = Dictionary(calls.map { ($0, 1) }, uniquingKeysWith: +)
            #expect(times[1, default: 0] <= workers && times[1, default: 0] >= 1)
            #expect(times.keys.allSatisfy { $0 == 1 || times[$0]! <= times[$0 - 1, default: 0] })
            #expect(times.values.reduce(0, +) == 50)
        }
        #expect(Parallel.workers(items: 3, units: 63) == 1)
    }

    @Test("chunks cover every index exactly once, in order within a chunk, whatever the workers and chunk size")
    func parallelChunks() {
        for workers in [1, 2, 3, 8] {
            for (count, chunkSize) in [(0, 4), (1, 4), (10, 3), (12, 3), (100, 1), (100, 7), (5, 100), (6, 0)] {
                let seen = Mutex<[Range<Int>]>([])
                Parallel.forEachChunk(count: count, chunkSize: chunkSize, workers: workers, state: {}) { _, chunk in
                    seen.withLock { $0.append(chunk) }
                }
                let chunks = seen.withLock { $0 }.sorted { $0.lowerBound < $1.lowerBound }
                // Consecutive, gapless, each of chunkSize indices (at least 1) but the last.
                #expect(chunks.flatMap { Array($0) } == Array(0..<count), "\(workers) workers, \(count) items in chunks of \(chunkSize)")
                #expect(chunks.dropLast().allSatisfy { $0.count == max(1, chunkSize) })
                #expect(chunks.count == (count + max(1, chunkSize) - 1) / max(1, chunkSize))
            }
        }
    }

    @Test("a block large enough to use every core gives the results of the plain definitions")
    func largeBlock() throws {
        // 24 leaves × 12,000 units: above Parallel.minimumWork, so leaves, ranks and statistics are
        // spread over the cores (on a machine with more than one).
        let leaves = (1...24).map { k in
            let rules = ["ratio", "{rule: relative_to_best}", "{rule: min_max}", "{rule: z_score}", "{rule: steps, steps: [{at_least: 0.5, score: 1}, {at_least: 0.2, score: 0.5}]}", "yes_no"]
            return "    - {id: l\(k), weight: \(k % 5 + 1), value: f\(k), score: \(rules[k % rules.count])}"
        }
        let yaml = """
        id: large
        title: Large
        scale: points
        ranking: {decimals: 4}
        blocks:
          - {id: p, name: Provinces}
        fields:
        \((1...24).map { "  - {id: f\($0), label: f\($0), type: number}" }.joined(separator: "\n"))
        index:
          id: index
          children:
        \(leaves.joined(separator: "\n"))
        """
        let methodology = try loadMethodology(yaml)
        var random = SplitMix64(seed: 42)
        let n = 12_000
        #expect(24 * n >= Parallel.minimumWork)
        let answers = (0..<n).map { u in
            var values: [String: Double] = [:]
            for k in 1...24 where !random.chance(0.03) { values["f\(k)"] = k % 6 == 0 ? Double(random.int(0...1)) : random.unit() }
            return UnitAnswers(unitID: String(format: "u%05d", u), name: "Unit \(u)", block: "p", values: values)
        }
        let block = try computeBlock(methodology, answers)
        let scale = 10_000.0
        for node in block.plan.nodes.indices {
            #expect(block.rank[node] == Ranking.competitionRanks(block.score[node].map { PublishedRounding.steps($0, scale: scale) }), "\(block.plan.nodes[node].id)")
            #expect(Self.same(block.statistics[node], NodeStatistics(block.score[node])), "\(block.plan.nodes[node].id)")
        }
        // input order changes nothing
        var shuffler = SplitMix64(seed: 9)
        let shuffled = try computeBlock(methodology, shuffler.shuffled(answers))
        #expect(shuffled.score.map { $0.map(\.bitPattern) } == block.score.map { $0.map(\.bitPattern) })
        #expect(shuffled.rank == block.rank)
    }
}
