import Core
import Crypto
import Foundation
import GRDB
import Store

/// What an audit entry records.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    /// A project created, with its threshold and recipient.
    case project
    /// An a-priori disclosure check: the files, their SHA-256 and verdicts.
    case check
    /// A protected version written by `export suppress`.
    case suppress
    /// A request to take files out, with the verdicts of their check.
    case request
    /// A person's approval or rejection of a request, and why.
    case decision
    /// Files that left, with their SHA-256.
    case release
    /// A release refused (a file changed since its check, a request not approved).
    case refusal
    /// An extraction run: its spec's hash, catalog version, engine, and the rows of each step (its lineage).
    case extraction
}

/// A file an entry is about, by path and content.
public struct AuditFile: Codable, Sendable, Hashable {
    public var path: String
    public var sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

/// An entry before the log numbers and chains it.
public struct AuditDraft: Sendable, Equatable {
    public var actor: String
    public var project: String
    public var action: AuditAction
    /// Canonical JSON (keys sorted): verdicts, reasons, why.
    public var details: String
    public var files: [AuditFile]

    public init(actor: String, project: String, action: AuditAction, details: String, files: [AuditFile]) {
        self.actor = actor
        self.project = project
        self.action = action
        self.details = details
        self.files = files
    }
}

/// One entry of the audit log, as stored. `hash` is the SHA-256 of the canonical serialisation of every other field,
/// `previousHash` included, so that changing, removing, inserting or moving any entry breaks the chain.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "auditEntry"

    public var sequence: Int
    /// ISO 8601, UTC, to the second.
    public var time: String
    public var actor: String
    public var project: String
    public var action: String
    public var details: String
    /// The JSON array of `AuditFile`, as hashed.
    public var files: String
    public var previousHash: String
    public var hash: String

    public var auditFiles: [AuditFile] { (try? JSONDecoder().decode([AuditFile].self, from: Data(files.utf8))) ?? [] }

    /// Decodes `details` as `type`.
    public func details<Details: Decodable>(as type: Details.Type) throws -> Details {
        try JSONDecoder().decode(type, from: Data(details.utf8))
    }

    /// The bytes the hash covers: each field as `name=<byte length>:<value>\n`, in a fixed order. Length-prefixed so
    /// that no two different entries serialise alike, whatever their text holds.
    public var canonicalSerialisation: [UInt8] {
        let fields: [(String, String)] = [
            ("sequence", String(sequence)), ("time", time), ("actor", actor), ("project", project), ("action", action),
            ("details", details), ("files", files), ("previousHash", previousHash),
        ]
        var bytes: [UInt8] = []
        for (name, value) in fields {
            bytes += Array("\(name)=\(value.utf8.count):".utf8) + Array(value.utf8) + [UInt8(ascii: "\n")]
        }
        return bytes
    }

    public var computedHash: String { SHA256.hash(data: canonicalSerialisation).hexadecimal }
}

/// What `audit verify` found.
public struct AuditVerification: Codable, Sendable, Equatable {
    public var intact: Bool
    public var entries: Int
    /// The last entry's sequence number and hash: write them down elsewhere (a release note, a ticket) to anchor the
    /// chain, since a chain alone cannot show that entries were cut off its end.
    public var lastSequence: Int?
    public var lastHash: String?
    public var problems: [AuditProblem]
}

/// A break in the chain, at the entry it concerns.
public struct AuditProblem: Codable, Sendable, Equatable {
    /// `edited`, `removed`, `inserted` or `reordered`.
    public var kind: String
    public var sequence: Int
    public var message: String
}

/// The append-only, hash-chained log of requests, checks, decisions and releases, in Hublot's store.
public struct AuditLog: Sendable {
    public static let genesisHash = String(repeating: "0", count: 64)
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Appends an entry after the current last one, in one write transaction so that two writers cannot fork the chain.
    @discardableResult
    public func append(_ draft: AuditDraft, at time: Date = Date()) async throws -> AuditEntry {
        try await store.writer.write { db in try AuditLog.append(draft, time: time, in: db) }
    }

    /// Appends inside a transaction a caller already holds (to write a project and its entry together).
    static func append(_ draft: AuditDraft, time: Date, in db: Database) throws -> AuditEntry {
        let last = try AuditEntry.order(Column("sequence").desc).fetchOne(db)
        let files = try canonicalJSON(draft.files)
        var entry = AuditEntry(
            sequence: (last?.sequence ?? 0) + 1, time: timestamp(time), actor: draft.actor, project: draft.project,
            action: draft.action.rawValue, details: draft.details, files: files, previousHash: last?.hash ?? genesisHash, hash: "")
        entry.hash = entry.computedHash
        try entry.insert(db)
        return entry
    }

