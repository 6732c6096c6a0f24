import ArgumentParser
import Catalog
import Foundation
import Workbench

struct QualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Check a project's tables on an engine against the catalog.",
        subcommands: [Check.self]
    )

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
        case html
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check columns, types, lengths, codes, nulls, keys, joins, dates and duplicates; exit 1 when a blocking rule fails.",
            discussion: "ENGINE_URL is e.g. sqlite:///path/to/project.sqlite. The catalog's tables absent from the engine are reported missing."
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .customLong("catalog"), help: "The catalog version to check against (default: the latest import).")
        var catalog: String?

        @Option(help: "Check only these tables (comma-separated, or the option repeated).")
        var tables: [String] = []

        @Option(help: "Output format: text, json or html.")
        var format: ReportFormat = .text

        @Argument(help: "The engine holding the project's tables.")
        var engine: String

        var tableNames: [String] {
            tables.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        func run() async throws {
            let report = try await makeReport()
            print(try render(report))
            if report.hasBlockingFailure { throw ExitCode(1) }
        }

        func makeReport() async throws -> QualityReport {
            let store = try storeOptions.open()
            guard let version = try await CatalogRepository(store: store).version(named: catalog) else {
                throw ValidationError(
                    catalog.map { "no catalog version \($0) in the store \(storeOptions.path)" }
                        ?? "the store \(storeOptions.path) holds no catalog yet: run `hublot catalog import DIR` first")
            }
            let schema = try await ProjectSchema.load(version: version, tables: tableNames, from: store)
            let unknown = tableNames.filter { schema.table($0) == nil }
            guard unknown.isEmpty else {
                throw ValidationError("no table \(unknown.joined(separator: ", ")) in catalog version \(version.name)")
            }
            let engine: any Engine
            do {
                engine = try Engines.open(self.engine)
            } catch let error as EngineError {
                throw ValidationError(error.description)
            }
            let checker = QualityChecker(schema: schema, nomenclatures: try await QualityChecker.loadNomenclatures(for: schema, from: store))
            return try await checker.check(engine)
        }

        func render(_ report: QualityReport) throws -> String {
            switch format {
            case .text: return report.text()
            case .json: return String(decoding: try report.json(), as: UTF8.self)
            case .html: return report.html()
            }
        }
    }
}
