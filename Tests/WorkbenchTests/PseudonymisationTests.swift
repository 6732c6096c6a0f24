import Catalog
import Foundation
import Testing
import Workbench

@Suite struct PseudonymisationTests {
    /// People, claims and stays of the sample, joined on BEN_IDT_ANO; one claim has no person (NULL).
    static func rows() -> [String: [[CellValue]]] {
        var rows = SampleProject.cleanRows
        rows["SA_DIA_D"] = nil
        rows["SA_PHA_F"] = nil
        rows["SA_PRS_F"]! += [[.null, .integer(9), .text("2019-01-10"), .integer(1111), .text("1.00")]]
        return rows
    }

    static let joinCount = "SELECT COUNT(*) FROM SA_PRS_F c JOIN SA_BEN_R p ON p.BEN_IDT_ANO = c.BEN_IDT_ANO"

    @Test func theSameValueGetsTheSamePseudonymInEveryTableSoJoinsStillWork() async throws {
        let project = try await SampleProject.make()
        let engine = try await project.engine(Self.rows())
        let before = try await engine.rows(
            "SELECT c.PRS_ORD_NUM, p.BEN_SEX_COD FROM SA_PRS_F c JOIN SA_BEN_R p ON p.BEN_IDT_ANO = c.BEN_IDT_ANO ORDER BY c.PRS_ORD_NUM")
        let stays = try await engine.count("SELECT COUNT(*) FROM SA_SEJ_B s JOIN SA_BEN_R p ON p.BEN_IDT_ANO = s.BEN_IDT_ANO")

        let summary = try await Pseudonymiser(key: .generate()).apply(columns: ["BEN_IDT_ANO", "BEN_NIR_PSA"], on: engine)

        #expect(summary.changes.map { "\($0.table):\($0.rows)" } == ["SA_BEN_R:3", "SA_PRS_F:4", "SA_SEJ_B:3"])
        #expect(summary.absentColumns == ["BEN_NIR_PSA"])
        let after = try await engine.rows(
            "SELECT c.PRS_ORD_NUM, p.BEN_SEX_COD FROM SA_PRS_F c JOIN SA_BEN_R p ON p.BEN_IDT_ANO = c.BEN_IDT_ANO ORDER BY c.PRS_ORD_NUM")
        #expect(after == before && before.count == 4)
        #expect(try await engine.count("SELECT COUNT(*) FROM SA_SEJ_B s JOIN SA_BEN_R p ON p.BEN_IDT_ANO = s.BEN_IDT_ANO") == stays)
        let pseudonyms = try await engine.rows("SELECT BEN_IDT_ANO FROM SA_BEN_R").compactMap { $0.first?.text }
        #expect(pseudonyms.count == 3 && Set(pseudonyms).isDisjoint(with: ["P1", "P2", "P3"]))
        #expect(pseudonyms.allSatisfy { $0.count == Pseudonym.length && $0.allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) } })
        // NULL stays NULL.
        #expect(try await engine.rows("SELECT BEN_IDT_ANO FROM SA_PRS_F WHERE PRS_ORD_NUM = 9") == [[.null]])
        // The scratch tables holding identifiers and pseudonyms side by side are gone.
        #expect(try await engine.tableNames() == ["SA_BEN_R", "SA_PRS_F", "SA_SEJ_B", Pseudonymiser.ledgerTable])
    }

    @Test func aValueRepeatedInTheOnlyTableHoldingTheColumnIsHashedOnce() async throws {
        let project = try await SampleProject.make()
        let engine = try await project.engine(Self.rows())
        // PRS_NAT_REF is in SA_PRS_F alone, where 1111 is on two claims: no UNION is there to make values distinct.
        let before = try await engine.rows("SELECT PRS_NAT_REF, COUNT(*) FROM SA_PRS_F GROUP BY 1 ORDER BY 2 DESC")
        #expect(before.contains { ($0.last?.integer ?? 0) > 1 }, "the sample repeats a value")
        _ = try await Pseudonymiser(key: .generate()).apply(columns: ["PRS_NAT_REF"], on: engine)
        let after = try await engine.rows("SELECT PRS_NAT_REF, COUNT(*) FROM SA_PRS_F GROUP BY 1 ORDER BY 2 DESC")
        #expect(after.map(\.last) == before.map(\.last))
    }

