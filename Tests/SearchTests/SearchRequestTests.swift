import Testing

@testable import Search

@Suite struct SearchRequestTests {
    @Test func parametersBecomeFiltersAndComeBack() throws {
        let request = try SearchRequest(parameters: [
            ("q", "cancer du sein"), ("database", "SNDS"), ("database", "PMSI"), ("year", "2019..2021"), ("sort", "date"), ("page", "3"),
        ])
        #expect(request.query == "cancer du sein")
        #expect(request.filters.values[.database] == ["SNDS", "PMSI"])
        #expect(request.filters.years == 2019...2021)
        #expect(request.sort == .date)
        #expect(request.page == 3)
        let again = try SearchRequest(parameters: request.parameters)
        #expect(again == request)
    }

    @Test func openYearRanges() {
        #expect(SearchRequest.years("2019") == 2019...2019)
        #expect(SearchRequest.years("2019..") == 2019...Int.max)
        #expect(SearchRequest.years("..2015") == Int.min...2015)
        #expect(SearchRequest.years("..") == nil)
        #expect(SearchRequest.years("2021..2019") == nil)
        #expect(SearchRequest.years("soon") == nil)
    }

    @Test func badParametersNameThemselves() {
        #expect(throws: SearchParameterError.self) { try SearchRequest(parameters: [("databse", "SNDS")]) }
        do {
            _ = try SearchRequest(parameters: [("page", "0")])
            Issue.record("page 0 accepted")
        } catch {
            #expect(error.description.contains("page=0"))
        }
    }

    @Test func snippetsEscapeTheTextAndMarkTheMatches() {
        let snippet = Snippet(fragments: [.init(text: "<script>\"x\" & ", isMatch: false), .init(text: "SNDS", isMatch: true)])
        #expect(snippet.html == "&lt;script&gt;&quot;x&quot; &amp; <mark>SNDS</mark>")
        #expect(snippet.text == "<script>\"x\" & SNDS")
    }

    @Test func researchersAreKeyedByOrcidElseTheirFoldedNames() {
        #expect(DocumentAuthor(name: "Élodie Lefèvre", family: "Lefèvre", given: "Élodie").researcherKey == "name:lefevre, elodie")
        #expect(DocumentAuthor(name: "J-P Martin", family: "Martin", given: "Jean-Pierre").researcherKey == "name:martin, jean pierre")
        #expect(DocumentAuthor(name: "Y Wang", family: "Wang", given: "Y.").researcherKey == "name:wang, y")
        #expect(
            DocumentAuthor(name: "Paul Durand", family: "Durand", given: "Paul", orcid: "0000-0002-1825-0097").researcherKey
                == "orcid:0000-0002-1825-0097")
        #expect(DocumentAuthor(name: "REDSIAM Network").researcherKey == "name:redsiam network, ")
    }
}
