import Foundation
import GRDB
import Store
import Testing

@testable import Catalog

/// Broken catalogs: each problem's kind, severity and location, and that a failed import writes nothing.
@Suite struct ImportProblemTests {
    // MARK: Errors

    @Test func malformedJSONIsAnErrorWithLineAndColumn() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.write(
            Sample.benR,
            """
            {
              "name": "SA_BEN_R",
              "fields": [
                {"name": "BEN_IDT_ANO",, "type": "string"}
              ]
            }
            """)
        let store = try makeStore()
        let problems = failingImport(fixture, into: store)
        let problem = try #require(problems.first { $0.kind == .malformedJSON })
        #expect(problem.severity == .error)
        #expect(problem.isIn(Sample.benR))
        #expect(problem.location.line == 4)
        #expect(problem.location.column == 28, "the second comma")
        #expect(problem.location.jsonPath == nil)
        #expect(problem.message.hasPrefix("malformed JSON"))
        try await expectEmpty(store)
    }

    @Test func truncatedJSONIsAnErrorWithALine() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.write(Sample.prsF, "{\n  \"name\": \"SA_PRS_F\",\n  \"fields\": [\n")
        let problems = failingImport(fixture, into: try makeStore())
        let problem = try #require(problems.first { $0.kind == .malformedJSON })
        #expect(problem.severity == .error)
        #expect(problem.isIn(Sample.prsF))
        #expect(problem.location.line == 4, "the end of the file")
    }

    @Test func aFieldWithoutNameIsAnError() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editFields(Sample.benR) { fields in fields[2]["name"] = nil }
        let store = try makeStore()
        let problems = failingImport(fixture, into: store)
        let problem = try #require(problems.first { $0.kind == .missingKey })
        #expect(problem.severity == .error)
        #expect(problem.isIn(Sample.benR))
        #expect(problem.location.jsonPath == "$.fields[2].name")
        try await expectEmpty(store)
    }

    @Test func aTableWithoutNameIsAnError() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editJSON(Sample.phaF) { $0["name"] = nil }
        let problems = failingImport(fixture, into: try makeStore())
        let problem = try #require(problems.first { $0.kind == .missingKey })
        #expect(problem.severity == .error)
        #expect(problem.isIn(Sample.phaF))
        #expect(problem.location.jsonPath == "$.name")
    }

    @Test(arguments: ["a string", "a number", "an object", "a boolean"])
    func fieldsOfTheWrongTypeIsAnError(typeName: String) async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editJSON(Sample.benR) { schema in
            switch typeName {
            case "a string": schema["fields"] = "BEN_IDT_ANO"
            case "a number": schema["fields"] = 6
            case "an object": schema["fields"] = ["name": "BEN_IDT_ANO"]
            default: schema["fields"] = true
            }
        }
        let store = try makeStore()
        let problems = failingImport(fixture, into: store)
        let problem = try #require(problems.first { $0.isIn(Sample.benR) })
        #expect(problem.kind == .invalidValue)
        #expect(problem.severity == .error)
        #expect(problem.location.jsonPath == "$.fields")
        #expect(problem.message == "expected a list, found \(typeName)")
        try await expectEmpty(store)
    }

    @Test func aFieldThatIsNotAnObjectIsAnError() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editJSON(Sample.phaF) { schema in
            var fields = schema["fields"] as? [Any] ?? []
            fields[1] = "PHA_PRS_C13"
            schema["fields"] = fields
        }
        let problems = failingImport(fixture, into: try makeStore())
        let problem = try #require(problems.first { $0.isIn(Sample.phaF) })
        #expect(problem.kind == .invalidValue)
        #expect(problem.severity == .error)
        #expect(problem.location.jsonPath == "$.fields[1]")
    }

    @Test func aMissingFieldsListIsAnError() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editJSON(Sample.phaF) { $0["fields"] = nil }
        let problems = failingImport(fixture, into: try makeStore())
        let problem = try #require(problems.first { $0.isIn(Sample.phaF) })
        #expect(problem.kind == .missingKey)
        #expect(problem.severity == .error)
        #expect(problem.location.jsonPath == "$.fields")
    }

    @Test func aDuplicateTableIsAnError() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.copy(Sample.benR, to: "schemas/SAMPLE_HOSPITAL/SA_BEN_R.json")
        let store = try makeStore()
        let problems = failingImport(fixture, into: store)
        let problem = try #require(problems.first { $0.kind == .duplicateTable })
        #expect(problem.severity == .error)
        #expect(problem.isIn("schemas/SAMPLE_HOSPITAL/SA_BEN_R.json"), "the second file read is the duplicate")
        #expect(problem.location.jsonPath == "$.name")
        #expect(problem.message.contains("SAMPLE_CLAIMS/SA_BEN_R.json"), "names where the table was first defined")
        #expect(problems.filter { $0.kind == .duplicateTable }.count == 1)
        try await expectEmpty(store)
    }

    @Test func aDuplicateVariableIsAnError() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editFields(Sample.benR) { fields in fields.append(fields[2]) }
        let store = try makeStore()
        let problems = failingImport(fixture, into: store)
        let problem = try #require(problems.first { $0.kind == .duplicateVariable })
        #expect(problem.severity == .error)
        #expect(problem.isIn(Sample.benR))
        #expect(problem.location.jsonPath == "$.fields[6].name")
        #expect(problem.message.contains("BEN_NAI_ANN"))
        #expect(problem.message.contains("$.fields[2]"))
        try await expectEmpty(store)
    }

    @Test func aDuplicateNomenclatureIsAnError() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.copy(Sample.sexSchema, to: "nomenclatures/OTHER/SA_SEX_V.json")
        try fixture.copy(Sample.sexCSV, to: "nomenclatures/OTHER/SA_SEX_V.csv")
        let problems = failingImport(fixture, into: try makeStore())
        let problem = try #require(problems.first { $0.kind == .duplicateNomenclature })
        #expect(problem.severity == .error)
        #expect(problem.isIn(Sample.sexSchema), "OTHER/ is read first, so SAMPLE/ holds the duplicate")
        #expect(problem.location.jsonPath == "$.name")
        #expect(problem.message.contains("OTHER/SA_SEX_V.json"))
    }

    @Test func aForeignKeyWithMismatchedColumnCountsIsAnError() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editJSON(Sample.diaD) { schema in
            schema["foreignKeys"] = [["fields": ["ETA_NUM", "SEJ_NUM"], "reference": ["resource": "SA_SEJ_B", "fields": ["ETA_NUM"]]]]
        }
        let problems = failingImport(fixture, into: try makeStore())
        let problem = try #require(problems.first { $0.isIn(Sample.diaD) })
        #expect(problem.kind == .invalidValue)
        #expect(problem.severity == .error)
        #expect(problem.location.jsonPath == "$.foreignKeys[0]")
    }

    @Test func aForeignKeyWithoutResourceIsAnError() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editJSON(Sample.diaD) { schema in
            schema["foreignKeys"] = [["fields": ["ETA_NUM", "SEJ_NUM"], "reference": ["fields": ["ETA_NUM", "SEJ_NUM"]]]]
        }
        let problems = failingImport(fixture, into: try makeStore())
        let problem = try #require(problems.first { $0.isIn(Sample.diaD) })
        #expect(problem.kind == .missingKey)
        #expect(problem.severity == .error)
        #expect(problem.location.jsonPath == "$.foreignKeys[0].reference.resource")
    }

    @Test func aCSVWithAnUnclosedQuoteIsAnErrorNamingTheLine() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.write(
            Sample.cimCSV,
            "CIM_COD;CIM_LIB\nE10;Diabète sucré de type 1\nE11;Diabète sucré de type 2\nI21;\"Infarctus aigu\nJ45;Asthme\n")
        let store = try makeStore()
        let problems = failingImport(fixture, into: store)
        let problem = try #require(problems.first { $0.kind == .malformedCSV })
        #expect(problem.severity == .error)
        #expect(problem.isIn(Sample.cimCSV))
        #expect(problem.location.line == 4)
        #expect(problem.message.contains("never closed"))
        // This error is found while writing, after tables and other nomenclatures were inserted: all rolled back.
        try await expectEmpty(store)
    }

    @Test func anEmptyCSVIsAnError() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.write(Sample.actCSV, "")
        let store = try makeStore()
        let problems = failingImport(fixture, into: store)
        let problem = try #require(problems.first { $0.kind == .malformedCSV })
        #expect(problem.severity == .error)
        #expect(problem.isIn(Sample.actCSV))
        #expect(problem.location.line == 1)
        try await expectEmpty(store)
    }

    @Test func aDirectoryWithoutTablesIsAnError() async throws {
        let fixture = try CatalogFixture()
        try fixture.write("README.md", "nothing here")
        let store = try makeStore()
        let problems = failingImport(fixture, into: store)
        #expect(problems.map(\.kind) == [.emptyCatalog])
        #expect(problems.first?.severity == .error)
        #expect(problems.first?.location.file == fixture.path)
        try await expectEmpty(store)
    }

    @Test func aMissingDirectoryIsAnError() async throws {
        let store = try makeStore()
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-missing-\(UUID().uuidString)").path
        let error = try #require(throws: CatalogImportError.self) {
            try CatalogImporter().importCatalog(from: missing, into: store)
        }
        let problem = try #require(error.problems.first)
        #expect(problem.kind == .unreadableFile)
        #expect(problem.severity == .error)
        #expect(problem.location.file == missing)
        try await expectEmpty(store)
    }

    @Test func listsEveryErrorNotJustTheFirst() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editFields(Sample.benR) { fields in fields[2]["name"] = nil }
        try fixture.editFields(Sample.prsF) { fields in fields.append(fields[0]) }
        try fixture.write(Sample.sejB, "{ not json")
        let problems = failingImport(fixture, into: try makeStore())
        let errors = problems.filter { $0.severity == .error }
        #expect(errors.contains { $0.kind == .missingKey && $0.isIn(Sample.benR) })
        #expect(errors.contains { $0.kind == .duplicateVariable && $0.isIn(Sample.prsF) })
        #expect(errors.contains { $0.kind == .malformedJSON && $0.isIn(Sample.sejB) })
        let description = CatalogImportError(problems: problems).description
        #expect(description.contains("\(errors.count) error(s), nothing was imported"))
    }

    // MARK: Warnings

    @Test func aForeignKeyToAMissingTableIsAWarningAndKeptUnresolved() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.editJSON(Sample.phaF) { schema in
            var keys = schema["foreignKeys"] as? [Any] ?? []
            keys.append(["fields": ["PHA_PRS_C13"], "reference": ["resource": "SA_CIP_R", "fields": ["CIP_COD"]]])
            schema["foreignKeys"] = keys
        }
        let store = try makeStore()
        let report = try importCatalog(fixture, into: store)
        let warning = try #require(report.warnings.first { $0.kind == .danglingForeignKey })
        #expect(warning.severity == .warning)
        #expect(warning.isIn(Sample.phaF))
        #expect(warning.location.jsonPath == "$.foreignKeys[1].reference")
        #expect(warning.message.contains("SA_CIP_R"))
        #expect(report.statistics.foreignKeys == 5)

        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()
        #expect(version.warnings == report.warnings, "warnings are kept with the version")
        let pharmacy = try await repository.requireTable("SA_PHA_F", version: version)
        let key = try #require(pharmacy.foreignKeys.first { $0.referencedTable == "SA_CIP_R" })
        #expect(key.referencedTableID == nil)
        #expect(key.fields == ["PHA_PRS_C13"])
        #expect(key.referencedFields == ["CIP_COD"])
        #expect(
            pharmacy.joins.contains(
                Join(direction: .outgoing, table: "SA_CIP_R", fields: ["PHA_PRS_C13"], otherFields: ["CIP_COD"], resolved: false)))
        #expect(pharmacy.joins.contains { $0.table == "SA_PRS_F" && $0.resolved })
    }

    @Test func aMissingNomenclatureCSVIsAWarning() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.remove(Sample.dptCSV)
        let store = try makeStore()
        let report = try importCatalog(fixture, into: store)
        #expect(report.warnings.map(\.kind) == [.missingNomenclatureCSV])
        let warning = try #require(report.warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.isIn(Sample.dptSchema))
        #expect(warning.message.contains("SA_DPT_V"))
        #expect(report.statistics.nomenclatures == 4)
        #expect(report.statistics.loadedNomenclatures == 3)
        #expect(report.statistics.nomenclatureEntries == Sample.entryCount - 5)

        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()
        let departments = try await repository.requireNomenclature("SA_DPT_V", version: version)
        #expect(!departments.isLoaded)
        #expect(try await repository.entries(of: departments).isEmpty)
        #expect(try await repository.entries(of: departments, code: "075").isEmpty)
        let residence = try #require(try await repository.variable(table: "SA_BEN_R", name: "BEN_RES_DPT", version: version))
        #expect(residence.nomenclature?.name == "SA_DPT_V")
        #expect(residence.sampleEntries.isEmpty)
    }

    @Test func aCSVInWindows1252IsAWarningAndDecoded() async throws {
        let fixture = try CatalogFixture.sample()
        let latin1 = "SEX_COD;SEX_LIB\n1;Masculin\n2;Féminin\n9;Valeur inconnue\n".unicodeScalars.map { UInt8($0.value) }
        #expect(String(validating: latin1, as: UTF8.self) == nil, "the fixture must not be valid UTF-8")
        try fixture.write(Sample.sexCSV, bytes: latin1)
        let store = try makeStore()
        let report = try importCatalog(fixture, into: store)
        let warning = try #require(report.warnings.first { $0.kind == .nonUTF8 })
        #expect(warning.severity == .warning)
        #expect(warning.isIn(Sample.sexCSV))
        #expect(report.warnings.count == 1)

        let repository = CatalogRepository(store: store)
        let version = try await repository.latest()
        let sex = try await repository.requireNomenclature("SA_SEX_V", version: version)
        let female = try await repository.entries(of: sex, code: "2")
        #expect(female.map(\.label) == ["Féminin"])
        #expect(try await repository.entries(of: sex, label: "feminin").map(\.code) == ["2"])
    }

    @Test func raggedCSVRowsAreAWarningAndKept() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.write(Sample.dptCSV, "DPT_COD;DPT_LIB\n013;Bouches-du-Rhône\n033;Gironde;extra\n069;Rhône\n075\n974;La Réunion\n")
        let store = try makeStore()
        let report = try importCatalog(fixture, into: store)
        let warning = try #require(report.warnings.first { $0.kind == .csvRowWidth })
        #expect(report.warnings.count == 1, "reported once per file")
        #expect(warning.severity == .warning)
        #expect(warning.isIn(Sample.dptCSV))
        #expect(warning.location.line == 3, "the first ragged row")
        #expect(warning.message.contains("2 row(s)"))
        #expect(warning.message.contains("lines 3, 5"))

        let repository = CatalogRepository(store: store)
        let departments = try await repository.requireNomenclature("SA_DPT_V", version: try await repository.latest())
        let entries = try await repository.entries(of: departments)
        #expect(entries.map(\.code) == ["013", "033", "069", "075", "974"])
        #expect(entries[1].values == ["033", "Gironde", "extra"])
        #expect(entries[1].label == "Gironde")
        #expect(entries[3].values == ["075"])
        #expect(entries[3].label == "")
    }

    @Test func aReferenceToAnUnknownNomenclatureIsAWarning() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.setField(Sample.benR, field: "BEN_RES_DPT", "nomenclature", to: "SA_ZZZ_V")
        let store = try makeStore()
        let report = try importCatalog(fixture, into: store)
        #expect(report.warnings.map(\.kind) == [.unknownNomenclature])
        let warning = try #require(report.warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.isIn(Sample.benR))
        #expect(warning.location.jsonPath == "$.fields[5].nomenclature")
        #expect(warning.message.contains("SA_ZZZ_V"))

        let repository = CatalogRepository(store: store)
        let residence = try #require(
            try await repository.variable(table: "SA_BEN_R", name: "BEN_RES_DPT", version: try await repository.latest()))
        #expect(residence.variable.nomenclatureReference == "SA_ZZZ_V", "the reference is kept as written")
        #expect(residence.nomenclature == nil)
    }

    @Test func aCSVHeaderThatDiffersFromTheSchemaIsAWarning() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.write(Sample.actCSV, "ACT_COD;ACT_LIBELLE\n1111;Consultation de médecin généraliste\n")
        let report = try importCatalog(fixture, into: try makeStore())
        let warning = try #require(report.warnings.first { $0.kind == .csvHeaderMismatch })
        #expect(warning.severity == .warning)
        #expect(warning.isIn(Sample.actCSV))
        #expect(warning.location.line == 1)
    }

    @Test func aTableNamedUnlikeItsFileIsAWarning() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.copy(Sample.phaF, to: "schemas/SAMPLE_CLAIMS/SA_PHA_COPY.json")
        try fixture.remove(Sample.phaF)
        let report = try importCatalog(fixture, into: try makeStore())
        let warning = try #require(report.warnings.first { $0.kind == .tableNameMismatch })
        #expect(warning.severity == .warning)
        #expect(warning.isIn("schemas/SAMPLE_CLAIMS/SA_PHA_COPY.json"))
        #expect(warning.location.jsonPath == "$.name")
        #expect(report.statistics.tables == 5)
    }

    // MARK: Transactions and strict mode

    @Test func aFailedImportLeavesEarlierVersionsUntouched() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        let before = try await rowCounts(in: store)

        try fixture.write(Sample.cimCSV, "CIM_COD;CIM_LIB\nE10;\"Diabète\n")
        try fixture.editJSON(Sample.benR) { $0["title"] = "Changed" }
        _ = failingImport(fixture, into: store)
        #expect(try await rowCounts(in: store) == before)
        let versions = try await CatalogRepository(store: store).versions()
        #expect(versions.map(\.name) == ["v1"])

        try fixture.write(Sample.cimCSV, "CIM_COD;CIM_LIB\nE10;Diabète\n")
        #expect(try importCatalog(fixture, into: store).version == "v2", "the failed import used no version name")
    }

    @Test func strictTurnsAWarningFoundWhileReadingIntoAFailure() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.setField(Sample.benR, field: "BEN_RES_DPT", "nomenclature", to: "SA_ZZZ_V")
        let store = try makeStore()
        let problems = failingImport(fixture, strict: true, into: store)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.kind == .unknownNomenclature)
        #expect(problem.severity == .error, "strict reports the warning as an error")
        #expect(problem.location.jsonPath == "$.fields[5].nomenclature")
        try await expectEmpty(store)
        #expect(try importCatalog(fixture, strict: false, into: store).warnings.count == 1, "the same catalog imports without --strict")
    }

    @Test func strictTurnsAWarningFoundWhileWritingIntoAFailure() async throws {
        let fixture = try CatalogFixture.sample()
        try fixture.remove(Sample.actCSV)
        let store = try makeStore()
        let problems = failingImport(fixture, strict: true, into: store)
        #expect(problems.map(\.kind) == [.missingNomenclatureCSV])
        #expect(problems.map(\.severity) == [.error])
        try await expectEmpty(store)
    }

    @Test func strictAcceptsACatalogWithoutWarnings() async throws {
        let fixture = try CatalogFixture.sample()
        let report = try importCatalog(fixture, strict: true, into: try makeStore())
        #expect(report.warnings.isEmpty)
        #expect(report.statistics.tables == 5)
    }
}
