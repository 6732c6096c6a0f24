import GRDB

/// A join from one table to another on one or several columns (`ER_PRS_F` -> `IR_BEN_R` on
/// `BEN_NIR_PSA + BEN_RNG_GEM`). A key whose target table is not in the catalog is kept, unresolved.
public struct ForeignKey: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var catalogTableID: Int64
    public var versionID: Int64
    public var position: Int
    public var fields: [String]
    public var referencedTable: String
    public var referencedFields: [String]
    /// The referenced table's id in the same version, nil when the catalog has no such table.
    public var referencedTableID: Int64?

    public init(
        id: Int64? = nil, catalogTableID: Int64, versionID: Int64, position: Int, fields: [String], referencedTable: String,
        referencedFields: [String], referencedTableID: Int64? = nil
    ) {
        self.id = id
        self.catalogTableID = catalogTableID
        self.versionID = versionID
        self.position = position
        self.fields = fields
        self.referencedTable = referencedTable
        self.referencedFields = referencedFields
        self.referencedTableID = referencedTableID
    }
}

extension ForeignKey: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "foreignKey"

    public enum Columns {
        public static let catalogTableID = Column(CodingKeys.catalogTableID)
        public static let versionID = Column(CodingKeys.versionID)
        public static let referencedTableID = Column(CodingKeys.referencedTableID)
        public static let position = Column(CodingKeys.position)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
