import Foundation
import GRDB
import Store

/// Counts over the publications, as `hublot publications stats` and the API give them.
public struct PublicationStatistics: Hashable, Sendable, Codable {
    public var publications: Int
    /// Stored records per source.
    public var bySource: [String: Int]
    /// Publications made of records from more than one source.
    public var merged: Int
    public var records: Int
    public var withAbstract: Int
    public var withFullText: Int
    public var withDOI: Int
    public var withPMID: Int
    public var withAuthors: Int
    /// Records withdrawn by their source and removed.
    public var deleted: Int
    public var byYear: [String: Int]
    public var harvests: [HarvestCheckpoint]

    private enum CodingKeys: String, CodingKey {
        case publications, bySource, merged, records, withAbstract, withFullText
        case withDOI = "withDoi"
        case withPMID = "withPmid"
        case withAuthors, deleted, byYear, harvests
    }
}

/// A publication with the provenance of each field: which record of which source said it.
public struct PublicationDetails: Hashable, Sendable, Encodable {
    public var id: Int64
    public var metadata: PublicationMetadata
    /// `title` → `pubmed:29768149`.
    public var provenance: [PublicationField: String]
    public var records: [RecordSummary]

    public struct RecordSummary: Hashable, Sendable, Encodable {
        public var source: PublicationSource
        public var key: String
        public var file: String
        public var position: Int
        public var line: Int?
        public var ingestedAt: Date
        /// The fields of the publication this record gave.
        public var fields: [PublicationField]
    }

    init(id: Int64, merged: MergedPublication) {
        self.id = id
        self.metadata = merged.metadata
        self.provenance = merged.provenance.mapValues(\.reference)
        self.records = merged.records.map { record in
            RecordSummary(
                source: record.source, key: record.key, file: record.origin.file, position: record.origin.position, line: record.origin.line,
                ingestedAt: record.ingestedAt,
                fields: PublicationField.allCases.filter { merged.provenance[$0]?.id == record.id })
        }
    }

    public func encode(to encoder: any Encoder) throws {
        // The merged metadata's fields at the top level, next to the id, provenance and records.
        try metadata.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(records, forKey: .records)
    }

    private enum CodingKeys: String, CodingKey { case id, provenance, records }
}

/// How a user names a publication: Hublot's id, or any identifier (`doi:10.…`, `10.…`, `pmid:…`, `PMC…`,
/// `hal-…`, `W…`).
public enum PublicationReference: Hashable, Sendable {
    case id(Int64)
    case key(PublicationKey)

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lowered = trimmed.lowercased()
        func prefixed(_ prefix: String) -> String? {
            lowered.hasPrefix(prefix) ? String(trimmed.dropFirst(prefix.count)) : nil
        }
        if let id = Int64(trimmed) {
            self = .id(id)
        } else if let value = prefixed("pmid:"), let pmid = Normalize.pmid(value) {
            self = .key(PublicationKey(.pmid, pmid))
        } else if let value = prefixed("pmcid:") ?? (lowered.hasPrefix("pmc") ? trimmed : nil), let pmcid = Normalize.pmcid(value) {
            self = .key(PublicationKey(.pmcid, pmcid))
        } else if let value = prefixed("hal:") ?? (lowered.hasPrefix("hal-") ? trimmed : nil), let hal = Normalize.halID(value) {
            self = .key(PublicationKey(.hal, hal))
        } else if let value = prefixed("openalex:") ?? (lowered.hasPrefix("w") || lowered.contains("openalex.org") ? trimmed : nil),
            let openAlex = Normalize.openAlexID(value)
        {
            self = .key(PublicationKey(.openalex, openAlex))
        } else if let doi = Normalize.doi(trimmed) {
            self = .key(PublicationKey(.doi, doi))
        } else {
            return nil
        }
    }
}

/// Every read the edges (CLI, web) need about publications, one read transaction each.
public struct PublicationRepository: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func statistics() async throws -> PublicationStatistics {
        try await store.reader.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            var bySource: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT source, COUNT(*) FROM publicationRecord GROUP BY source") {
                bySource[row[0]] = row[1]
            }
            var byYear: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT year, COUNT(*) FROM publication WHERE year IS NOT NULL GROUP BY year") {
                byYear[String(row[0] as Int)] = row[1]
            }
            let harvests = try Row.fetchAll(db, sql: "SELECT source, query, since FROM harvestCheckpoint ORDER BY updatedAt").compactMap { row in
                try PublicationSource(rawValue: row[0]).flatMap { source in
                    try HarvestCheckpoint.fetch(db, key: HarvestKey(source: source, query: row[1], since: row[2]))
                }
            }
            return PublicationStatistics(
                publications: try count("SELECT COUNT(*) FROM publication"),
                bySource: bySource,
                merged: try count("SELECT COUNT(*) FROM publication WHERE sources LIKE '%,%'"),
                records: try count("SELECT COUNT(*) FROM publicationRecord"),
                withAbstract: try count("SELECT COUNT(*) FROM publication WHERE hasAbstract"),
                withFullText: try count("SELECT COUNT(*) FROM publication WHERE hasFullText"),
                withDOI: try count("SELECT COUNT(*) FROM publication WHERE doi IS NOT NULL"),
                withPMID: try count("SELECT COUNT(*) FROM publication WHERE pmid IS NOT NULL"),
                withAuthors: try count("SELECT COUNT(*) FROM publication WHERE authorCount > 0"),
                deleted: try count("SELECT COUNT(*) FROM publicationDeletion"),
                byYear: byYear,
                harvests: harvests)
        }
    }

    /// The publication a reference names, merged from its records, or nil.
    public func publication(_ reference: PublicationReference) async throws -> PublicationDetails? {
        try await store.reader.read { db in
            let id: Int64?
            switch reference {
            case .id(let value):
                id = try Int64.fetchOne(db, sql: "SELECT id FROM publication WHERE id = ?", arguments: [value])
            case .key(let key):
                id = try Int64.fetchOne(
                    db, sql: "SELECT publicationID FROM publicationKey WHERE kind = ? AND value = ? ORDER BY publicationID LIMIT 1",
                    arguments: [key.kind.rawValue, key.value])
            }
            guard let id else { return nil }
            let records = try StoredRecord.fetchAll(db, publication: id)
            guard !records.isEmpty else { return nil }
            return PublicationDetails(id: id, merged: PublicationMerger.merge(records))
        }
    }
}
