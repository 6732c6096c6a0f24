import Publications
import Testing

@testable import Search

/// The facets enrichment feeds: structures by matched organisation, cities, identified researchers.
@Suite struct EnrichedFacetTests {
    static let inserm = DocumentOrganisation(id: "https://ror.org/0test0001", name: "Inserm", city: "Paris", country: "France")
    static let chu = DocumentOrganisation(id: "https://ror.org/0test0002", name: "CHU de Bordeaux", city: "Bordeaux", country: "France")
    static let ann = DocumentAuthor(name: "Ann O'Brien", family: "O'Brien", given: "Ann", orcid: "0000-0002-1825-0097", affiliations: [0])

    static let documents: [SearchDocument] = [
        SearchDocument(
            id: 1, name: "a", title: "Statins in Bordeaux", date: PublicationDate(year: 2019),
            authors: [ann, DocumentAuthor(name: "Bob Smith", family: "Smith", given: "Bob")],
            affiliations: [
                DocumentAffiliation(
                    text: "Inserm U1219, CHU de Bordeaux, France", structure: "CHU de Bordeaux", country: "France", organisations: [chu, inserm])
            ]),
        SearchDocument(
            id: 2, name: "b", title: "Statins in Paris", date: PublicationDate(year: 2020),
            authors: [
                DocumentAuthor(name: "A. O'Brien", family: "O'Brien", given: "A.", researcher: "orcid:0000-0002-1825-0097"),
                DocumentAuthor(name: "Claire Petit", family: "Petit", given: "Claire", researcher: "hublot:42"),
            ],
            affiliations: [
                DocumentAffiliation(text: "Inserm, Paris", structure: "Inserm", country: "France", organisations: [inserm]),
                DocumentAffiliation(text: "Some lab, Lyon, France", structure: "Some lab", country: "France"),
            ]),
        SearchDocument(
            id: 3, name: "c", title: "Statins elsewhere", date: PublicationDate(year: 2021),
            authors: [DocumentAuthor(name: "Dan Roe", family: "Roe", given: "Dan")],
            affiliations: [DocumentAffiliation(text: "Some lab, Lyon", structure: "Some lab")]),
    ]

    let engine = SearchEngine(documents: documents)

    func search(_ filters: [Facet: Set<String>] = [:]) async throws -> SearchResponse {
        try await engine.search(SearchRequest(query: "statins", filters: SearchFilters(values: filters)))
    }

    func counts(_ response: SearchResponse, _ facet: Facet) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (response.facets[facet] ?? []).map { ($0.value, $0.count) })
    }

    @Test func structuresAreTheMatchedOrganisationsElseTheNameRead() async throws {
        let all = try await search()
        #expect(counts(all, .structure) == ["Inserm": 2, "CHU de Bordeaux": 1, "Some lab": 2])
        #expect(ids(try await search([.structure: ["CHU de Bordeaux"]])) == [1])
        // Values of one facet are alternatives.
        #expect(Set(ids(try await search([.structure: ["CHU de Bordeaux", "Some lab"]]))) == [1, 2, 3])
    }

    @Test func citiesComeFromTheOrganisations() async throws {
        let all = try await search()
        #expect(counts(all, .city) == ["Paris": 2, "Bordeaux": 1])
        let bordeaux = try await search([.city: ["Bordeaux"]])
        #expect(ids(bordeaux) == [1])
        // Disjunctive: the city facet leaves its own filter out, the others count Bordeaux's publications only.
        #expect(counts(bordeaux, .city) == ["Paris": 2, "Bordeaux": 1])
        #expect(counts(bordeaux, .structure) == ["Inserm": 1, "CHU de Bordeaux": 1])
    }

    @Test func researchersAreTheIdentifiedAuthorsOnly() async throws {
        let all = try await search()
        let researchers = all.facets[.researcher] ?? []
        // Ann is one person whether the source gave her ORCID or enrichment did; Bob and Dan are names only.
        #expect(researchers.map(\.value) == ["orcid:0000-0002-1825-0097", "hublot:42"])
        #expect(researchers.map(\.count) == [2, 1])
        #expect(researchers.first?.label == "Ann O'Brien")
        #expect(counts(all, .author)["name:smith, bob"] == 1)
        #expect(counts(all, .author)["orcid:0000-0002-1825-0097"] == 2)
        #expect(ids(try await search([.researcher: ["hublot:42"]])) == [2])
        let both = try await search([.researcher: ["hublot:42"], .city: ["Bordeaux"]])
        #expect(both.total == 0)
        #expect(counts(both, .city) == ["Paris": 1])
        #expect(counts(both, .researcher) == ["orcid:0000-0002-1825-0097": 1])
    }

    @Test func theNewFacetsAreParameters() throws {
        let request = try SearchRequest(parameters: [("city", "Paris"), ("researcher", "hublot:42")])
        #expect(request.filters.values[.city] == ["Paris"])
        #expect(request.filters.values[.researcher] == ["hublot:42"])
        #expect(request.parameters.map(\.name) == ["researcher", "city"])
    }
}
