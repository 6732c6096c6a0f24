import Catalog
import Foundation
import Store
import Testing
import Workbench

/// The real schema-snds, read from `../shared/data/schema-snds` beside the package and never copied into it.
enum RealSchemaSNDS {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/schema-snds").standardizedFileURL

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("schemas/DCIR/ER_PRS_F.json").path)
    }
}

@Suite(.enabled(if: RealSchemaSNDS.isAvailable, "needs ../shared/data/schema-snds beside the package"))
struct QualityRealSchemaTests {
    /// IR_BEN_R and ER_PRS_F as the catalog shapes them, a few hand-made rows, one of each fault.
    @Test(.timeLimit(.minutes(5)))
    func checksAndPseudonymisesTheRealPeopleAndClaimsTables() async throws {
        let store = try Store.inMemory(schemas: [CatalogSchema.self])
        _ = try CatalogImporter().importCatalog(from: RealSchemaSNDS.directory.path, name: "snds", into: store)
        let version = try #require(try await CatalogRepository(store: store).version(named: "snds"))
        let full = try await ProjectSchema.load(version: version, from: store)
        let defaults = IdentifyingColumns.defaults(in: full)
        #expect(Set(defaults).isSuperset(of: ["BEN_NIR_PSA", "NIR_ANO_17", "BEN_NIR_ANO", "BEN_IDT_ANO", "ASS_NIR_ANO"]))
        #expect(Set(defaults).isDisjoint(with: ["BEN_CDI_NIR", "NIR_RET", "BEN_NAI_MOI", "IDE_VOI_LIB"]))

        let schema = try await ProjectSchema.load(version: version, tables: ["IR_BEN_R", "ER_PRS_F"], from: store)
        let people = SampleProject.raw(try #require(schema.table("IR_BEN_R")).definition)
        let claims = SampleProject.raw(try #require(schema.table("ER_PRS_F")).definition)
        let claimKey = try #require(schema.table("ER_PRS_F")).definition.primaryKey
        let engine = try SQLiteEngine.inMemory()
        _ = try await engine.load(people, replacing: false) { loader in
            try await loader.append(
                RowBatch(
                    columns: people.columnNames,
                    rows: [
                        Self.row(people, ["BEN_NIR_PSA": .text("N1"), "BEN_RNG_GEM": .integer(1)]),
                        Self.row(people, ["BEN_NIR_PSA": .text("N2"), "BEN_RNG_GEM": .integer(1), "BEN_DCD_DTE": .text("2019-06-01")]),
                    ]))
        }
        _ = try await engine.load(claims, replacing: false) { loader in
            let rows: [[String: CellValue]] = [
                ["BEN_NIR_PSA": .text("N1"), "BEN_RNG_GEM": .integer(1), "EXE_SOI_DTD": .text("2019-01-02"), "EXE_SOI_DTF": .text("2019-01-03")],
                // The NIR exists, not with this rank: only the two-column key sees it.
                ["BEN_NIR_PSA": .text("N1"), "BEN_RNG_GEM": .integer(2), "EXE_SOI_DTD": .text("2019-01-02"), "EXE_SOI_DTF": .text("2019-01-02")],
                ["BEN_NIR_PSA": .text("N1"), "BEN_RNG_GEM": .integer(1), "EXE_SOI_DTD": .text("2019-03-02"), "EXE_SOI_DTF": .text("2019-02-27")],
                ["BEN_NIR_PSA": .text("N2"), "BEN_RNG_GEM": .integer(1), "EXE_SOI_DTD": .text("2019-07-01"), "EXE_SOI_DTF": .text("2019-07-01")],
            ]
            try await loader.append(
                RowBatch(
                    columns: claims.columnNames,
                    rows: rows.enumerated().map { index, values in
                        Self.row(claims, values.merging(Self.key(claimKey, of: claims, index + 1)) { given, _ in given })
                    }))
        }
        let checker = QualityChecker(schema: schema, nomenclatures: try await QualityChecker.loadNomenclatures(for: schema, from: store))

        let report = try await checker.check(engine)
        let foreign = report.failures("key.foreign", in: "ER_PRS_F")
        #expect(foreign.map(\.subject) == ["BEN_NIR_PSA, BEN_RNG_GEM"] && foreign.first?.failures == 1)
        #expect(report.failures("key.unique", in: "ER_PRS_F").isEmpty)
        let order = report.failures("date.order", in: "ER_PRS_F")
        #expect(order.map(\.subject) == ["EXE_SOI_DTD, EXE_SOI_DTF"] && order.first?.failures == 1)
        let death = report.failures("date.afterDeath", in: "ER_PRS_F").filter { $0.detail.contains("IR_BEN_R.BEN_DCD_DTE") }
        #expect(death.map(\.subject) == ["EXE_SOI_DTD", "EXE_SOI_DTF"] && death.allSatisfy { $0.failures == 1 })

        // Pseudonymised, the people still join their claims, and the broken one stays broken.
        _ = try await Pseudonymiser(key: .generate()).apply(columns: defaults, on: engine)
        let after = try await checker.check(engine)
        #expect(after.failures("key.foreign", in: "ER_PRS_F").first?.failures == 1)
        #expect(after.failures("date.afterDeath", in: "ER_PRS_F").filter { $0.detail.contains("IR_BEN_R") }.first?.failures == 1)
        #expect(try await engine.count("SELECT COUNT(*) FROM ER_PRS_F WHERE BEN_NIR_PSA IN ('N1', 'N2')") == 0)
    }

    static func row(_ table: TableDefinition, _ values: [String: CellValue]) -> [CellValue] {
        table.columns.map { values[$0.name] ?? .null }
    }

    /// Distinct values for a composite primary key, typed after its columns.
    static func key(_ names: [String], of table: TableDefinition, _ index: Int) -> [String: CellValue] {
        Dictionary(
            uniqueKeysWithValues: names.compactMap { name in
                table.columns.first { $0.name == name }.map { column -> (String, CellValue) in
                    switch column.type {
                    case .integer, .decimal, .real: (name, .integer(Int64(index)))
                    case .date, .timestamp: (name, .text("2019-08-0\(index)"))
                    default: (name, .text("\(index)"))
                    }
                }
            })
    }
}
