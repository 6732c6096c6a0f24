import ArgumentParser
import Catalog

extension CatalogCommand {
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count the products, tables, fields, keys and nomenclatures.")

        @OptionGroup var options: VersionOptions

        func run() async throws {
            let (repository, version) = try await options.open()
            let stats = try await repository.statistics(version: version)
            if options.format == .json { return try printJSON(stats) }
            print("Catalog version \(version.name)\(version.isSample ? " (SAMPLE made by Hublot, not real data)" : "")")
            print(
                columns([
                    ["products", String(stats.products)], ["tables", String(stats.tables)], ["fields", String(stats.fields)],
                    ["foreign keys", String(stats.foreignKeys)],
                    ["nomenclatures", "\(stats.nomenclatures) (\(stats.loadedNomenclatures) with codes, \(stats.nomenclatureEntries) entries)"],
                ]))
        }
    }

    struct Products: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the products and their size.")

        @OptionGroup var options: VersionOptions

        func run() async throws {
            let (repository, version) = try await options.open()
            let products = try await repository.products(version: version)
            if options.format == .json { return try printJSON(products) }
            print(columns([["PRODUCT", "TABLES", "FIELDS"]] + products.map { [$0.name, String($0.tables), String($0.fields)] }))
        }
    }

    struct Tables: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tables, of every product or of one.")

        @OptionGroup var options: VersionOptions

        @Option(help: "Only the tables of this product.")
        var product: String?

        func run() async throws {
            let (repository, version) = try await options.open()
            let tables = try await repository.tables(version: version, product: product)
            if options.format == .json { return try printJSON(tables) }
            print(columns([["TABLE", "PRODUCT", "FIELDS", "TITLE"]] + tables.map { [$0.name, $0.product, String($0.fields), $0.title] }))
        }
    }

    struct Table: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a table: its fields, keys and joins.")

        @OptionGroup var options: VersionOptions

        @Argument(help: "The table's name (case-insensitive).")
        var name: String

        func run() async throws {
            let (repository, version) = try await options.open()
            guard let detail = try await repository.table(named: name, version: version) else {
                throw ValidationError("no table named \(name) in catalog version \(version.name)")
            }
            if options.format == .json { return try printJSON(detail) }
            let table = detail.table
            print("\(table.name) — \(table.title)")
            print("Product: \(table.product)" + (table.scope.isEmpty ? "" : ", scope: \(table.scope)"))
            if !table.primaryKey.isEmpty { print("Primary key: \(table.primaryKey.joined(separator: " + "))") }
            if !table.observation.isEmpty { print("Note: \(table.observation)") }
            print("\n\(detail.fields.count) fields:")
            print(
                columns(
                    [["NAME", "TYPE", "LENGTH", "NOMENCLATURE", "DESCRIPTION"]]
                        + detail.fields.map {
                            [$0.name, $0.type, $0.lengthText ?? "", $0.nomenclatureReference ?? "", $0.description]
                        }))
            if !detail.joins.isEmpty {
                print("\nJoins:")
                for join in detail.joins {
                    let arrow = join.direction == .outgoing ? "->" : "<-"
                    let keys = zip(join.fields, join.otherFields).map { $0 == $1 ? $0 : "\($0) = \($1)" }.joined(separator: " + ")
                    print("  \(arrow) \(join.table) on \(keys)\(join.resolved ? "" : " (not in the catalog)")")
                }
            }
            if !detail.sharedVariables.isEmpty {
                print("\nVariables also found in other tables:")
                for shared in detail.sharedVariables {
                    let shown = shared.tables.prefix(8).joined(separator: ", ")
                    print("  \(shared.name): \(shown)\(shared.tables.count > 8 ? " and \(shared.tables.count - 8) more" : "")")
                }
            }
        }
    }

    struct Variable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a variable: TABLE.NAME, or NAME for every table that has it.")

        @OptionGroup var options: VersionOptions

        @Argument(help: "TABLE.NAME, or NAME alone (then its first table, and the others it is in).")
        var reference: String

        func run() async throws {
            let (repository, version) = try await options.open()
            var parts = reference.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 1, let table = try await repository.tables(havingVariable: parts[0], version: version).first {
                parts.insert(table, at: 0)
            }
            guard parts.count == 2, let detail = try await repository.variable(table: parts[0], name: parts[1], version: version) else {
                throw ValidationError("no variable \(reference) in catalog version \(version.name)")
            }
            if options.format == .json { return try printJSON(detail) }
            let variable = detail.variable
            print("\(detail.table.name).\(variable.name) — \(variable.description)")
            print(
                columns([
                    ["type", variable.type + (variable.oracleType.isEmpty ? "" : " (Oracle: \(variable.oracleType))")],
                    ["length", variable.lengthText ?? "-"], ["format", variable.format],
                    ["nomenclature", variable.nomenclatureReference ?? "-"],
                    ["created", variable.history.created.isEmpty ? "-" : variable.history.created],
                    ["deleted", variable.history.deleted.isEmpty ? "-" : variable.history.deleted],
                    ["missing", variable.history.missing.isEmpty ? "-" : variable.history.missing.joined(separator: ", ")],
                    ["constraints", variable.constraints ?? "-"], ["rule", variable.managementRule.isEmpty ? "-" : variable.managementRule],
                    ["observation", variable.observation.isEmpty ? "-" : variable.observation],
                ]))
            if !detail.alsoIn.isEmpty { print("Also in: \(detail.alsoIn.joined(separator: ", "))") }
            if let nomenclature = detail.nomenclature, !detail.sampleEntries.isEmpty {
                print("\nFirst codes of \(nomenclature.name) (\(nomenclature.title)):")
                print(columns(detail.sampleEntries.map { ["  " + $0.code, $0.label] }))
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search variables by name, description and nomenclature labels, best first.",
            discussion: "Accents, case and plurals are ignored; English words also find their French equivalents."
        )

        @OptionGroup var options: VersionOptions

        @Argument(help: "Words to look for, e.g. \"date de naissance\".")
        var query: [String]

        @Option(help: "How many results at most.")
        var limit = 20

        func run() async throws {
            let (repository, version) = try await options.open()
            let matches = try await repository.search(query.joined(separator: " "), version: version, limit: limit)
            if options.format == .json { return try printJSON(matches) }
            if matches.isEmpty { return print("No variable matches.") }
            print(
                columns(
                    [["SCORE", "TABLE", "FIELD", "DESCRIPTION"]]
                        + matches.map { match in
                            let via = match.matchedEntry.map { " [\(match.nomenclature ?? ""): \($0.code) \($0.label)]" } ?? ""
                            return [String(format: "%.2f", match.score), match.table, match.field, match.description + via]
                        }))
        }
    }
}
