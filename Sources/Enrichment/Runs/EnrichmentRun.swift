import Core
import Foundation
import GRDB
import Publications
import Store

/// What `enrich run` did, step by step.
public struct EnrichmentSummary: Hashable, Sendable, Codable {
    /// The registry version the matches were made with (`none` before any import).
    public var registryVersion: String
    public var organisations: Int
    public var publicationsRead: Int
    public var stringsMatched: Int
    public var stringsChanged: Int
    public var researchers: ResearcherRunSummary?
    public var journals: JournalRunSummary?
    /// The journal groups differ from the previous run's: documents that show journals are out of date.
    public var journalsChanged: Bool
    /// Seconds per step: `registry`, `read`, `match`, `researchers`, `journals`.
    public var seconds: [String: Double]
}

/// Brings enrichment up to date: reads the publications written since the last run, matches the affiliation
/// strings the current registry has not matched, disambiguates researchers and groups journals. Each step is
/// resumable and rewrites only what changed, so a rerun after an ingest is quick.
public struct EnrichmentRun: Sendable {
    public let store: Store
    public var researchers = true
    public var journals = true
    /// Rerun researchers and journals even when no publication and no match changed.
    public var always = false
    /// Publications whose bylines the read step hands to the researchers' step rather than let it decode them
    /// again: some 7 kB each on the PubMed update file (150 MB more at the peak for 20,783 publications).
    public var bylinesKept = 200_000

    public init(store: Store) { self.store = store }

    public func run(progress: @Sendable (String) -> Void = { _ in }) async throws -> EnrichmentSummary {
        var seconds: [String: Double] = [:]
        func timed<T>(_ step: String, _ work: () async throws -> T) async rethrows -> T {
            progress(step)
            let start = Date()
            defer { seconds[step] = Date().timeIntervalSince(start) }
            return try await work()
        }
        let registry = OrganisationRepository(store: store)
        let version = try await registry.registryVersion()
        let affiliations = AffiliationRepository(store: store)
        // The registry's index is built while the publications are read: each takes seconds, and neither needs the
        // other. A rerun with nothing to read or match does without it.
        let needsMatcher = try await affiliations.hasPendingWork(registryVersion: version)
        progress("registry")
        async let loaded = Self.loadMatcher(registry, needed: needsMatcher)
        var bylines = PublicationBylines(limit: researchers ? bylinesKept : 0)
        let read = try await timed("read") { try await affiliations.readPendingPublications(keeping: &bylines) }
        let (matcher, organisations, registrySeconds) = try await loaded
        seconds["registry"] = registrySeconds
        var matched = (matched: 0, changed: 0)
        if let matcher {
            matched = try await timed("match") { try await affiliations.matchPendingStrings(registryVersion: version, matcher: matcher.match) }
        }
        // Researchers and journals are global computations: rerun them only when their inputs moved. Deferred
        // researcher corrections are applied by `enrich researchers run`.
        let moved = read > 0 || matched.changed > 0 || always
        var researcherSummary: ResearcherRunSummary?
        if researchers && moved {
            researcherSummary = try await timed("researchers") {
                try await ResearcherRepository(store: store).runWithStoredMatches(decoded: bylines.metadata)
            }
        }
        var journalSummary: JournalRunSummary?
        var journalsChanged = false
        if journals && (read > 0 || always) {
            let repository = JournalRepository(store: store)
            let before = try await repository.journals()
            journalSummary = try await timed("journals") { try await repository.run() }
            journalsChanged = try await repository.journals() != before
        }
        return EnrichmentSummary(
            registryVersion: version, organisations: organisations, publicationsRead: read, stringsMatched: matched.matched,
            stringsChanged: matched.changed, researchers: researcherSummary, journals: journalSummary, journalsChanged: journalsChanged,
            seconds: seconds)
    }
}

extension EnrichmentRun {
    /// The matcher over the registry when `needed`, the number of organisations, and the seconds it took.
    static func loadMatcher(_ registry: OrganisationRepository, needed: Bool) async throws -> (AffiliationMatcher?, Int, Double) {
        let start = Date()
        guard needed else { return (nil, try await registry.count(), Date().timeIntervalSince(start)) }
        let organisations = try await registry.organisations()
        return (AffiliationMatcher(organisations: organisations), organisations.count, Date().timeIntervalSince(start))
    }
}

extension ResearcherRepository {
    /// Disambiguates with what enrichment stored for each affiliation string as its structures — the
    /// organisations matched, else the institution read — as every rerun must, so that a curator's correction
    /// and `enrich run` group people alike.
    public func runWithStoredMatches(decoded: [Int64: PublicationMetadata] = [:]) async throws -> ResearcherRunSummary {
        let structures = try await AffiliationRepository(store: store).storedStructures()
        return try await run(structures: { structures[$0.trimmingWhitespace] }, decoded: decoded)
    }
}

extension AffiliationRepository {
    /// Every stored string's structures for the researchers' disambiguation: its matched organisation ids, or,
    /// when nothing matched, the institution the string was read as (reading again costs as much as matching).
    public func storedStructures() async throws -> [String: [String]] {
        try await store.reader.read { db in
            let decoder = JSONDecoder()
            var structures: [String: [String]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT text, matches, structure FROM affiliationMatch")
            while let row = try rows.next() {
                let matches: String = row[1]
                structures[row[0]] =
                    matches == "[]"
                    ? AuthorMention.institution(reading: row[2])
                    : try decoder.decode([AffiliationMatch].self, from: Data(matches.utf8)).map(\.id)
            }
            return structures
        }
    }
}