    /// Every entry, in sequence order.
    public func entries() async throws -> [AuditEntry] {
        try await store.reader.read { db in try AuditEntry.order(Column("sequence")).fetchAll(db) }
    }

    public func entry(_ sequence: Int) async throws -> AuditEntry? {
        try await store.reader.read { db in try AuditEntry.fetchOne(db, key: sequence) }
    }

    /// Entries of `project` (all projects when nil) with one of `actions`, in sequence order.
    public func entries(project: String?, actions: [AuditAction]) async throws -> [AuditEntry] {
        try await store.reader.read { db in
            var request = AuditEntry.filter(actions.map(\.rawValue).contains(Column("action")))
            if let project { request = request.filter(Column("project") == project) }
            return try request.order(Column("sequence")).fetchAll(db)
        }
    }

    /// Recomputes the chain: each entry's hash from its fields, and each link to the entry before.
    public func verify() async throws -> AuditVerification {
        AuditLog.verify(try await entries())
    }

    /// The chain check over entries in sequence order; a pure function, so tests can feed it tampered lists too.
    public static func verify(_ entries: [AuditEntry]) -> AuditVerification {
        var problems: [AuditProblem] = []
        let positionOfHash = Dictionary(entries.enumerated().map { ($1.hash, $0) }, uniquingKeysWith: { first, _ in first })
        var expectedSequence = 1
        for (position, entry) in entries.enumerated() {
            let previous = position > 0 ? entries[position - 1] : nil
            if entry.sequence > expectedSequence {
                let missing = expectedSequence == entry.sequence - 1 ? "\(expectedSequence)" : "\(expectedSequence)-\(entry.sequence - 1)"
                problems.append(
                    AuditProblem(kind: "removed", sequence: expectedSequence, message: "entry \(missing) is missing: removed from the log"))
            }
            if entry.previousHash != (previous?.hash ?? genesisHash) {
                problems.append(linkProblem(entry, position: position, entries: entries, positionOfHash: positionOfHash))
            }
            if entry.computedHash != entry.hash {
                problems.append(
                    AuditProblem(
                        kind: "edited", sequence: entry.sequence,
                        message: "entry \(entry.sequence) does not match its hash: a field was changed after it was written"))
            }
            expectedSequence = entry.sequence + 1
        }
        return AuditVerification(
            intact: problems.isEmpty, entries: entries.count, lastSequence: entries.last?.sequence, lastHash: entries.last?.hash,
            problems: problems)
    }

    /// Why an entry does not follow the one before it: what its `previousHash` points to says which tampering it was.
    private static func linkProblem(
        _ entry: AuditEntry, position: Int, entries: [AuditEntry], positionOfHash: [String: Int]
    ) -> AuditProblem {
        let sequence = entry.sequence
        if let target = positionOfHash[entry.previousHash] {
            if target > position {
                return AuditProblem(
                    kind: "reordered", sequence: sequence,
                    message: "entry \(sequence) was written after entry \(entries[target].sequence) but now comes before it: entries were reordered")
            }
            let inserted = entries[(target + 1)..<position].map { String($0.sequence) }.joined(separator: ", ")
            return AuditProblem(
                kind: "inserted", sequence: entries[target + 1].sequence,
                message: "entry \(sequence) was written right after entry \(entries[target].sequence): entry \(inserted) was inserted")
        }
        if entry.previousHash == genesisHash {
            return AuditProblem(
                kind: "inserted", sequence: entries[0].sequence,
                message: "entry \(sequence) was the first entry written: the entries before it were inserted")
        }
        let previousSequence = position > 0 ? entries[position - 1].sequence : 0
        return AuditProblem(
            kind: "removed", sequence: previousSequence + 1 == sequence ? previousSequence : previousSequence + 1,
            message: "entry \(sequence) follows an entry that is no longer in the log (or was edited and rehashed): removed or rewritten")
    }

    /// ISO 8601 in UTC to the second, as every entry's time is written.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// `YYYY-MM-DD`, optionally followed by a time: what `--since` accepts, compared as text with the entries' times.
    public static func isISODateOrTime(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count >= 10, characters[4] == "-", characters[7] == "-" else { return false }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { characters[$0].isASCII && characters[$0].isNumber }
        return digits && (characters.count == 10 || characters[10] == "T")
    }

    /// JSON with sorted keys and no escaped slashes: the same value always gives the same text, so it can be hashed.
    public static func canonicalJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
