import Core
import Testing

@testable import Publications

@Suite struct OpenAlexReaderTests {
    static let heartFailureAbstract =
        "Background: The French national health data system (SNDS) links outpatient claims from the SNIIRAM with hospital discharge data from the PMSI. "
        + "Methods: We identified all adults hospitalised for heart failure in the PMSI between 2014 and 2019 and followed them in the SNDS. "
        + "Results: Among 412 318 patients, one-year mortality was 29.1% and the SNDS captured 98.7% of deaths. "
        + "Conclusions: The SNDS is a reliable source for studying heart failure outcomes at national scale."

    @Test func twoAPIPagesChainedByTheirCursor() throws {
        let first = try OpenAlexReader(path: SharedData.fixture("openalex/works-page1.json"))
        #expect(first.totalCount == 3)
        #expect(first.nextCursor != nil)
        let second = try OpenAlexReader(path: SharedData.fixture("openalex/works-page2.json"))
        #expect(second.nextCursor == nil)
        let keys = try readAll(first).records.map(\.key) + readAll(second).records.map(\.key)
        #expect(keys == ["W4321000001", "W4321000002", "W4321000003"])
    }

    @Test func aWorkInDetail() throws {
        let outcome = try readAll(OpenAlexReader(path: SharedData.fixture("openalex/works-page1.json")))
        #expect(outcome.warnings.isEmpty)
        let work = try #require(outcome.record("W4321000001"))
        #expect(work.source == .openalex)
        let metadata = work.metadata
        #expect(
            metadata.identifiers
                == PublicationIdentifiers(
                    doi: "10.1016/j.respe.2021.03.112", pmid: "33991234", pmcid: "PMC8123456", openAlexID: "W4321000001",
                    other: ["mag": "3159876543"]))
        #expect(metadata.abstract?.text == Self.heartFailureAbstract)
        #expect(metadata.date == PublicationDate(year: 2021, month: 5, day: 14))
        #expect(metadata.language == "en")
        #expect(metadata.publicationTypes == ["article"])
        #expect(metadata.keywords == ["Heart failure", "Claims data"])
        #expect(metadata.journal?.title == "Revue d'Épidémiologie et de Santé Publique")
        #expect(metadata.journal?.issns == [ISSN("0398-7620", kind: .linking), ISSN("1773-0627")])
        #expect(metadata.journal?.publisher == "Elsevier BV")
        #expect(metadata.journal?.pages == "145-153")
        #expect(metadata.authors.map(\.family) == ["Lefèvre", "Moreau", "de La Rochefoucauld"])
        #expect(metadata.authors[0].orcid == "0000-0001-3186-0917")
        #expect(metadata.authors[0].affiliations == ["Université Paris Cité, Inserm, CRESS, F-75004 Paris, France"])
        #expect(metadata.authors[1].affiliations == ["Caisse Nationale de l'Assurance Maladie"], "institutions when no raw affiliation")
        #expect(metadata.authors[1].initials == "J-B")
        #expect(metadata.grants == [Grant(identifier: "ANR-19-CE36-0004", funder: "Agence Nationale de la Recherche")])
        #expect(metadata.references.map(\.identifiers.openAlexID) == ["W2741809807", "W2955512345"])
        #expect(metadata.openAccess == OpenAccess(isOpenAccess: true, status: "green", url: "https://hal.science/hal-03212345/document"))
        #expect(metadata.citationCount == 23)

