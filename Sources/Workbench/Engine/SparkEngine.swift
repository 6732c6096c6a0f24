import Core
import Foundation
import SparkConnect

/// Apache Spark through Spark Connect (`sc://host:15002`): SQL pushed to the cluster, answers back as Arrow.
///
/// Tables are the session catalog's parquet tables. Spark changes no row in place and has no transaction:
/// a load is staged and the table swapped in by a rename, so that it appears whole or not at all, and tools
/// that would update rows rebuild the table instead (`SQLDialect.updatesRows`).
public struct SparkEngine: Engine {
    public let url: EngineURL
    public var dialect: any SQLDialect { SparkDialect() }
    let client: SparkConnectClient
    /// Where a bulk load writes its rows for the server to read: only when the server runs on this machine
    /// (loopback), since it reads them from its own file system. Elsewhere rows go in `INSERT ... VALUES`.
    private(set) var stagingDirectory: URL?

    static let defaultPort = 15002

    public init(url: EngineURL) throws {
        precondition(url.kind == .sparkConnect)
        self.url = url
        let host = url.host ?? "127.0.0.1"
        do {
            client = try SparkConnectClient(host: host, port: url.port ?? Self.defaultPort)
        } catch {
            throw EngineError.unsupportedURL(url.description, reason: "cannot connect: \(error)")
        }
        let isLocal = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        stagingDirectory = isLocal ? FileManager.default.temporaryDirectory : nil
    }

    /// This engine loading through `INSERT ... VALUES`, as it does for a server on another machine.
    func insertingValues() -> SparkEngine {
        var engine = self
        engine.stagingDirectory = nil
        return engine
    }

    /// The server's Spark version (`4.0.1`).
    public func sparkVersion() async throws -> String {
        try await guarded("spark version") { try await client.sparkVersion() }
    }

    public func tableNames() async throws -> [String] {
        // SHOW TABLES answers namespace, tableName, isTemporary.
        try await rows("SHOW TABLES").compactMap { $0.count > 1 ? $0[1].text : nil }.sorted()
    }

    public func columns(of table: String) async throws -> [EngineColumn]? {
        guard let name = try await tableNames().first(where: { $0.caseInsensitiveCompare(table) == .orderedSame }) else { return nil }
        // DESCRIBE lists the columns (name, type, comment), then, after an empty line or a `#` heading,
        // partitioning details.
        var columns: [EngineColumn] = []
        for row in try await rows("DESCRIBE TABLE \(dialect.quote(name))") {
            guard let column = row.first?.text, !column.isEmpty, !column.hasPrefix("#") else { break }
            columns.append(EngineColumn(name: column, declaredType: row.count > 1 ? row[1].text ?? "" : ""))
        }
        return columns
    }

    public func execute(_ sql: String) async throws {
        try await guarded(sql) { try await client.execute(sql: sql) { _ in } }
    }

    public func stream(_ sql: String, batchSize: Int, _ body: (RowBatch) throws -> Void) async throws {
        try await guarded(sql) {
            try await client.execute(sql: sql) { arrow in
                guard arrow.count > 0 else { return }
                let columns = arrow.fields.map(\.name)
                var start = 0
                while start < arrow.count {
                    let end = min(start + batchSize, arrow.count)
                    var values: [CellValue] = []
                    values.reserveCapacity((end - start) * columns.count)
                    for row in start..<end {
                        for column in arrow.columns { values.append(Self.cell(column.value(at: row))) }
                    }
                    try body(RowBatch(columns: columns, values: values))
                    start = end
                }
            }
        }
    }

    public func load(
        _ table: TableDefinition, replacing: Bool, _ produce: (inout any BulkLoader) async throws -> Void
    ) async throws -> Int {
        let dialect = SparkDialect()
        let staging = "\(table.name)__loading"
        try await execute(dialect.dropTable(staging))
        if !replacing, try await columns(of: table.name) != nil {
            throw EngineError.statementFailed(engine: url.description, sql: "load \(table.name)", message: "table \(table.name) already exists")
        }
        var loader: any BulkLoader
        let files: URL?
        if let stagingDirectory {
            let directory = stagingDirectory.appendingPathComponent("hublot-spark-\(UUID().uuidString.lowercased())")
            files = directory
            loader = try SparkFileLoader(engine: self, table: table, staging: staging, directory: directory)
        } else {
            files = nil
            try await execute(dialect.createTable(TableDefinition(name: staging, columns: table.columns)))
            loader = SparkInsertLoader(engine: self, table: table, staging: staging)
        }
        defer { if let files { try? FileManager.default.removeItem(at: files) } }
        let count: Int
        do {
            try await produce(&loader)
            count = try await loader.finish()
        } catch {
            try? await execute(dialect.dropTable(staging))
            throw error
        }
        if replacing { try await execute(dialect.dropTable(table.name)) }
        try await execute("ALTER TABLE \(dialect.quote(staging)) RENAME TO \(dialect.quote(table.name))")
        return count
    }

