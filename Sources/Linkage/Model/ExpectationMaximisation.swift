import Foundation

/// m by expectation-maximisation over comparison vectors counted per distinct pattern: millions of pairs fall in a
/// few hundred patterns, so each iteration costs the number of patterns, not of pairs. u stays fixed (from random
/// pairs, as Splink does); comparisons the session's blocking rule uses are held out, their m left as it was.
public struct ExpectationMaximisation: Sendable {
    public var levelCounts: [Int]
    public var active: [Bool]
    public var u: [[Double]]
    public var maxIterations = 100
    public var tolerance = 1e-6

    public init(levelCounts: [Int], active: [Bool], u: [[Double]]) {
        self.levelCounts = levelCounts
        self.active = active
        self.u = u
    }

    public struct Result: Sendable {
        public var m: [[Double]]
        /// The share of the session's pairs that match.
        public var lambda: Double
        public var iterations: Int
        public var converged: Bool
    }

    /// Runs EM from `m` and `lambda` on `patterns` (pattern → number of pairs).
    public func run(patterns: [UInt64: Int], m initial: [[Double]], lambda prior: Double) -> Result {
        var m = initial
        var lambda = prior
        let entries = patterns.map { (levels: levels(of: $0.key), count: Double($0.value)) }
        let total = entries.reduce(0) { $0 + $1.count }
        guard total > 0 else { return Result(m: m, lambda: lambda, iterations: 0, converged: true) }
        for iteration in 1...maxIterations {
            var matched = levelCounts.map { [Double](repeating: 0, count: $0) }
            var matchedTotal = 0.0
            for entry in entries {
                var pm = lambda
                var pu = 1 - lambda
                for (c, level) in entry.levels.enumerated() where active[c] && level > 0 {
                    pm *= m[c][level]
                    pu *= u[c][level]
                }
                let posterior = pm + pu > 0 ? pm / (pm + pu) : 0
                let weight = posterior * entry.count
                matchedTotal += weight
                for (c, level) in entry.levels.enumerated() where active[c] { matched[c][level] += weight }
            }
            var change = abs(matchedTotal / total - lambda)
            lambda = min(max(matchedTotal / total, 1e-9), 1 - 1e-9)
            for c in m.indices where active[c] {
                let nonNull = matched[c].dropFirst().reduce(0, +)
                guard nonNull > 0 else { continue }
                for level in 1..<levelCounts[c] {
                    let next = max(matched[c][level] / nonNull, 1e-9)
                    change = max(change, abs(next - m[c][level]))
                    m[c][level] = next
                }
            }
            if change < tolerance { return Result(m: m, lambda: lambda, iterations: iteration, converged: true) }
        }
        return Result(m: m, lambda: lambda, iterations: maxIterations, converged: false)
    }

    func levels(of pattern: UInt64) -> [Int] {
        levelCounts.indices.map { Comparator.level(of: pattern, comparison: $0) }
    }

    /// A starting m that trusts agreement: most matches at the first level, less further down.
    public static func initialM(levelCounts: [Int]) -> [[Double]] {
        levelCounts.map { count in
            let informative = count - 1
            var weights = (0..<informative).map { pow2(-Double($0) * 1.5) }
            let sum = weights.reduce(0, +)
            weights = weights.map { $0 / sum }
            return [0] + weights
        }
    }

    static func pow2(_ x: Double) -> Double { pow(2, x) }
}
