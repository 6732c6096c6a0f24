import Catalog
import Foundation
import Store
import Testing
import Workbench

/// An engine that keeps what is loaded into it, to look at the generator's values before any engine
/// converts them (SQLite's DECIMAL affinity turns '12.50' into 12.5).
final class RecordingEngine: Engine, @unchecked Sendable {
    let url: EngineURL
    var dialect: any SQLDialect { SQLiteDialect() }
    private let lock = NSLock()
    private var tables: [String: (definition: TableDefinition, rows: [[CellValue]])] = [:]

    init() throws { url = try EngineURL("sqlite:///recording.sqlite") }

    func recorded(_ table: String) -> [[CellValue]] { lock.withLock { tables[table]?.rows ?? [] } }
    func values(_ table: String, _ column: String) -> [CellValue] {
        lock.withLock {
            guard let entry = tables[table], let index = entry.definition.columnNames.firstIndex(of: column) else { return [] }
            return entry.rows.map { $0[index] }
        }
    }
    var snapshot: [String: [[CellValue]]] { lock.withLock { tables.mapValues(\.rows) } }

    func tableNames() async throws -> [String] { lock.withLock { tables.keys.sorted() } }
    func columns(of table: String) async throws -> [EngineColumn]? {
        lock.withLock { tables[table]?.definition.columns.map { EngineColumn(name: $0.name, declaredType: "\($0.type)") } }
    }
    func execute(_ sql: String) async throws {}
    func stream(_ sql: String, batchSize: Int, _ body: (RowBatch) throws -> Void) async throws {
        throw EngineError.unexpectedAnswer(engine: url.description, sql: sql, reason: "the recording engine runs no SQL")
    }
    func load(_ table: TableDefinition, replacing: Bool, _ produce: (inout any BulkLoader) async throws -> Void) async throws -> Int {
        var loader: any BulkLoader = Recorder(width: table.columns.count)
        try await produce(&loader)
        let recorder = loader as! Recorder
        lock.withLock { tables[table.name] = (table, recorder.rows) }
        return recorder.rows.count
    }

    struct Recorder: BulkLoader {
        let width: Int
        var rows: [[CellValue]] = []
        mutating func append(_ batch: RowBatch) async throws {
            precondition(batch.columns.count == width)
            rows.append(contentsOf: batch.rows)
        }
        mutating func finish() async throws -> Int { rows.count }
    }
}

/// SQL checks of a generated sample: duplicated primary keys and foreign keys that do not hold, by table.
enum SampleIntegrity {
    static func duplicateKeys(_ schema: ProjectSchema, in engine: any Engine) async throws -> [String: Int] {
        var found: [String: Int] = [:]
        let d = engine.dialect
        for table in schema.tables where !table.definition.primaryKey.isEmpty {
            let key = table.definition.primaryKey.map(d.quote).joined(separator: ", ")
            let count = try await engine.count(
                "SELECT COUNT(*) FROM (SELECT 1 FROM \(d.quote(table.name)) GROUP BY \(key) HAVING COUNT(*) > 1) AS duplicates")
            if count > 0 { found[table.name] = count }
        }
        return found
    }

    /// Rows of each foreign key whose values are all present and match no parent row, for the keys the
    /// report does not list as unchecked.
    static func brokenForeignKeys(_ schema: ProjectSchema, unchecked: [String], in engine: any Engine) async throws -> [String: Int] {
        var found: [String: Int] = [:]
        let d = engine.dialect
        for table in schema.tables {
            for key in table.foreignKeys {
                let text =
                    "\(table.name) (\(key.fields.joined(separator: ", "))) -> \(key.referencedTable) (\(key.referencedFields.joined(separator: ", ")))"
                guard !unchecked.contains(where: { $0.hasPrefix(text + ":") }) else { continue }
                let present = key.fields.map { "c.\(d.quote($0)) IS NOT NULL" }.joined(separator: " AND ")
                let join = zip(key.fields, key.referencedFields).map { "p.\(d.quote($1)) = c.\(d.quote($0))" }.joined(separator: " AND ")
                let count = try await engine.count(
                    "SELECT COUNT(*) FROM \(d.quote(table.name)) c WHERE \(present) AND NOT EXISTS "
                        + "(SELECT 1 FROM \(d.quote(key.referencedTable)) p WHERE \(join))")
                if count > 0 { found[text] = count }
            }
        }
        return found
    }
}

