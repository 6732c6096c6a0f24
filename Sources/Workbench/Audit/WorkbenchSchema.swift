import GRDB
import Store

/// The workbench's part of Hublot's own store: projects and the audit log of what leaves the platform.
///
/// Project data never lives here (it is in the project's engine); only who may take what out, and the record of it.
public enum WorkbenchSchema: StoreSchema {
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("workbench-v1") { db in
            try db.create(table: "project") { t in
                t.column("name", .text).primaryKey()
                t.column("minimumCount", .integer).notNull()
                t.column("recipient", .text).notNull()
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "auditEntry") { t in
                t.column("sequence", .integer).primaryKey()
                t.column("time", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("project", .text).notNull()
                t.column("action", .text).notNull()
                t.column("details", .text).notNull()
                t.column("files", .text).notNull()
                t.column("previousHash", .text).notNull()
                t.column("hash", .text).notNull()
            }
            try db.create(index: "auditEntry_on_project_action", on: "auditEntry", columns: ["project", "action"])
            // A first guard, not the proof: whoever can drop these triggers can edit the table, and `audit verify`
            // then finds the edit through the hash chain.
            try db.execute(
                sql: """
                    CREATE TRIGGER auditEntry_no_update BEFORE UPDATE ON auditEntry
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be updated'); END;
                    CREATE TRIGGER auditEntry_no_delete BEFORE DELETE ON auditEntry
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted'); END;
                    """)
        }
    }
}
