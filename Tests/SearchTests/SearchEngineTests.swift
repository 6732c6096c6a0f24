import Catalog
import Publications
import Testing

@testable import Search

/// A small library of hand-written documents, searched through an engine without a store.
enum Library {
    static func document(
        _ id: Int64, _ title: String, abstract: String? = nil, year: Int = 2020, journal: String = "Revue d'épidémiologie",
        authors: [String] = ["Claire Martin"], keywords: [String] = [], mesh: [String] = [], databases: [String] = [], citations: Int? = nil,
        country: String = "France", language: String = "en"
    ) -> SearchDocument {
        SearchDocument(
            id: id, name: "pmid:\(id)", title: title, abstract: abstract, date: PublicationDate(year: year, month: 6, day: Int(id % 28) + 1),
            journal: journal, language: language, publicationTypes: ["Journal Article"], keywords: keywords, mesh: mesh,
            authors: authors.map { name in
                let parts = name.split(separator: " ")
                return DocumentAuthor(name: name, family: parts.last.map(String.init), given: parts.first.map(String.init), affiliations: [0])
            },
            affiliations: [DocumentAffiliation(text: "Inserm, Paris, \(country)", structure: "Inserm", country: country)],
            citations: citations, databases: databases.map { DocumentDatabase(name: $0, status: .uses) })
    }

    static let documents: [SearchDocument] = [
        document(
            1, "Statin persistence after myocardial infarction", abstract: "We measured statin adherence in the SNDS between 2010 and 2015.",
            year: 2019, journal: "European Heart Journal", databases: ["SNDS"], citations: 40),
        document(
            2, "Cardiovascular outcomes of diabetes", abstract: "Statin use was frequent. Hospital stays were read in the PMSI.", year: 2021,
            journal: "Diabetes Care", authors: ["Jean Dupont", "Claire Martin"], databases: ["PMSI"], citations: 5),
        document(
            3, "Les hôpitaux et la santé publique", abstract: "Étude des hospitalisations en France à partir du SNIIRAM.", year: 2016,
            journal: "Revue d'épidémiologie", authors: ["Jean Dupont"], databases: ["SNDS"], citations: 12, language: "fr"),
        document(
            4, "Breast cancer screening in women", abstract: "Screening of breast cancer and cancer of the cervix in women over fifty.",
            year: 2018, journal: "The Lancet", keywords: ["mammography"], citations: 100, country: "United Kingdom"),
        document(
            5, "Cancer incidence in Europe", abstract: "Breast density and cancer risk in a cohort, with screening.", year: 2022,
            journal: "The Lancet",
            mesh: ["Breast Neoplasms"], citations: nil, country: "Germany"),
        document(
            6, "Antibiotic prescriptions in children", abstract: "Prescribing of antibiotics to children, from reimbursement claims.",
            year: 2020, journal: "Pediatrics", authors: ["Anna Schmidt"], databases: ["SNDS", "DCIR"], citations: 7),
    ]

    static func engine() -> SearchEngine { SearchEngine(documents: documents) }
}

func ids(_ response: SearchResponse) -> [Int64] { response.results.map(\.id) }

@Suite struct SearchEngineTests {
    let engine = Library.engine()

    func search(_ query: String, filters: SearchFilters = SearchFilters(), sort: SearchSort = .relevance) async throws -> SearchResponse {
        try await engine.search(SearchRequest(query: query + " ", filters: filters, sort: sort))
    }

    @Test func anAcronymsFinalSIsNoPlural() async throws {
        let engine = SearchEngine(documents: [
            Library.document(1, "Neck dissection outcomes", abstract: "Selective neck dissection (SND) in 80 patients."),
            Library.document(2, "Statins in France", abstract: "We used the SNDS claims of 120,000 users."),
            Library.document(3, "Hospital stays", abstract: "HOSPITAL STAYS AFTER SURGERY, as an old record prints them."),
        ])
        #expect(ids(try await engine.search(SearchRequest(query: "SNDS "))) == [2])
        #expect(ids(try await engine.search(SearchRequest(query: "snds "))).first == 2)
        #expect(ids(try await engine.search(SearchRequest(query: "SND "))) == [1])
        #expect(Set(ids(try await engine.search(SearchRequest(query: "stays ")))) == [3])
        let snippet = try #require(try await engine.search(SearchRequest(query: "SNDS ")).results.first?.snippet)
        #expect(snippet.html.contains("<mark>SNDS</mark>"))
    }

    @Test func aTitleMatchRanksFirst() async throws {
        let response = try await search("statin")
        #expect(ids(response) == [1, 2])
        #expect(response.results[0].score > response.results[1].score)
    }

    @Test func accentsCaseAndPluralsAreIgnored() async throws {
        #expect(ids(try await search("HOPITAL")) == [3])
        #expect(ids(try await search("hospitalisation")) == [3])
        #expect(ids(try await search("santé publique")) == [3])
        #expect(ids(try await search("antibiotic prescribed")) == [6])
    }

    @Test func anAcronymFindsTheOtherNamesOfItsDatabase() async throws {
        // Document 1 says SNDS, document 3 says SNIIRAM, document 6 is classified SNDS without naming it.
        #expect(Set(ids(try await search("SNIIRAM"))) == [1, 3, 6])
        #expect(Set(ids(try await search("snds"))) == [1, 3, 6])
    }

