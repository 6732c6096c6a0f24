import ArgumentParser
import Classification
import Foundation
import Publications
import Store
import Testing

@testable import CLI

@Suite struct ClassifyCLIParsingTests {
    @Test func parsesTheInterfaceContract() throws {
        let run = try #require(try Hublot.parseAsRoot(["classify", "run", "--database", "PMSI", "--store", "x.sqlite"]) as? ClassifyCommand.Run)
        #expect(run.database == "PMSI" && run.storeOptions.path == "x.sqlite")
        let export = try #require(
            try Hublot.parseAsRoot(["classify", "export", "--format", "jsonl", "--output", "o.jsonl"]) as? ClassifyCommand.Export)
        #expect(export.format == .jsonl && export.output == "o.jsonl")
        let evaluate = try #require(
            try Hublot.parseAsRoot(["classify", "evaluate", "labels.jsonl", "--format", "json"]) as? ClassifyCommand.Evaluate)
        #expect(evaluate.labels == "labels.jsonl" && evaluate.format == .json && !evaluate.curated)
        let curated = try #require(try Hublot.parseAsRoot(["classify", "evaluate", "--curated"]) as? ClassifyCommand.Evaluate)
        #expect(curated.curated && curated.labels == nil)
        let queue = try #require(
            try Hublot.parseAsRoot(["classify", "queue", "--database", "SNDS", "--limit", "5", "--format", "json"]) as? ClassifyCommand.Queue)
        #expect(queue.database == "SNDS" && queue.limit == 5 && queue.format == .json)
        let label = try #require(
            try Hublot.parseAsRoot(["classify", "label", "pmid:1", "--database", "SNDS", "--verdict", "mentions", "--curator", "ana", "--note", "bg"])
                as? ClassifyCommand.Label)
        #expect(label.id == "pmid:1" && label.verdict == .mentions && label.curator == "ana" && label.note == "bg")
        #expect(try Hublot.parseAsRoot(["databases", "show", "pmsi"]) is DatabasesCommand.Show)
        #expect(try Hublot.parseAsRoot(["databases", "import", "r.yaml"]) is DatabasesCommand.Import)
        #expect(try Hublot.parseAsRoot(["databases", "export", "-o", "r.yaml"]) is DatabasesCommand.Export)
    }

    @Test func refusesWhatCannotWork() {
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["classify", "evaluate"]) }
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["classify", "evaluate", "l.jsonl", "--curated"]) }
        #expect(throws: (any Error).self) {
            try Hublot.parseAsRoot(["classify", "label", "pmid:1", "--database", "SNDS", "--verdict", "maybe", "--curator", "a"])
        }
        #expect(throws: (any Error).self) {
            try Hublot.parseAsRoot(["classify", "label", "pmid:1", "--database", "SNDS", "--verdict", "no", "--curator", " "])
        }
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["classify", "export", "--format", "csv"]) }
    }

    @Test func theQueueHighlightsThePhrase() {
        #expect(ClassifyCommand.Queue.highlighted("We used the SNDS data.", "SNDS", highlight: false) == "We used the »SNDS« data.")
        #expect(ClassifyCommand.Queue.highlighted("We used the SNDS data.", "SNDS", highlight: true) == "We used the \u{1B}[1;7mSNDS\u{1B}[0m data.")
    }
}

@Suite struct ClassifyCLIRunTests {
    private func run(_ arguments: [String]) async throws {
        var command = try Hublot.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }

    private static let records = """
        {"id": "team-1", "title": "Statins in France", "pmid": "31000001", "abstract": [{"label": "Methods", "text": "Using the French National Health Data System (SNDS), we identified 120,000 new users."}]}
        {"id": "team-2", "title": "A trial of knee surgery", "abstract": "We followed 300 patients."}
        """

    @Test func ingestRunLabelExportAndEvaluate() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("team.jsonl")
            try Data(Self.records.utf8).write(to: file)
            let labels = directory.appendingPathComponent("labels.jsonl")
            try Data(#"{"id": "team-1", "uses": ["SNDS"]}\#n{"id": "31000002", "uses": []}\#n"#.utf8).write(to: labels)
            let store = directory.appendingPathComponent("store.sqlite").path
            try await run(["publications", "ingest", "jsonl", file.path, "--store", store])
            try await run(["classify", "run", "--store", store])
            try await run(["classify", "label", "team-2", "--database", "SNDS", "--verdict", "uses", "--curator", "ana", "--store", store])
            let output = directory.appendingPathComponent("export.jsonl")
            try await run(["classify", "export", "--output", output.path, "--store", store])
            let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines[0].contains(#""id":"team-1""#) && lines[0].contains(#""verdict":"uses""#))
            #expect(lines[1].contains(#""curated_by":"ana""#))
            try await run(["classify", "evaluate", labels.path, "--store", store, "--format", "json"])
            try await run(["classify", "evaluate", "--curated", "--store", store])
            try await run(["classify", "queue", "--store", store])

            let bad = directory.appendingPathComponent("bad.jsonl")
            try Data("{\"id\": \"a\"}\n".utf8).write(to: bad)
            await #expect(throws: ExitCode(2)) { try await run(["classify", "evaluate", bad.path, "--store", store]) }
            await #expect(throws: (any Error).self) {
                try await run(["classify", "label", "nobody", "--database", "SNDS", "--verdict", "no", "--curator", "a", "--store", store])
            }
        }
    }

    @Test func databasesExportImportAndRefuseABadFile() async throws {
        try await withTemporaryDirectory { directory in
            let store = directory.appendingPathComponent("store.sqlite").path
            let yaml = directory.appendingPathComponent("registry.yaml")
            try await run(["databases", "list", "--store", store])
            try await run(["databases", "show", "pmsi", "--store", store])
            try await run(["databases", "export", "--output", yaml.path, "--store", store])
            try await run(["databases", "import", yaml.path, "--store", store])
            try await run(["databases", "import", yaml.path, "--store", store])
            let versions = try await RegistryRepository(store: try Store.open(path: store, schemas: StoreOptions.schemas)).versions()
            #expect(versions.count == 1)
            let bad = directory.appendingPathComponent("bad.yaml")
            try Data("version: 1\ndatabases:\n  - name: X\n".utf8).write(to: bad)
            await #expect(throws: ExitCode(2)) { try await run(["databases", "import", bad.path, "--store", store]) }
        }
    }
}
