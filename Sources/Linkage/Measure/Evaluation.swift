import Foundation
import Workbench

/// Known true pairs: a CSV with the header `left_id,right_id` (for deduplication, unordered pairs of one side's ids).
public struct TruthLabels: Sendable {
    public var pairs: [(left: String, right: String)]
    public var file: String

    public static func read(path: String) throws -> TruthLabels {
        let reader = try CSVReader(path: path)
        guard let l = reader.header.firstIndex(of: "left_id"), let r = reader.header.firstIndex(of: "right_id") else {
            throw LinkageError(
                file: path, line: 1, field: "header", "expected the columns left_id and right_id, found \(reader.header.joined(separator: ", "))")
        }
        var pairs: [(String, String)] = []
        while let record = try reader.next() { pairs.append((record[l], record[r])) }
        return TruthLabels(pairs: pairs, file: path)
    }
}

/// How the job's decisions compare with known truth, and the pairs it got most wrong, explained.
public struct Evaluation: Sendable, Codable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
    /// Pairs the job declares matches.
    public var pairs: Int
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    public var labelledPairs: Int
    /// Labelled pairs at least one blocking rule compares: the ceiling of recall.
    public var labelledPairsBlocked: Int
    /// Labels naming an id neither side has.
    public var unknownLabels: Int
    public var comparedPairs: Int
    public var expectedMatches: Double
    public var thresholdWeight: Double
    public var worstFalsePositives: [Waterfall]
    public var worstMissedPairs: [Waterfall]
}

extension LinkageJob {
    public func evaluate(_ prediction: Prediction, labels: TruthLabels, model: ModelParameters, examples: Int = 10) throws -> Evaluation {
        let leftIndex = Dictionary(left.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let rightIndex = mode == .link ? Dictionary(right.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }) : leftIndex
        var truth = Set<UInt64>()
        var unknown = 0
        for (l, r) in labels.pairs {
            guard var i = leftIndex[l], var j = rightIndex[r] else {
                unknown += 1
                continue
            }
            if mode == .deduplicate {
                if i == j { continue }
                if i > j { swap(&i, &j) }
            }
            truth.insert(Self.pairKey(i, j))
        }
        let matches = Self.matches(prediction)
        var predicted = Set<UInt64>()
        var falsePositives: [ScoredPair] = []
        for pair in matches {
            let key = Self.pairKey(Int(pair.left), Int(pair.right))
            predicted.insert(key)
            if !truth.contains(key) { falsePositives.append(pair) }
        }
        let truePositives = matches.count - falsePositives.count
        let scorer = Scorer(model: model, comparator: comparator)
        var missed: [(key: UInt64, weight: Double)] = []
        var blocked = 0
        for key in truth {
            let i = Int(key >> 32), j = Int(key & 0xFFFF_FFFF)
            if blockingKeys.contains(where: { $0.agree(i, j) }) { blocked += 1 }
            if !predicted.contains(key) {
                missed.append((key, spec.comparisons.isEmpty ? -.infinity : scorer.weight(i, comparator.pattern(i, j))))
            }
        }
        missed.sort { $0.weight < $1.weight }
        let precision = matches.isEmpty ? 0 : Double(truePositives) / Double(matches.count)
        let recall = truth.isEmpty ? 0 : Double(truePositives) / Double(truth.count)
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        func explained(_ key: UInt64) throws -> Waterfall { try explain(Int(key >> 32), Int(key & 0xFFFF_FFFF), model: model) }
        return Evaluation(
            precision: precision, recall: recall, f1: f1, pairs: matches.count, truePositives: truePositives,
            falsePositives: falsePositives.count, falseNegatives: truth.count - truePositives, labelledPairs: truth.count,
            labelledPairsBlocked: blocked, unknownLabels: unknown, comparedPairs: prediction.comparedPairs,
            expectedMatches: prediction.expectedMatches, thresholdWeight: prediction.threshold,
            worstFalsePositives: try falsePositives.prefix(examples).map { try explained(Self.pairKey(Int($0.left), Int($0.right))) },
            worstMissedPairs: try missed.prefix(examples).map { try explained($0.key) })
    }
}
