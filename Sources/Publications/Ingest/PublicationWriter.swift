import Core
import Crypto
import Foundation
import GRDB

/// A record made ready for the store where it is read, off the writing thread: its JSON, the fingerprint that
/// tells whether it changed since last stored, and the keys it is found by.
struct PreparedRecord: Sendable {
    var record: SourceRecord
    var json: Data
    var fingerprint: Data
    var keys: [PublicationKey]

    init(_ record: SourceRecord) {
        self.record = record
        json = Data(JSONOutput.bytes(of: record.metadata))
        fingerprint = Data(SHA256.hash(data: json))
        keys = record.metadata.keys
    }
}

/// A reader event with its record prepared.
enum PreparedEvent: Sendable {
    case record(PreparedRecord)
    case deletion(source: PublicationSource, key: String, origin: RecordOrigin)
    case rejected(PublicationProblem)
    case warning(PublicationProblem)

    init(_ event: ReaderEvent) {
        switch event {
        case .record(let record): self = .record(PreparedRecord(record))
        case .deletion(let source, let key, let origin): self = .deletion(source: source, key: key, origin: origin)
        case .rejected(let problem): self = .rejected(problem)
        case .warning(let problem): self = .warning(problem)
        }
    }
}

/// Applies reader events to the store inside the caller's transaction: stores each record, finds the work it
/// belongs to, merges publications that turn out to be one, and removes withdrawn records.
///
/// A record joins every publication it shares a key with (DOI, PMID, PMCID, HAL id, OpenAlex id, then title
/// key) unless their identifiers conflict (two DOIs, two PMIDs): then they are different works that happen to
/// share a title. Storing the same record twice writes nothing: its metadata's SHA-256 is compared first.
struct PublicationWriter {
    let db: Database
    let now: Date
    /// `now` as the store writes it: formatting a date costs more than inserting the row it goes in.
    private let nowValue: DatabaseValue
    private let decoder = JSONDecoder()

    init(db: Database, now: Date = Date()) {
        self.db = db
        self.now = now
        self.nowValue = now.databaseValue
    }

    func apply(_ event: PreparedEvent, to summary: inout IngestSummary) throws {
        switch event {
        case .record(let record):
            summary.read += 1
            try store(record, summary: &summary)
        case .deletion(let source, let key, let origin):
            summary.read += 1
            if try delete(source: source, key: key, file: origin.file) { summary.deleted += 1 }
        case .rejected(let problem):
            summary.read += 1
            summary.rejected += 1
            summary.rejections.append(problem)
        case .warning(let problem):
            summary.warnings.append(problem)
        }
    }

    // MARK: Records

    private func store(_ prepared: PreparedRecord, summary: inout IngestSummary) throws {
        let (record, json, fingerprint) = (prepared.record, prepared.json, prepared.fingerprint)
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, publicationID, fingerprint FROM publicationRecord WHERE source = ? AND key = ?"),
            arguments: [record.source.rawValue, record.key])
        if let existing, (existing[2] as Data) == fingerprint {
            summary.unchanged += 1
            return
        }
        let previousPublication: Int64? = existing?[1]

        let targets = try publications(joining: record.metadata.identifiers, keys: prepared.keys, alongside: previousPublication)
        let publicationID: Int64
        if let first = targets.first {
            publicationID = first
            for other in targets.dropFirst() {
                try db.execute(
                    sql: "UPDATE publicationRecord SET publicationID = ? WHERE publicationID = ?", arguments: [publicationID, other])
                try db.execute(sql: "DELETE FROM publication WHERE id = ?", arguments: [other])
                summary.joinedPublications += 1
            }
        } else {
            publicationID = try insertPublication(record)
        }

