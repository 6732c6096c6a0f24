import Foundation
import GRDB
import Publications
import Store

/// What `JournalRepository.run` found.
public struct JournalRunSummary: Hashable, Sendable, Codable {
    public var records: Int
    public var journals: Int
    public var issns: Int
}

/// The ISSN-L groups of the store's records, and their lookups.
public struct JournalRepository: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Groups the ISSNs of every record (not only of merged publications: another source may name the other
    /// edition) and replaces the stored groups.
    public func run() async throws -> JournalRunSummary {
        try await store.writer.write { db in
            let decoder = JSONDecoder()
            var journals: [Journal] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT metadata FROM publicationRecord ORDER BY id")
            var records = 0
            while let row = try rows.next() {
                records += 1
                if let journal = try decoder.decode(JournalOnly.self, from: row[0] as Data).journal, !journal.issns.isEmpty {
                    journals.append(journal)
                }
            }
            let grouping = JournalGrouping(journals)
            try db.execute(sql: "DELETE FROM journal")
            try db.execute(sql: "DELETE FROM journalISSN")
            let insertJournal = try db.cachedStatement(sql: "INSERT INTO journal (issnL, title, issns) VALUES (?, ?, ?)")
            let encoder = JSONEncoder()
            for group in grouping.groups {
                try insertJournal.execute(arguments: [group.issnL, group.title, String(decoding: try encoder.encode(group.issns), as: UTF8.self)])
            }
            let insertISSN = try db.cachedStatement(sql: "INSERT INTO journalISSN (issn, issnL) VALUES (?, ?)")
            for (issn, issnL) in grouping.linking.sorted(by: { $0.key < $1.key }) { try insertISSN.execute(arguments: [issn, issnL]) }
            return JournalRunSummary(records: records, journals: grouping.groups.count, issns: grouping.linking.count)
        }
    }

    /// The ISSN-L and title of the journal of the first of `issns` the store knows, in the caller's transaction.
    public static func linking(issns: [String], in db: Database) throws -> (issnL: String, title: String)? {
        for issn in issns {
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT j.issnL, j.title FROM journalISSN i JOIN journal j ON j.issnL = i.issnL WHERE i.issn = ?", arguments: [issn])
            else { continue }
            return (row[0], (row[1] as String?) ?? "")
        }
        return nil
    }

    /// Every group, by ISSN-L.
    public func journals() async throws -> [JournalGroup] {
        try await store.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT issnL, title, issns FROM journal ORDER BY issnL").map { row in
                JournalGroup(issnL: row[0], title: row[1], issns: try JSONDecoder().decode([String].self, from: Data((row[2] as String).utf8)))
            }
        }
    }
}

/// A record's metadata, of which only the journal is decoded.
private struct JournalOnly: Decodable {
    var journal: Journal?
}
