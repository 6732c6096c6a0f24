import Foundation
import Publications

/// A curator's decision on one publication and one database: it overrides the classifier's verdict in exports
/// and is the gold of `classify evaluate --curated`.
public struct CuratedLabel: Hashable, Sendable, Codable {
    /// The publication's name (`PublicationName`) when it was decided: it survives renumbering.
    public var publication: String
    public var database: String
    public var verdict: Verdict
    public var curator: String
    public var decidedAt: Date
    public var note: String?

    public init(publication: String, database: String, verdict: Verdict, curator: String, decidedAt: Date, note: String? = nil) {
        self.publication = publication
        self.database = database
        self.verdict = verdict
        self.curator = curator
        self.decidedAt = decidedAt
        self.note = note
    }
}

/// A verdict kept by `classify run`.
public struct StoredVerdict: Hashable, Sendable, Encodable {
    public var database: String
    public var verdict: Verdict
    public var confidence: Double
    public var evidence: [Evidence]
    public var registryVersion: String
    public var classifiedAt: Date
}

/// One line of `classify export`: a publication and its verdict on every top-level database of the registry
/// (`no` when nothing was found) and on every component it uses or mentions.
public struct ExportedPublication: Hashable, Sendable, Encodable {
    public var id: String
    public var doi: String?
    public var pmid: String?
    public var databases: [ExportedVerdict]

    public func encode(to encoder: any Encoder) throws {
        // Absent identifiers are written as null: every line has the same keys.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(doi, forKey: .doi)
        try container.encode(pmid, forKey: .pmid)
        try container.encode(databases, forKey: .databases)
    }

    private enum CodingKeys: String, CodingKey { case id, doi, pmid, databases }
}

public struct ExportedVerdict: Hashable, Sendable, Encodable {
    public var name: String
    public var verdict: Verdict
    public var confidence: Double
    public var evidence: [Evidence]
    /// The curator whose label replaced the classifier's verdict.
    public var curatedBy: String?
    public var curatorNote: String?
}

/// A case for a curator: an uncertain verdict with its evidence.
public struct QueueItem: Hashable, Sendable, Encodable {
    public var publication: PublicationName
    public var database: String
    public var verdict: Verdict
    public var confidence: Double
    public var evidence: [Evidence]
}

/// A publication's verdicts and labels, for its page.
public struct PublicationClassification: Hashable, Sendable, Encodable {
    public var publication: PublicationName
    public var verdicts: [StoredVerdict]
    public var labels: [CuratedLabel]
}

/// A publication name that designates no publication of the store.
public struct UnknownPublication: Error, Hashable, Sendable, CustomStringConvertible {
    public var name: String

    public var description: String { "no publication \(name) in the store (give a jsonl id, pmid:N, a DOI, PMC…, or #N)" }
}
