import GRDB

/// A table of a product (`ER_PRS_F` of the DCIR, `T_MCOaaB` of the PMSI MCO...), as its schema file describes it.
public struct CatalogTable: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var versionID: Int64
    public var product: String
    public var name: String
    public var title: String
    /// The schema's `champ`: which sector the table covers (public, private...).
    public var scope: String
    public var observation: String
    public var history: History
    public var primaryKey: [String]
    public var missingValues: [String]
    /// The schema file, relative to the imported directory.
    public var sourcePath: String
    /// Keys of the schema file that Hublot has no column for, kept verbatim (a JSON object).
    public var extra: String?

    /// When a table or a variable appeared, disappeared, or was missing, as the schema states it (years, as text).
    public struct History: Codable, Hashable, Sendable {
        public var created: String
        public var deleted: String
        public var missing: [String]

        public init(created: String = "", deleted: String = "", missing: [String] = []) {
            self.created = created
            self.deleted = deleted
            self.missing = missing
        }
    }

    public init(
        id: Int64? = nil, versionID: Int64, product: String, name: String, title: String, scope: String = "",
        observation: String = "", history: History = History(), primaryKey: [String] = [], missingValues: [String] = [],
        sourcePath: String, extra: String? = nil
    ) {
        self.id = id
        self.versionID = versionID
        self.product = product
        self.name = name
        self.title = title
        self.scope = scope
        self.observation = observation
        self.history = history
        self.primaryKey = primaryKey
        self.missingValues = missingValues
        self.sourcePath = sourcePath
        self.extra = extra
    }
}

extension CatalogTable: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "catalogTable"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let versionID = Column(CodingKeys.versionID)
        public static let product = Column(CodingKeys.product)
        public static let name = Column(CodingKeys.name)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
