/// The SQL an extraction runs on one engine, in order. Every table is built under a working name and renamed
/// once all steps succeed, so that a failed or interrupted run leaves the previous outputs as they were.
public struct ExtractionPlan: Sendable {
    public var specName: String
    public var engine: String
    /// The project's space: output tables are `<prefix>_population`, `<prefix>_<TABLE>`...
    public var prefix: String
    public var steps: [ExtractionStep]
    /// Working name → final name, in the order the outputs are made.
    public var outputs: [(working: String, final: String)]
    /// The working table of (person, criterion) pairs, to count people per criterion at the end.
    public var criteriaTable: String

    /// The plan as a script: each step's label as a comment, then its statement.
    public var script: String {
        steps.map { "-- \($0.label)\n\($0.sql);" }.joined(separator: "\n\n") + "\n"
    }
}

public struct ExtractionStep: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Drops or creates a working table, or renames one: no rows of its own.
        case prepare
        /// Adds people to the population.
        case population
        /// Adds rows to an extracted table.
        case extract
        case finish
    }

    public var kind: Kind
    public var label: String
    public var sql: String
    /// The table this step adds rows to; the runner counts them.
    public var target: String?

    public init(kind: Kind, label: String, sql: String, target: String? = nil) {
        self.kind = kind
        self.label = label
        self.sql = sql
        self.target = target
    }
}
