import Classification
import Foundation
import Hummingbird
import HummingbirdTesting
import Publications
import Store
import Testing

@testable import Web

@Suite struct CurationTests {
    /// A store with one publication, classified, whose title needs escaping.
    private func store() async throws -> Store {
        let store = try Store.inMemory(schemas: [PublicationsSchema.self, ClassificationSchema.self])
        let line = """
            {"id": "team-1", "pmid": "31000001", "title": "Statins <b>in</b> France", "abstract": [{"label": "Methods", "text": "Using the French National Health Data System (SNDS), we identified 120,000 new users."}]}
            """
        _ = try PublicationIngestor(store: store).ingest(file: "team.jsonl") { () throws(PublicationProblem) in
            try HublotJSONLReader(bytes: Array(line.utf8), name: "team.jsonl")
        }
        _ = try await ClassificationRunner(store: store).run()
        return store
    }

    @Test func theQueuePageShowsTheEvidenceMarkedAndAFormPerCase() async throws {
        let app = buildApplication(store: try await store(), configuration: WebConfiguration(host: "127.0.0.1", port: 0))
        try await app.test(.router) { client in
            try await client.execute(uri: "/curation", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Statins &lt;b&gt;in&lt;/b&gt; France"))
                #expect(html.contains("<mark>French National Health Data System</mark>"))
                #expect(html.contains(#"<form method="post" action="/curation/labels">"#))
                #expect(html.contains(#"name="publication" value="team-1""#))
            }
            try await client.execute(uri: "/api/classification/queue", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""phrase":"French National Health Data System""#))
            }
        }
    }

    @Test func postingALabelStoresItAndReturnsToTheQueue() async throws {
        let store = try await store()
        let app = buildApplication(store: store, configuration: WebConfiguration(host: "127.0.0.1", port: 0))
        try await app.test(.router) { client in
            let form = "publication=team-1&database=SNDS&verdict=mentions&curator=Ana+Lopez&note=only+%3Cbackground%3E&queue="
            try await client.execute(
                uri: "/curation/labels", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/curation?curator=Ana%20Lopez") == true)
            }
            try await client.execute(uri: "/api/classification/labels", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#""curator":"Ana Lopez""#) && text.contains(#""verdict":"mentions""#))
            }
            try await client.execute(uri: "/curation", method: .get) { response in
                #expect(!String(buffer: response.body).contains(#"value="team-1""#))
            }
            try await client.execute(uri: "/curation/publications/pmid:31000001", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("mentions by Ana Lopez: only &lt;background&gt;"))
            }
            try await client.execute(uri: "/api/classification/publications/team-1", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""verdict":"uses""#))
            }
            try await client.execute(
                uri: "/curation/labels", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "publication=nobody&database=SNDS&verdict=no&curator=a")
            ) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/curation/labels", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "publication=team-1&database=SNDS&verdict=maybe&curator=a")
            ) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/curation/publications/pmid:404", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
