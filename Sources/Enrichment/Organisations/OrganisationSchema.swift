import GRDB
import Store

/// The organisation registries' part of the store.
///
/// `organisation` holds each organisation as JSON beside the columns the map and the statistics read;
/// `organisationName` its names folded (`OrganisationName.key`, and `looseKey`), for lookups and for linking registries in SQL
/// rather than in memory; `organisationParent` the parent ids as the registry wrote them (RNSR tutelles as
/// placeholders), for children and counts; `organisationExternalID` the GRID, ISNI, Wikidata... ids.
/// `organisationTutelle` keeps what the RNSR says of each tutelle and `organisationMapping` the RNSR→GRID/ROR
/// mapping file as imported, because links are recomputed from them after every import: `organisationLink`
/// (an RNSR lab or tutelle → a ROR organisation, how, and by which registry version). `organisationImport`
/// records each file imported and its SHA-256.
public enum OrganisationSchema: StoreSchema {
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("organisations-v1") { db in
            try db.create(table: "organisation") { table in
                table.primaryKey("id", .text)
                table.column("registry", .text).notNull()
                table.column("name", .text).notNull()
                table.column("status", .text).notNull()
                table.column("countryCode", .text)
                table.column("city", .text)
                table.column("cityKey", .text)
                table.column("latitude", .double)
                table.column("longitude", .double)
                table.column("json", .text).notNull()
            }
            try db.create(index: "organisation_registry", on: "organisation", columns: ["registry", "countryCode"])
            try db.create(table: "organisationName") { table in
                table.column("name", .text).notNull()
                table.column("looseName", .text).notNull()
                table.column("organisationID", .text).notNull().references("organisation", onDelete: .cascade)
                table.column("kind", .text).notNull()
            }
            try db.create(index: "organisationName_name", on: "organisationName", columns: ["name", "kind"])
            try db.create(index: "organisationName_looseName", on: "organisationName", columns: ["looseName", "kind"])
            try db.create(index: "organisationName_organisation", on: "organisationName", columns: ["organisationID"])
            try db.create(table: "organisationParent") { table in
                table.column("organisationID", .text).notNull().references("organisation", onDelete: .cascade)
                table.column("parentID", .text).notNull()
                table.primaryKey(["organisationID", "parentID"])
            }
            try db.create(index: "organisationParent_parent", on: "organisationParent", columns: ["parentID"])
            try db.create(table: "organisationExternalID") { table in
                table.column("scheme", .text).notNull()
                table.column("value", .text).notNull()
                table.column("organisationID", .text).notNull().references("organisation", onDelete: .cascade)
            }
            try db.create(index: "organisationExternalID_value", on: "organisationExternalID", columns: ["scheme", "value"])
            try db.create(index: "organisationExternalID_organisation", on: "organisationExternalID", columns: ["organisationID"])
            try db.create(table: "organisationTutelle") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull()
                table.column("nameKey", .text).notNull()
                table.column("looseNameKey", .text).notNull()
                table.column("acronym", .text)
                table.column("acronymKey", .text)
                table.column("uai", .text)
                table.column("siret", .text)
            }
            try db.create(table: "organisationMapping") { table in
                table.column("rnsrID", .text).notNull()
                table.column("grid", .text)
                table.column("rorID", .text)
            }
            try db.create(table: "organisationLink") { table in
                table.column("rnsrID", .text).notNull()
                table.column("rorID", .text).notNull()
                table.column("via", .text).notNull()
                table.column("registryVersion", .text).notNull()
                table.primaryKey(["rnsrID", "rorID"])
            }
            try db.create(index: "organisationLink_ror", on: "organisationLink", columns: ["rorID"])
            try db.create(table: "organisationImport") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("registry", .text).notNull()
                table.column("file", .text).notNull()
                table.column("sha256", .text).notNull()
                table.column("records", .integer).notNull()
                table.column("importedAt", .datetime).notNull()
            }
        }
    }
}
