import Testing
import Workbench

@testable import Extraction

@Suite struct ExtractionSpecTests {
    static let valid = """
        version: 1
        name: diabetes_2019
        catalog: "2024"
        period: {start: 2019-01-01, end: 2019-12-31}
        population:
          - name: stays
            preset: pmsi_mco_diagnosis
            codes: [E11]
            positions: [main, associated]
          - name: drugs
            preset: dcir_drug
            atc: A10
          - name: visits
            table: ER_PRS_F
            person: BEN_NIR_PSA
            date: EXE_SOI_DTD
            quality: [snds_dcir]
            where:
              - {column: PRS_NAT_REF, in: [1111, 1112]}
              - any_of:
                  - {column: PRS_PAI_MNT, between: [10, 20]}
                  - {column: BEN_RNG_GEM, is_null: true}
        extract:
          - table: T_MCO{yy}B
            person: T_MCO{yy}C.NIR_ANO_17
        """

    @Test func readsPresetsAndGenericCriteria() throws {
        let spec = try ExtractionSpec.parse(Self.valid, file: "spec.yaml")
        #expect(spec.name == "diabetes_2019")
        #expect(spec.catalogVersion == "2024")
        #expect(spec.period.startText == "2019-01-01" && spec.period.endText == "2019-12-31")
        #expect(spec.population.map(\.name) == ["stays", "drugs", "visits"])
        // Main diagnosis on the stays, associated ones on their own table: two sources for the one year.
        #expect(spec.population[0].sources.map(\.table) == ["T_MCO19B", "T_MCO19D"])
        #expect(spec.population[0].sources[0].filters == [.startsWith(ColumnReference(column: "DGN_PAL"), ["E11"])])
        #expect(spec.population[1].sources[0].tables == ["ER_PRS_F", "ER_PHA_F", "IR_PHA_R"])
        #expect(spec.population[1].sources[0].joins[0].on.count == 9)
        let visits = spec.population[2].sources[0]
        #expect(visits.quality == [.sndsDCIR])
        #expect(visits.filters.count == 2)
        #expect(visits.filters[0] == .isIn(ColumnReference(column: "PRS_NAT_REF"), ["1111", "1112"]))
        #expect(spec.hash.count == 64)
    }

