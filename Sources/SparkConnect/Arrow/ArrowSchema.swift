/// The Arrow types a Spark answer can hold that Hublot reads: flat ones only. Nested types (lists, structs,
/// maps) are turned into JSON text on the server (`to_json`) rather than decoded here.
public enum ArrowType: Hashable, Sendable {
    case null
    case integer(bitWidth: Int, signed: Bool)
    case floatingPoint(bitWidth: Int)
    case boolean
    case utf8
    case largeUTF8
    case binary
    case largeBinary
    /// Days since 1970-01-01 (`date32`), or milliseconds since then (`date64`).
    case date(DateUnit)
    /// Since 1970-01-01 00:00:00 UTC; without a time zone, a wall-clock time read as UTC.
    case timestamp(TimeUnit, timeZone: String?)
    case decimal(precision: Int, scale: Int, bitWidth: Int)

    public enum DateUnit: Int16, Sendable { case day = 0, millisecond = 1 }
    public enum TimeUnit: Int16, Sendable { case second = 0, millisecond = 1, microsecond = 2, nanosecond = 3 }
}

public struct ArrowField: Hashable, Sendable {
    public var name: String
    public var type: ArrowType
    public var isNullable: Bool

    public init(name: String, type: ArrowType, isNullable: Bool = true) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
    }
}

public enum ArrowError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unsupportedType(field: String, typeID: Int)
    case unsupported(String)

    public var description: String {
        switch self {
        case .malformed(let detail): "malformed Arrow IPC stream: \(detail)"
        case .unsupportedType(let field, let typeID):
            "Arrow column \(field) has a type Hublot does not decode (type \(typeID)); turn it into text in the query (to_json, CAST)"
        case .unsupported(let detail): "Arrow IPC stream: \(detail)"
        }
    }
}

extension ArrowField {
    /// A `Field` table of Arrow's `Schema.fbs`: name 0, nullable 1, type_type 2, type 3, dictionary 4, children 5.
    init(flatBuffer field: FlatBufferTable) throws(ArrowError) {
        let name = try field.string(0) ?? ""
        self.init(name: name, type: try Self.type(of: field, name: name), isNullable: try field.bool(1))
    }

    private static func type(of field: FlatBufferTable, name: String) throws(ArrowError) -> ArrowType {
        if try field.table(4) != nil { throw .unsupported("column \(name) is dictionary-encoded") }
        let typeID = Int(try field.uint8(2))
        let detail = try field.table(3)
        func required() throws(ArrowError) -> FlatBufferTable {
            guard let detail else { throw ArrowError.malformed("column \(name) has no type table") }
            return detail
        }
        switch typeID {
        case 1: return .null
        case 2:
            let table = try required()
            return .integer(bitWidth: Int(try table.int32(0)), signed: try table.bool(1))
        case 3:
            let precision = try required().int16(0)
            guard precision == 1 || precision == 2 else { throw .unsupported("column \(name) holds half-precision floats") }
            return .floatingPoint(bitWidth: precision == 1 ? 32 : 64)
        case 4: return .binary
        case 5: return .utf8
        case 6: return .boolean
        case 7:
            let table = try required()
            let bitWidth = Int(try table.int32(2, default: 128))
            guard bitWidth == 128 else { throw .unsupported("column \(name) holds \(bitWidth)-bit decimals") }
            return .decimal(precision: Int(try table.int32(0)), scale: Int(try table.int32(1)), bitWidth: bitWidth)
        case 8:
            guard let unit = ArrowType.DateUnit(rawValue: try detail?.int16(0, default: 1) ?? 1) else {
                throw .malformed("column \(name) has an unknown date unit")
            }
            return .date(unit)
        case 10:
            let table = try required()
            guard let unit = ArrowType.TimeUnit(rawValue: try table.int16(0)) else { throw .malformed("column \(name) has an unknown time unit") }
            return .timestamp(unit, timeZone: try table.string(1))
        case 19: return .largeBinary
        case 20: return .largeUTF8
        default: throw .unsupportedType(field: name, typeID: typeID)
        }
    }
}
