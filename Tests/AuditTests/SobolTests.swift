import Audit
import Foundation
import Testing

@Suite("Sobol sequence and indices")
struct SobolTests {
    @Test("the plain sequence equals the Joe–Kuo reference (SciPy qmc.Sobol, scramble=False)")
    func reference() throws {
        let s = try SobolSequence(dimensions: 5)
        let expected: [[Double]] = [
            [0, 0, 0, 0, 0], [0.5, 0.5, 0.5, 0.5, 0.5], [0.75, 0.25, 0.25, 0.25, 0.75], [0.25, 0.75, 0.75, 0.75, 0.25],
            [0.375, 0.375, 0.625, 0.875, 0.375], [0.875, 0.875, 0.125, 0.375, 0.875], [0.625, 0.125, 0.875, 0.625, 0.625],
            [0.125, 0.625, 0.375, 0.125, 0.125],
        ]
        for (i, row) in expected.enumerated() { #expect(s.point(i) == row) }
        let forty = try SobolSequence(dimensions: 40)
        #expect(Array(forty.point(13)[35..<40]) == [0.3125, 0.0625, 0.6875, 0.6875, 0.9375])
        let thousand = try SobolSequence(dimensions: 1000)
        #expect(Array(thousand.point(599)[995..<1000]) == [0.0986328125, 0.1435546875, 0.0595703125, 0.5634765625, 0.3427734375])
    }
}

extension SobolTests {
    /// Ishigami: f = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁ on [−π, π]³, a = 7, b = 0.1.
    static func ishigami(_ u: [Double]) -> Double {
        let x = u.map { -Double.pi + 2 * Double.pi * $0 }
        return sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0])
    }

    @Test("Saltelli 2010 / Jansen estimators recover the analytic Ishigami indices within 0.02 (N = 8192)")
    func ishigamiIndices() throws {
        let design = try SaltelliDesign(inputDimensions: [1, 1, 1], baseSamples: 8192, seed: 2024)
        #expect(design.runCount == 8192 * 5)
        let y = try ParallelRuns.evaluate(count: design.runCount, outputs: 1) { run, row in
            row[0] = Self.ishigami(design.point(run: run))
        }
        let indices = design.indices(y)
        // Analytic values: V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2.
        let a = 7.0, b = 0.1, pi4 = pow(Double.pi, 4)
        let v = a * a / 8 + b * pi4 / 5 + b * b * pi4 * pi4 / 18 + 0.5
        let v1 = 0.5 * pow(1 + b * pi4 / 5, 2), v2 = a * a / 8, v13 = b * b * pi4 * pi4 * (1.0 / 18 - 1.0 / 50)
        let first = [v1 / v, v2 / v, 0], total = [(v1 + v13) / v, v2 / v, v13 / v]
        #expect(abs(first[0] - 0.3139) < 1e-4 && abs(total[2] - 0.2437) < 1e-4)
        for i in 0..<3 {
            #expect(abs(indices.first[i] - first[i]) < 0.02, "S\(i + 1) = \(indices.first[i]), analytic \(first[i])")
            #expect(abs(indices.total[i] - total[i]) < 0.02, "ST\(i + 1) = \(indices.total[i]), analytic \(total[i])")
        }
    }

    @Test("the same seed gives the same numbers whatever the number of workers and the chunk size")
    func parallelDeterminism() throws {
        let design = try SaltelliDesign(inputDimensions: [1, 2, 1], baseSamples: 300, seed: 7)
        func run(_ workers: Int, _ chunk: Int) throws -> [Double] {
            try ParallelRuns.evaluate(count: design.runCount, outputs: 2, workers: workers, chunkSize: chunk) { run, row in
                let p = design.point(run: run)
                row[0] = Self.ishigami([p[0], p[1], p[3]])
                row[1] = p[2]
            }
        }
        let reference = try run(1, 1000)
        #expect(try run(4, 7) == reference)
        #expect(try run(2, 1) == reference)
        #expect(try run(3, 64) == reference)
        // Another seed gives other points.
        let other = try SaltelliDesign(inputDimensions: [1, 2, 1], baseSamples: 300, seed: 8)
        #expect(other.point(run: 5) != design.point(run: 5))
    }

    @Test("the lowest failing run's error is reported")
    func errors() {
        struct Failure: Error, Equatable { let run: Int }
        #expect(throws: Failure(run: 10)) {
            _ = try ParallelRuns.evaluate(count: 100, outputs: 1, workers: 4, chunkSize: 3) { run, _ in
                if run >= 10 && run % 10 == 0 { throw Failure(run: run) }
            }
        }
    }
}
