import Foundation
import Publications
import Store

@testable import Classification

/// The fixtures of this test target, and the shared data beside the package when it is there.
enum Fixtures {
    /// This file is `<package>/Tests/ClassificationTests/Support.swift`: the package root is three levels up.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ name: String) -> String { packageRoot.appendingPathComponent("Tests/ClassificationTests/Fixtures/\(name)").path }

    static func shared(_ relative: String) -> String? {
        let path = packageRoot.appendingPathComponent("../shared/data/\(relative)").standardizedFileURL.path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

/// An in-memory store with every schema classification reads.
func classificationStore() throws -> Store {
    try Store.inMemory(schemas: [PublicationsSchema.self, ClassificationSchema.self])
}

/// Ingests Hublot JSON Lines through the real reader and ingestor.
@discardableResult
func ingestJSONL(_ text: String, into store: Store, file: String = "test.jsonl") throws -> IngestSummary {
    try PublicationIngestor(store: store).ingest(file: file) { () throws(PublicationProblem) in
        try HublotJSONLReader(bytes: Array(text.utf8), name: file)
    }
}

/// Three publications: one using the SNDS and the PMSI, one naming the SNDS only in the background, one about nothing.
let threePublications = """
    {"id": "use-1", "title": "Statin persistence in France", "pmid": "31000001", "abstract": [{"label": "Background", "text": "Little is known about statin persistence."}, {"label": "Methods", "text": "Using the French National Health Data System (SNDS), we identified 120,000 new users between 2015 and 2018, and their hospital stays in the PMSI."}], "year": 2020, "authors": [{"name": "Claire Martin", "affiliations": ["Inserm, Paris, France"]}]}
    {"title": "Diabetes care pathways: a background", "doi": "10.1/bg", "abstract": [{"label": "Background", "text": "Future studies could use the SNDS to describe care pathways."}, {"label": "Methods", "text": "We interviewed 30 general practitioners."}], "year": 2021}
    {"id": "none-1", "title": "Knee arthroplasty outcomes in one centre", "abstract": "We followed 300 patients operated in our department.", "year": 2019}
    """
