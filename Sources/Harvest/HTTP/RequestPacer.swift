import Publications

/// How many requests a source accepts per second before it answers 429 or blocks the caller.
public struct RequestRate: Hashable, Sendable, CustomStringConvertible {
    public var perSecond: Double

    public init(perSecond: Double) {
        precondition(perSecond > 0, "a request rate must be positive")
        self.perSecond = perSecond
    }

    /// The least time between the starts of two requests.
    public var interval: Duration { .nanoseconds(Int64((1_000_000_000 / perSecond).rounded(.up))) }

    public var description: String { "\(perSecond) requests/s" }

    /// The published limits of each source: NCBI allows 3 requests/s without an API key and 10 with one;
    /// OpenAlex and Crossref's polite pool 10; HAL and Europe PMC ask for restraint, 5 is what they tolerate.
    public static func standard(for source: PublicationSource, hasAPIKey: Bool = false) -> RequestRate {
        switch source {
        case .pubmed: RequestRate(perSecond: hasAPIKey ? 10 : 3)
        case .openalex, .crossref: RequestRate(perSecond: 10)
        case .hal, .europepmc: RequestRate(perSecond: 5)
        case .jats, .jsonl: RequestRate(perSecond: 1)
        }
    }
}

/// Spaces the starts of the requests sent to one source, whichever task sends them: each request books the
/// next free slot, so concurrent callers queue up instead of bursting.
public actor RequestPacer {
    public nonisolated let rate: RequestRate
    private let clock = ContinuousClock()
    private var nextFreeSlot: ContinuousClock.Instant?
    /// When each of the latest requests was let through, oldest first: what the limit is checked against.
    public private(set) var grantedStarts: [ContinuousClock.Instant] = []
    private let remembered = 1_000

    public init(rate: RequestRate) {
        self.rate = rate
    }

    /// Returns when a request may start.
    public func waitForTurn() async throws {
        let now = clock.now
        let slot = max(now, nextFreeSlot ?? now)
        // The slot is booked before suspending, so that a caller arriving meanwhile takes the one after.
        nextFreeSlot = slot + rate.interval
        if slot > now {
            try await Task.sleep(until: slot, clock: clock)
            record(clock.now)
        } else {
            record(now)
        }
    }

    private func record(_ start: ContinuousClock.Instant) {
        grantedStarts.append(start)
        if grantedStarts.count > remembered { grantedStarts.removeFirst(grantedStarts.count - remembered) }
    }
}
