import Core
import Foundation

/// A trained Fellegi-Sunter model: the prior probability that two records match, and for each comparison level
/// the probability of that level among matches (m) and among non-matches (u). Saved as JSON beside the spec.
public struct ModelParameters: Codable, Sendable, Equatable {
    public var version = 1
    public var mode: LinkageMode
    /// λ: the share of all candidate pairs (every left × right pair, or every pair of records) that match.
    public var prior: Double
    public var comparisons: [ComparisonParameters]
    /// How each parameter was found, for the report: sampled pairs, EM sessions and their iterations.
    public var training: [String]

    public init(mode: LinkageMode, prior: Double, comparisons: [ComparisonParameters], training: [String] = []) {
        self.mode = mode
        self.prior = prior
        self.comparisons = comparisons
        self.training = training
    }

    public var priorWeight: Double { log2(prior / (1 - prior)) }

    public func save(to path: String) throws {
        try JSONEncoder.hublot(pretty: true).encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    public static func load(from path: String) throws -> ModelParameters {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LinkageError(file: path, field: "", "no model file: run `hublot link train SPEC` first")
        }
        do {
            return try JSONDecoder.hublot().decode(ModelParameters.self, from: data)
        } catch {
            throw LinkageError(file: path, field: "", "not a Hublot linkage model: \(error)")
        }
    }

    /// Checks the model was trained for this spec's comparisons and levels.
    func check(against spec: LinkageSpec, path: String) throws(LinkageError) {
        let expected = spec.comparisons.map { "\($0.name): \($0.levelLabels.joined(separator: ", "))" }
        let found = comparisons.map { "\($0.name): \($0.levels.map(\.label).joined(separator: ", "))" }
        guard expected == found else {
            throw LinkageError(
                file: path, field: "comparisons", "the model was trained for other comparisons or levels than \(spec.file) has: train again")
        }
    }
}

public struct ComparisonParameters: Codable, Sendable, Equatable {
    public var name: String
    public var levels: [LevelParameters]

    /// log2(m/u) for each level; 0 for null, which says nothing.
    var weights: [Double] { levels.map(\.weight) }
}

public struct LevelParameters: Codable, Sendable, Equatable {
    public var label: String
    public var m: Double
    public var u: Double
    public var termFrequency: Bool

    public var isNull: Bool { label == "null" }
    public var weight: Double { isNull ? 0 : log2(max(m, 1e-12) / max(u, 1e-12)) }
}

extension JSONDecoder {
    static func hublot() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
