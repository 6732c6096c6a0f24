import Classification
import Enrichment
import GRDB
import Publications
import Store

/// The search index's part of the store.
///
/// `searchDocument` holds each publication's `SearchDocument` as JSON with the revision that wrote it; a row
/// whose document is NULL records a deletion, so that an engine loaded at an older revision learns of it.
/// Writers of publications, verdicts and labels know nothing of search: triggers note what they touch in
/// `searchPending` (publication numbers) and `searchPendingName` (the names curated labels are keyed by), and
/// the engine's catch-up rebuilds those documents. `searchState` holds the revision (one step per catch-up
/// batch) and the generation (one step per reindex, which also forgets deletions).
public enum SearchSchema: StoreSchema {
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("search-v1") { db in
            try db.create(table: "searchDocument") { table in
                table.primaryKey("publicationID", .integer)
                table.column("revision", .integer).notNull()
                table.column("document", .blob)
            }
            try db.create(index: "searchDocument_revision", on: "searchDocument", columns: ["revision"])
            try db.create(table: "searchPending") { table in
                table.primaryKey("publicationID", .integer)
            }
            try db.create(table: "searchPendingName") { table in
                table.primaryKey("name", .text)
            }
            try db.create(table: "searchState") { table in
                table.primaryKey("id", .integer).check { $0 == 1 }
                table.column("revision", .integer).notNull()
                table.column("generation", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO searchState (id, revision, generation) VALUES (1, 0, 0)")
            // A store that had publications before search came gets them indexed by the first catch-up.
            try db.execute(sql: "INSERT INTO searchPending (publicationID) SELECT id FROM publication")
            for statement in triggers { try db.execute(sql: statement) }
        }
        // The version of the builder that made the stored documents (`SearchDocument.builderVersion`); 0, for
        // documents made before it was kept, has them all rebuilt.
        migrator.registerMigration("search-v2") { db in
            try db.alter(table: "searchState") { table in table.add(column: "builder", .integer).notNull().defaults(to: 0) }
            try db.execute(
                sql: "UPDATE searchState SET builder = ? WHERE NOT EXISTS (SELECT 1 FROM searchDocument)", arguments: [SearchDocument.builderVersion])
        }

        // Documents show what enrichment matched in their affiliation strings and who their authors are: a string
        // matched again marks the publications that print it, a researcher assignment its publication. Needs `EnrichmentSchema`'s tables, registered before this schema. No `OR IGNORE`:
        // the upsert that fires it would override it.
        migrator.registerMigration("search-v3") { db in
            for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER search_researcherAssignment_\(event.lowercased()) AFTER \(event) ON researcherAssignment BEGIN
                        INSERT INTO searchPending (publicationID) SELECT \(row).publicationID
                        WHERE NOT EXISTS (SELECT 1 FROM searchPending WHERE publicationID = \(row).publicationID);
                        END
                        """)
            }
            for event in ["INSERT", "UPDATE"] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER search_affiliationMatch_\(event.lowercased()) AFTER \(event) ON affiliationMatch BEGIN
                        INSERT INTO searchPending (publicationID) SELECT o.publicationID FROM affiliationOccurrence o
                        WHERE o.text = NEW.text AND NOT EXISTS (SELECT 1 FROM searchPending p WHERE p.publicationID = o.publicationID);
                        END
                        """)
            }
        }
    }

    /// The schemas search reads from, in the order they must be registered, then search's own.
    public static let withDependencies: [any StoreSchema.Type] = [
        PublicationsSchema.self, ClassificationSchema.self, OrganisationSchema.self, EnrichmentSchema.self, ResearcherSchema.self,
        JournalSchema.self, SearchSchema.self,
    ]

    static let triggers: [String] = {
        var publications = PendingTriggers(prefix: "search", queue: "searchPending")
        publications.note("publication", after: "INSERT", ["NEW.id"])
        publications.note("publication", after: "UPDATE", ["OLD.id", "NEW.id"])
        publications.note("publication", after: "DELETE", ["OLD.id"])
        // A record's metadata can change without its publication's summary columns changing.
        publications.note("publicationRecord", after: "INSERT", ["NEW.publicationID"])
        publications.note("publicationRecord", after: "UPDATE", ["OLD.publicationID", "NEW.publicationID"])
        publications.note("publicationRecord", after: "DELETE", ["OLD.publicationID"])
        publications.note("classification", after: "INSERT", ["NEW.publicationID"])
        publications.note("classification", after: "UPDATE", ["OLD.publicationID", "NEW.publicationID"])
        publications.note("classification", after: "DELETE", ["OLD.publicationID"])
        var names = PendingTriggers(prefix: "search", queue: "searchPendingName", column: "name")
        names.note("curatedLabel", after: "INSERT", ["NEW.publication"])
        names.note("curatedLabel", after: "UPDATE", ["OLD.publication", "NEW.publication"])
        names.note("curatedLabel", after: "DELETE", ["OLD.publication"])
        return publications.statements + names.statements
    }()
}
