/// Identifies one harvest: the same source, query and start date resume the same checkpoint.
public struct HarvestKey: Hashable, Sendable, Codable {
    public var source: PublicationSource
    public var query: String
    /// `YYYY-MM-DD`, or empty for no lower bound.
    public var since: String

    public init(source: PublicationSource, query: String, since: String = "") {
        self.source = source
        self.query = query
        self.since = since
    }
}

/// How far a harvest has gone. It is written in the same transaction as the page of records it follows, so
/// a harvest killed at any moment resumes exactly after the last page stored: never a page twice, never a
/// page lost.
public struct HarvestCheckpoint: Hashable, Sendable, Codable {
    public var key: HarvestKey
    /// What the client needs to ask for the next page: a cursor, a `retstart`, a `WebEnv`… Each client
    /// names its own entries.
    public var state: [String: String]
    /// Records received so far.
    public var fetched: Int
    /// What the source announced as the total, when it does.
    public var total: Int?
    public var isComplete: Bool

    public init(key: HarvestKey, state: [String: String] = [:], fetched: Int = 0, total: Int? = nil, isComplete: Bool = false) {
        self.key = key
        self.state = state
        self.fetched = fetched
        self.total = total
        self.isComplete = isComplete
    }
}
