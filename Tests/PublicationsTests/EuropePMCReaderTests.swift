import Core
import Testing

@testable import Publications

@Suite(.enabled(if: SharedData.has("europepmc/covid_papers.csv"), "../shared/data/europepmc is absent"))
struct EuropePMCCSVTests {
    let path = SharedData.path("europepmc/covid_papers.csv")

    @Test func readsEveryRow() throws {
        let outcome = try readAll(EuropePMCReader(path: path))
        #expect(outcome.records.count == 1231)
        #expect(outcome.rejections.isEmpty)
        #expect(outcome.warnings.isEmpty)
        #expect(outcome.records.filter { $0.key.hasPrefix("PMC:") }.count == 6)
        #expect(outcome.records.filter { $0.metadata.identifiers.pmcid != nil }.count == 6)
        #expect(outcome.records.filter { $0.metadata.openAccess?.isOpenAccess == true }.count == 1145)
        // Eight rows write the resolver alone (`https://doi.org/`) for a paper without DOI.
        #expect(outcome.records.filter { $0.metadata.identifiers.doi != nil }.count == 1223)
        #expect(Set(outcome.records.map(\.key)).count == outcome.records.count)
        #expect(outcome.records.allSatisfy { $0.metadata.citationCount == nil }, "HDR UK's export has no citedByCount column")
    }

    @Test func theFirstRowInDetail() throws {
        let first = try #require(try readAll(EuropePMCReader(path: path)).records.first)
        #expect(first.key == "MED:42336788")
        #expect(first.origin.line == 2)
        let metadata = first.metadata
        #expect(metadata.identifiers.pmid == "42336788")
        #expect(metadata.identifiers.doi == "10.1136/bmjopen-2026-117443")
        #expect(metadata.authors.map(\.family) == ["Adebisi", "Bailey", "Henderson", "Dibben", "Pattaro"])
        #expect(metadata.authors.first?.initials == "YA")
        #expect(metadata.journal?.title == "BMJ open")
        #expect(metadata.date == PublicationDate(year: 2026, month: 6, day: 23))
        #expect(metadata.keywords == ["epidemiology", "Public Health", "Health Equity", "Covid-19"])
        #expect(metadata.abstract?.sections.first?.label == "Introduction")
        #expect(metadata.abstract?.sections.first?.text.hasPrefix("While evidence consistently demonstrates") == true)
        #expect(metadata.abstract?.sections.allSatisfy { !$0.text.contains("<") || $0.text.contains("<0") } == true)
        #expect(metadata.openAccess == OpenAccess(isOpenAccess: true, url: "https://europepmc.org/articles/PMC13295980?pdf=render"))
    }

    @Test func collectivesAndLabelledAbstracts() throws {
        let records = try readAll(EuropePMCReader(path: path)).records
        #expect(records.contains { $0.metadata.authors.contains { $0.collective == "HDR UK COALESCE Consortium" } })
        #expect(records.contains { $0.metadata.authors.contains { $0.collective == "OpenSAFELY Collaborative" } })
        let labelled = records.filter { $0.metadata.abstract?.sections.contains { $0.label != nil } == true }
        // 795 abstracts have <h4> headings; in one (MED 39808791) the only heading is "Abstract", which labels nothing.
        #expect(labelled.count == 794)
        let unlabelled = try #require(records.first { $0.key == "MED:39808791" })
        #expect(unlabelled.metadata.abstract?.sections.count == 1)
        #expect(unlabelled.metadata.abstract?.sections.first?.label == nil)
    }
}

@Suite struct EuropePMCReaderTests {
    @Test func twoSearchPagesChainedByTheirCursor() throws {
        let first = try EuropePMCReader(path: SharedData.fixture("europepmc/search-page1.json"))
        let second = try EuropePMCReader(path: SharedData.fixture("europepmc/search-page2.json"))
        #expect(first.totalCount == 3)
        #expect(first.nextCursor == "AoIIQAAAAChDQTEyMzQ1Njc4")
        #expect(second.nextCursor == first.nextCursor, "the last page repeats the cursor it was sent")
        let keys = try readAll(first).records.map(\.key) + readAll(second).records.map(\.key)
        #expect(keys == ["MED:34567890", "PPR:PPR456789", "PMC:PMC9123456"])
    }

