import Foundation
import Harvest
import Publications
import Testing

/// The clients with their default parsers, the Publications readers, on the replayed answers: what the
/// command line runs.
@Suite(
    "Harvests read by the real readers",
    .enabled(if: SharedData.has(CursorReplay.halFile), "needs ../shared/data")
)
struct RealReaderHarvestTests {
    private static func harvest(
        _ replay: CursorReplay, key: HarvestKey, pageSize: Int,
        client makeClient: (ClientSettings, Fetcher) -> any HarvestClient,
        parse: RecordParser
    ) async throws -> (keys: [String], expected: [String], summary: HarvestSummary) {
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            server.inject(.cutContent)
            return try await TestHarvest.withFetcher { fetcher in
                let sink = MemorySink()
                let client = makeClient(TestHarvest.settings(server), fetcher)
                let summary = try await Harvester(client: client, sink: sink, pageSize: pageSize, logger: TestHarvest.logger).run(key)
                return (await sink.recordKeys, try CursorHarvestTests.expectedKeys(replay, parse), summary)
            }
        }
    }

    @Test func hal() async throws {
        let replay = try CursorReplay.hal()
        let result = try await Self.harvest(
            replay, key: HarvestKey(source: .hal, query: "*:*"), pageSize: 8,
            client: { HALClient(settings: $0, fetcher: $1) }, parse: RecordParsers.hal)
        #expect(result.keys.count == 36 && Set(result.keys).count == 36)
        #expect(result.keys == result.expected)
        #expect(result.keys.first?.hasPrefix("hal-") == true)
    }

    @Test func crossref() async throws {
        let replay = try CursorReplay.crossref()
        let result = try await Self.harvest(
            replay, key: HarvestKey(source: .crossref, query: "functionals"), pageSize: 4,
            client: { CrossrefClient(settings: $0, fetcher: $1) }, parse: RecordParsers.crossref)
        #expect(result.keys.count == replay.count && Set(result.keys).count == replay.count)
        #expect(result.keys == result.expected)
    }

    @Test(.enabled(if: SharedData.hasFixture("openalex/works-page1.json"), "needs the OpenAlex fixtures"))
    func openAlex() async throws {
        let replay = try CursorReplay.fixturePages(
            .openAlex, files: ["openalex/works-page1.json", "openalex/works-page2.json"], items: ["results"])
        let result = try await Self.harvest(
            replay, key: HarvestKey(source: .openalex, query: "asthma"), pageSize: 2,
            client: { OpenAlexClient(settings: $0, fetcher: $1) }, parse: RecordParsers.openAlex)
        #expect(result.keys.count == replay.count && Set(result.keys).count == replay.count)
        #expect(result.keys == result.expected)
    }

    @Test(.enabled(if: SharedData.hasFixture("europepmc/search-page1.json"), "needs the Europe PMC fixtures"))
    func europePMC() async throws {
        let replay = try CursorReplay.fixturePages(
            .europePMC, files: ["europepmc/search-page1.json", "europepmc/search-page2.json"], items: ["resultList", "result"])
        let result = try await Self.harvest(
            replay, key: HarvestKey(source: .europepmc, query: "asthma"), pageSize: 2,
            client: { EuropePMCClient(settings: $0, fetcher: $1) }, parse: RecordParsers.europePMC)
        #expect(result.keys.count == replay.count && Set(result.keys).count == replay.count)
        #expect(result.keys == result.expected)
    }

    @Test func theCommandLineEntryPointHarvestsAndShutsDown() async throws {
        let replay = try CursorReplay.hal()
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            let sink = MemorySink()
            let progress = ProgressLog()
            let options = HarvestOptions(
                baseURL: server.baseURL, contact: "harvest-tests@example.org", pageSize: 20, rate: RequestRate(perSecond: 1_000),
                retry: TestHarvest.fastRetry, version: "9.9")
            let key = HarvestKey(source: .hal, query: "*:*")
            let summary = try await Harvester.harvest(key, options: options, into: sink, logger: TestHarvest.logger) {
                progress.append($0)
            }
            #expect(summary.outcome == .complete && summary.records == 36)
            #expect(progress.entries.map(\.fetched) == [20, 36, 36])
            #expect(server.requests.first?.headers["user-agent"] == "Hublot/9.9 (mailto:harvest-tests@example.org)")

            let again = try await Harvester.harvest(key, options: options, into: sink, logger: TestHarvest.logger)
            #expect(again.outcome == .alreadyComplete)
        }
    }
}
