import Foundation

/// Replaces identifiers with keyed hashes in every table of an engine that holds them.
///
/// The same value gets the same pseudonym in every table (the HMAC depends on the key and the value only),
/// so joins still work; NULL stays NULL. The work stays in the engine: the distinct values of a column
/// across its tables are gathered there, read back a page at a time, hashed in Swift (the key never goes
/// to the engine), loaded as a mapping table, and each table is updated from it with one portable
/// `UPDATE ... SET c = (SELECT ...)`, in the same transaction as its line in the ledger; on an engine that
/// updates no row (Spark), the table is rebuilt from a join on the mapping instead and swapped in.
///
/// The ledger (`hublot_pseudonymisation`, on the engine) records each table and column done, with the key's
/// fingerprint: a second run is refused rather than hash the pseudonyms, and a run cut short resumes with
/// the tables left. Pseudonyms are `Pseudonym.length` characters, which may exceed a column's catalog
/// length (BEN_NIR_PSA is 17) or type (a birth date): SQLite does not enforce VARCHAR lengths nor types, and
/// the quality checks read the ledger and hold pseudonymised columns to the pseudonym's shape instead. On an
/// engine that enforces them (PostgreSQL) the column is first made TEXT, in the same transaction.
public struct Pseudonymiser: Sendable {
    public static let ledgerTable = "hublot_pseudonymisation"
    static let valuesTable = "hublot_pseudonymisation_values"
    static let mappingTable = "hublot_pseudonymisation_map"

    public let key: PseudonymisationKey
    /// Distinct values read back and hashed per round trip.
    public var pageSize = 50_000

    public init(key: PseudonymisationKey) {
        self.key = key
    }

    /// A table and column done, as the ledger records it.
    public struct LedgerEntry: Codable, Sendable, Hashable {
        public var table: String
        public var column: String
        public var keyFingerprint: String
        public var appliedAt: String
        public var rows: Int
    }

    /// What a run changed, and which columns no table holds.
    public struct Summary: Codable, Sendable {
        public var changes: [LedgerEntry]
        public var absentColumns: [String]
        /// Columns a run cut short had finished with this key: left as they are while the others are done.
        public var finishedColumns: [String] = []
    }

    /// The ledger of the engine; empty when nothing was ever pseudonymised there.
    public static func ledger(on engine: any Engine) async throws -> [LedgerEntry] {
        guard try await engine.columns(of: ledgerTable) != nil else { return [] }
        let dialect = engine.dialect
        return try await engine.rows(
            "SELECT table_name, column_name, key_fingerprint, applied_at, rows_changed FROM \(dialect.quote(ledgerTable)) ORDER BY applied_at, table_name"
        ).map { row in
            LedgerEntry(
                table: row[0].text ?? "", column: row[1].text ?? "", keyFingerprint: row[2].text ?? "", appliedAt: row[3].text ?? "",
                rows: Int(row[4].integer ?? 0))
        }
    }

    static let ledgerDefinition = TableDefinition(
        name: ledgerTable,
        columns: [
            ColumnDefinition(name: "table_name", type: .text(length: nil), isNullable: false),
            ColumnDefinition(name: "column_name", type: .text(length: nil), isNullable: false),
            ColumnDefinition(name: "key_fingerprint", type: .text(length: nil), isNullable: false),
            ColumnDefinition(name: "pseudonym_format", type: .text(length: nil), isNullable: false),
            ColumnDefinition(name: "applied_at", type: .text(length: nil), isNullable: false),
            ColumnDefinition(name: "rows_changed", type: .integer, isNullable: false),
        ],
        primaryKey: ["table_name", "column_name"])