@Suite struct SyntheticGeneratorTests {
    static func sample() async throws -> (Store, CatalogVersion) {
        let store = try Store.inMemory(schemas: [CatalogSchema.self])
        _ = try SampleCatalog.install(into: store)
        let version = try #require(try await CatalogRepository(store: store).version(named: SampleCatalog.versionName))
        return (store, version)
    }

    static func generate(
        seed: UInt64, patients: Int = 300, tables: [String] = [], into engine: any Engine
    ) async throws -> (SyntheticReport, ProjectSchema) {
        let (store, version) = try await sample()
        let generator = try await SyntheticGenerator.prepare(
            version: version, tables: tables, options: SyntheticOptions(patients: patients, seed: seed), from: store)
        let schema = try await ProjectSchema.load(version: version, tables: tables, from: store)
        return (try await generator.generate(into: engine), schema)
    }

    @Test func keysAreUniqueAndEveryForeignKeyHoldsIncludingTheTwoColumnOne() async throws {
        let engine = try SQLiteEngine.inMemory()
        let (report, schema) = try await Self.generate(seed: 42, into: engine)
        #expect(report.uncheckedForeignKeys.isEmpty)
        #expect(try await engine.count("SELECT COUNT(*) FROM SA_BEN_R") == 300)
        #expect(try await engine.count("SELECT COUNT(DISTINCT BEN_IDT_ANO) FROM SA_BEN_R") == 300)
        // Every table has rows, children included, so that the checks below check something.
        for table in ["SA_PRS_F", "SA_PHA_F", "SA_SEJ_B", "SA_DIA_D"] {
            #expect(try await engine.count("SELECT COUNT(*) FROM \(table)") > 20, "\(table)")
        }
        #expect(try await SampleIntegrity.duplicateKeys(schema, in: engine).isEmpty)
        #expect(try await SampleIntegrity.brokenForeignKeys(schema, unchecked: report.uncheckedForeignKeys, in: engine).isEmpty)
        // The two-column key of the diagnoses, checked by hand too.
        #expect(
            try await engine.count(
                "SELECT COUNT(*) FROM SA_DIA_D d LEFT JOIN SA_SEJ_B s ON s.ETA_NUM = d.ETA_NUM AND s.SEJ_NUM = d.SEJ_NUM WHERE s.SEJ_NUM IS NULL")
                == 0)
        #expect(report.rows == report.tables.reduce(0) { $0 + $1.rows })
        #expect(report.tables.map(\.name).firstIndex(of: "SA_BEN_R")! < report.tables.map(\.name).firstIndex(of: "SA_PRS_F")!)
    }

    @Test func valuesHaveTheCatalogsTypesLengthsAndCodes() async throws {
        let engine = try RecordingEngine()
        _ = try await Self.generate(seed: 3, into: engine)
        let amounts = engine.values("SA_PRS_F", "PRS_REM_MNT").compactMap(\.text)
        #expect(amounts.count > 100)
        #expect(amounts.allSatisfy { $0.wholeMatch(of: /[0-9]{1,8}\.[0-9]{2}/) != nil })
        let (store, version) = try await Self.sample()
        let schema = try await ProjectSchema.load(version: version, from: store)
        func codes(_ table: String, _ column: String) async throws -> Set<String> {
            let variable = try #require(schema.table(table)?.variables.first { $0.name == column })
            return try #require(try await NomenclatureCodes.load(for: variable, version: version, from: store)).codes
        }
        let diagnoses = try await codes("SA_SEJ_B", "DGN_PAL")
        #expect(Set(engine.values("SA_SEJ_B", "DGN_PAL").compactMap(\.text)).isSubset(of: diagnoses))
        #expect(Set(engine.values("SA_DIA_D", "ASS_DGN").compactMap(\.text)).isSubset(of: diagnoses))
        #expect(Set(engine.values("SA_BEN_R", "BEN_RES_DPT").compactMap(\.text)).isSubset(of: try await codes("SA_BEN_R", "BEN_RES_DPT")))
        let natures = engine.values("SA_PRS_F", "PRS_NAT_REF")
        #expect(natures.allSatisfy { if case .integer = $0 { true } else { false } })
        #expect(Set(natures.compactMap(\.text)).isSubset(of: try await codes("SA_PRS_F", "PRS_NAT_REF")))
        // The skew: the first code of a nomenclature is drawn more than the last.
        #expect(natures.filter { $0 == .integer(1111) }.count > natures.filter { $0 == .integer(3317) }.count)
        #expect(Set(engine.values("SA_BEN_R", "BEN_SEX_COD")) == [.integer(1), .integer(2)])
        #expect(engine.values("SA_PHA_F", "PHA_PRS_C13").allSatisfy { ($0.text?.count ?? 0) <= 13 })
        #expect(engine.values("SA_BEN_R", "BEN_IDT_ANO").allSatisfy { $0.text?.count == 17 })
    }

    @Test func datesAreCoherentWithBirthDeathStaysAndHistory() async throws {
        let engine = try RecordingEngine()
        _ = try await Self.generate(seed: 5, patients: 500, into: engine)
        // Person -> (birth year, birth month, death date).
        var people: [String: (year: Int, month: Int, death: String?)] = [:]
        for row in engine.recorded("SA_BEN_R") {
            people[row[0].text!] = (Int(row[2].text!)!, Int(row[3].integer!), row[4].text)
        }
        #expect(people.values.allSatisfy { (1...12).contains($0.month) && $0.year <= 2023 })
        #expect(people.values.contains { $0.death != nil })
        let claims = engine.recorded("SA_PRS_F")
        for claim in claims {
            let person = try #require(people[claim[0].text!])
            let date = try #require(claim[2].text)
            #expect(date >= "2022-01-01" && date <= "2023-12-31")
            #expect(Int(date.prefix(4))! >= person.year)
            if let death = person.death { #expect(date <= death) }
        }
        let stays = engine.recorded("SA_SEJ_B")
        #expect(stays.count > 50)
        for stay in stays {
            let person = try #require(people[stay[2].text!])
            let (entry, exit) = (try #require(stay[3].text), try #require(stay[4].text))
            #expect(entry <= exit)
            #expect(Int(entry.prefix(4))! >= person.year)
            if let death = person.death { #expect(exit <= death) }
        }
        // Some stays last more than a day: end dates are not copies of start dates.
        #expect(stays.contains { $0[3] != $0[4] })
    }

    @Test func theSameSeedGivesTheSameRowsAndAnotherSeedOthers() async throws {
        let first = try RecordingEngine()
        let second = try RecordingEngine()
        let other = try RecordingEngine()
        _ = try await Self.generate(seed: 7, patients: 100, into: first)
        _ = try await Self.generate(seed: 7, patients: 100, into: second)
        _ = try await Self.generate(seed: 8, patients: 100, into: other)
        #expect(first.snapshot == second.snapshot)
        #expect(!first.recorded("SA_PRS_F").isEmpty)
        #expect(first.snapshot["SA_BEN_R"] != other.snapshot["SA_BEN_R"])
        #expect(first.snapshot["SA_PRS_F"] != other.snapshot["SA_PRS_F"])
    }

    @Test func aForeignKeyToATableLeftOutIsReportedAndTheRestStillHolds() async throws {
        let engine = try SQLiteEngine.inMemory()
        let (report, schema) = try await Self.generate(seed: 1, patients: 100, tables: ["SA_SEJ_B", "SA_DIA_D"], into: engine)
        #expect(report.uncheckedForeignKeys.count == 1)
        #expect(
            report.uncheckedForeignKeys.first?.hasPrefix("SA_SEJ_B (BEN_IDT_ANO) -> SA_BEN_R (BEN_IDT_ANO): SA_BEN_R is not in the selection") == true
        )
        #expect(try await SampleIntegrity.brokenForeignKeys(schema, unchecked: report.uncheckedForeignKeys, in: engine).isEmpty)
        #expect(try await engine.count("SELECT COUNT(*) FROM SA_DIA_D") > 0)
        // The person column is still a person's pseudonym: the stays of one person share it.
        #expect(
            try await engine.count("SELECT COUNT(DISTINCT BEN_IDT_ANO) FROM SA_SEJ_B") < (try await engine.count("SELECT COUNT(*) FROM SA_SEJ_B")))
    }

    @Test func anEmptySelectionOrBadOptionsAreErrors() async throws {
        let (store, version) = try await Self.sample()
        await #expect(throws: SyntheticError.self) {
            _ = try await SyntheticGenerator.prepare(version: version, tables: ["NO_SUCH"], options: SyntheticOptions(patients: 1), from: store)
        }
        await #expect(throws: SyntheticError.self) {
            _ = try await SyntheticGenerator.prepare(version: version, products: ["NOPE"], options: SyntheticOptions(patients: 1), from: store)
        }
        await #expect(throws: SyntheticError.self) {
            _ = try await SyntheticGenerator.prepare(
                version: version, options: SyntheticOptions(patients: 1, firstYear: 2024, lastYear: 2020), from: store)
        }
        // A product family: SAMPLE takes SAMPLE_CLAIMS and SAMPLE_HOSPITAL.
        #expect(try await SyntheticGenerator.expand(products: ["sample"], version: version, from: store) == ["SAMPLE_CLAIMS", "SAMPLE_HOSPITAL"])
    }

    @Test func seededDrawsAreStableAcrossRuns() {
        var random = SplitMix64(seed: 0)
        // SplitMix64's published first output for seed 0.
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(SplitMix64.key("ER_PRS_F") == SplitMix64.key("er_prs_f"))
        var counts = SplitMix64(seed: 9)
        let mean = Double((0..<20_000).map { _ in counts.poisson(3) }.reduce(0, +)) / 20_000
        #expect(abs(mean - 3) < 0.1)
    }
}

