import Catalog
import Foundation
import Testing

@testable import Workbench

/// The server the PostgreSQL tests run against: `HUBLOT_TEST_POSTGRES` holds its URL (scripts/postgres.sh start
/// prints it). Each test works in a schema of its own, dropped and made anew, so that tests run in parallel.
enum PostgreSQLTestServer {
    static let url = ProcessInfo.processInfo.environment["HUBLOT_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static let reason: Comment = "HUBLOT_TEST_POSTGRES is unset: start a server with scripts/postgres.sh start and export the URL it prints"

    /// An engine on the schema `name`, emptied first.
    static func engine(_ name: String) async throws -> PostgreSQLEngine {
        let base = try #require(url)
        let server = try PostgreSQLEngine(url: EngineURL(base))
        try await server.execute("DROP SCHEMA IF EXISTS \(PostgreSQLDialect().quote(name)) CASCADE")
        return try PostgreSQLEngine(url: EngineURL(base + (base.contains("?") ? "&" : "?") + "schema=" + name))
    }
}

@Suite struct SQLScriptTests {
    @Test func aScriptSplitsOnSemicolonsOutsideQuotesCommentsAndDollarQuotes() {
        let script = """
            CREATE TABLE "a;b" (x TEXT); -- a comment; with a semicolon
            INSERT INTO "a;b" VALUES ('it''s; here'), (E'back\\'slash;'), ($q$dollar; quoted$q$);
            /* a /* nested */ comment; */ DO $$ BEGIN PERFORM 1; END $$;
            SELECT $1;;  ;
            -- only a comment
            """
        #expect(
            SQLScript.statements(script) == [
                "CREATE TABLE \"a;b\" (x TEXT)",
                "-- a comment; with a semicolon\nINSERT INTO \"a;b\" VALUES ('it''s; here'), (E'back\\'slash;'), ($q$dollar; quoted$q$)",
                "/* a /* nested */ comment; */ DO $$ BEGIN PERFORM 1; END $$",
                "SELECT $1",
            ])
        #expect(SQLScript.statements("  -- nothing\n /* at all */ ").isEmpty)
        #expect(SQLScript.statements("INSERT INTO `a;b` VALUES (1); SELECT 2") == ["INSERT INTO `a;b` VALUES (1)", "SELECT 2"])
        #expect(SQLScript.controlsTransaction("begin") && !SQLScript.controlsTransaction("UPDATE t SET x = 1"))
    }
}

@Suite(.enabled(if: PostgreSQLTestServer.url != nil, PostgreSQLTestServer.reason))
struct PostgreSQLEngineTests {
    static let typed = TableDefinition(
        name: "Typed",
        columns: [
            ColumnDefinition(name: "id", type: .integer, isNullable: false),
            ColumnDefinition(name: "amount", type: .decimal(precision: 12, scale: 2)),
            ColumnDefinition(name: "ratio", type: .real), ColumnDefinition(name: "day", type: .date),
            ColumnDefinition(name: "at", type: .timestamp), ColumnDefinition(name: "flag", type: .boolean),
            ColumnDefinition(name: "label", type: .text(length: nil)), ColumnDefinition(name: "code", type: .text(length: 5)),
        ])

    static let typedRows: [[CellValue]] = [
        [.integer(1), .text("12.50"), .real(0.1), .text("2021-03-04"), .text("2021-03-04 10:20:30"), .integer(1), .text("plain"), .text("A1")],
        [
            .integer(Int64.max), .text("-0.05"), .real(1e-300), .text("1900-02-28"), .text("1999-12-31 23:59:59.25"), .integer(0),
            .text("tab\there, new\nline, cr\rend, back\\slash, \\N, \\., 'single' \"double\""), .text("éàü€"),
        ],
        [.integer(Int64.min), .text("9999999999.99"), .real(-2.5e10), .null, .null, .null, .text(""), .null],
        [.integer(4), .null, .null, .text("2024-02-29"), .text("2024-02-29 00:00:00"), .null, .text("Zoë; ñ; 中文; 🙂"), .text("")],
    ]

