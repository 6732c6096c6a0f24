import GRDB
import Store

/// The journals' part of the store: each ISSN-L group with its title and ISSNs (`journal`), and every ISSN's
/// ISSN-L (`journalISSN`), which the search builder reads to count a journal once whatever edition a record names.
public enum JournalSchema: StoreSchema {
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("journals-v1") { db in
            try db.create(table: "journal") { table in
                table.primaryKey("issnL", .text)
                table.column("title", .text)
                /// Every ISSN of the group as a JSON array of strings.
                table.column("issns", .text).notNull()
            }
            try db.create(table: "journalISSN") { table in
                table.primaryKey("issn", .text)
                table.column("issnL", .text).notNull()
            }
        }
    }
}
