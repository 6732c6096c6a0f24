/// The type of a column as the workbench asks an engine for it; each dialect spells it.
public enum ColumnType: Hashable, Sendable {
    case text(length: Int?)
    case integer
    /// Exact decimal with `precision` digits, `scale` of them after the point (the catalog's `p,s`).
    case decimal(precision: Int, scale: Int)
    case real
    case date
    case timestamp
    case boolean
}

public struct ColumnDefinition: Hashable, Sendable {
    public var name: String
    public var type: ColumnType
    public var isNullable: Bool

    public init(name: String, type: ColumnType, isNullable: Bool = true) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
    }
}

/// A table to create on an engine.
public struct TableDefinition: Hashable, Sendable {
    public var name: String
    public var columns: [ColumnDefinition]
    public var primaryKey: [String]

    public init(name: String, columns: [ColumnDefinition], primaryKey: [String] = []) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
    }

    public var columnNames: [String] { columns.map(\.name) }
}

/// What differs between engines' SQL. Tools build their statements through it and nothing else.
public protocol SQLDialect: Sendable {
    var name: String { get }
    func quote(_ identifier: String) -> String
    func typeName(_ type: ColumnType) -> String
    /// A string literal, quotes doubled.
    func literal(_ text: String) -> String
    /// A table made from a query's answer; engines that need a storage format name it (Spark: `USING parquet`).
    func createTable(_ name: String, as select: String) -> String
    /// The statement that lets `column` of `table` hold text of any length (pseudonyms), for an engine whose
    /// columns enforce their declared type; nil where they do not (SQLite).
    func widenToText(_ column: String, of table: String) -> String?
    /// An empty table; engines without constraints leave out the key and NOT NULL (Spark).
    func createTable(_ table: TableDefinition, ifNotExists: Bool) -> String
    /// An index, or nil on engines that have none (Spark): the statement is then skipped.
    func createIndex(_ name: String, on table: String, columns: [String], ifNotExists: Bool) -> String?
    /// Whether a join on columns without an index costs the engine an index of its own per statement (SQLite
    /// has no hash join): planners that join the same tables again and again index the keys once.
    var joinsNeedIndexes: Bool { get }
    /// Whether rows can be changed in place (`UPDATE`); when not (Spark's parquet tables), tools rebuild the
    /// table from a query and swap it in.
    var updatesRows: Bool { get }
}

extension SQLDialect {
    public func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    public func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func createTable(_ table: TableDefinition) -> String {
        createTable(table, ifNotExists: false)
    }

    public func createTable(_ table: TableDefinition, ifNotExists: Bool) -> String {
        var parts = table.columns.map { column in
            "\(quote(column.name)) \(typeName(column.type))\(column.isNullable ? "" : " NOT NULL")"
        }
        if !table.primaryKey.isEmpty {
            parts.append("PRIMARY KEY (\(table.primaryKey.map(quote).joined(separator: ", ")))")
        }
        return "CREATE TABLE \(ifNotExists ? "IF NOT EXISTS " : "")\(quote(table.name)) (\(parts.joined(separator: ", ")))"
    }

    public func dropTable(_ name: String) -> String {
        "DROP TABLE IF EXISTS \(quote(name))"
    }
}

extension SQLDialect {
    public func createTable(_ name: String, as select: String) -> String {
        "CREATE TABLE \(quote(name)) AS \(select)"
    }

    public func widenToText(_ column: String, of table: String) -> String? { nil }

    public func createIndex(_ name: String, on table: String, columns: [String], ifNotExists: Bool) -> String? {
        "CREATE INDEX \(ifNotExists ? "IF NOT EXISTS " : "")\(quote(name)) ON \(quote(table)) (\(columns.map(quote).joined(separator: ", ")))"
    }

    public func createIndex(_ name: String, on table: String, columns: [String]) -> String? {
        createIndex(name, on: table, columns: columns, ifNotExists: false)
    }

    public var joinsNeedIndexes: Bool { false }

    public var updatesRows: Bool { true }
}
