import Foundation
import GRDB
import Publications

/// A correction Hublot cannot record: a mention that designates no author, or a researcher it does not know.
public struct ResearcherCorrectionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

extension ResearcherRepository {
    /// Records a curator's decision, each mention under its publication's lasting name (`#12#3` is stored as
    /// `pmid:…#3`); the next `run` applies it, and every run after.
    @discardableResult
    public func correct(_ correction: ResearcherCorrection) async throws -> ResearcherCorrection {
        try await store.writer.write { db in
            var stored = correction
            switch correction.decision {
            case .same(let a, let b):
                stored.decision = .same(try Self.lasting(a, db), try Self.lasting(b, db))
            case .different(let a, let b):
                stored.decision = .different(try Self.lasting(a, db), try Self.lasting(b, db))
            case .assign(let mention, let researcher):
                let known = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM researcher WHERE id = ?)", arguments: [researcher]) ?? false
                guard known || researcher.hasPrefix("orcid:") else {
                    throw ResearcherCorrectionError("no researcher \(researcher) in the store (`hublot enrich researchers list` lists them)")
                }
                stored.decision = .assign(try Self.lasting(mention, db), researcher: researcher)
            }
            try Self.insert(stored, db)
            return stored
        }
    }

    /// Every recorded correction, oldest first.
    public func corrections() async throws -> [ResearcherCorrection] {
        try await store.reader.read { db in try Self.corrections(db) }
    }

    static func corrections(_ db: Database) throws -> [ResearcherCorrection] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT kind, publication, authorPosition, otherPublication, otherAuthorPosition, researcherID, curator, note, decidedAt
                FROM researcherCorrection ORDER BY decidedAt, id
                """
        ).compactMap { row in
            let mention = MentionKey(publication: row[1], position: row[2])
            let other: MentionKey? = (row[3] as String?).flatMap { publication in
                (row[4] as Int?).map { MentionKey(publication: publication, position: $0) }
            }
            let decision: ResearcherCorrection.Decision
            switch (row[0] as String, other, row[5] as String?) {
            case ("same", let other?, _): decision = .same(mention, other)
            case ("different", let other?, _): decision = .different(mention, other)
            case ("assign", _, let researcher?): decision = .assign(mention, researcher: researcher)
            default: return nil
            }
            return ResearcherCorrection(decision, curator: row[6], note: row[7], decidedAt: row[8])
        }
    }

    private static func insert(_ correction: ResearcherCorrection, _ db: Database) throws {
        let (mention, other, researcher): (MentionKey, MentionKey?, String?)
        switch correction.decision {
        case .same(let a, let b), .different(let a, let b): (mention, other, researcher) = (a, b, nil)
        case .assign(let a, let id): (mention, other, researcher) = (a, nil, id)
        }
        try db.execute(
            sql: """
                INSERT INTO researcherCorrection
                (kind, publication, authorPosition, otherPublication, otherAuthorPosition, researcherID, curator, note, decidedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                correction.kind, mention.publication, mention.position, other?.publication, other?.position, researcher, correction.curator,
                correction.note, correction.decidedAt,
            ])
    }

    /// The mention under its publication's lasting name, once checked that the byline has that author.
    private static func lasting(_ mention: MentionKey, _ db: Database) throws -> MentionKey {
        guard let id = try PublicationName.resolve(db, mention.publication), let name = try PublicationRepository.names(db, [id])[id] else {
            throw ResearcherCorrectionError("no publication \(mention.publication) in the store (give a jsonl id, pmid:N, a DOI, or #N)")
        }
        let authors = try PublicationRepository.publications(db, [id]).first?.merged().authors ?? []
        guard mention.position >= 1, mention.position <= authors.count else {
            throw ResearcherCorrectionError("\(name.name) has \(authors.count) authors: no author \(mention.position)")
        }
        return MentionKey(publication: name.name, position: mention.position)
    }
}
