import Foundation

/// One value of an Arrow column, in the terms Hublot's engines exchange: dates, timestamps and decimals as
/// text that keeps every digit (`2021-03-04`, `2021-03-04 10:30:00`, `12.50`).
public enum ArrowValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case boolean(Bool)
    case text(String)
    case binary([UInt8])
    case decimal(String)
    case date(String)
    case timestamp(String)
}

/// The rows of one Arrow record batch, column by column, read in place from the message's bytes.
public struct ArrowRecordBatch: Sendable {
    public let fields: [ArrowField]
    public let count: Int
    public let columns: [ArrowColumn]

    public subscript(row: Int, column: Int) -> ArrowValue { columns[column].value(at: row) }
}

/// Decodes an Arrow IPC stream: a schema message, record batches, an end marker (Spark Connect sends one
/// such stream in each `ArrowBatch`). Uncompressed, without dictionaries; both the framing with the
/// 0xFFFFFFFF continuation marker and the older one without it are read. The end marker is required.
public enum ArrowStreamReader {
    /// Message header types of Arrow's `Message.fbs`.
    private static let schemaHeader: UInt8 = 1
    private static let dictionaryBatchHeader: UInt8 = 2
    private static let recordBatchHeader: UInt8 = 3

    public static func decode(_ bytes: [UInt8]) throws(ArrowError) -> (fields: [ArrowField], batches: [ArrowRecordBatch]) {
        var fields: [ArrowField]?
        var batches: [ArrowRecordBatch] = []
        var position = 0
        var ended = false
        while position + 4 <= bytes.count {
            var length = try FlatBufferTable.uint32(bytes, position)
            position += 4
            if length == 0xFFFF_FFFF {
                length = try FlatBufferTable.uint32(bytes, position)
                position += 4
            }
            if length == 0 {
                ended = true
                break
            }
            let metadataStart = position
            position += Int(length)
            guard position <= bytes.count else { throw .malformed("a message of \(length) bytes past the end at \(metadataStart)") }
            let message = try FlatBufferTable(root: bytes, at: metadataStart)
            let headerType = try message.uint8(1)
            let bodyLength = Int(try message.int64(3))
            let bodyStart = position
            position += bodyLength
            guard bodyLength >= 0, position <= bytes.count else {
                throw .malformed("a message body of \(bodyLength) bytes past the end at \(bodyStart)")
            }
            guard let header = try message.table(2) else { throw .malformed("a message without header at \(metadataStart)") }
            switch headerType {
            case schemaHeader:
                fields = try header.tables(1).map { (field) throws(ArrowError) in try ArrowField(flatBuffer: field) }
            case recordBatchHeader:
                guard let fields else { throw .malformed("a record batch before the schema at \(metadataStart)") }
                batches.append(try recordBatch(header, fields: fields, bytes: bytes, body: bodyStart..<position))
            case dictionaryBatchHeader:
                throw .unsupported("dictionary batches")
            default:
                throw .unsupported("message type \(headerType)")
            }
        }
        // Without its end marker, a stream was cut, maybe right between two messages.
        guard ended else { throw .malformed("no end marker: the stream stops at \(position) of \(bytes.count) bytes") }
        guard let fields else { throw .malformed("no schema message") }
        return (fields, batches)
    }

