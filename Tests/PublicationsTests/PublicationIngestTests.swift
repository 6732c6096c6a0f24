import Core
import Foundation
import Store
import Testing

@testable import Publications

/// Replays a list of events, then optionally fails as a truncated file would.
struct ScriptedReader: PublicationReader {
    var events: [ReaderEvent]
    var failure: PublicationProblem?

    mutating func next() throws(PublicationProblem) -> ReaderEvent? {
        if events.isEmpty {
            if let failure {
                self.failure = nil
                throw failure
            }
            return nil
        }
        return events.removeFirst()
    }
}

func record(
    _ source: PublicationSource, _ key: String, title: String? = "Use of the French national health data system in pharmacoepidemiology",
    year: Int = 2020, doi: String? = nil, pmid: String? = nil, halID: String? = nil, family: String = "Durand",
    abstract: String? = nil, position: Int = 1
) -> ReaderEvent {
    .record(
        SourceRecord(
            source: source, key: key, origin: RecordOrigin(file: "\(source.rawValue).test", position: position),
            metadata: PublicationMetadata(
                identifiers: PublicationIdentifiers(doi: doi, pmid: pmid, halID: halID), title: title,
                abstract: abstract.map(Abstract.init(text:)), date: PublicationDate(year: year),
                authors: [Author(family: family, given: "Marie", affiliations: source == .pubmed ? ["Inserm, Paris, France"] : [])])))
}

@Suite struct PublicationIngestTests {
    let store: Store
    let ingestor: PublicationIngestor

    init() throws {
        store = try Store.inMemory(schemas: [PublicationsSchema.self])
        ingestor = PublicationIngestor(store: store)
    }

    @discardableResult
    func ingest(_ events: [ReaderEvent], file: String = "test", failure: PublicationProblem? = nil, strict: Bool = false) throws -> IngestSummary {
        var ingestor = self.ingestor
        ingestor.strict = strict
        return try ingestor.ingest(file: file) { ScriptedReader(events: events, failure: failure) }
    }

    func statistics() async throws -> PublicationStatistics { try await PublicationRepository(store: store).statistics() }

    @Test func theSameWorkFromTwoSourcesIsOnePublicationWithItsProvenance() async throws {
        let first = try ingest([record(.crossref, "10.1/abc", doi: "10.1/abc")])
        #expect(first.new == 1)
        let second = try ingest([record(.pubmed, "111", doi: "10.1/abc", pmid: "111", abstract: "We used the SNDS.")])
        #expect(second.merged == 1 && second.new == 0)

        let statistics = try await statistics()
        #expect(statistics.publications == 1 && statistics.records == 2 && statistics.merged == 1)
        #expect(statistics.bySource == ["crossref": 1, "pubmed": 1])
        #expect(statistics.withAbstract == 1 && statistics.withPMID == 1)

        let details = try #require(try await PublicationRepository(store: store).publication(.key(PublicationKey(.pmid, "111"))))
        #expect(details.metadata.identifiers.doi == "10.1/abc" && details.metadata.identifiers.pmid == "111")
        #expect(details.provenance[.title] == "pubmed:111")
        #expect(details.provenance[.doi] == "crossref:10.1/abc")
        #expect(details.provenance[.abstract] == "pubmed:111")
        #expect(details.provenance[.authors] == "pubmed:111", "PubMed's byline has affiliations")
        #expect(details.records.map(\.source) == [.crossref, .pubmed])
        #expect(details.records.first { $0.source == .pubmed }?.fields.contains(.abstract) == true)
    }

    @Test func reingestingTheSameRecordsChangesNothing() async throws {
        let events = [
            record(.pubmed, "1", pmid: "1", position: 1), record(.pubmed, "2", title: "Another study of PMSI stays", pmid: "2", position: 2),
        ]
        try ingest(events)
        let again = try ingest(events)
        #expect(again.unchanged == 2 && again.new == 0 && again.updated == 0 && again.read == 2)
        #expect(try await statistics().publications == 2)
    }

    @Test func aRecordWithoutIdentifiersJoinsItsWorkByTitleYearAndFirstAuthor() async throws {
        try ingest([record(.pubmed, "7", doi: "10.9/x", pmid: "7")])
        let summary = try ingest([
            record(.hal, "hal-01", title: "Use of the French National Health Data System in pharmacoepidemiology.", halID: "hal-01")
        ])
        #expect(summary.merged == 1)
        #expect(try await statistics().publications == 1)
    }

    @Test func conflictingIdentifiersKeepSameTitledWorksApart() async throws {
        try ingest([record(.crossref, "10.1/preprint", doi: "10.1/preprint")])
        try ingest([record(.crossref, "10.1/article", doi: "10.1/article")])
        try ingest([record(.pubmed, "5", pmid: "5"), record(.pubmed, "6", pmid: "6")])
        // Two DOIs, and two PMIDs: the title key may join a DOI with a PMID, but never two of a kind.
        let statistics = try await statistics()
        #expect(statistics.records == 4)
        #expect(statistics.publications == 2)
    }

