import Publications

/// HAL's Solr search API, walked with `cursorMark` (sorted on the unique `docid`, as Solr requires); the last
/// page is the one whose `nextCursorMark` is the mark that was sent.
public struct HALClient: HarvestClient {
    public static let defaultBaseURL = "https://api.archives-ouvertes.fr"
    public static let largestPage = 1_000

    public let source = PublicationSource.hal
    public var settings: ClientSettings
    public var fetcher: Fetcher
    public var parse: RecordParser

    public init(settings: ClientSettings, fetcher: Fetcher, parse: @escaping RecordParser = RecordParsers.hal) {
        self.settings = settings
        self.fetcher = fetcher
        self.parse = parse
    }

    public func page(of key: HarvestKey, at state: [String: String], size: Int) async throws -> HarvestPage {
        let cursor = CursorPaging.cursor(in: state)
        var query = QueryString([("q", key.query), ("wt", "json"), ("fl", "*")])
        query.append("fq", key.lowerBound.map { "producedDate_tdate:[\($0)T00:00:00Z TO *]" })
        query.append("rows", String(min(size, Self.largestPage)))
        query.append("sort", "docid asc")
        query.append("cursorMark", cursor)
        let url = QueryString.url(base: settings.baseURL, path: "search/", query: query)
        return try await CursorPaging.page(url: url, sentCursor: cursor, fetcher: fetcher, settings: settings, parse: parse) { body in
            CursorAnswer(
                received: try CursorPaging.count(JSONPage.value(body, "response", "docs"), at: "response.docs"),
                total: JSONPage.int(JSONPage.value(body, "response", "numFound")),
                nextCursor: JSONPage.string(body["nextCursorMark"])
            )
        }
    }
}
