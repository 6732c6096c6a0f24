import Foundation
import Harvest
import Publications
import Synchronization
import Testing

@Suite("PubMed E-utilities harvest", .enabled(if: SharedData.has("entrez/esearch2.xml"), "needs ../shared/data"))
struct PubMedHarvestTests {
    let replay: PubMedReplay
    let key = HarvestKey(source: .pubmed, query: "cancer AND france[ad]", since: "2024-01-15")

    init() throws {
        replay = try PubMedReplay()
    }

    private func harvester(_ server: ReplayServer, _ fetcher: Fetcher, sink: MemorySink, pageSize: Int = 2, limit: Int? = nil)
        -> Harvester
    {
        let client = PubMedClient(settings: TestHarvest.settings(server, apiKey: "secret-key"), fetcher: fetcher, parse: TestParsers.pubMed)
        return Harvester(client: client, sink: sink, pageSize: pageSize, limit: limit, logger: TestHarvest.logger)
    }

    @Test func harvestsEveryArticleOnceThroughTheHistoryServer() async throws {
        let replay = self.replay
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            try await TestHarvest.withFetcher { fetcher in
                let sink = MemorySink()
                let summary = try await harvester(server, fetcher, sink: sink).run(key)

                #expect(replay.articles.count == 8)
                #expect(Set(replay.pmids).count == 8)
                #expect(await sink.recordKeys == replay.pmids)
                #expect(summary.outcome == .complete)
                #expect(summary.checkpoint.isComplete && summary.checkpoint.fetched == 8 && summary.checkpoint.total == 8)
                #expect(summary.pagesThisRun == 4)

                let requests = server.requests
                #expect(requests.map(\.path) == ["/esearch.fcgi", "/efetch.fcgi", "/efetch.fcgi", "/efetch.fcgi", "/efetch.fcgi"])
                let search = requests[0].query
                #expect(search["term"] == "cancer AND france[ad]")
                #expect(search["usehistory"] == "y" && search["retmax"] == "0" && search["db"] == "pubmed")
                #expect(search["mindate"] == "2024/01/15" && search["maxdate"] == "3000" && search["datetype"] == "edat")
                #expect(search["api_key"] == "secret-key" && search["tool"] == "hublot")
                #expect(search["email"] == "harvest-tests@example.org")
                #expect(requests.dropFirst().map { $0.query["retstart"] } == ["0", "2", "4", "6"])
                #expect(requests.dropFirst().allSatisfy { $0.query["WebEnv"] == "MCID_replay1" && $0.query["query_key"] == "1" })
                #expect(requests[1].headers["user-agent"] == "Hublot/test (mailto:harvest-tests@example.org)")
            }
        }
    }

    @Test func searchesAgainWhenTheHistoryExpiresAndGoesOnAtTheSameStart() async throws {
        let replay = self.replay
        let fetches = Counter()
        try await TestHarvest.withServer(
            { request in
                // NCBI forgets the search after the first page.
                if request.path.hasSuffix("/efetch.fcgi"), fetches.increment() == 2 { replay.forget() }
                return replay.answer(request)
            }
        ) { server in
            try await TestHarvest.withFetcher { fetcher in
                let sink = MemorySink()
                _ = try await harvester(server, fetcher, sink: sink).run(key)

                #expect(await sink.recordKeys == replay.pmids)
                let requests = server.requests.map { "\($0.path) \($0.query["retstart"] ?? "") \($0.query["WebEnv"] ?? "")" }
                #expect(
                    requests == [
                        "/esearch.fcgi  ", "/efetch.fcgi 0 MCID_replay1", "/efetch.fcgi 2 MCID_replay1",
                        "/esearch.fcgi  ", "/efetch.fcgi 2 MCID_replay2", "/efetch.fcgi 4 MCID_replay2",
                        "/efetch.fcgi 6 MCID_replay2",
                    ])
            }
        }
    }

    @Test func survivesRateLimitsServerErrorsTruncationAndBrokenConnections() async throws {
        let replay = self.replay
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            let efetch: @Sendable (String) -> @Sendable (ReplayRequest) -> Bool = { start in
                { $0.path.hasSuffix("/efetch.fcgi") && $0.query["retstart"] == start }
            }
            server.inject(.status(429, retryAfter: "1"))
            server.inject(.status(500), when: efetch("0"))
            server.inject(.shortBody, when: efetch("0"))
            server.inject(.cutContent, when: efetch("2"))
            server.inject(.hangUp, when: efetch("4"))
            server.inject(.status(503), when: efetch("4"))
            let waits = WaitRecorder()
            try await TestHarvest.withFetcher(retry: TestHarvest.fastRetry, waits: waits) { fetcher in
                let sink = MemorySink()
                let summary = try await harvester(server, fetcher, sink: sink).run(key)

                #expect(await sink.recordKeys == replay.pmids)
                #expect(summary.checkpoint.fetched == 8)
                // Five requests that succeed, six that fail.
                #expect(server.requests.count == 5 + 6)
                // The first wait is the one the 429 asked for; the others are short back-offs.
                #expect(waits.recorded.first == .seconds(1))
                #expect(waits.recorded.dropFirst().allSatisfy { $0 <= .milliseconds(100) })
            }
        }
    }

    @Test func resumesAfterAKillWithoutFetchingStoredPagesAgain() async throws {
        let replay = self.replay
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            try await TestHarvest.withFetcher { fetcher in
                let sink = MemorySink(killAtStore: 3)
                await #expect(throws: MemorySink.Killed.self) {
                    try await harvester(server, fetcher, sink: sink, pageSize: 2).run(key)
                }
                #expect(await sink.recordKeys == Array(replay.pmids.prefix(4)))
                let checkpoint = try #require(await sink.checkpoint(for: key))
                #expect(checkpoint.fetched == 4 && !checkpoint.isComplete && checkpoint.state["retstart"] == "4")

                server.clearLog()
                await sink.revive()
                let summary = try await harvester(server, fetcher, sink: sink, pageSize: 2).run(key)
                #expect(summary.fetchedThisRun == 4 && summary.checkpoint.fetched == 8)
                #expect(await sink.recordKeys == replay.pmids)
                // The stored WebEnv is still known: no new search, and nothing before the page that was lost.
                #expect(server.requests.map { $0.query["retstart"] } == ["4", "6"])
            }
        }
    }

    @Test func aFinishedHarvestFetchesNothingUnlessRestarted() async throws {
        let replay = self.replay
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            try await TestHarvest.withFetcher { fetcher in
                let sink = MemorySink()
                _ = try await harvester(server, fetcher, sink: sink, pageSize: 4).run(key)
                server.clearLog()

                let again = try await harvester(server, fetcher, sink: sink, pageSize: 4).run(key)
                #expect(again.outcome == .alreadyComplete && again.fetchedThisRun == 0)
                #expect(server.requests.isEmpty)

                var restarted = harvester(server, fetcher, sink: sink, pageSize: 4)
                restarted.restart = true
                let summary = try await restarted.run(key)
                #expect(summary.outcome == .complete && summary.fetchedThisRun == 8 && summary.checkpoint.fetched == 8)
                #expect(server.requests.map(\.path) == ["/esearch.fcgi", "/efetch.fcgi", "/efetch.fcgi"])
            }
        }
    }

    @Test func stopsAtTheLimitAndTheNextRunGoesOn() async throws {
        let replay = self.replay
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            try await TestHarvest.withFetcher { fetcher in
                let sink = MemorySink()
                let progress = ProgressLog()
                var tryOut = harvester(server, fetcher, sink: sink, pageSize: 2, limit: 3)
                tryOut.progress = { progress.append($0) }
                let first = try await tryOut.run(key)
                #expect(first.outcome == .stoppedAtLimit && first.fetchedThisRun == 3)
                #expect(server.requests.compactMap { $0.query["retmax"] } == ["0", "2", "1"])
                #expect(progress.entries.map(\.fetched) == [2, 3])
                #expect(progress.entries.allSatisfy { $0.total == 8 })

                let rest = try await harvester(server, fetcher, sink: sink, pageSize: 2).run(key)
                #expect(rest.outcome == .complete && rest.fetchedThisRun == 5)
                #expect(await sink.recordKeys == replay.pmids)
            }
        }
    }

    @Test func anEmptySearchCompletesAtOnce() async throws {
        try await TestHarvest.withServer({ _ in
            ReplayResponse(
                contentType: "text/xml",
                text: "<?xml version=\"1.0\" ?><eSearchResult><Count>0</Count><RetMax>0</RetMax><RetStart>0</RetStart><IdList/></eSearchResult>"
            )
        }) { server in
            try await TestHarvest.withFetcher { fetcher in
                let summary = try await harvester(server, fetcher, sink: MemorySink()).run(key)
                #expect(summary.outcome == .complete && summary.checkpoint.total == 0 && summary.checkpoint.fetched == 0)
                #expect(server.requests.count == 1)
            }
        }
    }
}

final class Counter: Sendable {
    private let value = Mutex(0)
    /// The count after this call.
    func increment() -> Int {
        value.withLock {
            $0 += 1; return $0
        }
    }
}

final class ProgressLog: Sendable {
    private let log = Mutex<[HarvestProgress]>([])
    func append(_ progress: HarvestProgress) { log.withLock { $0.append(progress) } }
    var entries: [HarvestProgress] { log.withLock { $0 } }
}