    @Test func aRecordBridgingTwoPublicationsJoinsThem() async throws {
        try ingest([record(.crossref, "10.2/b", title: "First title of a cohort study", doi: "10.2/b")])
        try ingest([record(.openalex, "W1", title: "Completely different wording here", pmid: "42")])
        #expect(try await statistics().publications == 2)
        let summary = try ingest([record(.pubmed, "42", title: "Cohort study", doi: "10.2/b", pmid: "42")])
        #expect(summary.joinedPublications == 1)
        let statistics = try await statistics()
        #expect(statistics.publications == 1 && statistics.records == 3)
    }

    @Test func anUpdatedRecordReplacesTheOldOne() async throws {
        try ingest([record(.pubmed, "9", title: "Old title of the record", pmid: "9")])
        let summary = try ingest([record(.pubmed, "9", title: "Corrected title of the record", pmid: "9")])
        #expect(summary.updated == 1)
        let details = try #require(try await PublicationRepository(store: store).publication(PublicationReference("pmid:9")!))
        #expect(details.metadata.title == "Corrected title of the record")
        #expect(try await statistics().records == 1)
    }

    @Test func aDeletionRemovesTheRecordAndThePublicationItAloneMade() async throws {
        try ingest([record(.pubmed, "10", title: "Alone in its publication", pmid: "10"), record(.pubmed, "11", doi: "10.3/c", pmid: "11")])
        try ingest([record(.crossref, "10.3/c", doi: "10.3/c")])
        let origin = RecordOrigin(file: "update.xml", position: 3)
        let summary = try ingest([.deletion(source: .pubmed, key: "10", origin: origin), .deletion(source: .pubmed, key: "11", origin: origin)])
        #expect(summary.deleted == 2)
        let statistics = try await statistics()
        #expect(statistics.publications == 1 && statistics.records == 1 && statistics.deleted == 2)
        let remaining = try #require(try await PublicationRepository(store: store).publication(PublicationReference("10.3/c")!))
        #expect(remaining.metadata.identifiers.pmid == nil, "the PMID left with the PubMed record")
        #expect(remaining.records.map(\.source) == [.crossref])
    }

    @Test func aFileThatBreaksMidwayWritesNothing() async throws {
        let broken = PublicationProblem(
            .malformedFile, at: SourceLocation(file: "cut.xml.gz", line: 812), record: "PMID 3 (record 3)", "Premature end")
        let error = #expect(throws: PublicationIngestError.self) {
            try ingest(
                [record(.pubmed, "1", pmid: "1"), record(.pubmed, "2", title: "Second record title here", pmid: "2")], file: "cut.xml.gz",
                failure: broken)
        }
        #expect(error?.description.contains("cut.xml.gz:812") == true && error?.description.contains("PMID 3") == true)
        #expect(try await statistics().records == 0)
    }

    @Test func rejectionsAreCountedOrFailTheFileWhenStrict() async throws {
        let rejection = PublicationProblem(
            .unidentifiableRecord, at: SourceLocation(file: "x.jsonl", line: 2), record: "record 2", "no identifier nor title")
        let summary = try ingest([record(.jsonl, "a", doi: "10.5/a"), .rejected(rejection)])
        #expect(summary.rejected == 1 && summary.new == 1 && summary.rejections == [rejection])
        #expect(throws: PublicationIngestError.self) { try ingest([record(.jsonl, "b", doi: "10.5/b"), .rejected(rejection)], strict: true) }
        #expect(try await statistics().records == 1)
    }

    @Test func aFilterKeepsOnlyItsRecordsAndDeletionsStillApply() async throws {
        try ingest([record(.pubmed, "20", title: "Hip fractures in the SNDS", pmid: "20")])
        var filtering = ingestor
        filtering.filter = { $0.title?.contains("SNDS") == true }
        let summary = try filtering.ingest(file: "update.xml") {
            ScriptedReader(events: [
                record(.pubmed, "21", title: "Statin persistence in the SNDS", pmid: "21"),
                record(.pubmed, "22", title: "Selective neck dissections", pmid: "22"),
                .deletion(source: .pubmed, key: "20", origin: RecordOrigin(file: "update.xml", position: 3)),
            ])
        }
        #expect((summary.read, summary.new, summary.skipped, summary.deleted) == (3, 1, 1, 1))
        let repository = PublicationRepository(store: store)
        #expect(try await repository.publication(PublicationReference("pmid:21")!) != nil)
        #expect(try await repository.publication(PublicationReference("pmid:22")!) == nil)
        #expect(try await repository.publication(PublicationReference("pmid:20")!) == nil)
    }

    @Test func aHarvestedPageAndItsCheckpointAreStoredTogether() async throws {
        let key = HarvestKey(source: .hal, query: "SNDS", since: "2020-01-01")
        #expect(try await ingestor.checkpoint(for: key) == nil)
        let checkpoint = HarvestCheckpoint(key: key, state: ["cursor": "AoE"], fetched: 1, total: 36)
        let summary = try await ingestor.store([record(.hal, "hal-9", halID: "hal-9")], checkpoint: checkpoint)
        #expect(summary.new == 1)
        #expect(try await ingestor.checkpoint(for: key) == checkpoint)
        #expect(try await statistics().harvests == [checkpoint])
    }

    @Test func referencesNameAPublicationByAnyIdentifier() {
        #expect(PublicationReference("12") == .id(12))
        #expect(PublicationReference("pmid:29768149") == .key(PublicationKey(.pmid, "29768149")))
        #expect(PublicationReference("https://doi.org/10.1/ABC") == .key(PublicationKey(.doi, "10.1/abc")))
        #expect(PublicationReference("PMC123") == .key(PublicationKey(.pmcid, "PMC123")))
        #expect(PublicationReference("hal-02001689") == .key(PublicationKey(.hal, "hal-02001689")))
        #expect(PublicationReference("W2741809807") == .key(PublicationKey(.openalex, "W2741809807")))
        #expect(PublicationReference("nothing") == nil)
    }

    @Test func detailsEncodeTheMergedFieldsWithTheirProvenance() async throws {
        try ingest([record(.pubmed, "77", doi: "10.7/z", pmid: "77")])
        let details = try #require(try await PublicationRepository(store: store).publication(.id(1)))
        let json = String(decoding: try JSONEncoder.hublot().encode(details), as: UTF8.self)
        #expect(json.contains(#""title":"Use of the French national health data system"#))
        #expect(json.contains(#""provenance":{"#) && json.contains(#""pubmed:77""#))
        #expect(json.contains(#""identifiers":{"doi":"10.7/z","pmid":"77"}"#))
    }
}

