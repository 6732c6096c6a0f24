import ArgumentParser
import Catalog
import Extraction
import Foundation
import Workbench

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Declarative extractions: a YAML spec planned as SQL for an engine, run there, its lineage in the audit log.",
        discussion: "The spec's format and the SNDS presets are described in docs/extraction.md.",
        subcommands: [Plan.self, Run.self, Sample.self]
    )

    struct SpecOptions: ParsableArguments {
        @Argument(help: "The extraction spec (YAML).")
        var spec: String

        @Option(help: "The engine holding the tables, e.g. sqlite:///path/p.sqlite, postgresql://user@host/db, sc://host:15002.")
        var engine: String

        @Option(help: "The output tables' prefix, the project's space on the engine (default: the spec's name).")
        var prefix: String?

        @OptionGroup var storeOptions: StoreOptions

        func plan() async throws -> (ExtractionSpec, ExtractionPlan, ExtractionRunner) {
            let spec = try ExtractionSpec.read(path: spec)
            try await checkAgainstCatalog(spec)
            let runner = ExtractionRunner(engine: try Engines.open(engine))
            return (spec, try await runner.plan(spec, prefix: prefix), runner)
        }

        /// Warns of tables and columns the spec's catalog version lacks, when the store holds that version.
        func checkAgainstCatalog(_ spec: ExtractionSpec) async throws {
            guard let name = spec.catalogVersion else { return }
            guard FileManager.default.fileExists(atPath: storeOptions.path),
                let version = try await CatalogRepository(store: try storeOptions.open()).version(named: name)
            else {
                printError("warning: catalog version \(name) is not in the store \(storeOptions.path): the spec's tables were not checked against it")
                return
            }
            let store = try storeOptions.open()
            let schema = try await ProjectSchema.load(version: version, from: store)
            // Referentials such as IR_PHA_R are the catalog's nomenclatures, read as tables.
            let nomenclatures = try await CatalogRepository(store: store).nomenclatures(version: version)
            let check = CatalogCheck(
                tables: Dictionary(
                    schema.tables.map { ($0.name, $0.variables.map(\.name)) } + nomenclatures.map { ($0.name, $0.columns.map(\.name)) },
                    uniquingKeysWith: { $0 + $1 }))
            for warning in check.warnings(spec) { printError("warning: \(warning)") }
        }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the SQL an extraction would run on the engine, step by step, without running it.")

        @OptionGroup var options: SpecOptions

        func run() async throws {
            try await reportingExtractionErrors {
                let (_, plan, _) = try await options.plan()
                print(plan.script, terminator: "")
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run an extraction on the engine into the project's tables, and record its lineage in the audit log.",
            discussion: """
                Every statement runs on the engine; tables are built under working names and renamed at the end, so a \
                failed run leaves earlier outputs as they were and a rerun starts over. The audit entry holds the spec's \
                SHA-256, its catalog version, the engine and the rows each step added.
                """
        )

        @OptionGroup var options: SpecOptions
        @OptionGroup var actorOptions: ActorOptions

        @Option(help: "The project the audit entry is filed under (default: the spec's name).")
        var project: String?

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            try await reportingExtractionErrors {
                let actor = try actorOptions.resolved()
                let store = try options.storeOptions.open()
                let (spec, plan, runner) = try await options.plan()
                let lineage = try await runner.run(plan, spec: spec) { step in
                    guard format == .text, step.kind != .prepare, step.kind != .finish else { return }
                    printError(String(format: "%8.2f s  %@%@", step.seconds, step.label, step.rows.map { "  +\($0) rows" } ?? ""))
                }
                let entry = try await AuditLog(store: store).append(
                    AuditDraft(
                        actor: actor, project: project ?? spec.name, action: .extraction, details: try AuditLog.canonicalJSON(lineage),
                        files: [AuditFile(path: spec.file, sha256: spec.hash)]))
                switch format {
                case .json: try printJSON(lineage)
                case .text:
                    print("extraction \(lineage.spec) on \(lineage.engine): \(lineage.people) people in \(String(format: "%.1f", lineage.seconds)) s")
                    for criterion in lineage.criteria { print("  \(criterion.criterion): \(criterion.people) people") }
                    for table in lineage.tables { print("  \(table.table): \(table.rows) rows") }
                    print("lineage recorded as audit entry \(entry.sequence)")
                }
            }
        }
    }

    struct Sample: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a synthetic SNDS sample (beneficiaries, DCIR claims and drugs, PMSI MCO stays) to try and test extractions on.",
            discussion: "Same seed, same rows, on every engine. Example: hublot extract sample --engine sqlite:///tmp/snds.sqlite --people 1000"
        )

        @Option(help: "The engine to load into.")
        var engine: String

        @Option(help: "How many people.")
        var people: Int

        @Option(help: "Mean DCIR claim lines per person.")
        var claimsPerPerson: Double = 12

        @Option(help: "The years of care, FIRST-LAST.")
        var years: String = "2019-2020"

        @Option(help: "The seed: the same seed gives the same rows.")
        var seed: UInt64 = 1

        func validate() throws {
            guard people >= 0 else { throw ValidationError("--people must be 0 or more") }
            guard claimsPerPerson >= 0 else { throw ValidationError("--claims-per-person must be 0 or more") }
            _ = try yearRange()
        }

        func yearRange() throws -> ClosedRange<Int> {
            let parts = years.split(separator: "-").map { Int($0) }
            guard (1...2).contains(parts.count), let first = parts.first ?? nil, let last = parts.last ?? nil, first <= last, first >= 2000,
                last < 2100
            else { throw ValidationError("--years must be FIRST-LAST between 2000 and 2099 (2019-2020), not \(years)") }
            return first...last
        }

        func run() async throws {
            try await reportingExtractionErrors {
                let sample = SNDSSample(people: people, claimsPerPerson: claimsPerPerson, years: try yearRange(), seed: seed)
                let started = Date()
                var total = 0
                try await sample.load(into: try Engines.open(engine)) { table, rows in
                    total += rows
                    print("\(table): \(rows) rows")
                }
                print(String(format: "%d rows in %.1f s", total, Date().timeIntervalSince(started)))
            }
        }
    }
}

/// Prints a spec's or an engine's error (file, line, field; or the engine's own message) with exit code 2.
func reportingExtractionErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
        return
    } catch let error as ExtractionError {
        printError("error: \(error.description)")
    } catch let error as EngineError {
        printError("error: \(error.description)")
    }
    throw ExitCode(2)
}
