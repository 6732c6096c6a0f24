import Core
import Foundation
import GRDB

#if canImport(SQLite3)
    import SQLite3
#else
    import GRDBSQLite
#endif

/// The embedded engine: a project's tables in one SQLite file.
public struct SQLiteEngine: Engine {
    public let url: EngineURL
    public var dialect: any SQLDialect { SQLiteDialect() }
    let queue: DatabaseQueue

    public init(url: EngineURL) throws {
        precondition(url.kind == .sqlite)
        self.url = url
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // Project files are scratch copies of data that lives elsewhere: a crash loses a load, which is
            // redone; durability per commit is not worth its fsyncs.
            try db.execute(sql: "PRAGMA synchronous = OFF")
        }
        do {
            let directory = URL(fileURLWithPath: url.path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            queue = try DatabaseQueue(path: url.path, configuration: configuration)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        } catch {
            throw EngineError.statementFailed(engine: url.description, sql: "open", message: "\(error)")
        }
    }

    /// An engine on a private in-memory database, for tests.
    public static func inMemory() throws -> SQLiteEngine {
        try SQLiteEngine(queue: DatabaseQueue(), url: EngineURL("sqlite://:memory:"))
    }

    private init(queue: DatabaseQueue, url: EngineURL) {
        self.queue = queue
        self.url = url
    }

    public func tableNames() async throws -> [String] {
        try await guarded("list tables") {
            try await queue.read { db in
                try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            }
        }
    }

    public func columns(of table: String) async throws -> [EngineColumn]? {
        try await guarded("columns of \(table)") {
            try await queue.read { db -> [EngineColumn]? in
                let rows = try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\" FROM pragma_table_info(?)", arguments: [table])
                guard !rows.isEmpty else { return nil }
                return rows.map { EngineColumn(name: $0[0], declaredType: $0[1], isNullable: !($0[2] as Bool)) }
            }
        }
    }

    public func execute(_ sql: String) async throws {
        try await guarded(sql) {
            try await queue.write { db in try db.execute(sql: sql) }
        }
    }

    public func stream(_ sql: String, batchSize: Int, _ body: (RowBatch) throws -> Void) async throws {
        // GRDB's closures must be Sendable and synchronous, the consumer is neither: the rows are read on this
        // task, through the queue's own thread, a batch at a time.
        try guarded(sql) {
            try queue.read { db in
                let statement = try db.makeStatement(sql: sql)
                let columns = statement.columnNames
                var batch = RowBatch(columns: columns)
                let cursor = try Row.fetchCursor(statement)
                while let row = try cursor.next() {
                    batch.append(row: (0..<columns.count).map { Self.cell(row[$0] as DatabaseValue) })
                    if batch.count >= batchSize {
                        try body(batch)
                        batch.removeAll()
                    }
                }
                if !batch.isEmpty || columns.isEmpty { try body(batch) }
            }
        }
    }

    public func load(
        _ table: TableDefinition, replacing: Bool, _ produce: (inout any BulkLoader) async throws -> Void
    ) async throws -> Int {
        let dialect = SQLiteDialect()
        // Rows go to a staging table renamed at the end: the table appears whole or not at all.
        var staging = table
        staging.name = "\(table.name)__loading"
        try await execute(dialect.dropTable(staging.name))
        try await execute(dialect.createTable(staging))
        var loader: any BulkLoader = SQLiteBulkLoader(engine: self, table: staging)
        let count: Int
        let stagingName = staging.name
        do {
            try await produce(&loader)
            count = try await loader.finish()
        } catch {
            try? await execute(dialect.dropTable(staging.name))
            throw error
        }
        try await guarded("replace \(table.name)") {
            try await queue.write { db in
                if replacing { try db.execute(sql: dialect.dropTable(table.name)) }
                try db.execute(sql: "ALTER TABLE \(dialect.quote(stagingName)) RENAME TO \(dialect.quote(table.name))")
            }
        }
        return count
    }

    func insert(_ batch: RowBatch, into table: String) async throws {
        let sql =
            "INSERT INTO \(SQLiteDialect().quote(table)) (\(batch.columns.map(SQLiteDialect().quote).joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: batch.columns.count).joined(separator: ", ") + ")"
        try await guarded("load \(table)") {
            try await queue.write { db in
                let statement = try db.cachedStatement(sql: sql)
                let handle = statement.sqliteStatement
                let width = batch.columns.count
                // A row's texts go, one after the other, into one buffer that lives until the row is stepped: SQLite
                // reads them in place (no copy, no allocation per text), and every column is bound again each row.
                var bytes: [UInt8] = []
                var texts: [(index: Int32, offset: Int, count: Int)] = []
                for row in 0..<batch.count {
                    sqlite3_reset(handle)
                    bytes.removeAll(keepingCapacity: true)
                    texts.removeAll(keepingCapacity: true)
                    for column in 0..<width {
                        let index = Int32(column + 1)
                        switch batch[row, column] {
                        case .null: sqlite3_bind_null(handle, index)
                        case .integer(let value): sqlite3_bind_int64(handle, index, value)
                        case .real(let value): sqlite3_bind_double(handle, index, value)
                        case .text(let value):
                            let offset = bytes.count
                            bytes.append(contentsOf: value.utf8)
                            texts.append((index, offset, bytes.count - offset))
                        }
                    }
                    // Never empty, so that an empty text gets a pointer (a NULL pointer would bind NULL).
                    bytes.append(0)
                    let code = bytes.withUnsafeBufferPointer { buffer -> Int32 in
                        let base = UnsafeRawPointer(buffer.baseAddress!)
                        for text in texts {
                            sqlite3_bind_text(
                                handle, text.index, base.advanced(by: text.offset).assumingMemoryBound(to: CChar.self), Int32(text.count), nil)
                        }
                        return sqlite3_step(handle)
                    }
                    guard code == SQLITE_DONE else {
                        sqlite3_clear_bindings(handle)
                        throw EngineError.statementFailed(
                            engine: url.description, sql: sql,
                            message: "row \(row + 1) of the batch: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
                    }
                }
                sqlite3_reset(handle)
                // The texts were bound in place: the statement must not keep pointers to the freed buffer.
                sqlite3_clear_bindings(handle)
            }
        }
    }

    /// Runs `work`, turning GRDB's errors into the engine's, with the statement.
    private func guarded<T>(_ sql: String, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as EngineError {
            throw error
        } catch let error as DatabaseError {
            throw EngineError.statementFailed(engine: url.description, sql: sql, message: error.message ?? "\(error)")
        }
    }

    private func guarded<T>(_ sql: String, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as DatabaseError {
            throw EngineError.statementFailed(engine: url.description, sql: sql, message: error.message ?? "\(error)")
        }
    }

    static func cell(_ value: DatabaseValue) -> CellValue {
        switch value.storage {
        case .null: .null
        case .int64(let value): .integer(value)
        case .double(let value): .real(value)
        case .string(let value): .text(value)
        case .blob(let data): .text(data.hexadecimal)
        }
    }
}