        if let existing {
            try db.cachedStatement(
                sql: """
                    UPDATE publicationRecord SET publicationID = ?, fingerprint = ?, metadata = ?, file = ?, position = ?, line = ?,
                    ingestedAt = ? WHERE id = ?
                    """
            ).execute(arguments: [
                publicationID, fingerprint, json, record.origin.file, record.origin.position, record.origin.line, nowValue, existing[0] as Int64,
            ])
            summary.updated += 1
        } else {
            try db.cachedStatement(
                sql: """
                    INSERT INTO publicationRecord (source, key, publicationID, fingerprint, metadata, file, position, line, ingestedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                record.source.rawValue, record.key, publicationID, fingerprint, json, record.origin.file, record.origin.position,
                record.origin.line, nowValue,
            ])
            if targets.isEmpty { summary.new += 1 } else { summary.merged += 1 }
        }
        try db.cachedStatement(sql: "DELETE FROM publicationDeletion WHERE source = ? AND key = ?").execute(arguments: [
            record.source.rawValue, record.key,
        ])

        if targets.isEmpty {
            // A new publication of one record: its summary and keys are the record's own, nothing to merge.
            try insertKeys(prepared.keys, of: publicationID)
        } else {
            try refresh(publicationID)
        }
    }

    /// The publications a record belongs to, oldest first: the one it was already in, then every publication
    /// sharing a key with it whose identifiers agree with the record's and with those already chosen.
    private func publications(
        joining identifiers: PublicationIdentifiers, keys: [PublicationKey], alongside previous: Int64?
    ) throws -> [Int64] {
        var chosen: [Int64] = previous.map { [$0] } ?? []
        var identifiers = identifiers
        if let previous, let known = try storedIdentifiers(of: previous) {
            identifiers = identifiers.completed(with: known)
        }
        for key in keys {
            let matches = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT publicationID FROM publicationKey WHERE kind = ? AND value = ?"),
                arguments: [key.kind.rawValue, key.value])
            for candidate in matches where !chosen.contains(candidate) {
                guard let known = try storedIdentifiers(of: candidate), !known.conflicts(with: identifiers) else { continue }
                chosen.append(candidate)
                identifiers = identifiers.completed(with: known)
            }
        }
        return chosen.sorted()
    }

    private func storedIdentifiers(of publication: Int64) throws -> PublicationIdentifiers? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT doi, pmid, pmcid, halID, openAlexID FROM publication WHERE id = ?"), arguments: [publication])
        else { return nil }
        return PublicationIdentifiers(doi: row[0], pmid: row[1], pmcid: row[2], halID: row[3], openAlexID: row[4])
    }

    private func insertPublication(_ record: SourceRecord) throws -> Int64 {
        let summary = PublicationSummaryColumns(record.metadata, recordCount: 1, sources: record.source.rawValue)
        try db.cachedStatement(
            sql: """
                INSERT INTO publication (title, year, doi, pmid, pmcid, halID, openAlexID, journal, language, hasAbstract, hasFullText,
                authorCount, recordCount, sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: summary.arguments)
        return db.lastInsertedRowID
    }

    private func insertKeys(_ keys: some Sequence<PublicationKey>, of publication: Int64) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO publicationKey (kind, value, publicationID) VALUES (?, ?, ?)")
        for key in keys { try statement.execute(arguments: [key.kind.rawValue, key.value, publication]) }
    }

    /// Recomputes a publication from its records: the summary columns from the merge, the keys from every record
    /// (so that any record's identifier finds the work again). A publication left without records goes.
    func refresh(_ publication: Int64) throws {
        let records = try StoredRecord.fetchAll(db, publication: publication, decoder: decoder)
        guard !records.isEmpty else {
            try db.execute(sql: "DELETE FROM publication WHERE id = ?", arguments: [publication])
            return
        }
        let merged = PublicationMerger.merge(records)
        let sources = Set(records.map(\.source.rawValue)).sorted().joined(separator: ",")
        let summary = PublicationSummaryColumns(merged.metadata, recordCount: records.count, sources: sources)
        try db.execute(
            sql: """
                UPDATE publication SET title = ?, year = ?, doi = ?, pmid = ?, pmcid = ?, halID = ?, openAlexID = ?, journal = ?,
                language = ?, hasAbstract = ?, hasFullText = ?, authorCount = ?, recordCount = ?, sources = ? WHERE id = ?
                """,
            arguments: summary.arguments + [publication])
        try db.execute(sql: "DELETE FROM publicationKey WHERE publicationID = ?", arguments: [publication])
        try insertKeys(Set(records.flatMap(\.metadata.keys)), of: publication)
    }

    // MARK: Deletions

    /// Removes a withdrawn record; its publication is recomputed from what remains, or goes with it.
    /// Returns whether there was such a record.
    private func delete(source: PublicationSource, key: String, file: String) throws -> Bool {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO publicationDeletion (source, key, file, deletedAt) VALUES (?, ?, ?, ?)")
            .execute(arguments: [source.rawValue, key, file, nowValue])
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, publicationID FROM publicationRecord WHERE source = ? AND key = ?"),
                arguments: [source.rawValue, key])
        else { return false }
        try db.execute(sql: "DELETE FROM publicationRecord WHERE id = ?", arguments: [row[0] as Int64])
        try refresh(row[1])
        return true
    }
}

/// The columns of `publication` that lists, counts and lookups read without decoding any JSON.
struct PublicationSummaryColumns {
    var arguments: StatementArguments

    init(_ metadata: PublicationMetadata, recordCount: Int, sources: String) {
        let identifiers = metadata.identifiers
        let journal = metadata.journal.flatMap { $0.title ?? $0.isoAbbreviation }
        arguments = [
            metadata.title, metadata.date?.year, identifiers.doi, identifiers.pmid, identifiers.pmcid, identifiers.halID,
            identifiers.openAlexID, journal, metadata.language, !(metadata.abstract?.isEmpty ?? true), !metadata.fullText.isEmpty,
            metadata.authors.count, recordCount, sources,
        ]
    }
}

extension StoredRecord {
    static func fetchAll(_ db: Database, publication: Int64, decoder: JSONDecoder = JSONDecoder()) throws -> [StoredRecord] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, source, key, file, position, line, ingestedAt, metadata FROM publicationRecord
                WHERE publicationID = ? ORDER BY id
                """,
            arguments: [publication])
        return try rows.map { row in
            guard let source = PublicationSource(rawValue: row[1]) else {
                throw DatabaseError(message: "unknown publication source \(String(describing: row[1] as String?)) in the store")
            }
            return StoredRecord(
                id: row[0], source: source, key: row[2], origin: RecordOrigin(file: row[3], position: row[4], line: row[5]),
                ingestedAt: row[6], metadata: try decoder.decode(PublicationMetadata.self, from: row[7] as Data))
        }
    }
}
