import Foundation
import GRDB
import Publications
import Store
import Testing

@testable import Enrichment

@Suite struct ResearcherRepositoryTests {
    static let bylines = """
        {"id": "p1", "title": "One", "authors": [{"family": "Dupont", "given": "Jean"}, {"family": "Martin", "given": "Claire"}]}
        {"id": "p2", "title": "Two", "authors": [{"family": "Dupont", "given": "J"}, {"family": "Martin", "given": "C"}]}
        {"id": "p3", "title": "Three", "authors": [{"family": "Dupont", "given": "Jacques"}, {"family": "Lee", "given": "Kim", "orcid": "0000-0002-1825-0097"}]}
        """

    /// A table the test fills from triggers, as search does: which publications a run touched.
    func watch(_ store: Store) async throws {
        try await store.writer.write { db in
            try db.execute(sql: "CREATE TABLE touched (publicationID INTEGER PRIMARY KEY)")
            for event in ["INSERT", "UPDATE", "DELETE"] {
                let row = event == "DELETE" ? "OLD" : "NEW"
                try db.execute(
                    sql: """
                        CREATE TRIGGER watch_\(event.lowercased()) AFTER \(event) ON researcherAssignment
                        BEGIN INSERT OR IGNORE INTO touched VALUES (\(row).publicationID); END
                        """)
            }
        }
    }

    func touched(_ store: Store) async throws -> [Int64] {
        try await store.writer.write { db in
            defer { _ = try? db.execute(sql: "DELETE FROM touched") }
            return try Int64.fetchAll(db, sql: "SELECT publicationID FROM touched ORDER BY publicationID")
        }
    }

    @Test func runsRewriteOnlyWhatChangedAndKeepCorrections() async throws {
        let store = try enrichmentStore()
        try ingestJSONL(Self.bylines, into: store)
        try await watch(store)
        let repository = ResearcherRepository(store: store)

        let first = try await repository.run()
        #expect(first.statistics.mentions == 6)
        #expect(first.statistics.researchers == 4, "Jean and J Dupont share Martin C; so do Claire and C Martin")
        #expect(first.statistics.withORCID == 1)
        #expect(first.assignmentsWritten == 6)
        #expect(try await touched(store) == [1, 2, 3])

        let assigned = try await store.reader.read { db in try ResearcherRepository.assignments(publicationIDs: [1, 2, 3], in: db) }
        #expect(assigned[1]?[1] == assigned[2]?[1])
        #expect(assigned[1]?[1] != assigned[3]?[1])
        #expect(assigned[3]?[2] == "orcid:0000-0002-1825-0097")
        let jean = try #require(assigned[1]?[1])

        let unchanged = try await repository.run()
        #expect(unchanged.assignmentsWritten == 0 && unchanged.assignmentsRemoved == 0)
        #expect(try await touched(store).isEmpty, "an unchanged run fires no trigger")

        // A curator splits the Duponts: only their two publications are rewritten; p1's keeps its id.
        try await repository.correct(
            ResearcherCorrection(.different(MentionKey("#1#1")!, MentionKey("p2#1")!), curator: "ana", note: "not the same lab"))
        let corrected = try await repository.run()
        #expect(corrected.statistics.correctionsApplied == 1)
        #expect(try await touched(store) == [1, 2])
        let split = try await store.reader.read { db in try ResearcherRepository.assignments(publicationIDs: [1, 2], in: db) }
        #expect(split[1]?[1] == jean)
        #expect(split[2]?[1] != jean)
        #expect(try await repository.corrections().first?.decision == .different(MentionKey("p1#1")!, MentionKey("p2#1")!), "stored by lasting name")

        // The correction holds on every later run.
        #expect(try await repository.run().assignmentsWritten == 0)

        let profile = try #require(try await repository.researcher(id: "orcid:0000-0002-1825-0097"))
        #expect(profile.name == "Kim Lee")
        #expect(profile.mentions.map(\.key) == [MentionKey("p3#2")!])
        #expect(profile.mentions.first?.title == "Three")
        #expect(profile.mentions.first?.reasons == [MergeReason(.orcid, values: ["0000-0002-1825-0097"])])
        let martins = try await repository.researchers(name: "MARTIN")
        #expect(martins.map(\.mentions) == [2])
        #expect(martins.first?.name == "Claire Martin")
    }

