/// A product (DCIR, PMSI MCO...) and what it holds.
public struct ProductSummary: Codable, Hashable, Sendable {
    public var name: String
    public var tables: Int
    public var fields: Int
}

/// A table in a list, without its variables.
public struct TableSummary: Codable, Hashable, Sendable {
    public var name: String
    public var product: String
    public var title: String
    public var fields: Int
}

/// A join between two tables, seen from one of them.
public struct Join: Codable, Hashable, Sendable {
    public enum Direction: String, Codable, Sendable {
        /// This table's foreign key references the other table.
        case outgoing
        /// The other table's foreign key references this table.
        case incoming
    }

    public var direction: Direction
    /// The table at the other end.
    public var table: String
    /// The columns on this table's side, in key order.
    public var fields: [String]
    /// The columns on the other table's side, in the same order.
    public var otherFields: [String]
    /// False when the other table is not in the catalog.
    public var resolved: Bool

    public init(direction: Direction, table: String, fields: [String], otherFields: [String], resolved: Bool) {
        self.direction = direction
        self.table = table
        self.fields = fields
        self.otherFields = otherFields
        self.resolved = resolved
    }
}

/// A variable name that this table shares with others: the implicit joins a researcher looks for.
public struct SharedVariable: Codable, Hashable, Sendable {
    public var name: String
    public var tables: [String]
}

/// A table with everything its page shows.
public struct TableDetail: Codable, Hashable, Sendable {
    public var table: CatalogTable
    public var fields: [Variable]
    public var foreignKeys: [ForeignKey]
    public var joins: [Join]
    public var sharedVariables: [SharedVariable]
}

/// A variable with its table, its nomenclature and the other tables that have a variable of that name.
public struct VariableDetail: Codable, Hashable, Sendable {
    public var table: TableSummary
    public var variable: Variable
    public var nomenclature: Nomenclature?
    /// The first codes of its nomenclature, for a glance.
    public var sampleEntries: [NomenclatureEntry]
    public var alsoIn: [String]
}

/// A nomenclature with its size and the variables that take its codes.
public struct NomenclatureDetail: Codable, Hashable, Sendable {
    public var nomenclature: Nomenclature
    public var entries: Int
    /// `TABLE.VARIABLE` of every variable that refers to it.
    public var usedBy: [String]
}
