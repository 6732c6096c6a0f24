import GRDB

/// A code list (`IR_SEX_V`: 1 -> Masculin, 2 -> Féminin...), described by a Table Schema and filled from a CSV.
public struct Nomenclature: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var versionID: Int64
    public var name: String
    /// The producer folder it came from (ORAVAL, ORAREF, ATIH, DREES...).
    public var source: String
    public var title: String
    public var description: String
    public var columns: [Column]
    public var primaryKey: [String]
    /// The column the schema marks `role: code`, else the first primary-key column, else the first column.
    public var codeColumn: String?
    /// The column the schema marks `role: label`, else the first other text column.
    public var labelColumn: String?
    /// The loaded rows, shared with every version whose CSV was identical; nil when the CSV is missing.
    public var contentID: Int64?
    public var sourcePath: String

    public struct Column: Codable, Hashable, Sendable {
        public var name: String
        public var type: String
        public var role: String?

        public init(name: String, type: String = "string", role: String? = nil) {
            self.name = name
            self.type = type
            self.role = role
        }
    }

    public init(
        id: Int64? = nil, versionID: Int64, name: String, source: String, title: String, description: String = "",
        columns: [Column], primaryKey: [String] = [], contentID: Int64? = nil, sourcePath: String
    ) {
        self.id = id
        self.versionID = versionID
        self.name = name
        self.source = source
        self.title = title
        self.description = description
        self.columns = columns
        self.primaryKey = primaryKey
        self.codeColumn =
            columns.first { $0.role == "code" }?.name ?? primaryKey.first { key in columns.contains { $0.name == key } }
            ?? columns.first?.name
        let codeColumn = self.codeColumn
        self.labelColumn =
            columns.first { $0.role == "label" }?.name
            ?? columns.first { $0.name != codeColumn && $0.type == "string" && $0.name != "TEC_COL" }?.name
        self.contentID = contentID
        self.sourcePath = sourcePath
    }

    public var isLoaded: Bool { contentID != nil }
}

extension Nomenclature: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "nomenclature"

    public enum Columns {
        public static let versionID = GRDB.Column(CodingKeys.versionID)
        public static let name = GRDB.Column(CodingKeys.name)
        public static let contentID = GRDB.Column(CodingKeys.contentID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// The rows of a nomenclature CSV, stored once per distinct content so that re-importing an unchanged
/// catalog costs no space, and comparing two versions' nomenclatures is comparing digests.
public struct NomenclatureContent: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var digest: String
    /// The CSV header, which is what the rows' values line up with (it may differ from the schema's fields).
    public var header: [String]
    public var rowCount: Int
    /// The rowids of its first and last entries: a content's entries are inserted together, so their rowids
    /// are contiguous, and a label search can be narrowed to one nomenclature by rowid range.
    public var firstEntryRowID: Int64?
    public var lastEntryRowID: Int64?

    public init(id: Int64? = nil, digest: String, header: [String], rowCount: Int) {
        self.id = id
        self.digest = digest
        self.header = header
        self.rowCount = rowCount
    }
}

extension NomenclatureContent: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "nomenclatureContent"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One row of a nomenclature: its code, its label, and every value of the CSV line.
public struct NomenclatureEntry: Codable, Hashable, Sendable {
    public var contentID: Int64
    /// The CSV line the row starts on, to point at it in messages.
    public var line: Int
    public var code: String
    public var label: String
    public var values: [String]

    public init(contentID: Int64, line: Int, code: String, label: String, values: [String]) {
        self.contentID = contentID
        self.line = line
        self.code = code
        self.label = label
        self.values = values
    }
}

extension NomenclatureEntry: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "nomenclatureEntry"

    public enum Columns {
        public static let contentID = Column(CodingKeys.contentID)
        public static let code = Column(CodingKeys.code)
        public static let line = Column(CodingKeys.line)
    }
}
