import Foundation
import Workbench

/// Plans a spec against an engine's tables and runs the plan there: every statement is pushed down, no row
/// comes back to Hublot but counts. The lineage it returns is what goes to the audit log.
public struct ExtractionRunner: Sendable {
    public let engine: any Engine

    public init(engine: any Engine) {
        self.engine = engine
    }

    /// Describes the tables the spec reads (those present; the planner names the missing ones), then plans.
    public func plan(_ spec: ExtractionSpec, prefix: String? = nil) async throws -> ExtractionPlan {
        let present = try await engine.tableNames()
        let byName = Dictionary(present.map { ($0.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var tables: [ExtractionPlanner.EngineTable] = []
        for name in ExtractionPlanner.tablesRead(by: spec) {
            guard let actual = byName[name.uppercased()], let columns = try await engine.columns(of: actual) else { continue }
            tables.append(ExtractionPlanner.EngineTable(name: actual, columns: columns))
        }
        return try ExtractionPlanner(spec: spec, dialect: engine.dialect, engine: engine.url.description, prefix: prefix, tables: tables).plan()
    }

    /// Runs every step in order, counting the rows each adds. On failure the working tables are dropped and the
    /// outputs of an earlier run stay as they were.
    public func run(
        _ plan: ExtractionPlan, spec: ExtractionSpec, progress: (ExtractionLineage.Step) -> Void = { _ in }
    ) async throws -> ExtractionLineage {
        let started = Date()
        var counts: [String: Int] = [:]
        var steps: [ExtractionLineage.Step] = []
        var criteria: [ExtractionLineage.CriterionCount] = []
        let dialect = engine.dialect
        do {
            for step in plan.steps {
                if step.kind == .finish && criteria.isEmpty {
                    // Counted before the working table is renamed: people per criterion, from the (person, criterion) pairs.
                    criteria = try await countCriteria(plan)
                }
                let stepStart = Date()
                try await engine.execute(step.sql)
                var rows: Int?
                if let target = step.target {
                    let total = try await engine.count("SELECT COUNT(*) FROM \(dialect.quote(target))")
                    rows = total - counts[target, default: 0]
                    counts[target] = total
                }
                let done = ExtractionLineage.Step(kind: step.kind, label: step.label, rows: rows, seconds: Date().timeIntervalSince(stepStart))
                if step.kind != .prepare && step.kind != .finish { steps.append(done) }
                progress(done)
            }
        } catch {
            for output in plan.outputs { try? await engine.execute(dialect.dropTable(output.working)) }
            throw error
        }
        let tables = plan.outputs.map { ExtractionLineage.TableCount(table: $0.final, rows: counts[$0.working] ?? 0) }
        return ExtractionLineage(
            spec: spec.name, specFile: spec.file, specHash: spec.hash, catalogVersion: spec.catalogVersion, engine: plan.engine,
            prefix: plan.prefix, period: [spec.period.startText, spec.period.endText], steps: steps,
            people: counts[plan.outputs.first { $0.final == "\(plan.prefix)_population" }?.working ?? ""] ?? 0,
            criteria: criteria, tables: tables.filter { $0.table != plan.criteriaTable }, seconds: Date().timeIntervalSince(started))
    }

    func countCriteria(_ plan: ExtractionPlan) async throws -> [ExtractionLineage.CriterionCount] {
        guard let working = plan.outputs.first(where: { $0.final == plan.criteriaTable })?.working else { return [] }
        let dialect = engine.dialect
        let criterion = dialect.quote("criterion")
        let rows = try await engine.rows(
            "SELECT \(criterion), COUNT(DISTINCT \(dialect.quote("person_id"))) FROM \(dialect.quote(working)) GROUP BY \(criterion) ORDER BY \(criterion)"
        )
        return rows.compactMap { row in
            guard row.count == 2, let name = row[0].text, let people = row[1].integer else { return nil }
            return ExtractionLineage.CriterionCount(criterion: name, people: Int(people))
        }
    }
}

/// What an extraction did, for the audit log: which spec (by hash), against which catalog version, on which
/// engine, and how many rows each step added.
public struct ExtractionLineage: Codable, Sendable, Equatable {
    public struct Step: Codable, Sendable, Equatable {
        public var kind: ExtractionStep.Kind
        public var label: String
        public var rows: Int?
        public var seconds: Double
    }

    public struct CriterionCount: Codable, Sendable, Equatable {
        public var criterion: String
        public var people: Int
    }

    public struct TableCount: Codable, Sendable, Equatable {
        public var table: String
        public var rows: Int
    }

    public var spec: String
    public var specFile: String
    public var specHash: String
    public var catalogVersion: String?
    public var engine: String
    public var prefix: String
    public var period: [String]
    public var steps: [Step]
    public var people: Int
    public var criteria: [CriterionCount]
    public var tables: [TableCount]
    public var seconds: Double

    /// The lineage without timings: what two runs of one spec on two engines must share.
    public var counts: [String] {
        steps.map { "\($0.label): \($0.rows.map(String.init) ?? "-")" } + criteria.map { "\($0.criterion): \($0.people) people" }
            + tables.map { "\($0.table): \($0.rows) rows" }
    }
}
