import Foundation

/// What a worker does with each compared pair: count its pattern (training) or score it (prediction).
protocol PairSink: Sendable {
    mutating func take(_ i: Int, _ j: Int, pattern: UInt64)
}

extension LinkageJob {
    /// Compares every pair of the plans' blocks on every core; with `skipEarlier`, a pair rule r produces is dropped
    /// when an earlier rule produced it too (its keys agree), so each pair is counted once, by its first rule.
    func scan<Sink: PairSink>(plans: [BlockPlan], keys: [RuleKeys], skipEarlier: Bool, make: @escaping @Sendable () -> Sink) async -> [Sink] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let total = plans.reduce(0) { $0 + $1.pairs }
        let target = max(20_000, total / (workers * 32))
        var work: [(plan: Int, unit: [BlockPlan.Block])] = []
        for (index, plan) in plans.enumerated() { work += plan.units(target: target).map { (index, $0) } }
        let units = work
        let comparator = self.comparator
        return await withTaskGroup(of: Sink.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var sink = make()
                    var cache = Comparator.Cache(count: comparator.kernels.count)
                    var next = worker
                    while next < units.count {
                        let (index, unit) = units[next]
                        plans[index].forEachPair(in: unit) { i, j in
                            if skipEarlier {
                                for earlier in 0..<index where keys[earlier].agree(i, j) { return }
                            }
                            sink.take(i, j, pattern: comparator.pattern(i, j, cache: &cache))
                        }
                        next += workers
                    }
                    return sink
                }
            }
            var sinks: [Sink] = []
            for await sink in group { sinks.append(sink) }
            return sinks
        }
    }
}

/// Counts pairs per comparison pattern.
struct PatternCounter: PairSink {
    var counts: [UInt64: Int] = [:]
    mutating func take(_ i: Int, _ j: Int, pattern: UInt64) { counts[pattern, default: 0] += 1 }
}
