import Foundation
import IndexCore

/// First-order and total Sobol sensitivity indices of one output, one value per uncertain input.
public struct SensitivityIndices: Hashable, Sendable {
    /// First-order indices Sᵢ: the share of the output's variance due to input i alone.
    public var first: [Double]
    /// Total indices STᵢ: the share due to input i with all its interactions.
    public var total: [Double]
    /// The variance of the output over the base samples; indices are 0 when it is 0.
    public var variance: Double
}

/// The Saltelli sampling design for Sobol indices of `k` inputs (each possibly of several
/// dimensions) from `N` base samples: matrices A and B of N rows each, drawn as the first and
/// second halves of one 2D-dimensional Sobol sequence, and for every input i a matrix ABᵢ equal
/// to A with the columns of input i taken from B. That is N · (k + 2) model runs.
///
/// Estimators (Saltelli et al. 2010, "Variance based sensitivity analysis of model output",
/// Comput. Phys. Commun. 181): first order Sᵢ = mean(f(B) · (f(ABᵢ) − f(A))) / V (Saltelli
/// 2010), total STᵢ = mean((f(A) − f(ABᵢ))²) / 2 / V (Jansen 1999), with V the variance of
/// f over the 2N rows of A and B.
public struct SaltelliDesign: Sendable {
    /// The number of dimensions of each input.
    public let inputDimensions: [Int]
    /// N, the number of base samples.
    public let baseSamples: Int
    /// The first dimension of each input.
    let offsets: [Int]
    let sequence: SobolSequence

    /// The number of uncertain inputs (the indices' length).
    public var inputCount: Int { inputDimensions.count }
    /// The total number of dimensions D.
    public var dimensions: Int { inputDimensions.reduce(0, +) }
    /// N · (k + 2).
    public var runCount: Int { baseSamples * (inputCount + 2) }

    /// A design for inputs taking `inputDimensions[i]` coordinates each, with N = `baseSamples`
    /// base samples (runs: N × (inputs + 2)), from the Sobol sequence scrambled with `seed`. Throws
    /// ``SobolSequence/Problem`` when the inputs need more dimensions than the sequence has.
    public init(inputDimensions: [Int], baseSamples: Int, seed: UInt64) throws {
        self.inputDimensions = inputDimensions
        self.baseSamples = baseSamples
        var offsets: [Int] = [], total = 0
        for d in inputDimensions { offsets.append(total); total += d }
        self.offsets = offsets
        sequence = try SobolSequence(dimensions: 2 * total, seed: seed)
    }

    /// The point (in [0, 1)^D) of run `run`: runs 0..<N are A, N..<2N are B, then ABᵢ for each i.
    public func point(run: Int) -> [Double] {
        let d = dimensions
        let sample = run % baseSamples, matrix = run / baseSamples
        let both = sequence.point(sample)
        switch matrix {
        case 0: return Array(both[0..<d])
        case 1: return Array(both[d..<(2 * d)])
        default:
            let i = matrix - 2
            var point = Array(both[0..<d])
            for c in offsets[i]..<(offsets[i] + inputDimensions[i]) { point[c] = both[d + c] }
            return point
        }
    }

    /// The indices of one output, given its value for every run (in run order).
    public func indices(_ y: [Double]) -> SensitivityIndices {
        let n = baseSamples
        let a = y[0..<n], b = y[n..<(2 * n)]
        let all = Array(a) + Array(b)
        let mean = all.reduce(0, +) / Double(all.count)
        let variance = all.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(all.count)
        var first: [Double] = [], total: [Double] = []
        for i in 0..<inputCount {
            let ab = y[((i + 2) * n)..<((i + 3) * n)]
            var s = 0.0, t = 0.0
            for j in 0..<n {
                let fa = a[a.startIndex + j], fb = b[b.startIndex + j], fab = ab[ab.startIndex + j]
                s += fb * (fab - fa)
                t += (fa - fab) * (fa - fab)
            }
            first.append(variance > 0 ? s / Double(n) / variance : 0)
            total.append(variance > 0 ? t / Double(2 * n) / variance : 0)
        }
        return SensitivityIndices(first: first, total: total, variance: variance)
    }
}

/// Runs many independent model evaluations on all cores, writing each run's outputs at the run's
/// own row, so the result depends neither on the number of cores nor on how runs are chunked.
/// The threads are IndexCore's one parallel loop (the engine's too).
public enum ParallelRuns {
    /// Evaluates `body(run, row)` for runs 0..<`count`; `row` holds the run's `outputs` values
    /// (NaN until `body` writes them). `body` runs on several threads at once.
    ///
    /// - Parameters:
    ///   - workers: how many threads to use (default: the active processor count).
    ///   - chunkSize: how many consecutive runs a worker takes at a time (at least 1).
    /// - Returns: the outputs, row-major (`result[run * outputs + o]`).
    /// - Throws: the error of the lowest-numbered failing run. A failing run ends its chunk;
    ///   other chunks still run, so the lowest failure is found whatever the scheduling.
    public static func evaluate(
        count: Int, outputs: Int, workers: Int? = nil, chunkSize: Int = 16,
        _ body: @Sendable (_ run: Int, _ row: UnsafeMutableBufferPointer<Double>) throws -> Void
    ) throws -> [Double] {
        var result = [Double](repeating: .nan, count: count * outputs)
        let chunk = max(chunkSize, 1)
        var errors = [Failure?](repeating: nil, count: (count + chunk - 1) / chunk)
        result.withUnsafeMutableBufferPointer { values in
            errors.withUnsafeMutableBufferPointer { errors in
                // Each run writes only its own row and each chunk only its own error slot.
                Parallel.forEachChunk(count: count, chunkSize: chunk, workers: workers ?? ProcessInfo.processInfo.activeProcessorCount, state: {}) { _, runs in
                    for run in runs {
                        let row = UnsafeMutableBufferPointer(rebasing: values[(run * outputs)..<((run + 1) * outputs)])
                        do { try body(run, row) } catch {
                            errors[runs.lowerBound / chunk] = Failure(run: run, error: error)
                            break
                        }
                    }
                }
            }
        }
        if let failure = errors.lazy.compactMap({ $0 }).min(by: { $0.run < $1.run }) { throw failure.error }
        return result
    }

    private struct Failure {
        var run: Int
        var error: any Error
    }
}
