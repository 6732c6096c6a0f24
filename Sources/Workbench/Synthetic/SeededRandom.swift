import Foundation

/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast generator whose output depends only on the seed,
/// on every platform and in every run. The system generator is never used: `--seed` must reproduce a sample.
///
/// The synthetic generator addresses its streams rather than consuming one in sequence: a row's stream is
/// keyed by its person, table and position, a cell's by its row and column. Any cell can therefore be
/// recomputed alone, which is how a child row copies its parent's key without the parent being kept.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.finalize(state)
    }

    /// SplitMix64's output function: a bijection on 64 bits, so distinct inputs give distinct outputs.
    public static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A key derived from two others, for addressing a sub-stream.
    public static func key(_ a: UInt64, _ b: UInt64) -> UInt64 {
        finalize(a ^ finalize(b &+ 0x632B_E59B_D9B4_E019))
    }

    /// A stable key for a name, the same in every process (Swift's `Hasher` is seeded per process): FNV-1a
    /// over the upper-cased UTF-8.
    public static func key(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.uppercased().utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return finalize(hash)
    }

    /// Uniform in 0..<bound (Lemire's multiply-shift; the bias is below 2^-32 for the bounds used here).
    public mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A Poisson count of mean `mean`: Knuth's product method below 30, a rounded normal above.
    public mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 30 {
            let limit = exp(-mean)
            var product = unit()
            var count = 0
            while product > limit {
                count += 1
                product *= unit()
            }
            return count
        }
        let u1 = max(unit(), 1e-12)
        let u2 = unit()
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return max(0, Int((mean + normal * mean.squareRoot()).rounded()))
    }

    /// A geometric count (0, 1, 2...) of mean `mean`.
    public mutating func geometric(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        let p = 1 / (1 + mean)
        return Int((log(1 - unit()) / log(1 - p)).rounded(.down))
    }
}

/// Draws indexes with given weights, or 0..<count with a Zipf-like skew (weight 1/(k+1)^s): the first codes of a
/// nomenclature, names and places are the frequent ones. Used when nothing gives the real frequencies.
public struct WeightedDraw: Sendable {
    let cumulative: [Double]

    public init(count: Int, exponent: Double = 1.1) {
        self.init(weights: (0..<count).map { 1 / pow(Double($0 + 1), exponent) })
    }

    public init(weights: [Double]) {
        var total = 0.0
        let cumulative = weights.map { weight in
            total += weight
            return total
        }
        self.cumulative = cumulative.map { $0 / total }
    }

    public func draw(_ random: inout SplitMix64) -> Int {
        let target = random.unit()
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
