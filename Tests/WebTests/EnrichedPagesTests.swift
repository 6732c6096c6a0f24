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

/// The pages that show what enrichment adds (the map, coverage, the structure and researcher pages, the new
/// facets), through HTTP, on documents written as enrichment leaves them.
@Suite struct EnrichedPagesTests {
    static let inserm = DocumentOrganisation(
        id: "https://ror.org/0test0001", name: "Inserm", city: "Paris", country: "France", latitude: 48.85, longitude: 2.35)
    static let chu = DocumentOrganisation(
        id: "https://ror.org/0test0002", name: "CHU de Bordeaux", city: "Bordeaux", country: "France", latitude: 44.83, longitude: -0.58)
    static let oxford = DocumentOrganisation(
        id: "https://ror.org/0test0003", name: "University of Oxford", city: "Oxford", country: "United Kingdom", latitude: 51.75,
        longitude: -1.25)
    static let ann = DocumentAuthor(
        name: "Ann Dubois", family: "Dubois", given: "Ann", orcid: "0000-0002-1825-0097", affiliations: [0], researcher: "orcid:0000-0002-1825-0097")

    static let documents: [SearchDocument] = [
        SearchDocument(
            id: 1, name: "doi:10.9/one", title: "Statins in the SNDS", abstract: "Statin users.", date: PublicationDate(year: 2019),
            authors: [ann, DocumentAuthor(name: "Bob Smith", family: "Smith", given: "Bob", affiliations: [1])],
            affiliations: [
                DocumentAffiliation(
                    text: "Inserm U1219, CHU de Bordeaux, France", structure: "CHU de Bordeaux", country: "France", organisations: [chu, inserm]),
                DocumentAffiliation(
                    text: "University of Oxford", structure: "University of Oxford", country: "United Kingdom", organisations: [oxford]),
            ],
            identifiers: PublicationIdentifiers(doi: "10.9/one"), openAccess: OpenAccess(isOpenAccess: true, status: "gold"),
            databases: [DocumentDatabase(name: "SNDS", status: .uses)]),
        SearchDocument(
            id: 2, name: "pmid:2", title: "Hospital stays in Paris", date: PublicationDate(year: 2020),
            authors: [ann, DocumentAuthor(name: "Claire Petit", family: "Petit", given: "Claire", affiliations: [1], researcher: "hublot:42")],
            affiliations: [
                DocumentAffiliation(text: "Inserm, Paris", structure: "Inserm", country: "France", organisations: [inserm]),
                DocumentAffiliation(text: "Some lab, Lyon, France", structure: "Some lab", country: "France"),
            ],
            databases: [DocumentDatabase(name: "SNDS", status: .uses)]),
    ]

    private func application() throws -> some ApplicationProtocol {
        let store = try Store.inMemory(schemas: [CatalogSchema.self] + SearchSchema.withDependencies)
        let search = SearchService(store: store, engine: SearchEngine(documents: Self.documents))
        return Application(router: buildRouter(store: store, search: search))
    }

    private func page(_ uri: String, _ client: some TestClientProtocol) async throws -> String {
        try await client.execute(uri: uri, method: .get) { response in
            #expect(response.status == .ok, "\(uri)")
            return String(buffer: response.body)
        }
    }

