import Classification
import Foundation
import GRDB
import Publications
import Store
import Testing

@testable import Search

/// An in-memory store with the search schema and the schemas its triggers watch.
func searchStore() throws -> Store {
    try Store.inMemory(schemas: SearchSchema.withDependencies)
}

@discardableResult
func ingestJSONL(_ text: String, into store: Store, file: String = "test.jsonl") throws -> IngestSummary {
    try PublicationIngestor(store: store).ingest(file: file) { () throws(PublicationProblem) in
        try HublotJSONLReader(bytes: Array(text.utf8), name: file)
    }
}

func ingestPubMed(_ xml: String, into store: Store) throws -> IngestSummary {
    try PublicationIngestor(store: store).ingest(file: "update.xml") { () throws(PublicationProblem) in
        try PubMedReader(bytes: Array(xml.utf8), name: "update.xml")
    }
}

let library = """
    {"id": "use-1", "title": "Statin persistence in France", "abstract": [{"label": "Methods", "text": "Using the French National Health Data System (SNDS), we identified 120,000 new users between 2015 and 2018."}], "year": 2020, "authors": [{"family": "Martin", "given": "Claire", "affiliations": ["Inserm U1018, Paris, France"]}]}
    {"id": "bg-1", "title": "Diabetes care pathways", "doi": "10.1/bg", "abstract": "Future studies could use claims to describe care pathways.", "year": 2021}
    {"id": "none-1", "title": "Knee arthroplasty outcomes in one centre", "abstract": "We followed 300 patients operated in our department.", "year": 2019}
    """

@Suite struct SearchIndexSyncTests {
    func names(_ engine: SearchEngine, _ query: String, filters: SearchFilters = SearchFilters()) async throws -> [String] {
        try await engine.search(SearchRequest(query: query + " ", filters: filters)).results.map(\.name).sorted()
    }

    @Test func documentsAreBuiltFromTheMergedPublication() async throws {
        let store = try searchStore()
        try ingestJSONL(library, into: store)
        let engine = try await SearchEngine(store: store)
        #expect(await engine.count == 3)
        let id = try #require(try await engine.search(SearchRequest(query: "statin ")).results.first?.id)
        let document = try #require(try await engine.document(id: id))
        #expect(document.name == "use-1")
        #expect(document.authors == [DocumentAuthor(name: "Claire Martin", family: "Martin", given: "Claire", affiliations: [0])])
        #expect(document.affiliations.first?.country == "France")
        #expect(document.sources == ["jsonl"])
        #expect(await engine.revision > 0)
    }

