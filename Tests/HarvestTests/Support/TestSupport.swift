import Foundation
import Harvest
import Logging
import Publications
import Synchronization

/// A sink in memory that keeps every event stored, duplicates included, so that a test sees them.
actor MemorySink: HarvestSink {
    private var checkpoints: [HarvestKey: HarvestCheckpoint] = [:]
    private(set) var events: [ReaderEvent] = []
    private(set) var stores = 0
    /// The store call (1-based) that fails as if the process were killed during it: nothing of it is kept.
    private var killAtStore: Int?

    struct Killed: Error {}

    init(killAtStore: Int? = nil) {
        self.killAtStore = killAtStore
    }

    func checkpoint(for key: HarvestKey) -> HarvestCheckpoint? { checkpoints[key] }

    func store(_ events: [ReaderEvent], checkpoint: HarvestCheckpoint) throws {
        stores += 1
        if stores == killAtStore { throw Killed() }
        self.events += events
        checkpoints[checkpoint.key] = checkpoint
    }

    func revive() { killAtStore = nil }

    var recordKeys: [String] {
        events.compactMap { if case .record(let record) = $0 { record.key } else { nil } }
    }
}

/// Back-off waits asked for, spent as a few milliseconds each.
final class WaitRecorder: Sendable {
    private let waits = Mutex<[Duration]>([])
    var recorded: [Duration] { waits.withLock { $0 } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { duration in
            self.waits.withLock { $0.append(duration) }
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}

enum TestHarvest {
    /// Short back-offs, but long timeouts: on a busy CI machine, tests running alongside may hold the
    /// threads, the replay server's among them, long enough for an answer to be late (a CI run saw more than
    /// 90 s), and a timeout there would be a retry the test did not plan.
    static let fastRetry = RetryPolicy(
        maximumAttempts: 4, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(100),
        requestTimeout: .seconds(600), silenceTimeout: .seconds(600)
    )

    static var logger: Logger {
        var logger = Logger(label: "hublot.harvest.test")
        logger.logLevel = .critical
        return logger
    }

    /// Runs `body` with a fetcher whose HTTP client is shut down afterwards, whatever happens.
    static func withFetcher<T>(
        retry: RetryPolicy = fastRetry,
        waits: WaitRecorder = WaitRecorder(),
        contact: String? = "harvest-tests@example.org",
        _ body: (Fetcher) async throws -> T
    ) async throws -> T {
        let fetcher = Fetcher(
            userAgent: Fetcher.userAgent(version: "test", contact: contact), retry: retry, logger: logger, sleep: waits.sleep
        )
        do {
            let result = try await body(fetcher)
            try await fetcher.shutdown()
            return result
        } catch {
            try? await fetcher.shutdown()
            throw error
        }
    }

    /// Runs `body` against a replay server stopped afterwards.
    static func withServer<T>(
        _ handler: @escaping ReplayServer.Handler,
        _ body: (ReplayServer) async throws -> T
    ) async throws -> T {
        let server = try await ReplayServer.start(handler)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    static func settings(_ server: ReplayServer, perSecond: Double = 1_000, apiKey: String? = nil) -> ClientSettings {
        ClientSettings(
            baseURL: server.baseURL, contact: "harvest-tests@example.org", apiKey: apiKey,
            pacer: RequestPacer(rate: RequestRate(perSecond: perSecond))
        )
    }
}
