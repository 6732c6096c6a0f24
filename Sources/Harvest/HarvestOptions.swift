import Logging
import Publications

/// Everything `hublot publications harvest` can set.
public struct HarvestOptions: Sendable {
    /// Another server than the source's (a mirror, a test double).
    public var baseURL: String?
    /// An e-mail address, sent as `mailto`/`email` and in the User-Agent.
    public var contact: String?
    /// NCBI's or OpenAlex's API key: NCBI allows 10 requests/s with one instead of 3.
    public var apiKey: String?
    public var pageSize: Int
    public var limit: Int?
    public var restart: Bool
    /// Overrides the source's standard rate.
    public var rate: RequestRate?
    public var retry: RetryPolicy
    /// Hublot's version, for the User-Agent.
    public var version: String

    public init(
        baseURL: String? = nil,
        contact: String? = nil,
        apiKey: String? = nil,
        pageSize: Int = 200,
        limit: Int? = nil,
        restart: Bool = false,
        rate: RequestRate? = nil,
        retry: RetryPolicy = .standard,
        version: String = "0.1"
    ) {
        self.baseURL = baseURL
        self.contact = contact
        self.apiKey = apiKey
        self.pageSize = pageSize
        self.limit = limit
        self.restart = restart
        self.rate = rate
        self.retry = retry
        self.version = version
    }

    /// The sources that have a search API to harvest from.
    public static let harvestableSources: [PublicationSource] = [.pubmed, .openalex, .hal, .crossref, .europepmc]
}

extension Harvester {
    /// Harvests `key` into `sink` with a client of `key.source` built from `options`: the entry point of the
    /// command line. The HTTP client lives for this call only and is shut down whatever happens.
    public static func harvest(
        _ key: HarvestKey,
        options: HarvestOptions,
        into sink: any HarvestSink,
        logger: Logger = Logger(label: "hublot.harvest"),
        progress: (@Sendable (HarvestProgress) -> Void)? = nil
    ) async throws -> HarvestSummary {
        let fetcher = Fetcher(
            userAgent: Fetcher.userAgent(version: options.version, contact: options.contact),
            retry: options.retry,
            logger: logger
        )
        do {
            let client = try makeClient(for: key.source, options: options, fetcher: fetcher)
            let harvester = Harvester(
                client: client, sink: sink, pageSize: options.pageSize, restart: options.restart, limit: options.limit,
                logger: logger, progress: progress
            )
            let summary = try await harvester.run(key)
            try await fetcher.shutdown()
            return summary
        } catch {
            try? await fetcher.shutdown()
            throw error
        }
    }

    /// The client of `source` with the standard parser, base URL and rate unless `options` says otherwise.
    public static func makeClient(
        for source: PublicationSource,
        options: HarvestOptions,
        fetcher: Fetcher,
        parse: RecordParser? = nil
    ) throws -> any HarvestClient {
        func settings(_ defaultBaseURL: String) -> ClientSettings {
            let rate = options.rate ?? .standard(for: source, hasAPIKey: options.apiKey != nil)
            return ClientSettings(
                baseURL: options.baseURL ?? defaultBaseURL, contact: options.contact, apiKey: options.apiKey,
                pacer: RequestPacer(rate: rate)
            )
        }
        switch source {
        case .pubmed:
            return PubMedClient(settings: settings(PubMedClient.defaultBaseURL), fetcher: fetcher, parse: parse ?? RecordParsers.pubMed)
        case .openalex:
            return OpenAlexClient(
                settings: settings(OpenAlexClient.defaultBaseURL), fetcher: fetcher, parse: parse ?? RecordParsers.openAlex)
        case .hal:
            return HALClient(settings: settings(HALClient.defaultBaseURL), fetcher: fetcher, parse: parse ?? RecordParsers.hal)
        case .crossref:
            return CrossrefClient(
                settings: settings(CrossrefClient.defaultBaseURL), fetcher: fetcher, parse: parse ?? RecordParsers.crossref)
        case .europepmc:
            return EuropePMCClient(
                settings: settings(EuropePMCClient.defaultBaseURL), fetcher: fetcher, parse: parse ?? RecordParsers.europePMC)
        case .jats, .jsonl:
            throw HarvestError.unsupportedSource(source)
        }
    }
}
