import ArgumentParser
import Catalog
import Classification
import Foundation

struct DatabasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "databases",
        abstract: "The registry of the hub's databases as papers name them: list, show, export to YAML, import an edited file.",
        discussion: """
            The current registry is the latest imported, else the one Hublot ships. Edit the YAML that `export` \
            writes and import it back: it becomes a new version, and `hublot classify run` uses it.
            """,
        subcommands: [List.self, Show.self, Export.self, Import.self]
    )
}

extension DatabasesCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the databases of the current registry.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let current = try await RegistryRepository(store: try storeOptions.open()).current()
            if format == .json { return try printJSON(current.registry.databases) }
            print("Registry \(current.label), version \(current.registry.version) of the file")
            print(
                columns(
                    [["NAME", "TITLE", "PART OF", "KIND", "PRODUCTS"]]
                        + current.registry.databases.map {
                            [$0.name, $0.title, $0.partOf ?? "", $0.kind.rawValue, $0.products.joined(separator: ", ")]
                        }))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a database: its names, acronyms, context words and queries.")

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The database's name (case-insensitive), e.g. SNDS or PMSI.")
        var name: String

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let current = try await RegistryRepository(store: try storeOptions.open()).current()
            guard let database = current.registry.database(named: name) else {
                throw ValidationError(UnknownDatabase(name: name, registry: current.label).description)
            }
            if format == .json { return try printJSON(database) }
            let components = current.registry.databases.filter { $0.partOf == database.name }.map(\.name)
            print("\(database.name) — \(database.title)")
            print(
                columns(
                    [
                        ["kind", database.kind.rawValue], ["part of", database.partOf ?? "-"],
                        ["components", components.isEmpty ? "-" : components.joined(separator: ", ")],
                        ["products", database.products.isEmpty ? "-" : database.products.joined(separator: ", ")],
                        ["acronyms", database.acronyms.map { $0.form + ($0.isAmbiguous ? " (ambiguous)" : "") }.joined(separator: ", ")],
                        ["names", database.names.joined(separator: "; ")], ["generic names", database.genericNames.joined(separator: "; ")],
                        ["context words", database.contextWords.joined(separator: ", ")],
                    ].filter { !$0[1].isEmpty }))
            if let summary = database.summary { print("\n\(summary)") }
            for (source, query) in database.queries.sorted(by: { $0.key < $1.key }) { print("query \(source): \(query)") }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the current registry as YAML, to edit and import back.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .shortAndLong, help: "The file to write (default: standard output).", completion: .file())
        var output: String?

        func run() async throws {
            let current = try await RegistryRepository(store: try storeOptions.open()).current()
            let yaml = try current.registry.yaml()
            guard let output else { return print(yaml, terminator: "") }
            try yaml.write(toFile: output, atomically: true, encoding: .utf8)
            printError("Wrote registry \(current.label) to \(output).")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a registry YAML file and store it as the new current registry.",
            discussion: "An error names the file and the place in it (databases[2].names[4]); nothing is stored then."
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The YAML file.", completion: .file())
        var file: String

        func run() async throws {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ValidationError("\(file): cannot be read as UTF-8 text (\(error.localizedDescription))")
            }
            do {
                switch try await RegistryRepository(store: try storeOptions.open()).importRegistry(yaml: text, file: file) {
                case .imported(let version):
                    print("Imported \(file) as registry \(version.label) (file version \(version.declaredVersion)) into \(storeOptions.path).")
                    print("Run `hublot classify run` to classify the publications with it.")
                case .unchanged(let version):
                    print("\(file) is registry \(version.label) already: nothing imported.")
                }
            } catch let error as DatabaseRegistryError {
                printError(error.description)
                throw ExitCode(2)
            }
        }
    }
}
