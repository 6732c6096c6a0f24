import Foundation
import GRDB

/// A variable (a column) of a catalog table, with every key its schema gave.
public struct Variable: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var catalogTableID: Int64
    public var versionID: Int64
    /// Order in the table, from 0.
    public var position: Int
    public var name: String
    public var description: String
    /// Frictionless type: string, integer, number, date, yearmonth, year, boolean, datetime.
    public var type: String
    /// The type in the producer's Oracle database (`type_oracle`).
    public var oracleType: String
    /// The length as written (`"4"`, or `"10,2"` for precision and scale).
    public var lengthText: String?
    public var length: Int?
    public var scale: Int?
    public var format: String
    /// The nomenclature reference as written, without the `-` that means none: `IR_SEX_V` or `IR_DTE_V:DTE_DTE`.
    public var nomenclatureReference: String?
    /// The nomenclature's name, without the column part of `NAME:COLUMN`; stored to join on it.
    public private(set) var nomenclatureName: String?
    /// Frictionless constraints (minimum, maximum, minLength, unique...), as a JSON object.
    public var constraints: String?
    public var history: CatalogTable.History
    /// The schema's `regle_gestion`: how the producer fills the variable.
    public var managementRule: String
    public var observation: String
    /// Keys Hublot has no column for (trueValues, falseValues...), as a JSON object.
    public var extra: String?

    public init(
        id: Int64? = nil, catalogTableID: Int64, versionID: Int64, position: Int, name: String, description: String = "",
        type: String = "string", oracleType: String = "", lengthText: String? = nil, format: String = "default",
        nomenclatureReference: String? = nil, constraints: String? = nil, history: CatalogTable.History = .init(),
        managementRule: String = "", observation: String = "", extra: String? = nil
    ) {
        self.id = id
        self.catalogTableID = catalogTableID
        self.versionID = versionID
        self.position = position
        self.name = name
        self.description = description
        self.type = type
        self.oracleType = oracleType
        self.lengthText = lengthText
        (self.length, self.scale) = Variable.parseLength(lengthText)
        self.format = format
        self.nomenclatureReference = nomenclatureReference
        self.nomenclatureName = nomenclatureReference.map { String($0.split(separator: ":", maxSplits: 1)[0]) }
        self.constraints = constraints
        self.history = history
        self.managementRule = managementRule
        self.observation = observation
        self.extra = extra
    }

    /// The nomenclature column holding this variable's codes, when the reference names one.
    public var nomenclatureColumn: String? {
        guard let parts = nomenclatureReference?.split(separator: ":", maxSplits: 1), parts.count == 2 else { return nil }
        return String(parts[1])
    }

    /// `"4"` -> (4, nil); `"10,2"` -> (10, 2); anything else -> (nil, nil), the text itself being kept.
    static func parseLength(_ text: String?) -> (length: Int?, scale: Int?) {
        guard let text else { return (nil, nil) }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        switch parts.count {
        case 1: return (parts[0], nil)
        case 2 where parts[0] != nil && parts[1] != nil: return (parts[0], parts[1])
        default: return (nil, nil)
        }
    }
}

extension Variable: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "variable"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let catalogTableID = Column(CodingKeys.catalogTableID)
        public static let versionID = Column(CodingKeys.versionID)
        public static let position = Column(CodingKeys.position)
        public static let name = Column(CodingKeys.name)
        public static let nomenclatureName = Column(CodingKeys.nomenclatureName)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
