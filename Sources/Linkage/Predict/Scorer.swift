import Foundation

/// A pair's match weight from its comparison vector: the prior's weight plus each level's log2(m/u), plus, on an
/// exact level with term frequencies, log2(u / frequency of the value): agreeing on a rare name says more.
struct Scorer: Sendable {
    var priorWeight: Double
    var weights: [[Double]]
    /// Per comparison: the exact level adjusted for term frequency (0 for none), its u, and the kernel's data.
    var termFrequencyLevel: [Int]
    var exactU: [Double]
    var kernels: [ComparisonKernel]

    init(model: ModelParameters, comparator: Comparator) {
        priorWeight = model.priorWeight
        weights = model.comparisons.map(\.weights)
        kernels = comparator.kernels
        termFrequencyLevel = model.comparisons.map { $0.levels.firstIndex(where: \.termFrequency) ?? 0 }
        exactU = model.comparisons.enumerated().map { c, parameters in
            let level = parameters.levels.firstIndex(where: \.termFrequency) ?? 0
            return level > 0 ? parameters.levels[level].u : 1
        }
    }

    func termFrequencyAdjustment(_ c: Int, level: Int, left i: Int) -> Double {
        guard level > 0, level == termFrequencyLevel[c] else { return 0 }
        let code = kernels[c].left[i]
        guard code >= 0, Int(code) < kernels[c].frequencies.count else { return 0 }
        let frequency = Double(max(kernels[c].frequencies[Int(code)], 1e-9))
        return log2(exactU[c] / frequency)
    }

    @inline(__always) func weight(_ i: Int, _ pattern: UInt64) -> Double {
        var total = priorWeight
        for c in weights.indices {
            let level = Comparator.level(of: pattern, comparison: c)
            total += weights[c][level]
            if termFrequencyLevel[c] != 0 { total += termFrequencyAdjustment(c, level: level, left: i) }
        }
        return total
    }

    static func probability(_ weight: Double) -> Double {
        if weight.isNaN { return 1 }
        let odds = pow(2, weight)
        return odds.isInfinite ? 1 : odds / (1 + odds)
    }
}

/// One scored pair, as record numbers of each side.
public struct ScoredPair: Sendable, Equatable {
    public var left: Int32
    public var right: Int32
    public var weight: Double
    /// The deterministic rule that accepted the pair, or nil when the model did.
    public var rule: Int?

    public var probability: Double { Scorer.probability(weight) }
}

/// The distribution of match weights over every compared pair, one bin per bit from -40 to +40.
public struct WeightHistogram: Sendable, Codable, Equatable {
    public static let lowest = -40
    public var counts = [Int](repeating: 0, count: 81)

    mutating func add(_ weight: Double) {
        let bin = min(max(Int(weight.rounded(.down)), Self.lowest), Self.lowest + 80) - Self.lowest
        counts[bin] += 1
    }

    mutating func merge(_ other: WeightHistogram) { for index in counts.indices { counts[index] += other.counts[index] } }
}

struct ScoringSink: PairSink {
    let scorer: Scorer
    let keep: Double
    var kept: [ScoredPair] = []
    var histogram = WeightHistogram()
    var expectedMatches = 0.0
    var compared = 0

    mutating func take(_ i: Int, _ j: Int, pattern: UInt64) {
        let weight = scorer.weight(i, pattern)
        compared += 1
        histogram.add(weight)
        expectedMatches += Scorer.probability(weight)
        if weight >= keep { kept.append(ScoredPair(left: Int32(i), right: Int32(j), weight: weight, rule: nil)) }
    }
}