    @Test func aCoreResultInDetail() throws {
        let outcome = try readAll(EuropePMCReader(path: SharedData.fixture("europepmc/search-page1.json")))
        #expect(outcome.warnings.isEmpty)
        let metadata = try #require(outcome.record("MED:34567890")).metadata
        #expect(metadata.identifiers == PublicationIdentifiers(doi: "10.1016/j.respe.2021.08.004", pmid: "34567890", pmcid: "PMC8456789"))
        #expect(
            metadata.title == "Use of the French national health data system (SNDS) for post-marketing surveillance of direct oral anticoagulants.")
        #expect(metadata.abstract?.sections.map(\.label) == ["Background", "Methods", "Results"])
        #expect(
            metadata.abstract?.sections[1].text == "We used the SNDS, linking SNIIRAM claims and PMSI hospital stays, to follow 312 455 new users.")
        #expect(metadata.abstract?.sections[2].text == "Major bleeding occurred in 2.1% of users (p<0.001 vs. vitamin K antagonists, n = 87 212).")
        #expect(metadata.language == "fr")
        #expect(metadata.date == PublicationDate(year: 2021, month: 9, day: 20))
        #expect(
            metadata.journal
                == Journal(
                    title: "Revue d'epidemiologie et de sante publique", isoAbbreviation: "Rev Epidemiol Sante Publique",
                    issns: [ISSN("0398-7620", kind: .print), ISSN("1773-0627", kind: .electronic)], volume: "69", issue: "6", pages: "321-330"))
        #expect(metadata.publicationTypes == ["research-article", "Journal Article"])
        #expect(metadata.keywords == ["SNDS", "Pharmacoepidemiology", "Anticoagulants"])
        #expect(metadata.authors.count == 3)
        #expect(
            metadata.authors[0]
                == Author(
                    family: "Durand", given: "Marie", initials: "M", orcid: "0000-0001-3186-0917",
                    affiliations: [
                        "Université de Bordeaux, Inserm, BPH U1219, Bordeaux, France.",
                        "CHU de Bordeaux, Service de pharmacologie médicale, Bordeaux, France.",
                    ]))
        #expect(metadata.authors[2].collective == "REDSIAM Network")
        #expect(
            metadata.meshHeadings[1]
                == MeshHeading(
                    descriptor: "Anticoagulants", isMajorTopic: true,
                    qualifiers: [
                        MeshQualifier(name: "adverse effects", isMajorTopic: true), MeshQualifier(name: "therapeutic use"),
                    ]))
        #expect(metadata.grants == [Grant(identifier: "ANR-18-CE36-0010", funder: "Agence Nationale de la Recherche")])
        #expect(metadata.openAccess == OpenAccess(isOpenAccess: true, url: "https://europepmc.org/articles/PMC8456789?pdf=render"))
        #expect(metadata.citationCount == 12)

        let preprint = try #require(outcome.record("PPR:PPR456789")).metadata
        #expect(preprint.identifiers.other == ["europepmc": "PPR456789"])
        #expect(preprint.publicationTypes == ["Preprint"])
        #expect(preprint.authors[1].orcid == "0000-0003-9099-6034")
        #expect(preprint.openAccess == OpenAccess(isOpenAccess: false))
        #expect(preprint.citationCount == nil, "no citedByCount: unknown, not zero")
    }

    @Test func csvColumnsAreFoundByName() throws {
        let csv = """
            title,isOpenAccess,id,authorString,urls,pubYear,extra
            "Excess deaths, SNDS",N,PPR123,"Petit A, Roux J.",html:https://europepmc.org/abstract/PPR/PPR123,2022,x
            ,Y,,,,2021,
            Untitled study,maybe,31234567,,,next year,
            """
        let outcome = try readAll(EuropePMCReader(bytes: csv.bytes, name: "export.csv"))
        #expect(outcome.records.map(\.key) == ["PPR:PPR123", "MED:31234567"])
        #expect(outcome.records[0].metadata.title == "Excess deaths, SNDS")
        #expect(outcome.records[0].metadata.openAccess == OpenAccess(isOpenAccess: false))
        #expect(outcome.records[0].metadata.date == PublicationDate(year: 2022))
        #expect(outcome.rejections.map(\.record) == ["record 2"])
        #expect(outcome.rejections.first?.location.line == 3)
        #expect(outcome.warnings.map(\.field) == ["extra", "pubYear", "isOpenAccess"])
    }

    @Test func csvCitationCounts() throws {
        let csv = """
            id,title,citedByCount
            31234567,Cited study,41
            31234568,Uncited study,0
            31234569,Unknown count,
            31234570,Bad count,-3
            """
        let outcome = try readAll(EuropePMCReader(bytes: csv.bytes, name: "export.csv"))
        #expect(outcome.records.map(\.metadata.citationCount) == [41, 0, nil, nil])
        #expect(outcome.warnings.map(\.field) == ["citedByCount"])
    }

    @Test func malformedJSONNamesLineAndColumn() {
        let problem = thrownProblem { () throws(PublicationProblem) in
            _ = try EuropePMCReader(bytes: "{\"hitCount\": 1,\n\"resultList\": {\"result\": [}\n".bytes, name: "page.json")
        }
        #expect(problem?.kind == .malformedFile)
        #expect(problem?.location.line == 2)
        #expect(problem?.location.column == 27)
    }
}
