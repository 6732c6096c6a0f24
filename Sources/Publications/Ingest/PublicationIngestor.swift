import Core
import Foundation
import GRDB
import Store

/// Whether an ingest keeps a record; called once per record, off the caller's thread.
public typealias RecordFilter = @Sendable (PublicationMetadata) -> Bool

/// How far an ingest has gone: records read, and the share of the file when the reader can tell.
public struct IngestProgress: Sendable {
    public var read: Int
    /// Records the filter left out so far.
    public var skipped = 0
    public var fractionRead: Double?
}

/// Why an ingest wrote nothing of a file.
public struct PublicationIngestError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// The problem that made the file unreadable, or, with `strict`, every rejection and warning.
    public var problems: [PublicationProblem]

    public var description: String {
        "\(file): nothing ingested from this file:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// Brings records into the store: from files, one transaction per file, or from harvested pages, one
/// transaction per page with the harvest's checkpoint.
///
/// A file is all or nothing. A malformed or truncated file (bad XML or JSON, a broken gzip stream) is an
/// error: its transaction is rolled back and the problem names the file, line and record — fix or fetch the
/// file again and re-run; what was ingested before is untouched, and re-ingesting what is already stored
/// changes nothing. A record that cannot be used (no identifier nor title) is rejected and counted, the file
/// goes on; `strict` makes any rejection or warning fail the file instead.
///
/// A `filter` keeps only the records it accepts (`hublot publications scan` keeps the candidates of its
/// classifier): the others are read and counted as skipped, never stored. It runs on the preparing thread,
/// so the file is still read once, in constant memory; deletions apply whatever it says.
public struct PublicationIngestor: Sendable {
    public let store: Store
    public var strict: Bool
    public var filter: RecordFilter?

    public init(store: Store, strict: Bool = false, filter: RecordFilter? = nil) {
        self.store = store
        self.strict = strict
        self.filter = filter
    }

    /// Ingests the file at `path`, read as `format`.
    public func ingest(
        _ path: String, as format: PublicationSource, progress: (@Sendable (IngestProgress) -> Void)? = nil
    ) throws(PublicationIngestError) -> IngestSummary {
        try ingest(file: path, progress: progress) { () throws(PublicationProblem) in try PublicationFormats.reader(for: format, path: path) }
    }

    /// Ingests what a reader gives, the reader running on its own thread while this one writes.
    public func ingest(
        file: String, progress: (@Sendable (IngestProgress) -> Void)? = nil,
        reader makeReader: @escaping @Sendable () throws(PublicationProblem) -> any PublicationReader
    ) throws(PublicationIngestError) -> IngestSummary {
        let pipe = EventPipe.preparing(EventPipe.reading(makeReader), keeping: filter)
        do {
            return try store.writer.write { db in
                let writer = PublicationWriter(db: db)
                var summary = IngestSummary()
                do {
                    while let batch = try pipe.receive() {
                        for event in batch.events { try writer.apply(event, to: &summary) }
                        progress?(IngestProgress(read: summary.read, skipped: summary.skipped, fractionRead: batch.fractionRead))
                    }
                } catch {
                    pipe.cancel()
                    throw error
                }
                if strict, !(summary.rejections.isEmpty && summary.warnings.isEmpty) {
                    throw PublicationIngestError(file: file, problems: summary.rejections + summary.warnings)
                }
                return summary
            }
        } catch let error as PublicationIngestError {
            throw error
        } catch let problem as PublicationProblem {
            throw PublicationIngestError(file: file, problems: [problem])
        } catch {
            throw PublicationIngestError(
                file: file, problems: [PublicationProblem(.unreadableFile, at: SourceLocation(file: file), "the store refused the write: \(error)")])
        }
    }

    /// Stores one harvested page and the checkpoint reached after it, in one transaction: a harvest stopped at
    /// any moment has stored either both or neither.
    public func store(_ events: [ReaderEvent], checkpoint: HarvestCheckpoint) async throws -> IngestSummary {
        let filter = self.filter
        let prepared = events.map { PreparedEvent($0, keeping: filter) }
        return try await store.writer.write { db in
            let writer = PublicationWriter(db: db)
            var summary = IngestSummary()
            for event in prepared { try writer.apply(event, to: &summary) }
            try checkpoint.save(db)
            return summary
        }
    }

    /// Where the harvest of `key` stopped, if it ever ran.
    public func checkpoint(for key: HarvestKey) async throws -> HarvestCheckpoint? {
        try await store.reader.read { db in try HarvestCheckpoint.fetch(db, key: key) }
    }
}

extension HarvestCheckpoint {
    func save(_ db: Database) throws {
        let state = String(decoding: try JSONEncoder().encode(self.state), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO harvestCheckpoint (source, query, since, state, fetched, total, isComplete, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [key.source.rawValue, key.query, key.since, state, fetched, total, isComplete, Date()])
    }

    static func fetch(_ db: Database, key: HarvestKey) throws -> HarvestCheckpoint? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT state, fetched, total, isComplete FROM harvestCheckpoint WHERE source = ? AND query = ? AND since = ?",
                arguments: [key.source.rawValue, key.query, key.since])
        else { return nil }
        let state = try JSONDecoder().decode([String: String].self, from: Data((row[0] as String).utf8))
        return HarvestCheckpoint(key: key, state: state, fetched: row[1], total: row[2], isComplete: row[3])
    }
}
