import Core
import Foundation
import GRDB
import Store

/// Read access to the catalog, for the CLI and the web app alike. Every method works on one version:
/// the one named, or the latest import when the name is nil.
public struct CatalogRepository: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    public struct UnknownVersion: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "no catalog version named `\(name)` (see `hublot catalog versions`)" }
    }

    /// All versions, newest first.
    public func versions() async throws -> [CatalogVersion] {
        try await store.reader.read { db in
            try CatalogVersion.order(CatalogVersion.Columns.id.desc).fetchAll(db)
        }
    }

    /// The version named, or the latest; nil when the store holds no catalog yet. Throws for an unknown name.
    public func version(named name: String? = nil) async throws -> CatalogVersion? {
        try await store.reader.read { db in try Self.version(named: name, db: db) }
    }

    static func version(named name: String?, db: Database) throws -> CatalogVersion? {
        guard let name else { return try CatalogVersion.order(CatalogVersion.Columns.id.desc).fetchOne(db) }
        guard let version = try CatalogVersion.filter(CatalogVersion.Columns.name == name).fetchOne(db) else {
            throw UnknownVersion(name: name)
        }
        return version
    }

    public func statistics(version: CatalogVersion) async throws -> CatalogStatistics {
        try await store.reader.read { db in try CatalogStatistics.fetch(versionID: version.id!, db: db) }
    }

    public func products(version: CatalogVersion) async throws -> [ProductSummary] {
        try await store.reader.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.product, COUNT(DISTINCT t.id) AS tables, COUNT(v.id) AS fields
                    FROM catalogTable t LEFT JOIN variable v ON v.catalogTableID = t.id
                    WHERE t.versionID = ? GROUP BY t.product ORDER BY t.product
                    """, arguments: [version.id]
            )
            .map { ProductSummary(name: $0["product"], tables: $0["tables"], fields: $0["fields"]) }
        }
    }

    /// Tables of the version, or of one product, by name.
    public func tables(version: CatalogVersion, product: String? = nil) async throws -> [TableSummary] {
        try await store.reader.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.name, t.product, t.title, COUNT(v.id) AS fields
                    FROM catalogTable t LEFT JOIN variable v ON v.catalogTableID = t.id
                    WHERE t.versionID = ? AND (? IS NULL OR t.product = ?)
                    GROUP BY t.id ORDER BY t.product, t.name
                    """, arguments: [version.id, product, product]
            )
            .map { TableSummary(name: $0["name"], product: $0["product"], title: $0["title"], fields: $0["fields"]) }
        }
    }

    /// A table by name (case-insensitive) with its variables, keys, joins both ways and shared variable names
    /// (compared case-insensitively: the schema writes the same variable `BEN_SEX_COD` here, `ben_sex_cod` there).
    public func table(named name: String, version: CatalogVersion) async throws -> TableDetail? {
        try await store.reader.read { db in
            guard let table = try Self.table(named: name, versionID: version.id!, db: db) else { return nil }
            let fields = try Variable.filter(Variable.Columns.catalogTableID == table.id!).order(Variable.Columns.position).fetchAll(db)
            let keys = try ForeignKey.filter(ForeignKey.Columns.catalogTableID == table.id!).order(ForeignKey.Columns.position).fetchAll(db)
            var joins = keys.map {
                Join(
                    direction: .outgoing, table: $0.referencedTable, fields: $0.fields, otherFields: $0.referencedFields,
                    resolved: $0.referencedTableID != nil)
            }
            let incoming = try Row.fetchAll(
                db,
                sql: """
                    SELECT k.*, t.name AS sourceTable FROM foreignKey k JOIN catalogTable t ON t.id = k.catalogTableID
                    WHERE k.referencedTableID = ? ORDER BY t.name, k.position
                    """, arguments: [table.id])
            joins += try incoming.map { row in
                let key = try ForeignKey(row: row)
                return Join(direction: .incoming, table: row["sourceTable"], fields: key.referencedFields, otherFields: key.fields, resolved: true)
            }
            let shared = try Row.fetchAll(
                db,
                sql: """
                    SELECT mine.name, other.name AS tableName
                    FROM variable mine
                    JOIN variable theirs ON theirs.versionID = mine.versionID AND theirs.name = mine.name COLLATE NOCASE
                        AND theirs.catalogTableID <> mine.catalogTableID
                    JOIN catalogTable other ON other.id = theirs.catalogTableID
                    WHERE mine.catalogTableID = ? ORDER BY mine.position, other.name
                    """, arguments: [table.id])
            var sharedVariables: [SharedVariable] = []
            for row in shared {
                let name: String = row["name"]
                if sharedVariables.last?.name != name { sharedVariables.append(SharedVariable(name: name, tables: [])) }
                sharedVariables[sharedVariables.count - 1].tables.append(row["tableName"])
            }
            return TableDetail(table: table, fields: fields, foreignKeys: keys, joins: joins, sharedVariables: sharedVariables)
        }
    }

    /// The tables that have a variable of this name (case-insensitive), by name.
    public func tables(havingVariable name: String, version: CatalogVersion) async throws -> [String] {
        try await store.reader.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT t.name FROM variable v JOIN catalogTable t ON t.id = v.catalogTableID
                    WHERE v.versionID = ? AND v.name = ? COLLATE NOCASE ORDER BY t.name
                    """, arguments: [version.id, name])
        }
    }

    public func variable(table tableName: String, name: String, version: CatalogVersion) async throws -> VariableDetail? {
        try await store.reader.read { db in
            guard let table = try Self.table(named: tableName, versionID: version.id!, db: db),
                let variable = try Variable.filter(Variable.Columns.catalogTableID == table.id!)
                    .filter(Variable.Columns.name.collating(.nocase) == name).fetchOne(db)
            else { return nil }
            let nomenclature = try variable.nomenclatureName.flatMap { try Self.nomenclature(named: $0, versionID: version.id!, db: db) }
            let sample =
                try nomenclature?.contentID.map {
                    try NomenclatureEntry.filter(NomenclatureEntry.Columns.contentID == $0).order(NomenclatureEntry.Columns.line).limit(20).fetchAll(
                        db)
                } ?? []
            let alsoIn = try String.fetchAll(
                db,
                sql: """
                    SELECT t.name FROM variable v JOIN catalogTable t ON t.id = v.catalogTableID
                    WHERE v.versionID = ? AND v.name = ? COLLATE NOCASE AND t.id <> ? ORDER BY t.name
                    """, arguments: [version.id, variable.name, table.id])
            let fieldCount = try Variable.filter(Variable.Columns.catalogTableID == table.id!).fetchCount(db)
            return VariableDetail(
                table: TableSummary(name: table.name, product: table.product, title: table.title, fields: fieldCount),
                variable: variable, nomenclature: nomenclature, sampleEntries: sample, alsoIn: alsoIn)
        }
    }

    public func search(_ query: String, version: CatalogVersion, limit: Int = 20) async throws -> [VariableMatch] {
        try await store.reader.read { db in
            try CatalogSearch().search(query, versionID: version.id!, limit: limit, db: db)
        }
    }

    /// Nomenclatures whose name or title contains `filter` (all when nil), by name.
    public func nomenclatures(version: CatalogVersion, filter: String? = nil) async throws -> [Nomenclature] {
        try await store.reader.read { db in
            var request = Nomenclature.filter(Nomenclature.Columns.versionID == version.id!)
            if let filter, !filter.isEmpty {
                let pattern = "%\(filter)%"
                request = request.filter(Nomenclature.Columns.name.like(pattern) || GRDB.Column("title").like(pattern))
            }
            return try request.order(Nomenclature.Columns.name).fetchAll(db)
        }
    }

    public func nomenclature(named name: String, version: CatalogVersion) async throws -> NomenclatureDetail? {
        try await store.reader.read { db in
            guard let nomenclature = try Self.nomenclature(named: name, versionID: version.id!, db: db) else { return nil }
            let entries = try nomenclature.contentID.map { try NomenclatureContent.fetchOne(db, key: $0)?.rowCount ?? 0 } ?? 0
            let usedBy = try String.fetchAll(
                db,
                sql: """
                    SELECT t.name || '.' || v.name FROM variable v JOIN catalogTable t ON t.id = v.catalogTableID
                    WHERE v.versionID = ? AND v.nomenclatureName = ?
                    ORDER BY t.name, v.position
                    """, arguments: [version.id, nomenclature.name])
            return NomenclatureDetail(nomenclature: nomenclature, entries: entries, usedBy: usedBy)
        }
    }

    /// Looks up a nomenclature both ways: the entries whose code is `code` (in the code column, or in
    /// `column` for a `NAME:COLUMN` reference), or whose label matches `label` (analysed like a search),
    /// or the first `limit` entries from `offset` when neither is given.
    public func entries(
        of nomenclature: Nomenclature, code: String? = nil, column: String? = nil, label: String? = nil, limit: Int = 100, offset: Int = 0
    ) async throws -> [NomenclatureEntry] {
        guard let contentID = nomenclature.contentID else { return [] }
        return try await store.reader.read { db in
            if let code {
                let content = try NomenclatureContent.fetchOne(db, key: contentID)
                if let column, let index = content?.header.firstIndex(where: { $0.folded == column.folded }) {
                    return try NomenclatureEntry.fetchAll(
                        db,
                        sql: """
                            SELECT * FROM nomenclatureEntry WHERE contentID = ? AND json_extract("values", '$[\(index)]') = ?
                            ORDER BY line LIMIT ? OFFSET ?
                            """, arguments: [contentID, code, limit, offset])
                }
                return try NomenclatureEntry.filter(NomenclatureEntry.Columns.contentID == contentID)
                    .filter(NomenclatureEntry.Columns.code == code || NomenclatureEntry.Columns.code == code.trimmingCharacters(in: .whitespaces))
                    .order(NomenclatureEntry.Columns.line).limit(limit, offset: offset).fetchAll(db)
            }
            if let label, let expression = try CatalogSearch().labelExpression(for: label, db: db) {
                // The content's entries have contiguous rowids: the range keeps FTS5 within this nomenclature.
                guard let content = try NomenclatureContent.fetchOne(db, key: contentID),
                    let first = content.firstEntryRowID, let last = content.lastEntryRowID
                else { return [] }
                return try NomenclatureEntry.fetchAll(
                    db,
                    sql: """
                        SELECT e.* FROM nomenclatureEntrySearch s JOIN nomenclatureEntry e ON e.rowid = s.rowid
                        WHERE nomenclatureEntrySearch MATCH ? AND s.rowid BETWEEN ? AND ? ORDER BY s.rank LIMIT ? OFFSET ?
                        """, arguments: [expression, first, last, limit, offset])
            }
            return try NomenclatureEntry.filter(NomenclatureEntry.Columns.contentID == contentID)
                .order(NomenclatureEntry.Columns.line).limit(limit, offset: offset).fetchAll(db)
        }
    }

    public func diff(from: CatalogVersion, to: CatalogVersion) async throws -> CatalogDiff {
        try await store.reader.read { db in
            CatalogDiff(from: try CatalogContents.fetch(version: from, db: db), to: try CatalogContents.fetch(version: to, db: db))
        }
    }

    static func table(named name: String, versionID: Int64, db: Database) throws -> CatalogTable? {
        try CatalogTable.filter(CatalogTable.Columns.versionID == versionID)
            .filter(CatalogTable.Columns.name.collating(.nocase) == name).fetchOne(db)
    }

    static func nomenclature(named name: String, versionID: Int64, db: Database) throws -> Nomenclature? {
        try Nomenclature.filter(Nomenclature.Columns.versionID == versionID)
            .filter(Nomenclature.Columns.name.collating(.nocase) == name).fetchOne(db)
    }
}