    /// Pseudonymises `columns` in every table holding them. Every column is checked against the ledger before
    /// anything changes.
    public func apply(columns: [String], on engine: any Engine) async throws -> Summary {
        let dialect = engine.dialect
        try await engine.execute(dialect.createTable(Self.ledgerDefinition, ifNotExists: true))
        let ledger = try await Self.ledger(on: engine)
        // Hublot's own tables (the ledger, a quality check's codes) are not project data.
        let tables = try await engine.tableNames().filter { !$0.lowercased().hasPrefix("hublot_") }
        var holders: [String: [(table: String, column: String)]] = [:]
        for table in tables {
            for column in try await engine.columns(of: table) ?? [] {
                if let wanted = columns.first(where: { $0.caseInsensitiveCompare(column.name) == .orderedSame }) {
                    holders[wanted, default: []].append((table, column.name))
                }
            }
        }

        var plan: [(column: String, tables: [(table: String, column: String)])] = []
        var finished: [(column: String, refusal: PseudonymisationError)] = []
        for column in columns {
            let done = ledger.filter { $0.column.caseInsensitiveCompare(column) == .orderedSame }
            if let other = done.first(where: { $0.keyFingerprint != key.fingerprint }) {
                throw PseudonymisationError.differentKey(column: column, table: other.table, recorded: other.keyFingerprint, given: key.fingerprint)
            }
            let doneTables = Set(done.map { $0.table.uppercased() })
            let pending = (holders[column] ?? []).filter { !doneTables.contains($0.table.uppercased()) }
            if pending.isEmpty, let last = done.last {
                let refusal = PseudonymisationError.alreadyPseudonymised(
                    column: column, tables: done.map(\.table), fingerprint: last.keyFingerprint, appliedAt: last.appliedAt)
                finished.append((column, refusal))
                continue
            }
            plan.append((column, pending))
        }
        // Everything asked for is done: a second run, refused. Some of it done: a run cut short, finished.
        if let first = finished.first, plan.allSatisfy({ $0.tables.isEmpty }) { throw first.refusal }

        var changes: [LedgerEntry] = []
        for (column, pending) in plan where !pending.isEmpty {
            do {
                changes += try await pseudonymise(column: column, in: pending, on: engine)
            } catch {
                // The scratch tables hold identifiers next to their pseudonyms: never leave them behind.
                try? await engine.execute(dialect.dropTable(Self.valuesTable))
                try? await engine.execute(dialect.dropTable(Self.mappingTable))
                throw error
            }
        }
        let absent = columns.filter { holders[$0] == nil }
        return Summary(changes: changes, absentColumns: absent, finishedColumns: finished.map(\.column))
    }

    func pseudonymise(column: String, in pending: [(table: String, column: String)], on engine: any Engine) async throws -> [LedgerEntry] {
        let dialect = engine.dialect
        var changes: [LedgerEntry] = []
        try await buildMapping(for: pending, on: engine)
        for (table, engineColumn) in pending {
            let t = dialect.quote(table)
            let c = dialect.quote(engineColumn)
            let rows = try await engine.count("SELECT COUNT(\(c)) FROM \(t)")
            let entry = LedgerEntry(
                table: table, column: column.uppercased(), keyFingerprint: key.fingerprint,
                appliedAt: ISO8601DateFormatter().string(from: Date()), rows: rows)
            let m = dialect.quote(Self.mappingTable)
            let text = dialect.typeName(.text(length: nil))
            let ledgerLine = """
                INSERT INTO \(dialect.quote(Self.ledgerTable)) (table_name, column_name, key_fingerprint, pseudonym_format, applied_at, rows_changed)
                VALUES (\(dialect.literal(table)), \(dialect.literal(entry.column)), \(dialect.literal(entry.keyFingerprint)), \
                \(dialect.literal("hmac-sha256-base32-\(Pseudonym.length)")), \(dialect.literal(entry.appliedAt)), \(rows))
                """
            if dialect.updatesRows {
                // One execute: the engine runs both statements in one transaction, so the ledger never
                // disagrees with the table.
                let widen = dialect.widenToText(engineColumn, of: table).map { $0 + ";\n" } ?? ""
                try await engine.execute(
                    widen + """
                        UPDATE \(t) SET \(c) = (SELECT \(m).p FROM \(m) WHERE \(m).v = CAST(\(t).\(c) AS \(text))) WHERE \(c) IS NOT NULL;
                        \(ledgerLine)
                        """)
            } else {
                try await rebuild(table, replacing: engineColumn, on: engine)
                try await engine.execute(ledgerLine)
            }
            changes.append(entry)
        }
        try await engine.execute(dialect.dropTable(Self.mappingTable))
        return changes
    }

