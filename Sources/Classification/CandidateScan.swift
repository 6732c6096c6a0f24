import Catalog
import Foundation
import Publications

/// Which publications a scan keeps: those the classifier finds using a database, or at least naming it.
public struct CandidateCriterion: Hashable, Sendable {
    /// The database a candidate must use or mention, as the registry names it; nil for any of them.
    public var database: String?
    /// The weakest verdict kept: `.uses`, or `.mentions`, which keeps uses too. A publication that names no
    /// database is never a candidate.
    public var keep: Verdict

    public init(database: String? = nil, keep: Verdict = .mentions) {
        self.database = database
        self.keep = keep
    }

    public func admits(_ verdicts: [DatabaseVerdict]) -> Bool {
        verdicts.contains(where: admits)
    }

    func admits(_ verdict: DatabaseVerdict) -> Bool {
        verdict.verdict >= max(keep, .mentions) && (database.map { $0 == verdict.database } ?? true)
    }
}

/// How many candidates use or mention each database of the registry.
public struct ScanTally: Hashable, Sendable, Codable {
    public struct DatabaseCount: Hashable, Sendable, Codable {
        public var database: String
        public var uses = 0
        public var mentions = 0
    }

    /// Records classified.
    public var classified = 0
    /// Records the criterion admitted.
    public var candidates = 0
    /// In the registry's order, over the candidates only.
    public var databases: [DatabaseCount]

    public init(registry: DatabaseRegistry) {
        databases = registry.databases.map { DatabaseCount(database: $0.name) }
    }

    mutating func count(_ verdicts: [DatabaseVerdict], isCandidate: Bool) {
        classified += 1
        guard isCandidate else { return }
        candidates += 1
        for (index, verdict) in verdicts.enumerated() where index < databases.count {
            switch verdict.verdict {
            case .uses: databases[index].uses += 1
            case .mentions: databases[index].mentions += 1
            case .no: break
            }
        }
    }

    public mutating func add(_ other: ScanTally) {
        classified += other.classified
        candidates += other.candidates
        for (index, count) in other.databases.enumerated() where index < databases.count {
            databases[index].uses += count.uses
            databases[index].mentions += count.mentions
        }
    }
}

/// Classifies each record an ingest reads and tells it whether to keep it, counting what it kept: the filter
/// of `hublot publications scan`.
///
/// The ingest calls the filter on its preparing thread while the caller waits for the file; the lock only
/// keeps the counts readable from the caller's thread between files.
public final class CandidateScanner: @unchecked Sendable {
    public let classifier: DatabaseClassifier
    public let criterion: CandidateCriterion
    private let lock = NSLock()
    private var counts: ScanTally

    public init(classifier: DatabaseClassifier, criterion: CandidateCriterion) {
        self.classifier = classifier
        self.criterion = criterion
        counts = ScanTally(registry: classifier.registry)
    }

    public convenience init(registry: DatabaseRegistry = .standard, criterion: CandidateCriterion) throws {
        self.init(classifier: try DatabaseClassifier(registry: registry), criterion: criterion)
    }

    public func isCandidate(_ publication: PublicationMetadata) -> Bool {
        let verdicts = classifier.classify(publication)
        let isCandidate = criterion.admits(verdicts)
        lock.withLock { counts.count(verdicts, isCandidate: isCandidate) }
        return isCandidate
    }

    /// The ingest's filter.
    public var filter: RecordFilter { { [self] in isCandidate($0) } }

    /// The counts since the last call, which starts new ones: one tally per file, so that a file rolled back
    /// counts for nothing.
    public func takeTally() -> ScanTally {
        lock.withLock {
            defer { counts = ScanTally(registry: classifier.registry) }
            return counts
        }
    }
}
