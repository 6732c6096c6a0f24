import Core

/// One page of results, with the facet counts of the whole result set.
public struct SearchResponse: Hashable, Sendable, Encodable {
    /// How many publications match, all pages together.
    public var total: Int
    public var page: Int
    public var pageSize: Int
    public var results: [SearchHit]
    /// The counts of each facet's values over the matching publications, most frequent first. A facet's own
    /// filter is left out of its counts, so that its other values can still be chosen.
    public var facets: [Facet: [FacetCount]]
    /// The index's revision the answer was computed on: caches of derived views key on it.
    public var revision: Int64

    public init(total: Int, page: Int, pageSize: Int, results: [SearchHit], facets: [Facet: [FacetCount]], revision: Int64) {
        self.total = total
        self.page = page
        self.pageSize = pageSize
        self.results = results
        self.facets = facets
        self.revision = revision
    }
}

public struct SearchHit: Hashable, Sendable, Encodable {
    public var id: Int64
    public var name: String
    public var title: String
    public var year: Int?
    public var journal: String?
    /// The first authors' names, as a result list shows them.
    public var authors: [String]
    public var databases: [DocumentDatabase]
    public var citations: Int?
    public var snippet: Snippet
    public var score: Double

    public init(
        id: Int64, name: String, title: String, year: Int?, journal: String?, authors: [String], databases: [DocumentDatabase],
        citations: Int?, snippet: Snippet, score: Double
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.year = year
        self.journal = journal
        self.authors = authors
        self.databases = databases
        self.citations = citations
        self.snippet = snippet
        self.score = score
    }
}

/// A passage of a result's text around the query's words, the matched words marked.
public struct Snippet: Hashable, Sendable, Encodable {
    public struct Fragment: Hashable, Sendable {
        public var text: String
        public var isMatch: Bool

        public init(text: String, isMatch: Bool) {
            self.text = text
            self.isMatch = isMatch
        }
    }

    public var fragments: [Fragment]

    public init(fragments: [Fragment]) { self.fragments = fragments }

    public var text: String { fragments.map(\.text).joined() }

    /// The snippet as HTML: its text escaped, the matched words in `<mark>`.
    public var html: String {
        fragments.map { fragment in
            let text = fragment.text.htmlEscaped
            return fragment.isMatch ? "<mark>\(text)</mark>" : text
        }.joined()
    }

    /// The API gives the HTML form: safe to insert, and it carries the highlights.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(html)
    }
}

public struct FacetCount: Hashable, Sendable, Encodable {
    public var value: String
    /// What to show for the value when it is not itself readable (an author's key shows the author's name).
    public var label: String
    public var count: Int

    public init(value: String, label: String? = nil, count: Int) {
        self.value = value
        self.label = label ?? value
        self.count = count
    }
}
