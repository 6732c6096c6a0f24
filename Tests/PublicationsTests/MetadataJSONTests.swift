import Core
import Foundation
import Testing

@testable import Publications

/// The stored JSON of a record, written by hand for speed, must read back through `Codable` into the very same
/// metadata, for every field every reader fills.
@Suite struct MetadataJSONTests {
    static func roundTrip(_ metadata: PublicationMetadata) throws -> PublicationMetadata {
        try JSONDecoder().decode(PublicationMetadata.self, from: Data(JSONOutput.bytes(of: metadata)))
    }

    static let everyField = PublicationMetadata(
        identifiers: PublicationIdentifiers(
            doi: "10.1016/j.x.2021.1", pmid: "1", pmcid: "PMC2", halID: "hal-03", openAlexID: "W4",
            other: ["pii": "S0092\"8674", "arxiv": "2101.0001", "mid": "NIHMS\\5"]),
        title: "Parcours \"de soins\"\n\tdans le SNDS — œuvre/étude\u{1}",
        abstract: Abstract(sections: [AbstractSection(label: "Objectif", category: "OBJECTIVE", text: "Décrire."), AbstractSection(text: "")]),
        language: "fr", date: PublicationDate(year: 2021, month: 6),
        journal: Journal(
            title: "Diabetes & Metabolism", isoAbbreviation: "Diabetes Metab", issns: [ISSN("1262-3636", kind: .print), ISSN("1878-1780")],
            volume: "47", issue: "3", pages: "101234", publisher: "Elsevier"),
        publicationTypes: ["Journal Article", "Review"], keywords: [],
        meshHeadings: [
            MeshHeading(
                descriptor: "Humans", descriptorID: "D006801", isMajorTopic: true,
                qualifiers: [MeshQualifier(name: "epidemiology", qualifierID: "Q000453", isMajorTopic: true), MeshQualifier(name: "x")]),
            MeshHeading(descriptor: "France"),
        ],
        authors: [
            Author(
                family: "Lefèvre", given: "Camille", initials: "C", orcid: "0000-0001-3186-0917", affiliations: ["Université Paris Cité", "Inserm"]),
            Author(collective: "SNDS Study Group"),
        ],
        grants: [Grant(identifier: "ANR-19-CE36-0004", funder: "ANR", country: "France", funderID: "10.13039/501100001665"), Grant()],
        references: [Reference(citation: "Tuppin P. SNDS. 2017.", identifiers: PublicationIdentifiers(doi: "10.1/y")), Reference()],
        fullText: [TextSection(title: "Methods", kind: .methods, text: "Cohort."), TextSection(kind: .dataAvailability, text: "On request.")],
        openAccess: OpenAccess(isOpenAccess: true, status: "gold", url: "https://hal.science/hal-03/document"),
        citationCount: 1_234
    )

    @Test func everyFieldReadsBack() throws {
        #expect(try Self.roundTrip(Self.everyField) == Self.everyField)
        #expect(try Self.roundTrip(PublicationMetadata()) == PublicationMetadata())
        var dayOnly = PublicationMetadata(title: "t")
        dayOnly.date = PublicationDate(year: 1999, month: 12, day: 31)
        #expect(try Self.roundTrip(dayOnly) == dayOnly)
        let uncited = PublicationMetadata(title: "t", citationCount: 0)
        #expect(try Self.roundTrip(uncited) == uncited, "zero citations reads back as zero, not as unknown")
    }

    @Test func theSameMetadataGivesTheSameBytes() {
        let once = JSONOutput.bytes(of: Self.everyField)
        for _ in 0..<5 { #expect(JSONOutput.bytes(of: Self.everyField) == once) }
        let text = String(decoding: once, as: UTF8.self)
        #expect(text.contains(#""other":{"arxiv":"2101.0001","mid":"NIHMS\\5","pii":"S0092\"8674"}"#))
        #expect(text.hasPrefix(#"{"identifiers":{"doi":"10.1016/j.x.2021.1","pmid":"1""#))
        #expect(text.contains(#""keywords":[]"#))
        #expect(text.hasSuffix(#""citationCount":1234}"#))
    }

    static func records(_ reader: some PublicationReader) throws -> [SourceRecord] {
        try readAll(reader).records
    }

    @Test(.enabled(if: SharedData.has("pubmed/pubmed-29768149.xml") && SharedData.has("hal"), "needs ../shared/data"))
    func everyRealRecordReadsBack() throws {
        var records: [SourceRecord] = []
        records += try Self.records(PubMedReader(path: SharedData.path("pubmed/pubmed-29768149.xml")))
        for name in ["pubmed1.xml", "pubmed2.xml", "efetch_pmc.xml"] where SharedData.has("entrez/\(name)") {
            let path = SharedData.path("entrez/\(name)")
            records += try name.hasPrefix("efetch_pmc") ? Self.records(JATSReader(path: path)) : Self.records(PubMedReader(path: path))
        }
        let pmc = try FileManager.default.contentsOfDirectory(atPath: SharedData.path("pmc-oa")).filter { $0.hasSuffix(".nxml") }
        for name in pmc { records += try Self.records(JATSReader(path: SharedData.path("pmc-oa/\(name)"))) }
        records += try Self.records(HALReader(path: SharedData.path("hal/biblio_HAL_article_olivier-devauchelle.json")))
        records += try Self.records(CrossrefReader(path: SharedData.path("crossref/cr_works_parses_funders.yml")))
        records += try Self.records(CrossrefReader(path: SharedData.path("crossref/cr_works_parses_affilitation.yml")))
        records += try Self.records(EuropePMCReader(path: SharedData.path("europepmc/covid_papers.csv")))
        records += try Self.records(OpenAlexReader(path: SharedData.fixture("openalex/works-page1.json")))
        records += try Self.records(EuropePMCReader(path: SharedData.fixture("europepmc/search-page1.json")))
        records += try Self.records(HublotJSONLReader(path: SharedData.fixture("jsonl/sample.jsonl")))
        #expect(records.count > 1_250)
        for record in records {
            #expect(try Self.roundTrip(record.metadata) == record.metadata, "\(record.source.rawValue):\(record.key)")
        }
    }
}