    @Test func valuesLoadedByCopyStreamBackAsSQLiteHoldsThem() async throws {
        let engine = try await PostgreSQLTestServer.engine("hublot_t_types")
        let loaded = try await engine.load(Self.typed, replacing: false) { loader in
            try await loader.append(RowBatch(columns: Self.typed.columnNames, rows: Array(Self.typedRows.prefix(2))))
            try await loader.append(RowBatch(columns: Self.typed.columnNames, rows: Array(Self.typedRows.dropFirst(2))))
        }
        #expect(loaded == 4)
        var batches: [Int] = []
        var rows: [[CellValue]] = []
        try await engine.stream("SELECT * FROM \"Typed\" ORDER BY \"id\"", batchSize: 3) { batch in
            batches.append(batch.count)
            #expect(batch.columns == Self.typed.columnNames)
            rows += batch.rows
        }
        #expect(batches == [3, 1])
        #expect(rows == Self.typedRows.sorted { ($0[0].integer ?? 0) < ($1[0].integer ?? 0) })
        #expect(try await engine.tableNames() == ["Typed"])
        #expect(
            try await engine.columns(of: "Typed")?.map(\.declaredType) == [
                "BIGINT", "NUMERIC(12,2)", "DOUBLE PRECISION", "DATE", "TIMESTAMP WITHOUT TIME ZONE", "BOOLEAN", "TEXT", "VARCHAR(5)",
            ])
        #expect(try await engine.columns(of: "Typed")?.first?.isNullable == false)
        #expect(try await engine.columns(of: "Absent") == nil)
    }

    @Test func binaryValuesDecodeToPostgreSQLsOwnText() async throws {
        let engine = try await PostgreSQLTestServer.engine("hublot_t_decode")
        let expressions = [
            "CAST('0.0001' AS NUMERIC)", "CAST('123456789.000100' AS NUMERIC)", "CAST('-10000' AS NUMERIC)", "CAST(0 AS NUMERIC(5,2))",
            "CAST('NaN' AS NUMERIC)", "CAST('1e-20' AS NUMERIC)", "CAST('99990000' AS NUMERIC)", "DATE '0001-01-01'", "DATE '2400-12-31'",
            "TIMESTAMP '1969-12-31 23:59:59.999999'", "TIMESTAMP '2021-03-04 05:06:07.25'", "TIME '13:14:15.5'",
            "CAST('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AS UUID)", "CAST('{\"a\": [1, 2]}' AS JSONB)",
        ]
        for expression in expressions {
            let row = try #require(try await engine.rows("SELECT \(expression), CAST(\(expression) AS TEXT)").first)
            #expect(row[0] == row[1], "\(expression)")
        }
        // CHAR keeps its padding, as PostgreSQL prints it (a cast to TEXT drops it).
        let row = try #require(
            try await engine.rows(
                "SELECT CAST(7 AS SMALLINT), 8, TRUE, FALSE, CAST(0.25 AS REAL), TIMESTAMPTZ '2021-03-04 05:06:07+02', CAST('x' AS CHAR(3))"
            ).first)
        #expect(row == [.integer(7), .integer(8), .integer(1), .integer(0), .real(0.25), .text("2021-03-04 03:06:07+00"), .text("x  ")])
        let unread = try await #require(throws: EngineError.self) { try await engine.rows("SELECT ARRAY[1, 2] AS pair") }
        #expect("\(unread)".contains("column pair"))
    }

    @Test func aLoadWhoseProducerFailsLeavesNoTableAndKeepsTheOldOne() async throws {
        struct Interrupted: Error {}
        let engine = try await PostgreSQLTestServer.engine("hublot_t_atomic")
        let table = TableDefinition(name: "people", columns: [ColumnDefinition(name: "id", type: .integer)])
        await #expect(throws: Interrupted.self) {
            try await engine.load(table, replacing: true) { loader in
                try await loader.append(RowBatch(columns: ["id"], rows: (0..<50_000).map { [.integer(Int64($0))] }))
                throw Interrupted()
            }
        }
        #expect(try await engine.tableNames() == [])
        _ = try await engine.load(table, replacing: true) { loader in try await loader.append(RowBatch(columns: ["id"], rows: [[.integer(1)]])) }
        await #expect(throws: Interrupted.self) {
            try await engine.load(table, replacing: true) { loader in
                try await loader.append(RowBatch(columns: ["id"], rows: [[.integer(2)], [.integer(3)]]))
                throw Interrupted()
            }
        }
        #expect(try await engine.rows("SELECT id FROM people") == [[.integer(1)]])
        #expect(try await engine.tableNames() == ["people"])
        // Not replacing a table that exists is PostgreSQL's refusal, and the table is left as it was.
        await #expect(throws: EngineError.self) {
            try await engine.load(table, replacing: false) { loader in try await loader.append(RowBatch(columns: ["id"], rows: [[.integer(5)]])) }
        }
        #expect(try await engine.rows("SELECT id FROM people") == [[.integer(1)]])
    }

    @Test func errorsCarryPostgreSQLsOwnMessage() async throws {
        let engine = try await PostgreSQLTestServer.engine("hublot_t_errors")
        let missing = try await #require(throws: EngineError.self) { try await engine.rows("SELECT * FROM no_such_table") }
        guard case .statementFailed(_, let sql, let message) = missing else {
            Issue.record("expected statementFailed, got \(missing)")
            return
        }
        #expect(sql == "SELECT * FROM no_such_table")
        #expect(message.contains("relation \"no_such_table\" does not exist") && message.contains("42P01"))
        #expect(!"\(missing)".contains("PSQLError"))

        // A value COPY refuses names the line and the column.
        let table = TableDefinition(
            name: "counts", columns: [ColumnDefinition(name: "label", type: .text(length: nil)), ColumnDefinition(name: "n", type: .integer)])
        let refused = try await #require(throws: EngineError.self) {
            try await engine.load(table, replacing: true) { loader in
                try await loader.append(RowBatch(columns: ["label", "n"], rows: [[.text("a"), .integer(1)], [.text("b"), .text("12a")]]))
            }
        }
        #expect("\(refused)".contains("invalid input syntax for type bigint: \"12a\""))
        #expect("\(refused)".contains("line 2, column n"))
        #expect(try await engine.tableNames() == [])

        // A script runs in one transaction: a failure undoes what came before it.
        try await engine.execute("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a;b')")
        await #expect(throws: EngineError.self) { try await engine.execute("INSERT INTO t VALUES ('c'); SELECT 1 / 0") }
        #expect(try await engine.rows("SELECT x FROM t") == [[.text("a;b")]])

        // A server that is not there: the URL, its password masked.
        let nowhere = try PostgreSQLEngine(url: EngineURL("postgresql://hublot:secret@127.0.0.1:1/none"))
        let refusedConnection = try await #require(throws: EngineError.self) { try await nowhere.tableNames() }
        #expect("\(refusedConnection)".contains("cannot connect to postgresql://hublot:***@127.0.0.1:1/none"))
        #expect(!"\(refusedConnection)".contains("secret"))
        #expect(throws: EngineError.self) { try PostgreSQLEngine(url: EngineURL("postgresql://h@127.0.0.1/db?color=blue")) }
    }

    @Test func enginesOpenPostgreSQLURLs() throws {
        let base = try #require(PostgreSQLTestServer.url)
        #expect(try Engines.open(base) is PostgreSQLEngine)
        #expect(try Engines.open(base.replacingOccurrences(of: "postgresql://", with: "postgres://")) is PostgreSQLEngine)
    }
}

