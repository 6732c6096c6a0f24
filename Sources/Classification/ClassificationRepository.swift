import Catalog
import Foundation
import GRDB
import Publications
import Store

/// Every read and write of classifications and curated labels the edges (CLI, web) need.
public struct ClassificationRepository: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    // MARK: Export

    /// Every publication with its verdicts, curated labels replacing the classifier's, in id order, a page
    /// (one read transaction) at a time.
    public func export(pageSize: Int = 1000, _ write: (ExportedPublication) throws -> Void) async throws {
        let registry = try await RegistryRepository(store: store).current().registry
        let curated = try await store.reader.read { db in try Self.resolvedLabels(db) }
        var after: Int64 = 0
        while true {
            let (names, verdicts) = try await store.reader.read { [after] db in
                let names = try PublicationRepository.names(db, after: after, limit: pageSize)
                guard let first = names.first, let last = names.last else { return (names, [Int64: [StoredVerdict]]()) }
                return (names, try Self.verdicts(db, from: first.id, to: last.id))
            }
            guard let last = names.last else { return }
            after = last.id
            for name in names {
                try write(Self.exported(name, verdicts: verdicts[name.id] ?? [], labels: curated[name.id] ?? [:], registry: registry))
            }
        }
    }

    static func exported(_ name: PublicationName, verdicts: [StoredVerdict], labels: [String: CuratedLabel], registry: DatabaseRegistry)
        -> ExportedPublication
    {
        let byDatabase = Dictionary(verdicts.map { ($0.database, $0) }, uniquingKeysWith: { first, _ in first })
        var databases: [ExportedVerdict] = []
        for database in registry.databases {
            let stored = byDatabase[database.name]
            var item = ExportedVerdict(
                name: database.name, verdict: stored?.verdict ?? .no, confidence: stored?.confidence ?? 1, evidence: stored?.evidence ?? [])
            if let label = labels[database.name] {
                item.verdict = label.verdict
                item.confidence = 1
                item.curatedBy = label.curator
                item.curatorNote = label.note
            }
            if database.partOf == nil || item.verdict != .no { databases.append(item) }
        }
        return ExportedPublication(id: name.name, doi: name.doi, pmid: name.pmid, databases: databases)
    }

    // MARK: Verdicts

    /// The stored verdicts of the publications numbered `first` to `last`, by publication.
    public static func verdicts(_ db: Database, from first: Int64, to last: Int64, database: String? = nil) throws -> [Int64: [StoredVerdict]] {
        var sql = """
            SELECT publicationID, database, verdict, confidence, evidence, registryVersion, classifiedAt FROM classification
            WHERE publicationID BETWEEN ? AND ?
            """
        var arguments: StatementArguments = [first, last]
        if let database {
            sql += " AND database = ?"
            arguments += [database]
        }
        var found: [Int64: [StoredVerdict]] = [:]
        let decoder = JSONDecoder()
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            found[row[0], default: []].append(try storedVerdict(row, decoder: decoder))
        }
        return found
    }

    /// `row` holds, from column 1: database, verdict, confidence, evidence, registryVersion, classifiedAt.
    private static func storedVerdict(_ row: Row, decoder: JSONDecoder) throws -> StoredVerdict {
        StoredVerdict(
            database: row[1], verdict: Verdict(rawValue: row[2]) ?? .no, confidence: row[3],
            evidence: try decoder.decode([Evidence].self, from: Data((row[4] as String).utf8)), registryVersion: row[5], classifiedAt: row[6])
    }

    /// A publication's verdicts and labels; nil when the name designates none.
    public func classification(of name: String) async throws -> PublicationClassification? {
        try await store.reader.read { db in
            guard let id = try PublicationName.resolve(db, name), let publication = try PublicationRepository.names(db, [id])[id] else {
                return nil
            }
            let registry = try RegistryRepository.current(db).registry
            let order = Dictionary(registry.databases.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
            let verdicts = (try Self.verdicts(db, from: id, to: id)[id] ?? []).sorted { (order[$0.database] ?? .max) < (order[$1.database] ?? .max) }
            let labels = try Self.resolvedLabels(db)[id].map { Array($0.values).sorted { $0.database < $1.database } } ?? []
            return PublicationClassification(publication: publication, verdicts: verdicts, labels: labels)
        }
    }

    // MARK: Curation queue

    /// Uncurated verdicts, the least sure first (a `mentions` before a `uses` of equal confidence), with their evidence.
    public func queue(database: String? = nil, limit: Int = 20) async throws -> [QueueItem] {
        try await store.reader.read { db in
            let curated = try Self.resolvedLabels(db)
            var sql = "SELECT publicationID, database, verdict, confidence, evidence, registryVersion, classifiedAt FROM classification"
            var arguments: StatementArguments = []
            if let database {
                sql += " WHERE database = ?"
                arguments += [database]
            }
            sql += " ORDER BY confidence, verdict = 'uses', publicationID, database"
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            let decoder = JSONDecoder()
            var picked: [(Int64, StoredVerdict)] = []
            while picked.count < limit, let row = try rows.next() {
                let publication: Int64 = row[0]
                let database: String = row[1]
                guard curated[publication]?[database] == nil else { continue }
                picked.append((publication, try Self.storedVerdict(row, decoder: decoder)))
            }
            let names = try PublicationRepository.names(db, picked.map(\.0))
            return picked.compactMap { publication, verdict in
                names[publication].map {
                    QueueItem(
                        publication: $0, database: verdict.database, verdict: verdict.verdict, confidence: verdict.confidence,
                        evidence: verdict.evidence)
                }
            }
        }
    }

    // MARK: Curated labels

    public func labels() async throws -> [CuratedLabel] {
        try await store.reader.read { db in try Self.labels(db) }
    }

    static func labels(_ db: Database) throws -> [CuratedLabel] {
        try Row.fetchAll(db, sql: "SELECT publication, database, verdict, curator, decidedAt, note FROM curatedLabel ORDER BY decidedAt, publication")
            .map { row in
                CuratedLabel(
                    publication: row[0], database: row[1], verdict: Verdict(rawValue: row[2]) ?? .no, curator: row[3], decidedAt: row[4],
                    note: row[5])
            }
    }

    /// The labels of each publication of the store, by database: the labels' names resolved to today's numbers.
    public static func resolvedLabels(_ db: Database) throws -> [Int64: [String: CuratedLabel]] {
        var resolved: [Int64: [String: CuratedLabel]] = [:]
        var ids: [String: Int64?] = [:]
        for label in try labels(db) {
            if ids[label.publication] == nil { ids[label.publication] = .some(try PublicationName.resolve(db, label.publication)) }
            guard let id = ids[label.publication] ?? nil else { continue }
            resolved[id, default: [:]][label.database] = label
        }
        return resolved
    }

    /// Records a curator's decision, replacing an earlier one on the same publication and database. The
    /// publication is stored under its name (`PublicationName`), whatever name `publication` gave it.
    public func label(
        _ publication: String, database: String, verdict: Verdict, curator: String, note: String? = nil, at date: Date = Date()
    ) async throws -> CuratedLabel {
        try await store.writer.write { db in
            let current = try RegistryRepository.current(db)
            guard let known = current.registry.database(named: database) else { throw UnknownDatabase(name: database, registry: current.label) }
            guard let id = try PublicationName.resolve(db, publication), let name = try PublicationRepository.names(db, [id])[id] else {
                throw UnknownPublication(name: publication)
            }
            let label = CuratedLabel(
                publication: name.name, database: known.name, verdict: verdict, curator: curator, decidedAt: date,
                note: note.flatMap { $0.isEmpty ? nil : $0 })
            // A label given under another name of the same publication is replaced too.
            for old in try Self.labels(db) where old.database == known.name && old.publication != name.name {
                guard try PublicationName.resolve(db, old.publication) == id else { continue }
                try db.execute(sql: "DELETE FROM curatedLabel WHERE publication = ? AND database = ?", arguments: [old.publication, old.database])
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO curatedLabel (publication, database, verdict, curator, decidedAt, note) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [label.publication, label.database, label.verdict.rawValue, label.curator, label.decidedAt, label.note])
            return label
        }
    }

    /// The curated labels as a gold set: per publication, the databases labelled `uses`, and every database
    /// labelled at all as evaluated.
    public func curatedGold() async throws -> [GoldLabel] {
        let labels = try await labels()
        let grouped = Dictionary(grouping: labels, by: \.publication)
        return grouped.keys.sorted().map { publication in
            let labels = grouped[publication]!
            return GoldLabel(
                id: publication, uses: Set(labels.filter { $0.verdict == .uses }.map(\.database)), named: Set(labels.map(\.database)))
        }
    }

    // MARK: Evaluation

    /// Classifies the labelled publications with the current registry (the classifier's verdicts, not the
    /// curated ones) and compares them with the labels.
    public func evaluate(_ labels: [GoldLabel]) async throws -> ClassificationEvaluation {
        let registry = try await RegistryRepository(store: store).current().registry
        let canonical = { (name: String) in registry.database(named: name)?.name ?? name }
        let labels = labels.map { label in
            var label = label
            label.uses = Set(label.uses.map(canonical))
            label.named = Set(label.named.map(canonical))
            return label
        }
        let repository = PublicationRepository(store: store)
        let found = try await repository.resolve(Set(labels.flatMap(\.names)))
        let ids = labels.map { label in label.names.lazy.compactMap { found[$0] }.first }
        let publications = try await repository.publications(Array(Set(ids.compactMap { $0 })))
        let classifier = try DatabaseClassifier(registry: registry)
        let decoder = JSONDecoder()
        var verdicts: [Int64: [DatabaseVerdict]] = [:]
        for publication in publications { verdicts[publication.id] = classifier.classify(try publication.merged(decoder: decoder)) }
        var cases: [ClassificationEvaluation.Case] = []
        var unresolved: [String] = []
        for (label, id) in zip(labels, ids) {
            if let id, let found = verdicts[id] {
                cases.append(ClassificationEvaluation.Case(label: label, verdicts: found))
            } else {
                unresolved.append(label.id)
            }
        }
        return ClassificationEvaluation(cases: cases, unresolved: unresolved)
    }
}
