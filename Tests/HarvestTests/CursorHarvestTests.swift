import Foundation
import Harvest
import Publications
import Testing

/// The sources paged with an opaque cursor, replayed from real answers.
@Suite("Cursor-paged harvests", .enabled(if: SharedData.has(CursorReplay.halFile), "needs ../shared/data"))
struct CursorHarvestTests {
    static func expectedKeys(_ replay: CursorReplay, _ parse: RecordParser) throws -> [String] {
        // What the parser names each work, read from the works themselves rather than through paging.
        let whole = CursorReplay(style: replay.style, items: replay.items)
        var request = ReplayRequest(
            path: "/", query: ["rows": "\(replay.count)", "per-page": "\(replay.count)", "pageSize": "\(replay.count)"], headers: [:])
        request.query["cursor"] = "*"
        let body = whole.answer(request).body
        return try parse(body, "whole").compactMap { if case .record(let record) = $0 { record.key } else { nil } }
    }

    @Test func halPagesWithCursorMarksUntilTheMarkRepeats() async throws {
        let replay = try CursorReplay.hal()
        #expect(replay.count == 36)
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            try await TestHarvest.withFetcher { fetcher in
                let sink = MemorySink()
                let client = HALClient(settings: TestHarvest.settings(server), fetcher: fetcher, parse: TestParsers.hal)
                let key = HarvestKey(source: .hal, query: "authIdHal_s:olivier-devauchelle", since: "2005-01-01")
                let summary = try await Harvester(client: client, sink: sink, pageSize: 10, logger: TestHarvest.logger).run(key)

                let keys = await sink.recordKeys
                #expect(keys == (try Self.expectedKeys(replay, TestParsers.hal)))
                #expect(Set(keys).count == 36)
                #expect(summary.checkpoint.fetched == 36 && summary.checkpoint.total == 36 && summary.checkpoint.isComplete)
                let requests = server.requests
                #expect(requests.map { $0.query["cursorMark"] } == ["*", "mark-10", "mark-20", "mark-30", "mark-36"])
                let first = requests[0].query
                #expect(first["q"] == "authIdHal_s:olivier-devauchelle" && first["wt"] == "json" && first["fl"] == "*")
                #expect(first["sort"] == "docid asc" && first["rows"] == "10")
                #expect(first["fq"] == "producedDate_tdate:[2005-01-01T00:00:00Z TO *]")
                #expect(requests[0].path == "/search/")
            }
        }
    }

    @Test func halSurvivesFaultsAndResumesAfterAKill() async throws {
        let replay = try CursorReplay.hal()
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            let at: @Sendable (String) -> @Sendable (ReplayRequest) -> Bool = { mark in { $0.query["cursorMark"] == mark } }
            server.inject(.status(429, retryAfter: "2"), when: at("*"))
            server.inject(.cutContent, when: at("mark-10"))
            server.inject(.status(502), when: at("mark-20"))
            server.inject(.shortBody, when: at("mark-20"))
            server.inject(.hangUp, when: at("mark-30"))
            let waits = WaitRecorder()
            try await TestHarvest.withFetcher(waits: waits) { fetcher in
                let client = HALClient(settings: TestHarvest.settings(server), fetcher: fetcher, parse: TestParsers.hal)
                let key = HarvestKey(source: .hal, query: "*:*")
                let sink = MemorySink(killAtStore: 3)
                await #expect(throws: MemorySink.Killed.self) {
                    try await Harvester(client: client, sink: sink, pageSize: 10, logger: TestHarvest.logger).run(key)
                }
                #expect(await sink.recordKeys.count == 20)
                #expect(waits.recorded.first == .seconds(2))

                server.clearLog()
                await sink.revive()
                let summary = try await Harvester(client: client, sink: sink, pageSize: 10, logger: TestHarvest.logger).run(key)
                let keys = await sink.recordKeys
                #expect(keys == (try Self.expectedKeys(replay, TestParsers.hal)))
                #expect(summary.fetchedThisRun == 16 && summary.checkpoint.fetched == 36)
                // Pages 1 and 2 were stored before the kill: the second run starts at the third.
                #expect(!server.requests.contains { $0.query["cursorMark"] == "*" || $0.query["cursorMark"] == "mark-10" })
                #expect(server.requests.first?.query["cursorMark"] == "mark-20")
            }
        }
    }

    @Test func crossrefPagesUntilAPageHasNoItems() async throws {
        let replay = try CursorReplay.crossref()
        #expect(replay.count >= 8)
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            server.inject(.status(504))
            server.inject(.cutContent, when: { $0.query["cursor"] == "mark-3" })
            try await TestHarvest.withFetcher { fetcher in
                let sink = MemorySink()
                let client = CrossrefClient(settings: TestHarvest.settings(server), fetcher: fetcher, parse: TestParsers.crossref)
                let key = HarvestKey(source: .crossref, query: "curvature functionals", since: "2015-01-01")
                let summary = try await Harvester(client: client, sink: sink, pageSize: 3, logger: TestHarvest.logger).run(key)

                #expect(await sink.recordKeys == (try Self.expectedKeys(replay, TestParsers.crossref)))
                #expect(summary.checkpoint.fetched == replay.count && summary.checkpoint.isComplete)
                let requests = server.requests.filter { _ in true }
                let first = requests[0].query
                #expect(first["query"] == "curvature functionals" && first["filter"] == "from-pub-date:2015-01-01")
                #expect(first["mailto"] == "harvest-tests@example.org" && first["rows"] == "3" && first["cursor"] == "*")
                // The last request finds no items: that is how Crossref says the end.
                #expect(requests.last?.query["cursor"] == "mark-\(replay.count)")
            }
        }
    }

    @Test(.enabled(if: SharedData.hasFixture("openalex/works-page1.json"), "needs the OpenAlex fixtures"))
    func openAlexPagesUntilTheCursorIsNull() async throws {
        let replay = try CursorReplay.fixturePages(
            .openAlex, files: ["openalex/works-page1.json", "openalex/works-page2.json"], items: ["results"])
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            server.inject(.shortBody)
            try await TestHarvest.withFetcher { fetcher in
                let sink = MemorySink()
                let client = OpenAlexClient(settings: TestHarvest.settings(server, apiKey: "k"), fetcher: fetcher, parse: TestParsers.openAlex)
                let key = HarvestKey(source: .openalex, query: "santé publique", since: "2020-01-01")
                let summary = try await Harvester(client: client, sink: sink, pageSize: 2, logger: TestHarvest.logger).run(key)

                #expect(await sink.recordKeys == (try Self.expectedKeys(replay, TestParsers.openAlex)))
                #expect(summary.checkpoint.fetched == replay.count && summary.checkpoint.isComplete)
                let first = server.requests[0].query
                #expect(first["search"] == "santé publique" && first["filter"] == "from_publication_date:2020-01-01")
                #expect(first["per-page"] == "2" && first["cursor"] == "*" && first["mailto"] == "harvest-tests@example.org")
                #expect(first["api_key"] == "k")
            }
        }
    }

    @Test(.enabled(if: SharedData.hasFixture("europepmc/search-page1.json"), "needs the Europe PMC fixtures"))
    func europePMCPagesUntilTheCursorMarkRepeats() async throws {
        let replay = try CursorReplay.fixturePages(
            .europePMC, files: ["europepmc/search-page1.json", "europepmc/search-page2.json"], items: ["resultList", "result"])
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            server.inject(.status(500))
            try await TestHarvest.withFetcher { fetcher in
                let sink = MemorySink()
                let client = EuropePMCClient(settings: TestHarvest.settings(server), fetcher: fetcher, parse: TestParsers.europePMC)
                let key = HarvestKey(source: .europepmc, query: "asthma OR \"santé\"", since: "2021-06-01")
                let summary = try await Harvester(client: client, sink: sink, pageSize: 2, logger: TestHarvest.logger).run(key)

                #expect(await sink.recordKeys == (try Self.expectedKeys(replay, TestParsers.europePMC)))
                #expect(summary.checkpoint.fetched == replay.count && summary.checkpoint.isComplete)
                let first = server.requests[0].query
                #expect(first["query"] == "(asthma OR \"santé\") AND FIRST_PDATE:[2021-06-01 TO 3000-12-31]")
                #expect(first["format"] == "json" && first["resultType"] == "core" && first["pageSize"] == "2")
                #expect(first["cursorMark"] == "*")
            }
        }
    }
}
