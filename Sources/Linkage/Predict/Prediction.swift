/// The answer of a prediction: the pairs kept, and what was seen of every pair compared.
public struct Prediction: Sendable {
    /// Pairs at or over the threshold, and every pair a deterministic rule accepted; best weight first.
    public var pairs: [ScoredPair]
    public var threshold: Double
    /// Pairs compared by the model, each once (a pair two rules produce counts for the first).
    public var comparedPairs: Int
    /// The sum of the match probabilities of every compared pair: the number of matches the model expects.
    public var expectedMatches: Double
    public var histogram: WeightHistogram
    public var deterministicPairs: Int
}

extension LinkageJob {
    /// Scores every blocked pair with `model` (each pair once, on every core) and keeps those at or above
    /// `keep` (default: the spec's threshold), with every deterministic match; one-to-one when the spec asks.
    public func predict(model: ModelParameters, keep: Double? = nil) async throws -> Prediction {
        try model.check(against: spec, path: spec.modelPath)
        let threshold = spec.threshold.weight
        let scorer = Scorer(model: model, comparator: comparator)
        let floor = keep ?? threshold
        var pairs: [ScoredPair] = []
        var histogram = WeightHistogram()
        var expected = 0.0
        var compared = 0
        if !spec.comparisons.isEmpty {
            let sinks = await scan(plans: plans, keys: blockingKeys, skipEarlier: true) { ScoringSink(scorer: scorer, keep: floor) }
            for sink in sinks {
                pairs += sink.kept
                histogram.merge(sink.histogram)
                expected += sink.expectedMatches
                compared += sink.compared
            }
        }
        if !deterministicPairs.isEmpty {
            var index: [UInt64: Int] = [:]
            for (position, pair) in pairs.enumerated() { index[Self.pairKey(Int(pair.left), Int(pair.right))] = position }
            for (key, rule) in deterministicPairs {
                let i = Int(key >> 32), j = Int(key & 0xFFFF_FFFF)
                if let position = index[key] {
                    pairs[position].rule = rule
                } else {
                    let weight = spec.comparisons.isEmpty ? Double.nan : scorer.weight(i, comparator.pattern(i, j))
                    pairs.append(ScoredPair(left: Int32(i), right: Int32(j), weight: weight, rule: rule))
                }
            }
        }
        pairs.sort { ($0.weight.isNaN ? .infinity : $0.weight, $1.left, $1.right) > ($1.weight.isNaN ? .infinity : $1.weight, $0.left, $0.right) }
        if spec.oneToOne { pairs = Self.oneToOne(pairs, threshold: threshold) }
        return Prediction(
            pairs: pairs, threshold: threshold, comparedPairs: compared, expectedMatches: expected, histogram: histogram,
            deterministicPairs: deterministicPairs.count)
    }

    /// Greedy one-to-one assignment: best weight first, a pair is kept when neither record is taken yet.
    /// Pairs under the threshold (kept for evaluation) pass through untouched and do not take records.
    static func oneToOne(_ sorted: [ScoredPair], threshold: Double) -> [ScoredPair] {
        var takenLeft = Set<Int32>()
        var takenRight = Set<Int32>()
        var result: [ScoredPair] = []
        for pair in sorted {
            if pair.rule == nil, pair.weight < threshold {
                result.append(pair)
                continue
            }
            guard !takenLeft.contains(pair.left), !takenRight.contains(pair.right) else { continue }
            takenLeft.insert(pair.left)
            takenRight.insert(pair.right)
            result.append(pair)
        }
        return result
    }

    /// The pairs the job decides are matches: deterministic, or at or over the threshold.
    public static func matches(_ prediction: Prediction) -> [ScoredPair] {
        prediction.pairs.filter { $0.rule != nil || $0.weight >= prediction.threshold }
    }
}
