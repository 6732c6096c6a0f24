import Foundation
import Testing

@testable import Workbench

@Suite struct PostgreSQLCopyOutProtocolTests {
    @Test func scramFollowsRFC7677sExample() {
        var scram = SCRAM(user: "user", password: "pencil", nonce: "rOprNGfwEbeRWgbNEkqO")
        #expect(scram.clientFirst == "n,,n=user,r=rOprNGfwEbeRWgbNEkqO")
        let serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
        #expect(
            scram.clientFinal(serverFirst: serverFirst)
                == "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
        #expect(scram.verifies(serverFinal: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="))
        #expect(!scram.verifies(serverFinal: "v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="))
        // A server whose nonce does not extend the client's is not answered.
        var other = SCRAM(password: "pencil", nonce: "abc")
        #expect(other.clientFinal(serverFirst: "r=xyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096") == nil)
    }

    @Test func md5AnswersAsPostgreSQLComputesThem() {
        // Python's hashlib: "md5" + md5(md5(b"s3crethublot").hexdigest().encode() + bytes([1, 2, 3, 4])).hexdigest()
        #expect(PostgreSQLCopyOut.md5Password(user: "hublot", password: "s3cret", salt: [1, 2, 3, 4]) == "md503bf9067de6c5cca71cfa5e0df7f78e1")
    }

    @Test func onlyQueriesAreReadByCopy() {
        for query in ["SELECT 1", "  with a AS (SELECT 1) SELECT * FROM a", "-- why\n/* how */ (SELECT 1) UNION (SELECT 2)", "VALUES (1)", "TABLE t"]
        {
            #expect(PostgreSQLCopyOut.isQuery(query), "\(query)")
        }
        for statement in ["SHOW TimeZone", "INSERT INTO t VALUES (1) RETURNING *", "EXPLAIN SELECT 1", "-- SELECT\nCALL p()", ""] {
            #expect(!PostgreSQLCopyOut.isQuery(statement), "\(statement)")
        }
    }
}

@Suite(.enabled(if: PostgreSQLTestServer.url != nil, PostgreSQLTestServer.reason))
struct PostgreSQLCopyOutTests {
    func copied(_ engine: PostgreSQLEngine, _ sql: String, batchSize: Int = 1000) async throws -> (read: Bool, rows: [[CellValue]]) {
        var rows: [[CellValue]] = []
        let read = try await PostgreSQLCopyOut(configuration: engine.connections.configuration, engine: engine.url.description)
            .stream(sql, batchSize: batchSize) { rows += $0.rows }
        return (read, rows)
    }

    func rowByRow(_ engine: PostgreSQLEngine, _ sql: String) async throws -> [[CellValue]] {
        var rows: [[CellValue]] = []
        try await engine.streamRows(sql, batchSize: 1000) { rows += $0.rows }
        return rows
    }

    @Test func rowsReadByCopyAreThoseReadRowByRow() async throws {
        let engine = try await PostgreSQLTestServer.engine("hublot_t_copy_out")
        _ = try await engine.load(PostgreSQLEngineTests.typed, replacing: false) { loader in
            try await loader.append(RowBatch(columns: PostgreSQLEngineTests.typed.columnNames, rows: PostgreSQLEngineTests.typedRows))
        }
        let typed = "SELECT * FROM \"Typed\" ORDER BY \"id\" -- a trailing comment"
        let copy = try await copied(engine, typed, batchSize: 3)
        #expect(copy.read)
        #expect(copy.rows == (try await rowByRow(engine, typed)))
        #expect(copy.rows.count == PostgreSQLEngineTests.typedRows.count)

        // Enough rows for many socket reads and batches, with every kind of value and NULLs among them.
        let generated = """
            SELECT i, i * 1.5 AS half, CAST(i AS NUMERIC(12, 3)) / 7 AS exact, 'row ' || i AS label,
                   DATE '2020-01-01' + i AS day, TIMESTAMP '2020-01-01' + i * INTERVAL '1 second' AS at,
                   i % 2 = 0 AS even, CASE WHEN i % 10 = 0 THEN NULL ELSE i END AS sparse
            FROM generate_series(1, 25000) AS i;
            """
        let many = try await copied(engine, generated, batchSize: 999)
        #expect(many.read)
        #expect(many.rows.count == 25_000)
        #expect(many.rows == (try await rowByRow(engine, generated)))
        #expect(many.rows[9].first == .integer(10) && many.rows[9][6] == .integer(1) && many.rows[9].last == .null)
    }

