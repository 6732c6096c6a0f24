import Classification
import Enrichment
import Foundation
import GRDB
import Publications
import Store

/// What a reindex did.
public struct ReindexSummary: Hashable, Sendable, Encodable {
    /// Publications whose document was built.
    public var documents: Int
    /// Documents of publications that no longer exist, removed.
    public var removed: Int
    public var seconds: Double

    public init(documents: Int, removed: Int, seconds: Double) {
        self.documents = documents
        self.removed = removed
        self.seconds = seconds
    }
}

/// The revision and generation of the stored documents (see `SearchSchema`).
struct SearchState: Hashable, Sendable {
    var revision: Int64
    var generation: Int64
    /// The latest imported registry, which the query's synonyms come from.
    var registryVersion: Int64
    /// The version of the builder that made the stored documents.
    var builder: Int = SearchDocument.builderVersion
}

/// The stored documents: brought up to date with the publications, verdicts and labels the triggers noted,
/// and read back by the engine.
struct SearchDocumentStore: Sendable {
    let store: Store
    /// Publications rebuilt per transaction: a killed catch-up loses at most one batch of work, and writers
    /// wait for at most one batch.
    var batchSize = 500

    func state() async throws -> (state: SearchState, isPending: Bool) {
        try await store.reader.read { db in try Self.state(db) }
    }

