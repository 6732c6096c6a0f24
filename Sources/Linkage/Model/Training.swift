import Foundation
import Workbench

extension LinkageJob {
    /// Trains the model: u from random pairs, m by EM under each training blocking rule (the comparisons the rule
    /// blocks on held out), the prior from the deterministic matches when the spec has rules, else from EM.
    public func train() async -> ModelParameters {
        let levelCounts = spec.comparisons.map { $0.levelLabels.count }
        var log: [String] = []
        let sample = await uSample(levelCounts: levelCounts)
        let u = sample.counts.map { counts in
            let nonNull = counts.dropFirst().reduce(0, +)
            return [0] + counts.dropFirst().map { max(Double($0), 0.5) / Double(max(nonNull, 1)) }
        }
        log.append("u from \(sample.pairs) random pairs (seed \(spec.training.seed))")
        var estimates = levelCounts.map { _ in [[Double]]() }
        var sessions: [(expectedMatches: Double, heldOut: [Int], exactKeys: Bool)] = []
        for (index, keys) in trainingKeys.enumerated() {
            let rule = spec.training.blocking[index]
            let plan = BlockPlan(keys, deduplicate: mode == .deduplicate)
            let counters = await scan(plans: [plan], keys: [keys], skipEarlier: false) { PatternCounter() }
            var patterns: [UInt64: Int] = [:]
            for counter in counters { patterns.merge(counter.counts, uniquingKeysWith: +) }
            let active = spec.comparisons.map { rule.columns.isDisjoint(with: $0.columns) }
            var em = ExpectationMaximisation(levelCounts: levelCounts, active: active, u: u)
            em.maxIterations = spec.training.maxIterations
            let result = em.run(patterns: patterns, m: ExpectationMaximisation.initialM(levelCounts: levelCounts), lambda: 0.1)
            for c in levelCounts.indices where active[c] { estimates[c].append(result.m[c]) }
            let heldOut = spec.comparisons.indices.filter { !active[$0] }
            sessions.append((result.lambda * Double(plan.pairs), heldOut, rule.keys.allSatisfy { $0.function == .value }))
            let held = heldOut.map { spec.comparisons[$0].name }
            log.append(
                "EM on \(rule.description): \(plan.pairs) pairs in \(patterns.count) patterns, \(result.iterations) iterations"
                    + "\(result.converged ? "" : " (not converged)"), \(held.isEmpty ? "nothing" : held.joined(separator: ", ")) held out")
        }
        let initial = ExpectationMaximisation.initialM(levelCounts: levelCounts)
        var comparisons: [ComparisonParameters] = []
        for (c, comparison) in spec.comparisons.enumerated() {
            var m = initial[c]
            if estimates[c].isEmpty {
                log.append("m of \(comparison.name) not trained: every training rule blocks on it; its starting values are kept")
            } else {
                m = (0..<levelCounts[c]).map { level in estimates[c].map { $0[level] }.reduce(0, +) / Double(estimates[c].count) }
            }
            let labels = comparison.levelLabels
            comparisons.append(
                ComparisonParameters(
                    name: comparison.name,
                    levels: labels.indices.map { level in
                        let tf = level > 0 && level <= comparison.levels.count && comparison.levels[level - 1] == .exact(termFrequency: true)
                        return LevelParameters(label: labels[level], m: level == 0 ? 1 : m[level], u: level == 0 ? 1 : u[c][level], termFrequency: tf)
                    }))
        }
        var prior = Self.priorFromSessions(sessions, comparisons: comparisons, candidatePairs: candidatePairs) ?? 1e-4
        if !spec.deterministic.isEmpty, deterministicMatches > 0 {
            prior = Double(deterministicMatches) / (spec.training.deterministicRecall * candidatePairs)
            log.append("prior from \(deterministicMatches) deterministic matches, recall \(spec.training.deterministicRecall)")
        } else {
            log.append("prior from EM")
        }
        prior = min(max(prior, 1e-12), 1 - 1e-9)
        return ModelParameters(mode: mode, prior: prior, comparisons: comparisons, training: log)
    }

    /// The prior from the EM sessions: a session's expected matches, divided by the share of matches its blocking
    /// rule lets through (on exact keys: the product of m at the exact level of the comparisons it holds out, which
    /// the other sessions estimated), over all candidate pairs; the median of the sessions, robust to one odd rule.
    static func priorFromSessions(
        _ sessions: [(expectedMatches: Double, heldOut: [Int], exactKeys: Bool)], comparisons: [ComparisonParameters], candidatePairs: Double
    ) -> Double? {
        let estimates = sessions.map { session -> Double in
            var recall = 1.0
            if session.exactKeys {
                for c in session.heldOut {
                    if let exact = comparisons[c].levels.first(where: { $0.label.hasPrefix("exact") }) { recall *= exact.m }
                }
            }
            return session.expectedMatches / max(recall, 1e-6) / candidatePairs
        }.sorted()
        return estimates.isEmpty ? nil : estimates[estimates.count / 2]
    }

    /// Level counts over random pairs, drawn on every core from seeded generators.
    func uSample(levelCounts: [Int]) async -> (counts: [[Int]], pairs: Int) {
        let pairs = Int(min(Double(spec.training.uSamplePairs), candidatePairs))
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let comparator = self.comparator
        let (leftCount, rightCount) = (left.count, right.count)
        let deduplicate = mode == .deduplicate
        let seed = spec.training.seed
        let counts = await withTaskGroup(of: [[Int]].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var random = SplitMix64(seed: SplitMix64.key(seed, UInt64(worker)))
                    var counts = levelCounts.map { [Int](repeating: 0, count: $0) }
                    for _ in stride(from: worker, to: pairs, by: workers) {
                        var i = Int.random(in: 0..<leftCount, using: &random)
                        var j = Int.random(in: 0..<rightCount, using: &random)
                        if deduplicate {
                            while j == i { j = Int.random(in: 0..<rightCount, using: &random) }
                            if i > j { swap(&i, &j) }
                        }
                        // Random pairs rarely repeat a value pair: a cache would only cost here.
                        let pattern = comparator.pattern(i, j)
                        for c in levelCounts.indices { counts[c][Comparator.level(of: pattern, comparison: c)] += 1 }
                    }
                    return counts
                }
            }
            var total = levelCounts.map { [Int](repeating: 0, count: $0) }
            for await part in group {
                for c in total.indices { for level in total[c].indices { total[c][level] += part[c][level] } }
            }
            return total
        }
        return (counts, pairs)
    }
}
