import Foundation
import GRDB

/// A publication as the files Hublot exchanges name it (label files, exports, curators' decisions), with what
/// lists show of it.
///
/// The name must outlive Hublot's numbers, which a new store or a re-harvest changes: it is the key the
/// publication's `jsonl` record was given at ingest (a team's own id), else its strongest identifier
/// (`pmid:…`, `doi:…`, `pmcid:…`, `hal:…`, `openalex:…`), else its first record's reference (`crossref:…`).
public struct PublicationName: Hashable, Sendable, Codable {
    public var id: Int64
    public var name: String
    public var title: String?
    public var year: Int?
    public var doi: String?
    public var pmid: String?

    static let selection = """
        SELECT p.id, p.title, p.year, p.doi, p.pmid, p.pmcid, p.halID, p.openAlexID,
        (SELECT key FROM publicationRecord WHERE publicationID = p.id AND source = 'jsonl' ORDER BY id LIMIT 1),
        (SELECT source || ':' || key FROM publicationRecord WHERE publicationID = p.id ORDER BY id LIMIT 1)
        FROM publication p
        """

    init(row: Row) {
        id = row[0]
        title = row[1]
        year = row[2]
        doi = row[3]
        pmid = row[4]
        let pmcid: String? = row[5]
        let hal: String? = row[6]
        let openAlex: String? = row[7]
        let jsonlKey: String? = row[8]
        let firstRecord: String? = row[9]
        name =
            jsonlKey ?? pmid.map { "pmid:\($0)" } ?? doi.map { "doi:\($0)" } ?? pmcid ?? hal.map { "hal:\($0)" }
            ?? openAlex.map { "openalex:\($0)" } ?? firstRecord ?? "#\(id)"
    }

    /// The publication a name designates, in the order a label file needs: a `jsonl` record of that key, an
    /// identifier (`pmid:N`, bare digits as a PMID, `doi:…` or a bare DOI, `PMC…`, `hal-…`, `W…`), a record
    /// reference (`pubmed:N`), or Hublot's number written `#N`.
    public static func resolve(_ db: Database, _ text: String) throws -> Int64? {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return nil }
        func record(_ source: String, _ key: String) throws -> Int64? {
            try Int64.fetchOne(
                db, sql: "SELECT publicationID FROM publicationRecord WHERE source = ? AND key = ? LIMIT 1", arguments: [source, key])
        }
        func key(_ key: PublicationKey) throws -> Int64? {
            try Int64.fetchOne(
                db, sql: "SELECT publicationID FROM publicationKey WHERE kind = ? AND value = ? ORDER BY publicationID LIMIT 1",
                arguments: [key.kind.rawValue, key.value])
        }
        if let id = try record(PublicationSource.jsonl.rawValue, name) { return id }
        if name.hasPrefix("#"), let id = Int64(name.dropFirst()) {
            return try Int64.fetchOne(db, sql: "SELECT id FROM publication WHERE id = ?", arguments: [id])
        }
        if name.allSatisfy(\.isASCIIDigitCharacter), let pmid = Normalize.pmid(name) { return try key(PublicationKey(.pmid, pmid)) }
        if case .key(let identifier) = PublicationReference(name), let id = try key(identifier) { return id }
        if let colon = name.firstIndex(of: ":"), let source = PublicationSource(rawValue: String(name[..<colon]).lowercased()) {
            return try record(source.rawValue, String(name[name.index(after: colon)...]))
        }
        return nil
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension PublicationRepository {
    /// The publication each name designates (see `PublicationName.resolve`); names that designate none are absent.
    public func resolve(_ names: some Sequence<String> & Sendable) async throws -> [String: Int64] {
        try await store.reader.read { db in
            var found: [String: Int64] = [:]
            for name in names { if let id = try PublicationName.resolve(db, name) { found[name] = id } }
            return found
        }
    }

    /// The names of the given publications that exist.
    public func names(_ ids: some Collection<Int64> & Sendable) async throws -> [Int64: PublicationName] {
        try await store.reader.read { db in try Self.names(db, ids) }
    }

    public static func names(_ db: Database, _ ids: some Collection<Int64>) throws -> [Int64: PublicationName] {
        guard !ids.isEmpty else { return [:] }
        let rows = try Row.fetchAll(db, sql: "\(PublicationName.selection) WHERE p.id IN (\(ids.map(String.init).joined(separator: ",")))")
        return Dictionary(uniqueKeysWithValues: rows.map { row in (row[0] as Int64, PublicationName(row: row)) })
    }

    /// The names of the publications whose id is above `id`, `limit` at most, in id order.
    public static func names(_ db: Database, after id: Int64, limit: Int) throws -> [PublicationName] {
        try Row.fetchAll(db, sql: "\(PublicationName.selection) WHERE p.id > ? ORDER BY p.id LIMIT ?", arguments: [id, limit])
            .map(PublicationName.init(row:))
    }
}
