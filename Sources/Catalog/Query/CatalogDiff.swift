import GRDB

/// What changed between two catalog versions: tables and variables added, removed or changed, with each
/// changed attribute's value before and after; and nomenclatures added, removed or whose codes changed.
public struct CatalogDiff: Codable, Hashable, Sendable {
    public var from: String
    public var to: String
    public var addedTables: [String]
    public var removedTables: [String]
    public var changedTables: [TableChange]
    public var addedNomenclatures: [String]
    public var removedNomenclatures: [String]
    /// Nomenclatures whose schema or codes differ.
    public var changedNomenclatures: [String]

    public struct TableChange: Codable, Hashable, Sendable {
        public var table: String
        public var changes: [AttributeChange]
        public var addedVariables: [String]
        public var removedVariables: [String]
        public var changedVariables: [VariableChange]
    }

    public struct VariableChange: Codable, Hashable, Sendable {
        public var variable: String
        public var changes: [AttributeChange]
    }

    public struct AttributeChange: Codable, Hashable, Sendable {
        public var attribute: String
        public var before: String
        public var after: String
    }

    public var isEmpty: Bool {
        addedTables.isEmpty && removedTables.isEmpty && changedTables.isEmpty && addedNomenclatures.isEmpty
            && removedNomenclatures.isEmpty && changedNomenclatures.isEmpty
    }

    public init(from old: CatalogContents, to new: CatalogContents) {
        from = old.version
        to = new.version
        addedTables = new.tables.keys.filter { old.tables[$0] == nil }.sorted()
        removedTables = old.tables.keys.filter { new.tables[$0] == nil }.sorted()
        changedTables = new.tables.keys.sorted().compactMap { name in
            guard let before = old.tables[name], let after = new.tables[name] else { return nil }
            return Self.compare(before, after)
        }
        addedNomenclatures = new.nomenclatures.keys.filter { old.nomenclatures[$0] == nil }.sorted()
        removedNomenclatures = old.nomenclatures.keys.filter { new.nomenclatures[$0] == nil }.sorted()
        changedNomenclatures = new.nomenclatures.keys.filter { name in
            old.nomenclatures[name].map { $0 != new.nomenclatures[name] } ?? false
        }.sorted()
    }

    private static func compare(_ before: CatalogContents.Table, _ after: CatalogContents.Table) -> TableChange? {
        let oldVariables = Dictionary(before.variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newVariables = Dictionary(after.variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let change = TableChange(
            table: after.table.name,
            changes: changes(tableAttributes(before), tableAttributes(after)),
            addedVariables: after.variables.map(\.name).filter { oldVariables[$0] == nil },
            removedVariables: before.variables.map(\.name).filter { newVariables[$0] == nil },
            changedVariables: after.variables.compactMap { variable in
                guard let old = oldVariables[variable.name] else { return nil }
                let changes = changes(variableAttributes(old), variableAttributes(variable))
                return changes.isEmpty ? nil : VariableChange(variable: variable.name, changes: changes)
            }
        )
        let unchanged = change.changes.isEmpty && change.addedVariables.isEmpty && change.removedVariables.isEmpty && change.changedVariables.isEmpty
        return unchanged ? nil : change
    }

    private static func changes(_ before: KeyValuePairs<String, String>, _ after: KeyValuePairs<String, String>) -> [AttributeChange] {
        zip(before, after).compactMap { old, new in
            old.value == new.value ? nil : AttributeChange(attribute: old.key, before: old.value, after: new.value)
        }
    }

    private static func tableAttributes(_ table: CatalogContents.Table) -> KeyValuePairs<String, String> {
        let t = table.table
        return [
            "product": t.product, "title": t.title, "scope": t.scope, "observation": t.observation,
            "history": describe(t.history), "primary_key": t.primaryKey.joined(separator: " + "),
            "foreign_keys": table.foreignKeys.map {
                "\($0.fields.joined(separator: " + ")) -> \($0.referencedTable)(\($0.referencedFields.joined(separator: " + ")))"
            }
            .joined(separator: "; "),
            "extra": t.extra ?? "",
        ]
    }

    private static func variableAttributes(_ v: Variable) -> KeyValuePairs<String, String> {
        [
            "description": v.description, "type": v.type, "oracle_type": v.oracleType, "length": v.lengthText ?? "",
            "format": v.format, "nomenclature": v.nomenclatureReference ?? "", "constraints": v.constraints ?? "",
            "history": describe(v.history), "management_rule": v.managementRule, "observation": v.observation, "extra": v.extra ?? "",
        ]
    }

    private static func describe(_ history: CatalogTable.History) -> String {
        "created \(history.created.isEmpty ? "?" : history.created), deleted \(history.deleted.isEmpty ? "-" : history.deleted)"
            + (history.missing.isEmpty ? "" : ", missing \(history.missing.joined(separator: ","))")
    }
}

/// Everything of one version that a diff compares, loaded at once.
public struct CatalogContents: Sendable {
    public struct Table: Sendable {
        public var table: CatalogTable
        public var variables: [Variable]
        public var foreignKeys: [ForeignKey]
    }

    /// A nomenclature's comparable identity: its schema and its content digest.
    struct NomenclatureFingerprint: Hashable, Sendable {
        var title: String
        var columns: [Nomenclature.Column]
        var digest: String?
    }

    public var version: String
    public var tables: [String: Table]
    var nomenclatures: [String: NomenclatureFingerprint]

    static func fetch(version: CatalogVersion, db: Database) throws -> CatalogContents {
        let versionID = version.id!
        let variables = Dictionary(
            grouping: try Variable.filter(Variable.Columns.versionID == versionID).order(Variable.Columns.position).fetchAll(db),
            by: \.catalogTableID)
        let keys = Dictionary(
            grouping: try ForeignKey.filter(ForeignKey.Columns.versionID == versionID).order(ForeignKey.Columns.position).fetchAll(db),
            by: \.catalogTableID)
        var tables: [String: Table] = [:]
        for table in try CatalogTable.filter(CatalogTable.Columns.versionID == versionID).fetchAll(db) {
            tables[table.name] = Table(table: table, variables: variables[table.id!] ?? [], foreignKeys: keys[table.id!] ?? [])
        }
        let digests = try Dictionary(
            uniqueKeysWithValues: NomenclatureContent.fetchAll(db).map { ($0.id!, $0.digest) })
        var nomenclatures: [String: NomenclatureFingerprint] = [:]
        for nomenclature in try Nomenclature.filter(Nomenclature.Columns.versionID == versionID).fetchAll(db) {
            nomenclatures[nomenclature.name] = NomenclatureFingerprint(
                title: nomenclature.title, columns: nomenclature.columns, digest: nomenclature.contentID.flatMap { digests[$0] })
        }
        return CatalogContents(version: version.name, tables: tables, nomenclatures: nomenclatures)
    }
}
