import Foundation
import Publications

/// PubMed through NCBI's E-utilities: one `esearch` stores the query's results on NCBI's history server
/// (`WebEnv`, `query_key`), then `efetch` pages through them by `retstart`.
///
/// The history expires after some hours of idleness: when `efetch` answers that it no longer knows the
/// `WebEnv`, the search is run again and the harvest goes on at the same `retstart`.
public struct PubMedClient: HarvestClient {
    public static let defaultBaseURL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
    /// efetch's ceiling for one request.
    public static let largestPage = 10_000
    /// NCBI asks every client to name itself with `tool` (and `email`).
    public static let toolName = "hublot"

    public let source = PublicationSource.pubmed
    public var settings: ClientSettings
    public var fetcher: Fetcher
    public var parse: RecordParser

    public init(settings: ClientSettings, fetcher: Fetcher, parse: @escaping RecordParser = RecordParsers.pubMed) {
        self.settings = settings
        self.fetcher = fetcher
        self.parse = parse
    }

    /// A search stored on NCBI's history server.
    struct StoredSearch: Equatable {
        var count: Int
        var webEnv: String
        var queryKey: String
    }

    enum StateKey {
        static let webEnv = "webEnv"
        static let queryKey = "queryKey"
        static let count = "count"
        static let retstart = "retstart"
    }

    /// Tells the client that NCBI no longer holds the search it names.
    struct HistoryLost: Error {
        var message: String
    }

    /// How many times one page may run the search again before the harvest gives up: a history lost at
    /// every request is not expiry but a fault.
    static let searchRenewals = 2

    public func page(of key: HarvestKey, at state: [String: String], size: Int) async throws -> HarvestPage {
        let retstart = state[StateKey.retstart].flatMap(Int.init) ?? 0
        var search: StoredSearch
        if let webEnv = state[StateKey.webEnv], let queryKey = state[StateKey.queryKey],
            let count = state[StateKey.count].flatMap(Int.init)
        {
            search = StoredSearch(count: count, webEnv: webEnv, queryKey: queryKey)
        } else {
            search = try await self.search(key)
            if search.count > Self.largestPage {
                fetcher.logger.warning(
                    "PubMed counts \(search.count) records; NCBI may refuse pages past the first 10,000: split the query by date if it does")
            }
        }
        var renewals = 0
        while true {
            guard retstart < search.count else {
                return HarvestPage(events: [], received: 0, total: search.count, next: nil)
            }
            let retmax = min(size, Self.largestPage, search.count - retstart)
            do {
                let (events, received) = try await fetch(search, retstart: retstart, retmax: retmax)
                let nextStart = retstart + retmax
                let next: [String: String]? =
                    nextStart < search.count
                    ? [
                        StateKey.webEnv: search.webEnv, StateKey.queryKey: search.queryKey,
                        StateKey.count: String(search.count), StateKey.retstart: String(nextStart),
                    ] : nil
                return HarvestPage(events: events, received: received, total: search.count, next: next)
            } catch let lost as HistoryLost {
                guard renewals < Self.searchRenewals else {
                    throw HarvestError.unexpectedAnswer(
                        url: efetchURL(search, retstart: retstart, retmax: retmax, masked: true),
                        reason: "the search history is lost again after running the search \(renewals) more times: \(lost.message)"
                    )
                }
                renewals += 1
                fetcher.logger.info("NCBI no longer holds the search (\(lost.message)); searching again to go on at \(retstart)")
                search = try await self.search(key)
            }
        }
    }

