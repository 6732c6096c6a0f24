import ArgumentParser
import Catalog
import Foundation

extension CatalogCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a catalog in the Frictionless Table Schema layout of schema-snds, as a new version.",
            discussion: """
                DIR holds schemas/**/<TABLE>.json and nomenclatures/<SOURCE>/<NAME>.json with <NAME>.csv. The import \
                is one transaction: on any error nothing is written and every error is listed with its file and JSON \
                path or CSV line. Warnings (a nomenclature without CSV, a join to a table not in the catalog...) are \
                listed and kept with the version; --strict makes them errors.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The catalog directory.", completion: .directory)
        var directory: String

        @Option(help: "The version's name (default: v<N>).")
        var name: String?

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let start = ContinuousClock.now
            let report: ImportReport
            do {
                report = try CatalogImporter(strict: strict).importCatalog(from: directory, name: name, into: try storeOptions.open())
            } catch let error as CatalogImportError {
                printError(error.description)
                throw ExitCode(2)
            }
            if format == .json { return try printJSON(report) }
            let stats = report.statistics
            print("Imported catalog version \(report.version) from \(directory) into \(storeOptions.path) in \(start.duration(to: .now))")
            print(
                "  \(stats.products) products, \(stats.tables) tables, \(stats.fields) fields, \(stats.foreignKeys) foreign keys, "
                    + "\(stats.nomenclatures) nomenclatures (\(stats.loadedNomenclatures) with codes, \(report.nomenclatureRows) rows"
                    + (report.reusedNomenclatures > 0 ? ", \(report.reusedNomenclatures) unchanged since an earlier version" : "") + ")")
            if !report.warnings.isEmpty {
                print("\(report.warnings.count) warning(s):")
                for warning in report.warnings { print("  \(warning.location): \(warning.message) [\(warning.kind.rawValue)]") }
            }
        }
    }

    struct Versions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the imported catalog versions, newest first.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let versions = try await CatalogRepository(store: try storeOptions.open()).versions()
            if format == .json { return try printJSON(versions.map(VersionSummary.init)) }
            if versions.isEmpty { return print("No catalog imported yet.") }
            print(
                columns(
                    [["NAME", "IMPORTED", "WARNINGS", "SOURCE"]]
                        + versions.map {
                            [$0.name, $0.importedAt.formatted(.iso8601), String($0.warnings.count), $0.source + ($0.isSample ? " (sample)" : "")]
                        }))
        }
    }

    /// A version without its warnings, for listings.
    struct VersionSummary: Encodable {
        var name: String
        var importedAt: Date
        var source: String
        var isSample: Bool
        var warnings: Int

        init(_ version: CatalogVersion) {
            name = version.name
            importedAt = version.importedAt
            source = version.source
            isSample = version.isSample
            warnings = version.warnings.count
        }
    }
}