/// The real schema-snds beside the package (../shared/data/schema-snds), never copied into it.
enum SyntheticRealSchema {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/schema-snds").standardizedFileURL

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("schemas").path) }
}

@Suite(.enabled(if: SyntheticRealSchema.isAvailable, "needs ../shared/data/schema-snds beside the package"))
struct SyntheticRealSchemaTests {
    @Test(.timeLimit(.minutes(10)))
    func generatesAllTablesOfTheRealCatalogWithKeysJoinsAndDatesHolding() async throws {
        let store = try Store.inMemory(schemas: [CatalogSchema.self])
        _ = try CatalogImporter().importCatalog(from: SyntheticRealSchema.directory.path, into: store)
        let version = try #require(try await CatalogRepository(store: store).version(named: nil))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-synth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let engine = try Engines.open("sqlite://\(directory.path)/sample.sqlite")
        let generator = try await SyntheticGenerator.prepare(version: version, options: SyntheticOptions(patients: 50, seed: 11), from: store)
        let report = try await generator.generate(into: engine)
        let schema = try await ProjectSchema.load(version: version, from: store)

        #expect(report.tables.count == 188)
        #expect(try await engine.tableNames().count == 188)
        #expect(try await engine.count("SELECT COUNT(*) FROM IR_BEN_R") == 50)
        for table in ["ER_PRS_F", "ER_PHA_F", "T_MCOaaB", "T_MCOaaC", "T_MCOaaD", "NS_PRS_F", "T_SSRaaB", "T_HADaaB", "KI_CCI_R"] {
            #expect(try await engine.count("SELECT COUNT(*) FROM \(table)") > 0, "\(table)")
        }
        // Every join between two tables of the catalog holds; the ones left unchecked are few and said.
        #expect(report.uncheckedForeignKeys.count <= 10, "\(report.uncheckedForeignKeys)")
        #expect(try await SampleIntegrity.duplicateKeys(schema, in: engine).isEmpty)
        #expect(try await SampleIntegrity.brokenForeignKeys(schema, unchecked: report.uncheckedForeignKeys, in: engine).isEmpty)
        // The 2-column join of the claims to the beneficiaries, and the PMSI's pseudonym being the DCIR's.
        #expect(
            try await engine.count(
                "SELECT COUNT(*) FROM ER_PRS_F p JOIN IR_BEN_R b ON b.BEN_NIR_PSA = p.BEN_NIR_PSA AND b.BEN_RNG_GEM = p.BEN_RNG_GEM")
                == (try await engine.count("SELECT COUNT(*) FROM ER_PRS_F")))
        #expect(try await engine.count("SELECT COUNT(*) FROM T_MCOaaC c JOIN IR_BEN_R b ON b.BEN_NIR_PSA = c.NIR_ANO_17") > 0)

