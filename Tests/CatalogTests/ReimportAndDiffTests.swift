import Foundation
import GRDB
import Store
import Testing

@testable import Catalog

/// Importing again: versions, shared nomenclature contents, and what changed between two versions.
@Suite struct ReimportAndDiffTests {
    @Test func importingTwiceMakesTwoVersionsSharingNomenclatureContents() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        let first = try importCatalog(fixture, into: store)
        let second = try importCatalog(fixture, into: store)

        #expect(first.version == "v1")
        #expect(second.version == "v2")
        #expect(first.reusedNomenclatures == 0)
        #expect(second.reusedNomenclatures == 4)
        #expect(second.nomenclatureRows == Sample.entryCount)
        #expect(second.statistics == first.statistics, "each version has the whole catalog")

        let repository = CatalogRepository(store: store)
        #expect(try await repository.versions().map(\.name) == ["v2", "v1"], "newest first")
        let counts = try await rowCounts(in: store)
        #expect(counts["catalogVersion"] == 2)
        #expect(counts["catalogTable"] == 10)
        #expect(counts["variable"] == 2 * Sample.fieldCount)
        #expect(counts["variableSearch"] == 2 * Sample.fieldCount)
        #expect(counts["nomenclature"] == 8)
        #expect(counts["nomenclatureContent"] == 4, "identical CSVs are stored once")
        #expect(counts["nomenclatureEntry"] == Sample.entryCount)
        #expect(counts["nomenclatureEntrySearch"] == Sample.entryCount)

