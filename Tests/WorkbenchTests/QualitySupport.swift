import Catalog
import Foundation
import Store
import Testing
import Workbench

/// The sample catalog's five tables, as hand-made rows loaded into an engine. Tables are loaded without their
/// key constraints, as a raw delivery would be, so that the checks (not the engine) find duplicated keys.
struct SampleProject {
    let store: Store
    let schema: ProjectSchema
    let nomenclatures: [String: NomenclatureCodes]

    static func make() async throws -> SampleProject {
        let store = try Store.inMemory(schemas: [CatalogSchema.self])
        _ = try SampleCatalog.install(into: store)
        let version = try #require(try await CatalogRepository(store: store).version(named: SampleCatalog.versionName))
        let schema = try await ProjectSchema.load(version: version, from: store)
        return SampleProject(store: store, schema: schema, nomenclatures: try await QualityChecker.loadNomenclatures(for: schema, from: store))
    }

    var checker: QualityChecker { QualityChecker(schema: schema, nomenclatures: nomenclatures) }

    /// Clean rows: every key holds, every code is in its nomenclature, every date is coherent.
    static var cleanRows: [String: [[CellValue]]] {
        [
            "SA_BEN_R": [
                [.text("P1"), .integer(1), .text("1950"), .integer(3), .null, .text("075")],
                [.text("P2"), .integer(2), .text("1980"), .integer(12), .text("2020-06-01"), .text("013")],
                [.text("P3"), .integer(9), .text("2001"), .integer(1), .null, .text("974")],
            ],
            "SA_PRS_F": [
                [.text("P1"), .integer(1), .text("2019-01-10"), .integer(1111), .text("25.00")],
                [.text("P2"), .integer(2), .text("2020-05-01"), .integer(1112), .text("12.50")],
                [.text("P3"), .integer(3), .text("2021-02-28"), .integer(3317), .text("7.5")],
                [.text("P1"), .integer(4), .null, .null, .null],
            ],
            "SA_PHA_F": [
                [.integer(3), .text("3400930000001"), .integer(2)],
                [.integer(3), .text("3400930000002"), .integer(1)],
            ],
            "SA_SEJ_B": [
                [.text("750000001"), .text("S1"), .text("P1"), .text("2019-03-01"), .text("2019-03-05"), .text("E11")],
                [.text("750000001"), .text("S2"), .text("P2"), .text("2020-01-01"), .text("2020-01-01"), .text("I21")],
                [.text("750000002"), .text("S2"), .text("P3"), .text("2021-01-01"), .null, .null],
            ],
            "SA_DIA_D": [
                [.text("750000001"), .text("S1"), .text("E10")],
                [.text("750000001"), .text("S2"), .text("J45")],
                [.text("750000002"), .text("S2"), .null],
            ],
        ]
    }

    /// An engine holding `rows` (table -> rows in catalog column order); `definitions` overrides a table's shape.
    func engine(_ rows: [String: [[CellValue]]], definitions: [String: TableDefinition] = [:]) async throws -> SQLiteEngine {
        let engine = try SQLiteEngine.inMemory()
        try await load(rows, into: engine, definitions: definitions)
        return engine
    }

    /// Loads `rows` into `engine`, as `engine(_:definitions:)` does into a new SQLite one.
    func load(_ rows: [String: [[CellValue]]], into engine: any Engine, definitions: [String: TableDefinition] = [:]) async throws {
        for (name, tableRows) in rows.sorted(by: { $0.key < $1.key }) {
            let definition: TableDefinition
            if let given = definitions[name] {
                definition = given
            } else {
                definition = Self.raw(try #require(schema.table(name)).definition)
            }
            _ = try await engine.load(definition, replacing: false) { loader in
                try await loader.append(RowBatch(columns: definition.columnNames, rows: tableRows))
            }
        }
    }

    /// A definition without its key and NOT NULL constraints.
    static func raw(_ definition: TableDefinition) -> TableDefinition {
        TableDefinition(
            name: definition.name, columns: definition.columns.map { ColumnDefinition(name: $0.name, type: $0.type, isNullable: true) },
            primaryKey: [])
    }
}

extension QualityReport {
    /// The failed results of `rule` on `table`.
    func failures(_ rule: String, in table: String) -> [RuleResult] {
        tables.first { $0.name == table }?.rules(named: rule).filter { $0.status == .failed } ?? []
    }
}