    @Test func theIndexFollowsIngestMergeAndDeletionWithoutReindex() async throws {
        let store = try searchStore()
        try ingestJSONL(library, into: store)
        let engine = try await SearchEngine(store: store)
        #expect(try await names(engine, "arthroplasty") == ["none-1"])

        // A new version of a record.
        try ingestJSONL(#"{"id": "none-1", "title": "Hip arthroplasty outcomes", "year": 2019}"#, into: store, file: "v2.jsonl")
        #expect(try await names(engine, "knee") == [])
        #expect(try await names(engine, "hip") == ["none-1"])

        // A record that shares the DOI of bg-1 joins it: one publication, with both sources' words.
        try ingestJSONL(
            #"{"id": "other", "title": "Diabetes care pathways", "doi": "10.1/bg", "keywords": ["insulin"]}"#, into: store, file: "m.jsonl")
        let merged = try await engine.search(SearchRequest(query: "insulin "))
        #expect(merged.total == 1)
        #expect(try await engine.search(SearchRequest(query: "diabetes ")).total == 1)

        // A PubMed record, then its withdrawal.
        let article = """
            <PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version="1">101</PMID><Article><ArticleTitle>Antibiotic use in French children</ArticleTitle>\
            </Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
            """
        _ = try ingestPubMed(article, into: store)
        #expect(try await names(engine, "antibiotic") == ["pmid:101"])
        _ = try ingestPubMed(#"<PubmedArticleSet><DeleteCitation><PMID Version="1">101</PMID></DeleteCitation></PubmedArticleSet>"#, into: store)
        #expect(try await names(engine, "antibiotic") == [])
        #expect(await engine.count == 3)
    }

    @Test func theIndexFollowsClassificationAndCuration() async throws {
        let store = try searchStore()
        try ingestJSONL(library, into: store)
        let engine = try await SearchEngine(store: store)
        let snds = SearchFilters(values: [.database: ["SNDS"]])
        #expect(try await names(engine, "", filters: snds) == [])

        _ = try await ClassificationRunner(store: store).run()
        #expect(try await names(engine, "", filters: snds) == ["use-1"])

        let repository = ClassificationRepository(store: store)
        _ = try await repository.label("10.1/bg", database: "SNDS", verdict: .uses, curator: "test")
        #expect(try await names(engine, "", filters: snds) == ["bg-1", "use-1"])
        _ = try await repository.label("use-1", database: "SNDS", verdict: .no, curator: "test")
        #expect(try await names(engine, "", filters: snds) == ["bg-1"])
        let curated = try #require(try await engine.search(SearchRequest(query: "diabetes ")).results.first)
        #expect(curated.databases == [DocumentDatabase(name: "SNDS", status: .uses, isCurated: true, confidence: 1)])
    }

    @Test func documentsOfAnotherBuilderVersionAreRebuilt() async throws {
        let store = try searchStore()
        try ingestJSONL(library, into: store)
        _ = try await SearchEngine(store: store)
        // As an older Hublot left them: built by version 1, with a structure today's reader would not give.
        try await store.writer.write { db in
            try db.execute(sql: "UPDATE searchState SET builder = 1")
            try db.execute(sql: "UPDATE searchDocument SET document = replace(document, 'Inserm', 'Stale structure')")
        }
        let engine = try await SearchEngine(store: store)
        let structures = try await engine.search(SearchRequest()).facets[.structure]?.map(\.value) ?? []
        #expect(!structures.contains("Stale structure"))
        let builder = try await store.reader.read { db in try Int.fetchOne(db, sql: "SELECT builder FROM searchState") }
        #expect(builder == SearchDocument.builderVersion)
    }

    @Test func reindexGivesTheSameAnswers() async throws {
        let store = try searchStore()
        try ingestJSONL(library, into: store)
        _ = try await ClassificationRunner(store: store).run()
        let engine = try await SearchEngine(store: store)
        let requests = [SearchRequest(query: "statin "), SearchRequest(query: ""), SearchRequest(query: "care path")]
        var before: [SearchResponse] = []
        for request in requests { before.append(try await engine.search(request)) }
        let summary = try await engine.reindex()
        #expect(summary.documents == 3)
        for (request, earlier) in zip(requests, before) {
            let after = try await engine.search(request)
            #expect(after.results.map(\.id) == earlier.results.map(\.id))
            #expect(after.facets == earlier.facets)
            #expect(after.revision > earlier.revision)
        }
        // Another engine on the same store answers the same.
        let other = try await SearchEngine(store: store)
        #expect(try await other.search(requests[0]).results.map(\.id) == before[0].results.map(\.id))
    }

    @Test func aCatchUpCutShortIsCompletedByTheNextOne() async throws {
        let store = try searchStore()
        try ingestJSONL(library, into: store)
        // One batch of one publication, as if the process were killed after its first transaction.
        try await store.writer.write { db in
            var labels = SearchDocumentStore.LabelCache()
            _ = try SearchDocumentStore.catchUpBatch(db, size: 1, labels: &labels)
        }
        let pending = try await store.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchPending") }
        #expect(pending == 2)
        let engine = try await SearchEngine(store: store)
        #expect(await engine.count == 3)
        #expect(try await engine.search(SearchRequest()).total == 3)
    }
}
