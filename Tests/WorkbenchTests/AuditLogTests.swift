import Foundation
import GRDB
import Store
import Testing
import Workbench

/// A store holding a five-entry log, the triggers dropped so that a test can tamper with the table as an attacker
/// with write access to the file would.
private func loggedStore(entries: Int = 5) async throws -> (Store, AuditLog) {
    let store = try Store.inMemory(schemas: [WorkbenchSchema.self])
    let log = AuditLog(store: store)
    for index in 1...entries {
        let details = try AuditLog.canonicalJSON(["step": "step \(index)"])
        try await log.append(
            AuditDraft(
                actor: "alice", project: "P1", action: index.isMultiple(of: 2) ? .decision : .request, details: details,
                files: [AuditFile(path: "out/\(index).csv", sha256: String(repeating: "\(index % 10)", count: 64))]),
            at: Date(timeIntervalSince1970: 1_790_000_000 + Double(index) * 60))
    }
    return (store, log)
}

private func dropTriggers(_ store: Store) async throws {
    try await store.writer.write { db in
        try db.execute(sql: "DROP TRIGGER auditEntry_no_update; DROP TRIGGER auditEntry_no_delete")
    }
}

@Suite struct AuditLogTests {
    @Test func appendsChainedEntriesThatVerify() async throws {
        let (_, log) = try await loggedStore()
        let entries = try await log.entries()
        #expect(entries.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(entries[0].previousHash == AuditLog.genesisHash)
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.hash == $1.previousHash })
        #expect(entries.allSatisfy { $0.hash == $0.computedHash && $0.hash.count == 64 })
        #expect(entries[0].time == "2026-09-21T14:14:20Z")
        #expect(entries[2].auditFiles == [AuditFile(path: "out/3.csv", sha256: String(repeating: "3", count: 64))])

        let verification = try await log.verify()
        #expect(verification.intact)
        #expect(verification.problems.isEmpty)
        #expect((verification.entries, verification.lastSequence, verification.lastHash) == (5, 5, entries[4].hash))
    }

    @Test func triggersRefuseUpdatesAndDeletes() async throws {
        let (store, log) = try await loggedStore()
        await #expect(throws: DatabaseError.self) {
            try await store.writer.write { db in try db.execute(sql: "UPDATE auditEntry SET actor = 'mallory' WHERE sequence = 2") }
        }
        await #expect(throws: DatabaseError.self) {
            try await store.writer.write { db in try db.execute(sql: "DELETE FROM auditEntry WHERE sequence = 2") }
        }
        #expect(try await log.verify().intact)
    }

    @Test func detectsAnEditedEntry() async throws {
        let (store, log) = try await loggedStore()
        try await dropTriggers(store)
        try await store.writer.write { db in
            try db.execute(sql: "UPDATE auditEntry SET details = '{\"step\":\"approved by nobody\"}' WHERE sequence = 3")
        }
        let verification = try await log.verify()
        #expect(!verification.intact)
        #expect(verification.problems.map { "\($0.kind) \($0.sequence)" } == ["edited 3"])
    }

    @Test func detectsAnEditedAndRehashedEntryAtTheNextLink() async throws {
        let (store, log) = try await loggedStore()
        try await dropTriggers(store)
        var forged = try #require(try await log.entry(3))
        forged.actor = "mallory"
        forged.hash = forged.computedHash
        let rewritten = forged
        try await store.writer.write { db in
            try db.execute(sql: "UPDATE auditEntry SET actor = ?, hash = ? WHERE sequence = 3", arguments: [rewritten.actor, rewritten.hash])
        }
        let problems = try await log.verify().problems
        #expect(problems.map { "\($0.kind) \($0.sequence)" } == ["removed 3"])
        #expect(problems[0].message.contains("entry 4 follows an entry that is no longer in the log"))
    }

    @Test func detectsARemovedEntry() async throws {
        let (store, log) = try await loggedStore()
        try await dropTriggers(store)
        try await store.writer.write { db in try db.execute(sql: "DELETE FROM auditEntry WHERE sequence = 3") }
        let verification = try await log.verify()
        #expect(!verification.intact)
        #expect(Set(verification.problems.map { "\($0.kind) \($0.sequence)" }) == ["removed 3"])
        #expect(verification.problems.contains { $0.message == "entry 3 is missing: removed from the log" })
    }

    @Test func detectsReorderedEntries() async throws {
        let (store, log) = try await loggedStore()
        try await dropTriggers(store)
        try await store.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE auditEntry SET sequence = -2 WHERE sequence = 2;
                    UPDATE auditEntry SET sequence = 2 WHERE sequence = 3;
                    UPDATE auditEntry SET sequence = 3 WHERE sequence = -2;
                    """)
        }
        let problems = try await log.verify().problems
        #expect(problems.contains { $0.kind == "reordered" && $0.sequence == 2 })
        #expect(problems.contains { $0.message.contains("entry 2 was written after entry 3") })
    }

    @Test func detectsAnInsertedEntry() async throws {
        let (store, log) = try await loggedStore()
        try await dropTriggers(store)
        // The forger shifts entries 3-5 up and slips a well-formed entry, chained to entry 2, into the gap.
        let second = try #require(try await log.entry(2))
        var forged = second
        forged.sequence = 3
        forged.actor = "mallory"
        forged.action = "release"
        forged.previousHash = second.hash
        forged.hash = forged.computedHash
        let inserted = forged
        try await store.writer.write { db in
            for sequence in [5, 4, 3] {
                try db.execute(sql: "UPDATE auditEntry SET sequence = ? WHERE sequence = ?", arguments: [sequence + 1, sequence])
            }
            try inserted.insert(db)
        }
        let verification = try await log.verify()
        #expect(verification.entries == 6)
        #expect(verification.problems.contains { $0.kind == "inserted" && $0.sequence == 3 })
        #expect(verification.problems.contains { $0.message.contains("entry 4 was written right after entry 2: entry 3 was inserted") })
    }

    @Test func canonicalSerialisationSeparatesFieldsUnambiguously() async throws {
        let (_, log) = try await loggedStore(entries: 1)
        var entry = try #require(try await log.entry(1))
        let original = entry.computedHash
        // Moving text from one field to the next keeps the concatenation but not the serialisation.
        entry.actor = "alic"
        entry.project = "eP1"
        #expect(entry.computedHash != original)
    }
}
