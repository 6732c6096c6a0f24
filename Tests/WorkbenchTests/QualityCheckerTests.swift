import Catalog
import Foundation
import Testing
import Workbench

@Suite struct QualityCheckerTests {
    @Test func cleanTablesPassEveryRuleAndReportTheirNullRates() async throws {
        let project = try await SampleProject.make()
        let engine = try await project.engine(SampleProject.cleanRows)
        let report = try await project.checker.check(engine)

        #expect(report.tables.map(\.name) == ["SA_BEN_R", "SA_DIA_D", "SA_PHA_F", "SA_PRS_F", "SA_SEJ_B"])
        #expect(report.failedRules.map { "\($0.table) \($0.rule) \($0.subject)" } == [])
        #expect(!report.hasBlockingFailure)
        // Every rule family ran on the clean data.
        let ran = Set(report.allRules.filter { $0.status == .passed }.map(\.rule))
        #expect(
            ran.isSuperset(of: [
                "column.declaredType", "value.type", "value.length", "value.nomenclature", "key.notNull", "key.unique", "key.foreign", "date.order",
                "date.history", "date.afterDeath", "row.duplicate",
            ]))
        let people = try #require(report.tables.first { $0.name == "SA_BEN_R" })
        #expect(people.rowCount == 3)
        let death = try #require(people.column("BEN_DCD_DTE"))
        #expect(death.nullCount == 2 && death.nullRate == 2.0 / 3.0)
        // The two-column foreign key was followed, not skipped.
        let diagnoses = try #require(report.tables.first { $0.name == "SA_DIA_D" })
        #expect(diagnoses.rules(named: "key.foreign").map(\.status) == [.passed])
        #expect(diagnoses.rules(named: "key.foreign").first?.subject == "ETA_NUM, SEJ_NUM")
    }

    @Test func valuesOfTheWrongTypeAreBlocking() async throws {
        let project = try await SampleProject.make()
        var rows = SampleProject.cleanRows
        rows["SA_PRS_F"]! += [
            [.text("P1"), .text("12a"), .text("2021-02-30"), .integer(1111), .text("123456789.00")],
            [.text("P1"), .integer(6), .text("10/01/2019"), .integer(1111), .text("1.234")],
            [.text("P1"), .integer(7), .text("2019-01-11"), .integer(1111), .text("deux euros")],
        ]
        let report = try await project.checker.check(try await project.engine(rows))
        let claims = try #require(report.tables.first { $0.name == "SA_PRS_F" })
        let failures = Dictionary(
            uniqueKeysWithValues: claims.allRules.filter { $0.rule == "value.type" && $0.status == .failed }.map { ($0.subject, $0) })
        #expect(failures["PRS_ORD_NUM"]?.failures == 1)
        #expect(failures["PRS_REM_MNT"]?.failures == 3)
        #expect(failures["EXE_SOI_DTD"]?.failures == 2)
        #expect(failures["PRS_NAT_REF"] == nil)
        #expect(Set(failures["EXE_SOI_DTD"]?.examples.compactMap { $0["EXE_SOI_DTD"] } ?? []) == ["2021-02-30", "10/01/2019"])
        #expect(failures["PRS_ORD_NUM"]?.examples.first?["PRS_ORD_NUM"] == "12a")
        #expect(failures["PRS_REM_MNT"]?.severity == .blocking && failures["PRS_REM_MNT"]?.checked == 6)
        #expect(report.hasBlockingFailure)
    }

    @Test func aTextDeclaredNumberIsAWarningButItsNumericValuesPass() async throws {
        let project = try await SampleProject.make()
        var claims = SampleProject.raw(try #require(project.schema.table("SA_PRS_F")).definition)
        claims.columns[4].type = .text(length: nil)
        let engine = try await project.engine(["SA_PRS_F": SampleProject.cleanRows["SA_PRS_F"]!], definitions: ["SA_PRS_F": claims])
        let report = try await project.checker.check(engine, tables: ["SA_PRS_F"])
        let declared = report.failures("column.declaredType", in: "SA_PRS_F")
        #expect(declared.map(\.subject) == ["PRS_REM_MNT"] && declared.first?.severity == .warning)
        #expect(declared.first?.detail.contains("TEXT") == true)
        #expect(report.failures("value.type", in: "SA_PRS_F").isEmpty)
    }

    @Test(arguments: [50, 0])
    func codesOutsideTheNomenclatureAreWarnings(inlineCodeLimit: Int) async throws {
        let project = try await SampleProject.make()
        var rows = SampleProject.cleanRows
        rows["SA_BEN_R"]! += [
            [.text("P4"), .integer(3), .text("1990"), .integer(5), .null, .text("999")],
            [.text("P5"), .integer(1), .text("1990"), .integer(5), .null, .text("")],
        ]
        rows["SA_DIA_D"]! += [[.text("750000001"), .text("S1"), .text("Z99")]]
        var checker = project.checker
        // 0 sends every nomenclature through a codes table on the engine and a LEFT JOIN.
        checker.inlineCodeLimit = inlineCodeLimit
        let engine = try await project.engine(rows)
        let report = try await checker.check(engine)
        let people = report.failures("value.nomenclature", in: "SA_BEN_R")
        #expect(people.map(\.subject).sorted() == ["BEN_RES_DPT", "BEN_SEX_COD"])
        #expect(people.allSatisfy { $0.failures == 1 && $0.severity == .warning })
        #expect(people.first { $0.subject == "BEN_SEX_COD" }?.examples.first?["BEN_IDT_ANO"] == "P4")
        let diagnoses = report.failures("value.nomenclature", in: "SA_DIA_D")
        #expect(diagnoses.first?.examples.map { $0["ASS_DGN"] } == ["Z99"])
        #expect(!report.hasBlockingFailure)
        #expect(try await engine.tableNames().allSatisfy { !$0.hasPrefix("hublot_") })
    }

    @Test func brokenKeysIncludingATwoColumnOneAreBlocking() async throws {
        let project = try await SampleProject.make()
        var rows = SampleProject.cleanRows
        rows["SA_PRS_F"]! += [[.text("P9"), .integer(8), .text("2019-01-10"), .integer(1111), .text("1.00")]]
        rows["SA_DIA_D"]! += [
            // Each part exists in SA_SEJ_B, not the pair.
            [.text("750000002"), .text("S1"), .text("E11")],
            [.text("750000009"), .text("S9"), .text("E11")],
            // A NULL in the key is not a broken join.
            [.text("750000009"), .null, .text("E11")],
        ]
        let report = try await project.checker.check(try await project.engine(rows))
        let claims = report.failures("key.foreign", in: "SA_PRS_F")
        #expect(claims.map(\.failures) == [1] && claims.first?.examples.first?["BEN_IDT_ANO"] == "P9")
        let diagnoses = report.failures("key.foreign", in: "SA_DIA_D")
        #expect(diagnoses.map(\.failures) == [2])
        #expect(diagnoses.first?.examples.map { "\($0["ETA_NUM"] ?? "")/\($0["SEJ_NUM"] ?? "")" }.sorted() == ["750000002/S1", "750000009/S9"])
        #expect(report.hasBlockingFailure)
    }

    @Test func aForeignKeyToATableNotOnTheEngineIsSkippedWithTheReason() async throws {
        let project = try await SampleProject.make()
        let report = try await project.checker.check(
            try await project.engine(["SA_PHA_F": SampleProject.cleanRows["SA_PHA_F"]!]), tables: ["SA_PHA_F"])
        let foreign = try #require(report.tables.first?.rules(named: "key.foreign").first)
        #expect(foreign.status == .skipped && foreign.detail.contains("SA_PRS_F is not on the engine"))
    }

    @Test func duplicatedAndNullPrimaryKeysAreBlocking() async throws {
        let project = try await SampleProject.make()
        var rows = SampleProject.cleanRows
        rows["SA_SEJ_B"]! += [[.text("750000001"), .text("S1"), .text("P2"), .text("2019-04-01"), .text("2019-04-02"), .text("E10")]]
        rows["SA_BEN_R"]! += [[.null, .integer(1), .text("1950"), .integer(3), .null, .text("075")]]
        let report = try await project.checker.check(try await project.engine(rows))
        let stays = report.failures("key.unique", in: "SA_SEJ_B")
        #expect(stays.map(\.failures) == [2])
        #expect(stays.first?.examples == [ExampleRow(columns: ["ETA_NUM", "SEJ_NUM", "copies"], values: ["750000001", "S1", "2"])])
        let people = report.failures("key.notNull", in: "SA_BEN_R")
        #expect(people.map(\.subject) == ["BEN_IDT_ANO"] && people.first?.failures == 1 && people.first?.checked == 4)
        #expect(report.tables.first { $0.name == "SA_BEN_R" }?.column("BEN_IDT_ANO")?.nullCount == 1)
        #expect(report.hasBlockingFailure)
    }

    @Test func incoherentDatesAreFound() async throws {
        let project = try await SampleProject.make()
        var rows = SampleProject.cleanRows
        rows["SA_SEJ_B"]! += [
            // Ends before it starts.
            [.text("750000003"), .text("S1"), .text("P1"), .text("2019-05-10"), .text("2019-05-02"), .text("E11")],
            // After P2's death on 2020-06-01.
            [.text("750000003"), .text("S2"), .text("P2"), .text("2020-08-01"), .text("2020-08-03"), .text("E11")],
        ]
        rows["SA_PRS_F"]! += [
            // Before the table's history (2006).
            [.text("P1"), .integer(5), .text("1999-05-01"), .integer(1111), .text("1.00")],
            [.text("P2"), .integer(6), .text("2020-07-01"), .integer(1111), .text("1.00")],
        ]
        let report = try await project.checker.check(try await project.engine(rows))
        let order = report.failures("date.order", in: "SA_SEJ_B")
        #expect(order.map(\.subject) == ["ENT_DAT, SOR_DAT"] && order.first?.failures == 1)
        #expect(order.first?.examples.first?["SEJ_NUM"] == "S1" && order.first?.examples.first?["ETA_NUM"] == "750000003")
        let history = report.failures("date.history", in: "SA_PRS_F")
        #expect(history.map(\.subject) == ["EXE_SOI_DTD"] && history.first?.failures == 1)
        #expect(history.first?.examples.first?["EXE_SOI_DTD"] == "1999-05-01")
        let claims = report.failures("date.afterDeath", in: "SA_PRS_F")
        #expect(claims.map(\.failures) == [1] && claims.first?.examples.first?["SA_BEN_R.BEN_DCD_DTE"] == "2020-06-01")
        #expect(report.failures("date.afterDeath", in: "SA_SEJ_B").map(\.subject) == ["ENT_DAT"])
        #expect(report.failedRules.allSatisfy { $0.severity == .warning })
    }

    @Test func textLongerThanTheCatalogIsBlocking() async throws {
        let project = try await SampleProject.make()
        var rows = SampleProject.cleanRows
        rows["SA_PHA_F"]! += [[.integer(3), .text("34009300000010"), .integer(1)]]
        rows["SA_BEN_R"]! += [[.text("P4"), .integer(1), .text("1950"), .integer(3), .null, .text("0750")]]
        rows["SA_PRS_F"]! += [[.text("P4"), .integer(12_345_678_901), .text("2019-01-10"), .integer(1111), .text("1.00")]]
        let report = try await project.checker.check(try await project.engine(rows))
        #expect(report.failures("value.length", in: "SA_PHA_F").map(\.subject) == ["PHA_PRS_C13"])
        #expect(report.failures("value.length", in: "SA_BEN_R").first?.examples.first?["BEN_RES_DPT"] == "0750")
        #expect(report.failures("value.length", in: "SA_PRS_F").map(\.subject) == ["PRS_ORD_NUM"])
        #expect(report.hasBlockingFailure)
    }

    @Test func missingTablesAndColumnsAreBlockingAndExtraColumnsAWarning() async throws {
        let project = try await SampleProject.make()
        let pharmacy = TableDefinition(
            name: "SA_PHA_F",
            columns: [
                ColumnDefinition(name: "PRS_ORD_NUM", type: .integer), ColumnDefinition(name: "PHA_PRS_C13", type: .text(length: 13)),
                ColumnDefinition(name: "LOCAL_NOTE", type: .text(length: nil)),
            ])
        var rows = SampleProject.cleanRows
        rows["SA_DIA_D"] = nil
        rows["SA_PHA_F"] = [[.integer(3), .text("3400930000001"), .text("note")]]
        let report = try await project.checker.check(try await project.engine(rows, definitions: ["SA_PHA_F": pharmacy]))
        let missing = try #require(report.tables.first { $0.name == "SA_DIA_D" })
        #expect(!missing.isPresent && missing.rules.map(\.rule) == ["table.present"])
        #expect(report.failures("column.present", in: "SA_PHA_F").map(\.subject) == ["PHA_ACT_QSN"])
        let extra = report.failures("column.unexpected", in: "SA_PHA_F")
        #expect(extra.map(\.subject) == ["LOCAL_NOTE"] && extra.first?.severity == .warning)
        #expect(report.hasBlockingFailure)
    }

    @Test func fullyDuplicatedRowsAreCountedAsExtraCopies() async throws {
        let project = try await SampleProject.make()
        var rows = SampleProject.cleanRows
        rows["SA_PHA_F"]! += [[.integer(3), .text("3400930000001"), .integer(2)], [.integer(3), .text("3400930000001"), .integer(2)]]
        let report = try await project.checker.check(try await project.engine(rows))
        let duplicates = report.failures("row.duplicate", in: "SA_PHA_F")
        #expect(duplicates.map(\.failures) == [2])
        #expect(duplicates.first?.examples.first?["copies"] == "3")
        #expect(!report.hasBlockingFailure)
    }

    @Test func theReportRendersAsJSONAndAsAnEscapedSelfContainedPage() async throws {
        let project = try await SampleProject.make()
        var rows = SampleProject.cleanRows
        rows["SA_PHA_F"]! += [[.integer(3), .text("<script>alert('x')</script>"), .integer(1)]]
        let report = try await project.checker.check(try await project.engine(rows))

        let decoded = try {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(QualityReport.self, from: try report.json())
        }()
        #expect(decoded.failedRules.map(\.rule) == report.failedRules.map(\.rule))
        #expect(decoded.failures("value.length", in: "SA_PHA_F").first?.examples.first?["PHA_PRS_C13"] == "<script>alert('x')</script>")

        let html = report.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=") && !html.contains("href=\"http") && !html.contains("@import"))
        #expect(report.text().contains("[blocking] value.length PHA_PRS_C13: 1 of 3"))
    }
}
