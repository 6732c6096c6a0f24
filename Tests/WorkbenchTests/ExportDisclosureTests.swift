import Foundation
import Testing
import Workbench

/// Parses `csv` as an export file named `file`.
func exportTable(_ csv: String, file: String = "table.csv") throws -> ExportTable {
    try ExportTable.parse(bytes: Array(csv.utf8), file: file)
}

@Suite struct ExportDisclosureTests {
    let rules = DisclosureCheck(minimumCount: 10)

    @Test func aCleanAggregatedFilePasses() throws {
        let table = try exportTable("sexe;age;n\nH;0-17;120\nH;18-64;340\nF;0-17;110\nF;18-64;390\n")
        let check = try rules.check(table)
        #expect(check.verdict == .pass)
        #expect(check.reasons.isEmpty)
        #expect(check.countColumns == ["n"])
        #expect(check.totals == [PublishedTotal(column: "n", value: 960)])
        #expect(check.proposedSuppressions.isEmpty)
    }

    @Test func smallCellsPublishedFailAndAreProposedForSuppression() throws {
        let table = try exportTable("region,nb_patients,taux\nA,120,0.5\nB,4,1.2\nC,0,0\nD,56,0.3\n")
        #expect(table.delimiter == ",")
        let check = try rules.check(table)
        #expect(check.verdict == .fail)
        // Zero discloses nobody by itself: only the 4 is flagged.
        #expect(check.flaggedCells == [FlaggedCell(rule: "small-cell", row: 2, line: 3, column: "nb_patients", value: "4")])
        #expect(check.reasons.contains { $0.contains("line 3, column nb_patients: 4 is below the minimum count of 10") })
        #expect(check.proposedSuppressions.map(\.marker) == ["<10"])
        #expect(try DisclosureCheck(minimumCount: 3).check(table).verdict == .pass)
    }

    @Test func aSuppressedCellAloneInItsTotalRowIsRecomputable() throws {
        let table = try exportTable("age;n\n0-17;120\n18-64;<10\n65+;200\nTotal;325\n")
        let check = try rules.check(table)
        #expect(check.verdict == .fail)
        #expect(check.flaggedCells.map(\.rule) == ["secondary-disclosure"])
        #expect(check.flaggedCells.first?.line == 3)
        #expect(check.reasons.contains { $0.contains("line 3, column n: the suppressed cell can be recomputed") && $0.contains("line 5") })
        // The partner proposed is the smallest other count of the margin, not the total.
        let partner = try #require(check.proposedSuppressions.first)
        #expect((partner.kind, partner.line, partner.value, partner.marker) == ("secondary", 2, "120", "s"))
    }

    @Test func aTotalColumnRecomputedAsTheSumIsAMarginToo() throws {
        let table = try exportTable("zone;n_h;n_f;n_tous\nA;40;60;100\nB;s;30;37\nC;25;25;50\n")
        let check = try rules.check(table)
        #expect(check.countColumns == ["n_h", "n_f", "n_tous"])
        #expect(check.verdict == .fail)
        #expect(check.flaggedCells == [FlaggedCell(rule: "secondary-disclosure", row: 2, line: 3, column: "n_h", value: "s")])
    }

    @Test func complementarySuppressionLeavesNoCellRecomputableInACrossTable() throws {
        let table = try exportTable(
            "age;Homme;Femme;Total\n0-17;60;55;115\n18-64;150;5;155\n65+;80;90;170\nTotal;290;150;440\n", file: "cross.csv")
        let check = try rules.check(table)
        #expect(check.countColumns == ["Homme", "Femme", "Total"])
        #expect(check.verdict == .fail)
        #expect(check.flaggedCells.map(\.line) == [3])

        let result = try rules.suppress(table)
        #expect(result.unprotected.isEmpty)
        let primary = result.suppressed.filter { $0.kind == "primary" }
        #expect(primary.map { "\($0.line) \($0.column) \($0.marker)" } == ["3 Femme <10"])
        // Row 18-64 gets its smallest other count (150), column Femme its (55), then column Homme its (60): a 2 x 2 pattern.
        let secondary = result.suppressed.filter { $0.kind == "secondary" }.map { "\($0.line) \($0.column)" }
        #expect(Set(secondary) == ["3 Homme", "2 Femme", "2 Homme"])
        #expect(result.table.rows[1] == ["18-64", "s", "<10", "155"])
        #expect(result.table.rows[0] == ["0-17", "s", "s", "115"])

        let recheck = try rules.check(try exportTable(result.table.csvText(), file: "cross-protected.csv"))
        #expect(recheck.verdict == .pass, "\(recheck.reasons)")
        #expect(recheck.flaggedCells.isEmpty)
    }

    @Test func primarySuppressionAloneIsNotEnoughWhereMarginsExist() throws {
        let table = try exportTable("age;Homme;Femme;Total\n0-17;60;55;115\n18-64;150;5;155\n65+;80;90;170\nTotal;290;150;440\n")
        var onlyPrimary = table
        onlyPrimary.rows[1][2] = "<10"
        let check = try rules.check(onlyPrimary)
        #expect(check.verdict == .fail)
        #expect(check.flaggedCells.map(\.rule) == ["secondary-disclosure"])
        #expect(check.reasons.contains { $0.contains("total column Total at line 3") })
    }

