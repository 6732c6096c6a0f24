import Catalog
import Store
import Testing
import Workbench

@Suite struct ProjectSchemaTests {
    @Test func readsTheCatalogAsTablesToCreateWithTheirJoinsAndCodes() async throws {
        let store = try Store.inMemory(schemas: [CatalogSchema.self])
        _ = try SampleCatalog.install(into: store)
        let version = try #require(try await CatalogRepository(store: store).version(named: SampleCatalog.versionName))

        let hospital = try await ProjectSchema.load(version: version, products: ["sample_hospital"], from: store)
        #expect(hospital.tables.map(\.name) == ["SA_DIA_D", "SA_SEJ_B"])
        let diagnoses = try #require(hospital.table("sa_dia_d"))
        #expect(diagnoses.foreignKeys.map(\.fields) == [["ETA_NUM", "SEJ_NUM"]])

        let stays = try #require(hospital.table("SA_SEJ_B")).definition
        #expect(stays.primaryKey == ["ETA_NUM", "SEJ_NUM"])
        #expect(stays.columns.map(\.type) == [.text(length: 9), .text(length: 10), .text(length: 17), .date, .date, .text(length: 6)])
        #expect(stays.columns.filter { !$0.isNullable }.map(\.name) == ["ETA_NUM", "SEJ_NUM"])

        let claims = try #require(try await ProjectSchema.load(version: version, tables: ["SA_PRS_F"], from: store).tables.first)
        #expect(claims.definition.columns.last?.type == .decimal(precision: 10, scale: 2))

        let associated = try #require(diagnoses.variables.first { $0.name == "ASS_DGN" })
        let codes = try #require(try await NomenclatureCodes.load(for: associated, version: version, from: store))
        #expect(!codes.entries.isEmpty && codes.codes.count == codes.entries.count)
    }
}

@Suite struct NomenclatureCodeValueTests {
    @Test func aCodeTakesTheColumnsTypeOrIsLeftOut() {
        #expect(NomenclatureCodes.value(of: "5.00", as: .integer) == .integer(5))
        #expect(NomenclatureCodes.value(of: "5.50", as: .integer) == nil)
        #expect(NomenclatureCodes.value(of: "129", as: .integer, length: 2) == nil)
        #expect(NomenclatureCodes.value(of: "-12", as: .integer, length: 2) == .integer(-12))
        #expect(NomenclatureCodes.value(of: "5", as: .decimal(precision: 3, scale: 2)) == .text("5.00"))
        #expect(NomenclatureCodes.value(of: "15.5", as: .decimal(precision: 3, scale: 2)) == nil)
        #expect(NomenclatureCodes.value(of: "ABC", as: .text(length: 2)) == nil)
        #expect(NomenclatureCodes.value(of: " AB ", as: .text(length: 2)) == .text("AB"))
        #expect(NomenclatureCodes.value(of: "2021-01-01", as: .date) == nil)
    }
}
