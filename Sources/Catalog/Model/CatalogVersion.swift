import Foundation
import GRDB

/// One import of a catalog. Importing again makes a new version; older ones stay for `catalog diff`.
public struct CatalogVersion: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var name: String
    public var importedAt: Date
    /// The directory the catalog was read from, or `sample` for the demo catalog.
    public var source: String
    /// True for the small sample that `hublot demo` loads: pages label it so nobody takes it for the real SNDS.
    public var isSample: Bool
    /// What the import reported without stopping, kept so that pages can show it later.
    public var warnings: [ImportProblem]

    public init(
        id: Int64? = nil, name: String, importedAt: Date = Date(), source: String, isSample: Bool = false,
        warnings: [ImportProblem] = []
    ) {
        self.id = id
        self.name = name
        self.importedAt = importedAt
        self.source = source
        self.isSample = isSample
        self.warnings = warnings
    }
}

extension CatalogVersion: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "catalogVersion"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