    @Test func subtotalsPerGroupAreMarginsOfTheirGroupOnly() throws {
        let csv = "sexe;age;n\nH;0-17;120\nH;18-64;<10\nH;Total;250\nF;0-17;110\nF;18-64;390\nF;Total;500\n"
        let check = try rules.check(try exportTable(csv))
        // The men's subtotal gives back their suppressed cell; the women's rows, all published, are not involved.
        #expect(check.flaggedCells.map { "\($0.rule) \($0.line)" } == ["secondary-disclosure 3"])
        #expect(check.reasons.contains { $0.contains("line 3, column n") && $0.contains("total row at line 4") })
    }

    @Test func totalsThatDifferByLessThanTheThresholdAreForReview() throws {
        let all = try exportTable("age;n\n0-17;120\n18-64;340\nTotal;460\n", file: "all.csv")
        let withoutSubgroup = try exportTable("age;n\n0-17;118\n18-64;339\nTotal;457\n", file: "without-cmu.csv")
        let report = try rules.check([all, withoutSubgroup])
        #expect(report.files.map(\.verdict) == [.review, .review])
        #expect(report.files[0].reasons.contains { $0.contains("in without-cmu.csv (457) differ by 3") })

        let far = try exportTable("age;n\n0-17;20\n18-64;40\nTotal;60\n", file: "far.csv")
        #expect(try rules.check([all, far]).files.map(\.verdict) == [.pass, .pass])

        let earlier = PublishedTotals(file: "released-in-march.csv", sha256: "abc", totals: [PublishedTotal(column: "effectif", value: 465)])
        let againstEarlier = try rules.check([all], earlier: [earlier])
        #expect(againstEarlier.files[0].verdict == .review)
        #expect(againstEarlier.files[0].reasons.contains { $0.contains("released-in-march.csv (465) differ by 5") })
    }

    @Test func identifyingColumnsFail() throws {
        let nir = try rules.check(try exportTable("BEN_NIR_PSA;n\nAB12;15\nCD34;20\n"))
        #expect(nir.verdict == .fail)
        #expect(nir.reasons.contains { $0.contains("column BEN_NIR_PSA") })

        let tokens = (0..<6).map { index in String(format: "%017x", 0xABCDEF1234 + index * 7919) }
        let csv = "code_x;n\n" + tokens.map { "\($0);\(20 + $0.count)" }.joined(separator: "\n")
        let hex = try rules.check(try exportTable(csv))
        #expect(hex.verdict == .fail)
        #expect(hex.reasons.contains { $0.contains("column code_x: 6 of 6 values look like person identifiers") })

        let birth = try rules.check(try exportTable("date_naissance;n\n1950-03-14;12\n1951-07-02;30\n"))
        #expect(birth.reasons.contains { $0.contains("exact dates of birth") })
        let birthYear = try rules.check(try exportTable("annee_naissance;n\n1950;12\n1951;30\n"))
        #expect(birthYear.verdict == .pass)

        let names = try rules.check(try exportTable("nom;prenom;n\nDUPONT;Jean;12\n"))
        #expect(names.reasons.count { $0.contains("a person's name") } == 2)
        let places = try rules.check(try exportTable("nom_region;n\nBretagne;120\nNormandie;80\n"))
        #expect(places.verdict == .pass)
        // 13-digit drug codes (CIP13) are not NIRs.
        let drugs = try rules.check(try exportTable("cip13;n\n3400930000017;40\n3400930000024;50\n"))
        #expect(drugs.verdict == .pass)
    }

    @Test func rowLevelFilesFail() throws {
        let ones = try rules.check(try exportTable("sexe;age;n\nH;34;1\nF;51;1\nF;29;1\n"))
        #expect(ones.verdict == .fail)
        #expect(ones.reasons.contains { $0.contains("every count is 1 over 3 rows") })

        let people = (0..<30).map { index in "\(index % 2 == 0 ? "H" : "F");\(index % 3 == 0 ? "ALD" : "sans ALD");\(40 + index % 4)" }
        let rows = try rules.check(try exportTable("sexe;statut;age\n" + people.joined(separator: "\n")))
        #expect(rows.verdict == .fail)
        #expect(rows.reasons.contains { $0.contains("one row per person") && $0.contains("lines 3 and 7") })

        let means = try rules.check(try exportTable("region;age_moyen\nBretagne;41.2\nNormandie;43.0\n"))
        #expect(means.verdict == .review)
        #expect(means.reasons.first?.contains("no count column found") == true)
    }

    @Test func countColumnsCanBeNamed() throws {
        let table = try exportTable("groupe;valeur\nA;120\nB;3\n")
        #expect(try rules.check(table).verdict == .review)
        let named = try DisclosureCheck(minimumCount: 10, countColumns: ["VALEUR"]).check(table)
        #expect(named.verdict == .fail)
        #expect(named.flaggedCells.map(\.line) == [3])
        #expect(throws: ExportFileError.self) { try DisclosureCheck(countColumns: ["effectif"]).check(table) }
    }

    @Test func badFilesNameTheFileAndLine() throws {
        #expect(throws: ExportFileError(file: "bad.csv", line: 3, reason: "has 3 field(s) where the header has 2 (delimiter ';')")) {
            try exportTable("age;n\n0-17;12\n18-64;3;4\n", file: "bad.csv")
        }
        #expect(throws: ExportFileError.self) { try exportTable("", file: "empty.csv") }
        // Windows-1252 (a Latin-1 export from SAS on Windows): é is 0xE9.
        let latin1 = try ExportTable.parse(bytes: Array("r\u{E9}gion;n\nA;12\n".unicodeScalars.map { UInt8($0.value) }), file: "latin1.csv")
        #expect(latin1.header == ["région", "n"])
        #expect(latin1.encoding == .windows1252)
        #expect(latin1.sha256.count == 64)
    }
}
