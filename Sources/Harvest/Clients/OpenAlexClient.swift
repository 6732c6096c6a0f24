import Publications

/// OpenAlex's `/works` search, walked with its cursor (`cursor=*`, then `meta.next_cursor` until null).
public struct OpenAlexClient: HarvestClient {
    public static let defaultBaseURL = "https://api.openalex.org"
    public static let largestPage = 200

    public let source = PublicationSource.openalex
    public var settings: ClientSettings
    public var fetcher: Fetcher
    public var parse: RecordParser

    public init(settings: ClientSettings, fetcher: Fetcher, parse: @escaping RecordParser = RecordParsers.openAlex) {
        self.settings = settings
        self.fetcher = fetcher
        self.parse = parse
    }

    public func page(of key: HarvestKey, at state: [String: String], size: Int) async throws -> HarvestPage {
        let cursor = CursorPaging.cursor(in: state)
        var query = QueryString([("search", key.query)])
        query.append("filter", key.lowerBound.map { "from_publication_date:\($0)" })
        query.append("per-page", String(min(size, Self.largestPage)))
        query.append("cursor", cursor)
        query.append("mailto", settings.contact)
        query.append("api_key", settings.apiKey)
        let url = QueryString.url(base: settings.baseURL, path: "works", query: query)
        return try await CursorPaging.page(url: url, sentCursor: cursor, fetcher: fetcher, settings: settings, parse: parse) { body in
            CursorAnswer(
                received: try CursorPaging.count(body["results"], at: "results"),
                total: JSONPage.int(JSONPage.value(body, "meta", "count")),
                nextCursor: JSONPage.string(JSONPage.value(body, "meta", "next_cursor"))
            )
        }
    }
}
