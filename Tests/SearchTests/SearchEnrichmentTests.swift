import Enrichment
import Foundation
import Publications
import Store
import Testing

@testable import Search

/// Search documents follow what enrichment matches, corrects and rematches, without a reindex.
@Suite struct SearchEnrichmentTests {
    static let bylines = """
        {"id": "a", "title": "Statin persistence", "year": 2020, "authors": [{"family": "Martin", "given": "Claire", "affiliations": ["Inserm U1018, Paris, France", " CHU de Bordeaux, Bordeaux, France "]}]}
        {"id": "b", "title": "Diabetes pathways", "year": 2021, "authors": [{"family": "Durand", "given": "Paul", "affiliations": ["Inserm U1018, Paris, France"]}, {"family": "Petit", "given": "Anne", "affiliations": ["Department of Surgery"]}]}
        """

    static let inserm = AffiliationMatch(id: "https://ror.org/02vjkv261", name: "Inserm", country: "FR", score: 0.97)
    static let bordeaux = AffiliationMatch(id: "https://ror.org/057qpr032", name: "CHU de Bordeaux", country: "FR", score: 0.93)

    /// A registry of two organisations, matched by their names' presence: the matcher itself is tested in Enrichment.
    static func matcher(_ organisations: [AffiliationMatch]) -> @Sendable (String) -> [AffiliationMatch] {
        { text in organisations.filter { text.contains($0.name) } }
    }

    @Test func stringsAreMatchedOnceAndDocumentsShowTheOrganisations() async throws {
        let store = try searchStore()
        try ingestJSONL(Self.bylines, into: store)
        let repository = AffiliationRepository(store: store)
        #expect(try await repository.readPendingPublications() == 2)
        let first = try await repository.matchPendingStrings(registryVersion: "r1", matcher: Self.matcher([Self.inserm]))
        #expect(first.matched == 3, "three distinct strings, the shared one matched once")
        var statistics = try await repository.statistics()
        #expect(statistics.strings == 3)
        #expect(statistics.matched == 1)
        #expect(statistics.unmatched == 2)
        #expect(statistics.occurrences == 4)
        #expect(statistics.occurrencesMatched == 2)
        #expect(statistics.byRegistryVersion == ["r1": 3])
        #expect(try await repository.unmatched(limit: 5).map(\.text) == ["CHU de Bordeaux, Bordeaux, France", "Department of Surgery"])

        let engine = try await SearchEngine(store: store)
        let all = try await engine.documents(matching: SearchRequest(query: ""))
        let a = try #require(all.first { $0.name == "a" })
        #expect(a.affiliations.map(\.organisations.first?.id) == [Self.inserm.id, nil])
        #expect(a.affiliations[0].structure == "Inserm")
        #expect(a.affiliations[0].country == "France")
        #expect(a.affiliations[1].structure == "CHU de Bordeaux", "an unmatched string shows what it reads as")

        // The same run again matches nothing; a new registry version rematches all, and only changed strings
        // mark their publications for search.
        #expect(try await repository.matchPendingStrings(registryVersion: "r1", matcher: Self.matcher([Self.inserm])).matched == 0)
        let second = try await repository.matchPendingStrings(registryVersion: "r2", matcher: Self.matcher([Self.inserm, Self.bordeaux]))
        #expect(second.matched == 3)
        #expect(second.changed == 1)
        let refreshed = try #require(try await engine.documents(matching: SearchRequest(query: "")).first { $0.name == "a" })
        #expect(refreshed.organisations.map(\.id) == [Self.inserm.id, Self.bordeaux.id])
        statistics = try await repository.statistics()
        #expect(statistics.matched == 2)
    }

    @Test func aCorrectionWinsOverEveryLaterRun() async throws {
        let store = try searchStore()
        try ingestJSONL(Self.bylines, into: store)
        let repository = AffiliationRepository(store: store)
        _ = try await repository.readPendingPublications()
        _ = try await repository.matchPendingStrings(registryVersion: "r1", matcher: Self.matcher([Self.inserm]))
        try await repository.correct("Department of Surgery", organisations: [Self.bordeaux], curator: "ana", note: "the team says so")
        _ = try await repository.matchPendingStrings(registryVersion: "r2", matcher: Self.matcher([Self.inserm]))

        let stored = try await store.reader.read { db in try AffiliationRepository.stored(["Department of Surgery"], in: db) }
        #expect(stored["Department of Surgery"]?.matches.map(\.id) == [Self.bordeaux.id])
        #expect(stored["Department of Surgery"]?.isCorrected == true)
        #expect(stored["Department of Surgery"]?.registryVersion == "curated")
        #expect(try await repository.statistics().corrected == 1)

        let engine = try await SearchEngine(store: store)
        let b = try #require(try await engine.documents(matching: SearchRequest(query: "")).first { $0.name == "b" })
        #expect(b.affiliations.last?.organisations.map(\.score) == [1])

        #expect(try await repository.removeCorrection("Department of Surgery"))
        _ = try await repository.matchPendingStrings(registryVersion: "r2", matcher: Self.matcher([Self.inserm]))
        let again = try await store.reader.read { db in try AffiliationRepository.stored(["Department of Surgery"], in: db) }
        #expect(again["Department of Surgery"]?.matches == [])
    }

    @Test func aNewRecordOfAPublicationIsReadAgain() async throws {
        let store = try searchStore()
        try ingestJSONL(Self.bylines, into: store)
        let repository = AffiliationRepository(store: store)
        _ = try await repository.readPendingPublications()
        try ingestJSONL(
            #"{"id": "b", "title": "Diabetes pathways", "year": 2021, "authors": [{"family": "Durand", "given": "Paul", "affiliations": ["CHU de Bordeaux"]}]}"#,
            into: store, file: "v2.jsonl")
        #expect(try await repository.readPendingPublications() == 1)
        _ = try await repository.matchPendingStrings(registryVersion: "r1", matcher: Self.matcher([Self.bordeaux]))
        let statistics = try await repository.statistics()
        #expect(statistics.strings == 3)
        #expect(statistics.occurrences == 3)
    }
}