/// The workbench's tools on PostgreSQL give what they give on SQLite.
@Suite(.enabled(if: PostgreSQLTestServer.url != nil, PostgreSQLTestServer.reason))
struct PostgreSQLWorkbenchTests {
    /// What a report found, engine aside: each rule's verdict and the first column of its examples (a decimal
    /// example reads 7.5 on SQLite, whose DECIMAL is a REAL, and 7.50 on PostgreSQL).
    static func findings(_ report: QualityReport) -> [String] {
        report.allRules.map { rule in
            let examples = rule.examples.map { $0.values.first.flatMap { $0 } ?? "NULL" }.sorted()
            return "\(rule.table) \(rule.rule) [\(rule.subject)] \(rule.status) \(rule.checked)/\(rule.failures) \(examples)"
        }.sorted()
    }

    @Test(arguments: [50, 0])
    func qualityChecksFindOnPostgreSQLWhatTheyFindOnSQLite(inlineCodeLimit: Int) async throws {
        let project = try await SampleProject.make()
        var rows = SampleProject.cleanRows
        rows["SA_BEN_R"]! += [
            [.text("P4"), .integer(3), .text("1990"), .integer(5), .null, .text("999")],
            [.null, .integer(1), .text("1950"), .integer(3), .null, .text("075")],
        ]
        rows["SA_PRS_F"]! += [
            [.text("P9"), .integer(8), .text("2019-01-10"), .integer(1111), .text("1.00")],
            [.text("P1"), .integer(5), .text("1999-05-01"), .integer(1111), .text("1.00")],
            [.text("P2"), .integer(6), .text("2020-07-01"), .integer(1111), .text("1.00")],
        ]
        rows["SA_SEJ_B"]! += [
            [.text("750000001"), .text("S1"), .text("P2"), .text("2019-04-01"), .text("2019-04-02"), .text("E10")],
            [.text("750000003"), .text("S1"), .text("P1"), .text("2019-05-10"), .text("2019-05-02"), .text("E11")],
            [.text("750000003"), .text("S2"), .text("P2"), .text("2020-08-01"), .text("2020-08-03"), .text("E11")],
        ]
        rows["SA_DIA_D"]! += [[.text("750000002"), .text("S1"), .text("Z99")], [.text("750000009"), .null, .text("E11")]]
        var checker = project.checker
        checker.inlineCodeLimit = inlineCodeLimit
        let sqlite = try await project.engine(rows)
        let postgres = try await PostgreSQLTestServer.engine("hublot_t_quality_\(inlineCodeLimit)")
        try await project.load(rows, into: postgres)

        let expected = Self.findings(try await checker.check(sqlite))
        let found = Self.findings(try await checker.check(postgres))
        #expect(found == expected)
        #expect(expected.contains { $0.hasPrefix("SA_PRS_F key.foreign [BEN_IDT_ANO] failed 7/1") })
        #expect(expected.contains { $0.hasPrefix("SA_BEN_R value.nomenclature [BEN_SEX_COD] failed") })
        #expect(try await postgres.tableNames().allSatisfy { !$0.hasPrefix("hublot_") })
    }

