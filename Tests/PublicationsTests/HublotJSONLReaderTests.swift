import Core
import Testing

@testable import Publications

@Suite struct HublotJSONLReaderTests {
    @Test func theSampleFile() throws {
        let outcome = try readAll(HublotJSONLReader(path: SharedData.fixture("jsonl/sample.jsonl")))
        #expect(
            outcome.records.map(\.key) == [
                "cnam-2019-017", "doi:10.1016/j.diabet.2021.101234", "hal:hal-03212345",
                "title:mortalite apres fracture de hanche une etude pmsi|2020",
            ])
        #expect(outcome.records.map(\.origin.line) == [1, 2, 4, 5])
        #expect(outcome.records.map(\.origin.position) == [1, 2, 3, 4])
        #expect(outcome.records.allSatisfy { $0.source == .jsonl })
        #expect(outcome.warnings.map(\.field) == ["team"], "an unknown key is reported once per file")
        #expect(outcome.warnings.first?.location.line == 4)

        let report = outcome.records[0].metadata
        #expect(report.date == PublicationDate(year: 2019))
        #expect(report.language == "fr")
        #expect(report.authors.count == 1)
        #expect(report.openAccess == OpenAccess(isOpenAccess: true, url: "https://www.assurance-maladie.ameli.fr/rapport-charges-produits-2020.pdf"))

        let study = outcome.records[1].metadata
        #expect(study.identifiers.pmid == "34123456")
        #expect(study.abstract?.sections.map(\.label) == ["Objectif", "Méthodes"])
        #expect(study.journal?.issns == [ISSN("1262-3636"), ISSN("1878-1780")])
        #expect(study.journal?.publisher == "Elsevier Masson")
        #expect(study.authors[0].orcid == "0000-0001-3186-0917")
        #expect(study.authors[0].affiliations == ["Université Paris Cité, Inserm, CRESS, Paris, France"])
        #expect(study.authors[1].family == "Moreau")
        #expect(study.authors[1].given == "Jean-Baptiste")
        #expect(study.grants == [Grant(identifier: "ANR-19-CE36-0004", funder: "Agence nationale de la recherche")])
        #expect(study.references.count == 2)
        #expect(study.references[1].identifiers == PublicationIdentifiers(doi: "10.1002/pds.4233", pmid: "28544284"))
        #expect(study.fullText == [TextSection(title: "Méthodes", kind: .methods, text: "Les données proviennent du SNDS.")])
        #expect(study.openAccess == OpenAccess(isOpenAccess: false))
        #expect(study.citationCount == 7)
        #expect(report.citationCount == nil)

        let deposit = outcome.records[2].metadata
        #expect(deposit.identifiers.openAlexID == "W4321000001")
        #expect(deposit.fullText.first?.kind == .other)
        #expect(outcome.records[3].metadata.keywords == ["PMSI"])
    }

    @Test func aLineWithoutIdentifierNorTitleIsRejectedAndReadingGoesOn() throws {
        let lines = "{\"year\": 2020, \"authors\": [\"Marie Durand\"]}\n{\"doi\": \"10.1/x\"}\n"
        let outcome = try readAll(HublotJSONLReader(bytes: lines.bytes, name: "list.jsonl"))
        #expect(outcome.records.map(\.key) == ["doi:10.1/x"])
        #expect(outcome.rejections.count == 1)
        #expect(outcome.rejections.first?.kind == .unidentifiableRecord)
        #expect(outcome.rejections.first?.location.line == 1)
        #expect(outcome.rejections.first?.record == "record 1")
    }

    @Test func valuesOfTheWrongTypeOrUnparseableAreWarnedAndLeftOut() throws {
        let line =
            #"{"title": "T", "year": "spring", "authors": [{"name": "A B", "orcid": "0000-0001-3186-0918"}], "keywords": [1, {"k": 2}], "open_access": "yes", "citation_count": 2.5}"#
        let outcome = try readAll(HublotJSONLReader(bytes: line.bytes, name: "list.jsonl"))
        let record = try #require(outcome.records.first)
        #expect(record.metadata.date == nil)
        #expect(record.metadata.authors.first?.orcid == nil)
        #expect(record.metadata.keywords == ["1"])
        #expect(record.metadata.openAccess == nil)
        #expect(record.metadata.citationCount == nil)
        #expect(outcome.warnings.map(\.field) == ["year", "keywords[1]", "authors[0].orcid", "open_access", "citation_count"])
        #expect(outcome.warnings.allSatisfy { $0.kind == .invalidValue && $0.record == "record 1" && $0.location.line == 1 })
    }

    @Test func aMalformedLineStopsTheFileWithItsLineAndColumn() {
        let lines = "{\"title\": \"A\"}\n\n{\"title\": \"B\",}\n"
        let problem = thrownProblem { () throws(PublicationProblem) in _ = try readAll(HublotJSONLReader(bytes: lines.bytes, name: "list.jsonl")) }
        #expect(problem?.kind == .malformedFile)
        #expect(problem?.location == SourceLocation(file: "list.jsonl", line: 3, column: 15))
        #expect(problem?.record == "record 2")
    }
}
