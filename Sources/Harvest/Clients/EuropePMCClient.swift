import Publications

/// Europe PMC's REST search, walked with `cursorMark`; a date bound is part of the query itself, on the
/// first publication date.
public struct EuropePMCClient: HarvestClient {
    public static let defaultBaseURL = "https://www.ebi.ac.uk/europepmc/webservices/rest"
    public static let largestPage = 1_000

    public let source = PublicationSource.europepmc
    public var settings: ClientSettings
    public var fetcher: Fetcher
    public var parse: RecordParser

    public init(settings: ClientSettings, fetcher: Fetcher, parse: @escaping RecordParser = RecordParsers.europePMC) {
        self.settings = settings
        self.fetcher = fetcher
        self.parse = parse
    }

    public func page(of key: HarvestKey, at state: [String: String], size: Int) async throws -> HarvestPage {
        let cursor = CursorPaging.cursor(in: state)
        var search = key.query
        if let since = key.lowerBound { search = "(\(search)) AND FIRST_PDATE:[\(since) TO 3000-12-31]" }
        var query = QueryString([("query", search), ("format", "json"), ("resultType", "core")])
        query.append("pageSize", String(min(size, Self.largestPage)))
        query.append("cursorMark", cursor)
        query.append("email", settings.contact)
        let url = QueryString.url(base: settings.baseURL, path: "search", query: query)
        return try await CursorPaging.page(url: url, sentCursor: cursor, fetcher: fetcher, settings: settings, parse: parse) { body in
            CursorAnswer(
                received: try CursorPaging.count(JSONPage.value(body, "resultList", "result"), at: "resultList.result"),
                total: JSONPage.int(body["hitCount"]),
                nextCursor: JSONPage.string(body["nextCursorMark"])
            )
        }
    }
}
