import Catalog
import Foundation
import GRDB
import Store

/// The tables of a catalog version as the workbench's tools see them: what to create on an engine, what to
/// check against, and the joins between them.
public struct ProjectSchema: Sendable {
    public var version: CatalogVersion
    public var tables: [ProjectTable]

    public func table(_ name: String) -> ProjectTable? {
        tables.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Loads the tables of `version`, of the `products` named (all when empty) and the `tables` named (all
    /// when empty). Foreign keys to tables left out are kept: the tools say they cannot follow them.
    public static func load(
        version: CatalogVersion, products: [String] = [], tables names: [String] = [], from store: Store
    ) async throws -> ProjectSchema {
        let versionID = version.id!
        let tables = try await store.reader.read { db in
            var request = CatalogTable.filter(CatalogTable.Columns.versionID == versionID)
            if !products.isEmpty { request = request.filter(products.map { $0.uppercased() }.contains(CatalogTable.Columns.product.uppercased)) }
            if !names.isEmpty { request = request.filter(names.map { $0.uppercased() }.contains(CatalogTable.Columns.name.uppercased)) }
            let catalogTables = try request.order(CatalogTable.Columns.name).fetchAll(db)
            let variables = Dictionary(
                grouping: try Variable.filter(Variable.Columns.versionID == versionID).order(Variable.Columns.position).fetchAll(db),
                by: \.catalogTableID)
            let keys = Dictionary(
                grouping: try Catalog.ForeignKey.filter(Catalog.ForeignKey.Columns.versionID == versionID).order(Catalog.ForeignKey.Columns.position)
                    .fetchAll(db),
                by: \.catalogTableID)
            return catalogTables.map { table in
                ProjectTable(table: table, variables: variables[table.id!] ?? [], foreignKeys: keys[table.id!] ?? [])
            }
        }
        return ProjectSchema(version: version, tables: tables)
    }
}

/// A catalog table with its variables and outgoing joins.
public struct ProjectTable: Sendable {
    public var table: CatalogTable
    public var variables: [Variable]
    public var foreignKeys: [Catalog.ForeignKey]

    public var name: String { table.name }
    public var product: String { table.product }

    /// The table to create on an engine: each variable's type from the catalog, the primary key when the
    /// catalog gives one whose columns all exist.
    public var definition: TableDefinition {
        let names = Set(variables.map(\.name))
        let key = table.primaryKey.allSatisfy(names.contains) ? table.primaryKey : []
        return TableDefinition(
            name: table.name,
            columns: variables.map { ColumnDefinition(name: $0.name, type: $0.columnType, isNullable: !key.contains($0.name)) },
            primaryKey: key)
    }
}

extension Variable {
    /// The engine type for the catalog's type and length: `number` with `p,s` is an exact decimal, an
    /// integer-valued `number` without scale stays a decimal of that precision, a `string` keeps its length.
    public var columnType: ColumnType {
        switch type.lowercased() {
        case "integer": return .integer
        case "number":
            if let length { return .decimal(precision: length, scale: scale ?? 0) }
            return .real
        case "date": return .date
        case "datetime": return .timestamp
        case "boolean": return .boolean
        case "year": return .text(length: 4)
        case "yearmonth": return .text(length: 7)
        default: return .text(length: length)
        }
    }
}

/// The codes a nomenclature allows, for checks and draws.
public struct NomenclatureCodes: Sendable {
    public var name: String
    /// Each code with its label, in the nomenclature's order.
    public var entries: [(code: String, label: String)]

    public var codes: Set<String> { Set(entries.map(\.code)) }

    /// The codes of the nomenclature a variable references (`IR_SEX_V`, or `IR_DTE_V:DTE_DTE` for a named
    /// column); nil when the catalog has no such nomenclature or its content was not loaded.
    public static func load(for variable: Variable, version: CatalogVersion, from store: Store) async throws -> NomenclatureCodes? {
        guard let name = variable.nomenclatureName else { return nil }
        let column = variable.nomenclatureColumn
        let versionID = version.id!
        return try await store.reader.read { db -> NomenclatureCodes? in
            guard
                let nomenclature = try Nomenclature.filter(Nomenclature.Columns.versionID == versionID)
                    .filter(Nomenclature.Columns.name == name).fetchOne(db),
                let contentID = nomenclature.contentID,
                let content = try NomenclatureContent.fetchOne(db, key: contentID)
            else { return nil }
            let index = column.flatMap { column in content.header.firstIndex { $0.uppercased() == column.uppercased() } }
            let entries = try NomenclatureEntry.filter(NomenclatureEntry.Columns.contentID == contentID)
                .order(NomenclatureEntry.Columns.line).fetchAll(db)
            return NomenclatureCodes(
                name: name,
                entries: entries.map { entry in
                    let code = index.flatMap { $0 < entry.values.count ? entry.values[$0] : nil } ?? entry.code
                    return (code, entry.label)
                })
        }
    }
}

extension NomenclatureCodes {
    /// A code as a column of `type` holds it, nil when it cannot: `5.00` (IR_TAU_V) is 5 in an integer column
    /// and `5.00` in a decimal one, `129` does not fit an integer of 2 digits. The generator draws these values
    /// and the quality checker compares with them, so that the two agree on what a code is.
    public static func value(of code: String, as type: ColumnType, length: Int? = nil) -> CellValue? {
        let code = code.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty else { return nil }
        switch type {
        case .integer, .boolean:
            let integer = Int64(code) ?? Double(code).flatMap { $0.isFinite && $0.rounded() == $0 && abs($0) < 1e15 ? Int64($0) : nil }
            guard let integer else { return nil }
            if let length, String(integer.magnitude).count > length { return nil }
            return .integer(integer)
        case .decimal(let precision, let scale):
            guard let number = Double(code), number.isFinite else { return nil }
            let text = String(format: "%.\(scale)f", number)
            let digits = text.filter(\.isNumber).count
            return digits <= precision && Double(text) == number ? .text(text) : nil
        case .real:
            return Double(code).map(CellValue.real)
        case .text(let limit):
            return limit.map { code.count <= $0 } ?? true ? .text(code) : nil
        case .date, .timestamp:
            return nil
        }
    }
}
