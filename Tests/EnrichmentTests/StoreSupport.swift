import Publications
import Store

@testable import Enrichment

/// An in-memory store with the publications and what enrichment adds to them.
func enrichmentStore() throws -> Store {
    try Store.inMemory(schemas: [PublicationsSchema.self, ResearcherSchema.self, JournalSchema.self])
}

@discardableResult
func ingestJSONL(_ text: String, into store: Store, file: String = "test.jsonl") throws -> IngestSummary {
    try PublicationIngestor(store: store).ingest(file: file) { () throws(PublicationProblem) in
        try HublotJSONLReader(bytes: Array(text.utf8), name: file)
    }
}
