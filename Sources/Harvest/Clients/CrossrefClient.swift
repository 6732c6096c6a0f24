import Publications

/// Crossref's `/works` query, walked with its deep-paging cursor; Crossref keeps handing a `next-cursor`
/// after the last works, so the end is the first page without items.
public struct CrossrefClient: HarvestClient {
    public static let defaultBaseURL = "https://api.crossref.org"
    public static let largestPage = 1_000

    public let source = PublicationSource.crossref
    public var settings: ClientSettings
    public var fetcher: Fetcher
    public var parse: RecordParser

    public init(settings: ClientSettings, fetcher: Fetcher, parse: @escaping RecordParser = RecordParsers.crossref) {
        self.settings = settings
        self.fetcher = fetcher
        self.parse = parse
    }

    public func page(of key: HarvestKey, at state: [String: String], size: Int) async throws -> HarvestPage {
        let cursor = CursorPaging.cursor(in: state)
        var query = QueryString([("query", key.query)])
        query.append("filter", key.lowerBound.map { "from-pub-date:\($0)" })
        query.append("rows", String(min(size, Self.largestPage)))
        query.append("cursor", cursor)
        query.append("mailto", settings.contact)
        let url = QueryString.url(base: settings.baseURL, path: "works", query: query)
        return try await CursorPaging.page(url: url, sentCursor: cursor, fetcher: fetcher, settings: settings, parse: parse) { body in
            CursorAnswer(
                received: try CursorPaging.count(JSONPage.value(body, "message", "items"), at: "message.items"),
                total: JSONPage.int(JSONPage.value(body, "message", "total-results")),
                nextCursor: JSONPage.string(JSONPage.value(body, "message", "next-cursor"))
            )
        }
    }
}
