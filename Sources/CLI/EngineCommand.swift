import ArgumentParser
import Catalog
import Foundation
import Workbench

struct EngineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Move tables between CSV files and a project engine, run SQL on it, and time its fetches.",
        subcommands: [Load.self, Dump.self, SQL.self, Fetch.self]
    )

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a CSV file (; or , UTF-8 or Latin-1, detected) into a table of an engine.",
            discussion: """
                With --catalog-table, the columns take the catalog table's types (and bad values are errors naming \
                the line and the column); without, every column is text.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The CSV file.", completion: .file())
        var file: String

        @Option(help: "The table to create (replaced if it exists).")
        var table: String

        @Option(help: "The engine, e.g. sqlite:///path/project.sqlite.")
        var out: String

        @Option(name: .customLong("catalog-table"), help: "Type the columns as this catalog table does (e.g. ER_PRS_F).")
        var catalogTable: String?

        @Option(name: .customLong("catalog"), help: "The catalog version for --catalog-table (default: the latest import).")
        var version: String?

        @Option(help: "The delimiter, ; or , (default: detected).")
        var delimiter: String?

        @Option(help: "utf-8 or latin-1 (default: detected).")
        var encoding: String?

        func run() async throws {
            var definition: TableDefinition?
            if let catalogTable {
                let store = try storeOptions.open()
                guard let catalog = try await CatalogRepository(store: store).version(named: version) else {
                    throw ValidationError("no catalog version \(version ?? "(latest)") in \(storeOptions.path)")
                }
                guard let found = try await ProjectSchema.load(version: catalog, tables: [catalogTable], from: store).tables.first else {
                    throw ValidationError("no table \(catalogTable) in catalog \(catalog.name)")
                }
                definition = found.definition
            }
            let start = ContinuousClock.now
            let rows = try await CSVTransfer.load(
                file, into: try Engines.open(out), table: table, definition: definition, delimiter: try delimiterByte(delimiter),
                encoding: try encoding.map(parseEncoding))
            print("Loaded \(rows) rows from \(file) into \(table) of \(out) in \(start.duration(to: .now))")
        }
    }

    struct Dump: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a table, or the rows of a query, of an engine to a CSV file.")

        @Argument(help: "The engine, e.g. sqlite:///path/project.sqlite.")
        var engine: String

        @Option(help: "The table to write.")
        var table: String?

        @Option(help: "A query whose rows to write, instead of a table.")
        var sql: String?

        @Option(help: "The CSV file to write.")
        var to: String

        @Option(help: "The delimiter, ; or ,.")
        var delimiter: String = ";"

        @Option(help: "utf-8 or latin-1.")
        var encoding: String = "utf-8"

        func validate() throws {
            guard (table == nil) != (sql == nil) else { throw ValidationError("give either --table or --sql") }
        }

        func run() async throws {
            let engine = try Engines.open(engine)
            let byte = try delimiterByte(delimiter) ?? UInt8(ascii: ";")
            let encoding = try parseEncoding(encoding)
            let rows =
                if let table {
                    try await CSVTransfer.dump(table: table, from: engine, to: to, delimiter: byte, encoding: encoding)
                } else {
                    try await CSVTransfer.dump(sql!, from: engine, to: to, delimiter: byte, encoding: encoding)
                }
            print("Wrote \(rows) rows to \(to)")
        }
    }
}

extension EngineCommand {
    /// Runs a query and throws its rows away: the engine's fetch speed, for the benchmarks.
    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a query on an engine, count its rows and time the fetch.", shouldDisplay: false)

        @Argument(help: "The engine, e.g. sc://127.0.0.1:15002.")
        var engine: String

        @Argument(help: "The query.")
        var sql: String

        @Option(help: "Rows per batch handed over by the engine.")
        var batchSize = 10_000

        func run() async throws {
            let engine = try Engines.open(engine)
            let start = ContinuousClock.now
            var rows = 0
            var cells = 0
            try await engine.stream(sql, batchSize: batchSize) { batch in
                rows += batch.count
                cells += batch.values.count
            }
            let elapsed = start.duration(to: .now).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            print("rows \(rows) cells \(cells) seconds \(String(format: "%.3f", seconds))")
        }
    }
}

private func delimiterByte(_ text: String?) throws -> UInt8? {
    guard let text else { return nil }
    switch text {
    case ";": return UInt8(ascii: ";")
    case ",": return UInt8(ascii: ",")
    default: throw ValidationError("the delimiter is ; or , not \(text)")
    }
}

private func parseEncoding(_ text: String) throws -> CSVEncoding {
    switch text.lowercased() {
    case "utf-8", "utf8": return .utf8
    case "latin-1", "latin1", "iso-8859-1": return .latin1
    default: throw ValidationError("the encoding is utf-8 or latin-1, not \(text)")
    }
}
