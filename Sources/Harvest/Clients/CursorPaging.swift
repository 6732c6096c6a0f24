import Publications

/// What a cursor-paged JSON answer says about paging: OpenAlex, HAL, Crossref and Europe PMC all hand back
/// an opaque cursor to send for the next page, and differ only in where they put it and how they say "done".
struct CursorAnswer {
    var received: Int
    var total: Int?
    var nextCursor: String?
}

enum CursorPaging {
    static let cursorKey = "cursor"
    static let firstCursor = "*"

    /// Fetches the page at `url` and reads both its records and its paging fields from the same body.
    static func page(
        url: String,
        sentCursor: String,
        fetcher: Fetcher,
        settings: ClientSettings,
        parse: @escaping RecordParser,
        paging: @escaping @Sendable ([String: Any]) throws -> CursorAnswer
    ) async throws -> HarvestPage {
        let name = QueryString.masked(url)
        return try await fetcher.fetch(url, pacer: settings.pacer, accept: "application/json") { bytes in
            let answer = try paging(try JSONPage.object(bytes))
            let events = try parse(bytes, name)
            // An answer with no works, or a cursor that did not move, is the end: asking again would loop.
            let isLast = answer.received == 0 || answer.nextCursor == nil || answer.nextCursor == sentCursor
            return HarvestPage(
                events: events,
                received: answer.received,
                total: answer.total,
                next: isLast ? nil : [cursorKey: answer.nextCursor!]
            )
        }
    }

    static func cursor(in state: [String: String]) -> String {
        state[cursorKey] ?? firstCursor
    }

    static func count(_ value: Any?, at path: String) throws -> Int {
        guard let items = value as? [Any] else { throw MalformedPage(reason: "no \(path) array") }
        return items.count
    }
}
