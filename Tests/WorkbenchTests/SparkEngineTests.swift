import Foundation
import Testing

@testable import Workbench

enum SparkTestServer {
    static var url: String? { ProcessInfo.processInfo.environment["HUBLOT_TEST_SPARK"].flatMap { $0.isEmpty ? nil : $0 } }
}

/// The Spark engine against a live Spark Connect server: `HUBLOT_TEST_SPARK=sc://127.0.0.1:15002` after
/// `scripts/spark.sh start`. The tests work in a database of their own, which other suites on the same server
/// (extractions, linkage) never touch; they run one after the other, each from that database emptied.
@Suite(
    .serialized,
    .enabled(
        if: SparkTestServer.url != nil,
        "no Spark Connect server: set HUBLOT_TEST_SPARK=sc://127.0.0.1:15002 after scripts/spark.sh start"))
struct SparkEngineTests {

    /// An engine on the test server, in the suite's own database (`USE` holds for the engine's session), emptied.
    static func engine(stagingFiles: Bool = true) async throws -> SparkEngine {
        let url = try EngineURL(try #require(SparkTestServer.url))
        var engine = try SparkEngine(url: url)
        if !stagingFiles { engine = engine.insertingValues() }
        try await engine.execute("CREATE DATABASE IF NOT EXISTS hublot_engine_tests")
        try await engine.execute("USE hublot_engine_tests")
        for table in try await engine.tableNames() { try await engine.execute("DROP TABLE IF EXISTS \(engine.dialect.quote(table))") }
        return engine
    }

    /// Loads `rows` (table -> rows in catalog column order) into `engine` as the catalog defines the tables.
    static func load(
        _ rows: [String: [[CellValue]]], into engine: any Engine, project: SampleProject, definitions: [String: TableDefinition] = [:]
    ) async throws {
        for (name, tableRows) in rows.sorted(by: { $0.key < $1.key }) {
            let definition = try definitions[name] ?? SampleProject.raw(try #require(project.schema.table(name)).definition)
            _ = try await engine.load(definition, replacing: true) { loader in
                try await loader.append(RowBatch(columns: definition.columnNames, rows: tableRows))
            }
        }
    }

    static let typed = TableDefinition(
        name: "typed",
        columns: [
            ColumnDefinition(name: "id", type: .integer), ColumnDefinition(name: "amount", type: .decimal(precision: 12, scale: 2)),
            ColumnDefinition(name: "day", type: .date), ColumnDefinition(name: "at", type: .timestamp),
            ColumnDefinition(name: "ratio", type: .real), ColumnDefinition(name: "flag", type: .boolean),
            ColumnDefinition(name: "label", type: .text(length: 20)),
        ])

    static let typedRows: [[CellValue]] = [
        [.integer(1), .text("12.50"), .text("2021-03-04"), .text("2021-03-04 10:30:00"), .real(0.25), .integer(1), .text("l'hôpital")],
        [.integer(-9_007_199_254_740_993), .text("-0.05"), .text("1900-02-28"), .null, .real(-1.5e-7), .integer(0), .text("\"Zoë\" ; C:\\dossier")],
        [.integer(3), .null, .null, .text("1999-12-31 23:59:59.5"), .null, .null, .null],
        [.integer(4), .text("9999999999.99"), .text("2024-02-29"), .text("2024-02-29 00:00:00"), .real(3), .integer(1), .text("")],
    ]

    static let typedExpected: [[CellValue]] = [
        [.integer(-9_007_199_254_740_993), .text("-0.05"), .text("1900-02-28"), .null, .real(-1.5e-7), .integer(0), .text("\"Zoë\" ; C:\\dossier")],
        [.integer(1), .text("12.50"), .text("2021-03-04"), .text("2021-03-04 10:30:00"), .real(0.25), .integer(1), .text("l'hôpital")],
        [.integer(3), .null, .null, .text("1999-12-31 23:59:59.5"), .null, .null, .null],
        [.integer(4), .text("9999999999.99"), .text("2024-02-29"), .text("2024-02-29 00:00:00"), .real(3), .integer(1), .text("")],
    ]

    @Test(arguments: [true, false])
    func valuesOfEveryTypeComeBackAsTheyWereLoaded(stagingFiles: Bool) async throws {
        let engine = try await Self.engine(stagingFiles: stagingFiles)
        let loaded = try await engine.load(Self.typed, replacing: false) { loader in
            try await loader.append(RowBatch(columns: Self.typed.columnNames, rows: Self.typedRows))
        }
        #expect(loaded == 4)
        #expect(try await engine.rows("SELECT * FROM typed ORDER BY id") == Self.typedExpected)
        let declared = try #require(try await engine.columns(of: "TYPED")).map(\.declaredType)
        #expect(declared == ["bigint", "decimal(12,2)", "date", "timestamp", "double", "boolean", "string"])
        // Quotes and backslashes survive the dialect's literals too.
        let label = "\"Zoë\" ; C:\\dossier"
        #expect(try await engine.count("SELECT COUNT(*) FROM typed WHERE label = \(engine.dialect.literal(label))") == 1)
        #expect(try await engine.count("SELECT COUNT(*) FROM typed WHERE label = \(engine.dialect.literal("l'hôpital"))") == 1)
        #expect(try await engine.tableNames() == ["typed"])
    }

    @Test func aLargeAnswerStreamsInBatchesOfTheAskedSize() async throws {
        let engine = try await Self.engine()
        var sizes: [Int] = []
        var sum: Int64 = 0
        try await engine.stream("SELECT id, CAST(id AS STRING) AS c FROM range(25000)", batchSize: 10_000) { batch in
            sizes.append(batch.count)
            for row in 0..<batch.count { sum += batch[row, 0].integer ?? 0 }
            #expect(batch.columns == ["id", "c"])
        }
        #expect(sizes.reduce(0, +) == 25_000 && sizes.allSatisfy { $0 <= 10_000 })
        #expect(sum == 24_999 * 25_000 / 2)
        #expect(!(try await engine.sparkVersion()).isEmpty)
    }

    @Test func errorsCarrySparksOwnMessageAndAFailedLoadLeavesNoTable() async throws {
        let engine = try await Self.engine()
        let missing = await #expect(throws: EngineError.self) { try await engine.execute("SELECT * FROM no_such_table") }
        guard case .statementFailed(_, let sql, let message) = missing else {
            Issue.record("expected a refused statement, got \(String(describing: missing))")
            return
        }
        #expect(sql == "SELECT * FROM no_such_table")
        #expect(message.contains("TABLE_OR_VIEW_NOT_FOUND") && message.contains("no_such_table"))

        let refused = await #expect(throws: EngineError.self) {
            _ = try await engine.load(Self.typed, replacing: false) { loader in
                try await loader.append(
                    RowBatch(columns: Self.typed.columnNames, rows: [Self.typedRows[0], [.text("12a")] + Self.typedRows[1].dropFirst()]))
            }
        }
        #expect(refused?.description.contains("12a") == true)
        #expect(try await engine.tableNames().isEmpty)
    }

    /// Clean rows with findings a typed table can hold: a duplicated key, codes outside their nomenclature,
    /// children without parent, a stay ending before it starts, a code longer than the catalog's.
    static func rowsWithFindings() -> [String: [[CellValue]]] {
        var rows = SampleProject.cleanRows
        rows["SA_BEN_R"]! += [[.text("P1"), .integer(7), .text("1950"), .integer(11), .null, .text("999")]]
        rows["SA_PRS_F"]! += [[.text("P9"), .integer(5), .text("2019-01-12"), .integer(9999), .text("123456.78")]]
        rows["SA_SEJ_B"]! += [[.text("750000002"), .text("S3"), .text("P1"), .text("2021-05-01"), .text("2021-04-01"), .text("Z9999999")]]
        rows["SA_DIA_D"]! += [[.text("750000009"), .text("S9"), .text("E10")]]
        return rows
    }

    @Test func qualityChecksFindTheSameAsOnSQLite() async throws {
        let project = try await SampleProject.make()
        let rows = Self.rowsWithFindings()
        let sqlite = try SQLiteEngine.inMemory()
        try await Self.load(rows, into: sqlite, project: project)
        let spark = try await Self.engine()
        try await Self.load(rows, into: spark, project: project)

        func outcome(_ report: QualityReport) -> [String] {
            report.allRules.map { "\($0.table) \($0.rule) \($0.subject): \($0.status) \($0.failures)/\($0.checked)" }.sorted()
        }
        let expected = outcome(try await project.checker.check(sqlite))
        let found = outcome(try await project.checker.check(spark))
        #expect(expected.contains { $0.contains("failed") })
        #expect(found == expected)
    }

    /// A raw delivery with every column as text: numbers and dates are read from text, as on SQLite, and a
    /// value that is no number (`12a`) is a finding, not an error of Spark's casts.
    @Test func textColumnsHoldingBadNumbersAndDatesGiveTheSameFindingsAsOnSQLite() async throws {
        let project = try await SampleProject.make()
        var claims = SampleProject.raw(try #require(project.schema.table("SA_PRS_F")).definition)
        for index in claims.columns.indices { claims.columns[index].type = .text(length: nil) }
        let rows = [
            "SA_PRS_F": SampleProject.cleanRows["SA_PRS_F"]! + [
                [.text("P1"), .text("12a"), .text("2021-02-30"), .integer(1111), .text("123456789.00")],
                [.text("P1"), .integer(6), .text("10/01/2019"), .integer(1111), .text("1.234")],
                [.text("P1"), .text("0123"), .text("2019-01-11"), .integer(1111), .text("deux euros")],
                [.text("P1"), .text("99999999999"), .text("2019-01-12"), .integer(1111), .text("-.5")],
            ]
        ]
        var outcomes: [[String]] = []
        for engine in [try SQLiteEngine.inMemory() as any Engine, try await Self.engine()] {
            try await Self.load(rows, into: engine, project: project, definitions: ["SA_PRS_F": claims])
            let report = try await project.checker.check(engine, tables: ["SA_PRS_F"])
            outcomes.append(report.allRules.map { "\($0.rule) \($0.subject): \($0.status) \($0.failures)/\($0.checked)" }.sorted())
        }
        #expect(outcomes[0].contains("value.type PRS_ORD_NUM: failed 2/8"))
        #expect(outcomes[0].contains("value.type PRS_REM_MNT: failed 3/7"))
        #expect(outcomes[0].contains("value.length PRS_ORD_NUM: failed 1/8"))
        #expect(outcomes[1] == outcomes[0])
    }

    @Test func pseudonymsAreTheSameAsOnSQLite() async throws {
        let project = try await SampleProject.make()
        let rows = PseudonymisationTests.rows()
        let sqlite = try SQLiteEngine.inMemory()
        try await Self.load(rows, into: sqlite, project: project)
        let spark = try await Self.engine()
        try await Self.load(rows, into: spark, project: project)
        let key = PseudonymisationKey.generate()

        let onSQLite = try await Pseudonymiser(key: key).apply(columns: ["BEN_IDT_ANO", "PRS_NAT_REF"], on: sqlite)
        let onSpark = try await Pseudonymiser(key: key).apply(columns: ["BEN_IDT_ANO", "PRS_NAT_REF"], on: spark)
        func changes(_ summary: Pseudonymiser.Summary) -> [String] { summary.changes.map { "\($0.table.uppercased()).\($0.column):\($0.rows)" } }
        #expect(changes(onSpark) == changes(onSQLite))

        for query in [
            "SELECT PRS_ORD_NUM, BEN_IDT_ANO, PRS_NAT_REF FROM SA_PRS_F ORDER BY PRS_ORD_NUM",
            "SELECT BEN_NAI_ANN, BEN_IDT_ANO FROM SA_BEN_R ORDER BY BEN_NAI_ANN",
            "SELECT SEJ_NUM, ETA_NUM, BEN_IDT_ANO FROM SA_SEJ_B ORDER BY ETA_NUM, SEJ_NUM",
        ] {
            let expected = try await sqlite.rows(query)
            #expect(try await spark.rows(query) == expected, "\(query)")
            #expect(!expected.contains { $0.contains(.text("P1")) })
        }
        // The table keeps its columns in order, the scratch tables are gone, the ledger is written.
        #expect(try await spark.columns(of: "SA_PRS_F")?.map(\.name) == project.schema.table("SA_PRS_F")?.definition.columnNames)
        #expect(try await spark.tableNames() == ["hublot_pseudonymisation", "sa_ben_r", "sa_prs_f", "sa_sej_b"])
        #expect(try await Pseudonymiser.ledger(on: spark).count == onSQLite.changes.count)
        await #expect(throws: PseudonymisationError.self) {
            _ = try await Pseudonymiser(key: key).apply(columns: ["BEN_IDT_ANO", "PRS_NAT_REF"], on: spark)
        }
    }
}
