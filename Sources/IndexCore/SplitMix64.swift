/// SplitMix64 (Steele, Lea and Flood 2014): a small, seedable generator of 64-bit words that
/// gives the same numbers on every machine. Everything in ictindex that needs randomness (the
/// example generator, synthetic benchmark data, property tests, the scrambling of Sobol
/// sequences) uses it with a fixed seed, so outputs are reproducible.
public struct SplitMix64: Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed` (any value, 0 included).
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64-bit word of the sequence (uniform over all 2⁶⁴ values).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double uniformly distributed in [0, 1), from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A double uniformly distributed in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    /// An integer uniformly distributed in `range` (the modulo bias is negligible for small ranges).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with the given probability.
    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// One of `items`, which must not be empty.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}
