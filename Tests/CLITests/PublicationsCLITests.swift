import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdTesting
import Publications
import Store
import Testing

@testable import CLI

@Suite struct PublicationsCLIParsingTests {
    @Test func parsesTheInterfaceContract() throws {
        let ingest = try #require(
            try Hublot.parseAsRoot(["publications", "ingest", "pubmed", "a.xml.gz", "b.xml", "--strict", "--store", "x.sqlite"])
                as? PublicationsCommand.Ingest)
        #expect(ingest.format == .pubmed)
        #expect(ingest.files == ["a.xml.gz", "b.xml"])
        #expect(ingest.strict)
        #expect(ingest.storeOptions.path == "x.sqlite")

        let harvest = try #require(
            try Hublot.parseAsRoot([
                "publications", "harvest", "pubmed", "--query", "SNDS[tiab]", "--since", "2020-06", "--base-url", "http://localhost:1",
            ]) as? PublicationsCommand.Harvest)
        #expect(harvest.source == .pubmed)
        #expect(harvest.query == "SNDS[tiab]")
        #expect(harvest.since == "2020-06")
        #expect(harvest.baseURL == "http://localhost:1")

        let stats = try #require(try Hublot.parseAsRoot(["publications", "stats", "--format", "json"]) as? PublicationsCommand.Stats)
        #expect(stats.format == .json)

        let show = try #require(try Hublot.parseAsRoot(["publications", "show", "pmid:123", "--format", "json"]) as? PublicationsCommand.Show)
        #expect(show.id == "pmid:123")
    }

    @Test func refusesWhatCannotBeHarvestedBeforeAnyRequest() {
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["publications", "harvest", "jats", "--query", "x"]) }
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["publications", "harvest", "hal", "--query", "x", "--since", "soon"]) }
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["publications", "harvest", "hal", "--query", " "]) }
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["publications", "ingest", "medline", "a.txt"]) }
    }

    @Test func sinceCoversItsWholeFirstPeriod() {
        #expect(PublicationsCommand.Harvest.firstDay("2020") == "2020-01-01")
        #expect(PublicationsCommand.Harvest.firstDay("2020-06") == "2020-06-01")
        #expect(PublicationsCommand.Harvest.firstDay("2020/06/15") == "2020-06-15")
        #expect(PublicationsCommand.Harvest.firstDay("someday") == nil)
    }
}

@Suite struct PublicationsCLIRunTests {
    private func run(_ arguments: [String]) async throws {
        var command = try Hublot.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }

    private func statistics(_ store: String) async throws -> PublicationStatistics {
        try await PublicationRepository(store: try Store.open(path: store, schemas: [PublicationsSchema.self])).statistics()
    }

    private static let records = """
        {"id": "team-1", "title": "Parcours de soins des patients diabétiques dans le SNDS", "date": "2021-06-15", "doi": "10.1016/j.diabet.2021.101234"}
        {"title": "Une cohorte sans identifiant", "year": 2019}

        {"pmid": "31000001", "title": "Antibiotic use in France"}
        """

    @Test func ingestsAgainWithoutChangeAndShowsByIdentifier() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("team.jsonl")
            try Data(Self.records.utf8).write(to: file)
            let store = directory.appendingPathComponent("store.sqlite").path
            for _ in 0..<2 { try await run(["publications", "ingest", "jsonl", file.path, "--store", store, "--output", "json"]) }
            let stats = try await statistics(store)
            #expect(stats.publications == 3)
            #expect(stats.records == 3)
            #expect(stats.bySource == ["jsonl": 3])
            try await run(["publications", "show", "10.1016/J.DIABET.2021.101234", "--store", store])
            await #expect(throws: ExitCode(1)) { try await run(["publications", "show", "pmid:1", "--store", store]) }
        }
    }

    @Test func aMalformedFileFailsAloneAndLeavesNothingOfItself() async throws {
        try await withTemporaryDirectory { directory in
            let good = directory.appendingPathComponent("good.jsonl")
            let bad = directory.appendingPathComponent("bad.jsonl")
            try Data(Self.records.utf8).write(to: good)
            try Data("{\"title\": \"First\", \"doi\": \"10.1/first\"}\n{\"title\": \"cut".utf8).write(to: bad)
            let store = directory.appendingPathComponent("store.sqlite").path
            await #expect(throws: ExitCode(2)) {
                try await run(["publications", "ingest", "jsonl", bad.path, good.path, "--store", store])
            }
            #expect(try await statistics(store).publications == 3)
        }
    }

    /// A HAL search server: `count` documents, two per page, walked with `cursorMark`; document 0 shares its DOI
    /// with the JSON Lines record ingested first, so the harvest merges it.
    private static func halServer(count: Int) -> some ApplicationProtocol {
        let router = Router()
        router.get("search/") { request, _ -> Response in
            let cursor = request.uri.queryParameters.get("cursorMark") ?? "*"
            let start = cursor == "*" ? 0 : Int(cursor) ?? 0
            let rows = Int(request.uri.queryParameters.get("rows") ?? "2") ?? 2
            let end = min(count, start + min(rows, 2))
            let documents = (start..<end).map { index in
                let doi = index == 0 ? "10.1016/j.diabet.2021.101234" : "10.9999/hal.\(index)"
                return
                    #"{"halId_s": "hal-0000000\#(index)", "title_s": ["Harvested work \#(index)"], "doiId_s": "\#(doi)", "producedDate_s": "2022-0\#(index % 9 + 1)-01"}"#
            }
            let next = end >= count ? cursor : String(end)
            let body = #"{"response": {"numFound": \#(count), "docs": [\#(documents.joined(separator: ","))]}, "nextCursorMark": "\#(next)"}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test func harvestStopsAtItsLimitResumesAndMergesWithWhatWasIngested() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("team.jsonl")
            try Data(Self.records.utf8).write(to: file)
            let store = directory.appendingPathComponent("store.sqlite").path
            try await run(["publications", "ingest", "jsonl", file.path, "--store", store])

            try await Self.halServer(count: 5).test(.live) { client in
                let port = try #require(client.port)
                let harvest = [
                    "publications", "harvest", "hal", "--query", "SNDS", "--since", "2020", "--base-url", "http://127.0.0.1:\(port)",
                    "--rate", "100", "--store", store,
                ]
                try await run(harvest + ["--limit", "3"])
                var stats = try await statistics(store)
                // Two pages of two, then one work to stay within the limit.
                #expect(stats.harvests.first?.fetched == 3)
                #expect(stats.harvests.first?.isComplete == false)

                try await run(harvest)
                try await run(harvest)
                stats = try await statistics(store)
                #expect(stats.bySource["hal"] == 5)
                #expect(stats.publications == 3 + 4)
                #expect(stats.merged == 1)
                #expect(stats.harvests.map(\.fetched) == [5])
                #expect(stats.harvests.first?.isComplete == true)
                #expect(stats.harvests.first?.key.since == "2020-01-01")
            }
        }
    }
}