        // Dates: care after birth and before death, end after start, within each table's history.
        #expect(
            try await engine.count(
                """
                SELECT COUNT(*) FROM ER_PRS_F p JOIN IR_BEN_R b ON b.BEN_NIR_PSA = p.BEN_NIR_PSA
                WHERE CAST(substr(p.EXE_SOI_DTD, 1, 4) AS INTEGER) < CAST(b.BEN_NAI_ANN AS INTEGER)
                   OR (b.BEN_DCD_DTE IS NOT NULL AND p.EXE_SOI_DTF > b.BEN_DCD_DTE)
                """) == 0)
        for table in schema.tables {
            for variable in table.variables where DateShape(variable) == .monthNumber {
                #expect(
                    try await engine.count("SELECT COUNT(*) FROM \(table.name) WHERE \(variable.name) NOT BETWEEN 1 AND 12") == 0,
                    "\(table.name).\(variable.name) holds month numbers")
            }
            let names = Set(table.variables.map { $0.name.uppercased() })
            for (start, end) in [
                ("EXE_SOI_DTD", "EXE_SOI_DTF"), ("ENT_DAT", "SOR_DAT"), ("DAT_DEB_FAC", "DAT_FIN_FAC"), ("TRS_DTD_DTE", "TRS_DTF_DTE"),
            ]
            where names.contains(start) && names.contains(end) {
                #expect(try await engine.count("SELECT COUNT(*) FROM \(table.name) WHERE \(start) > \(end)") == 0, "\(table.name) \(start) > \(end)")
            }
            let created = Int(table.table.history.created.prefix(4))
            let deleted = Int(table.table.history.deleted.prefix(4)) ?? 2023
            for variable in table.variables
            where DateShape(variable)?.isFullDate == true && !variable.name.uppercased().contains("NAI")
                && !variable.name.uppercased().contains("DCD")
            {
                let outside = try await engine.count(
                    """
                    SELECT COUNT(*) FROM \(table.name) WHERE \(variable.name) IS NOT NULL
                    AND (CAST(substr(\(variable.name), 1, 4) AS INTEGER) < \(created ?? 1880) OR CAST(substr(\(variable.name), 1, 4) AS INTEGER) > \(deleted))
                    """)
                #expect(outside == 0, "\(table.name).\(variable.name) outside \(created ?? 0)-\(deleted)")
            }
        }
    }
}
