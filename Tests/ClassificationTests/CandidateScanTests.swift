import Catalog
import Publications
import Store
import Testing

@testable import Classification

/// The records of a file, then its end.
struct ListedReader: PublicationReader {
    var events: [ReaderEvent]

    mutating func next() throws(PublicationProblem) -> ReaderEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }
}

@Suite struct CandidateScanTests {
    static func pubMedRecord(_ pmid: String, _ abstract: String, references: [String] = []) -> ReaderEvent {
        var metadata = PublicationMetadata(identifiers: PublicationIdentifiers(pmid: pmid), title: "Study \(pmid)")
        metadata.abstract = Abstract(sections: [AbstractSection(label: "METHODS", text: abstract)])
        metadata.references = references.map { Reference(citation: $0) }
        return .record(SourceRecord(source: .pubmed, key: pmid, origin: RecordOrigin(file: "scan.xml", position: Int(pmid) ?? 0), metadata: metadata))
    }

    static let usesTheSNDS = pubMedRecord("1", "Using the French National Health Data System (SNDS), we identified 120,000 new users of statins.")
    static let usesThePMSI = pubMedRecord("2", "All stays for hip fracture were retrieved from the French hospital discharge database (PMSI).")
    static let neckDissections = pubMedRecord("3", "Patients underwent selective neck dissections (SNDs). SNDs were performed in 45 patients.")
    static let sniiramInTheReferences = pubMedRecord(
        "4", "We followed 300 patients treated in our department for atrial fibrillation.",
        references: ["Tuppin P, et al. Value of a national administrative database to guide public decisions: the SNIIRAM. 2017."])
    static let file = [usesTheSNDS, usesThePMSI, neckDissections, sniiramInTheReferences]

    func verdicts(_ event: ReaderEvent) throws -> [DatabaseVerdict] {
        guard case .record(let record) = event else { throw CancellationError() }
        return try DatabaseClassifier().classify(record.metadata)
    }

    @Test func theCriterionKeepsAtLeastItsVerdictForItsDatabase() throws {
        let pmsi = try verdicts(Self.usesThePMSI)
        let reference = try verdicts(Self.sniiramInTheReferences)
        let neck = try verdicts(Self.neckDissections)
        #expect(CandidateCriterion().admits(pmsi) && CandidateCriterion().admits(reference))
        #expect(!CandidateCriterion().admits(neck))
        #expect(CandidateCriterion(keep: .uses).admits(pmsi) && !CandidateCriterion(keep: .uses).admits(reference))
        #expect(CandidateCriterion(database: "SNDS", keep: .uses).admits(pmsi), "a component's use is the SNDS's")
        #expect(!CandidateCriterion(database: "DCIR").admits(pmsi))
        #expect(!CandidateCriterion(keep: .no).admits(neck), "a publication naming no database is never a candidate")
    }

    @Test func aScanStoresOnlyTheCandidatesAndCountsThemByDatabase() async throws {
        let store = try Store.inMemory(schemas: [PublicationsSchema.self])
        let scanner = try CandidateScanner(criterion: CandidateCriterion(keep: .uses))
        let ingestor = PublicationIngestor(store: store, filter: scanner.filter)
        let summary = try ingestor.ingest(file: "scan.xml") { ListedReader(events: Self.file) }
        #expect((summary.read, summary.new, summary.skipped) == (4, 2, 2))

        let tally = scanner.takeTally()
        #expect((tally.classified, tally.candidates) == (4, 2))
        let counts = Dictionary(uniqueKeysWithValues: tally.databases.map { ($0.database, ($0.uses, $0.mentions)) })
        #expect(counts["SNDS"]! == (2, 0))
        #expect(counts["PMSI"]! == (1, 0))
        #expect(counts["DCIR"]! == (0, 0))
        #expect(scanner.takeTally().classified == 0, "a tally is taken once")

        let repository = PublicationRepository(store: store)
        #expect(try await repository.publication(PublicationReference("pmid:1")!) != nil)
        #expect(try await repository.publication(PublicationReference("pmid:3")!) == nil)
        #expect(try await repository.publication(PublicationReference("pmid:4")!) == nil)
    }

    @Test func keepingMentionsKeepsTheReferenceButNotTheNeckDissections() throws {
        let scanner = try CandidateScanner(criterion: CandidateCriterion(database: "SNDS"))
        let summary = try PublicationIngestor(store: try Store.inMemory(schemas: [PublicationsSchema.self]), filter: scanner.filter)
            .ingest(file: "scan.xml") { ListedReader(events: Self.file) }
        #expect((summary.new, summary.skipped) == (3, 1))
        let snds = try #require(scanner.takeTally().databases.first { $0.database == "SNDS" })
        #expect((snds.uses, snds.mentions) == (2, 1))
    }
}
