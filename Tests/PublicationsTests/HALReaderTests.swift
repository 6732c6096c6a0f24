import Core
import Testing

@testable import Publications

@Suite(.enabled(if: SharedData.has("hal/biblio_HAL_article_olivier-devauchelle.json"), "../shared/data/hal is absent"))
struct HALRealFileTests {
    let path = SharedData.path("hal/biblio_HAL_article_olivier-devauchelle.json")

    @Test func readsEveryDocumentOfTheSearchResponse() throws {
        let reader = try HALReader(path: path)
        #expect(reader.totalCount == 36)
        let outcome = try readAll(reader)
        #expect(outcome.records.count == 36)
        #expect(outcome.rejections.isEmpty)
        #expect(outcome.warnings.isEmpty)
        #expect(outcome.records.map(\.origin.position) == Array(1...36))
        #expect(outcome.records.filter { $0.metadata.identifiers.doi != nil }.count == 35)
        #expect(outcome.records.filter { $0.metadata.identifiers.other["arxiv"] != nil }.count == 6)
        #expect(outcome.records.filter { $0.metadata.openAccess?.isOpenAccess == true }.count == 26)
        #expect(outcome.records.allSatisfy { $0.source == .hal && $0.metadata.publicationTypes == ["journal-article"] })
    }

    @Test func theFirstDocumentInDetail() throws {
        let first = try #require(try readAll(HALReader(path: path)).records.first)
        #expect(first.key == "hal-02001689")
        #expect(first.origin == RecordOrigin(file: path, position: 1))
        let metadata = first.metadata
        #expect(metadata.identifiers.halID == "hal-02001689")
        #expect(metadata.identifiers.doi == "10.1017/jfm.2018.1024")
        #expect(metadata.title == "Streamwise streaks induced by bedload diffusion")
        #expect(metadata.authors.map(\.displayName) == ["Anaïs Abramian", "Olivier Devauchelle", "Eric Lajeunesse"])
        #expect(metadata.authors.first?.family == "Abramian")
        #expect(metadata.authors.first?.initials == "A")
        #expect(metadata.date == PublicationDate(year: 2019, month: 3, day: 25))
        #expect(metadata.language == "en")
        #expect(metadata.journal?.title == "Journal of Fluid Mechanics")
        #expect(metadata.journal?.publisher == "Cambridge University Press (CUP)")
        #expect(metadata.journal?.volume == "863")
        #expect(metadata.journal?.pages == "601-619")
        #expect(metadata.openAccess == OpenAccess(isOpenAccess: true, status: "green", url: "https://hal.archives-ouvertes.fr/hal-02001689/document"))
    }
}

@Suite struct HALReaderTests {
    private func read(_ json: String) throws(PublicationProblem) -> ReadOutcome {
        try readAll(HALReader(bytes: json.bytes, name: "hal.json"))
    }

