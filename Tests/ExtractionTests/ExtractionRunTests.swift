import Foundation
import Testing
import Workbench

@testable import Extraction

/// The specs the engines are compared on: presets with joins and monthly flux reading, a generic criterion with
/// `any_of` and typed values, every column of a yearly table.
enum ExampleSpecs {
    static let diabetes = """
        version: 1
        name: diabetes
        period: {start: 2019-01-01, end: 2019-12-31}
        population:
          - name: diabetes_stays
            preset: pmsi_mco_diagnosis
            codes: [E10, E11, E14]
          - name: antidiabetics
            preset: dcir_drug
            atc: [A10]
        extract:
          - table: IR_BEN_R
            person: BEN_NIR_PSA
          - table: ER_PRS_F
            person: BEN_NIR_PSA
            date: EXE_SOI_DTD
            quality: [snds_dcir]
            columns: [BEN_NIR_PSA, EXE_SOI_DTD, FLX_DIS_DTD, PRS_NAT_REF, PRS_PAI_MNT]
          - table: T_MCO{yy}C
            person: NIR_ANO_17
            date: EXE_SOI_DTD
            quality: [snds_pmsi]
        """
    static let visits = """
        version: 1
        name: visits
        period: {start: 2020-01-01, end: 2020-06-30}
        population:
          - name: gp
            table: ER_PRS_F
            person: BEN_NIR_PSA
            date: EXE_SOI_DTD
            quality: [snds_dcir]
            where:
              - {column: PRS_NAT_REF, in: [1111, 1112]}
        extract:
          - table: ER_PRS_F
            person: BEN_NIR_PSA
            date: EXE_SOI_DTD
            columns: [BEN_NIR_PSA, EXE_SOI_DTD, PRS_NAT_REF, PRS_PAI_MNT, DPN_QLF]
            where:
              - any_of:
                  - {column: PRS_NAT_REF, not_in: [3317]}
                  - {column: PRS_PAI_MNT, between: ["10.5", 60]}
        """
    static let stays = """
        version: 1
        name: stays
        period: {start: 2019-07-01, end: 2020-12-31}
        population:
          - name: heart
            preset: pmsi_mco_diagnosis
            codes: [I21, I50]
            positions: [main, related]
          - name: born_before_1950
            table: IR_BEN_R
            person: BEN_NIR_PSA
            where:
              - {column: BEN_NAI_ANN, starts_with: ["190", "191", "192", "193", "194"]}
              - {column: BEN_DCD_DTE, is_null: true}
        extract:
          - table: T_MCO{yy}B
            join:
              - table: T_MCO{yy}C
                on: [ETA_NUM, RSA_NUM]
            person: T_MCO{yy}C.NIR_ANO_17
            date: T_MCO{yy}C.EXE_SOI_DTD
            quality: [snds_pmsi]
        """
    static let all = [diabetes, visits, stays]
}

@Suite struct ExtractionRunTests {
    static let sample = SNDSSample(people: 600, claimsPerPerson: 10, years: 2019...2020, seed: 7)

