import Core
import Testing

@testable import Publications

@Suite(.enabled(if: SharedData.has("crossref/cr_works_parses_funders.yml"), "../shared/data/crossref is absent"))
struct CrossrefCassetteTests {
    @Test func anAuthorsAffiliationFromACassette() throws {
        let path = SharedData.path("crossref/cr_works_parses_affilitation.yml")
        let outcome = try readAll(CrossrefReader(path: path))
        #expect(outcome.warnings.isEmpty)
        let record = try #require(outcome.records.first)
        #expect(outcome.records.count == 1)
        #expect(record.key == "10.4018/978-1-4666-9588-7.les2")
        #expect(record.origin.file == path)
        #expect(record.origin.position == 1)
        #expect(record.origin.line == 2)
        let metadata = record.metadata
        #expect(metadata.title == "\"Racial Epithet\"")
        #expect(metadata.publicationTypes == ["book-chapter"])
        #expect(metadata.date == nil, "issued is [[null]]")
        #expect(metadata.journal?.title == "Impact of the Model Minority Stereotype on Modern Society")
        #expect(metadata.journal?.publisher == "IGI Global")
        #expect(metadata.journal?.pages == "525-916")
        #expect(metadata.citationCount == 0, "is-referenced-by-count is 0: a count, not an absence")
        #expect(
            metadata.authors == [Author(family: "Hartlep", given: "Nicholas D.", initials: "ND", affiliations: ["Illinois State University, USA"])])
    }

    @Test func fundersWithTheirAwards() throws {
        let outcome = try readAll(CrossrefReader(path: SharedData.path("crossref/cr_works_parses_funders.yml")))
        #expect(outcome.records.count == 9)
        #expect(outcome.warnings.isEmpty)
        #expect(outcome.records.map(\.origin.position) == Array(1...9))

        let crelle = try #require(outcome.record("10.1515/crelle-2013-0024"))
        #expect(crelle.metadata.grants.map(\.identifier) == ["DMS-0800084", "DMS-1206661", "DMS-0804042", "DMS-1105187"])
        #expect(crelle.metadata.grants.allSatisfy { $0.funder == "NSF" })
        #expect(crelle.metadata.journal?.issns == [ISSN("0075-4102", kind: .print), ISSN("1435-5345", kind: .electronic)])
        #expect(crelle.metadata.date == PublicationDate(year: 2015, month: 1, day: 1))
        #expect(crelle.metadata.abstract?.sections.count == 1)
        #expect(crelle.metadata.abstract?.sections.first?.label == nil)
        #expect(crelle.metadata.abstract?.text.hasPrefix("We investigate rigidity and stability properties") == true)
        #expect(crelle.metadata.keywords == ["Applied Mathematics", "General Mathematics"])

        let theory = try #require(outcome.record("10.1016/j.tcs.2015.06.001"))
        #expect(
            theory.metadata.grants.contains(
                Grant(identifier: "ANR-09-BLAN-0164", funder: "French National Research Agency", funderID: "10.13039/501100001665")))
        #expect(theory.metadata.openAccess == nil, "an Elsevier user licence is not a Creative Commons one")
        #expect(theory.metadata.authors[1].orcid == "0000-0002-1007-7912")

        let codes = try #require(outcome.record("10.1016/j.ffa.2015.10.008"))
        #expect(codes.metadata.grants.filter { $0.funderID == "10.13039/501100001809" }.count == 3)

        let trial = try #require(outcome.record("10.1186/isrctn11093872"))
        #expect(trial.metadata.grants == [Grant(funder: "National Institute for Health Research", funderID: "10.13039/501100000272")])
    }

    @Test func referencesLicenceAndLanguage() throws {
        let outcome = try readAll(CrossrefReader(path: SharedData.path("crossref/cr_works_parses_funders.yml")))
        let atrophy = try #require(outcome.record("10.1016/j.pediatrneurol.2015.06.002"))
        let metadata = atrophy.metadata
        #expect(metadata.language == "en")
        #expect(metadata.date == PublicationDate(year: 2015, month: 10))
        #expect(metadata.journal?.isoAbbreviation == "Pediatric Neurology")
        #expect(metadata.journal?.volume == "53")
        #expect(metadata.journal?.issue == "4")
        #expect(metadata.authors.first?.orcid == "0000-0001-9219-2449")
        #expect(metadata.references.count == 36)
        #expect(metadata.references.first?.citation == "D'Amico (2011). Spinal muscular atrophy. Orphanet J Rare Dis 6, 71.")
        #expect(metadata.references.first?.identifiers.doi == "10.1186/1750-1172-6-71")
        #expect(metadata.openAccess?.isOpenAccess == true, "CC BY-NC-ND on the version of record since 2015")
        #expect(metadata.citationCount == 60)
        #expect(outcome.records.allSatisfy { $0.metadata.citationCount != nil }, "every work message has is-referenced-by-count")

        let biopig = try #require(outcome.record("10.1145/2831244.2831252"))
        #expect(biopig.metadata.references.first?.citation == "1000 Genomes Project. http://www.1000genomes.org/.")
    }

    @Test func journalResponsesAndErrorsAreSkippedWithAWarningNamingTheRequest() throws {
        let outcome = try readAll(CrossrefReader(path: SharedData.path("crossref/cr_journals_issn_behavior.yml")))
        #expect(outcome.records.isEmpty)
        #expect(outcome.warnings.count == 7)
        #expect(outcome.warnings.filter { $0.message.contains("status 404") }.count == 3)
        #expect(outcome.warnings.first?.record?.contains("GET https://api.crossref.org/journals/0413-6597") == true)
        #expect(outcome.warnings[1].message.contains("journal"))
    }
}

