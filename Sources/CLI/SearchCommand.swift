import ArgumentParser
import Foundation
import Search

extension SearchSort: ExpressibleByArgument {}

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the publications: full text, facets, the answer of GET /api/search.",
        subcommands: [Query.self, Reindex.self],
        defaultSubcommand: Query.self
    )
}

extension SearchCommand {
    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "query",
            abstract: "Search the publications (the default: `hublot search WORDS`).",
            discussion: """
                WORDS: words (French or English, accents and plurals ignored, the last one completed), "a phrase", \
                -word or -"phrase" to exclude, field:value (title, abstract, author, journal, mesh, keyword, \
                affiliation, database), database names and acronyms (SNIIRAM finds SNDS). Filters: --filter \
                database=SNDS --filter year=2019..2021 (facets: \(Facet.allCases.map(\.rawValue).joined(separator: ", "))); \
                several values of one facet are alternatives, facets combine.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The query.")
        var words: [String] = []

        @Option(name: .long, help: ArgumentHelp("A facet's value, as FACET=VALUE; repeatable.", valueName: "facet=value"))
        var filter: [String] = []

        @Option(help: "Order: relevance, date or citations.")
        var sort: SearchSort = .relevance

        @Option(help: "The page, from 1.")
        var page = 1

        @Option(help: "Results per page (1 to \(SearchRequest.maximumPageSize)).")
        var size = 20

        @Option(help: "Output format: text or json (the API's answer).")
        var format: OutputFormat = .text

        func request() throws -> SearchRequest {
            var parameters: [(name: String, value: String)] = [("q", words.joined(separator: " ")), ("sort", sort.rawValue)]
            parameters += [("page", String(page)), ("size", String(size))]
            for item in filter {
                guard let equals = item.firstIndex(of: "=") else {
                    throw ValidationError("--filter \(item): expected FACET=VALUE, e.g. database=SNDS or year=2019..2021")
                }
                parameters.append((String(item[..<equals]), String(item[item.index(after: equals)...])))
            }
            do {
                return try SearchRequest(parameters: parameters)
            } catch {
                throw ValidationError("--filter \(error.description)")
            }
        }

        func validate() throws { _ = try request() }

        func run() async throws {
            let engine = try await SearchEngine(store: try storeOptions.open())
            let response = try await engine.search(try request())
            if format == .json { return try printJSON(response) }
            print("\(response.total) publications, page \(response.page) (index revision \(response.revision))")
            for hit in response.results {
                print("")
                print(columns([[String(hit.id), hit.year.map(String.init) ?? "----", hit.title]]))
                let details = [
                    hit.journal, hit.authors.isEmpty ? nil : hit.authors.joined(separator: ", "),
                    hit.databases.isEmpty ? nil : hit.databases.map { "\($0.name) (\($0.status.rawValue))" }.joined(separator: ", "),
                ]
                print("    " + details.compactMap { $0 }.joined(separator: " · "))
                let snippet = hit.snippet.fragments.map { $0.isMatch ? "[\($0.text)]" : $0.text }.joined()
                print("    " + snippet.split(whereSeparator: \.isNewline).joined(separator: " "))
            }
            for facet in Facet.allCases {
                guard let counts = response.facets[facet], !counts.isEmpty else { continue }
                print("")
                print("\(facet.rawValue): " + counts.prefix(8).map { "\($0.label) \($0.count)" }.joined(separator: ", "))
            }
        }
    }

    struct Reindex: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild every publication's search document (searches keep the index in step without it).")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let summary = try await SearchEngine.reindex(store: try storeOptions.open())
            if format == .json { return try printJSON(summary) }
            print("Reindexed \(summary.documents) publications (\(summary.removed) removed) in \(String(format: "%.1f", summary.seconds)) s")
        }
    }
}