    @Test(arguments: [
        ("version: 2\nname: a\nperiod: {start: 2019-01-01, end: 2019-12-31}\npopulation: []", 1, "version", "unsupported version"),
        ("version: 1\nname: 9a\nperiod: {start: 2019-01-01, end: 2019-12-31}", 2, "name", "letters, digits and underscores"),
        ("version: 1\nname: a\nperiod: {start: 2019-02-30, end: 2019-12-31}", 3, "period.start", "YYYY-MM-DD"),
        ("version: 1\nname: a\nperiod: {start: 2019-02-01, end: 2019-01-31}", 3, "period", "before the start"),
        ("version: 1\nname: a\nperiod: {start: 2019-01-01, end: 2019-12-31}\npopulaton: []", 4, "populaton", "unknown field"),
        (
            "version: 1\nname: a\nperiod: {start: 2019-01-01, end: 2019-12-31}\npopulation:\n  - name: x\n    preset: dcir_drugs\n    atc: A10",
            6, "population[0].preset", "unknown preset"
        ),
        (
            "version: 1\nname: a\nperiod: {start: 2019-01-01, end: 2019-12-31}\npopulation:\n  - name: x\n    table: T\n    person: P\n    where:\n      - {column: C, equals: 1, in: [2]}",
            9, "population[0].where[0]", "exactly one of"
        ),
        (
            "version: 1\nname: a\nperiod: {start: 2019-01-01, end: 2019-12-31}\npopulation:\n  - name: x\n    table: T\n    person: P\n    quality: [snds]",
            8, "population[0].quality", "unknown quality preset"
        ),
        (
            "version: 1\nname: a\nperiod: {start: 2019-01-01, end: 2019-12-31}\npopulation:\n  - name: x\n    table: T\n    person: P\n  - name: x\n    table: U\n    person: P",
            8, "population[1].name", "already the name"
        ),
        (
            "version: 1\nname: a\nperiod: {start: 2019-01-01, end: 2019-12-31}\npopulation:\n  - name: x\n    person: P", 5, "population[0].table",
            "missing"
        ),
        ("version: 1\nname: [a", 3, "", "not valid YAML"),
    ])
    func badSpecsNameTheLineAndField(text: String, line: Int, field: String, message: String) {
        #expect {
            try ExtractionSpec.parse(text, file: "bad.yaml")
        } throws: { error in
            guard let error = error as? ExtractionError else { return false }
            return error.location.file == "bad.yaml" && error.location.line == line && error.field == field && error.message.contains(message)
        }
    }

    @Test func missingFileIsNamed() {
        #expect(throws: ExtractionError(file: "/nonexistent/spec.yaml", field: "", "no such spec file")) {
            try ExtractionSpec.read(path: "/nonexistent/spec.yaml")
        }
    }

    @Test func yearPlaceholdersExpandOverThePeriod() {
        #expect(ExtractionPlanner.expand("T_MCO{yy}B", years: 2019...2021).map(\.table) == ["T_MCO19B", "T_MCO20B", "T_MCO21B"])
        #expect(ExtractionPlanner.expand("DCIR_{yyyy}", years: 2009...2009).map(\.table) == ["DCIR_2009"])
        #expect(ExtractionPlanner.expand("ER_PRS_F", years: 2009...2012).map(\.table) == ["ER_PRS_F"])
    }

    @Test func calendarDaysReadOnlyRealDates() {
        #expect(CalendarDay.day(iso: "2020-02-29").map(CalendarDay.isoText) == "2020-02-29")
        #expect(CalendarDay.day(iso: "2019-02-29") == nil)
        #expect(CalendarDay.day(iso: "2019-13-01") == nil)
        #expect(CalendarDay.day(iso: "19-01-01") == nil)
    }
}

@Suite struct CatalogCheckTests {
    @Test func yearlyTablesAndUnknownColumnsAgainstTheCatalog() throws {
        let spec = try ExtractionSpec.parse(ExtractionSpecTests.valid, file: "spec.yaml")
        let catalog: [String: [String]] = [
            "T_MCOaaB": ["ETA_NUM", "RSA_NUM", "DGN_PAL", "GRG_GHM"], "T_MCOaaC": ["ETA_NUM", "RSA_NUM", "NIR_ANO_17", "EXE_SOI_DTD"],
            "T_MCOaaD": ["ETA_NUM", "RSA_NUM", "ASS_DGN"],
            "ER_PRS_F": CriterionPreset.dcirClaimKeys + ["BEN_NIR_PSA", "EXE_SOI_DTD", "PRS_NAT_REF", "PRS_PAI_MNT", "BEN_RNG_GEM"],
            "ER_PHA_F": CriterionPreset.dcirClaimKeys + ["PHA_PRS_C13"],
        ]
        let warnings = CatalogCheck(tables: catalog).warnings(spec)
        #expect(warnings == ["spec.yaml:10: population[1]: table IR_PHA_R is not in catalog version 2024"])
        let fewer = catalog.merging(["IR_PHA_R": ["PHA_CIP_C13", "PHA_ATC_C07"], "T_MCOaaC": ["ETA_NUM", "RSA_NUM"]]) { $1 }
        #expect(
            CatalogCheck(tables: fewer).warnings(spec) == [
                "spec.yaml:6: population[0]: T_MCO19C has no column NIR_ANO_17 in catalog version 2024",
                "spec.yaml:6: population[0]: T_MCO19C has no column EXE_SOI_DTD in catalog version 2024",
            ])
    }
}