    @Test func aBareListOfDocumentsWithAffiliationsGrantsAndAbstract() throws {
        let outcome = try read(
            """
            [{"halId_s": "hal-03212345v2", "en_title_s": ["Heart failure in the SNDS"], "fr_abstract_s": ["Étude de cohorte."],
              "authFullName_s": ["Camille Lefèvre", "Jean de La Fontaine"], "authLastName_s": ["Lefèvre", "de La Fontaine"],
              "authFirstName_s": ["Camille", "Jean"],
              "authIdHasStructure_fs": ["101-202_FacetSep_Camille Lefèvre_JoinSep_1234_FacetSep_Centre de recherche en épidémiologie et santé des populations",
                                        "303-404_FacetSep_Jean de La Fontaine_JoinSep_5678_FacetSep_Santé publique France"],
              "authORCIDIdExt_s": ["https://orcid.org/0000-0001-3186-0917", "0000-0003-9099-6034"],
              "docType_s": "COMM", "publicationDate_s": "2021-05", "journalIssn_s": "0398 7620", "journalEissn_s": "1773-0627",
              "issue_s": ["3"], "keyword_s": ["SNDS", "PMSI"], "anrProjectReference_s": ["ANR-19-CE36-0004"],
              "openAccess_bool": true, "linkExtUrl_s": "https://arxiv.org/abs/2101.00001", "pubmedId_s": "33991234"}]
            """)
        let record = try #require(outcome.records.first)
        #expect(outcome.warnings.isEmpty)
        #expect(record.key == "hal-03212345")
        let metadata = record.metadata
        #expect(metadata.title == "Heart failure in the SNDS")
        #expect(metadata.abstract?.text == "Étude de cohorte.")
        #expect(metadata.identifiers.pmid == "33991234")
        #expect(metadata.publicationTypes == ["conference-paper"])
        #expect(metadata.date == PublicationDate(year: 2021, month: 5))
        #expect(metadata.journal?.issns == [ISSN("0398-7620", kind: .print), ISSN("1773-0627", kind: .electronic)])
        #expect(metadata.journal?.issue == "3")
        #expect(metadata.authors[1].family == "de La Fontaine")
        #expect(metadata.authors[1].affiliations == ["Santé publique France"])
        #expect(metadata.authors[0].orcid == "0000-0001-3186-0917")
        #expect(metadata.keywords == ["SNDS", "PMSI"])
        #expect(
            metadata.grants == [
                Grant(identifier: "ANR-19-CE36-0004", funder: "Agence nationale de la recherche", country: "FR", funderID: "10.13039/501100001665")
            ])
        #expect(metadata.openAccess == OpenAccess(isOpenAccess: true, url: "https://arxiv.org/abs/2101.00001"))
    }

    @Test func orcidsThatCannotBePlacedAreReportedNotGuessed() throws {
        let outcome = try read(
            #"{"response": {"numFound": 1, "docs": [{"halId_s": "hal-1", "authFullName_s": ["A B", "C D"], "authORCIDIdExt_s": ["0000-0001-3186-0917"]}]}}"#
        )
        #expect(outcome.records.first?.metadata.authors.allSatisfy { $0.orcid == nil } == true)
        #expect(outcome.warnings.map(\.field) == ["authORCIDIdExt_s"])
    }

    @Test func aFieldOfTheWrongTypeIsWarnedAndTheRecordKept() throws {
        let outcome = try read(#"{"response": {"docs": [{"halId_s": "hal-02001689", "title_s": {"en": "x"}, "doiId_s": "not a doi"}]}}"#)
        #expect(outcome.records.count == 1)
        #expect(outcome.records.first?.metadata.title == nil)
        #expect(Set(outcome.warnings.map(\.field)) == ["title_s", "doiId_s"])
        #expect(outcome.warnings.allSatisfy { $0.kind == .invalidValue && $0.record == "record 1" })
        #expect(outcome.warnings.first { $0.field == "title_s" }?.location.jsonPath == "$.response.docs[0].title_s")
    }

    @Test func aDocumentWithoutIdentifierNorTitleIsRejected() throws {
        let outcome = try read(#"{"response": {"docs": [{"docType_s": "ART"}, {"halId_s": "hal-2"}]}}"#)
        #expect(outcome.records.map(\.key) == ["hal-2"])
        #expect(outcome.records.first?.origin.position == 2)
        #expect(outcome.rejections.count == 1)
        #expect(outcome.rejections.first?.kind == .unidentifiableRecord)
        #expect(outcome.rejections.first?.record == "record 1")
        #expect(outcome.rejections.first?.location.file == "hal.json")
    }

    @Test func malformedJSONNamesLineAndColumn() {
        let problem = thrownProblem { () throws(PublicationProblem) in
            _ = try read("{\"response\": {\n  \"docs\": [\n    {\"halId_s\": \"hal-1\",}\n]}}")
        }
        #expect(problem?.kind == .malformedFile)
        #expect(problem?.location.line == 3)
        #expect(problem?.location.column == 25)
    }
}
