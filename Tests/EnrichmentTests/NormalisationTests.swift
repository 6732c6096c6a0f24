import Foundation
import Publications
import Testing

@testable import Enrichment

@Suite struct NormalisationTests {
    @Test func keywordsAreTrimmedSplitAndDeduplicatedKeepingTheFirstForm() {
        #expect(
            KeywordNormalisation.normalised([
                "  Pharmaco-épidémiologie.", "SNDS;  claims   data ;", "pharmaco-epidemiologie", "Claims data", "COVID-19 (SARS-CoV-2)",
            ])
                == ["Pharmaco-épidémiologie", "SNDS", "claims data", "COVID-19 (SARS-CoV-2)"])
        #expect(KeywordNormalisation.normalised([";", " . ", ""]).isEmpty)
        #expect(KeywordNormalisation.cleaned("asthma ,;.") == "asthma")
    }

    @Test func meshHeadingsAreKeptOncePerDescriptor() {
        let headings = MeshNormalisation.deduplicated([
            MeshHeading(descriptor: "Asthma", descriptorID: "D001249", qualifiers: [MeshQualifier(name: "epidemiology")]),
            MeshHeading(descriptor: "Humans", descriptorID: "D006801"),
            MeshHeading(
                descriptor: "asthma", isMajorTopic: true,
                qualifiers: [MeshQualifier(name: "Epidemiology", isMajorTopic: true), MeshQualifier(name: "therapy")]),
            MeshHeading(descriptor: "Asthme", descriptorID: "D001249"),
        ])
        #expect(headings.map(\.descriptor) == ["Asthma", "Humans"])
        #expect(headings[0].isMajorTopic)
        #expect(headings[0].qualifiers == [MeshQualifier(name: "epidemiology", isMajorTopic: true), MeshQualifier(name: "therapy")])
    }

    /// Open access is taken from whichever source gives it, OpenAlex first; the citation count's ranking is
    /// covered by the publications' tests.
    @Test func theMergerTakesOpenAccessFromAnySourceThatGivesIt() {
        func record(_ id: Int64, _ source: PublicationSource, _ openAccess: OpenAccess?) -> StoredRecord {
            StoredRecord(
                id: id, source: source, key: "\(id)", origin: RecordOrigin(file: "f", position: Int(id)), ingestedAt: Date(timeIntervalSince1970: 0),
                metadata: PublicationMetadata(title: "t", openAccess: openAccess))
        }
        let pubmed = record(1, .pubmed, nil)
        let hal = record(2, .hal, OpenAccess(isOpenAccess: true, status: "green", url: "https://hal.science/hal-1/document"))
        let openAlex = record(3, .openalex, OpenAccess(isOpenAccess: true, status: "gold"))
        #expect(PublicationMerger.merge([pubmed, hal]).metadata.openAccess == hal.metadata.openAccess)
        #expect(PublicationMerger.merge([pubmed, hal, openAlex]).metadata.openAccess?.status == "gold")
        #expect(PublicationMerger.merge([pubmed, hal, openAlex]).provenance[.openAccess] == openAlex)
        #expect(PublicationMerger.merge([pubmed]).metadata.openAccess == nil)
    }
}
