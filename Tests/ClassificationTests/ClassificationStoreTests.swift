import Catalog
import Foundation
import Publications
import Store
import Testing

@testable import Classification

@Suite struct RegistryStoreTests {
    @Test func theStandardRegistryUntilOneIsImportedThenTheLatest() async throws {
        let repository = RegistryRepository(store: try classificationStore())
        #expect(try await repository.current().label == "standard")
        var edited = DatabaseRegistry.standard
        edited.version = 2
        edited.databases[0].title = "Edited title"
        let yaml = try edited.yaml()
        guard case .imported(let version) = try await repository.importRegistry(yaml: yaml, file: "registry.yaml") else {
            Issue.record("not imported")
            return
        }
        #expect(version.declaredVersion == 2 && version.file == "registry.yaml" && version.sha256.count == 64)
        let current = try await repository.current()
        #expect(current.label == version.label && current.registry == edited)
        guard case .unchanged = try await repository.importRegistry(yaml: yaml, file: "again.yaml") else {
            Issue.record("the same content was imported twice")
            return
        }
        #expect(try await repository.versions().count == 1)
    }

    @Test func aBadRegistryNamesTheFileAndThePlace() async throws {
        let repository = RegistryRepository(store: try classificationStore())
        let yaml = """
            version: 2
            databases:
              - name: SNDS
                title: Système national des données de santé
                kind: system
                names: ["national health data system", "(national health"]
            """
        do {
            _ = try await repository.importRegistry(yaml: yaml, file: "bad.yaml")
            Issue.record("a bad registry was imported")
        } catch let error as DatabaseRegistryError {
            #expect(error.file == "bad.yaml" && error.path == "databases[0].names[1]")
        }
        #expect(try await repository.versions().isEmpty)
    }
}

@Suite struct ClassificationRunTests {
    func exported(_ store: Store) async throws -> [String: ExportedPublication] {
        var lines: [String: ExportedPublication] = [:]
        try await ClassificationRepository(store: store).export(pageSize: 2) { lines[$0.id] = $0 }
        return lines
    }

    @Test func runThenExportListsEveryTopLevelDatabaseAndTheComponentsFound() async throws {
        let store = try classificationStore()
        try ingestJSONL(threePublications, into: store)
        var runner = ClassificationRunner(store: store)
        runner.pageSize = 2
        let summary = try await runner.run()
        #expect(summary.publications == 3 && summary.registry == "standard")
        let snds = try #require(summary.databases.first { $0.name == "SNDS" })
        #expect(snds.uses == 1 && snds.mentions == 1)

        let lines = try await exported(store)
        #expect(Set(lines.keys) == ["use-1", "doi:10.1/bg", "none-1"])
        let use = try #require(lines["use-1"])
        #expect(use.pmid == "31000001")
        let topLevel = DatabaseRegistry.standard.databases.filter { $0.partOf == nil }.map(\.name)
        #expect(topLevel.allSatisfy { name in use.databases.contains { $0.name == name } })
        #expect(use.databases.first { $0.name == "SNDS" }?.verdict == .uses)
        #expect(use.databases.first { $0.name == "PMSI" }?.verdict == .uses)
        #expect(use.databases.first { $0.name == "SNDS" }?.evidence.first?.phrase == "French National Health Data System")
        #expect(lines["doi:10.1/bg"]?.databases.first { $0.name == "SNDS" }?.verdict == .mentions)
        #expect(lines["none-1"]?.databases.allSatisfy { $0.verdict == .no } == true)
        #expect(lines["none-1"]?.databases.map(\.name) == topLevel)

        let json = String(decoding: try JSONEncoder.hublot().encode(use), as: UTF8.self)
        #expect(json.hasPrefix(#"{"databases":[{"confidence":"#) && json.contains(#""doi":null"#) && json.contains(#""id":"use-1""#))
        #expect(json.contains(#""field":"abstract""#) && json.contains(#""section":"Methods""#))
    }

    @Test func aRerunReplacesVerdictsAndKeepsCuratedLabelsWhichOverrideTheExport() async throws {
        let store = try classificationStore()
        try ingestJSONL(threePublications, into: store)
        _ = try await ClassificationRunner(store: store).run()
        let repository = ClassificationRepository(store: store)
        let label = try await repository.label("10.1/bg", database: "snds", verdict: .no, curator: "alice", note: "a background sentence")
        #expect(label.publication == "doi:10.1/bg" && label.database == "SNDS")
        _ = try await repository.label("pmid:31000001", database: "EGB", verdict: .uses, curator: "bob")
        #expect(try await repository.labels().count == 2)

        // The background paper disappears from the store and comes back under a new number.
        try await store.writer.write { db in
            try db.execute(
                sql: "DELETE FROM publicationKey WHERE publicationID = (SELECT publicationID FROM publicationRecord WHERE key = 'doi:10.1/bg')")
            try db.execute(sql: "DELETE FROM publicationRecord WHERE key = 'doi:10.1/bg'")
            try db.execute(sql: "DELETE FROM publication WHERE id NOT IN (SELECT publicationID FROM publicationRecord)")
        }
        try ingestJSONL(threePublications, into: store, file: "again.jsonl")
        _ = try await ClassificationRunner(store: store).run()
        let count = try await store.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM classification") }
        #expect(count == 3)

        let lines = try await exported(store)
        let background = try #require(lines["doi:10.1/bg"]?.databases.first { $0.name == "SNDS" })
        #expect(background.verdict == .no && background.curatedBy == "alice" && background.curatorNote == "a background sentence")
        let egb = try #require(lines["use-1"]?.databases.first { $0.name == "EGB" })
        #expect(egb.verdict == .uses && egb.curatedBy == "bob")

        let queue = try await repository.queue(limit: 10)
        #expect(!queue.contains { $0.publication.name == "doi:10.1/bg" && $0.database == "SNDS" })
        await #expect(throws: UnknownPublication.self) { try await repository.label("pmid:404", database: "SNDS", verdict: .no, curator: "a") }
        await #expect(throws: UnknownDatabase.self) { try await repository.label("use-1", database: "NOPE", verdict: .no, curator: "a") }
    }

