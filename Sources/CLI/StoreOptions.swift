import ArgumentParser
import Catalog
import Classification
import Enrichment
import Publications
import Search
import Store
import Workbench

/// Where the store is, shared by every command.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite store file (default: $HUBLOT_STORE, else ./hublot.sqlite).", valueName: "path"))
    var store: String?

    /// Every capability's part of the store; the CLI is where they are put together.
    static let schemas: [any StoreSchema.Type] =
        [
            CatalogSchema.self, WorkbenchSchema.self,
        ] + SearchSchema.withDependencies

    var path: String { StoreLocation.resolve(flag: store) }

    func open() throws -> Store {
        try Store.open(path: path, schemas: Self.schemas)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
