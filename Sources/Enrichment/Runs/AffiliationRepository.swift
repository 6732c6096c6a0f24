import Core
import Foundation
import GRDB
import Publications
import Store

/// What the store knows of one distinct affiliation string.
public struct StoredAffiliation: Hashable, Sendable {
    /// Best first; empty when nothing matched.
    public var matches: [AffiliationMatch]
    /// What the string reads as without a registry (`AffiliationReader`).
    public var structure: String?
    public var countryCode: String?
    /// The registry version that made the matches, or `curated`.
    public var registryVersion: String
    public var isCorrected: Bool
}

/// What a run of affiliation enrichment did.
public struct AffiliationRunSummary: Hashable, Sendable, Codable {
    /// Publications whose affiliation strings were read again.
    public var publicationsRead: Int
    /// Distinct strings matched in this run (new ones, and those an older registry version had matched).
    public var stringsMatched: Int
    /// Of those, the strings whose matches changed.
    public var stringsChanged: Int
    public var seconds: Double
}

/// How much of the affiliations the registry explains.
public struct AffiliationStatistics: Hashable, Sendable, Codable {
    /// Distinct affiliation strings printed by the publications.
    public var strings: Int
    public var matched: Int
    public var unmatched: Int
    public var corrected: Int
    /// Strings not yet matched (enrichment has not run since they came).
    public var pending: Int
    /// Affiliations as printed in bylines (a string in ten publications counts ten).
    public var occurrences: Int
    public var occurrencesMatched: Int
    /// Strings per registry version that matched them.
    public var byRegistryVersion: [String: Int]
}

/// The bylines of publications decoded by one step of a run, kept for the next, up to a limit that bounds memory.
public struct PublicationBylines: Sendable {
    public let limit: Int
    public private(set) var metadata: [Int64: PublicationMetadata] = [:]

    public init(limit: Int) { self.limit = limit }

    mutating func keep(_ byline: PublicationMetadata, for id: Int64) {
        if metadata.count < limit { metadata[id] = byline }
    }

    /// What enrichment reads of a publication: its authors with their affiliations, and its topics.
    static func byline(of metadata: PublicationMetadata) -> PublicationMetadata {
        PublicationMetadata(keywords: metadata.keywords, meshHeadings: metadata.meshHeadings, authors: metadata.authors)
    }
}

/// Affiliation strings read from the publications, matched to the registry, corrected by curators.
public struct AffiliationRepository: Sendable {
    public let store: Store
    /// Publications read per transaction: a killed run loses at most one batch, and the rest stays pending.
    public var batchSize = 500
    /// Strings matched then written per transaction.
    public var matchBatchSize = 4_000

    public init(store: Store) { self.store = store }

    /// Reads the affiliation strings of every publication written since the last run.
    public func readPendingPublications() async throws -> Int {
        var bylines = PublicationBylines(limit: 0)
        return try await readPendingPublications(keeping: &bylines)
    }

    /// Reads the affiliation strings of every publication written since the last run, and keeps their bylines
    /// for the researchers' step up to `bylines`' limit: a first run would otherwise decode every publication twice.
    public func readPendingPublications(keeping bylines: inout PublicationBylines) async throws -> Int {
        var read = 0
        while true {
            let page = try await store.reader.read { [batchSize] db in
                let ids = try Int64.fetchAll(
                    db, sql: "SELECT publicationID FROM enrichmentPending ORDER BY publicationID LIMIT ?", arguments: [batchSize])
                return (ids, try PublicationRepository.publications(db, ids))
            }
            guard !page.0.isEmpty else { return read }
            let decoded = try await Self.bylines(page.1)
            for (id, byline) in decoded { bylines.keep(byline, for: id) }
            try await store.writer.write { db in
                let list = page.0.map(String.init).joined(separator: ",")
                try db.execute(sql: "DELETE FROM affiliationOccurrence WHERE publicationID IN (\(list))")
                let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO affiliationOccurrence (publicationID, text) VALUES (?, ?)")
                for (id, byline) in decoded {
                    for text in Self.affiliationStrings(of: byline) { try insert.execute(arguments: [id, text]) }
                }
                try db.execute(sql: "DELETE FROM enrichmentPending WHERE publicationID IN (\(list))")
            }
            read += page.1.count
        }
    }