/// Real files through the real readers, from the path the command line takes.
@Suite struct PublicationFileIngestTests {
    @Test func anUpdateFileDeleteCitationRemovesTheWorkAndAJATSArticleMergesIntoItsPubMedRecord() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store.inMemory(schemas: [PublicationsSchema.self])
            let ingestor = PublicationIngestor(store: store)
            let baseline = directory.appendingPathComponent("baseline.xml").path
            let pmcID = #"<ArticleIdList><ArticleId IdType="pmc">PMC777</ArticleId></ArticleIdList>"#
            try Data(
                pubMedDocument(
                    pubMedArticle(pmid: "101", title: "Antibiotic use in French children")
                        + pubMedArticle(pmid: "102", title: "Statins after stroke in the SNDS")
                        .replacingOccurrences(of: "</MedlineCitation>", with: "</MedlineCitation><PubmedData>\(pmcID)</PubmedData>"))
            ).write(to: URL(fileURLWithPath: baseline))
            var summary = try ingestor.ingest(baseline, as: .pubmed)
            #expect((summary.read, summary.new) == (2, 2))

            let article = directory.appendingPathComponent("article.nxml").path
            try Data(
                jatsArticle(
                    meta: """
                        <article-id pub-id-type="pmc">PMC777</article-id><title-group><article-title>Statins after stroke</article-title></title-group>
                        """,
                    body: "<sec sec-type=\"methods\"><title>Methods</title><p>A cohort.</p></sec>"
                ).utf8
            ).write(to: URL(fileURLWithPath: article))
            summary = try ingestor.ingest(article, as: .jats)
            #expect((summary.new, summary.merged) == (0, 1))

            let update = directory.appendingPathComponent("update.xml.gz")
            let deletion = pubMedDocument("<DeleteCitation><PMID Version=\"1\">101</PMID></DeleteCitation>")
            let plain = directory.appendingPathComponent("update.xml")
            try Data(deletion).write(to: plain)
            try gzip(plain)
            summary = try ingestor.ingest(update.path, as: .pubmed)
            #expect((summary.read, summary.deleted) == (1, 1))

            let repository = PublicationRepository(store: store)
            #expect(try await repository.publication(PublicationReference("pmid:101")!) == nil)
            let merged = try #require(try await repository.publication(PublicationReference("pmid:102")!))
            #expect(merged.records.map(\.source) == [.pubmed, .jats])
            #expect(merged.provenance[.fullText]?.hasPrefix("jats:") == true)
            #expect(merged.provenance[.title]?.hasPrefix("pubmed:") == true)
            #expect(merged.metadata.fullText.first?.kind == .methods)
            #expect(try await repository.statistics().publications == 1)

            // The same files again: nothing new, nothing changed.
            summary = try ingestor.ingest(baseline, as: .pubmed)
            #expect((summary.new, summary.unchanged) == (1, 1))
        }
    }
}
