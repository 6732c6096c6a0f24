import GRDB
import Store

/// The catalog's part of the store.
public enum CatalogSchema: StoreSchema {
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("catalog-v1") { db in
            try db.create(table: "catalogVersion") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("importedAt", .datetime).notNull()
                t.column("source", .text).notNull()
                t.column("isSample", .boolean).notNull().defaults(to: false)
                t.column("warnings", .jsonText).notNull()
            }
            try db.create(table: "catalogTable") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("versionID", .integer).notNull().indexed().references("catalogVersion", onDelete: .cascade)
                t.column("product", .text).notNull()
                t.column("name", .text).notNull()
                t.column("title", .text).notNull()
                t.column("scope", .text).notNull()
                t.column("observation", .text).notNull()
                t.column("history", .jsonText).notNull()
                t.column("primaryKey", .jsonText).notNull()
                t.column("missingValues", .jsonText).notNull()
                t.column("sourcePath", .text).notNull()
                t.column("extra", .jsonText)
                t.uniqueKey(["versionID", "name"])
            }
            try db.create(table: "variable") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("catalogTableID", .integer).notNull().indexed().references("catalogTable", onDelete: .cascade)
                t.column("versionID", .integer).notNull().indexed().references("catalogVersion", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("description", .text).notNull()
                t.column("type", .text).notNull()
                t.column("oracleType", .text).notNull()
                t.column("lengthText", .text)
                t.column("length", .integer)
                t.column("scale", .integer)
                t.column("format", .text).notNull()
                t.column("nomenclatureReference", .text)
                t.column("nomenclatureName", .text)
                t.column("constraints", .jsonText)
                t.column("history", .jsonText).notNull()
                t.column("managementRule", .text).notNull()
                t.column("observation", .text).notNull()
                t.column("extra", .jsonText)
                t.uniqueKey(["catalogTableID", "name"])
            }
            try db.create(index: "variable_on_version_name", on: "variable", columns: ["versionID", "name"])
            // Names are looked up whatever their case (the schema writes some in lower case).
            try db.execute(sql: "CREATE INDEX variable_on_version_name_nocase ON variable(versionID, name COLLATE NOCASE)")
            try db.create(index: "variable_on_version_nomenclature", on: "variable", columns: ["versionID", "nomenclatureName"])
            try db.create(table: "foreignKey") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("catalogTableID", .integer).notNull().indexed().references("catalogTable", onDelete: .cascade)
                t.column("versionID", .integer).notNull().indexed().references("catalogVersion", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("fields", .jsonText).notNull()
                t.column("referencedTable", .text).notNull()
                t.column("referencedFields", .jsonText).notNull()
                t.column("referencedTableID", .integer).indexed().references("catalogTable", onDelete: .cascade)
            }
            try db.create(table: "nomenclatureContent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("digest", .text).notNull().unique()
                t.column("header", .jsonText).notNull()
                t.column("rowCount", .integer).notNull()
                t.column("firstEntryRowID", .integer)
                t.column("lastEntryRowID", .integer)
            }
            try db.create(table: "nomenclatureEntry") { t in
                t.column("contentID", .integer).notNull().references("nomenclatureContent", onDelete: .cascade)
                t.column("line", .integer).notNull()
                t.column("code", .text).notNull()
                t.column("label", .text).notNull()
                t.column("values", .jsonText).notNull()
                t.primaryKey(["contentID", "line"])
            }
            try db.create(index: "nomenclatureEntry_on_code", on: "nomenclatureEntry", columns: ["contentID", "code"])
            try db.create(table: "nomenclature") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("versionID", .integer).notNull().indexed().references("catalogVersion", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("source", .text).notNull()
                t.column("title", .text).notNull()
                t.column("description", .text).notNull()
                t.column("columns", .jsonText).notNull()
                t.column("primaryKey", .jsonText).notNull()
                t.column("codeColumn", .text)
                t.column("labelColumn", .text)
                t.column("contentID", .integer).indexed().references("nomenclatureContent")
                t.column("sourcePath", .text).notNull()
                t.uniqueKey(["versionID", "name"])
            }
            // Search documents hold text already analysed by `TextAnalyzer` (folded, stemmed, expanded),
            // so the FTS tokenizer only has to split on spaces. `version` holds one token, `v<versionID>`:
            // filtering inside FTS5 spares a lookup of every match in `variable`.
            try db.create(virtualTable: "variableSearch", using: FTS5()) { t in
                t.tokenizer = .unicode61(diacritics: .remove)
                t.column("name")
                t.column("description")
                t.column("context")
                t.column("version")
            }
            // How many documents hold each term, for ranking.
            try db.execute(sql: "CREATE VIRTUAL TABLE variableSearchVocabulary USING fts5vocab(variableSearch, row)")
            // All the labels of one nomenclature content as one document (rowid = content id): which
            // nomenclatures have labels matching a query, without ranking 400,000 labels one by one.
            try db.create(virtualTable: "nomenclatureLabelSearch", using: FTS5()) { t in
                t.tokenizer = .unicode61(diacritics: .remove)
                t.column("labels")
            }
            try db.execute(sql: "CREATE VIRTUAL TABLE nomenclatureLabelSearchVocabulary USING fts5vocab(nomenclatureLabelSearch, row)")
            // Its rowid is the nomenclatureEntry rowid.
            try db.create(virtualTable: "nomenclatureEntrySearch", using: FTS5()) { t in
                t.tokenizer = .unicode61(diacritics: .remove)
                t.column("label")
            }
        }
    }
}
