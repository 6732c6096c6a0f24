import Foundation

/// Why a pair has its weight: the prior, then each comparison's level with its m, u and log2(m/u), the
/// term-frequency adjustment, the total and the probability.
public struct Waterfall: Sendable, Codable, Equatable {
    public struct Step: Sendable, Codable, Equatable {
        public var comparison: String
        public var leftValue: String?
        public var rightValue: String?
        public var level: String
        public var m: Double?
        public var u: Double?
        public var weight: Double
        public var termFrequencyAdjustment: Double
    }

    public var leftID: String
    public var rightID: String
    public var priorWeight: Double
    public var steps: [Step]
    public var weight: Double
    public var probability: Double
    /// The deterministic rule that matches the pair, if one does.
    public var deterministicRule: String?
    /// The first blocking rule that compares the pair, nil when none does (prediction never sees it).
    public var blockedBy: String?

    public var text: String {
        func f(_ x: Double) -> String { String(format: "%+.2f", x) }
        var lines = ["\(leftID) ~ \(rightID)", "  prior                          \(f(priorWeight))"]
        for step in steps {
            let values = "\(step.leftValue ?? "∅") | \(step.rightValue ?? "∅")"
            var line = "  \(step.comparison): \(step.level)  [\(values)]  \(f(step.weight))"
            if let m = step.m, let u = step.u { line += String(format: "  (m %.4f, u %.6f)", m, u) }
            if step.termFrequencyAdjustment != 0 { line += "  tf \(f(step.termFrequencyAdjustment))" }
            lines.append(line)
        }
        lines.append("  total \(f(weight)) bits, probability \(String(format: "%.6f", probability))")
        if let deterministicRule { lines.append("  matched by the deterministic rule \(deterministicRule)") }
        lines.append(blockedBy.map { "  compared under blocking rule \($0)" } ?? "  no blocking rule compares this pair")
        return lines.joined(separator: "\n")
    }
}

extension LinkageJob {
    /// The waterfall of the pair of record numbers `i` (left) and `j` (right).
    public func explain(_ i: Int, _ j: Int, model: ModelParameters) throws -> Waterfall {
        try model.check(against: spec, path: spec.modelPath)
        let scorer = Scorer(model: model, comparator: comparator)
        let (a, b) = mode == .deduplicate && i > j ? (j, i) : (i, j)
        let pattern = comparator.pattern(a, b)
        var steps: [Waterfall.Step] = []
        var total = scorer.priorWeight
        for (c, parameters) in model.comparisons.enumerated() {
            let level = Comparator.level(of: pattern, comparison: c)
            let kernel = comparator.kernels[c]
            let tf = scorer.termFrequencyAdjustment(c, level: level, left: a)
            let levelParameters = parameters.levels[level]
            steps.append(
                Waterfall.Step(
                    comparison: parameters.name, leftValue: text(kernel.left[a]), rightValue: text(kernel.right[b]), level: levelParameters.label,
                    m: level == 0 ? nil : levelParameters.m, u: level == 0 ? nil : levelParameters.u, weight: levelParameters.weight,
                    termFrequencyAdjustment: tf))
            total += levelParameters.weight + tf
        }
        let rule = deterministicPairs[Self.pairKey(a, b)].map { spec.deterministic[$0].name }
        let blocked = blockingKeys.indices.first { blockingKeys[$0].agree(a, b) }.map { spec.blocking[$0].description }
        return Waterfall(
            leftID: left.ids[a], rightID: right.ids[b], priorWeight: scorer.priorWeight, steps: steps, weight: total,
            probability: Scorer.probability(total), deterministicRule: rule, blockedBy: blocked)
    }

    /// The waterfall of a pair named by its ids.
    public func explain(leftID: String, rightID: String, model: ModelParameters) throws -> Waterfall {
        guard let i = index(of: leftID, onLeft: true) else {
            throw LinkageError(file: spec.file, field: spec.left.name, "no record with id \(leftID) in \(spec.left.sourceDescription)")
        }
        let other = spec.right ?? spec.left
        guard let j = index(of: rightID, onLeft: false) else {
            throw LinkageError(file: spec.file, field: other.name, "no record with id \(rightID) in \(other.sourceDescription)")
        }
        return try explain(i, j, model: model)
    }

    /// A value's text, from the bytes the comparator holds.
    func text(_ code: Int32) -> String? {
        guard code >= 0 else { return nil }
        let values = comparator.values
        return String(decoding: values.bytes[Int(values.offsets[Int(code)])..<Int(values.offsets[Int(code) + 1])], as: UTF8.self)
    }
}
