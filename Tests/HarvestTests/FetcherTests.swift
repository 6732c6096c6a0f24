import Foundation
import Publications
import Testing

@testable import Harvest

@Suite("Fetching: retries, limits, errors")
struct FetcherTests {
    private static let hal = HarvestKey(source: .hal, query: "title_t:glacier")

    private static func halPage(_ count: Int) -> ReplayResponse {
        let docs = (0..<count).map { #"{"halId_s":"hal-\#($0)"}"# }.joined(separator: ",")
        return ReplayResponse(contentType: "application/json", text: #"{"response":{"numFound":\#(count),"docs":[\#(docs)]},"nextCursorMark":"*"}"#)
    }

    @Test func givesUpAfterTheLastAttemptNamingTheURLAndTheStatus() async throws {
        try await TestHarvest.withServer({ _ in ReplayResponse(status: 503, contentType: "text/plain", text: "busy") }) { server in
            // The 503 comes at once; a long timeout keeps a loaded machine (the engine servers share its cores
            // during the suite) from turning an answer into a timeout.
            let retry = RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(5), requestTimeout: .seconds(30))
            try await TestHarvest.withFetcher(retry: retry) { fetcher in
                let client = HALClient(settings: TestHarvest.settings(server, apiKey: "never-shown"), fetcher: fetcher, parse: TestParsers.hal)
                let error = await #expect(throws: HarvestError.self) {
                    try await Harvester(client: client, sink: MemorySink(), logger: TestHarvest.logger).run(Self.hal)
                }
                guard case .retriesExhausted(let url, let attempts, let lastFailure) = error else {
                    Issue.record("unexpected \(String(describing: error))")
                    return
                }
                #expect(url.hasPrefix("\(server.baseURL)/search/?q=title_t%3Aglacier"))
                #expect(attempts == 3 && lastFailure == "HTTP 503")
                #expect(server.requests.count == 3)
                let message = String(describing: error!)
                #expect(message.contains(url) && message.contains("3 attempts") && message.contains("HTTP 503"))
            }
        }
    }

    @Test func aRefusalIsNotRetried() async throws {
        try await TestHarvest.withServer({ _ in ReplayResponse(status: 400, contentType: "text/plain", text: "undefined field foo_s") }) { server in
            try await TestHarvest.withFetcher { fetcher in
                let client = HALClient(settings: TestHarvest.settings(server), fetcher: fetcher, parse: TestParsers.hal)
                let error = await #expect(throws: HarvestError.self) {
                    try await Harvester(client: client, sink: MemorySink(), logger: TestHarvest.logger).run(Self.hal)
                }
                guard case .refused(_, let status, let body) = error else {
                    Issue.record("unexpected \(String(describing: error))")
                    return
                }
                #expect(status == 400 && body == "undefined field foo_s")
                #expect(server.requests.count == 1)
            }
        }
    }

    @Test func aStalledAnswerTimesOutAndIsAskedAgain() async throws {
        try await TestHarvest.withServer({ _ in Self.halPage(3) }) { server in
            server.inject(.stall(.seconds(4)))
            let retry = RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(5), requestTimeout: .seconds(2))
            try await TestHarvest.withFetcher(retry: retry) { fetcher in
                let sink = MemorySink()
                let client = HALClient(settings: TestHarvest.settings(server), fetcher: fetcher, parse: TestParsers.hal)
                let summary = try await Harvester(client: client, sink: sink, logger: TestHarvest.logger).run(Self.hal)
                #expect(summary.checkpoint.fetched == 3 && summary.checkpoint.isComplete)
                #expect(await sink.recordKeys == ["hal-0", "hal-1", "hal-2"])
            }
        }
    }

    @Test func secretsAreMaskedInMessages() {
        let url = "https://eutils.example/efetch.fcgi?db=pubmed&api_key=abc123&retstart=0"
        #expect(QueryString.masked(url) == "https://eutils.example/efetch.fcgi?db=pubmed&api_key=***&retstart=0")
    }

    @Test func theUserAgentNamesHublotAndTheContact() {
        #expect(Fetcher.userAgent(version: "1.2.0", contact: "team@example.org") == "Hublot/1.2.0 (mailto:team@example.org)")
        #expect(Fetcher.userAgent(version: "1.2.0", contact: nil) == "Hublot/1.2.0")
    }

    @Test func queryValuesArePercentEncoded() {
        var query = QueryString([("query", "asthma AND FIRST_PDATE:[2020-01-01 TO 3000-12-31]")])
        query.append("q", "a+b & c=d é/?")
        query.append("empty", nil as String?)
        #expect(
            query.encoded
                == "query=asthma%20AND%20FIRST_PDATE%3A%5B2020-01-01%20TO%203000-12-31%5D&q=a%2Bb%20%26%20c%3Dd%20%C3%A9%2F%3F")
        #expect(QueryString.url(base: "http://h/rest/", path: "/search", query: QueryString([("a", "1")])) == "http://h/rest/search?a=1")
    }

    @Test func backOffDoublesWithJitterAndHonoursRetryAfter() {
        let policy = RetryPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(1), maximumRetryAfter: .seconds(30))
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 1) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 0) == .milliseconds(50))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: 1) == .milliseconds(400))
        #expect(policy.delay(afterAttempt: 10, retryAfter: nil, random: 1) == .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(7), random: 0) == .seconds(7))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3600), random: 0) == .seconds(30))
    }

    @Test func harvestingNeedsASearchAPI() async throws {
        try await TestHarvest.withFetcher { fetcher in
            #expect(throws: HarvestError.unsupportedSource(.jats)) {
                _ = try Harvester.makeClient(for: .jats, options: HarvestOptions(), fetcher: fetcher)
            }
            let client = try Harvester.makeClient(for: .pubmed, options: HarvestOptions(apiKey: "k"), fetcher: fetcher)
            let pubMed = try #require(client as? PubMedClient)
            #expect(pubMed.settings.baseURL == PubMedClient.defaultBaseURL)
            #expect(pubMed.settings.pacer.rate == RequestRate(perSecond: 10))
        }
    }
}

@Suite("Request pacing")
struct RequestPacerTests {
    @Test func threePerSecondSpacesRequestStartsByAThird() async throws {
        let pacer = RequestPacer(rate: RequestRate(perSecond: 3))
        let requests = 5
        // Concurrent callers too must queue up.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<requests { group.addTask { try await pacer.waitForTurn() } }
            try await group.waitForAll()
        }
        let starts = await pacer.grantedStarts
        #expect(starts.count == requests)
        let span = try #require(starts.last) - starts[0]
        #expect(span >= RequestRate(perSecond: 3).interval * (requests - 1))
        #expect(span >= .milliseconds(1_333))
    }

    @Test(.enabled(if: SharedData.has("entrez/esearch2.xml"), "needs ../shared/data"))
    func aHarvestKeepsToItsSourceRate() async throws {
        let replay = try PubMedReplay()
        try await TestHarvest.withServer({ replay.answer($0) }) { server in
            try await TestHarvest.withFetcher { fetcher in
                let settings = TestHarvest.settings(server, perSecond: 10)
                let client = PubMedClient(settings: settings, fetcher: fetcher, parse: TestParsers.pubMed)
                let key = HarvestKey(source: .pubmed, query: "asthma")
                _ = try await Harvester(client: client, sink: MemorySink(), pageSize: 1, logger: TestHarvest.logger).run(key)
                let starts = await settings.pacer.grantedStarts
                #expect(starts.count == 1 + replay.articles.count)
                #expect(try #require(starts.last) - starts[0] >= .milliseconds(100 * replay.articles.count))
            }
        }
    }
}