/// Buffers rows and inserts them a few thousand at a time, each group in one transaction.
struct SQLiteBulkLoader: BulkLoader {
    let engine: SQLiteEngine
    let table: TableDefinition
    var pending: RowBatch
    var loaded = 0

    init(engine: SQLiteEngine, table: TableDefinition) {
        self.engine = engine
        self.table = table
        pending = RowBatch(columns: table.columnNames)
    }

    mutating func append(_ batch: RowBatch) async throws {
        precondition(batch.columns.count == table.columns.count, "rows follow the table definition")
        if pending.isEmpty, batch.count >= 5_000 {
            // A batch already large enough is inserted as it is, without copying it row by row.
            try await engine.insert(batch, into: table.name)
            loaded += batch.count
            return
        }
        for row in 0..<batch.count {
            pending.append(row: batch.row(row))
            if pending.count >= 5_000 { try await flush() }
        }
    }

    mutating func finish() async throws -> Int {
        try await flush()
        return loaded
    }

    private mutating func flush() async throws {
        guard !pending.isEmpty else { return }
        try await engine.insert(pending, into: table.name)
        loaded += pending.count
        pending.removeAll()
    }
}

public struct SQLiteDialect: SQLDialect {
    public init() {}
    public var name: String { "sqlite" }
    public var joinsNeedIndexes: Bool { true }

    public func typeName(_ type: ColumnType) -> String {
        switch type {
        case .text(let length): length.map { "VARCHAR(\($0))" } ?? "TEXT"
        case .integer: "INTEGER"
        case .decimal(let precision, let scale): "DECIMAL(\(precision),\(scale))"
        case .real: "REAL"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP"
        case .boolean: "BOOLEAN"
        }
    }
}