    func search(_ key: HarvestKey) async throws -> StoredSearch {
        var query = QueryString([("db", "pubmed"), ("term", key.query), ("usehistory", "y"), ("retmax", "0")])
        if let since = key.lowerBound {
            // E-utilities want dates as YYYY/MM/DD; maxdate is required with mindate.
            query.append("mindate", since.replacingOccurrences(of: "-", with: "/"))
            query.append("maxdate", "3000")
            query.append("datetype", "edat")
        }
        appendIdentity(to: &query)
        let url = QueryString.url(base: settings.baseURL, path: "esearch.fcgi", query: query)
        let shown = QueryString.masked(url)
        return try await fetcher.fetch(url, pacer: settings.pacer, accept: "application/xml") { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            // NCBI reports a failing search backend inside a 200; it passes, so it is retried.
            if let error = XMLScan.firstText(of: "ERROR", in: text) { throw MalformedPage(reason: "esearch error: \(error)") }
            guard text.contains("</eSearchResult>") else { throw MalformedPage(reason: "no closing </eSearchResult>") }
            guard let count = XMLScan.firstText(of: "Count", in: text).flatMap({ Int($0) }) else {
                throw MalformedPage(reason: "esearch answer without a Count")
            }
            guard let webEnv = XMLScan.firstText(of: "WebEnv", in: text), let queryKey = XMLScan.firstText(of: "QueryKey", in: text)
            else {
                if count == 0 { return StoredSearch(count: 0, webEnv: "", queryKey: "") }
                throw HarvestError.unexpectedAnswer(url: shown, reason: "esearch kept no history (no WebEnv or QueryKey)")
            }
            return StoredSearch(count: count, webEnv: webEnv, queryKey: queryKey)
        }
    }

    private func fetch(_ search: StoredSearch, retstart: Int, retmax: Int) async throws -> ([ReaderEvent], Int) {
        let url = efetchURL(search, retstart: retstart, retmax: retmax, masked: false)
        let name = QueryString.masked(url)
        let parse = self.parse
        do {
            return try await fetcher.fetch(url, pacer: settings.pacer, accept: "application/xml") { bytes in
                let text = String(decoding: bytes, as: UTF8.self)
                if let error = XMLScan.firstText(of: "ERROR", in: text), !text.contains("<PubmedArticleSet") {
                    throw HistoryLost(message: error)
                }
                // A body cut short by a proxy may still parse up to the cut: the closing tag is the proof.
                guard text.contains("</PubmedArticleSet>") || text.contains("<PubmedArticleSet/>") else {
                    throw MalformedPage(reason: "no closing </PubmedArticleSet>")
                }
                let received = XMLScan.count(of: "PubmedArticle", in: text) + XMLScan.count(of: "PubmedBookArticle", in: text)
                return (try parse(bytes, name), received)
            }
        } catch HarvestError.refused(_, let status, let body) where status == 400 && Self.saysHistoryIsLost(body) {
            throw HistoryLost(message: body)
        }
    }

    private func efetchURL(_ search: StoredSearch, retstart: Int, retmax: Int, masked: Bool) -> String {
        var query = QueryString([
            ("db", "pubmed"), ("query_key", search.queryKey), ("WebEnv", search.webEnv),
            ("retstart", String(retstart)), ("retmax", String(retmax)), ("retmode", "xml"),
        ])
        appendIdentity(to: &query)
        let url = QueryString.url(base: settings.baseURL, path: "efetch.fcgi", query: query)
        return masked ? QueryString.masked(url) : url
    }

    private func appendIdentity(to query: inout QueryString) {
        query.append("api_key", settings.apiKey)
        query.append("tool", Self.toolName)
        query.append("email", settings.contact)
    }

    static func saysHistoryIsLost(_ body: String) -> Bool {
        let text = body.lowercased()
        return ["webenv", "query_key", "query key", "history", "unable to obtain query", "cannot retrieve query"]
            .contains { text.contains($0) }
    }
}

/// Just enough XML reading for E-utilities' small envelopes; the articles go to the real reader.
enum XMLScan {
    /// The text of the first `<name>…</name>`, trimmed.
    static func firstText(of name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)>"), let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// How many elements `name` open in `text` (`<name>` or `<name attr…>`, not `<nameSuffix>`).
    static func count(of name: String, in text: String) -> Int {
        var count = 0
        var rest = text[...]
        let opening = "<\(name)"
        while let found = rest.range(of: opening) {
            if let next = rest[found.upperBound...].first, next == ">" || next == " " || next == "\n" || next == "\t" || next == "\r" {
                count += 1
            }
            rest = rest[found.upperBound...]
        }
        return count
    }
}
