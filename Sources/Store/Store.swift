import Foundation
import GRDB

/// A piece of the store's schema owned by one capability. Each capability registers its own migrations,
/// so that the store knows nothing of catalogs or publications and dependencies point one way.
public protocol StoreSchema: Sendable {
    static func registerMigrations(in migrator: inout DatabaseMigrator)
}

/// The embedded SQLite store: one file in WAL mode, migrated on open.
public struct Store: Sendable {
    public let writer: any DatabaseWriter
    public var reader: any DatabaseReader { writer }

    /// Opens (creating if needed) the store at `path` and runs every pending migration before returning.
    public static func open(path: String, schemas: [any StoreSchema.Type]) throws -> Store {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // Imports write hundreds of thousands of rows in one transaction; a larger page cache keeps them fast.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // In WAL mode, NORMAL loses no committed transaction on a crash, only durability on power loss.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path, configuration: configuration)
        return try Store(writer: pool, schemas: schemas)
    }

    /// A private in-memory store, for tests and dry runs.
    public static func inMemory(schemas: [any StoreSchema.Type]) throws -> Store {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        return try Store(writer: DatabaseQueue(configuration: configuration), schemas: schemas)
    }

    private init(writer: any DatabaseWriter, schemas: [any StoreSchema.Type]) throws {
        var migrator = DatabaseMigrator()
        for schema in schemas { schema.registerMigrations(in: &migrator) }
        try migrator.migrate(writer)
        self.writer = writer
    }
}

extension Store {
    /// Answers when the store can be read: what `/healthz` checks.
    public func ping() async throws {
        try await reader.read { db in try db.execute(sql: "SELECT 1") }
    }
}