    /// A `RecordBatch` table: length 0, nodes 1 (16-byte structs), buffers 2 (16-byte structs), compression 3.
    private static func recordBatch(
        _ header: FlatBufferTable, fields: [ArrowField], bytes: [UInt8], body: Range<Int>
    ) throws(ArrowError) -> ArrowRecordBatch {
        if try header.table(3) != nil { throw .unsupported("compressed record batches") }
        let count = Int(try header.int64(0))
        let nodes = try header.vector(1) ?? (0, 0)
        let buffers = try header.vector(2) ?? (0, 0)
        guard nodes.count == fields.count else {
            throw .malformed("\(nodes.count) field nodes for \(fields.count) columns")
        }
        var nextBuffer = 0
        func buffer() throws(ArrowError) -> Range<Int> {
            guard nextBuffer < buffers.count else { throw ArrowError.malformed("fewer buffers than the columns need") }
            let at = buffers.start + 16 * nextBuffer
            nextBuffer += 1
            let offset = Int(Int64(bitPattern: try FlatBufferTable.uint64(bytes, at)))
            let length = Int(Int64(bitPattern: try FlatBufferTable.uint64(bytes, at + 8)))
            guard offset >= 0, length >= 0, offset + length <= body.count else {
                throw ArrowError.malformed("a buffer of \(length) bytes at \(offset) outside a body of \(body.count)")
            }
            return (body.lowerBound + offset)..<(body.lowerBound + offset + length)
        }
        var columns: [ArrowColumn] = []
        for (index, field) in fields.enumerated() {
            let node = nodes.start + 16 * index
            let length = Int(Int64(bitPattern: try FlatBufferTable.uint64(bytes, node)))
            let nullCount = Int(Int64(bitPattern: try FlatBufferTable.uint64(bytes, node + 8)))
            guard length == count else { throw .malformed("column \(field.name) has \(length) values in a batch of \(count) rows") }
            var column = ArrowColumn(field: field, count: count, bytes: bytes)
            if field.type == .null {
                column.allNull = true
                columns.append(column)
                continue
            }
            let validity = try buffer()
            if nullCount > 0 {
                guard validity.count * 8 >= count else { throw .malformed("column \(field.name)'s validity bitmap is too short") }
                column.validity = validity
            }
            switch field.type {
            case .utf8, .binary, .largeUTF8, .largeBinary:
                column.offsets = try buffer()
                column.values = try buffer()
                let width = field.type == .utf8 || field.type == .binary ? 4 : 8
                guard count == 0 || column.offsets.count >= (count + 1) * width else {
                    throw .malformed("column \(field.name)'s offsets are too short")
                }
            default:
                column.values = try buffer()
                guard column.values.count * 8 >= count * column.valueBits else {
                    throw .malformed("column \(field.name)'s values are too short")
                }
            }
            columns.append(column)
        }
        return ArrowRecordBatch(fields: fields, count: count, columns: columns)
    }
}

/// One column of a record batch; its buffers are ranges of the message's bytes.
public struct ArrowColumn: Sendable {
    public let field: ArrowField
    public let count: Int
    let bytes: [UInt8]
    var allNull = false
    var validity: Range<Int>?
    var offsets: Range<Int> = 0..<0
    var values: Range<Int> = 0..<0

    init(field: ArrowField, count: Int, bytes: [UInt8]) {
        self.field = field
        self.count = count
        self.bytes = bytes
    }

    /// Bits per value in the values buffer (fixed-width types).
    var valueBits: Int {
        switch field.type {
        case .integer(let bitWidth, _), .floatingPoint(let bitWidth), .decimal(_, _, let bitWidth): bitWidth
        case .boolean: 1
        case .date(let unit): unit == .day ? 32 : 64
        case .timestamp: 64
        case .null, .utf8, .largeUTF8, .binary, .largeBinary: 0
        }
    }

    public func isNull(_ row: Int) -> Bool {
        if allNull { return true }
        guard let validity else { return false }
        return bytes[validity.lowerBound + row >> 3] & (1 << UInt8(row & 7)) == 0
    }

