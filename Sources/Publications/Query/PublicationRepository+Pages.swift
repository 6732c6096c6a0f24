import Foundation
import GRDB

/// A publication's stored records, read but not decoded: decoding the metadata JSON is the costly part of
/// reading a page, and it can then run on another core than the read.
public struct EncodedPublication: Sendable {
    public var id: Int64
    public var records: [EncodedRecord]

    public struct EncodedRecord: Sendable {
        public var id: Int64
        public var source: PublicationSource
        public var key: String
        public var origin: RecordOrigin
        public var ingestedAt: Date
        public var metadata: Data
    }

    /// The publication as `show` gives it: the merge of its decoded records.
    public func merged(decoder: JSONDecoder = JSONDecoder()) throws -> PublicationMetadata {
        let stored = try records.map { record in
            StoredRecord(
                id: record.id, source: record.source, key: record.key, origin: record.origin, ingestedAt: record.ingestedAt,
                metadata: try decoder.decode(PublicationMetadata.self, from: record.metadata))
        }
        return PublicationMerger.merge(stored).metadata
    }

    /// The key its `jsonl` record was given at ingest (the file's own `id`), if it has one.
    public var jsonlKey: String? { records.first { $0.source == .jsonl }?.key }
}

extension PublicationRepository {
    /// The publications whose id is above `id`, `limit` at most, in id order, with their records: one read
    /// transaction per page, so that a long pass over the store never holds a reader for long.
    public func page(after id: Int64, limit: Int) async throws -> [EncodedPublication] {
        try await store.reader.read { db in try Self.page(db, after: id, limit: limit) }
    }

    /// The publications of the given ids that exist, in id order.
    public func publications(_ ids: [Int64]) async throws -> [EncodedPublication] {
        try await store.reader.read { db in
            try ids.sorted().flatMap { id in try Self.page(db, after: id - 1, limit: 1).filter { $0.id == id } }
        }
    }

    /// How many publications the store holds: the denominator of a progress bar.
    public func count() async throws -> Int {
        try await store.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM publication") ?? 0 }
    }

    static func page(_ db: Database, after id: Int64, limit: Int) throws -> [EncodedPublication] {
        try encoded(db, publications: "SELECT id FROM publication WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit])
    }

    /// The publications of the given ids that exist, in id order, read in the caller's transaction.
    public static func publications(_ db: Database, _ ids: some Collection<Int64>) throws -> [EncodedPublication] {
        guard !ids.isEmpty else { return [] }
        return try encoded(db, publications: "\(ids.map(String.init).joined(separator: ","))", arguments: [])
    }

    private static func encoded(_ db: Database, publications selection: String, arguments: StatementArguments) throws -> [EncodedPublication] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT r.publicationID, r.id, r.source, r.key, r.file, r.position, r.line, r.ingestedAt, r.metadata
                FROM publicationRecord r
                WHERE r.publicationID IN (\(selection))
                ORDER BY r.publicationID, r.id
                """,
            arguments: arguments)
        var publications: [EncodedPublication] = []
        while let row = try rows.next() {
            let publication: Int64 = row[0]
            guard let source = PublicationSource(rawValue: row[2]) else {
                throw DatabaseError(message: "unknown publication source \(String(describing: row[2] as String?)) in the store")
            }
            let record = EncodedPublication.EncodedRecord(
                id: row[1], source: source, key: row[3], origin: RecordOrigin(file: row[4], position: row[5], line: row[6]),
                ingestedAt: row[7], metadata: row[8])
            if publications.last?.id == publication {
                publications[publications.count - 1].records.append(record)
            } else {
                publications.append(EncodedPublication(id: publication, records: [record]))
            }
        }
        return publications
    }
}
