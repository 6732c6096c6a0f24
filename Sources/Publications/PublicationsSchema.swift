import GRDB
import Store

/// The publications' part of the store.
///
/// A `publicationRecord` is what one source said (its metadata as JSON, with where it was read); a
/// `publication` is a work, the merge of its records, with the columns that lists and counts need. The merged
/// metadata itself is not stored: it is a pure function of the records (`PublicationMerger`), so it can never
/// disagree with them, and `show` recomputes it with the provenance of every field.
/// `publicationKey` holds every identifier and title key of every publication: the index merging looks up.
public enum PublicationsSchema: StoreSchema {
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("publications-v1") { db in
            try db.create(table: "publication") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("title", .text)
                table.column("year", .integer)
                table.column("doi", .text)
                table.column("pmid", .text)
                table.column("pmcid", .text)
                table.column("halID", .text)
                table.column("openAlexID", .text)
                table.column("journal", .text)
                table.column("language", .text)
                table.column("hasAbstract", .boolean).notNull()
                table.column("hasFullText", .boolean).notNull()
                table.column("authorCount", .integer).notNull()
                table.column("recordCount", .integer).notNull()
                /// The sources of its records, sorted and comma-separated (`crossref,pubmed`).
                table.column("sources", .text).notNull()
            }
            try db.create(index: "publication_year", on: "publication", columns: ["year"])

            try db.create(table: "publicationRecord") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("source", .text).notNull()
                table.column("key", .text).notNull()
                table.column("publicationID", .integer).notNull().references("publication")
                /// SHA-256 of the metadata JSON: reading the same record again is recognised without decoding it.
                table.column("fingerprint", .blob).notNull()
                table.column("metadata", .blob).notNull()
                table.column("file", .text).notNull()
                table.column("position", .integer).notNull()
                table.column("line", .integer)
                table.column("ingestedAt", .datetime).notNull()
                table.uniqueKey(["source", "key"])
            }
            try db.create(index: "publicationRecord_publication", on: "publicationRecord", columns: ["publicationID"])

            try db.create(table: "publicationKey") { table in
                /// `doi`, `pmid`, `pmcid`, `hal`, `openalex` or `title` (the normalised title + year + first author).
                table.column("kind", .text).notNull()
                table.column("value", .text).notNull()
                table.column("publicationID", .integer).notNull().references("publication", onDelete: .cascade)
                table.primaryKey(["kind", "value", "publicationID"])
            }
            try db.create(index: "publicationKey_publication", on: "publicationKey", columns: ["publicationID"])

            /// Records a source withdrew (PubMed's `DeleteCitation`), so counts can say what went and why.
            try db.create(table: "publicationDeletion") { table in
                table.column("source", .text).notNull()
                table.column("key", .text).notNull()
                table.column("file", .text).notNull()
                table.column("deletedAt", .datetime).notNull()
                table.primaryKey(["source", "key"])
            }

            try db.create(table: "harvestCheckpoint") { table in
                table.column("source", .text).notNull()
                table.column("query", .text).notNull()
                table.column("since", .text).notNull()
                table.column("state", .text).notNull()
                table.column("fetched", .integer).notNull()
                table.column("total", .integer)
                table.column("isComplete", .boolean).notNull()
                table.column("updatedAt", .datetime).notNull()
                table.primaryKey(["source", "query", "since"])
            }
        }
    }
}