    @Test func onlyReadsThePlannerExpectsToBeLargeGoByCopy() async throws {
        let engine = try await PostgreSQLTestServer.engine("hublot_t_copy_estimate")
        try await engine.execute("CREATE TABLE many AS SELECT i FROM generate_series(1, 20000) AS i")
        try await engine.execute("ANALYZE many")
        #expect(try #require(try await engine.estimatedRows("SELECT i FROM many")) >= Double(PostgreSQLEngine.rowsWorthACopy))
        #expect(try #require(try await engine.estimatedRows("SELECT COUNT(*) FROM many")) < Double(PostgreSQLEngine.rowsWorthACopy))
        #expect((try? await engine.estimatedRows("SHOW TimeZone")) == nil)
        // Either way, the same rows.
        #expect(try await engine.rows("SELECT i FROM many ORDER BY i").count == 20_000)
        #expect(try await engine.rows("SELECT i FROM many WHERE i <= 3 ORDER BY i") == [[.integer(1)], [.integer(2)], [.integer(3)]])
    }

    @Test func whatCopyDoesNotTakeGoesTheOrdinaryWay() async throws {
        let engine = try await PostgreSQLTestServer.engine("hublot_t_copy_other")
        for statement in ["SHOW TimeZone", "SELECT 1; SELECT 2", "SELECT ARRAY[1, 2] AS pair"] {
            #expect(try await copied(engine, statement).read == false, "\(statement)")
        }
        #expect(try await engine.rows("SHOW TimeZone") == [[.text("UTC")]])
        // TLS: scripts/postgres.sh gives the test server a self-signed certificate, which `require` takes and
        // `prefer` asks for; without one, `prefer` goes on in the clear and `require` is postgres-nio's to refuse.
        let base = try #require(PostgreSQLTestServer.url)
        let tls = try await engine.rows("SHOW ssl") == [[.text("on")]]
        for mode in ["prefer", "require"] {
            let secured = try PostgreSQLEngine(url: EngineURL(base + (base.contains("?") ? "&" : "?") + "sslmode=" + mode))
            let copy = try await copied(secured, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            if tls {
                #expect(copy.read && copy.rows == [[.integer(1)]], "\(mode)")
            } else {
                #expect(copy.read == (mode == "prefer") && (!copy.read || copy.rows == [[.integer(0)]]), "\(mode)")
            }
        }
        // A wrong password is postgres-nio's to report.
        let wrong = try PostgreSQLEngine(url: EngineURL(base.replacingOccurrences(of: "://hublot:", with: "://hublot:not-")))
        #expect(try await copied(wrong, "SELECT 1").read == false)
        let refused = try await #require(throws: EngineError.self) { try await wrong.rows("SELECT 1") }
        #expect("\(refused)".contains("password authentication failed"))
    }

    @Test func aFailureAfterRowsWereHandedFailsTheStatementWithTheServersMessage() async throws {
        let engine = try await PostgreSQLTestServer.engine("hublot_t_copy_fail")
        var seen = 0
        let copy = await PostgreSQLCopyOut(configuration: engine.connections.configuration, engine: engine.url.description)
        let failure = try await #require(throws: EngineError.self) {
            _ = try await copy.stream("SELECT i, 1 / (i - 30000) AS q FROM generate_series(1, 40000) AS i", batchSize: 1000) { seen += $0.count }
        }
        #expect(seen > 0 && seen < 30_000)
        #expect("\(failure)".contains("division by zero") && "\(failure)".contains("22012"))
        // Before any row was handed, the statement runs again row by row, which reports the same failure.
        let early = try await #require(throws: EngineError.self) { try await engine.rows("SELECT 1 / (i - 3) FROM generate_series(1, 5) AS i") }
        #expect("\(early)".contains("division by zero"))

        struct Stop: Error {}
        await #expect(throws: Stop.self) {
            _ = try await copy.stream("SELECT i FROM generate_series(1, 5000) AS i", batchSize: 100) { _ in throw Stop() }
        }
    }
}
