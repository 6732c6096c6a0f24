import ArgumentParser
import Catalog

struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Import, browse and search the catalog of databases, tables, variables and nomenclatures.",
        subcommands: [
            Import.self, Versions.self, Stats.self, Products.self, Tables.self, Table.self, Variable.self, Search.self,
            NomenclatureCommand.self, Diff.self,
        ]
    )
}

/// The options of every command that reads one catalog version.
struct VersionOptions: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .customLong("catalog-version"), help: "The catalog version to read (default: the latest import).")
    var version: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    /// The repository and the version to read; fails with a hint when the store holds no catalog.
    func open() async throws -> (CatalogRepository, CatalogVersion) {
        let repository = CatalogRepository(store: try storeOptions.open())
        guard let version = try await repository.version(named: version) else {
            throw ValidationError(
                "the store \(storeOptions.path) holds no catalog yet: run `hublot catalog import DIR` (e.g. ../shared/data/schema-snds) or `hublot demo`"
            )
        }
        return (repository, version)
    }
}