    @Test func theMapDrawsTheStructuresOfTheSet() async throws {
        try await application().test(.router) { client in
            let france = try await page("/map?view=france", client)
            #expect(france.contains("<svg") && france.contains("role=\"img\""))
            #expect(france.contains("<title id=\"chart-map-title\">Map of structures (France)</title>"))
            #expect(france.contains("<title>Inserm (Paris, France): 2 publications</title>"))
            #expect(france.contains("<a href=\"/structures/Inserm\">"))
            #expect(france.contains("<a href=\"/structures/CHU%20de%20Bordeaux\">"))
            // Oxford is north of the France view's frame.
            #expect(!france.contains("<title>University of Oxford"))
            #expect(france.contains("2 structures placed, 1 outside this view, 0 without coordinates."))
            let world = try await page("/map?view=world&lang=fr", client)
            #expect(world.contains("Carte des structures (Monde)"))
            // The language switch stays on the world view.
            #expect(world.contains("href=\"?view=world&amp;lang=en\""))
            #expect(world.contains("<title>University of Oxford (Oxford, United Kingdom): 1 publications</title>"))
            // The filters narrow the map as they narrow the dashboard.
            let filtered = try await page("/map?view=france&year=2020", client)
            #expect(filtered.contains("<title>Inserm (Paris, France): 1 publications</title>"))
            #expect(!filtered.contains("CHU de Bordeaux (Bordeaux"))
            try await client.execute(uri: "/map?view=mars", method: .get) { response in #expect(response.status == .badRequest) }
            try await client.execute(uri: "/api/map?view=world", method: .get) { response in
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let points = try #require(body["points"] as? [[String: Any]])
                #expect(points.map { $0["name"] as? String } == ["Inserm", "CHU de Bordeaux", "University of Oxford"])
            }
        }
    }

    @Test func theDashboardShowsCoverageAndASmallMap() async throws {
        try await application().test(.router) { client in
            let html = try await page("/dashboard", client)
            #expect(html.contains("id=\"chart-map\""))
            #expect(html.contains("id=\"chart-coverage_years\""))
            #expect(html.contains("id=\"chart-database_coverage\""))
            #expect(html.contains("href=\"/map\""))
            // 3 of 4 affiliations matched, 3 of 4 signatures identified.
            #expect(html.contains("<b>75 %</b>of affiliations matched"))
            #expect(html.contains("<b>75 %</b>of authors identified"))
            try await client.execute(uri: "/api/dashboard", method: .get) { response in
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let coverage = try #require(body["coverage"] as? [String: Any])
                #expect((coverage["matched_affiliations"] as? [String: Any])?["count"] as? Int == 3)
                #expect(coverage["author_count"] as? Int == 4)
                let years = try #require(body["coverage_by_year"] as? [[String: Any]])
                #expect(years.map { $0["year"] as? Int } == [2019, 2020])
                let databases = try #require(body["databases"] as? [[String: Any]])
                #expect(databases.first?["coverage"] != nil)
            }
            let csv = try await page("/dashboard/data/coverage_years.csv", client)
            #expect(csv.contains("year,publications,matched_affiliations,identified_authors,doi,abstract,open_access,country"))
            #expect(csv.contains("2019,1,1,0.5,1,1,1,1"))
            #expect(csv.contains("2020,1,0.5,1,0,0,0,1"))
        }
    }

    @Test func aStructurePageShowsItsOrganisationPlaceResearchersAndPartners() async throws {
        try await application().test(.router) { client in
            let html = try await page("/structures/Inserm", client)
            #expect(html.contains("<a href=\"https://ror.org/0test0001\" rel=\"external\">https://ror.org/0test0001</a>"))
            #expect(html.contains("Paris, France"))
            #expect(html.contains("48.850, 2.350"))
            #expect(html.contains("<section id=\"researchers\">") && html.contains("Ann Dubois</a> (2)"))
            #expect(html.contains("<section id=\"partners\">") && html.contains("CHU de Bordeaux</a> (1)"))
            // Its own point is ringed on the map of its publications.
            #expect(html.contains("<svg") && html.contains("stroke=\"#000\""))
            let unmatched = try await page("/structures/Some%20lab", client)
            #expect(unmatched.contains("No registry organisation matched under this name."))
        }
    }

    @Test func aResearcherPageShowsTheirStructuresOverTimeAndCoAuthors() async throws {
        try await application().test(.router) { client in
            let html = try await page("/researchers/orcid%3A0000-0002-1825-0097", client)
            #expect(html.contains("ORCID 0000-0002-1825-0097"))
            #expect(html.contains("Structures over time"))
            #expect(html.contains("<a href=\"/structures/Inserm\">Inserm</a></td><td>2019–2020</td><td>2</td>"))
            #expect(html.contains("<a href=\"/structures/CHU%20de%20Bordeaux\">CHU de Bordeaux</a></td><td>2019</td><td>1</td>"))
            #expect(html.contains("<section id=\"co-authors\">") && html.contains("Claire Petit</a> (1)"))
            let hublot = try await page("/researchers/hublot%3A42", client)
            #expect(hublot.contains("<code>hublot:42</code>"))
            try await client.execute(uri: "/researchers/nobody", method: .get) { response in #expect(response.status == .notFound) }
        }
    }

    @Test func theStructuresNetworkAndTheNewFacets() async throws {
        try await application().test(.router) { client in
            let network = try await page("/network?kind=structures", client)
            #expect(network.contains("<a href=\"/structures/Inserm\">Inserm</a>"))
            #expect(network.contains("href=\"?kind=structures&amp;lang=fr\""))
            #expect(!network.contains("ror.org/0test0001</a>"))
            let search = try await page("/search?q=statins", client)
            #expect(search.contains(">City<") && search.contains("Bordeaux"))
            #expect(search.contains(">Identified researcher<"))
            let paris = try await page("/search?city=Paris", client)
            #expect(paris.contains("Hospital stays in Paris") && paris.contains("Statins in the SNDS"))
        }
    }
}
