/// What one ingest (a file, or a harvested page) did to the store.
public struct IngestSummary: Hashable, Sendable, Codable {
    /// Records and deletions read.
    public var read = 0
    /// Records that made a new publication.
    public var new = 0
    /// Records joined to a publication another record already made (the same work from another source).
    public var merged = 0
    /// Records read again with different content: the stored record is replaced.
    public var updated = 0
    /// Records read again exactly as stored: nothing written.
    public var unchanged = 0
    /// Records removed because their source withdrew them.
    public var deleted = 0
    /// Records the ingest's filter left out (a scan keeps only its candidates): read, not stored.
    public var skipped = 0
    /// Records refused (no identifier nor title…), listed in `rejections`.
    public var rejected = 0
    /// Publications that turned out to be one work and were joined (a record bridging two of them).
    public var joinedPublications = 0
    public var rejections: [PublicationProblem] = []
    public var warnings: [PublicationProblem] = []

    public init() {}

    public mutating func add(_ other: IngestSummary) {
        read += other.read
        new += other.new
        merged += other.merged
        updated += other.updated
        unchanged += other.unchanged
        deleted += other.deleted
        skipped += other.skipped
        rejected += other.rejected
        joinedPublications += other.joinedPublications
        rejections += other.rejections
        warnings += other.warnings
    }
}
