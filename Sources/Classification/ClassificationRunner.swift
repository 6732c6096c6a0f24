import Catalog
import Foundation
import GRDB
import Publications
import Store

/// What `classify run` did: how many publications, and per database how many use or mention it.
public struct ClassificationSummary: Hashable, Sendable, Encodable {
    public var publications: Int
    /// The registry the verdicts were made with (`v3`, or `standard`).
    public var registry: String
    public var databases: [DatabaseCount]

    public struct DatabaseCount: Hashable, Sendable, Encodable {
        public var name: String
        public var uses: Int
        public var mentions: Int
    }
}

/// Classifies every publication of the store and keeps the verdicts that are not `no`.
///
/// Pages of publications are read in id order, one read transaction each; their metadata is decoded, merged
/// and classified by child tasks, on every core; each classified page is written in one transaction, which
/// first removes the page's previous verdicts, so that a verdict that became `no` goes.
public struct ClassificationRunner: Sendable {
    public let store: Store
    public var pageSize = 256
    /// Pages classified at once: one per core, and one more so that no core waits while a page is written.
    public var pagesInFlight = ProcessInfo.processInfo.activeProcessorCount + 1

    public init(store: Store) { self.store = store }

    /// Classifies every publication, or keeps only the verdicts of `database` and its components.
    /// `progress` receives the publications classified so far and their total.
    public func run(
        database: String? = nil, at date: Date = Date(), progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) async throws -> ClassificationSummary {
        let current = try await RegistryRepository(store: store).current()
        let registry = current.registry
        let kept: Set<String>
        if let database {
            guard let found = registry.database(named: database) else { throw UnknownDatabase(name: database, registry: current.label) }
            kept = registry.family(of: found.name)
        } else {
            kept = Set(registry.databases.map(\.name))
        }
        let classifier = try DatabaseClassifier(registry: registry)
        let publications = PublicationRepository(store: store)
        let total = try await publications.count()
        var counts: [String: (uses: Int, mentions: Int)] = [:]
        var done = 0
        try await withThrowingTaskGroup(of: ClassifiedPage.self) { group in
            var after: Int64 = 0
            var inFlight = 0
            var exhausted = false
            while true {
                while !exhausted && inFlight < pagesInFlight {
                    let page = try await publications.page(after: after, limit: pageSize)
                    guard let last = page.last else {
                        exhausted = true
                        break
                    }
                    after = last.id
                    group.addTask { try ClassifiedPage(page, classifier: classifier, keeping: kept) }
                    inFlight += 1
                }
                guard let classified = try await group.next() else { break }
                inFlight -= 1
                try await write(classified, databases: database == nil ? nil : kept, registry: current.label, at: date)
                for (_, verdict) in classified.verdicts {
                    if verdict.verdict == .uses { counts[verdict.database, default: (0, 0)].uses += 1 }
                    if verdict.verdict == .mentions { counts[verdict.database, default: (0, 0)].mentions += 1 }
                }
                done += classified.count
                progress?(done, total)
            }
        }
        return ClassificationSummary(
            publications: done, registry: current.label,
            databases: registry.databases.filter { kept.contains($0.name) }.map { database in
                let count = counts[database.name] ?? (0, 0)
                return ClassificationSummary.DatabaseCount(name: database.name, uses: count.uses, mentions: count.mentions)
            })
    }

    private func write(_ page: ClassifiedPage, databases: Set<String>?, registry: String, at date: Date) async throws {
        try await store.writer.write { db in
            var delete = "DELETE FROM classification WHERE publicationID BETWEEN ? AND ?"
            var arguments: StatementArguments = [page.first, page.last]
            if let databases {
                delete += " AND database IN (\(databases.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(databases.sorted())
            }
            try db.execute(sql: delete, arguments: arguments)
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO classification (publicationID, database, verdict, confidence, evidence, registryVersion, classifiedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            let encoder = JSONEncoder()
            for (publication, verdict) in page.verdicts {
                let evidence = String(decoding: try encoder.encode(verdict.evidence), as: UTF8.self)
                try insert.execute(arguments: [publication, verdict.database, verdict.verdict.rawValue, verdict.confidence, evidence, registry, date])
            }
        }
    }
}

/// A page's verdicts that are not `no`, ready to write.
struct ClassifiedPage: Sendable {
    var first: Int64
    var last: Int64
    var count: Int
    var verdicts: [(Int64, DatabaseVerdict)]

    init(_ page: [EncodedPublication], classifier: DatabaseClassifier, keeping databases: Set<String>) throws {
        let decoder = JSONDecoder()
        first = page.first?.id ?? 0
        last = page.last?.id ?? 0
        count = page.count
        verdicts = []
        for publication in page {
            let metadata = try publication.merged(decoder: decoder)
            for verdict in classifier.classify(metadata) where verdict.verdict != .no && databases.contains(verdict.database) {
                verdicts.append((publication.id, verdict))
            }
        }
    }
}

/// A database name the registry does not know.
public struct UnknownDatabase: Error, Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var registry: String

    public init(name: String, registry: String) {
        self.name = name
        self.registry = registry
    }

    public var description: String { "no database named \(name) in the registry (\(registry)): `hublot databases list` lists them" }
}
