import ArgumentParser
import Foundation
import Search
import Store
import Testing

@testable import CLI

@Suite struct SearchCLITests {
    @Test func parsesTheQueryItsFiltersAndReindex() throws {
        let query = try #require(
            try Hublot.parseAsRoot(["search", "cancer", "du", "sein", "--filter", "database=SNDS", "--filter", "year=2019..2021", "--sort", "date"])
                as? SearchCommand.Query)
        let request = try query.request()
        #expect(request.query == "cancer du sein")
        #expect(request.filters.values[.database] == ["SNDS"])
        #expect(request.filters.years == 2019...2021)
        #expect(request.sort == .date)
        #expect(try Hublot.parseAsRoot(["search", "reindex", "--store", "x.sqlite"]) is SearchCommand.Reindex)
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["search", "x", "--filter", "databse=SNDS"]) }
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["search", "x", "--filter", "SNDS"]) }
    }

    @Test func aSearchSeesWhatTheLastIngestBroughtWithoutReindex() async throws {
        try await withTemporaryDirectory { directory in
            let store = directory.appendingPathComponent("store.sqlite").path
            let first = directory.appendingPathComponent("first.jsonl")
            try Data(#"{"id": "a", "title": "Statin persistence in France", "year": 2020}"#.utf8).write(to: first)
            try await run(["publications", "ingest", "jsonl", first.path, "--store", store])
            try await run(["search", "statin", "--store", store, "--format", "json"])
            let second = directory.appendingPathComponent("second.jsonl")
            try Data(#"{"id": "b", "title": "Statin adherence after infarction", "year": 2021}"#.utf8).write(to: second)
            try await run(["publications", "ingest", "jsonl", second.path, "--store", store])
            let engine = try await SearchEngine(store: try Store.open(path: store, schemas: StoreOptions.schemas))
            #expect(try await engine.search(SearchRequest(query: "statin ")).results.map(\.name).sorted() == ["a", "b"])
            try await run(["search", "reindex", "--store", store])
            #expect(try await engine.search(SearchRequest(query: "statin ")).total == 2)
        }
    }

    private func run(_ arguments: [String]) async throws {
        var command = try Hublot.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }
}