    /// A SELECT list turning staged text into the table's types; ANSI casts refuse a value that is not of the
    /// type (`12a` in a BIGINT column) with Spark's message, as PostgreSQL refuses it at COPY.
    static func typedColumns(_ table: TableDefinition, from source: [String]) -> String {
        let dialect = SparkDialect()
        return zip(table.columns, source).map { column, expression in
            let typed: String =
                switch column.type {
                case .text: expression
                default: "CAST(\(expression) AS \(dialect.typeName(column.type)))"
                }
            return "\(typed) AS \(dialect.quote(column.name))"
        }.joined(separator: ", ")
    }

    /// A value as the staged text the server casts; nil for NULL.
    static func stagedText(_ value: CellValue) -> String? {
        switch value {
        case .null: nil
        case .integer(let number): String(number)
        case .real(let number): number.isNaN ? "NaN" : number.isInfinite ? (number < 0 ? "-Infinity" : "Infinity") : String(number)
        case .text(let text): text
        }
    }

    static func cell(_ value: ArrowValue) -> CellValue {
        switch value {
        case .null: .null
        case .integer(let number): .integer(number)
        case .real(let number): .real(number)
        case .boolean(let flag): .integer(flag ? 1 : 0)
        case .text(let text), .decimal(let text), .date(let text), .timestamp(let text): .text(text)
        case .binary(let bytes): .text(Data(bytes).hexadecimal)
        }
    }

    /// Runs `work`, turning Spark's errors into the engine's, with the statement.
    func guarded<T>(_ sql: String, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as SparkConnectError {
            throw EngineError.statementFailed(engine: url.description, sql: sql, message: error.message)
        } catch let error as ArrowError {
            throw EngineError.unexpectedAnswer(engine: url.description, sql: sql, reason: error.description)
        }
    }
}

/// Writes the rows as JSON Lines (every value a string or null) in a folder the server reads as a
/// temporary view with the columns as strings, then casts them into the staging table in one statement.
struct SparkFileLoader: BulkLoader {
    let engine: SparkEngine
    let table: TableDefinition
    let staging: String
    let directory: URL
    var handle: FileHandle?
    var buffer: [UInt8] = []
    var loaded = 0
    var part = 0