    @Test func tablesLoadedAsTextAreCheckedForTheirValuesAsOnSQLite() async throws {
        let project = try await SampleProject.make()
        var rows = SampleProject.cleanRows
        rows["SA_PRS_F"]! += [
            [.text("P1"), .text("12a"), .text("2021-02-30"), .text("1111"), .text("123456789.00")],
            [.text("P1"), .text("6"), .text("10/01/2019"), .text("99999"), .text("1.234")],
            [.text("P1"), .text("0123"), .text("2019-01-11"), .text("1111"), .text("deux euros")],
        ]
        // As `hublot engine load` without a catalog table makes them: every column TEXT.
        var definitions: [String: TableDefinition] = [:]
        for table in project.schema.tables {
            definitions[table.name] = TableDefinition(
                name: table.name, columns: table.definition.columns.map { ColumnDefinition(name: $0.name, type: .text(length: nil)) })
        }
        let sqlite = try await project.engine(rows, definitions: definitions)
        let postgres = try await PostgreSQLTestServer.engine("hublot_t_quality_text")
        try await project.load(rows, into: postgres, definitions: definitions)
        let expected = Self.findings(try await project.checker.check(sqlite))
        let found = Self.findings(try await project.checker.check(postgres))
        #expect(found == expected)
        #expect(found.contains("SA_PRS_F value.type [PRS_ORD_NUM] failed 7/2 [\"0123\", \"12a\"]"))
    }