    static func state(_ db: Database) throws -> (state: SearchState, isPending: Bool) {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT s.revision, s.generation, (SELECT COALESCE(MAX(id), 0) FROM databaseRegistryVersion),
                EXISTS (SELECT 1 FROM searchPending) OR EXISTS (SELECT 1 FROM searchPendingName), s.builder
                FROM searchState s WHERE s.id = 1
                """)
        guard let row else { throw DatabaseError(message: "searchState has no row: the search-v1 migration did not run") }
        return (SearchState(revision: row[0], generation: row[1], registryVersion: row[2], builder: row[4]), row[3])
    }

    /// Rebuilds the documents of every pending publication, a batch per transaction; returns how many were
    /// rebuilt or removed.
    func catchUp() async throws -> (rebuilt: Int, removed: Int) {
        var rebuilt = 0
        var removed = 0
        var labels = LabelCache()
        while true {
            let (done, cache) = try await store.writer.write { [batchSize, labels] db in
                var labels = labels
                return (try Self.catchUpBatch(db, size: batchSize, labels: &labels), labels)
            }
            labels = cache
            guard let done else { return (rebuilt, removed) }
            rebuilt += done.rebuilt
            removed += done.removed
        }
    }

    /// Marks every publication and every stored document pending, then catches up: a killed reindex leaves the
    /// rest pending, which the next catch-up completes.
    func reindex() async throws -> ReindexSummary {
        let start = Date()
        try await store.writer.write { db in try Self.markAllPending(db) }
        let (rebuilt, removed) = try await catchUp()
        return ReindexSummary(documents: rebuilt, removed: removed, seconds: Date().timeIntervalSince(start))
    }

    /// Every publication and every stored document pending, in a new generation, to be rebuilt by this
    /// version of the builder.
    static func markAllPending(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM searchDocument WHERE document IS NULL")
        try db.execute(sql: "INSERT OR IGNORE INTO searchPending (publicationID) SELECT id FROM publication")
        try db.execute(sql: "INSERT OR IGNORE INTO searchPending (publicationID) SELECT publicationID FROM searchDocument")
        try db.execute(
            sql: "UPDATE searchState SET generation = generation + 1, builder = ? WHERE id = 1", arguments: [SearchDocument.builderVersion])
    }

    /// Documents made by another version of the builder are all rebuilt: what they derive (structures,
    /// countries, researchers' keys) may have changed. Marked once, in one transaction; the catch-up that
    /// follows is resumable like any other.
    func markAllPendingIfBuiltByAnotherVersion() async throws {
        try await store.writer.write { db in
            guard try Self.state(db).state.builder != SearchDocument.builderVersion else { return }
            try Self.markAllPending(db)
        }
    }

    /// Curators' labels resolved to publication numbers, kept while the label table does not change.
    struct LabelCache: Sendable {
        var fingerprint: [Int64] = []
        var labels: [Int64: [String: CuratedLabel]] = [:]

        mutating func labels(_ db: Database) throws -> [Int64: [String: CuratedLabel]] {
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), COALESCE(MAX(rowid), 0), COALESCE(SUM(rowid), 0) FROM curatedLabel")
            let fingerprint: [Int64] = row.map { [$0[0], $0[1], $0[2]] } ?? []
            if fingerprint != self.fingerprint {
                labels = try ClassificationRepository.resolvedLabels(db)
                self.fingerprint = fingerprint
            }
            return labels
        }
    }

    static func catchUpBatch(_ db: Database, size: Int, labels: inout LabelCache) throws -> (rebuilt: Int, removed: Int)? {
        // Names of relabelled publications become their numbers, in this transaction.
        let names = try String.fetchAll(db, sql: "SELECT name FROM searchPendingName ORDER BY name LIMIT ?", arguments: [size])
        for name in names {
            if let id = try PublicationName.resolve(db, name) {
                try db.execute(sql: "INSERT OR IGNORE INTO searchPending (publicationID) VALUES (?)", arguments: [id])
            }
            try db.execute(sql: "DELETE FROM searchPendingName WHERE name = ?", arguments: [name])
        }
        let ids = try Int64.fetchAll(db, sql: "SELECT publicationID FROM searchPending ORDER BY publicationID LIMIT ?", arguments: [size])
        guard let first = ids.first, let last = ids.last else { return names.isEmpty ? nil : (0, 0) }
        try db.execute(sql: "UPDATE searchState SET revision = revision + 1 WHERE id = 1")
        let revision = try Int64.fetchOne(db, sql: "SELECT revision FROM searchState WHERE id = 1") ?? 0
        let publications = try PublicationRepository.publications(db, ids)
        let publicationNames = try PublicationRepository.names(db, ids)
        let verdicts = try ClassificationRepository.verdicts(db, from: first, to: last)
        let labels = try labels.labels(db)
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        let write = try db.cachedStatement(sql: "INSERT OR REPLACE INTO searchDocument (publicationID, revision, document) VALUES (?, ?, ?)")
        let merged = try publications.map { try $0.merged(decoder: decoder) }
        let batch = try Self.enrichment(of: merged, db)
        let researchers = try ResearcherRepository.assignments(publicationIDs: publications.map(\.id), in: db)
        var rebuilt = 0
        for (publication, metadata) in zip(publications, merged) {
            var enrichment = batch
            enrichment.researchers = researchers[publication.id] ?? [:]
            enrichment.journal = try JournalRepository.linking(issns: metadata.journal?.issns.map(\.value) ?? [], in: db)
            let sources = Array(Set(publication.records.map(\.source.rawValue))).sorted()
            let document = SearchDocument(
                id: publication.id, name: publicationNames[publication.id]?.name ?? "#\(publication.id)", merged: metadata, sources: sources,
                verdicts: verdicts[publication.id] ?? [], curated: Array((labels[publication.id] ?? [:]).values), enrichment: enrichment)
            try write.execute(arguments: [publication.id, revision, try encoder.encode(document)])
            rebuilt += 1
        }
        let gone = Set(ids).subtracting(publications.map(\.id))
        var removed = 0
        for id in gone {
            try db.execute(
                sql: "UPDATE searchDocument SET document = NULL, revision = ? WHERE publicationID = ? AND document IS NOT NULL",
                arguments: [revision, id])
            removed += db.changesCount
        }
        try db.execute(
            sql:
                "DELETE FROM searchPending WHERE publicationID BETWEEN ? AND ? AND publicationID IN (\(ids.map(String.init).joined(separator: ",")))",
            arguments: [first, last])
        return (rebuilt, removed)
    }

    /// What enrichment stored for a batch's affiliation strings, in the batch's transaction.
    static func enrichment(of publications: [PublicationMetadata], _ db: Database) throws -> DocumentEnrichment {
        let texts = Set(publications.flatMap(AffiliationRepository.affiliationStrings(of:)))
        let affiliations = try AffiliationRepository.stored(texts, in: db)
        let places = try OrganisationRepository.places(ids: affiliations.values.flatMap { $0.matches.map(\.id) }, in: db)
        return DocumentEnrichment(affiliations: affiliations, places: places)
    }

    /// The documents written after `revision` (all of them from revision 0) whose publication number is above
    /// `id`, `limit` at most, in publication order; a nil document is a deletion.
    func changes(after revision: Int64, from id: Int64, limit: Int) async throws -> [(id: Int64, document: SearchDocument?)] {
        try await store.reader.read { db in
            let decoder = JSONDecoder()
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT publicationID, document FROM searchDocument WHERE revision > ? AND publicationID > ?
                    ORDER BY publicationID LIMIT ?
                    """,
                arguments: [revision, id, limit])
            var changes: [(id: Int64, document: SearchDocument?)] = []
            while let row = try rows.next() {
                let data: Data? = row[1]
                changes.append((row[0], try data.map { try decoder.decode(SearchDocument.self, from: $0) }))
            }
            return changes
        }
    }
}