    static func sqlite(_ name: String) throws -> (SQLiteEngine, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-extract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try SQLiteEngine(url: EngineURL("sqlite://" + folder.appendingPathComponent("\(name).sqlite").path)), folder)
    }

    /// The population worked out from the sample's own histories, without SQL: the answer the plan must give.
    static func expectedDiabetesPopulation(_ sample: SNDSSample) -> Set<String> {
        let start = CalendarDay.day(year: 2019, month: 1, day: 1)
        let end = CalendarDay.day(year: 2019, month: 12, day: 31)
        let lastFlux = CalendarDay.day(year: 2020, month: 6, day: 30)
        var people = Set<String>()
        for index in 0..<sample.people {
            let history = PersonHistory(sample: sample, person: index)
            let drug = history.claims.contains { claim in
                guard let drug = claim.drug, SNDSSample.drugs[drug].atc.hasPrefix("A10"), !claim.informationOnly, !claim.withoutBase else {
                    return false
                }
                guard case .text(let fluxText) = claim.keys[1], let flux = CalendarDay.day(iso: fluxText) else { return false }
                return (start...end).contains(claim.day) && flux <= lastFlux
            }
            let stay = history.stays.contains { stay in
                let codes = [stay.main] + (stay.related.map { [$0] } ?? []) + stay.associated
                return (start...end).contains(stay.day) && stay.failedCheck == nil && !stay.ghm.hasPrefix("90")
                    && codes.contains { code in ["E10", "E11", "E14"].contains { code.hasPrefix($0) } }
            }
            if drug || stay { people.insert(history.identifier) }
        }
        return people
    }

    @Test func populationIsTheKnownAnswer() async throws {
        let (engine, folder) = try Self.sqlite("known")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.sample.load(into: engine)
        let spec = try ExtractionSpec.parse(ExampleSpecs.diabetes, file: "diabetes.yaml")
        let runner = ExtractionRunner(engine: engine)
        let lineage = try await runner.run(try await runner.plan(spec), spec: spec)
        let found = Set(try await engine.rows("SELECT person_id FROM diabetes_population").compactMap { $0.first?.text })
        let expected = Self.expectedDiabetesPopulation(Self.sample)
        #expect(expected.count > 30)
        #expect(found == expected)
        #expect(lineage.people == expected.count)
        #expect(lineage.criteria.map(\.criterion) == ["antidiabetics", "diabetes_stays"])
        // Twelve months of care read on eighteen flux months.
        #expect(lineage.steps.filter { $0.label.hasPrefix("population: antidiabetics") }.count == 18)
        #expect(
            lineage.steps.filter { $0.kind == .extract }.reduce(0) { $0 + ($1.rows ?? 0) } == lineage.tables.dropFirst().reduce(0) { $0 + $1.rows })
        // Every extracted row belongs to the population; the flawed claim lines are left out.
        #expect(
            try await engine.count("SELECT COUNT(*) FROM diabetes_ER_PRS_F WHERE BEN_NIR_PSA NOT IN (SELECT person_id FROM diabetes_population)") == 0
        )
        #expect(try await engine.count("SELECT COUNT(*) FROM diabetes_IR_BEN_R") == expected.count)
        let working = try await engine.tableNames().filter { $0.hasSuffix("__extracting") }
        #expect(working.isEmpty)
    }

    @Test func onSQLiteTheKeysRowsAreLookedUpByAreIndexedOnce() async throws {
        let (engine, folder) = try Self.sqlite("indexes")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await SNDSSample(people: 50, years: 2019...2019).load(into: engine)
        let spec = try ExtractionSpec.parse(ExampleSpecs.diabetes, file: "diabetes.yaml")
        let runner = ExtractionRunner(engine: engine)
        let plan = try await runner.plan(spec)
        let indexes = plan.steps.filter { $0.label.hasPrefix("index: ") }.map(\.label)
        #expect(
            Set(indexes) == [
                "index: ER_PHA_F (DCT_ORD_NUM, FLX_DIS_DTD, FLX_EMT_NUM, FLX_EMT_ORD, FLX_EMT_TYP, FLX_TRT_DTD, ORG_CLE_NUM, PRS_ORD_NUM, REM_TYP_AFF)",
                "index: IR_PHA_R (PHA_CIP_C13)", "index: ER_PRS_F (FLX_DIS_DTD)", "index: T_MCO19C (ETA_NUM, RSA_NUM)",
                "index: T_MCO19B (ETA_NUM, RSA_NUM)",
            ])
        #expect(indexes.count == 5 && plan.steps.prefix(5).allSatisfy { $0.label.hasPrefix("index: ") })
        _ = try await runner.run(plan, spec: spec)
        let again = try await runner.run(try await runner.plan(spec), spec: spec)
        #expect(again.people > 0)
        #expect(try await engine.count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'hublot_%'") == 5)
        // The flux months now read the claims by their index, and the pharmacy lines by theirs.
        let month = try #require(plan.steps.first { $0.label.hasPrefix("population: antidiabetics") })
        let select = String(month.sql[month.sql.range(of: "SELECT")!.lowerBound...])
        let explained = try await engine.rows("EXPLAIN QUERY PLAN " + select).compactMap { $0.last?.text }.joined(separator: "\n")
        #expect(explained.contains("USING INDEX hublot_ER_PRS_F_by_FLX_DIS_DTD") && explained.contains("USING INDEX hublot_ER_PHA_F_by_"))
        #expect(!explained.contains("AUTOMATIC"))
        // Engines with hash joins are left as they are.
        var tables: [ExtractionPlanner.EngineTable] = []
        for name in ExtractionPlanner.tablesRead(by: spec) {
            if let columns = try await engine.columns(of: name) { tables.append(ExtractionPlanner.EngineTable(name: name, columns: columns)) }
        }
        let onPostgreSQL = ExtractionPlanner(spec: spec, dialect: PostgreSQLDialect(), engine: "test", tables: tables)
        #expect(try onPostgreSQL.plan().steps.allSatisfy { !$0.label.hasPrefix("index: ") })
    }

    @Test func aFailedRunLeavesThePreviousOutputs() async throws {
        let (engine, folder) = try Self.sqlite("failed")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await SNDSSample(people: 50, years: 2019...2019).load(into: engine)
        let spec = try ExtractionSpec.parse(ExampleSpecs.diabetes, file: "diabetes.yaml")
        let runner = ExtractionRunner(engine: engine)
        var plan = try await runner.plan(spec)
        _ = try await runner.run(plan, spec: spec)
        let before = try await engine.count("SELECT COUNT(*) FROM diabetes_ER_PRS_F")
        let extract = try #require(plan.steps.lastIndex { $0.kind == .extract })
        plan.steps[extract].sql = "INSERT INTO nowhere SELECT 1"
        await #expect(throws: EngineError.self) { _ = try await runner.run(plan, spec: spec) }
        #expect(try await engine.count("SELECT COUNT(*) FROM diabetes_ER_PRS_F") == before)
        #expect(try await engine.tableNames().filter { $0.hasSuffix("__extracting") }.isEmpty)
    }

    @Test func planningErrorsNameTheSpecLine() async throws {
        let (engine, folder) = try Self.sqlite("errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await SNDSSample(people: 5, years: 2019...2020).load(into: engine)
        let runner = ExtractionRunner(engine: engine)
        let cases: [(String, Int, String, String)] = [
            // No 2021 stays in a 2019-2020 sample.
            (ExampleSpecs.stays.replacingOccurrences(of: "end: 2020-12-31", with: "end: 2021-01-31"), 5, "population[0].table", "no table T_MCO21B"),
            (
                ExampleSpecs.visits.replacingOccurrences(of: "in: [1111, 1112]", with: "in: [1111, GP]"), 5, "population[0].where",
                "PRS_NAT_REF is numeric"
            ),
            (ExampleSpecs.visits.replacingOccurrences(of: "PRS_PAI_MNT, DPN_QLF]", with: "PRS_PAY]"), 13, "extract[0].columns", "no column PRS_PAY"),
            (ExampleSpecs.stays.replacingOccurrences(of: "T_MCO{yy}C.NIR", with: "T_MCO{yy}X.NIR"), 16, "extract[0].person", "not among the tables"),
        ]
        for (text, line, field, message) in cases {
            let spec = try ExtractionSpec.parse(text, file: "spec.yaml")
            await #expect {
                _ = try await runner.plan(spec)
            } throws: { error in
                guard let error = error as? ExtractionError else { return false }
                return error.location.line == line && error.field == field && error.message.contains(message)
            }
        }
    }

    @Test func likePrefixesEscapeTheirWildcards() throws {
        let spec = try ExtractionSpec.parse(ExampleSpecs.visits, file: "v.yaml")
        let planner = ExtractionPlanner(spec: spec, dialect: SQLiteDialect(), engine: "test", tables: [])
        #expect(planner.likePattern("E11") == "'E11%'")
        #expect(planner.likePattern("A_1%") == "'A!_1!%%' ESCAPE '!'")
        #expect(planner.fluxMonths().count == 6 + 6)
        #expect(CalendarDay.isoText(planner.fluxMonths().last!.start) == "2020-12-01")
    }
}
