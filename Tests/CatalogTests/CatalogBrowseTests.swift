import Foundation
import Store
import Testing

@testable import Catalog

/// Browsing the sample: tables with their joins, variables with their nomenclature, nomenclature lookups.
@Suite struct CatalogBrowseTests {
    @Test func findsATableByNameWhateverTheCase() async throws {
        let (repository, version) = try await sampleRepository()
        for name in ["SA_SEJ_B", "sa_sej_b", "Sa_Sej_B"] {
            #expect(try await repository.table(named: name, version: version)?.table.name == "SA_SEJ_B", "\(name)")
        }
        #expect(try await repository.table(named: "SA_XXX_R", version: version) == nil)
    }

    @Test func aTableListsItsJoinsBothWays() async throws {
        let (repository, version) = try await sampleRepository()
        let stays = try await repository.requireTable("sa_sej_b", version: version)
        #expect(stays.fields.map(\.name) == ["ETA_NUM", "SEJ_NUM", "BEN_IDT_ANO", "ENT_DAT", "SOR_DAT", "DGN_PAL"])
        #expect(stays.table.primaryKey == ["ETA_NUM", "SEJ_NUM"])
        #expect(
            stays.joins == [
                Join(direction: .outgoing, table: "SA_BEN_R", fields: ["BEN_IDT_ANO"], otherFields: ["BEN_IDT_ANO"], resolved: true),
                Join(
                    direction: .incoming, table: "SA_DIA_D", fields: ["ETA_NUM", "SEJ_NUM"], otherFields: ["ETA_NUM", "SEJ_NUM"],
                    resolved: true),
            ])
        #expect(
            stays.sharedVariables == [
                SharedVariable(name: "ETA_NUM", tables: ["SA_DIA_D"]),
                SharedVariable(name: "SEJ_NUM", tables: ["SA_DIA_D"]),
                SharedVariable(name: "BEN_IDT_ANO", tables: ["SA_BEN_R", "SA_PRS_F"]),
            ])

        let beneficiaries = try await repository.requireTable("SA_BEN_R", version: version)
        #expect(beneficiaries.foreignKeys.isEmpty)
        #expect(beneficiaries.joins.allSatisfy { $0.direction == .incoming })
        #expect(beneficiaries.joins.map(\.table) == ["SA_PRS_F", "SA_SEJ_B"])
        #expect(beneficiaries.joins.allSatisfy { $0.fields == ["BEN_IDT_ANO"] && $0.resolved })
        #expect(beneficiaries.sharedVariables == [SharedVariable(name: "BEN_IDT_ANO", tables: ["SA_PRS_F", "SA_SEJ_B"])])
    }

    @Test func joinsNameEachSidesColumnsWhenTheyDiffer() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editFields(Sample.phaF) { fields in fields[0]["name"] = "PHA_ORD_NUM" }
        try fixture.editJSON(Sample.phaF) { schema in
            schema["foreignKeys"] = [["fields": ["PHA_ORD_NUM"], "reference": ["resource": "SA_PRS_F", "fields": ["PRS_ORD_NUM"]]]]
        }
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()

        let pharmacy = try await repository.requireTable("SA_PHA_F", version: version)
        #expect(
            pharmacy.joins == [
                Join(direction: .outgoing, table: "SA_PRS_F", fields: ["PHA_ORD_NUM"], otherFields: ["PRS_ORD_NUM"], resolved: true)
            ])
        let claims = try await repository.requireTable("SA_PRS_F", version: version)
        #expect(
            claims.joins.contains(
                Join(direction: .incoming, table: "SA_PHA_F", fields: ["PRS_ORD_NUM"], otherFields: ["PHA_ORD_NUM"], resolved: true)))
    }

    @Test func aVariableComesWithItsNomenclatureAndTheOtherTablesHavingIt() async throws {
        let (repository, version) = try await sampleRepository()
        let sex = try #require(try await repository.variable(table: "sa_ben_r", name: "ben_sex_cod", version: version))
        #expect(sex.variable.name == "BEN_SEX_COD")
        #expect(
            sex.table
                == TableSummary(name: "SA_BEN_R", product: "SAMPLE_CLAIMS", title: "SAMPLE — Référentiel des bénéficiaires", fields: 6))
        #expect(sex.nomenclature?.name == "SA_SEX_V")
        #expect(sex.sampleEntries.map(\.code) == ["1", "2", "9"])
        #expect(sex.alsoIn.isEmpty)

        let person = try #require(try await repository.variable(table: "SA_PRS_F", name: "BEN_IDT_ANO", version: version))
        #expect(person.alsoIn == ["SA_BEN_R", "SA_SEJ_B"])
        #expect(person.nomenclature == nil)
        #expect(person.sampleEntries.isEmpty)

        #expect(try await repository.variable(table: "SA_PRS_F", name: "NOPE", version: version) == nil)
        #expect(try await repository.variable(table: "SA_NOPE", name: "BEN_IDT_ANO", version: version) == nil)
    }

    @Test func looksUpNomenclatureEntriesByCode() async throws {
        let (repository, version) = try await sampleRepository()
        let diagnoses = try await repository.requireNomenclature("sa_cim_v", version: version)
        let entries = try await repository.entries(of: diagnoses, code: "E11")
        #expect(entries.count == 1)
        #expect(entries.first?.label == "Diabète sucré de type 2")
        #expect(entries.first?.line == 3)
        #expect(entries.first?.values == ["E11", "Diabète sucré de type 2"])
        #expect(try await repository.entries(of: diagnoses, code: "Z99").isEmpty)
        #expect(try await repository.entries(of: diagnoses, code: " J45 ").map(\.label) == ["Asthme"], "surrounding spaces are ignored")

        let departments = try await repository.requireNomenclature("SA_DPT_V", version: version)
        #expect(try await repository.entries(of: departments, code: "013").map(\.label) == ["Bouches-du-Rhône"])
        #expect(try await repository.entries(of: departments, code: "13").isEmpty, "codes are text: leading zeros count")
    }

    @Test func looksUpNomenclatureEntriesByLabel() async throws {
        let (repository, version) = try await sampleRepository()
        let diagnoses = try await repository.requireNomenclature("SA_CIM_V", version: version)
        #expect(try await repository.entries(of: diagnoses, label: "diabete").map(\.code).sorted() == ["E10", "E11"])
        #expect(try await repository.entries(of: diagnoses, label: "DIABÈTE type 2").map(\.code) == ["E11"], "every word must match")
        #expect(try await repository.entries(of: diagnoses, label: "infarc").map(\.code) == ["I21"], "the last word is a prefix")
        #expect(try await repository.entries(of: diagnoses, label: "pharmacie").isEmpty, "only this nomenclature's labels")

        let departments = try await repository.requireNomenclature("SA_DPT_V", version: version)
        #expect(try await repository.entries(of: departments, label: "rhone").map(\.code).sorted() == ["013", "069"])
    }

    @Test func looksUpNomenclatureEntriesByCodeInANamedColumn() async throws {
        let (repository, version) = try await sampleRepository()
        let diagnoses = try await repository.requireNomenclature("SA_CIM_V", version: version)
        #expect(try await repository.entries(of: diagnoses, code: "J45", column: "CIM_COD").map(\.label) == ["Asthme"])
        #expect(try await repository.entries(of: diagnoses, code: "Asthme", column: "cim_lib").map(\.code) == ["J45"])
        #expect(try await repository.entries(of: diagnoses, code: "J45", column: "CIM_LIB").isEmpty)
    }

    @Test func pagesThroughNomenclatureEntries() async throws {
        let (repository, version) = try await sampleRepository()
        let departments = try await repository.requireNomenclature("SA_DPT_V", version: version)
        #expect(try await repository.entries(of: departments, limit: 2, offset: 1).map(\.code) == ["033", "069"])
        #expect(try await repository.entries(of: departments, limit: 10, offset: 4).map(\.code) == ["974"])
    }

    @Test func listsAndFiltersNomenclatures() async throws {
        let (repository, version) = try await sampleRepository()
        #expect(try await repository.nomenclatures(version: version, filter: "cim").map(\.name) == ["SA_CIM_V"])
        #expect(try await repository.nomenclatures(version: version, filter: "Département").map(\.name) == ["SA_DPT_V"])
        #expect(try await repository.nomenclatures(version: version, filter: "").map(\.name) == Sample.nomenclatureNames)
        let sex = try #require(try await repository.nomenclature(named: "sa_sex_v", version: version))
        #expect(sex.entries == 3)
        #expect(sex.usedBy == ["SA_BEN_R.BEN_SEX_COD"])
        #expect(try await repository.nomenclature(named: "SA_NOPE_V", version: version) == nil)
    }

    @Test func listsTablesOfAProduct() async throws {
        let (repository, version) = try await sampleRepository()
        #expect(
            try await repository.tables(version: version, product: "SAMPLE_HOSPITAL") == [
                TableSummary(name: "SA_DIA_D", product: "SAMPLE_HOSPITAL", title: "SAMPLE — Diagnostics associés du séjour", fields: 3),
                TableSummary(name: "SA_SEJ_B", product: "SAMPLE_HOSPITAL", title: "SAMPLE — Séjours hospitaliers", fields: 6),
            ])
        #expect(try await repository.tables(version: version, product: "NOPE").isEmpty)
    }

    @Test func namesVersionsOrTakesTheLatest() async throws {
        let store = try makeStore()
        let repository = CatalogRepository(store: store)
        #expect(try await repository.version() == nil, "an empty store has no catalog")
        let fixture = try CatalogFixture.sample()
        try importCatalog(fixture, name: "first", into: store)
        try importCatalog(fixture, name: "second", into: store)
        #expect(try await repository.version()?.name == "second")
        #expect(try await repository.version(named: "first")?.name == "first")
        let error = try await #require(throws: CatalogRepository.UnknownVersion.self) { try await repository.version(named: "third") }
        #expect(error.name == "third")
    }
}

@Suite struct VariableByNameTests {
    @Test func listsTheTablesThatHaveAVariableWhateverTheCase() async throws {
        let (repository, version) = try await sampleRepository()
        #expect(try await repository.tables(havingVariable: "ben_idt_ano", version: version) == ["SA_BEN_R", "SA_PRS_F", "SA_SEJ_B"])
        #expect(try await repository.tables(havingVariable: "NOPE", version: version).isEmpty)
    }

    @Test func sharedVariablesIgnoreTheCaseOfTheirNames() async throws {
        let fixture = try CatalogFixture.sample()
        // The real schema writes `BEN_SEX_COD` in some tables and `ben_sex_cod` in others.
        try fixture.setField(Sample.sejB, field: "BEN_IDT_ANO", "name", to: "ben_idt_ano")
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()
        let detail = try #require(try await repository.table(named: "SA_BEN_R", version: version))
        #expect(detail.sharedVariables.first { $0.name == "BEN_IDT_ANO" }?.tables == ["SA_PRS_F", "SA_SEJ_B"])
        let variable = try #require(try await repository.variable(table: "SA_BEN_R", name: "BEN_IDT_ANO", version: version))
        #expect(variable.alsoIn == ["SA_PRS_F", "SA_SEJ_B"])
    }
}