    /// Each publication's byline, decoded and merged on every core.
    static func bylines(_ publications: [EncodedPublication]) async throws -> [(Int64, PublicationMetadata)] {
        let parts = ProcessInfo.processInfo.activeProcessorCount
        let size = max(1, (publications.count + parts - 1) / parts)
        return try await withThrowingTaskGroup(of: [(Int64, PublicationMetadata)].self) { group in
            for start in stride(from: 0, to: publications.count, by: size) {
                let slice = publications[start..<min(start + size, publications.count)]
                group.addTask {
                    let decoder = JSONDecoder()
                    return try slice.map { publication in (publication.id, PublicationBylines.byline(of: try publication.merged(decoder: decoder))) }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }

    /// The distinct, trimmed affiliation strings of a byline, in order.
    public static func affiliationStrings(of metadata: PublicationMetadata) -> [String] {
        var seen: Set<String> = []
        return metadata.authors.flatMap(\.affiliations).compactMap { text in
            let trimmed = text.trimmingWhitespace
            return !trimmed.isEmpty && seen.insert(trimmed).inserted ? trimmed : nil
        }
    }

    /// Matches every printed string that has no match from `registryVersion` and no correction, on every core;
    /// rows are rewritten only where the matches or the reading changed.
    public func matchPendingStrings(
        registryVersion: String, matcher: @escaping @Sendable (String) -> [AffiliationMatch]
    ) async throws -> (matched: Int, changed: Int) {
        var matched = 0
        var changed = 0
        var after = ""
        // A batch is written while the next one is matched: writing is one connection's work, matching every core's.
        var writing: Task<Int, any Error>?
        defer { writing?.cancel() }
        while true {
            let texts = try await store.reader.read { [matchBatchSize, after] db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT o.text FROM affiliationOccurrence o LEFT JOIN affiliationMatch m ON m.text = o.text
                        WHERE o.text > ? AND \(Self.awaitingMatch) ORDER BY o.text LIMIT ?
                        """,
                    arguments: [after, registryVersion, matchBatchSize])
            }
            guard let last = texts.last else {
                if let writing { changed += try await writing.value }
                return (matched, changed)
            }
            after = last
            let rows = await Self.match(texts, matcher: matcher)
            if let previous = writing { changed += try await previous.value }
            writing = Task { [store] in try await store.writer.write { db in try Self.write(rows, registryVersion: registryVersion, db) } }
            matched += rows.count
        }
    }

    /// A printed string (`o`) whose stored match (`m`, joined on its text) is missing, or made by a registry other
    /// than the one bound to `?`, and not a curator's.
    private static let awaitingMatch = "(m.text IS NULL OR (m.registryVersion <> ? AND NOT m.isCorrected))"

    /// Whether a run has anything to read or match with the registry of `registryVersion`.
    public func hasPendingWork(registryVersion: String) async throws -> Bool {
        try await store.reader.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM enrichmentPending) OR EXISTS (
                        SELECT 1 FROM affiliationOccurrence o LEFT JOIN affiliationMatch m ON m.text = o.text WHERE \(Self.awaitingMatch))
                    """,
                arguments: [registryVersion]) ?? false
        }
    }

    struct MatchRow: Sendable {
        var text: String
        var matches: [AffiliationMatch]
        var structure: String?
        var countryCode: String?
    }

    static func match(_ texts: [String], matcher: @escaping @Sendable (String) -> [AffiliationMatch]) async -> [MatchRow] {
        let parts = ProcessInfo.processInfo.activeProcessorCount
        let size = max(1, (texts.count + parts - 1) / parts)
        return await withTaskGroup(of: (Int, [MatchRow]).self) { group in
            for start in stride(from: 0, to: texts.count, by: size) {
                let slice = texts[start..<min(start + size, texts.count)]
                group.addTask {
                    (
                        start,
                        slice.map { text in
                            // What the string reads as is shown only when nothing matched: reading costs as much as matching.
                            let matches = matcher(text)
                            let reading = matches.isEmpty ? AffiliationReader.read(text) : AffiliationReading()
                            return MatchRow(text: text, matches: matches, structure: reading.structure, countryCode: reading.country?.code)
                        }
                    )
                }
            }
            let parts = await group.reduce(into: []) { $0.append($1) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// Upserts the rows; returns how many changed what they say.
    static func write(_ rows: [MatchRow], registryVersion: String, isCorrected: Bool = false, _ db: Database) throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO affiliationMatch (text, matches, structure, countryCode, registryVersion, isCorrected, matchedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(text) DO UPDATE SET matches = excluded.matches, structure = excluded.structure,
                    countryCode = excluded.countryCode, registryVersion = excluded.registryVersion,
                    isCorrected = excluded.isCorrected, matchedAt = excluded.matchedAt
                """)
        let previous = try db.cachedStatement(sql: "SELECT matches, structure, countryCode FROM affiliationMatch WHERE text = ?")
        var changed = 0
        let now = Date()
        for row in rows {
            let matches = String(decoding: try encoder.encode(row.matches), as: UTF8.self)
            if let old = try Row.fetchOne(previous, arguments: [row.text]) {
                let oldMatches: String = old[0]
                let oldStructure: String? = old[1]
                let oldCountry: String? = old[2]
                if oldMatches != matches || oldStructure != row.structure || oldCountry != row.countryCode { changed += 1 }
            } else {
                changed += 1
            }
            try upsert.execute(arguments: [row.text, matches, row.structure, row.countryCode, registryVersion, isCorrected, now])
        }
        return changed
    }

    /// A curator's decision on a string: these organisations (none, to say it names no organisation of the
    /// registry). Kept across registry versions and reruns, and applied at once.
    public func correct(_ text: String, organisations: [AffiliationMatch], curator: String, note: String?) async throws {
        let text = text.trimmingWhitespace
        try await store.writer.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO affiliationCorrection (text, organisationIDs, curator, note, correctedAt) VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [text, String(decoding: try JSONEncoder().encode(organisations.map(\.id)), as: UTF8.self), curator, note, Date()])
            let reading = AffiliationReader.read(text)
            let row = MatchRow(
                text: text, matches: organisations.map { AffiliationMatch(id: $0.id, name: $0.name, country: $0.country, score: 1) },
                structure: reading.structure, countryCode: reading.country?.code)
            _ = try Self.write([row], registryVersion: "curated", isCorrected: true, db)
        }
    }

    /// Forgets a correction: the string is matched again at the next run.
    public func removeCorrection(_ text: String) async throws -> Bool {
        try await store.writer.write { db in
            try db.execute(sql: "DELETE FROM affiliationCorrection WHERE text = ?", arguments: [text])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: "DELETE FROM affiliationMatch WHERE text = ?", arguments: [text])
            return true
        }
    }

    /// What the store says of each of these strings, read in the caller's transaction (the search builder's).
    public static func stored(_ texts: some Collection<String>, in db: Database) throws -> [String: StoredAffiliation] {
        let decoder = JSONDecoder()
        let statement = try db.cachedStatement(
            sql: "SELECT matches, structure, countryCode, registryVersion, isCorrected FROM affiliationMatch WHERE text = ?")
        var stored: [String: StoredAffiliation] = [:]
        for text in texts {
            guard let row = try Row.fetchOne(statement, arguments: [text]) else { continue }
            let matches: String = row[0]
            stored[text] = StoredAffiliation(
                matches: try decoder.decode([AffiliationMatch].self, from: Data(matches.utf8)), structure: row[1], countryCode: row[2],
                registryVersion: row[3], isCorrected: row[4])
        }
        return stored
    }

    public func statistics() async throws -> AffiliationStatistics {
        try await store.reader.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*), COALESCE(SUM(m.matches <> '[]'), 0), COALESCE(SUM(m.matches = '[]'), 0),
                        COALESCE(SUM(m.isCorrected), 0), COALESCE(SUM(m.text IS NULL), 0), COALESCE(SUM(s.n), 0),
                        COALESCE(SUM(CASE WHEN m.matches <> '[]' THEN s.n ELSE 0 END), 0)
                    FROM (SELECT text, COUNT(*) AS n FROM affiliationOccurrence GROUP BY text) s
                    LEFT JOIN affiliationMatch m ON m.text = s.text
                    """)
            let versions = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.registryVersion, COUNT(*) FROM affiliationMatch m
                    WHERE EXISTS (SELECT 1 FROM affiliationOccurrence o WHERE o.text = m.text) GROUP BY m.registryVersion
                    """)
            return AffiliationStatistics(
                strings: row?[0] ?? 0, matched: row?[1] ?? 0, unmatched: row?[2] ?? 0, corrected: row?[3] ?? 0, pending: row?[4] ?? 0,
                occurrences: row?[5] ?? 0, occurrencesMatched: row?[6] ?? 0,
                byRegistryVersion: Dictionary(uniqueKeysWithValues: versions.map { ($0[0], $0[1]) }))
        }
    }

    /// The most printed strings nothing matched: where the registry or the matcher falls short.
    public func unmatched(limit: Int) async throws -> [(text: String, occurrences: Int)] {
        try await store.reader.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.text, COUNT(*) AS n FROM affiliationOccurrence o JOIN affiliationMatch m ON m.text = o.text
                    WHERE m.matches = '[]' GROUP BY o.text ORDER BY n DESC, o.text LIMIT ?
                    """,
                arguments: [limit]
            ).map { ($0[0], $0[1]) }
        }
    }
}
