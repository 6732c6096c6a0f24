import ArgumentParser
import Catalog

extension CatalogCommand {
    struct NomenclatureCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nomenclature",
            abstract: "Look up a nomenclature: code -> label, label -> codes, or list its entries.",
            discussion: "Without NAME, lists the nomenclatures (filtered by --label on their name and title)."
        )

        @OptionGroup var options: VersionOptions

        @Argument(help: "The nomenclature's name, e.g. IR_SEX_V; NAME:COLUMN looks codes up in that column.")
        var name: String?

        @Option(help: "Give the label(s) of this code.")
        var code: String?

        @Option(help: "Give the codes whose label holds these words (accents and case ignored).")
        var label: String?

        @Option(help: "How many entries at most.")
        var limit = 50

        func run() async throws {
            let (repository, version) = try await options.open()
            guard let reference = name else {
                let list = try await repository.nomenclatures(version: version, filter: label)
                if options.format == .json { return try printJSON(list) }
                return print(
                    columns(
                        [["NAME", "SOURCE", "CODES", "TITLE"]]
                            + list.map {
                                [$0.name, $0.source, $0.isLoaded ? "yes" : "no CSV", $0.title]
                            }))
            }
            let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
            guard let detail = try await repository.nomenclature(named: parts[0], version: version) else {
                throw ValidationError("no nomenclature named \(parts[0]) in catalog version \(version.name)")
            }
            let entries = try await repository.entries(
                of: detail.nomenclature, code: code, column: parts.count == 2 ? parts[1] : nil, label: label, limit: limit)
            if options.format == .json { return try printJSON(entries) }
            let nomenclature = detail.nomenclature
            print("\(nomenclature.name) — \(nomenclature.title) [\(nomenclature.source), \(detail.entries) entries]")
            if !nomenclature.isLoaded { print("Its CSV was missing at import: only its schema is known.") }
            if entries.isEmpty, code != nil || label != nil { print("No entry matches.") }
            print(columns(entries.map { ["  " + $0.code, $0.label] }))
            if code == nil, label == nil, !detail.usedBy.isEmpty {
                print(
                    "Used by: \(detail.usedBy.prefix(12).joined(separator: ", "))\(detail.usedBy.count > 12 ? " and \(detail.usedBy.count - 12) more" : "")"
                )
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List what changed between two catalog versions.")

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The older version.")
        var from: String

        @Argument(help: "The newer version.")
        var to: String

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let repository = CatalogRepository(store: try storeOptions.open())
            guard let old = try await repository.version(named: from), let new = try await repository.version(named: to) else {
                throw ValidationError("the store \(storeOptions.path) holds no catalog yet")
            }
            let diff = try await repository.diff(from: old, to: new)
            if format == .json { return try printJSON(diff) }
            print(diff.renderedAsText())
        }
    }
}
