import GRDB
import Store

/// The classification's part of the store.
///
/// `databaseRegistryVersion` keeps every imported registry (its YAML as imported): the latest is the current
/// one, the shipped `DatabaseRegistry.standard` when none was imported. `classification` holds the classifier's
/// verdicts that are not `no`, one row per publication and database, and goes with its publication.
/// `curatedLabel` holds curators' decisions, keyed by the publication's name (`PublicationName`), not its
/// number, so that they survive re-runs and re-harvests that renumber publications.
public enum ClassificationSchema: StoreSchema {
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("classification-v1") { db in
            try db.create(table: "databaseRegistryVersion") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("yaml", .text).notNull()
                table.column("sha256", .text).notNull()
                table.column("file", .text).notNull()
                /// The `version` the file itself declares.
                table.column("declaredVersion", .integer).notNull()
                table.column("importedAt", .datetime).notNull()
            }

            try db.create(table: "classification") { table in
                table.column("publicationID", .integer).notNull().references("publication", onDelete: .cascade)
                table.column("database", .text).notNull()
                table.column("verdict", .text).notNull()
                table.column("confidence", .double).notNull()
                /// `[Evidence]` as JSON, strongest first.
                table.column("evidence", .text).notNull()
                /// `v<id>` of the registry version that made it, `standard` for the shipped one.
                table.column("registryVersion", .text).notNull()
                table.column("classifiedAt", .datetime).notNull()
                table.primaryKey(["publicationID", "database"])
            }
            try db.create(index: "classification_database", on: "classification", columns: ["database", "confidence"])

            try db.create(table: "curatedLabel") { table in
                table.column("publication", .text).notNull()
                table.column("database", .text).notNull()
                table.column("verdict", .text).notNull()
                table.column("curator", .text).notNull()
                table.column("decidedAt", .datetime).notNull()
                table.column("note", .text)
                table.primaryKey(["publication", "database"])
            }
        }
    }
}