    @Test func theQueueShowsTheLeastSureFirstAndMentionsBeforeUsesOfEqualConfidence() async throws {
        let store = try classificationStore()
        try ingestJSONL(threePublications, into: store)
        try await store.writer.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM publication ORDER BY id")
            for (id, database, verdict, confidence) in [
                (ids[0], "SNDS", "uses", 0.6), (ids[1], "SNDS", "mentions", 0.6), (ids[2], "SNDS", "uses", 0.95), (ids[2], "PMSI", "mentions", 0.55),
            ] {
                try db.execute(
                    sql: "INSERT INTO classification VALUES (?, ?, ?, ?, '[]', 'standard', ?)",
                    arguments: [id, database, verdict, confidence, Date()])
            }
        }
        let repository = ClassificationRepository(store: store)
        let queue = try await repository.queue(limit: 3)
        #expect(
            queue.map { "\($0.publication.name) \($0.database) \($0.verdict.rawValue)" } == [
                "none-1 PMSI mentions", "doi:10.1/bg SNDS mentions", "use-1 SNDS uses",
            ])
        #expect(try await repository.queue(database: "PMSI").count == 1)
        _ = try await repository.label("none-1", database: "PMSI", verdict: .mentions, curator: "c")
        #expect(try await repository.queue(limit: 1).first?.publication.name == "doi:10.1/bg")
    }

    @Test func aRunForOneDatabaseLeavesTheOthersVerdicts() async throws {
        let store = try classificationStore()
        try ingestJSONL(threePublications, into: store)
        _ = try await ClassificationRunner(store: store).run()
        let summary = try await ClassificationRunner(store: store).run(database: "pmsi")
        #expect(summary.databases.map(\.name) == ["PMSI"])
        let databases = try await store.reader.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT database FROM classification ORDER BY 1") }
        #expect(databases == ["PMSI", "SNDS"])
        await #expect(throws: UnknownDatabase.self) { try await ClassificationRunner(store: store).run(database: "NOPE") }
    }
}

@Suite struct EvaluationOnTheStoreTests {
    @Test func labelsAreResolvedByJSONLKeyThenIdentifiers() async throws {
        let store = try classificationStore()
        try ingestJSONL(threePublications, into: store)
        let labels = try GoldLabel.read(
            """
            {"id": "use-1", "uses": ["SNDS", "pmsi"]}
            {"id": "10.1/bg", "uses": []}
            {"id": "unknown", "uses": [], "doi": "10.1/BG-none"}
            {"id": "none-1", "uses": ["SNDS"]}
            """, file: "labels.jsonl")
        let evaluation = try await ClassificationRepository(store: store).evaluate(labels)
        #expect(evaluation.labelled == 3 && evaluation.unresolved == ["unknown"])
        #expect(Set(evaluation.perDatabase.keys) == ["SNDS", "PMSI"])
        #expect(evaluation.perDatabase["SNDS"]?.truePositives == 1 && evaluation.perDatabase["SNDS"]?.falseNegatives == 1)
        #expect(evaluation.misclassified.map(\.id) == ["none-1"])
    }

    @Test func theWrittenSetIsIngestedAndEvaluated() async throws {
        let store = try classificationStore()
        let summary = try PublicationIngestor(store: store).ingest(Fixtures.path("written-abstracts.jsonl"), as: .jsonl)
        #expect(summary.new == 91)
        let text = try String(contentsOfFile: Fixtures.path("labels-written.jsonl"), encoding: .utf8)
        let evaluation = try await ClassificationRepository(store: store).evaluate(try GoldLabel.read(text, file: "labels-written.jsonl"))
        #expect(evaluation.labelled == 91 && evaluation.unresolved.isEmpty)
        #expect(Set(evaluation.perDatabase.keys).isSuperset(of: ["SNDS", "PMSI", "DCIR", "EGB", "CepiDc"]))
        #expect(evaluation.perDatabase["SNDS"]?.support == 46)
        #expect(evaluation.f1 > 0)
    }
}