    @Test func theLastWordIsCompletedWhileTyping() async throws {
        let typing = try await engine.search(SearchRequest(query: "mammo"))
        #expect(ids(typing) == [4])
        let finished = try await engine.search(SearchRequest(query: "mammo "))
        #expect(finished.total == 0)
    }

    @Test func oneTypoInALongWordIsForgiven() async throws {
        #expect(ids(try await search("antibiotc")) == [6])
        #expect(ids(try await search("screning")).sorted() == [4, 5])
        // Short words must be spelt right.
        #expect(try await search("cncr").total == 0)
    }

    @Test func aPhraseNeedsItsWordsInOrder() async throws {
        #expect(Set(ids(try await search("breast cancer"))) == [4, 5])
        #expect(ids(try await search("\"breast cancer\"")) == [4])
        #expect(ids(try await search("\"cancer breast\"")) == [])
    }

    @Test func excludedWordsAndPhrasesRemoveMatches() async throws {
        #expect(ids(try await search("cancer -mammography")) == [5])
        #expect(ids(try await search("cancer -\"breast density\"")) == [4])
    }

    @Test func aFieldRestrictsAWord() async throws {
        #expect(ids(try await search("title:cancer")).sorted() == [4, 5])
        #expect(ids(try await search("author:dupont")).sorted() == [2, 3])
        #expect(ids(try await search("journal:lancet")).sorted() == [4, 5])
        #expect(ids(try await search("mesh:neoplasms")) == [5])
        #expect(ids(try await search("abstract:statin")).sorted() == [1, 2])
    }

    @Test func facetsFollowTheQueryAndLeaveTheirOwnFilterOut() async throws {
        let all = try await search("")
        #expect(all.total == 6)
        #expect(all.facets[.database]?.first == FacetCount(value: "SNDS", count: 3))
        let snds = try await search("", filters: SearchFilters(values: [.database: ["SNDS"]]))
        #expect(snds.total == 3)
        // The database facet still offers the other databases; the others count only SNDS publications.
        #expect(Set(snds.facets[.database]?.map(\.value) ?? []) == ["SNDS", "PMSI", "DCIR"])
        #expect(snds.facets[.journal]?.contains(FacetCount(value: "The Lancet", count: 2)) == false)
        let both = try await search("", filters: SearchFilters(values: [.database: ["SNDS", "PMSI"]], years: 2019...2021))
        #expect(ids(both).sorted() == [1, 2, 6])
        #expect(both.facets[.year]?.map(\.value).sorted() == ["2016", "2019", "2020", "2021"])
        let statin = try await search("statin")
        #expect(statin.facets[.author]?.first?.label == "Claire Martin")
        #expect(statin.facets[.author]?.first?.count == 2)
        #expect(statin.facets[.country] == [FacetCount(value: "France", count: 2)])
    }

    @Test func pagesAreStableAndComplete() async throws {
        var seen: [Int64] = []
        for page in 1...4 {
            let response = try await engine.search(SearchRequest(query: "", page: page, pageSize: 2))
            #expect(response.total == 6)
            seen += ids(response)
        }
        #expect(seen.count == 6)
        #expect(Set(seen).count == 6)
        let again = try await engine.search(SearchRequest(query: "", page: 2, pageSize: 2))
        #expect(ids(again) == Array(seen[2..<4]))
    }

    @Test func sortsByDateAndCitations() async throws {
        #expect(ids(try await search("", sort: .date)) == [5, 2, 6, 1, 4, 3])
        #expect(ids(try await search("", sort: .citations)) == [4, 1, 3, 6, 2, 5])
        // An empty query sorted by relevance is sorted by date.
        #expect(ids(try await search("")) == [5, 2, 6, 1, 4, 3])
    }

    @Test func snippetsMarkTheMatchedWords() async throws {
        let response = try await search("hospital")
        let snippet = try #require(response.results.first { $0.id == 2 }?.snippet)
        #expect(snippet.html.contains("<mark>Hospital</mark>"))
        let title = try #require(try await search("children").results.first?.snippet)
        #expect(title.html.contains("<mark>children</mark>"))
    }

    @Test func everyMatchInOrderForTheDashboard() async throws {
        let documents = try await engine.documents(matching: SearchRequest(query: "cancer ", sort: .date))
        #expect(documents.map(\.id) == [5, 4])
        #expect(documents.allSatisfy { $0.abstract != nil })
    }

    @Test func queriesAreReadIntoTheirParts() {
        let query = SearchQuery("title:\"breast cancer\" -snds au:dupont hosp")
        #expect(query.parts.count == 4)
        #expect(query.parts[0] == SearchQuery.Part(text: "breast cancer", isPhrase: true, field: .title))
        #expect(query.parts[1] == SearchQuery.Part(text: "snds", isExcluded: true))
        #expect(query.parts[2] == SearchQuery.Part(text: "dupont", field: .author))
        #expect(query.parts[3] == SearchQuery.Part(text: "hosp", isOpen: true))
        #expect(SearchQuery("unknown:value").parts == [SearchQuery.Part(text: "unknown:value", isOpen: true)])
    }

    @Test func oneEditApart() {
        func near(_ a: String, _ b: String) -> Bool { InvertedIndex.isOneEditApart(Array(a.utf8), Array(b.utf8)) }
        #expect(near("screning", "screening"))
        #expect(near("screening", "screning"))
        #expect(near("cancar", "cancer"))
        #expect(!near("cancer", "cancer"))
        #expect(!near("cancre", "cancer"))
    }
}
