import Core
import Foundation
import GRDB
import Publications

/// A researcher as a list shows them.
public struct ResearcherSummary: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var orcid: String?
    public var mentions: Int
}

/// A researcher's page: every mention with its publication and the reasons it was merged.
public struct ResearcherProfile: Hashable, Sendable, Encodable {
    public var id: String
    public var name: String
    public var orcid: String?
    public var mentions: [Mention]

    public struct Mention: Hashable, Sendable, Encodable {
        public var key: MentionKey
        public var publicationID: Int64
        /// The name as this byline prints it.
        public var name: String?
        public var title: String?
        public var year: Int?
        public var reasons: [MergeReason]
    }
}

extension ResearcherRepository {
    /// Researchers by mentions, most first; `name` keeps those whose name holds it, accents and case aside.
    public func researchers(name: String? = nil, limit: Int = 50) async throws -> [ResearcherSummary] {
        try await store.reader.read { db in
            var sql = "SELECT id, name, orcid, mentions FROM researcher"
            var arguments: StatementArguments = []
            if let name, !name.isEmpty {
                sql += " WHERE folded LIKE ? ESCAPE '\\'"
                let escaped = name.folded.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_")
                arguments += ["%\(escaped)%"]
            }
            sql += " ORDER BY mentions DESC, id LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ResearcherSummary(id: row[0], name: row[1], orcid: row[2], mentions: row[3])
            }
        }
    }

    /// The researcher of that id, with their mentions in publication order.
    public func researcher(id: String) async throws -> ResearcherProfile? {
        try await store.reader.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, name, orcid FROM researcher WHERE id = ?", arguments: [id]) else { return nil }
            let assignments = try Row.fetchAll(
                db,
                sql:
                    "SELECT publicationID, authorPosition, reasons FROM researcherAssignment WHERE researcherID = ? ORDER BY publicationID, authorPosition",
                arguments: [id])
            let ids = Set(assignments.map { $0[0] as Int64 })
            let names = try PublicationRepository.names(db, ids)
            let decoder = JSONDecoder()
            var bylines: [Int64: [Author]] = [:]
            for publication in try PublicationRepository.publications(db, ids) {
                bylines[publication.id] = try publication.merged(decoder: decoder).authors
            }
            let mentions = try assignments.map { assignment in
                let (publication, position): (Int64, Int) = (assignment[0], assignment[1])
                let byline = bylines[publication] ?? []
                return ResearcherProfile.Mention(
                    key: MentionKey(publication: names[publication]?.name ?? "#\(publication)", position: position), publicationID: publication,
                    name: position <= byline.count ? byline[position - 1].displayName : nil, title: names[publication]?.title,
                    year: names[publication]?.year, reasons: try decoder.decode([MergeReason].self, from: Data((assignment[2] as String).utf8)))
            }
            return ResearcherProfile(id: row[0], name: row[1], orcid: row[2], mentions: mentions)
        }
    }
}
