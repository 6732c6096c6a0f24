import ArgumentParser
import Catalog
import Foundation
import Workbench

struct SynthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate synthetic samples shaped like the catalog's tables, with coherent people, into a project engine.",
        subcommands: [Generate.self]
    )

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate N synthetic people and their rows in every table of the selected products.",
            discussion: """
                Rows follow the catalog: types and lengths, codes from the nomenclatures, unique primary keys, \
                foreign keys that hold (copied from generated parent rows), dates coherent with birth, death and \
                each table's history. The same --seed gives the same rows. Foreign keys to tables outside the \
                selection are listed as not checked. Example: \
                hublot synth generate --products DCIR,BENEFICIAIRE,PMSI --patients 1000 --out sqlite:///tmp/sample.sqlite
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .customLong("catalog"), help: "The catalog version (default: the latest import).")
        var version: String?

        @Option(help: "Products, comma-separated; a family name (PMSI) takes all its products (default: all).")
        var products: String?

        @Option(help: "Tables, comma-separated (default: all of the products).")
        var tables: String?

        @Option(help: "How many people.")
        var patients: Int

        @Option(help: "The engine to write to, e.g. sqlite:///path/sample.sqlite.")
        var out: String

        @Option(help: "The seed: the same seed gives the same rows.")
        var seed: UInt64 = 1

        @Option(help: "The years care is dated in, FIRST-LAST or one year.")
        var years: String = "2022-2023"

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            guard patients >= 0 else { throw ValidationError("--patients must be 0 or more") }
            _ = try yearRange()
        }

        func yearRange() throws -> ClosedRange<Int> {
            let parts = years.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(parts.count), let first = parts.first ?? nil, let last = parts.last ?? nil, first <= last, first >= 1900 else {
                throw ValidationError("--years must be FIRST-LAST (2022-2023) or one year, not \(years)")
            }
            return first...last
        }

        func run() async throws {
            let store = try storeOptions.open()
            let repository = CatalogRepository(store: store)
            guard let catalog = try await repository.version(named: version) else {
                throw ValidationError(
                    version.map { "no catalog version \($0) in \(storeOptions.path)" }
                        ?? "the store \(storeOptions.path) holds no catalog yet: run `hublot catalog import DIR` or `hublot demo`")
            }
            let engine = try Engines.open(out)
            let range = try yearRange()
            let options = SyntheticOptions(patients: patients, seed: seed, firstYear: range.lowerBound, lastYear: range.upperBound)
            let generator = try await SyntheticGenerator.prepare(
                version: catalog, products: list(products), tables: list(tables), options: options, from: store)
            let text = format == .text
            let report = try await generator.generate(into: engine) { table in
                if text { print("\(table.name)  \(table.rows) rows  \(table.role)  \(String(format: "%.2f", table.seconds)) s") }
            }
            if !text { return try printJSON(report) }
            print(
                "\(report.tables.count) tables, \(report.rows) rows for \(report.patients) people in \(String(format: "%.1f", report.seconds)) s "
                    + "(\(Int(report.rowsPerSecond)) rows/s) into \(out)")
            if !report.uncheckedForeignKeys.isEmpty {
                print("\(report.uncheckedForeignKeys.count) foreign key(s) not checked:")
                for key in report.uncheckedForeignKeys { print("  \(key)") }
            }
            for note in report.notes { print("note: \(note)") }
        }

        private func list(_ text: String?) -> [String] {
            (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }
}
