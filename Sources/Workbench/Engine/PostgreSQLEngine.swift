import Foundation
import PostgresNIO

/// A project's tables on a PostgreSQL server, through postgres-nio: `postgresql://user:password@host:5432/db`.
///
/// The password comes from the URL, else from `PGPASSWORD`; the user from the URL, else `PGUSER`, else
/// `postgres`; the database from the path, else the user's name. Parameters: `sslmode` (`disable`, `prefer`,
/// `require`, `verify-full`; none by default, the server being on loopback in the air-gapped setting) and
/// `schema`, the schema the project's tables live in (made when missing; the role's default otherwise).
///
/// Connections are opened on first use and kept for the next statement; a statement run while another's
/// rows are still streaming (a loader asking for a page of values) gets a connection of its own.
public final class PostgreSQLEngine: Engine {
    public let url: EngineURL
    public var dialect: any SQLDialect { PostgreSQLDialect() }
    let connections: PostgreSQLConnections

    public init(url: EngineURL, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        precondition(url.kind == .postgresql)
        self.url = url
        let known: Set<String> = ["sslmode", "schema", "application_name", "connect_timeout"]
        if let unknown = url.parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw EngineError.unsupportedURL(
                url.description, reason: "unknown parameter \(unknown); Hublot reads \(known.sorted().joined(separator: ", "))")
        }
        let user = url.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? "postgres"
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let database = path.isEmpty ? environment["PGDATABASE"] ?? user : path
        var configuration = PostgresConnection.Configuration(
            host: url.host ?? "127.0.0.1", port: url.port ?? 5432, username: user, password: url.password ?? environment["PGPASSWORD"],
            database: database, tls: try Self.tls(url))
        if let timeout = url.parameters["connect_timeout"] {
            guard let seconds = Int64(timeout), seconds > 0 else {
                throw EngineError.unsupportedURL(url.description, reason: "connect_timeout must be a number of seconds, not \(timeout)")
            }
            configuration.options.connectTimeout = .seconds(seconds)
        }
        // Dates and timestamps are decoded from the binary format, whatever the server's settings; these make
        // the text a statement casts (CAST(d AS TEXT) in pseudonymisation, the quality rules) ISO and UTC.
        var startup = [("DateStyle", "ISO, YMD"), ("TimeZone", "UTC"), ("standard_conforming_strings", "on")]
        startup.append(("application_name", url.parameters["application_name"] ?? "hublot"))
        let schema = url.parameters["schema"].flatMap { $0.isEmpty ? nil : $0 }
        if let schema { startup.append(("search_path", PostgreSQLDialect().quote(schema))) }
        configuration.options.additionalStartupParameters = startup
        connections = PostgreSQLConnections(configuration: configuration, engine: url.description, schema: schema)
    }

    deinit {
        let connections = self.connections
        Task { await connections.closeAll() }
    }

    static func tls(_ url: EngineURL) throws -> PostgresConnection.Configuration.TLS {
        let mode = url.parameters["sslmode"] ?? "disable"
        do {
            switch mode {
            case "disable", "allow": return .disable
            case "prefer", "require":
                // libpq's `require` encrypts without checking the certificate; `verify-full` checks it.
                var tls = TLSConfiguration.makeClientConfiguration()
                tls.certificateVerification = .none
                let context = try NIOSSLContext(configuration: tls)
                return mode == "prefer" ? .prefer(context) : .require(context)
            case "verify-ca", "verify-full":
                return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default:
                throw EngineError.unsupportedURL(
                    url.description, reason: "sslmode \(mode) is not one of disable, allow, prefer, require, verify-ca, verify-full")
            }
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError.unsupportedURL(url.description, reason: "TLS: \(error)")
        }
    }

    // MARK: - Engine

    public func tableNames() async throws -> [String] {
        try await rows(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).compactMap { $0.first?.text }
    }

    public func columns(of table: String) async throws -> [EngineColumn]? {
        let rows = try await rows(
            """
            SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable
            FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(dialect.literal(table))
            ORDER BY ordinal_position
            """)
        guard !rows.isEmpty else { return nil }
        return rows.map { row in
            EngineColumn(
                name: row[0].text ?? "",
                declaredType: Self.declaredType(row[1].text ?? "", length: row[2].integer, precision: row[3].integer, scale: row[4].integer),
                isNullable: row[5].text != "NO")
        }
    }

    /// The type as a person writes it (`VARCHAR(13)`, `NUMERIC(10,2)`), from information_schema's words.
    static func declaredType(_ dataType: String, length: Int64?, precision: Int64?, scale: Int64?) -> String {
        switch dataType {
        case "character varying": length.map { "VARCHAR(\($0))" } ?? "VARCHAR"
        case "character": length.map { "CHAR(\($0))" } ?? "CHAR"
        case "numeric": precision.map { "NUMERIC(\($0),\(scale ?? 0))" } ?? "NUMERIC"
        default: dataType.uppercased()
        }
    }

    /// Runs a statement, or a script: statements split as the simple query protocol would, run in one
    /// transaction unless the script manages its own.
    public func execute(_ sql: String) async throws {
        let statements = SQLScript.statements(sql)
        guard !statements.isEmpty else { return }
        try await withConnection { connection in
            if statements.count == 1 || statements.contains(where: SQLScript.controlsTransaction) {
                for statement in statements { try await run(statement, on: connection) }
                return
            }
            try await inTransaction(on: connection) {
                for statement in statements { try await run(statement, on: connection) }
            }
        }
    }

    public func stream(_ sql: String, batchSize: Int, _ body: (RowBatch) throws -> Void) async throws {
        // A COPY costs a connection of its own (a server process, the authentication): about 20 ms, which a
        // large read repays many times and a count or a quality rule's query never does.
        if PostgreSQLCopyOut.isQuery(sql), let estimate = try? await estimatedRows(sql), estimate >= Double(Self.rowsWorthACopy) {
            let copy = PostgreSQLCopyOut(configuration: connections.configuration, engine: url.description)
            if try await copy.stream(sql, batchSize: batchSize, body) { return }
        }
        try await streamRows(sql, batchSize: batchSize, body)
    }

    /// From how many rows the planner expects a query is read by COPY: the row path costs about 3.5 µs more
    /// per row, the COPY's connection about 20 ms.
    static let rowsWorthACopy = 10_000

    /// The rows the planner expects of a query (`EXPLAIN`, nothing runs).
    func estimatedRows(_ sql: String) async throws -> Double? {
        try await withConnection { connection in
            var plan = ""
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: "EXPLAIN (FORMAT JSON) " + sql), logger: Self.logger) {
                for cell in row { if case .text(let text) = try PostgreSQLValues.cell(cell.bytes, type: cell.dataType) { plan += text } }
            }
            guard let range = plan.range(of: "\"Plan Rows\":") else { return nil }
            return Double(plan[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber || $0 == "." || $0 == "e" || $0 == "+" })
        }
    }

    /// The rows as postgres-nio reads them, one `DataRow` at a time: for what COPY does not take.
    func streamRows(_ sql: String, batchSize: Int, _ body: (RowBatch) throws -> Void) async throws {
        try await withConnection { connection in
            let rows: PostgresRowSequence
            do {
                rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
            } catch {
                throw failure(error, sql: sql)
            }
            let described = Array(rows.columns)
            let columns = described.map(\.name)
            let types = described.map(\.dataType)
            var batch = RowBatch(columns: columns)
            var values: [CellValue] = []
            values.reserveCapacity(min(batchSize, 100_000) * max(columns.count, 1))
            var count = 0
            do {
                for try await row in rows {
                    var column = 0
                    for cell in row {
                        do {
                            values.append(try PostgreSQLValues.cell(cell.bytes, type: types[column]))
                        } catch {
                            throw EngineError.unexpectedAnswer(
                                engine: url.description, sql: sql, reason: "column \(columns[column]): \(PostgreSQLValues.reason(error))")
                        }
                        column += 1
                    }
                    count += 1
                    if count >= batchSize {
                        batch = RowBatch(columns: columns, values: values)
                        values.removeAll(keepingCapacity: true)
                        count = 0
                        try body(batch)
                    }
                }
            } catch let error as EngineError {
                throw error
            } catch let error as PSQLError {
                throw failure(error, sql: sql)
            }
            if count > 0 || columns.isEmpty { try body(RowBatch(columns: columns, values: values)) }
        }
    }

    public func load(
        _ table: TableDefinition, replacing: Bool, _ produce: (inout any BulkLoader) async throws -> Void
    ) async throws -> Int {
        let dialect = PostgreSQLDialect()
        // postgres-nio writes COPY's table and column names between double quotes, as they are.
        if let odd = ([table.name] + table.columnNames).first(where: { $0.contains("\"") }) {
            throw EngineError.statementFailed(engine: url.description, sql: "COPY", message: "a name with a double quote cannot be loaded: \(odd)")
        }
        // Rows go to a staging table renamed at the end, all in one transaction: the table appears whole or
        // not at all, and a failed load leaves nothing behind.
        var staging = table
        staging.name = "\(table.name)__loading"
        let types = table.columns.map(\.type)
        return try await withConnection { connection in
            try await inTransaction(on: connection) {
                try await run(dialect.dropTable(staging.name), on: connection)
                try await run(dialect.createTable(staging), on: connection)
                var count = 0
                do {
                    try await connection.copyFrom(table: staging.name, columns: staging.columnNames, logger: Self.logger) { writer in
                        var loader: any BulkLoader = PostgreSQLCopyLoader(writer: writer, width: types.count, types: types)
                        try await produce(&loader)
                        count = try await loader.finish()
                    }
                } catch let error as PSQLError {
                    throw failure(error, sql: "COPY \(dialect.quote(staging.name)) FROM STDIN")
                }
                if replacing { try await run(dialect.dropTable(table.name), on: connection) }
                try await run("ALTER TABLE \(dialect.quote(staging.name)) RENAME TO \(dialect.quote(table.name))", on: connection)
                return count
            }
        }
    }

    // MARK: - Connections, transactions, errors

    static let logger: Logger = {
        var logger = Logger(label: "hublot.postgresql")
        // Failures are thrown with the server's message; postgres-nio's own logging would repeat them.
        logger.logLevel = .critical
        return logger
    }()

    func withConnection<T>(_ work: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await connections.lease()
        do {
            let result = try await work(connection)
            await connections.release(connection)
            return result
        } catch {
            await connections.release(connection)
            throw error
        }
    }

    func inTransaction<T>(on connection: PostgresConnection, _ work: () async throws -> T) async throws -> T {
        try await run("BEGIN", on: connection)
        do {
            let result = try await work()
            try await run("COMMIT", on: connection)
            return result
        } catch {
            // A connection left inside a failed transaction would refuse its next statement.
            try? await run("ROLLBACK", on: connection)
            throw error
        }
    }

    func run(_ statement: String, on connection: PostgresConnection) async throws {
        do {
            for try await _ in try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Self.logger) {}
        } catch {
            throw failure(error, sql: statement)
        }
    }

    func failure(_ error: any Error, sql: String) -> any Error {
        if error is EngineError || error is CancellationError { return error }
        return EngineError.statementFailed(engine: url.description, sql: sql, message: Self.message(of: error))
    }

    /// PostgreSQL's own message (severity, text, SQLSTATE, detail, hint, where), or what kept the connection
    /// from being made; postgres-nio's description of its errors is deliberately generic.
    static func message(of error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let text = info[.message] {
            var message = "\(info[.severity] ?? "ERROR"): \(text)"
            if let state = info[.sqlState] { message += " (SQLSTATE \(state))" }
            if let position = info[.position] { message += " at character \(position)" }
            if let detail = info[.detail] { message += "\n  detail: \(detail)" }
            if let hint = info[.hint] { message += "\n  hint: \(hint)" }
            if let context = info[.locationContext] { message += "\n  where: \(context)" }
            return message
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}

/// The engine's open connections: one is leased per statement (or per load), and returned when done.
actor PostgreSQLConnections {
    let configuration: PostgresConnection.Configuration
    let engine: String
    let schema: String?
    var idle: [PostgresConnection] = []
    var opened = 0
    var schemaReady = false

    init(configuration: PostgresConnection.Configuration, engine: String, schema: String?) {
        self.configuration = configuration
        self.engine = engine
        self.schema = schema
    }

    func lease() async throws -> PostgresConnection {
        while let connection = idle.popLast() {
            if !connection.isClosed { return connection }
        }
        opened += 1
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: opened, logger: PostgreSQLEngine.logger)
        } catch {
            throw EngineError.statementFailed(
                engine: engine, sql: "connect", message: "cannot connect to \(engine): \(PostgreSQLEngine.message(of: error))")
        }
        if let schema, !schemaReady {
            do {
                let sql = "CREATE SCHEMA IF NOT EXISTS \(PostgreSQLDialect().quote(schema))"
                for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: PostgreSQLEngine.logger) {}
            } catch let error as PSQLError where ["42P06", "23505"].contains(error.serverInfo?[.sqlState]) {
                // Made meanwhile by another connection.
            } catch {
                try? await connection.close()
                throw EngineError.statementFailed(
                    engine: engine, sql: "CREATE SCHEMA", message: "cannot make the schema \(schema): \(PostgreSQLEngine.message(of: error))")
            }
            schemaReady = true
        }
        return connection
    }

    func release(_ connection: PostgresConnection) async {
        if connection.isClosed { return }
        if idle.count < 4 {
            idle.append(connection)
        } else {
            try? await connection.close()
        }
    }

    func closeAll() async {
        let closing = idle
        idle = []
        for connection in closing { try? await connection.close() }
    }
}

/// Writes rows to a `COPY ... FROM STDIN` in its text format, a megabyte at a time.
struct PostgreSQLCopyLoader: BulkLoader {
    let writer: PostgresCopyFromWriter
    let width: Int
    let types: [ColumnType]
    var buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
    var loaded = 0

    init(writer: PostgresCopyFromWriter, width: Int, types: [ColumnType]) {
        self.writer = writer
        self.width = width
        self.types = types
    }

    mutating func append(_ batch: RowBatch) async throws {
        precondition(batch.columns.count == width, "rows follow the table definition")
        for row in 0..<batch.count {
            PostgreSQLValues.appendCopyRow(batch.row(row), types: types, to: &buffer)
            if buffer.readableBytes >= 1 << 20 { try await flush() }
        }
        loaded += batch.count
    }

    mutating func finish() async throws -> Int {
        try await flush()
        return loaded
    }

    private mutating func flush() async throws {
        guard buffer.readableBytes > 0 else { return }
        let full = buffer
        buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
        try await writer.write(full)
    }
}
