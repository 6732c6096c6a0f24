import GRDB
import Store

/// Enrichment's part of the store: the affiliation strings each publication prints, what each distinct string
/// was matched to, and curators' corrections.
///
/// Matches are kept per distinct string, not per publication: the same "Inserm U1219, Université de Bordeaux"
/// appears in hundreds of bylines and is matched once. Each match row records the registry version that made
/// it, so that importing a new registry rematches exactly the strings it may change. Writers of publications
/// know nothing of enrichment: triggers note the publications to read again in `enrichmentPending`.
public enum EnrichmentSchema: StoreSchema {
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("enrichment-v1") { db in
            try db.create(table: "affiliationOccurrence") { table in
                table.column("publicationID", .integer).notNull().references("publication", onDelete: .cascade)
                table.column("text", .text).notNull()
                table.primaryKey(["publicationID", "text"])
            }
            try db.create(index: "affiliationOccurrence_text", on: "affiliationOccurrence", columns: ["text"])
            try db.create(table: "affiliationMatch") { table in
                table.primaryKey("text", .text)
                // `[AffiliationMatch]` as JSON, best first; `[]` when nothing matched: unmatched strings are kept.
                table.column("matches", .text).notNull()
                // What the string reads as without a registry, shown when nothing matched.
                table.column("structure", .text)
                table.column("countryCode", .text)
                table.column("registryVersion", .text).notNull()
                table.column("isCorrected", .boolean).notNull().defaults(to: false)
                table.column("matchedAt", .datetime).notNull()
            }
            try db.create(table: "affiliationCorrection") { table in
                table.primaryKey("text", .text)
                // The right organisations' ids as a JSON list; empty says the string names none.
                table.column("organisationIDs", .text).notNull()
                table.column("curator", .text).notNull()
                table.column("note", .text)
                table.column("correctedAt", .datetime).notNull()
            }
            try db.create(table: "enrichmentPending") { table in
                table.primaryKey("publicationID", .integer)
            }
            // A store that had publications before enrichment came has them all read by the first run.
            try db.execute(sql: "INSERT INTO enrichmentPending (publicationID) SELECT id FROM publication")
            for statement in triggers { try db.execute(sql: statement) }
        }
    }

    static let triggers: [String] = {
        var triggers = PendingTriggers(prefix: "enrichment", queue: "enrichmentPending")
        triggers.note("publication", after: "INSERT", ["NEW.id"])
        triggers.note("publication", after: "UPDATE", ["OLD.id", "NEW.id"])
        triggers.note("publicationRecord", after: "INSERT", ["NEW.publicationID"])
        triggers.note("publicationRecord", after: "UPDATE", ["OLD.publicationID", "NEW.publicationID"])
        triggers.note("publicationRecord", after: "DELETE", ["OLD.publicationID"])
        return triggers.statements
    }()
}
