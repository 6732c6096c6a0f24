import Catalog
import Classification
import Foundation
import Hummingbird
import HummingbirdTesting
import Publications
import Search
import Store
import Testing

@testable import Web

/// The search, dashboard, export and entity pages through HTTP, on a few publications written for them.
@Suite struct SearchPagesTests {
    static let hostile = #"<script>alert('x')</script> "Statins" & ünïcödé in the SNDS"#

    private func application() async throws -> some ApplicationProtocol {
        let store = try Store.inMemory(schemas: [CatalogSchema.self] + SearchSchema.withDependencies)
        let lines = [
            #"{"id": "a", "pmid": "31000001", "title": \#(json(Self.hostile)), "year": 2020, "journal": "Rev <Epidemiol>", "citation_count": 4, "authors": [{"family": "O'Brien", "given": "Ann", "orcid": "0000-0002-1825-0097", "affiliations": ["Inserm U1219, Université de Bordeaux, Bordeaux, France"]}, {"family": "Martin", "given": "Paul", "affiliations": ["CHU de Lille, Lille, France"]}], "abstract": "Using the French National Health Data System (SNDS), we identified 120,000 new users of statins."}"#,
            #"{"id": "b", "pmid": "31000002", "title": "Hospital stays after hip fracture in the PMSI", "year": 2019, "journal": "BMJ Open", "citation_count": 10, "authors": [{"family": "Martin", "given": "Paul", "affiliations": ["CHU de Lille, Lille, France"]}, {"family": "Smith", "given": "John", "affiliations": ["Harvard University, Boston, MA 02115, USA"]}], "abstract": "We used the PMSI hospital discharge database to follow 50,000 patients after hip fracture."}"#,
            #"{"id": "c", "pmid": "31000003", "title": "Knee surgery outcomes in a German registry", "year": 2021, "journal": "BMJ Open", "authors": [{"family": "Müller", "given": "Eva", "affiliations": ["Charité, Berlin, Germany"]}], "abstract": "A registry of 2,000 knee operations."}"#,
        ]
        _ = try PublicationIngestor(store: store).ingest(file: "pages.jsonl") { () throws(PublicationProblem) in
            try HublotJSONLReader(bytes: Array(lines.joined(separator: "\n").utf8), name: "pages.jsonl")
        }
        _ = try await ClassificationRunner(store: store).run()
        return buildApplication(store: store, configuration: WebConfiguration(host: "127.0.0.1", port: 0))
    }

    private func json(_ text: String) -> String { String(decoding: try! JSONEncoder().encode(text), as: UTF8.self) }

    private func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func theSearchAPIKeepsItsContract() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/api/search?q=statins&database=SNDS&year=2019..2021&page=1&sort=relevance", method: .get) { response in
                #expect(response.status == .ok)
                let body = try object(response)
                #expect(body["total"] as? Int == 1)
                let results = try #require(body["results"] as? [[String: Any]])
                let first = try #require(results.first)
                for key in ["id", "title", "year", "journal", "snippet", "score"] { #expect(first[key] != nil, "results lack \(key)") }
                #expect((first["snippet"] as? String)?.contains("<mark>") == true)
                let facets = try #require(body["facets"] as? [String: [[String: Any]]])
                #expect(facets["database"]?.first?["value"] as? String == "SNDS")
                #expect(facets["database"]?.first?["count"] as? Int == 1)
            }
            try await client.execute(uri: "/api/search?year=soon", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("year=soon"))
            }
            try await client.execute(uri: "/api/search?sort=citations&journal=BMJ%20Open", method: .get) { response in
                let results = try #require(try object(response)["results"] as? [[String: Any]])
                #expect(
                    results.map { $0["title"] as? String } == [
                        "Hospital stays after hip fracture in the PMSI", "Knee surgery outcomes in a German registry",
                    ])
            }
        }
    }

    @Test func pagesEscapeHostileText() async throws {
        try await application().test(.router) { client in
            for uri in [
                "/search?q=statins", "/dashboard", "/publications/1", "/databases/SNDS", "/journals/Rev%20%3CEpidemiol%3E", "/network",
                "/search?q=%3Cscript%3E",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    let html = String(buffer: response.body)
                    #expect(!html.contains("<script>alert"), "\(uri) lets a title's script through")
                    #expect(!html.contains("Rev <Epidemiol>"), "\(uri) lets a journal's markup through")
                    #expect(!html.contains("GRDB"), "\(uri)")
                }
            }
            try await client.execute(uri: "/search?q=statins", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(
                    html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;<mark>Statins</mark>&quot;")
                        || html.contains("&lt;script&gt;"))
                #expect(html.contains("ünïcödé"))
            }
        }
    }

    @Test func theDashboardAndItsDataFollowTheFilters() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/api/dashboard?journal=BMJ%20Open", method: .get) { response in
                #expect(response.status == .ok)
                let body = try object(response)
                #expect(body["total"] as? Int == 2)
                let countries = try #require(body["countries"] as? [[String: Any]])
                #expect(Set(countries.compactMap { $0["value"] as? String }) == ["France", "United States", "Germany"])
            }
            try await client.execute(uri: "/dashboard/data/years.csv?journal=BMJ%20Open", method: .get) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                let lines = String(buffer: response.body).split(whereSeparator: \.isNewline)
                // 2020 has none, and is listed all the same.
                #expect(lines.dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") } == ["2019,1", "2020,0", "2021,1"])
            }
            try await client.execute(uri: "/dashboard/data/nothing.csv", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/dashboard?lang=fr", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<html lang="fr">"#) && html.contains("Publications par année") && html.contains("role=\"img\""))
            }
        }
    }

    @Test func exportsGiveEveryFormat() async throws {
        try await application().test(.router) { client in
            let expected: [(String, String, String)] = [
                ("csv", "text/csv", "Hospital stays after hip fracture"), ("json", "application/json", "\"pmid\""),
                ("bibtex", "application/x-bibtex", "@article{"), ("ris", "application/x-research-info-systems", "TY  - JOUR"),
                ("vosviewer", "application/json", "\"network\""),
            ]
            for (format, type, content) in expected {
                try await client.execute(uri: "/api/export?format=\(format)&journal=BMJ%20Open", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(format)")
                    #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
                    #expect(String(buffer: response.body).contains(content), "\(format)")
                }
            }
            try await client.execute(uri: "/api/export?format=docx", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func entityPagesShowTheirPublications() async throws {
        try await application().test(.router) { client in
            let researcher = encodeComponent(DocumentAuthor(name: "Paul Martin", family: "Martin", given: "Paul").researcherKey)
            try await client.execute(uri: "/researchers/\(researcher)", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Paul Martin") && html.contains("Hospital stays after hip fracture"))
            }
            try await client.execute(uri: "/researchers/orcid%3A0000-0002-1825-0097", method: .get) { response in
                #expect(String(buffer: response.body).contains("ORCID 0000-0002-1825-0097"))
            }
            try await client.execute(uri: "/databases/PMSI", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Hospital stays after hip fracture"))
            }
            try await client.execute(uri: "/databases/NOPE", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/publications/999", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/publications/1", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<mark>French National Health Data System</mark>") || html.contains("<mark>SNDS</mark>"))
                #expect(html.contains("/curation/publications/a"))
            }
        }
    }
}
