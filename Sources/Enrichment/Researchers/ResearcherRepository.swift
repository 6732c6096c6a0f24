import Foundation
import GRDB
import Publications
import Store

/// What `enrich researchers run` did.
public struct ResearcherRunSummary: Hashable, Sendable, Codable {
    public var statistics: ResearcherDisambiguation.Statistics
    /// Assignments written because they are new or changed, and removed because their mention is gone.
    public var assignmentsWritten = 0
    public var assignmentsRemoved = 0
    /// Publications with at least one assignment written or removed.
    public var publicationsChanged = 0

    public init(statistics: ResearcherDisambiguation.Statistics) { self.statistics = statistics }
}

/// Every read and write of researchers the edges (CLI, web, the search builder) need.
public struct ResearcherRepository: Sendable {
    public let store: Store
    public var pageSize = 256

    public init(store: Store) { self.store = store }

    /// Disambiguates every author of the store with the stored corrections and rewrites the assignments that
    /// changed. `structures` gives what stands for an affiliation string's structures (its matched organisation
    /// ids, or the institution read from it); where it answers nil, the institution is read from the string here.
    /// `decoded` holds publications another step has decoded already (`PublicationBylines`).
    public func run(
        structures: @Sendable @escaping (String) -> [String]? = { _ in nil }, decoded: [Int64: PublicationMetadata] = [:]
    ) async throws -> ResearcherRunSummary {
        let read = try await readMentions(structures: structures, decoded: decoded)
        let (previous, corrections) = try await store.reader.read { db in
            (try Self.storedAssignments(db), try Self.corrections(db))
        }
        var previousIDs: [MentionKey: String] = [:]
        for (publication, positions) in previous {
            guard let name = read.names[publication] else { continue }
            for (position, stored) in positions { previousIDs[MentionKey(publication: name, position: position)] = stored.researcher }
        }
        let result = ResearcherDisambiguation().run(read.mentions, corrections: corrections, previous: previousIDs)
        return try await write(result, previous: previous, publications: read.publications)
    }

    struct StoredAssignment: Hashable {
        var researcher: String
        var reasons: String
    }

    struct ReadMentions {
        var mentions: [AuthorMention] = []
        /// Publication number to lasting name, and back.
        var names: [Int64: String] = [:]
        var publications: [String: Int64] = [:]
    }

    /// Every publication's merged byline as mentions, pages decoded on every core.
    private func readMentions(
        structures: @Sendable @escaping (String) -> [String]?, decoded: [Int64: PublicationMetadata]
    ) async throws -> ReadMentions {
        let publications = PublicationRepository(store: store)
        var read = ReadMentions()
        try await withThrowingTaskGroup(of: [(Int64, String, [AuthorMention])].self) { group in
            var after: Int64 = 0
            var inFlight = 0
            var exhausted = false
            let pagesInFlight = ProcessInfo.processInfo.activeProcessorCount + 1
            while true {
                while !exhausted && inFlight < pagesInFlight {
                    let page = try await publications.page(after: after, limit: pageSize)
                    guard let last = page.last else {
                        exhausted = true
                        break
                    }
                    after = last.id
                    let names = try await store.reader.read { db in try PublicationRepository.names(db, page.map(\.id)) }
                    group.addTask { try Self.mentions(of: page, names: names, structures: structures, decoded: decoded) }
                    inFlight += 1
                }
                guard let page = try await group.next() else { break }
                inFlight -= 1
                for (id, name, mentions) in page {
                    read.names[id] = name
                    if read.publications[name] == nil { read.publications[name] = id }
                    read.mentions += mentions
                }
            }
        }
        return read
    }

    private static func mentions(
        of page: [EncodedPublication], names: [Int64: PublicationName], structures: (String) -> [String]?,
        decoded: [Int64: PublicationMetadata]
    ) throws -> [(Int64, String, [AuthorMention])] {
        let decoder = JSONDecoder()
        var known: [String: [String]] = [:]
        func structuresOf(_ affiliation: String) -> [String] {
            if let found = known[affiliation] { return found }
            let found = structures(affiliation) ?? AuthorMention.institution(affiliation)
            known[affiliation] = found
            return found
        }
        return try page.map { publication in
            let name = names[publication.id]?.name ?? "#\(publication.id)"
            let metadata = try decoded[publication.id] ?? publication.merged(decoder: decoder)
            return (publication.id, name, AuthorMention.mentions(in: metadata, publication: name, structures: structuresOf))
        }
    }

