import ArgumentParser
import Catalog
import Foundation
import Workbench

struct PseudoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pseudo",
        abstract: "Pseudonymise a project's identifiers with a keyed hash (HMAC-SHA-256), one secret key per project.",
        subcommands: [NewKey.self, Apply.self]
    )

    struct NewKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new-key",
            abstract: "Create a project's secret key in a new file of mode 0600 (never overwrites; the key is never printed)."
        )

        @Option(help: "The key file to create.")
        var keyFile: String

        func run() async throws {
            print(try execute())
        }

        func execute() throws -> String {
            let key = PseudonymisationKey.generate()
            // A refusal is not a usage mistake: the error's own message, exit code 1, no usage text.
            try key.write(to: keyFile)
            return "Wrote a new key to \(keyFile) (mode 0600), fingerprint \(key.fingerprint). Keep it secret and backed up: "
                + "without it, the project's pseudonyms cannot be reproduced."
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace identifying columns with their pseudonyms in every table of the engine that has them.",
            discussion:
                "Without --columns, the catalog's identifying columns: NIR-like identifiers, names, exact birth dates. A column already pseudonymised is refused."
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "The project's key file (made by `hublot pseudo new-key`).")
        var keyFile: String

        @Option(help: "The columns to pseudonymise, comma-separated (default: the catalog's identifying columns).")
        var columns: [String] = []

        @Option(name: .customLong("catalog"), help: "The catalog version that says which columns identify (default: the latest import).")
        var catalog: String?

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        @Argument(help: "The engine holding the project's tables, e.g. sqlite:///path/to/project.sqlite.")
        var engine: String

        var columnNames: [String] {
            columns.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        }

        func run() async throws {
            print(try await execute())
        }

        func execute() async throws -> String {
            let key = try PseudonymisationKey.read(from: keyFile)
            let engine: any Engine
            do {
                engine = try Engines.open(self.engine)
            } catch let error as EngineError {
                throw ValidationError(error.description)
            }
            let columns = try await columnsToReplace()
            // A refused run (already pseudonymised, another key) throws the Pseudonymiser's own message: exit code 1.
            let summary = try await Pseudonymiser(key: key).apply(columns: columns, on: engine)
            if format == .json {
                return String(decoding: try JSONEncoder.sorted.encode(summary), as: UTF8.self)
            }
            var lines = ["Pseudonymised with key \(key.fingerprint):"]
            lines += summary.changes.map { "  \($0.table).\($0.column): \($0.rows) rows changed" }
            if summary.changes.isEmpty { lines.append("  nothing: no table holds these columns") }
            if !summary.absentColumns.isEmpty { lines.append("No table has \(summary.absentColumns.joined(separator: ", ")).") }
            if !summary.finishedColumns.isEmpty {
                lines.append("Already done with this key by a run cut short: \(summary.finishedColumns.joined(separator: ", ")).")
            }
            return lines.joined(separator: "\n")
        }

        func columnsToReplace() async throws -> [String] {
            if !columnNames.isEmpty { return columnNames }
            let store = try storeOptions.open()
            guard let version = try await CatalogRepository(store: store).version(named: catalog) else {
                throw ValidationError(
                    "no --columns and no catalog in the store \(storeOptions.path) to say which columns identify: give --columns or import a catalog")
            }
            let defaults = IdentifyingColumns.defaults(in: try await ProjectSchema.load(version: version, from: store))
            guard !defaults.isEmpty else { throw ValidationError("catalog version \(version.name) marks no column as identifying: give --columns") }
            return defaults
        }
    }
}

extension JSONEncoder {
    /// Pretty, keys sorted.
    fileprivate static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}
