import Publications

/// The store as a harvest's sink: each page ingested with the checkpoint that follows it in one transaction,
/// and what the pages did to the store added up, for the summary a harvest prints.
public actor PublicationStoreSink: HarvestSink {
    public let ingestor: PublicationIngestor
    public private(set) var summary = IngestSummary()

    public init(ingestor: PublicationIngestor) {
        self.ingestor = ingestor
    }

    public func checkpoint(for key: HarvestKey) async throws -> HarvestCheckpoint? {
        try await ingestor.checkpoint(for: key)
    }

    public func store(_ events: [ReaderEvent], checkpoint: HarvestCheckpoint) async throws {
        summary.add(try await ingestor.store(events, checkpoint: checkpoint))
    }
}
