/// The `CREATE TRIGGER` statements by which a capability notes, in a queue table of its own, the rows that other
/// capabilities write, so that writers need not know who follows them (search, enrichment).
public struct PendingTriggers: Sendable {
    /// Begins each trigger's name (`search`, `enrichment`).
    public let prefix: String
    /// The queue table and its column (`searchPending (publicationID)`).
    public let queue: String
    public let column: String
    public private(set) var statements: [String] = []

    public init(prefix: String, queue: String, column: String = "publicationID") {
        self.prefix = prefix
        self.queue = queue
        self.column = column
    }

    /// A trigger after `event` (`INSERT`, `UPDATE`, `DELETE`) on `table` noting each of `values` (`NEW.id`).
    public mutating func note(_ table: String, after event: String, _ values: [String]) {
        let inserts = values.map { "INSERT OR IGNORE INTO \(queue) (\(column)) VALUES (\($0));" }.joined(separator: " ")
        statements.append("CREATE TRIGGER \(prefix)_\(table)_\(event.lowercased()) AFTER \(event) ON \(table) BEGIN \(inserts) END")
    }
}
