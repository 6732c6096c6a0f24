import ArgumentParser
import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
import Publications
import Synchronization
import Testing

@testable import CLI

/// An E-utilities server holding `count` articles for any term: `esearch` keeps the search on its history,
/// `efetch` pages through it by `retstart`. It notes the terms searched.
final class PubMedServer: Sendable {
    let count: Int
    private let searched = Mutex<[String]>([])
    var terms: [String] { searched.withLock { $0 } }

    init(count: Int) { self.count = count }

    func application() -> some ApplicationProtocol {
        let router = Router()
        router.get("esearch.fcgi") { request, _ -> Response in
            self.searched.withLock { $0.append(request.uri.queryParameters.get("term") ?? "") }
            return Self.xml(
                "<?xml version=\"1.0\" ?><eSearchResult><Count>\(self.count)</Count><RetMax>0</RetMax><RetStart>0</RetStart>"
                    + "<QueryKey>1</QueryKey><WebEnv>MCID_test</WebEnv><IdList/></eSearchResult>")
        }
        router.get("efetch.fcgi") { request, _ -> Response in
            let start = Int(request.uri.queryParameters.get("retstart") ?? "0") ?? 0
            let size = Int(request.uri.queryParameters.get("retmax") ?? "20") ?? 20
            let articles = (start..<min(self.count, start + size)).map { index in
                ScanCLIRunTests.article(
                    String(5000 + index), title: "Work \(index) in the SNDS", abstract: "We used the SNDS claims of 2019.")
            }
            return Self.xml("<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n\(articles.joined())\n</PubmedArticleSet>\n")
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    private static func xml(_ body: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/xml"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

@Suite struct DatabaseHarvestCLIParsingTests {
    @Test func parsesAHarvestOfADatabase() throws {
        let all = try #require(
            try Hublot.parseAsRoot(["publications", "harvest", "--database", "snds", "--since", "2021"]) as? PublicationsCommand.Harvest)
        let queries = try #require(DatabaseRegistry.standard.database(named: "SNDS")?.queries)
        let keys = try all.harvests(in: .standard)
        #expect(keys.map(\.source) == [.pubmed, .openalex, .hal, .crossref, .europepmc])
        #expect(keys.allSatisfy { $0.query == queries[$0.source.rawValue] && $0.since == "2021-01-01" })

        let one = try #require(
            try Hublot.parseAsRoot(["publications", "harvest", "hal", "--database", "SNDS"]) as? PublicationsCommand.Harvest)
        #expect(try one.harvests(in: .standard) == [HarvestKey(source: .hal, query: try #require(queries["hal"]))])
    }

    @Test func aDatabaseRunsItsQueriesSourceAfterSource() throws {
        let database = HubDatabase(
            name: "CONSTANCES", title: "A cohort", kind: .cohort,
            queries: ["hal": "constances", "scopus": "TITLE(constances)", "pubmed": "CONSTANCES[tiab]", "crossref": " "])
        let all = try PublicationsCommand.Harvest.harvests(of: database)
        #expect(all.map(\.source) == [.pubmed, .hal], "sources in a fixed order; those without a search API or an empty query left out")
        #expect(try PublicationsCommand.Harvest.harvests(of: database, only: .hal).map(\.query) == ["constances"])
        let missing = #expect(throws: ValidationError.self) { try PublicationsCommand.Harvest.harvests(of: database, only: .openalex) }
        #expect(missing?.message == "CONSTANCES has no openalex query in the registry; it has one for pubmed, hal")
    }

    @Test func refusesAHarvestWithoutOneQueryOrWithTwo() {
        func message(_ arguments: [String]) -> String? {
            let error = #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["publications", "harvest"] + arguments) }
            return error.map { Hublot.message(for: $0) }
        }
        #expect(message(["pubmed"])?.contains("Give --query, or --database") == true)
        #expect(message(["pubmed", "--query", "SNDS", "--database", "SNDS"])?.contains("--query and --database exclude each other") == true)
        #expect(message(["--query", "SNDS"])?.contains("Which service does --query go to?") == true)
        #expect(message(["hal", "--database", "PMSI"])?.contains("PMSI has no hal query in the registry; it has one for pubmed") == true)
        #expect(message(["--database", "UKB"])?.contains("UKB is not in the registry") == true)
        #expect(message(["jats", "--database", "SNDS"]) != nil)
    }
}

@Suite struct DatabaseHarvestCLITests {
    @Test func runsTheDatabasesQueriesWithTheirCheckpointsAndResumes() async throws {
        try await withTemporaryDirectory { directory in
            let store = directory.appendingPathComponent("store.sqlite").path
            let server = PubMedServer(count: 5)
            try await server.application().test(.live) { client in
                let port = try #require(client.port)
                let harvest = [
                    "publications", "harvest", "pubmed", "--database", "SNDS", "--since", "2020", "--base-url", "http://127.0.0.1:\(port)",
                    "--rate", "100", "--page-size", "2", "--store", store,
                ]
                try await runHublot(harvest + ["--limit", "3"])
                var stats = try await publicationStatistics(store)
                let query = try #require(DatabaseRegistry.standard.database(named: "SNDS")?.queries["pubmed"])
                #expect(stats.harvests.map(\.key) == [HarvestKey(source: .pubmed, query: query, since: "2020-01-01")])
                #expect(stats.harvests.first?.fetched == 3 && stats.harvests.first?.isComplete == false)

                try await runHublot(harvest)
                try await runHublot(harvest + ["--output", "json"])
                stats = try await publicationStatistics(store)
                #expect(stats.bySource == ["pubmed": 5])
                #expect(stats.harvests.map(\.fetched) == [5] && stats.harvests.first?.isComplete == true)
                // The first run searched, the second resumed on the stored history, the third found it complete.
                #expect(server.terms == [query])

                try await runHublot([
                    "publications", "harvest", "pubmed", "--database", "PMSI", "--base-url", "http://127.0.0.1:\(port)", "--store", store,
                ])
                stats = try await publicationStatistics(store)
                #expect(stats.harvests.count == 2, "each query has its own checkpoint")
                #expect(stats.bySource == ["pubmed": 5], "the same works, not stored twice")
            }
        }
    }
}
