import Foundation
import Testing

@testable import Publications

@Suite struct PublicationMergerTests {
    static func stored(_ id: Int64, _ source: PublicationSource, citations: Int?, ingestedAt seconds: TimeInterval = 0) -> StoredRecord {
        StoredRecord(
            id: id, source: source, key: "\(id)", origin: RecordOrigin(file: "f", position: Int(id)),
            ingestedAt: Date(timeIntervalSince1970: seconds),
            metadata: PublicationMetadata(identifiers: PublicationIdentifiers(doi: "10.1/x"), citationCount: citations))
    }

    @Test func theCitationCountComesFromTheMostCompleteIndexThatGivesOne() {
        let crossref = Self.stored(1, .crossref, citations: 40)
        let europePMC = Self.stored(2, .europepmc, citations: 35)
        let openAlex = Self.stored(3, .openalex, citations: 52)
        let jsonl = Self.stored(4, .jsonl, citations: 99)

        let all = PublicationMerger.merge([jsonl, crossref, europePMC, openAlex])
        #expect(all.metadata.citationCount == 52)
        #expect(all.provenance[.citationCount] == openAlex)

        let withoutOpenAlex = PublicationMerger.merge([jsonl, crossref, europePMC])
        #expect(withoutOpenAlex.metadata.citationCount == 35)
        #expect(withoutOpenAlex.provenance[.citationCount] == europePMC)

        #expect(PublicationMerger.merge([jsonl, crossref]).metadata.citationCount == 40)
        #expect(PublicationMerger.merge([jsonl]).metadata.citationCount == 99, "a team's own count when no index gives one")
    }

    @Test func anIndexWithoutACountGivesWayAndZeroIsACount() {
        let silentOpenAlex = Self.stored(1, .openalex, citations: nil)
        let uncited = Self.stored(2, .crossref, citations: 0)
        let merged = PublicationMerger.merge([silentOpenAlex, uncited])
        #expect(merged.metadata.citationCount == 0)
        #expect(merged.provenance[.citationCount] == uncited)
        #expect(PublicationMerger.merge([silentOpenAlex]).provenance[.citationCount] == nil)
    }

    @Test func theNewestRecordOfTheSameSourceWins() {
        let older = Self.stored(1, .openalex, citations: 10, ingestedAt: 1_000)
        let newer = Self.stored(2, .openalex, citations: 14, ingestedAt: 2_000)
        #expect(PublicationMerger.merge([older, newer]).metadata.citationCount == 14)
    }

    @Test func theFieldIsNamedAsProvenanceWritesIt() {
        #expect(PublicationField.citationCount.rawValue == "citation_count")
        #expect(Array(PublicationMerger.ranking(for: .citationCount).prefix(3)) == [.openalex, .europepmc, .crossref])
        #expect(Set(PublicationMerger.ranking(for: .citationCount)) == Set(PublicationSource.allCases))
    }
}
