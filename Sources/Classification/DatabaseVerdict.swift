import Core

/// Whether a publication uses a database as a data source, merely names it, or neither.
public enum Verdict: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case uses, mentions, no

    private var rank: Int {
        switch self {
        case .no: 0
        case .mentions: 1
        case .uses: 2
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }
}

/// Which part of a publication a piece of evidence was found in.
public enum EvidenceField: String, Hashable, Sendable, Codable {
    case title, abstract, keywords, affiliation
    case fullText = "full_text"
    case references
}

/// One place where a publication names a database: what a curator reads to agree or not.
public struct Evidence: Hashable, Sendable, Codable {
    public var field: EvidenceField
    /// The abstract's or the full text's section (`Methods`), when there is one.
    public var section: String?
    public var sentence: String
    /// The words that named the database, as written.
    public var phrase: String
    /// How much this place says that the database is used, from 0 to 1.
    public var weight: Double
    /// Why it counts less, or not at all ("only in the references", "hypothetical", "defined as something else").
    public var note: String?

    public init(field: EvidenceField, section: String? = nil, sentence: String, phrase: String, weight: Double, note: String? = nil) {
        self.field = field
        self.section = section
        self.sentence = sentence
        self.phrase = phrase
        self.weight = weight
        self.note = note
    }
}

/// The classifier's answer for one publication and one database.
public struct DatabaseVerdict: Hashable, Sendable, Codable {
    public var database: String
    public var verdict: Verdict
    /// How sure the verdict is, from 0.5 (a coin toss) to 1.
    public var confidence: Double
    /// The strongest evidence first.
    public var evidence: [Evidence]

    public init(database: String, verdict: Verdict, confidence: Double, evidence: [Evidence] = []) {
        self.database = database
        self.verdict = verdict
        self.confidence = confidence
        self.evidence = evidence
    }
}