    @Test func matchedOrganisationsStandForStructures() async throws {
        let store = try enrichmentStore()
        try ingestJSONL(
            """
            {"id": "a", "title": "A", "keywords": ["asthma; cohort"], "authors": [{"family": "Durand", "given": "M", "affiliations": ["CHU Bordeaux, France"]}]}
            {"id": "b", "title": "B", "keywords": ["Asthma", "Cohort."], "authors": [{"family": "Durand", "given": "Marie", "affiliations": ["Bordeaux University Hospital"]}]}
            """, into: store)
        let summary = try await ResearcherRepository(store: store).run { affiliation in
            affiliation.contains("Bordeaux") ? ["https://ror.org/01hq89f96"] : nil
        }
        #expect(summary.statistics.researchers == 1)
        let id = try #require(try await store.reader.read { db in try ResearcherRepository.assignments(publicationIDs: [1], in: db) }[1]?[1])
        let profile = try #require(try await ResearcherRepository(store: store).researcher(id: id))
        #expect(profile.name == "Marie Durand")
        #expect(profile.mentions.first?.reasons.map(\.kind) == [.structure, .topics])
        #expect(profile.mentions.first?.reasons.first?.values == ["https://ror.org/01hq89f96"])
        #expect(profile.mentions.first?.reasons.last?.values == ["asthma", "cohort"])
        // Without the match, the two strings name no common institution, and the initial stays apart.
        #expect(
            try await ResearcherRepository(
                store: try {
                    let other = try enrichmentStore()
                    try ingestJSONL(
                        """
                        {"id": "a", "title": "A", "keywords": ["asthma; cohort"], "authors": [{"family": "Durand", "given": "M", "affiliations": ["CHU Bordeaux, France"]}]}
                        {"id": "b", "title": "B", "keywords": ["Asthma", "Cohort."], "authors": [{"family": "Durand", "given": "Marie", "affiliations": ["Bordeaux University Hospital"]}]}
                        """, into: other)
                    return other
                }()
            ).run().statistics.researchers == 2)
    }

    @Test func correctionsNameExistingAuthors() async throws {
        let store = try enrichmentStore()
        try ingestJSONL(Self.bylines, into: store)
        let repository = ResearcherRepository(store: store)
        await #expect(throws: ResearcherCorrectionError.self) {
            try await repository.correct(ResearcherCorrection(.same(MentionKey("p1#3")!, MentionKey("p2#1")!), curator: "ana"))
        }
        await #expect(throws: ResearcherCorrectionError.self) {
            try await repository.correct(ResearcherCorrection(.same(MentionKey("nowhere#1")!, MentionKey("p2#1")!), curator: "ana"))
        }
        await #expect(throws: ResearcherCorrectionError.self) {
            try await repository.correct(ResearcherCorrection(.assign(MentionKey("p1#1")!, researcher: "hublot:unknown"), curator: "ana"))
        }
        #expect(try await repository.corrections().isEmpty)
    }

    @Test func assignmentsGoWithTheirPublication() async throws {
        let store = try enrichmentStore()
        try ingestJSONL(Self.bylines, into: store)
        _ = try await ResearcherRepository(store: store).run()
        try await store.writer.write { db in
            try db.execute(sql: "DELETE FROM publicationRecord WHERE publicationID = 3")
            try db.execute(sql: "DELETE FROM publication WHERE id = 3")
        }
        let left = try await store.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM researcherAssignment") }
        #expect(left == 4)
        let rerun = try await ResearcherRepository(store: store).run()
        #expect(rerun.statistics.researchers == 2)
        #expect(try await ResearcherRepository(store: store).researcher(id: "orcid:0000-0002-1825-0097") == nil)
    }
}
