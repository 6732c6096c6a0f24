import ArgumentParser
import Catalog
import Foundation
import Harvest
import Logging
import Publications

extension PublicationsCommand {
    struct Harvest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch the publications a query finds in a live service, page by page, resuming where it stopped.",
            discussion: """
                SOURCE is pubmed (E-utilities), openalex, hal, crossref or europepmc. With --database NAME, the \
                registry's queries of that database are run instead of --query, on every source it has one for (or \
                SOURCE only), one after the other, each resuming from its own checkpoint. Each page is stored with a \
                checkpoint in one transaction: a harvest killed at any point, run again with the same source, query \
                and --since, goes on after the last page stored, with no duplicate. A finished harvest is not run \
                again unless --restart is given. Requests keep to each service's published rate (NCBI: 3/s, 10/s with \
                --api-key) and transient failures (timeouts, 429, 5xx, cut answers) are retried with back-off.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(
            help: """
                The service: \(HarvestOptions.harvestableSources.map(\.rawValue).joined(separator: ", ")). With --database, only this one \
                of the database's sources; all of them when absent.
                """)
        var source: PublicationSource?

        @Option(help: "The query, in the service's own syntax (PubMed: a search term; HAL, Europe PMC: Solr/Lucene).")
        var query: String?

        @Option(
            help: """
                Instead of --query, run this database's queries from the registry (SNDS, PMSI…), one source after the other, \
                each with its own checkpoint.
                """)
        var database: String?

        @Option(help: "Only works published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
        var since: String?

        @Option(help: "Another server than the service's (a mirror, a test double), e.g. http://localhost:8080.")
        var baseURL: String?

        @Option(help: "An e-mail address sent to the service (NCBI, OpenAlex and Crossref ask for one).")
        var contact: String?

        @Option(help: "The service's API key (NCBI, OpenAlex); HUBLOT_API_KEY is read when absent.")
        var apiKey: String?

        @Option(help: "Works asked for per request (each service caps it).")
        var pageSize = 200

        @Option(help: "Stop after this many works of each query in this run; the next run goes on from there.")
        var limit: Int?

        @Option(help: "Requests per second, instead of the service's standard rate.")
        var rate: Double?

        @Flag(help: "Start again from the first page even if this harvest was finished or stopped.")
        var restart = false

        @Option(help: "Output format of the summary: text or json.")
        var output: OutputFormat = .text

        func validate() throws {
            _ = try harvests(in: .standard)
            if let since, Normalize.date(since) == nil {
                throw ValidationError("--since \(since) is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            }
            guard pageSize > 0 else { throw ValidationError("--page-size must be positive") }
            if let limit, limit <= 0 { throw ValidationError("--limit must be positive") }
            if let rate, rate <= 0 { throw ValidationError("--rate must be positive") }
        }

        /// What this command harvests: the `--query` on SOURCE, or the registry's queries of `--database`.
        func harvests(in registry: DatabaseRegistry) throws -> [HarvestKey] {
            let since = since.flatMap(Self.firstDay) ?? ""
            switch (query, database) {
            case (nil, nil):
                throw ValidationError("Give --query, or --database to run that database's queries from the registry")
            case (.some, .some):
                throw ValidationError("--query and --database exclude each other: --database runs the registry's queries of that database")
            case (let query?, nil):
                guard let source else {
                    throw ValidationError("Which service does --query go to? Give SOURCE: \(Self.sourceNames(HarvestOptions.harvestableSources))")
                }
                try Self.checkHarvestable(source)
                guard !query.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--query is empty") }
                return [HarvestKey(source: source, query: query, since: since)]
            case (nil, let name?):
                if let source { try Self.checkHarvestable(source) }
                guard let database = registry.database(named: name) else {
                    throw ValidationError(
                        "--database \(name) is not in the registry (version \(registry.version)); it knows \(registry.databases.map(\.name).joined(separator: ", "))"
                    )
                }
                return try Self.harvests(of: database, only: source).map { HarvestKey(source: $0.source, query: $0.query, since: since) }
            }
        }

        /// The database's queries, one per source that has a search API, in the order of `harvestableSources`;
        /// only `source`'s when given.
        static func harvests(of database: HubDatabase, only source: PublicationSource? = nil) throws -> [(source: PublicationSource, query: String)] {
            let queries = HarvestOptions.harvestableSources.compactMap { source in
                database.queries[source.rawValue].flatMap { query in
                    query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : (source: source, query: query)
                }
            }
            let available = sourceNames(queries.map(\.source))
            guard let source else {
                guard !queries.isEmpty else {
                    throw ValidationError(
                        "\(database.name) has no query in the registry for any of \(sourceNames(HarvestOptions.harvestableSources))")
                }
                return queries
            }
            guard let query = queries.first(where: { $0.source == source }) else {
                throw ValidationError(
                    "\(database.name) has no \(source.rawValue) query in the registry" + (queries.isEmpty ? "" : "; it has one for \(available)"))
            }
            return [query]
        }

        private static func checkHarvestable(_ source: PublicationSource) throws {
            guard HarvestOptions.harvestableSources.contains(source) else {
                throw ValidationError(HarvestError.unsupportedSource(source).description)
            }
        }

        private static func sourceNames(_ sources: [PublicationSource]) -> String {
            sources.map(\.rawValue).joined(separator: ", ")
        }

        @OptionGroup var enrichment: EnrichAfterwardsOptions

        func run() async throws {
            let keys = try harvests(in: .standard)
            let options = HarvestOptions(
                baseURL: baseURL, contact: contact,
                apiKey: apiKey ?? ProcessInfo.processInfo.environment["HUBLOT_API_KEY"],
                pageSize: pageSize, limit: limit, restart: restart, rate: rate.map(RequestRate.init(perSecond:))
            )
            let store = try storeOptions.open()
            let ingestor = PublicationIngestor(store: store)
            var reports: [HarvestReport] = []
            var failed = false
            for key in keys {
                // A query that fails (a source down, a syntax it refuses) does not keep the others from running.
                if let report = await harvest(key, options: options, into: ingestor) {
                    reports.append(report)
                } else {
                    failed = true
                }
            }
            if output == .json {
                if let database {
                    try printJSON(DatabaseHarvestReport(database: database, harvests: reports))
                } else if let report = reports.first {
                    try printJSON(report)
                }
            }
            try await enrichment.enrich(store, printing: output == .text)
            if failed { throw ExitCode(2) }
        }

        /// Runs one query to its end or its limit; nil if it stopped on an error, which is printed.
        private func harvest(_ key: HarvestKey, options: HarvestOptions, into ingestor: PublicationIngestor) async -> HarvestReport? {
            let sink = PublicationStoreSink(ingestor: ingestor)
            let progressLine = ProgressLine()
            let label = database.map { "\($0) on \(key.source.rawValue)" } ?? "\(key.source.rawValue) \"\(key.query)\""
            progressLine.begin()
            let result: HarvestSummary
            do {
                result = try await Harvester.harvest(
                    key, options: options, into: sink, logger: Logger(label: "hublot.harvest") { StreamLogHandler.standardError(label: $0) }
                ) { progress in
                    let fraction = progress.total.flatMap { $0 > 0 ? Double(progress.fetched) / Double($0) : nil }
                    progressLine.update(label, count: progress.fetched, unit: "works", fraction: fraction)
                }
            } catch {
                progressLine.clear()
                printError("harvest \(label) stopped: \(error)")
                printError("What was stored is kept; run the same command again to resume.")
                return nil
            }
            progressLine.clear()
            let stored = await sink.summary
            let report = HarvestReport(result, stored)
            guard output == .text else { return report }
            let checkpoint = result.checkpoint
            let of = checkpoint.total.map { " of \($0)" } ?? ""
            switch result.outcome {
            case .alreadyComplete:
                print("\(label): already complete, \(checkpoint.fetched) works; --restart fetches them again")
            case .stoppedAtLimit:
                print("\(label): stopped at the limit, \(checkpoint.fetched)\(of) works so far; run again to go on")
            case .complete:
                print("\(label): complete, \(checkpoint.fetched)\(of) works")
            }
            if result.outcome != .alreadyComplete {
                print("This run: \(result.pagesThisRun) pages, \(Ingest.counts(stored))")
            }
            Ingest.printProblems("rejected", stored.rejections)
            Ingest.printProblems("warning", stored.warnings)
            return report
        }

        /// The first day `since` covers, in full (`2020` is `2020-01-01`): the date filters of HAL, OpenAlex and
        /// Europe PMC take whole dates only.
        static func firstDay(_ since: String) -> String? {
            guard let date = Normalize.date(since) else { return nil }
            let month = date.month ?? 1
            let day = date.month == nil ? 1 : date.day ?? 1
            return String(format: "%04d-%02d-%02d", date.year, month, day)
        }
    }

    struct DatabaseHarvestReport: Encodable {
        var database: String
        var harvests: [HarvestReport]
    }

    struct HarvestReport: Encodable {
        var outcome: String
        var source: PublicationSource
        var query: String
        var since: String
        var fetched: Int
        var total: Int?
        var pages: Int
        var summary: IngestSummary

        init(_ result: HarvestSummary, _ summary: IngestSummary) {
            outcome = result.outcome.rawValue
            source = result.checkpoint.key.source
            query = result.checkpoint.key.query
            since = result.checkpoint.key.since
            fetched = result.checkpoint.fetched
            total = result.checkpoint.total
            pages = result.pagesThisRun
            self.summary = summary
        }
    }
}