        let awarded = try #require(outcome.record("W4321000002"))
        #expect(awarded.metadata.citationCount == 0, "zero citations is a count, not an absence")
        #expect(
            awarded.metadata.grants == [
                Grant(identifier: "IReSP-19-PREV-07", funder: "Institut pour la Recherche en Santé Publique", funderID: "https://ror.org/01abcde23")
            ])
    }

    @Test func theSnapshotsJSONLines() throws {
        let outcome = try readAll(OpenAlexReader(path: SharedData.fixture("openalex/works-snapshot.jsonl")))
        #expect(outcome.warnings.isEmpty)
        #expect(outcome.records.map(\.key) == ["W4390000011", "W4390000012", "W4390000013"])
        #expect(outcome.records.map(\.origin.line) == [1, 2, 3])

        let pregnancy = outcome.records[0].metadata
        #expect(
            pregnancy.abstract?.text
                == "Objectives To describe the use of the SNIIRAM to study drug exposure during pregnancy . "
                + "Design Retrospective cohort built from the SNIIRAM and the PMSI , with mother and child linked through the SNDS . "
                + "Results The SNIIRAM identified 2 412 118 pregnancies and the PMSI recorded the outcome of 97% of them .")

        let mesh = outcome.records[1].metadata.meshHeadings
        #expect(mesh.map(\.descriptor) == ["Humans", "Insurance, Health", "Neoplasms", "France"])
        let insurance = mesh[1]
        #expect(insurance.descriptorID == "D007348")
        #expect(insurance.isMajorTopic)
        #expect(
            insurance.qualifiers == [
                MeshQualifier(name: "statistics & numerical data", qualifierID: "Q000706", isMajorTopic: true),
                MeshQualifier(name: "economics", qualifierID: "Q000191", isMajorTopic: false),
            ])
        #expect(mesh[0].qualifiers.isEmpty)
        #expect(!mesh[3].isMajorTopic)

        let withoutDOI = outcome.records[2].metadata
        #expect(withoutDOI.identifiers.doi == nil)
        #expect(withoutDOI.identifiers.pmid == "30123456")
        #expect(withoutDOI.date == PublicationDate(year: 2018))
        #expect(withoutDOI.journal == nil)
    }

    @Test func aGzippedSnapshotReadsTheSameAndATruncatedOneThrows() throws {
        let plain = try readAll(OpenAlexReader(path: SharedData.fixture("openalex/works-snapshot.jsonl")))
        let gzipped = try readAll(OpenAlexReader(path: SharedData.fixture("openalex/works-snapshot.jsonl.gz")))
        #expect(gzipped.records.map(\.metadata) == plain.records.map(\.metadata))
        let problem = thrownProblem { () throws(PublicationProblem) in
            _ = try readAll(OpenAlexReader(path: SharedData.fixture("openalex/works-snapshot-truncated.jsonl.gz")))
        }
        #expect(problem?.kind == .malformedFile)
    }

    @Test func linesInMemoryAreRecognisedAndAMalformedLineNamesItsPlace() throws {
        let lines = "{\"id\": \"W1\", \"title\": \"A\"}\n\n{\"id\": \"W2\", \"title\": \"B\"}\n"
        #expect(try readAll(OpenAlexReader(bytes: lines.bytes, name: "part.txt")).records.map(\.origin.line) == [1, 3])
        let broken = "{\"id\": \"W1\"}\n{\"id\": \"W2\", \"title\" \"B\"}\n"
        let problem = thrownProblem { () throws(PublicationProblem) in _ = try readAll(OpenAlexReader(bytes: broken.bytes, name: "part.txt")) }
        #expect(problem?.kind == .malformedFile)
        #expect(problem?.location.line == 2)
        #expect(problem?.location.column == 22)
        #expect(problem?.record == "record 2")
    }

    @Test func wrongTypesAreWarnedAndWorksWithoutIdentityRejected() throws {
        let page =
            #"{"meta": {"count": 2, "next_cursor": null}, "results": [{"id": "W1", "authorships": "Durand", "ids": {"pmid": "not-a-pmid"}}, {"type": "article"}]}"#
        let outcome = try readAll(OpenAlexReader(bytes: page.bytes, name: "page.json"))
        #expect(outcome.records.map(\.key) == ["W1"])
        #expect(Set(outcome.warnings.map(\.field)) == ["authorships", "ids.pmid"])
        #expect(outcome.rejections.first?.kind == .unidentifiableRecord)
        #expect(outcome.rejections.first?.location.jsonPath == "$.results[1]")
    }
}