    @Test func aRunCutShortBetweenColumnsIsFinishedByTheSameCommand() async throws {
        let project = try await SampleProject.make()
        let engine = try await project.engine(Self.rows())
        let key = PseudonymisationKey.generate()
        // The first column finished, then the run stopped.
        _ = try await Pseudonymiser(key: key).apply(columns: ["BEN_IDT_ANO"], on: engine)
        let summary = try await Pseudonymiser(key: key).apply(columns: ["BEN_IDT_ANO", "PRS_NAT_REF"], on: engine)
        #expect(summary.finishedColumns == ["BEN_IDT_ANO"])
        #expect(summary.changes.map(\.column) == ["PRS_NAT_REF"])
        #expect(try await engine.count(Self.joinCount) == 4)
        await #expect(throws: PseudonymisationError.self) {
            try await Pseudonymiser(key: key).apply(columns: ["BEN_IDT_ANO", "PRS_NAT_REF"], on: engine)
        }
    }

    @Test func twoKeysGiveUnlinkablePseudonymsAndOneKeyTheSameOnes() async throws {
        let project = try await SampleProject.make()
        let (first, second) = (PseudonymisationKey.generate(), PseudonymisationKey.generate())
        var pseudonyms: [[String]] = []
        for key in [first, second, first] {
            let engine = try await project.engine(Self.rows())
            _ = try await Pseudonymiser(key: key).apply(columns: ["BEN_IDT_ANO"], on: engine)
            pseudonyms.append(try await engine.rows("SELECT BEN_IDT_ANO FROM SA_BEN_R ORDER BY BEN_SEX_COD").compactMap { $0.first?.text })
        }
        #expect(Set(pseudonyms[0]).isDisjoint(with: pseudonyms[1]))
        #expect(pseudonyms[0] == pseudonyms[2])
        #expect(pseudonyms[0] == ["P1", "P2", "P3"].map { Pseudonym.of($0, key: first) })
    }

    @Test func runningTwiceIsRefusedAndAnotherKeyToo() async throws {
        let project = try await SampleProject.make()
        let engine = try await project.engine(Self.rows())
        let key = PseudonymisationKey.generate()
        _ = try await Pseudonymiser(key: key).apply(columns: ["BEN_IDT_ANO"], on: engine)
        let once = try await engine.rows("SELECT BEN_IDT_ANO FROM SA_BEN_R ORDER BY BEN_SEX_COD")

        do {
            _ = try await Pseudonymiser(key: key).apply(columns: ["BEN_IDT_ANO"], on: engine)
            Issue.record("a second run must be refused")
        } catch let error as PseudonymisationError {
            guard case .alreadyPseudonymised(let column, let tables, let fingerprint, _) = error else { throw error }
            #expect(column == "BEN_IDT_ANO" && tables.sorted() == ["SA_BEN_R", "SA_PRS_F", "SA_SEJ_B"] && fingerprint == key.fingerprint)
            #expect(error.description.contains("would hash the pseudonyms"))
        }
        await #expect(throws: PseudonymisationError.self) {
            _ = try await Pseudonymiser(key: .generate()).apply(columns: ["BEN_IDT_ANO"], on: engine)
        }
        #expect(try await engine.rows("SELECT BEN_IDT_ANO FROM SA_BEN_R ORDER BY BEN_SEX_COD") == once)

        // A table loaded later with raw identifiers is done alone, with the same pseudonyms.
        let diagnoses = SampleProject.raw(try #require(project.schema.table("SA_SEJ_B")).definition)
        var late = diagnoses
        late.name = "SA_SEJ_B_2021"
        _ = try await engine.load(late, replacing: false) { loader in
            try await loader.append(RowBatch(columns: late.columnNames, rows: [SampleProject.cleanRows["SA_SEJ_B"]![0]]))
        }
        let summary = try await Pseudonymiser(key: key).apply(columns: ["BEN_IDT_ANO"], on: engine)
        #expect(summary.changes.map(\.table) == ["SA_SEJ_B_2021"])
        #expect(try await engine.rows("SELECT BEN_IDT_ANO FROM SA_SEJ_B_2021") == [[.text(Pseudonym.of("P1", key: key))]])
    }

    @Test func theKeyFileIsPrivateNeverOverwrittenAndReadBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("project.key").path
        let key = PseudonymisationKey.generate()
        try key.write(to: path)

        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(throws: PseudonymisationError.keyFileExists(path)) { try PseudonymisationKey.generate().write(to: path) }
        let read = try PseudonymisationKey.read(from: path)
        #expect(read.fingerprint == key.fingerprint && Pseudonym.of("P1", key: read) == Pseudonym.of("P1", key: key))

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: PseudonymisationError.keyFileTooOpen(path, mode: 0o644)) { try PseudonymisationKey.read(from: path) }

        let bad = directory.appendingPathComponent("bad.key").path
        #expect(FileManager.default.createFile(atPath: bad, contents: Data("not a key\n".utf8), attributes: [.posixPermissions: 0o600]))
        do {
            _ = try PseudonymisationKey.read(from: bad)
            Issue.record("a malformed key file must be refused")
        } catch let error as PseudonymisationError {
            #expect(error.description.contains(bad) && error.description.contains("64 hex digits"))
        }
    }

    @Test func theKeyNeverShowsInItsDescriptionsOrDump() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("project.key").path
        let key = PseudonymisationKey.generate()
        try key.write(to: path)
        let secret = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.count == 64)

        var dumped = ""
        dump(key, to: &dumped)
        let shown = ["\(key)", String(reflecting: key), dumped, "\(Mirror(reflecting: key).children.map { "\($0.value)" })"]
        for text in shown {
            #expect(!text.lowercased().contains(secret.prefix(16)))
            #expect(text.contains(key.fingerprint))
        }
        #expect(!key.fingerprint.isEmpty && !secret.contains(key.fingerprint))
    }

    @Test func theCatalogSaysWhichColumnsIdentifyAPerson() async throws {
        let project = try await SampleProject.make()
        #expect(IdentifyingColumns.defaults(in: project.schema) == ["BEN_IDT_ANO"])

        func variable(_ name: String, _ type: String = "string", format: String = "default", length: String? = "17", _ description: String = "")
            -> Variable
        {
            Variable(
                catalogTableID: 1, versionID: 1, position: 0, name: name, description: description, type: type, lengthText: length, format: format)
        }
        let identifying = [
            variable("BEN_NIR_PSA"), variable("NIR_ANO_17"), variable("ASS_NIR_ANO"), variable("NIR_ANO_MAM", length: "32"),
            variable("TRS_CDR_NOM", length: "11", "Nom du conducteur diplômé du véhicule"),
            variable("BEN_NAI_DTE", "date", length: "8", "Date de naissance"),
            variable("PAT_ID", "string", length: "40", "Prénom du patient"),
        ]
        let other = [
            variable("BEN_CDI_NIR", length: "2", "Code d'identification du NIR"), variable("NIR_RET", "boolean", length: "1"),
            variable("BEN_NAI_MOI", "date", format: "%m", length: "2", "Mois de naissance du bénéficiaire"),
            variable("IDE_VOI_LIB", length: "25", "Nom de la voie"), variable("EXE_SOI_DTD", "date", length: "8", "Date de début des soins"),
        ]
        #expect(identifying.filter { IdentifyingColumns.reason(for: $0) == nil }.map(\.name) == [])
        #expect(other.filter { IdentifyingColumns.reason(for: $0) != nil }.map(\.name) == [])
    }

    @Test func qualityChecksHoldPseudonymisedColumnsToThePseudonymsLength() async throws {
        let project = try await SampleProject.make()
        let engine = try await project.engine(Self.rows())
        _ = try await Pseudonymiser(key: .generate()).apply(columns: ["BEN_IDT_ANO"], on: engine)
        let report = try await project.checker.check(engine, tables: ["SA_BEN_R", "SA_PRS_F", "SA_SEJ_B"])
        #expect(report.failedRules.map { "\($0.table) \($0.rule) \($0.subject)" } == [])
        let rules = try #require(report.tables.first { $0.name == "SA_BEN_R" }?.column("BEN_IDT_ANO")?.rules.filter { $0.rule.hasPrefix("value.") })
        #expect(rules.map(\.rule) == ["value.pseudonym"] && rules.first?.status == .passed && rules.first?.checked == 3)
        // A raw value slipped in later fails the pseudonym's shape.
        try await engine.execute("INSERT INTO SA_SEJ_B (ETA_NUM, SEJ_NUM, BEN_IDT_ANO) VALUES ('750000009', 'S1', 'P1')")
        let later = try await project.checker.check(engine, tables: ["SA_SEJ_B"])
        #expect(later.failures("value.pseudonym", in: "SA_SEJ_B").first?.examples.first?["BEN_IDT_ANO"] == "P1")
        #expect(report.tables.first { $0.name == "SA_PRS_F" }?.rules(named: "key.foreign").map(\.status) == [.passed])
    }
}
