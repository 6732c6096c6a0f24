import Foundation
import Hummingbird
import HummingbirdTesting
import Publications
import Store
import Testing

@testable import Web

/// A scripted source of two records of one work, as two different sources would give them.
private struct TwoRecords: PublicationReader {
    var events: [ReaderEvent] = [PublicationSource.crossref, .pubmed].enumerated().map { index, source in
        .record(
            SourceRecord(
                source: source, key: source == .pubmed ? "31000001" : "10.1016/j.respe.2019.01.002",
                origin: RecordOrigin(file: "\(source.rawValue).test", position: index + 1),
                metadata: PublicationMetadata(
                    identifiers: PublicationIdentifiers(doi: "10.1016/j.respe.2019.01.002", pmid: source == .pubmed ? "31000001" : nil),
                    title: "Le Système national des données de santé en pratique", date: PublicationDate(year: 2019))))
    }

    mutating func next() throws(PublicationProblem) -> ReaderEvent? { events.isEmpty ? nil : events.removeFirst() }
}

@Suite struct PublicationsAPITests {
    @Test func statsAndShowAnswerAsTheCLIDoes() async throws {
        let store = try Store.inMemory(schemas: [PublicationsSchema.self])
        _ = try PublicationIngestor(store: store).ingest(file: "test") { TwoRecords() }
        let app = buildApplication(store: store, configuration: WebConfiguration(host: "127.0.0.1", port: 0))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/publications/stats", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains(#""publications":1"#) && text.contains(#""merged":1"#))
            }
            try await client.execute(uri: "/api/publications/10.1016/j.respe.2019.01.002", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains(#""pmid":"31000001""#) && text.contains(#""title":"pubmed:31000001""#))
            }
            try await client.execute(uri: "/api/publications/pmid:404", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/publications/nothing", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }
}
