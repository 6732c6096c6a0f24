/// How well the classifier's `uses` verdicts agree with people's labels: precision, recall and F1 per database
/// and micro-averaged over them, with every disagreement and its evidence.
///
/// A database is evaluated when at least one label names it; a prediction for a database no label names is
/// not counted, since nobody said whether it was right. A ratio whose denominator is zero is 0.
public struct ClassificationEvaluation: Hashable, Sendable, Encodable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var perDatabase: [String: DatabaseScore]
    /// Labels whose publication was found and classified.
    public var labelled: Int
    /// Labels whose publication is not in the store.
    public var unresolved: [String]
    public var misclassified: [Misclassification]

    public struct DatabaseScore: Hashable, Sendable, Encodable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var truePositives: Int
        public var falsePositives: Int
        public var falseNegatives: Int
        /// Publications labelled as using it.
        public var support: Int

        init(truePositives: Int, falsePositives: Int, falseNegatives: Int) {
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.falseNegatives = falseNegatives
            support = truePositives + falseNegatives
            (precision, recall, f1) = Self.ratios(truePositives, falsePositives, falseNegatives)
        }

        static func ratios(_ truePositives: Int, _ falsePositives: Int, _ falseNegatives: Int) -> (Double, Double, Double) {
            func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
            let precision = ratio(truePositives, truePositives + falsePositives)
            let recall = ratio(truePositives, truePositives + falseNegatives)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return (round(precision), round(recall), round(f1))
        }

        private static func round(_ value: Double) -> Double { (value * 10000).rounded() / 10000 }
    }

    /// One publication and database where the classifier and the label disagree.
    public struct Misclassification: Hashable, Sendable, Encodable {
        public var id: String
        public var database: String
        /// `uses`, or `no` when the label says it is not used (mentioned or not).
        public var expected: Verdict
        public var predicted: Verdict
        public var confidence: Double
        public var evidence: [Evidence]
    }

    /// One labelled publication and the classifier's verdicts on it.
    public struct Case: Sendable {
        public var label: GoldLabel
        public var verdicts: [DatabaseVerdict]

        public init(label: GoldLabel, verdicts: [DatabaseVerdict]) {
            self.label = label
            self.verdicts = verdicts
        }
    }

    public init(cases: [Case], unresolved: [String] = []) {
        let databases = cases.reduce(into: Set<String>()) { $0.formUnion($1.label.named) }
        var counts: [String: (tp: Int, fp: Int, fn: Int)] = Dictionary(uniqueKeysWithValues: databases.map { ($0, (0, 0, 0)) })
        var misclassified: [Misclassification] = []
        for item in cases {
            let byDatabase = Dictionary(item.verdicts.map { ($0.database, $0) }, uniquingKeysWith: { first, _ in first })
            for database in databases.sorted() {
                let verdict = byDatabase[database]
                let predicted = verdict?.verdict == .uses
                let expected = item.label.uses.contains(database)
                switch (expected, predicted) {
                case (true, true): counts[database]!.tp += 1
                case (false, true): counts[database]!.fp += 1
                case (true, false): counts[database]!.fn += 1
                case (false, false): break
                }
                if expected != predicted {
                    misclassified.append(
                        Misclassification(
                            id: item.label.id, database: database, expected: expected ? .uses : .no, predicted: verdict?.verdict ?? .no,
                            confidence: verdict?.confidence ?? 1, evidence: verdict?.evidence ?? []))
                }
            }
        }
        perDatabase = counts.mapValues { DatabaseScore(truePositives: $0.tp, falsePositives: $0.fp, falseNegatives: $0.fn) }
        let total = counts.values.reduce((tp: 0, fp: 0, fn: 0)) { ($0.tp + $1.tp, $0.fp + $1.fp, $0.fn + $1.fn) }
        (precision, recall, f1) = DatabaseScore.ratios(total.tp, total.fp, total.fn)
        labelled = cases.count
        self.unresolved = unresolved
        self.misclassified = misclassified
    }
}