    @Test func pseudonymsOnPostgreSQLAreThoseOfSQLite() async throws {
        let project = try await SampleProject.make()
        let rows = PseudonymisationTests.rows()
        let sqlite = try await project.engine(rows)
        let postgres = try await PostgreSQLTestServer.engine("hublot_t_pseudonyms")
        try await project.load(rows, into: postgres)
        let key = PseudonymisationKey.generate()
        // PRS_NAT_REF is a BIGINT on PostgreSQL: the column is made TEXT to hold the pseudonyms.
        let columns = ["BEN_IDT_ANO", "PRS_NAT_REF"]
        let onSQLite = try await Pseudonymiser(key: key).apply(columns: columns, on: sqlite)
        let onPostgreSQL = try await Pseudonymiser(key: key).apply(columns: columns, on: postgres)
        #expect(onPostgreSQL.changes.map { "\($0.table).\($0.column):\($0.rows)" } == onSQLite.changes.map { "\($0.table).\($0.column):\($0.rows)" })

        let queries = [
            "SELECT \"BEN_IDT_ANO\", \"BEN_SEX_COD\" FROM \"SA_BEN_R\" ORDER BY \"BEN_SEX_COD\"",
            "SELECT \"PRS_ORD_NUM\", \"BEN_IDT_ANO\", \"PRS_NAT_REF\" FROM \"SA_PRS_F\" ORDER BY \"PRS_ORD_NUM\"",
            "SELECT \"ETA_NUM\", \"SEJ_NUM\", \"BEN_IDT_ANO\" FROM \"SA_SEJ_B\" ORDER BY \"ETA_NUM\", \"SEJ_NUM\"",
        ]
        for sql in queries {
            let expected = try await sqlite.rows(sql)
            #expect(try await postgres.rows(sql) == expected, "\(sql)")
        }
        #expect(try await sqlite.rows(queries[0]).first?.first == .text(Pseudonym.of("P1", key: key)))
        #expect(try await postgres.tableNames() == ["SA_BEN_R", "SA_PRS_F", "SA_SEJ_B", Pseudonymiser.ledgerTable])
        // The quality checks hold the pseudonymised columns to the pseudonym's shape, alike.
        #expect(Self.findings(try await project.checker.check(postgres)) == Self.findings(try await project.checker.check(sqlite)))
        await #expect(throws: PseudonymisationError.self) { try await Pseudonymiser(key: key).apply(columns: columns, on: postgres) }
    }

    @Test func aSyntheticSampleLoadsWithItsKeysHolding() async throws {
        let postgres = try await PostgreSQLTestServer.engine("hublot_t_synthetic")
        let (report, schema) = try await SyntheticGeneratorTests.generate(seed: 42, into: postgres)
        let sqlite = try SQLiteEngine.inMemory()
        let (expected, _) = try await SyntheticGeneratorTests.generate(seed: 42, into: sqlite)
        #expect(report.tables.map { "\($0.name):\($0.rows)" } == expected.tables.map { "\($0.name):\($0.rows)" })
        for table in report.tables {
            #expect(try await postgres.count("SELECT COUNT(*) FROM \(postgres.dialect.quote(table.name))") == table.rows, "\(table.name)")
        }
        #expect(try await SampleIntegrity.duplicateKeys(schema, in: postgres).isEmpty)
        #expect(try await SampleIntegrity.brokenForeignKeys(schema, unchecked: report.uncheckedForeignKeys, in: postgres).isEmpty)
        // The same people, drawn from the same seed.
        let people = "SELECT \"BEN_IDT_ANO\" FROM \"SA_BEN_R\""
        #expect(
            try await postgres.rows(people).compactMap { $0.first?.text }.sorted()
                == (try await sqlite.rows(people).compactMap { $0.first?.text }.sorted()))
    }

    @Test func aCSVFileLoadsTypedAndDumpsBackAsItWas() async throws {
        let postgres = try await PostgreSQLTestServer.engine("hublot_t_csv")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-pg-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("claims.csv").path
        let text = "id;label;day;amount\n1;\"Zoë \"\"quoted\"\"\";2021-03-04;12.50\n2;;2020-02-29;-0.05\n3;\"semi;colon\";2019-01-01;7.00\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: source))
        let definition = TableDefinition(
            name: "claims",
            columns: [
                ColumnDefinition(name: "id", type: .integer), ColumnDefinition(name: "label", type: .text(length: nil)),
                ColumnDefinition(name: "day", type: .date), ColumnDefinition(name: "amount", type: .decimal(precision: 10, scale: 2)),
            ])
        #expect(try await CSVTransfer.load(source, into: postgres, table: "claims", definition: definition) == 3)
        let dumped = directory.appendingPathComponent("dump.csv").path
        #expect(try await CSVTransfer.dump("SELECT * FROM claims ORDER BY id", from: postgres, to: dumped) == 3)
        let lines = try String(contentsOfFile: dumped, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "id;label;day;amount")
        #expect(lines.dropFirst().first == "1;\"Zoë \"\"quoted\"\"\";2021-03-04;12.50")
        #expect(lines.last == "3;\"semi;colon\";2019-01-01;7.00")
    }
}
