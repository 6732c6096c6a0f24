/// Where a project's data lives: a database engine Hublot runs SQL on, never Hublot's own store.
///
/// The workbench's tools (synthetic samples, quality checks, pseudonymisation, and later extractions and
/// linkage) speak only this protocol and the engine's `dialect`, so that PostgreSQL and Spark Connect can be
/// added beside SQLite without touching them. Work is pushed down as SQL where it can be; rows come back in
/// batches, so that a table larger than memory streams through.
public protocol Engine: Sendable {
    var url: EngineURL { get }
    var dialect: any SQLDialect { get }

    /// The tables present, in the engine's spelling.
    func tableNames() async throws -> [String]
    /// The columns of `table` as the engine declares them, in order; nil when there is no such table.
    func columns(of table: String) async throws -> [EngineColumn]?
    /// Runs statements that answer no rows (DDL, UPDATE, INSERT ... SELECT).
    func execute(_ sql: String) async throws
    /// Runs `sql` and hands its rows to `body`, `batchSize` at a time, as the engine produces them.
    func stream(_ sql: String, batchSize: Int, _ body: (RowBatch) throws -> Void) async throws
    /// Creates `table` (replacing one of that name when `replacing`) and loads the rows `produce` hands to its
    /// loader, in one transaction where the engine has them. Returns the number of rows loaded.
    func load(
        _ table: TableDefinition, replacing: Bool, _ produce: (inout any BulkLoader) async throws -> Void
    ) async throws -> Int
}

extension Engine {
    public func stream(_ sql: String, _ body: (RowBatch) throws -> Void) async throws {
        try await stream(sql, batchSize: 10_000, body)
    }

    /// The rows of `sql`, all in memory: for answers known to be small (counts, a few examples).
    public func rows(_ sql: String) async throws -> [[CellValue]] {
        var rows: [[CellValue]] = []
        try await stream(sql) { batch in rows.append(contentsOf: batch.rows) }
        return rows
    }

    /// The first column of the first row of `sql`, as an integer (a `COUNT(*)`).
    public func count(_ sql: String) async throws -> Int {
        guard let value = try await rows(sql).first?.first, let count = value.integer else {
            throw EngineError.unexpectedAnswer(engine: url.description, sql: sql, reason: "no integer in the first cell")
        }
        return Int(count)
    }
}

/// Receives the rows of a bulk load. Engines buffer and flush as suits them (prepared inserts for SQLite,
/// COPY for PostgreSQL, staged files for Spark).
public protocol BulkLoader {
    /// Appends rows whose values follow the table definition's columns.
    mutating func append(_ batch: RowBatch) async throws
    /// Writes what is buffered; the engine calls it once the producer is done. Returns the rows loaded.
    mutating func finish() async throws -> Int
}

/// A column as an engine declares it.
public struct EngineColumn: Hashable, Sendable {
    public var name: String
    /// The declared type in the engine's own words (`VARCHAR(13)`, `NUMERIC(10,2)`, `DATE`).
    public var declaredType: String
    public var isNullable: Bool

    public init(name: String, declaredType: String, isNullable: Bool = true) {
        self.name = name
        self.declaredType = declaredType
        self.isNullable = isNullable
    }
}

public enum EngineError: Error, CustomStringConvertible, Equatable {
    /// The URL names no engine Hublot has, or is malformed.
    case unsupportedURL(String, reason: String)
    /// The engine refused a statement; `message` is the engine's own.
    case statementFailed(engine: String, sql: String, message: String)
    case unexpectedAnswer(engine: String, sql: String, reason: String)
    case noSuchTable(engine: String, table: String)

    public var description: String {
        switch self {
        case .unsupportedURL(let url, let reason): "engine \(url): \(reason)"
        case .statementFailed(let engine, let sql, let message): "\(engine): \(message)\n  in: \(sql.prefix(500))"
        case .unexpectedAnswer(let engine, let sql, let reason): "\(engine): \(reason)\n  in: \(sql.prefix(500))"
        case .noSuchTable(let engine, let table): "\(engine): no table \(table)"
        }
    }
}