    /// Writes the assignments that changed and the researchers, in one transaction.
    private func write(
        _ result: ResearcherDisambiguation.Result, previous: [Int64: [Int: StoredAssignment]], publications: [String: Int64]
    ) async throws -> ResearcherRunSummary {
        var summary = ResearcherRunSummary(statistics: result.statistics)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var upserts: [(Int64, Int, StoredAssignment)] = []
        var kept: Set<[Int64]> = []
        for researcher in result.researchers {
            for mention in researcher.mentions {
                guard let publication = publications[mention.key.publication] else { continue }
                let stored = StoredAssignment(
                    researcher: researcher.id, reasons: String(decoding: try encoder.encode(mention.reasons), as: UTF8.self))
                kept.insert([publication, Int64(mention.key.position)])
                if previous[publication]?[mention.key.position] != stored { upserts.append((publication, mention.key.position, stored)) }
            }
        }
        var removals: [(Int64, Int)] = []
        for (publication, positions) in previous {
            for position in positions.keys where !kept.contains([publication, Int64(position)]) { removals.append((publication, position)) }
        }
        summary.assignmentsWritten = upserts.count
        summary.assignmentsRemoved = removals.count
        summary.publicationsChanged = Set(upserts.map(\.0) + removals.map(\.0)).count
        let researchers = result.researchers
        try await store.writer.write { [upserts, removals] db in
            let upsert = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO researcherAssignment (publicationID, authorPosition, researcherID, reasons) VALUES (?, ?, ?, ?)")
            for (publication, position, stored) in upserts {
                try upsert.execute(arguments: [publication, position, stored.researcher, stored.reasons])
            }
            let delete = try db.cachedStatement(sql: "DELETE FROM researcherAssignment WHERE publicationID = ? AND authorPosition = ?")
            for (publication, position) in removals { try delete.execute(arguments: [publication, position]) }
            try Self.replaceResearchers(researchers, db)
        }
        return summary
    }

    /// The `researcher` rows, changed only where a researcher's name, ORCID or count changed.
    private static func replaceResearchers(_ researchers: [Researcher], _ db: Database) throws {
        var existing: [String: Row] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name, orcid, mentions FROM researcher") { existing[row[0]] = row }
        let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO researcher (id, name, orcid, mentions, folded) VALUES (?, ?, ?, ?, ?)")
        for researcher in researchers {
            let row = existing.removeValue(forKey: researcher.id)
            if let row, (row[1] as String) == researcher.name, (row[2] as String?) == researcher.orcid, (row[3] as Int) == researcher.mentions.count {
                continue
            }
            try upsert.execute(arguments: [researcher.id, researcher.name, researcher.orcid, researcher.mentions.count, researcher.name.folded])
        }
        let delete = try db.cachedStatement(sql: "DELETE FROM researcher WHERE id = ?")
        for id in existing.keys { try delete.execute(arguments: [id]) }
    }

    static func storedAssignments(_ db: Database) throws -> [Int64: [Int: StoredAssignment]] {
        var found: [Int64: [Int: StoredAssignment]] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT publicationID, authorPosition, researcherID, reasons FROM researcherAssignment")
        while let row = try rows.next() { found[row[0], default: [:]][row[1]] = StoredAssignment(researcher: row[2], reasons: row[3]) }
        return found
    }

    // MARK: The search builder

    /// Publication → author position (from 1) → researcher id, for the given publications, in the caller's
    /// transaction.
    public static func assignments(publicationIDs: [Int64], in db: Database) throws -> [Int64: [Int: String]] {
        guard !publicationIDs.isEmpty else { return [:] }
        var found: [Int64: [Int: String]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT publicationID, authorPosition, researcherID FROM researcherAssignment
                WHERE publicationID IN (\(publicationIDs.map(String.init).joined(separator: ",")))
                """)
        while let row = try rows.next() { found[row[0], default: [:]][row[1]] = row[2] }
        return found
    }
}
