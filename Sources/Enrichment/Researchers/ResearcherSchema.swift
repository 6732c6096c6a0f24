import GRDB
import Store

/// The researchers' part of the store.
///
/// `researcherAssignment` holds each author mention's researcher and the reasons of its merge, and goes with
/// its publication; runs rewrite only the rows that changed, so that triggers on it (search) see only the
/// publications whose researchers changed. `researcher` holds each researcher's name, ORCID and mention count.
/// `researcherCorrection` holds curators' decisions keyed by publication *name* and author position, not by
/// Hublot's numbers, so that they survive re-harvests that renumber publications.
public enum ResearcherSchema: StoreSchema {
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("researchers-v1") { db in
            try db.create(table: "researcher") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull()
                table.column("orcid", .text)
                table.column("mentions", .integer).notNull()
                /// `name` folded, for lookups by name.
                table.column("folded", .text).notNull()
            }
            try db.create(table: "researcherAssignment") { table in
                table.column("publicationID", .integer).notNull().references("publication", onDelete: .cascade)
                table.column("authorPosition", .integer).notNull()
                table.column("researcherID", .text).notNull()
                /// `[MergeReason]` as JSON.
                table.column("reasons", .text).notNull()
                table.primaryKey(["publicationID", "authorPosition"])
            }
            try db.create(index: "researcherAssignment_researcher", on: "researcherAssignment", columns: ["researcherID"])
            try db.create(table: "researcherCorrection") { table in
                table.autoIncrementedPrimaryKey("id")
                /// `same`, `different` or `assign`.
                table.column("kind", .text).notNull()
                table.column("publication", .text).notNull()
                table.column("authorPosition", .integer).notNull()
                /// The other mention, for `same` and `different`.
                table.column("otherPublication", .text)
                table.column("otherAuthorPosition", .integer)
                /// The researcher, for `assign`.
                table.column("researcherID", .text)
                table.column("curator", .text).notNull()
                table.column("note", .text)
                table.column("decidedAt", .datetime).notNull()
            }
        }
    }
}
