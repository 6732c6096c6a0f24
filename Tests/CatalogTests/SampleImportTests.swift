import Foundation
import GRDB
import Store
import Testing

@testable import Catalog

/// Importing a valid catalog: what is stored, and how the schema-snds variants are read.
@Suite struct SampleImportTests {
    @Test func importsTheSampleWithItsCounts() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        let report = try importCatalog(fixture, into: store)

        #expect(report.version == "v1")
        #expect(report.warnings.isEmpty)
        #expect(report.nomenclatureRows == Sample.entryCount)
        #expect(report.reusedNomenclatures == 0)
        #expect(
            report.statistics
                == CatalogStatistics(
                    products: 2, tables: 5, fields: Sample.fieldCount, foreignKeys: 4, nomenclatures: 4, loadedNomenclatures: 4,
                    nomenclatureEntries: Sample.entryCount))

        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()
        #expect(version.name == "v1")
        #expect(version.source == fixture.path)
        #expect(!version.isSample)
        #expect(version.warnings.isEmpty)
        #expect(try await repository.statistics(version: version) == report.statistics)
        #expect(
            try await repository.tables(version: version).map(\.name) == ["SA_BEN_R", "SA_PHA_F", "SA_PRS_F", "SA_DIA_D", "SA_SEJ_B"],
            "by product, then name")
        #expect(
            try await repository.products(version: version) == [
                ProductSummary(name: "SAMPLE_CLAIMS", tables: 3, fields: 14), ProductSummary(name: "SAMPLE_HOSPITAL", tables: 2, fields: 9),
            ])
        #expect(try await repository.nomenclatures(version: version).map(\.name) == Sample.nomenclatureNames)
    }

    @Test func storesTablesAndVariablesAsTheSchemaDescribesThem() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()

        let ben = try await repository.requireTable("SA_BEN_R", version: version)
        #expect(ben.table.product == "SAMPLE_CLAIMS")
        #expect(ben.table.title == "SAMPLE — Référentiel des bénéficiaires")
        #expect(ben.table.scope == "Sample")
        #expect(ben.table.history == CatalogTable.History(created: "2006", deleted: "", missing: []))
        #expect(ben.table.primaryKey == ["BEN_IDT_ANO"])
        #expect(ben.table.missingValues == [""])
        #expect(ben.table.sourcePath == Sample.benR)
        #expect(ben.table.extra == nil)
        #expect(ben.fields.map(\.name) == ["BEN_IDT_ANO", "BEN_SEX_COD", "BEN_NAI_ANN", "BEN_NAI_MOI", "BEN_DCD_DTE", "BEN_RES_DPT"])
        #expect(ben.fields.map(\.position) == Array(0..<6))

        let birthYear = ben.fields[2]
        #expect(birthYear.description == "Année de naissance du bénéficiaire")
        #expect(birthYear.type == "year")
        #expect(birthYear.oracleType == "number")
        #expect(birthYear.lengthText == "4")
        #expect(birthYear.length == 4)
        #expect(birthYear.scale == nil)
        #expect(birthYear.nomenclatureReference == nil, "`-` means no nomenclature")
        #expect(birthYear.history.created == "2006")
        #expect(birthYear.extra == nil)
        #expect(ben.fields[1].nomenclatureReference == "SA_SEX_V")
    }

    @Test func resolvesForeignKeysToTheTablesOfTheSameVersion() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        try importCatalog(fixture, into: store)

        let (keys, tableIDs) = try await store.reader.read { db in
            let keys = try ForeignKey.order(ForeignKey.Columns.catalogTableID, ForeignKey.Columns.position).fetchAll(db)
            let tables = try CatalogTable.fetchAll(db)
            return (keys, Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.id!) }))
        }
        #expect(keys.count == 4)
        for key in keys {
            #expect(key.referencedTableID != nil, "\(key.referencedTable) is in the catalog")
            #expect(key.referencedTableID == tableIDs[key.referencedTable])
        }
        let tableNames = Dictionary(uniqueKeysWithValues: tableIDs.map { ($0.value, $0.key) })
        let joins = Set(keys.map { "\(tableNames[$0.catalogTableID]!)->\($0.referencedTable)" })
        #expect(joins == ["SA_PRS_F->SA_BEN_R", "SA_PHA_F->SA_PRS_F", "SA_SEJ_B->SA_BEN_R", "SA_DIA_D->SA_SEJ_B"])
    }

    @Test func readsMultiColumnForeignKeys() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()

        let diagnoses = try await repository.requireTable("SA_DIA_D", version: version)
        let key = try #require(diagnoses.foreignKeys.first)
        #expect(diagnoses.foreignKeys.count == 1)
        #expect(key.fields == ["ETA_NUM", "SEJ_NUM"])
        #expect(key.referencedTable == "SA_SEJ_B")
        #expect(key.referencedFields == ["ETA_NUM", "SEJ_NUM"])
        let stays = try await repository.requireTable("SA_SEJ_B", version: version)
        #expect(key.referencedTableID == stays.table.id)
    }

    @Test func loadsNomenclatureEntries() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()

        let sex = try await repository.requireNomenclature("SA_SEX_V", version: version)
        #expect(sex.isLoaded)
        #expect(sex.source == "SAMPLE")
        #expect(sex.title == "SAMPLE — Sexe")
        #expect(sex.codeColumn == "SEX_COD")
        #expect(sex.labelColumn == "SEX_LIB")
        #expect(sex.columns.map(\.name) == ["SEX_COD", "SEX_LIB"])
        #expect(sex.sourcePath == Sample.sexSchema)
        let entries = try await repository.entries(of: sex)
        #expect(entries.map(\.code) == ["1", "2", "9"])
        #expect(entries.map(\.label) == ["Masculin", "Féminin", "Valeur inconnue"])
        #expect(entries.map(\.line) == [2, 3, 4], "each entry remembers its CSV line, the header being line 1")
        #expect(entries[1].values == ["2", "Féminin"])

        let departments = try await repository.requireNomenclature("SA_DPT_V", version: version)
        #expect(try await repository.entries(of: departments).map(\.code) == ["013", "033", "069", "075", "974"], "codes stay text")
    }

    @Test func keepsNameColumnNomenclatureReferences() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        let report = try importCatalog(fixture, into: store)
        #expect(!report.warnings.contains { $0.kind == .unknownKeyColumn }, "CIM_COD is a column of SA_CIM_V")
        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()

        let detail = try #require(try await repository.variable(table: "SA_DIA_D", name: "ASS_DGN", version: version))
        #expect(detail.variable.nomenclatureReference == "SA_CIM_V:CIM_COD")
        #expect(detail.variable.nomenclatureName == "SA_CIM_V")
        #expect(detail.variable.nomenclatureColumn == "CIM_COD")
        #expect(detail.nomenclature?.name == "SA_CIM_V")
        let plain = try #require(try await repository.variable(table: "SA_SEJ_B", name: "DGN_PAL", version: version))
        #expect(plain.variable.nomenclatureName == "SA_CIM_V")
        #expect(plain.variable.nomenclatureColumn == nil)
        let usage = try #require(try await repository.nomenclature(named: "SA_CIM_V", version: version))
        #expect(usage.usedBy == ["SA_DIA_D.ASS_DGN", "SA_SEJ_B.DGN_PAL"])
        #expect(usage.entries == 4)
    }

    @Test func warnsOfANameColumnReferenceToAColumnTheNomenclatureLacks() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.setField(Sample.diaD, field: "ASS_DGN", "nomenclature", to: "SA_CIM_V:CIM_XXX")
        let report = try importCatalog(fixture, into: try makeStore())
        let warning = try #require(report.warnings.first { $0.kind == .unknownKeyColumn })
        #expect(warning.severity == .warning)
        #expect(warning.isIn(Sample.diaD))
        #expect(warning.location.jsonPath == "$.fields[2].nomenclature")
        #expect(warning.message.contains("CIM_XXX"))
    }

    @Test func parsesLengthsWithPrecisionAndScale() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()

        let amount = try #require(try await repository.variable(table: "SA_PRS_F", name: "PRS_REM_MNT", version: version)).variable
        #expect(amount.lengthText == "10,2")
        #expect(amount.length == 10)
        #expect(amount.scale == 2)
        let order = try #require(try await repository.variable(table: "SA_PRS_F", name: "PRS_ORD_NUM", version: version)).variable
        #expect(order.length == 10)
        #expect(order.scale == nil)
    }

    @Test(
        arguments: [
            ("4", 4, nil), ("10,2", 10, 2), (" 10 , 2 ", 10, 2), ("", nil, nil), ("n/a", nil, nil), ("10,", nil, nil), ("1,2,3", nil, nil),
        ] as [(String, Int?, Int?)])
    func parsesLengthText(text: String, length: Int?, scale: Int?) {
        let parsed = Variable.parseLength(text)
        #expect(parsed.length == length)
        #expect(parsed.scale == scale)
    }

    @Test func readsNumericLengthsAsText() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.setField(Sample.benR, field: "BEN_NAI_MOI", "length", to: 2)
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()
        let month = try #require(try await repository.variable(table: "SA_BEN_R", name: "BEN_NAI_MOI", version: version))
        #expect(month.variable.lengthText == "2")
        #expect(month.variable.length == 2)
    }

    @Test func keepsUnknownKeysInExtra() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editJSON(Sample.benR) { schema in
            schema["licence"] = "MPL-2.0"
            schema["custom"] = ["level": 2, "tags": ["a", "b"]]
        }
        try fixture.setField(Sample.benR, field: "BEN_SEX_COD", "trueValues", to: ["O", "1"])
        try fixture.setField(Sample.benR, field: "BEN_SEX_COD", "unit", to: "code")
        let store = try makeStore()
        let report = try importCatalog(fixture, into: store)
        #expect(report.warnings.isEmpty, "unknown keys are kept, not reported")
        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()

        let table = try await repository.requireTable("SA_BEN_R", version: version).table
        let tableExtra = try JSONDecoder().decode(ExtraKeys.self, from: Data(try #require(table.extra).utf8))
        #expect(tableExtra.licence == "MPL-2.0")
        #expect(tableExtra.custom == ExtraKeys.Custom(level: 2, tags: ["a", "b"]))
        #expect(try #require(table.extra).contains("\"custom\""))
        #expect(!(try #require(table.extra)).contains("\"name\""), "known keys are not repeated in extra")

        let variable = try #require(try await repository.variable(table: "SA_BEN_R", name: "BEN_SEX_COD", version: version)).variable
        let variableExtra = try JSONDecoder().decode([String: FieldExtraValue].self, from: Data(try #require(variable.extra).utf8))
        #expect(variableExtra == ["trueValues": .list(["O", "1"]), "unit": .text("code")])
        let other = try #require(try await repository.variable(table: "SA_BEN_R", name: "BEN_NAI_ANN", version: version)).variable
        #expect(other.extra == nil)
    }

    @Test func acceptsAPrimaryKeyGivenAsOneString() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editJSON(Sample.benR) { $0["primaryKey"] = "BEN_IDT_ANO" }
        try fixture.editJSON(Sample.phaF) { schema in
            // schema-snds writes single-column keys as strings too.
            schema["foreignKeys"] = [["fields": "PRS_ORD_NUM", "reference": ["resource": "SA_PRS_F", "fields": "PRS_ORD_NUM"]]]
        }
        let store = try makeStore()
        let report = try importCatalog(fixture, into: store)
        #expect(report.warnings.isEmpty)
        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()
        #expect(try await repository.requireTable("SA_BEN_R", version: version).table.primaryKey == ["BEN_IDT_ANO"])
        let key = try #require(try await repository.requireTable("SA_PHA_F", version: version).foreignKeys.first)
        #expect(key.fields == ["PRS_ORD_NUM"])
        #expect(key.referencedFields == ["PRS_ORD_NUM"])
        #expect(key.referencedTableID != nil)
    }

    @Test func takesTheProductFromTheFolderWhenProduitIsAbsent() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editJSON(Sample.sejB) { $0["produit"] = nil }
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        let repository = CatalogRepository(store: store)
        #expect(try await repository.requireTable("SA_SEJ_B", version: try await repository.latest()).table.product == "SAMPLE_HOSPITAL")
    }

    @Test func readDoesNotWriteAnything() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        let source = try CatalogImporter().read(directory: fixture.path)
        #expect(source.tableCount == 5)
        #expect(source.variableCount == Sample.fieldCount)
        #expect(source.problems.isEmpty)
        try await expectEmpty(store)
    }

    @Test func installsTheSampleAsAMarkedVersionOnce() async throws {
        let store = try makeStore()
        let report = try #require(try SampleCatalog.install(into: store))
        #expect(report.version == SampleCatalog.versionName)
        #expect(report.statistics.tables == 5)
        #expect(try SampleCatalog.install(into: store) == nil, "already installed")
        let versions = try await CatalogRepository(store: store).versions()
        #expect(versions.map(\.name) == [SampleCatalog.versionName])
        #expect(versions.first?.isSample == true)
    }
}

/// The table-level unknown keys `keepsUnknownKeysInExtra` adds.
private struct ExtraKeys: Decodable {
    struct Custom: Decodable, Equatable {
        var level: Int
        var tags: [String]
    }
    var licence: String
    var custom: Custom
}

private enum FieldExtraValue: Decodable, Equatable {
    case text(String)
    case list([String])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .list(try container.decode([String].self))
        }
    }
}