@Suite struct CrossrefReaderTests {
    private func read(_ json: String) throws(PublicationProblem) -> ReadOutcome {
        try readAll(CrossrefReader(bytes: json.bytes, name: "crossref.json"))
    }

    @Test func aWorkListWithStructuredAbstractAndCollectiveAuthor() throws {
        let reader = try CrossrefReader(
            bytes: """
                {"status": "ok", "message-type": "work-list", "message": {"total-results": 2, "next-cursor": "DnF1ZXJ5VGhlbkZldGNo",
                 "items": [
                  {"DOI": "10.1016/J.RESPE.2021.03.112", "title": ["Heart failure in the <i>SNDS</i>"], "subtitle": ["a cohort"],
                   "abstract": "<jats:sec><jats:title>Background</jats:title><jats:p>The SNDS links claims.</jats:p></jats:sec><jats:sec><jats:title>Results</jats:title><jats:p>Mortality was 29&#x2009;% (p&lt;0.05).</jats:p></jats:sec>",
                   "author": [{"given": "Camille", "family": "Lefèvre", "ORCID": "http://orcid.org/0000-0001-3186-0917", "authenticated-orcid": true},
                              {"name": "CONSTANCES team", "sequence": "additional"}],
                   "published-online": {"date-parts": [[2021, 5]]}, "ISSN": ["0398-7620"], "type": "journal-article",
                   "license": [{"URL": "https://creativecommons.org/licenses/by/4.0/", "content-version": "vor", "start": {"date-parts": [[2021, 5, 1]]}}]},
                  {"DOI": "10.1002/pds.5123", "title": ["Diabetes in the SNIIRAM"], "issued": {"date-parts": [[null]]}, "published-print": {"date-parts": [[2020, 9, 2]]}}
                 ]}}
                """.bytes, name: "works.json")
        #expect(reader.totalCount == 2)
        #expect(reader.nextCursor == "DnF1ZXJ5VGhlbkZldGNo")
        let outcome = try readAll(reader)
        #expect(outcome.warnings.isEmpty)
        let first = try #require(outcome.record("10.1016/j.respe.2021.03.112"))
        #expect(first.metadata.title == "Heart failure in the SNDS: a cohort")
        #expect(first.metadata.abstract?.sections.map(\.label) == ["Background", "Results"])
        #expect(first.metadata.abstract?.sections.last?.text == "Mortality was 29 % (p<0.05).")
        #expect(first.metadata.authors.last?.collective == "CONSTANCES team")
        #expect(first.metadata.authors.first?.orcid == "0000-0001-3186-0917")
        #expect(first.metadata.journal?.issns == [ISSN("0398-7620")])
        #expect(first.metadata.date == PublicationDate(year: 2021, month: 5))
        #expect(first.metadata.openAccess == OpenAccess(isOpenAccess: true))
        #expect(outcome.record("10.1002/pds.5123")?.metadata.date == PublicationDate(year: 2020, month: 9, day: 2))
    }

    @Test func aBareWorkAndAWorkResponse() throws {
        #expect(try read(#"{"DOI": "10.1/x", "title": ["T"]}"#).records.map(\.key) == ["10.1/x"])
        let outcome = try read(#"{"status": "ok", "message-type": "work", "message": {"DOI": "10.1/y"}}"#)
        #expect(outcome.records.map(\.key) == ["10.1/y"])
    }

    @Test func aJournalResponseIsNotAWorkFile() {
        let problem = thrownProblem { () throws(PublicationProblem) in
            _ = try read(#"{"status": "ok", "message-type": "journal", "message": {"title": "PLoS ONE"}}"#)
        }
        #expect(problem?.kind == .malformedFile)
    }

    @Test func wrongTypesAreWarnedAndRecordsWithoutIdentityRejected() throws {
        let outcome = try read(
            #"{"message-type": "work-list", "message": {"items": [{"DOI": "10.1/z", "author": "Durand", "volume": ["1"]}, {"type": "journal-article"}]}}"#
        )
        #expect(outcome.records.map(\.key) == ["10.1/z"])
        #expect(Set(outcome.warnings.map(\.field)) == ["author", "volume"])
        #expect(outcome.warnings.first?.location.jsonPath?.hasPrefix("$.message.items[0].") == true)
        #expect(outcome.rejections.map(\.record) == ["record 2"])
    }

    @Test func malformedJSONNamesLineAndColumn() {
        let problem = thrownProblem { () throws(PublicationProblem) in _ = try read("{\"DOI\": \"10.1/x\",\n \"title\": [\"T\"}") }
        #expect(problem?.kind == .malformedFile)
        #expect(problem?.location.line == 2)
        #expect(problem?.location.column == 15)
    }

    @Test func aMalformedBodyInACassetteNamesTheInteraction() {
        let cassette = """
            http_interactions:
            - request:
                method: get
                uri: https://api.crossref.org/works/10.1/x
              response:
                status:
                  status_code: '200'
                body:
                  string: '{"status":"ok","message-type":"work","message":{"DOI":'
            """
        let problem = thrownProblem { () throws(PublicationProblem) in
            _ = try readAll(CrossrefReader(bytes: cassette.bytes, name: "cassette.yml"))
        }
        #expect(problem?.kind == .malformedFile)
        #expect(problem?.record?.contains("https://api.crossref.org/works/10.1/x") == true)
        #expect(problem?.location.line == 2)
    }
}