    public func value(at row: Int) -> ArrowValue {
        precondition(row >= 0 && row < count, "row \(row) outside a batch of \(count)")
        if isNull(row) { return .null }
        return bytes.withUnsafeBytes { raw in
            let base = values.lowerBound
            switch field.type {
            case .null:
                return .null
            case .integer(let bitWidth, let signed):
                switch (bitWidth, signed) {
                case (8, true): return .integer(Int64(raw.load(fromByteOffset: base + row, as: Int8.self)))
                case (8, false): return .integer(Int64(raw[base + row]))
                case (16, true): return .integer(Int64(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: base + 2 * row, as: Int16.self))))
                case (16, false): return .integer(Int64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: base + 2 * row, as: UInt16.self))))
                case (32, true): return .integer(Int64(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 4 * row, as: Int32.self))))
                case (32, false): return .integer(Int64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 4 * row, as: UInt32.self))))
                default: return .integer(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8 * row, as: Int64.self)))
                }
            case .floatingPoint(let bitWidth):
                if bitWidth == 32 {
                    let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 4 * row, as: UInt32.self))
                    return .real(Double(Float(bitPattern: bits)))
                }
                return .real(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8 * row, as: UInt64.self))))
            case .boolean:
                return .boolean(raw[base + row >> 3] & (1 << UInt8(row & 7)) != 0)
            case .utf8, .binary, .largeUTF8, .largeBinary:
                let start: Int
                let end: Int
                if field.type == .utf8 || field.type == .binary {
                    start = Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offsets.lowerBound + 4 * row, as: Int32.self)))
                    end = Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offsets.lowerBound + 4 * row + 4, as: Int32.self)))
                } else {
                    start = Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offsets.lowerBound + 8 * row, as: Int64.self)))
                    end = Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offsets.lowerBound + 8 * row + 8, as: Int64.self)))
                }
                // Offsets come from the network: a value outside the data buffer reads as empty rather than crash.
                guard start >= 0, start <= end, end <= values.count else {
                    return field.type == .utf8 || field.type == .largeUTF8 ? .text("") : .binary([])
                }
                let slice = UnsafeRawBufferPointer(rebasing: raw[(base + start)..<(base + end)])
                if field.type == .utf8 || field.type == .largeUTF8 { return .text(String(decoding: slice, as: UTF8.self)) }
                return .binary(Array(slice))
            case .date(let unit):
                if unit == .day {
                    return .date(ArrowCalendar.day(Int64(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 4 * row, as: Int32.self)))))
                }
                let milliseconds = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8 * row, as: Int64.self))
                return .date(ArrowCalendar.day(ArrowCalendar.floorDivide(milliseconds, 86_400_000)))
            case .timestamp(let unit, let timeZone):
                let ticks = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8 * row, as: Int64.self))
                return .timestamp(ArrowCalendar.timestamp(ticks, unit: unit, timeZone: timeZone))
            case .decimal(_, let scale, _):
                let low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 16 * row, as: UInt64.self))
                let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 16 * row + 8, as: UInt64.self))
                return .decimal(ArrowDecimal.text(high: high, low: low, scale: scale))
            }
        }
    }
}

/// Days and instants since the epoch as ISO text, on the proleptic Gregorian calendar Arrow and Spark use.
enum ArrowCalendar {
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    /// Year, month and day of a day count since 1970-01-01 (H. Hinnant's civil-from-days).
    static func civil(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func day(_ days: Int64) -> String {
        let (year, month, day) = civil(days)
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// `YYYY-MM-DD HH:MM:SS`, with the fraction of a second when there is one, as wall-clock time in
    /// `timeZone` (Spark's session time zone) when the column has one.
    static func timestamp(_ ticks: Int64, unit: ArrowType.TimeUnit, timeZone: String?) -> String {
        let perSecond: Int64 =
            switch unit {
            case .second: 1
            case .millisecond: 1_000
            case .microsecond: 1_000_000
            case .nanosecond: 1_000_000_000
            }
        var seconds = floorDivide(ticks, perSecond)
        let fraction = ticks - seconds * perSecond
        if let timeZone, let zone = TimeZone(identifier: timeZone) {
            seconds += Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
        }
        let days = floorDivide(seconds, 86_400)
        let time = seconds - days * 86_400
        var text = "\(day(days)) \(padded(time / 3600, 2)):\(padded(time / 60 % 60, 2)):\(padded(time % 60, 2))"
        if fraction != 0 {
            var digits = padded(fraction, String(perSecond).count - 1)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// Arrow's decimal128: a 128-bit two's complement integer, little-endian, scaled by 10^-scale.
enum ArrowDecimal {
    static func text(high: UInt64, low: UInt64, scale: Int) -> String {
        let negative = high >> 63 == 1
        var (high, low) = (high, low)
        if negative {
            // Two's complement negation of the 128-bit value.
            low = ~low &+ 1
            high = ~high &+ (low == 0 ? 1 : 0)
        }
        var digits = ""
        let chunk: UInt64 = 1_000_000_000_000_000_000
        while high != 0 || low != 0 {
            let highQuotient = high / chunk
            let (lowQuotient, remainder) = chunk.dividingFullWidth((high % chunk, low))
            let part = String(remainder)
            high = highQuotient
            low = lowQuotient
            digits = (high != 0 || low != 0 ? String(repeating: "0", count: 18 - part.count) : "") + part + digits
        }
        if digits.isEmpty { digits = "0" }
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (negative ? "-" : "") + digits
    }
}