    init(engine: SparkEngine, table: TableDefinition, staging: String, directory: URL) throws {
        self.engine = engine
        self.table = table
        self.staging = staging
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    mutating func append(_ batch: RowBatch) async throws {
        precondition(batch.columns.count == table.columns.count, "rows follow the table definition")
        // JSON keys are positions (`c0`, `c1`): column names need no escaping, and Spark matches them exactly.
        for row in 0..<batch.count {
            buffer.append(UInt8(ascii: "{"))
            for column in 0..<batch.columns.count {
                if column > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.append(contentsOf: "\"c\(column)\":".utf8)
                if let text = SparkEngine.stagedText(batch[row, column]) {
                    JSONText.append(text, to: &buffer)
                } else {
                    buffer.append(contentsOf: "null".utf8)
                }
            }
            buffer.append(contentsOf: "}\n".utf8)
            loaded += 1
            if buffer.count >= 4 << 20 { try flush() }
        }
    }

    mutating func finish() async throws -> Int {
        try flush()
        try handle?.close()
        handle = nil
        let dialect = SparkDialect()
        let view = "\(staging)_files"
        let schema = table.columns.indices.map { "c\($0) STRING" }.joined(separator: ", ")
        let path = dialect.literal(directory.path)
        let dropView = "DROP VIEW IF EXISTS \(dialect.quote(view))"
        try await engine.execute("CREATE OR REPLACE TEMPORARY VIEW \(dialect.quote(view)) (\(schema)) USING json OPTIONS (path \(path))")
        let select = SparkEngine.typedColumns(table, from: table.columns.indices.map { "c\($0)" })
        do {
            try await engine.execute(dialect.createTable(staging, as: "SELECT \(select) FROM \(dialect.quote(view))"))
        } catch {
            try? await engine.execute(dropView)
            throw error
        }
        try await engine.execute(dropView)
        return loaded
    }

    private mutating func flush() throws {
        if handle == nil {
            let file = directory.appendingPathComponent("part-\(part).json")
            part += 1
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw EngineError.statementFailed(engine: engine.url.description, sql: "load \(table.name)", message: "cannot create \(file.path)")
            }
            handle = try FileHandle(forWritingTo: file)
        }
        guard !buffer.isEmpty else { return }
        try handle?.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// For a server on another machine: the rows go as literals, a thousand per `INSERT ... SELECT ... FROM VALUES`
/// into the staging table.
struct SparkInsertLoader: BulkLoader {
    let engine: SparkEngine
    let table: TableDefinition
    let staging: String
    var pending: [String] = []
    var loaded = 0

    init(engine: SparkEngine, table: TableDefinition, staging: String) {
        self.engine = engine
        self.table = table
        self.staging = staging
    }

    mutating func append(_ batch: RowBatch) async throws {
        precondition(batch.columns.count == table.columns.count, "rows follow the table definition")
        let dialect = SparkDialect()
        for row in 0..<batch.count {
            let values = batch.row(row).map { value in SparkEngine.stagedText(value).map(dialect.literal) ?? "CAST(NULL AS STRING)" }
            pending.append("(" + values.joined(separator: ", ") + ")")
            if pending.count >= 1_000 { try await flush() }
        }
    }

    mutating func finish() async throws -> Int {
        try await flush()
        return loaded
    }

    private mutating func flush() async throws {
        guard !pending.isEmpty else { return }
        let dialect = SparkDialect()
        let names = table.columns.indices.map { "c\($0)" }
        let select = SparkEngine.typedColumns(table, from: names)
        try await engine.execute(
            "INSERT INTO \(dialect.quote(staging)) SELECT \(select) FROM VALUES \(pending.joined(separator: ", ")) AS v(\(names.joined(separator: ", ")))"
        )
        loaded += pending.count
        pending.removeAll(keepingCapacity: true)
    }
}

/// JSON string literals for the staged rows.
enum JSONText {
    static func append(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }
}

/// Spark SQL: backquoted names, STRING and BIGINT, parquet tables, backslash escapes in string literals.
public struct SparkDialect: SQLDialect {
    public init() {}
    public var name: String { "spark" }

    public func quote(_ identifier: String) -> String {
        "`" + identifier.replacingOccurrences(of: "`", with: "``") + "`"
    }

    /// Spark reads a backslash as an escape and joins adjacent literals (`'a''b'` is `ab`): quotes and
    /// backslashes are escaped with a backslash instead of doubled.
    public func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// Texts are STRING whatever their catalog length: Spark's VARCHAR(n) refuses longer values at write,
    /// and the quality checks, not the load, report them (as on SQLite).
    public func typeName(_ type: ColumnType) -> String {
        switch type {
        case .text: "STRING"
        case .integer: "BIGINT"
        case .decimal(let precision, let scale): "DECIMAL(\(precision),\(scale))"
        case .real: "DOUBLE"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP"
        case .boolean: "BOOLEAN"
        }
    }

    public func createTable(_ name: String, as select: String) -> String {
        "CREATE TABLE \(quote(name)) USING parquet AS \(select)"
    }

    public func createTable(_ table: TableDefinition, ifNotExists: Bool) -> String {
        let columns = table.columns.map { "\(quote($0.name)) \(typeName($0.type))" }.joined(separator: ", ")
        return "CREATE TABLE \(ifNotExists ? "IF NOT EXISTS " : "")\(quote(table.name)) (\(columns)) USING parquet"
    }

    public func createIndex(_ name: String, on table: String, columns: [String], ifNotExists: Bool) -> String? { nil }

    public var updatesRows: Bool { false }
}

/// Spark's column types enforce the values at load, but a text column may hold numbers (a raw delivery):
/// the conditions mirror SQLite's, with `typeof` telling the column's type and regular expressions reading text.
extension SparkDialect: ValueCheckingDialect {
    static let integerTypes = "('tinyint', 'smallint', 'int', 'bigint')"

    public func isNotInteger(_ column: String) -> String {
        let c = column
        // TRY_CAST gives NULL for `12a`: the comparison is then false, not NULL, so that the row is counted.
        let readsBack = "COALESCE(CAST(TRY_CAST(\(c) AS BIGINT) AS STRING) = CAST(\(c) AS STRING), false)"
        return "NOT (typeof(\(c)) IN \(Self.integerTypes) OR (typeof(\(c)) = 'string' AND \(readsBack)))"
    }

    public func number(_ column: String) -> String { "TRY_CAST(\(column) AS DOUBLE)" }

    public func isNotDecimal(_ column: String, precision: Int?, scale: Int?) -> String {
        let c = column
        let number = "TRY_CAST(\(c) AS DOUBLE)"
        var isNumber = "(typeof(\(c)) IN \(Self.integerTypes) OR typeof(\(c)) IN ('float', 'double') OR typeof(\(c)) LIKE 'decimal%')"
        // Digits with at most one point and a leading minus; at least one digit.
        var shape = "^-?[0-9]*([.][0-9]*)?$"
        if let precision {
            let scale = scale ?? 0
            let whole = max(precision - scale, 0)
            isNumber += " AND ABS(\(number)) < 1e\(whole) AND ROUND(\(number), \(scale)) = \(number)"
            shape = "^-?[0-9]{0,\(whole)}([.][0-9]{0,\(scale)})?$"
        }
        let text = "CAST(\(c) AS STRING)"
        let isText = "typeof(\(c)) = 'string' AND \(text) RLIKE '\(shape)' AND \(text) RLIKE '[0-9]'"
        return "NOT ((\(isNumber)) OR (\(isText)))"
    }
}
