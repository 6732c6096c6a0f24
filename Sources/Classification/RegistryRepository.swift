import Catalog
import Core
import Crypto
import Foundation
import GRDB
import Store

/// An imported registry, as listings show it.
public struct RegistryVersion: Hashable, Sendable, Codable {
    public var id: Int64
    public var sha256: String
    public var file: String
    /// The `version` the file declares.
    public var declaredVersion: Int
    public var importedAt: Date

    /// How classifications name the registry that made them.
    public var label: String { "v\(id)" }
}

/// The registry classifications are made with: the latest imported, else the one Hublot ships.
public struct CurrentRegistry: Sendable {
    public var registry: DatabaseRegistry
    /// Nil for the shipped registry.
    public var version: RegistryVersion?

    public var label: String { version?.label ?? "standard" }
}

/// What importing a registry file did.
public enum RegistryImport: Sendable {
    case imported(RegistryVersion)
    /// The file is the current registry already: nothing was written.
    case unchanged(RegistryVersion)
}

/// The registry's versions in the store: "in the catalog, above the imported products".
public struct RegistryRepository: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func current() async throws -> CurrentRegistry {
        try await store.reader.read { db in try Self.current(db) }
    }

    static func current(_ db: Database) throws -> CurrentRegistry {
        guard let row = try Row.fetchOne(db, sql: "\(selection) ORDER BY id DESC LIMIT 1") else {
            return CurrentRegistry(registry: .standard, version: nil)
        }
        let version = RegistryVersion(row: row)
        // Checked when imported; a failure here means the store was edited by hand.
        let registry = try DatabaseRegistry.decode(yaml: row["yaml"], file: "registry \(version.label) (\(version.file))")
        return CurrentRegistry(registry: registry, version: version)
    }

    /// Every imported version, newest first.
    public func versions() async throws -> [RegistryVersion] {
        try await store.reader.read { db in
            try Row.fetchAll(db, sql: "\(Self.selection) ORDER BY id DESC").map(RegistryVersion.init(row:))
        }
    }

    /// Checks `yaml` (errors name `file` and the path in it) and stores it as the new current version, unless it
    /// is the current version already.
    public func importRegistry(yaml: String, file: String, at date: Date = Date()) async throws -> RegistryImport {
        let registry = try DatabaseRegistry.decode(yaml: yaml, file: file)
        let digest = SHA256.hash(data: Data(yaml.utf8)).hexadecimal
        return try await store.writer.write { db in
            if let row = try Row.fetchOne(db, sql: "\(Self.selection) ORDER BY id DESC LIMIT 1"), (row["sha256"] as String) == digest {
                return .unchanged(RegistryVersion(row: row))
            }
            try db.execute(
                sql: "INSERT INTO databaseRegistryVersion (yaml, sha256, file, declaredVersion, importedAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [yaml, digest, file, registry.version, date])
            return .imported(
                RegistryVersion(id: db.lastInsertedRowID, sha256: digest, file: file, declaredVersion: registry.version, importedAt: date))
        }
    }

    private static let selection = "SELECT id, sha256, file, declaredVersion, importedAt, yaml FROM databaseRegistryVersion"
}

extension RegistryVersion {
    init(row: Row) {
        self.init(id: row["id"], sha256: row["sha256"], file: row["file"], declaredVersion: row["declaredVersion"], importedAt: row["importedAt"])
    }
}
