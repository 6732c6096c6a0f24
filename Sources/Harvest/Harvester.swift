import Logging
import Publications

/// Where a harvest puts what it fetched, and where it finds how far it went.
public protocol HarvestSink: Sendable {
    func checkpoint(for key: HarvestKey) async throws -> HarvestCheckpoint?
    /// Stores one page's events and the checkpoint reached after it, in ONE transaction.
    func store(_ events: [ReaderEvent], checkpoint: HarvestCheckpoint) async throws
}

/// How far a harvest is, after each page stored.
public struct HarvestProgress: Sendable, Hashable {
    public var key: HarvestKey
    /// Works received since the harvest began, across runs.
    public var fetched: Int
    /// What the source announced, when it does.
    public var total: Int?
    /// Works received by this run alone.
    public var fetchedThisRun: Int
    public var pagesThisRun: Int
}

/// What one run did.
public struct HarvestSummary: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        /// Every page of the query has been stored.
        case complete
        /// The run stopped at its `limit`; the next run goes on from there.
        case stoppedAtLimit = "stopped-at-limit"
        /// The checkpoint said the harvest was over: nothing was fetched.
        case alreadyComplete = "already-complete"
    }

    public var outcome: Outcome
    public var checkpoint: HarvestCheckpoint
    public var fetchedThisRun: Int
    public var pagesThisRun: Int
    public var records: Int
    public var deletions: Int
    public var rejected: Int
    public var warnings: Int
}

/// Walks one query of one source page by page into a sink, resuming from the sink's checkpoint.
///
/// Each page is stored with the checkpoint that follows it, so a run killed at any moment loses at most the
/// page in flight, which the next run asks for again: nothing stored is fetched twice, nothing is skipped.
public struct Harvester: Sendable {
    public var client: any HarvestClient
    public var sink: any HarvestSink
    /// Works asked for per request; each client caps it at what its API allows.
    public var pageSize: Int
    /// Start over from the first page even if a checkpoint exists (a finished harvest is not run again
    /// otherwise). What was stored stays; the store replaces records by key.
    public var restart: Bool
    /// Stop once this run has received this many works, to try a query; the checkpoint lets a later run go on.
    public var limit: Int?
    public var logger: Logger
    public var progress: (@Sendable (HarvestProgress) -> Void)?

    public init(
        client: any HarvestClient,
        sink: any HarvestSink,
        pageSize: Int = 200,
        restart: Bool = false,
        limit: Int? = nil,
        logger: Logger = Logger(label: "hublot.harvest"),
        progress: (@Sendable (HarvestProgress) -> Void)? = nil
    ) {
        precondition(pageSize > 0, "a page holds at least one work")
        self.client = client
        self.sink = sink
        self.pageSize = pageSize
        self.restart = restart
        self.limit = limit
        self.logger = logger
        self.progress = progress
    }

    public func run(_ key: HarvestKey) async throws -> HarvestSummary {
        guard key.source == client.source else { throw HarvestError.unsupportedSource(key.source) }
        var log = logger
        log[metadataKey: "source"] = "\(key.source.rawValue)"
        log[metadataKey: "query"] = "\(key.query)"

        var checkpoint = HarvestCheckpoint(key: key)
        if let stored = try await sink.checkpoint(for: key) {
            guard stored.key == key else { throw HarvestError.checkpointMismatch(expected: key, found: stored.key) }
            if restart {
                log.info("restarting from the first page; \(stored.fetched) works were received before")
            } else {
                checkpoint = stored
            }
        }
        var summary = HarvestSummary(
            outcome: .complete, checkpoint: checkpoint, fetchedThisRun: 0, pagesThisRun: 0,
            records: 0, deletions: 0, rejected: 0, warnings: 0
        )
        if checkpoint.isComplete {
            log.info("already complete: \(checkpoint.fetched) works; restart to fetch again")
            summary.outcome = .alreadyComplete
            return summary
        }
        if checkpoint.fetched > 0 { log.info("resuming after \(checkpoint.fetched) works") }

        while true {
            try Task.checkCancellation()
            var size = pageSize
            if let limit {
                guard summary.fetchedThisRun < limit else {
                    summary.outcome = .stoppedAtLimit
                    log.info("stopped at the limit of \(limit) works; the next run goes on from here")
                    break
                }
                size = min(size, limit - summary.fetchedThisRun)
            }
            let page = try await client.page(of: key, at: checkpoint.state, size: size)
            checkpoint.fetched += page.received
            checkpoint.total = page.total ?? checkpoint.total
            if let next = page.next {
                checkpoint.state = next
            } else {
                checkpoint.isComplete = true
            }
            try await sink.store(page.events, checkpoint: checkpoint)

            summary.checkpoint = checkpoint
            summary.fetchedThisRun += page.received
            summary.pagesThisRun += 1
            summary.count(page.events)
            log.debug("page \(summary.pagesThisRun): \(page.received) works, \(checkpoint.fetched) of \(checkpoint.total.map(String.init) ?? "?")")
            progress?(
                HarvestProgress(
                    key: key, fetched: checkpoint.fetched, total: checkpoint.total,
                    fetchedThisRun: summary.fetchedThisRun, pagesThisRun: summary.pagesThisRun
                )
            )
            if checkpoint.isComplete {
                log.info("complete: \(checkpoint.fetched) works in all, \(summary.fetchedThisRun) in this run")
                break
            }
        }
        return summary
    }
}

extension HarvestSummary {
    fileprivate mutating func count(_ events: [ReaderEvent]) {
        for event in events {
            switch event {
            case .record: records += 1
            case .deletion: deletions += 1
            case .rejected: rejected += 1
            case .warning: warnings += 1
            }
        }
    }
}