        let v1 = try #require(try await repository.version(named: "v1"))
        let v2 = try #require(try await repository.version(named: "v2"))
        for name in Sample.nomenclatureNames {
            let old = try await repository.requireNomenclature(name, version: v1)
            let new = try await repository.requireNomenclature(name, version: v2)
            #expect(old.id != new.id)
            #expect(old.contentID != nil)
            #expect(old.contentID == new.contentID, "\(name) shares its rows")
        }
        let sex = try await repository.requireNomenclature("SA_SEX_V", version: v2)
        #expect(try await repository.entries(of: sex).map(\.label) == ["Masculin", "Féminin", "Valeur inconnue"])
    }

    @Test func onlyChangedNomenclatureContentsAreStoredAgain() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        try fixture.write(Sample.sexCSV, "SEX_COD;SEX_LIB\n1;Masculin\n2;Féminin\n")
        let report = try importCatalog(fixture, into: store)
        #expect(report.reusedNomenclatures == 3)
        #expect(report.statistics.nomenclatureEntries == Sample.entryCount - 1)
        let counts = try await rowCounts(in: store)
        #expect(counts["nomenclatureContent"] == 5)
        #expect(counts["nomenclatureEntry"] == Sample.entryCount + 2)

        let repository = CatalogRepository(store: store)
        let v1 = try #require(try await repository.version(named: "v1"))
        let v2 = try #require(try await repository.version(named: "v2"))
        let oldSex = try await repository.requireNomenclature("SA_SEX_V", version: v1)
        let newSex = try await repository.requireNomenclature("SA_SEX_V", version: v2)
        #expect(try await repository.entries(of: oldSex).map(\.code) == ["1", "2", "9"], "the older version keeps its codes")
        #expect(try await repository.entries(of: newSex).map(\.code) == ["1", "2"])
    }

    @Test func aDuplicateVersionNameIsRefused() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        #expect(try importCatalog(fixture, name: "2020-12", into: store).version == "2020-12")
        let before = try await rowCounts(in: store)

        let problems = failingImport(fixture, name: "2020-12", into: store)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.kind == .invalidValue)
        #expect(problem.severity == .error)
        #expect(problem.location.file == fixture.path)
        #expect(problem.message.contains("2020-12"))
        #expect(try await rowCounts(in: store) == before, "nothing of the refused import is written")

        #expect(try importCatalog(fixture, into: store).version == "v2", "default names count the versions")
        #expect(try await CatalogRepository(store: store).versions().map(\.name) == ["v2", "2020-12"])
    }

    @Test func identicalVersionsHaveAnEmptyDiff() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        try importCatalog(fixture, into: store)
        let repository = CatalogRepository(store: store)
        let diff = try await repository.diff(
            from: try #require(try await repository.version(named: "v1")), to: try #require(try await repository.version(named: "v2")))
        #expect(diff.isEmpty)
        #expect(diff.from == "v1")
        #expect(diff.to == "v2")
        #expect(diff.renderedAsText() == "Catalog v1 -> v2\nNo change.")
    }

    @Test func diffListsAddedRemovedAndChangedTablesVariablesAndNomenclatures() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        try importCatalog(fixture, into: store)

        // A table removed and one added.
        try fixture.remove(Sample.phaF)
        try fixture.writeJSON(
            "schemas/SAMPLE_CLAIMS/SA_NEW_R.json",
            [
                "name": "SA_NEW_R", "title": "SAMPLE — Nouvelle table", "produit": "SAMPLE_CLAIMS",
                "fields": [["name": "NEW_COD", "description": "Code", "type": "string", "nomenclature": "SA_NEW_V"]],
            ])
        // A table's title changed, a variable added, one removed, one changed in two attributes.
        try fixture.editJSON(Sample.benR) { $0["title"] = "SAMPLE — Bénéficiaires" }
        try fixture.editFields(Sample.benR) { fields in
            fields.removeAll { $0["name"] as? String == "BEN_NAI_MOI" }
            fields.append(["name": "BEN_AGE", "description": "Âge du bénéficiaire", "type": "integer", "length": "3"])
            let index = try #require(fields.firstIndex { $0["name"] as? String == "BEN_NAI_ANN" })
            fields[index]["description"] = "Année de naissance"
            fields[index]["type"] = "integer"
        }
        // A nomenclature removed (and the reference to it), one added, one with new codes, one with a new title.
        try fixture.remove(Sample.actSchema)
        try fixture.remove(Sample.actCSV)
        try fixture.setField(Sample.prsF, field: "PRS_NAT_REF", "nomenclature", to: "-")
        try fixture.writeJSON(
            "nomenclatures/SAMPLE/SA_NEW_V.json",
            ["name": "SA_NEW_V", "title": "Nouveau", "fields": [["name": "NEW_COD", "role": "code"], ["name": "NEW_LIB", "role": "label"]]])
        try fixture.write("nomenclatures/SAMPLE/SA_NEW_V.csv", "NEW_COD;NEW_LIB\nA;Alpha\n")
        try fixture.write(Sample.sexCSV, "SEX_COD;SEX_LIB\n1;Masculin\n2;Féminin\n0;Inconnu\n9;Valeur inconnue\n")
        try fixture.editJSON(Sample.dptSchema) { $0["title"] = "SAMPLE — Département de résidence" }
        let report = try importCatalog(fixture, into: store)
        #expect(report.warnings.isEmpty)

        let repository = CatalogRepository(store: store)
        let v1 = try #require(try await repository.version(named: "v1"))
        let v2 = try #require(try await repository.version(named: "v2"))
        let diff = try await repository.diff(from: v1, to: v2)

        #expect(!diff.isEmpty)
        #expect(diff.addedTables == ["SA_NEW_R"])
        #expect(diff.removedTables == ["SA_PHA_F"])
        #expect(diff.changedTables.map(\.table) == ["SA_BEN_R", "SA_PRS_F"])

        let beneficiaries = try #require(diff.changedTables.first)
        #expect(
            beneficiaries.changes == [
                .init(attribute: "title", before: "SAMPLE — Référentiel des bénéficiaires", after: "SAMPLE — Bénéficiaires")
            ])
        #expect(beneficiaries.addedVariables == ["BEN_AGE"])
        #expect(beneficiaries.removedVariables == ["BEN_NAI_MOI"])
        #expect(
            beneficiaries.changedVariables == [
                .init(
                    variable: "BEN_NAI_ANN",
                    changes: [
                        .init(attribute: "description", before: "Année de naissance du bénéficiaire", after: "Année de naissance"),
                        .init(attribute: "type", before: "year", after: "integer"),
                    ])
            ])

        let claims = try #require(diff.changedTables.last)
        #expect(claims.changes.isEmpty)
        #expect(claims.addedVariables.isEmpty)
        #expect(claims.removedVariables.isEmpty)
        #expect(
            claims.changedVariables == [
                .init(variable: "PRS_NAT_REF", changes: [.init(attribute: "nomenclature", before: "SA_ACT_V", after: "")])
            ])

        #expect(diff.addedNomenclatures == ["SA_NEW_V"])
        #expect(diff.removedNomenclatures == ["SA_ACT_V"])
        #expect(diff.changedNomenclatures == ["SA_DPT_V", "SA_SEX_V"])

        let text = diff.renderedAsText()
        #expect(text.hasPrefix("Catalog v1 -> v2\n"))
        #expect(text.contains("+ table SA_NEW_R"))
        #expect(text.contains("- table SA_PHA_F"))
        #expect(text.contains("~ table SA_BEN_R"))
        #expect(text.contains("    ~ title: \"SAMPLE — Référentiel des bénéficiaires\" -> \"SAMPLE — Bénéficiaires\""))
        #expect(text.contains("    + SA_BEN_R.BEN_AGE"))
        #expect(text.contains("    - SA_BEN_R.BEN_NAI_MOI"))
        #expect(text.contains("        type: \"year\" -> \"integer\""))
        #expect(text.contains("        nomenclature: \"SA_ACT_V\" -> (empty)"))
        #expect(text.contains("~ nomenclature SA_SEX_V"))
        #expect(
            text.hasSuffix(
                "Tables: 1 added, 1 removed, 2 changed; variables: 1 added, 1 removed, 2 changed; "
                    + "nomenclatures: 1 added, 1 removed, 2 changed"))

        let back = try await repository.diff(from: v2, to: v1)
        #expect(back.addedTables == ["SA_PHA_F"])
        #expect(back.removedTables == ["SA_NEW_R"])
        #expect(back.addedNomenclatures == ["SA_ACT_V"])
        #expect(back.removedNomenclatures == ["SA_NEW_V"])
        #expect(back.changedTables.first?.addedVariables == ["BEN_NAI_MOI"])
        #expect(back.changedTables.first?.changedVariables.first?.changes.first?.before == "Année de naissance")
    }

    @Test func diffSeesChangedKeysAndHistory() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        try fixture.editJSON(Sample.sejB) { schema in
            schema["primaryKey"] = ["ETA_NUM", "SEJ_NUM", "ENT_DAT"]
            schema["foreignKeys"] = nil
        }
        try fixture.setField(Sample.sejB, field: "SOR_DAT", "dateDeleted", to: "2019")
        try importCatalog(fixture, into: store)

        let repository = CatalogRepository(store: store)
        let diff = try await repository.diff(
            from: try #require(try await repository.version(named: "v1")), to: try #require(try await repository.version(named: "v2")))
        let stays = try #require(diff.changedTables.first)
        #expect(diff.changedTables.count == 1)
        #expect(stays.table == "SA_SEJ_B")
        #expect(
            stays.changes == [
                .init(attribute: "primary_key", before: "ETA_NUM + SEJ_NUM", after: "ETA_NUM + SEJ_NUM + ENT_DAT"),
                .init(attribute: "foreign_keys", before: "BEN_IDT_ANO -> SA_BEN_R(BEN_IDT_ANO)", after: ""),
            ])
        #expect(
            stays.changedVariables == [
                .init(
                    variable: "SOR_DAT",
                    changes: [.init(attribute: "history", before: "created 2006, deleted -", after: "created 2006, deleted 2019")])
            ])
    }
}
