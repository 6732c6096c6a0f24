import ArgumentParser
import Catalog
import Foundation
import Store
import Testing

@testable import CLI

@Suite struct CLIParsingTests {
    @Test func parsesTheInterfaceContract() throws {
        let importCommand = try #require(
            try Hublot.parseAsRoot(["catalog", "import", "some/dir", "--name", "2020-12", "--store", "x.sqlite"]) as? CatalogCommand.Import)
        #expect(importCommand.directory == "some/dir")
        #expect(importCommand.name == "2020-12")
        #expect(importCommand.storeOptions.path == "x.sqlite")

        let stats = try #require(try Hublot.parseAsRoot(["catalog", "stats", "--format", "json"]) as? CatalogCommand.Stats)
        #expect(stats.options.format == .json)

        let search = try #require(
            try Hublot.parseAsRoot(["catalog", "search", "date", "de", "naissance", "--format", "json"]) as? CatalogCommand.Search)
        #expect(search.query == ["date", "de", "naissance"])
        #expect(search.limit == 20)

        let table = try #require(try Hublot.parseAsRoot(["catalog", "table", "ER_PRS_F", "--format", "json"]) as? CatalogCommand.Table)
        #expect(table.name == "ER_PRS_F")

        let diff = try #require(try Hublot.parseAsRoot(["catalog", "diff", "v1", "v2"]) as? CatalogCommand.Diff)
        #expect((diff.from, diff.to) == ("v1", "v2"))

        let serve = try #require(try Hublot.parseAsRoot(["serve", "--port", "9090"]) as? Serve)
        #expect(serve.port == 9090)
        #expect(serve.host == "127.0.0.1")
    }

    @Test func rejectsUnknownFormats() {
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["catalog", "stats", "--format", "xml"]) }
    }

    @Test func storeDefaultsToTheWorkingDirectoryFile() throws {
        let stats = try #require(try Hublot.parseAsRoot(["catalog", "stats"]) as? CatalogCommand.Stats)
        let expected = ProcessInfo.processInfo.environment["HUBLOT_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? "hublot.sqlite"
        #expect(stats.options.storeOptions.path == expected)
    }
}

/// A fresh temporary directory for a test's store and files, removed after the test.
func withTemporaryDirectory(_ body: (URL) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try await body(directory)
}

@Suite struct CLIRunTests {
    @Test func importsTwiceAsTwoVersionsIntoTheStoreNamedByTheFlag() async throws {
        try await withTemporaryDirectory { directory in
            let catalog = directory.appendingPathComponent("catalog")
            try SampleCatalog.write(to: catalog)
            let store = directory.appendingPathComponent("nested/store.sqlite").path
            for name in ["first", "second"] {
                let command = try #require(
                    try Hublot.parseAsRoot(["catalog", "import", catalog.path, "--name", name, "--store", store]) as? CatalogCommand.Import)
                try await command.run()
            }
            let versions = try await CatalogRepository(store: try Store.open(path: store, schemas: [CatalogSchema.self])).versions()
            #expect(versions.map(\.name) == ["second", "first"])
        }
    }

    @Test func failedImportExitsNonZeroAndWritesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let catalog = directory.appendingPathComponent("catalog")
            try SampleCatalog.write(to: catalog)
            try Data("{ \"name\": ".utf8).write(to: catalog.appendingPathComponent("schemas/SAMPLE_CLAIMS/SA_PHA_F.json"))
            let store = directory.appendingPathComponent("store.sqlite").path
            let command = try #require(try Hublot.parseAsRoot(["catalog", "import", catalog.path, "--store", store]) as? CatalogCommand.Import)
            await #expect(throws: ExitCode(2)) { try await command.run() }
            let versions = try await CatalogRepository(store: try Store.open(path: store, schemas: [CatalogSchema.self])).versions()
            #expect(versions.isEmpty)
        }
    }

    @Test func demoLoadsTheSampleOnceAndReadingAnEmptyStoreExplainsWhatToDo() async throws {
        try await withTemporaryDirectory { directory in
            let store = directory.appendingPathComponent("store.sqlite").path
            let stats = try #require(try Hublot.parseAsRoot(["catalog", "stats", "--store", store]) as? CatalogCommand.Stats)
            await #expect(throws: ValidationError.self) { try await stats.run() }

            for _ in 0..<2 {
                let demo = try #require(try Hublot.parseAsRoot(["demo", "--store", store]) as? Demo)
                try await demo.run()
            }
            let repository = CatalogRepository(store: try Store.open(path: store, schemas: [CatalogSchema.self]))
            let versions = try await repository.versions()
            #expect(versions.map(\.name) == [SampleCatalog.versionName])
            #expect(versions.first?.isSample == true)
            try await stats.run()
        }
    }
}
