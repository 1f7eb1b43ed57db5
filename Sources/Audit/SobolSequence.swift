import IndexCore

/// A Sobol low-discrepancy sequence in up to ``maximumDimensions`` dimensions, with Joe–Kuo
/// direction numbers, optionally randomised by a digital shift.
///
/// Points are in Gray-code order (as in Joe and Kuo's reference generator and SciPy's
/// `qmc.Sobol`), and any point can be computed from its index alone, so parallel workers can
/// each generate their own runs and the sequence does not depend on how the work is split.
///
/// **Randomisation.** With a seed, every coordinate is XOR-ed with a fixed 32-bit word drawn
/// for its dimension from SplitMix64(seed) (a *random digital shift*). A digital shift keeps the
/// net structure that makes the sequence low-discrepancy, gives different but equally good
/// point sets for different seeds, and moves the first point away from the origin. Without a
/// seed the plain sequence is produced (its first point is 0).
public struct SobolSequence: Sendable {
    /// The number of coordinates of each point.
    public let dimensions: Int
    /// `directions[d][j]`: direction number j (bit 31 − j) of dimension d.
    private let directions: [[UInt32]]
    private let shift: [UInt32]

    /// Errors of construction.
    public enum Problem: Error, Sendable, CustomStringConvertible {
        /// More dimensions were asked for (the count) than the committed direction-number table
        /// has.
        case tooManyDimensions(Int)
        /// The problem in words, naming the dimensions asked for and the table's maximum.
        public var description: String {
            switch self {
            case .tooManyDimensions(let d): "a Sobol sequence of \(d) dimensions was asked for; the committed Joe–Kuo table has \(SobolSequence.maximumDimensions)"
            }
        }
    }

    /// A sequence of `dimensions` coordinates; with a `seed`, digitally shifted.
    public init(dimensions: Int, seed: UInt64? = nil) throws {
        guard dimensions <= Self.maximumDimensions else { throw Problem.tooManyDimensions(dimensions) }
        self.dimensions = dimensions
        var directions: [[UInt32]] = []
        if dimensions > 0 { directions.append((0..<32).map { UInt32(1) << (31 - $0) }) }
        for line in Self.table.prefix(max(dimensions - 1, 0)) {
            let s = line.degree, a = line.coefficients
            var v = [UInt32](repeating: 0, count: 32)
            for j in 0..<min(s, 32) { v[j] = line.initial[j] << (31 - j) }
            if s < 32 {
                for j in s..<32 {
                    var value = v[j - s] ^ (v[j - s] >> s)
                    for k in 1..<s where (a >> (s - 1 - k)) & 1 == 1 { value ^= v[j - k] }
                    v[j] = value
                }
            }
            directions.append(v)
        }
        self.directions = directions
        if let seed {
            var random = SplitMix64(seed: seed)
            shift = (0..<dimensions).map { _ in UInt32(truncatingIfNeeded: random.next() >> 32) }
        } else {
            shift = [UInt32](repeating: 0, count: dimensions)
        }
    }

    /// Point `index` (0-based) of the sequence, each coordinate in [0, 1).
    public func point(_ index: Int) -> [Double] {
        var out = [Double](repeating: 0, count: dimensions)
        point(index, into: &out)
        return out
    }

    /// Writes point `index` into `out` (which has at least ``dimensions`` elements).
    public func point(_ index: Int, into out: inout [Double]) {
        let gray = UInt64(index) ^ (UInt64(index) >> 1)
        for d in 0..<dimensions {
            var x: UInt32 = shift[d]
            var bits = gray, j = 0
            while bits != 0 && j < 32 {
                if bits & 1 == 1 { x ^= directions[d][j] }
                bits >>= 1
                j += 1
            }
            out[d] = Double(x) * 0x1p-32
        }
    }

    struct Line: Sendable {
        let degree: Int
        let coefficients: Int
        let initial: [UInt32]
    }

    /// The parsed Joe–Kuo table (dimensions 2…``maximumDimensions``).
    static let table: [Line] = joeKuoTable.split(separator: "\n").map { row in
        let numbers = row.split(separator: " ").map { Int($0)! }
        return Line(degree: numbers[1], coefficients: numbers[2], initial: numbers[3...].map { UInt32($0) })
    }
}