    /// On an engine that changes no row in place (Spark): the table made again with the column's pseudonyms
    /// (a LEFT JOIN on the mapping, so NULL stays NULL), then swapped in for the original. The engine has no
    /// transaction: a run cut between the swap and the ledger line leaves a pseudonymised table the ledger
    /// does not list, which a second run would hash again; the new table is complete before the old one goes.
    func rebuild(_ table: String, replacing column: String, on engine: any Engine) async throws {
        let dialect = engine.dialect
        guard let columns = try await engine.columns(of: table) else {
            throw EngineError.noSuchTable(engine: engine.url.description, table: table)
        }
        let text = dialect.typeName(.text(length: nil))
        let select = columns.map { current in
            current.name == column ? "k.p AS \(dialect.quote(current.name))" : "s.\(dialect.quote(current.name))"
        }.joined(separator: ", ")
        let rebuilt = "\(table)__pseudonymised"
        try await engine.execute(dialect.dropTable(rebuilt))
        try await engine.execute(
            dialect.createTable(
                rebuilt,
                as: "SELECT \(select) FROM \(dialect.quote(table)) s LEFT JOIN \(dialect.quote(Self.mappingTable)) k "
                    + "ON k.v = CAST(s.\(dialect.quote(column)) AS \(text))"))
        try await engine.execute(dialect.dropTable(table))
        try await engine.execute("ALTER TABLE \(dialect.quote(rebuilt)) RENAME TO \(dialect.quote(table))")
    }

    /// Gathers the distinct values of the column across `tables` on the engine (as text, so that 123 in an
    /// INTEGER column and '123' in a VARCHAR one get the same pseudonym), then loads `value -> pseudonym`
    /// a page at a time: memory holds one page, whatever the number of people.
    func buildMapping(for tables: [(table: String, column: String)], on engine: any Engine) async throws {
        let dialect = engine.dialect
        let text = dialect.typeName(.text(length: nil))
        let values = dialect.quote(Self.valuesTable)
        let union = tables.map { entry in
            "SELECT DISTINCT CAST(\(dialect.quote(entry.column)) AS \(text)) AS v FROM \(dialect.quote(entry.table)) WHERE \(dialect.quote(entry.column)) IS NOT NULL"
        }.joined(separator: " UNION ")
        try await engine.execute(dialect.dropTable(Self.valuesTable))
        try await engine.execute(dialect.createTable(Self.valuesTable, as: union))
        if let index = dialect.createIndex(Self.valuesTable + "_v", on: Self.valuesTable, columns: ["v"]) { try await engine.execute(index) }
        let mapping = TableDefinition(
            name: Self.mappingTable,
            columns: [
                ColumnDefinition(name: "v", type: .text(length: nil), isNullable: false), ColumnDefinition(name: "p", type: .text(length: nil)),
            ],
            primaryKey: ["v"])
        _ = try await engine.load(mapping, replacing: true) { loader in
            var last: String?
            while true {
                let after = last.map { " WHERE v > \(dialect.literal($0))" } ?? ""
                let page = try await engine.rows("SELECT v FROM \(values)\(after) ORDER BY v LIMIT \(pageSize)").compactMap { $0.first?.text }
                guard let end = page.last else { break }
                let pseudonyms = Pseudonym.of(page, key: key)
                try await loader.append(RowBatch(columns: ["v", "p"], rows: zip(page, pseudonyms).map { [.text($0), .text($1)] }))
                last = end
            }
        }
        try await engine.execute(dialect.dropTable(Self.valuesTable))
    }
}
