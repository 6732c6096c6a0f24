import Core

/// Where publication metadata comes from. The raw value is the `FORMAT` of `hublot publications ingest`
/// and the name shown in provenance.
public enum PublicationSource: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case pubmed
    case jats
    case europepmc
    case crossref
    case openalex
    case hal
    case jsonl

    /// Which source wins a field when several records of one work disagree: curated sources first
    /// (MEDLINE indexing, then the publisher's own full text), aggregators after, free-form input last.
    public var priority: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: PublicationSource, rhs: PublicationSource) -> Bool { lhs.priority < rhs.priority }
}

/// One record of one source, as read: the unit that is stored, compared and merged.
public struct SourceRecord: Hashable, Sendable, Codable {
    public var source: PublicationSource
    /// The record's identity inside its source (`PMID`, HAL id, DOI, OpenAlex `W` id…): a record read again
    /// with the same key replaces the previous one instead of adding a duplicate.
    public var key: String
    /// Where it was read: file (or URL) and record position, for messages and provenance.
    public var origin: RecordOrigin
    public var metadata: PublicationMetadata

    public init(source: PublicationSource, key: String, origin: RecordOrigin, metadata: PublicationMetadata) {
        self.source = source
        self.key = key
        self.origin = origin
        self.metadata = metadata
    }
}

/// The file (or URL) a record was read from and its place there.
public struct RecordOrigin: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based position of the record in its file.
    public var position: Int
    /// Line where the record starts, when the format has lines.
    public var line: Int?

    public init(file: String, position: Int, line: Int? = nil) {
        self.file = file
        self.position = position
        self.line = line
    }

    public var description: String {
        var text = "\(file), record \(position)"
        if let line { text += " (line \(line))" }
        return text
    }
}

/// What a reader hands out, one at a time, in file order.
public enum ReaderEvent: Hashable, Sendable {
    /// A record to store.
    case record(SourceRecord)
    /// The source withdraws a record (PubMed's `DeleteCitation`): the record of that key goes.
    case deletion(source: PublicationSource, key: String, origin: RecordOrigin)
    /// A record the reader could not accept (no identifier nor title, a required field unreadable); the file
    /// goes on.
    case rejected(PublicationProblem)
    /// Something worth knowing that loses no data (an element the reader does not know).
    case warning(PublicationProblem)
}

/// A problem met while reading publications, naming the file, the record and the field.
public struct PublicationProblem: Hashable, Sendable, Codable, Error, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The file is not what its format says (malformed XML or JSON, truncated gzip): nothing of it is kept.
        case malformedFile = "malformed-file"
        case unreadableFile = "unreadable-file"
        /// A record without any identifier nor title.
        case unidentifiableRecord = "unidentifiable-record"
        case invalidValue = "invalid-value"
        case unknownElement = "unknown-element"
    }

    public var kind: Kind
    public var location: SourceLocation
    /// The record as its source names it: `PMID 29768149`, `record 12`.
    public var record: String?
    /// The field or element concerned.
    public var field: String?
    public var message: String

    public init(_ kind: Kind, at location: SourceLocation, record: String? = nil, field: String? = nil, _ message: String) {
        self.kind = kind
        self.location = location
        self.record = record
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = "\(location)"
        if let record { text += ", \(record)" }
        if let field { text += ", field \(field)" }
        return text + ": \(message)"
    }
}

/// A streaming reader of one format: it pulls records from its input one at a time, so memory stays flat
/// whatever the file size. Thrown errors are `PublicationProblem`s of kind `malformedFile`/`unreadableFile`:
/// the file cannot be trusted past that point.
public protocol PublicationReader {
    mutating func next() throws(PublicationProblem) -> ReaderEvent?
    /// How much of the input has been read, from 0 to 1, when the reader can tell: for progress bars.
    var fractionRead: Double? { get }
}

extension PublicationReader {
    public var fractionRead: Double? { nil }
}
