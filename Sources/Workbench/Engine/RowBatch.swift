/// One value of a project table, as engines exchange it.
///
/// Dates travel as ISO text (`2021-03-04`), decimals as their exact text (`12.50`): the engines' own
/// types are declared by the table definition, and text keeps every digit across them.
public enum CellValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var isNull: Bool { self == .null }

    public var integer: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value)
        case .text(let text): Int64(text)
        case .null: nil
        }
    }

    /// The value as CSV and reports write it; nil for NULL.
    public var text: String? {
        switch self {
        case .null: nil
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        }
    }
}

/// Rows of values, row-major, all with the same columns.
public struct RowBatch: Sendable {
    public var columns: [String]
    public private(set) var values: [CellValue]

    public init(columns: [String], values: [CellValue] = []) {
        precondition(columns.isEmpty || values.count % columns.count == 0, "whole rows only")
        self.columns = columns
        self.values = values
    }

    public init(columns: [String], rows: [[CellValue]]) {
        self.init(columns: columns, values: rows.flatMap { $0 })
    }

    public var count: Int { columns.isEmpty ? 0 : values.count / columns.count }
    public var isEmpty: Bool { values.isEmpty }

    public subscript(row: Int, column: Int) -> CellValue { values[row * columns.count + column] }

    public func row(_ index: Int) -> ArraySlice<CellValue> {
        values[index * columns.count..<(index + 1) * columns.count]
    }

    public var rows: [[CellValue]] { (0..<count).map { Array(row($0)) } }

    public mutating func append<Values: Collection<CellValue>>(row: Values) {
        precondition(row.count == columns.count, "a row has one value per column")
        values.append(contentsOf: row)
    }

    public mutating func removeAll(keepingCapacity: Bool = true) {
        values.removeAll(keepingCapacity: keepingCapacity)
    }
}
