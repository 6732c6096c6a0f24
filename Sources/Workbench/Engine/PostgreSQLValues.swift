import Core
import PostgresNIO

/// PostgreSQL's values to and from the cells engines exchange.
///
/// Rows come back in PostgreSQL's binary format (postgres-nio asks for it): integers and floats are read as
/// they are, numerics as their exact text, dates and timestamps as the ISO text SQLite holds, booleans as
/// 0 and 1 (SQLite's spelling). Rows go in as COPY's text format, escaped.
enum PostgreSQLValues {
    /// Days from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for dates and timestamps.
    static let epochDay = 10_957
    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// The cell of a value of `type`; nil `bytes` is NULL. Throws a description of the problem for a type
    /// Hublot does not read (an array, a geometry): the caller names the column.
    static func cell(_ bytes: ByteBuffer?, type: PostgresDataType) throws(UnreadableValue) -> CellValue {
        guard var buffer = bytes else { return .null }
        switch type {
        case .bool:
            guard let byte = buffer.readInteger(as: UInt8.self) else { throw .malformed(type) }
            return .integer(byte == 0 ? 0 : 1)
        case .int2:
            guard let value = buffer.readInteger(as: Int16.self) else { throw .malformed(type) }
            return .integer(Int64(value))
        case .int4:
            guard let value = buffer.readInteger(as: Int32.self) else { throw .malformed(type) }
            return .integer(Int64(value))
        case .int8:
            guard let value = buffer.readInteger(as: Int64.self) else { throw .malformed(type) }
            return .integer(value)
        case .oid:
            guard let value = buffer.readInteger(as: UInt32.self) else { throw .malformed(type) }
            return .integer(Int64(value))
        case .float4:
            guard let bits = buffer.readInteger(as: UInt32.self) else { throw .malformed(type) }
            return .real(Double(Float(bitPattern: bits)))
        case .float8:
            guard let bits = buffer.readInteger(as: UInt64.self) else { throw .malformed(type) }
            return .real(Double(bitPattern: bits))
        case .text, .varchar, .bpchar, .name, .char, .json, .xml, .unknown:
            return .text(buffer.readString(length: buffer.readableBytes) ?? "")
        case .jsonb:
            // A version byte (1), then the JSON text.
            guard buffer.readInteger(as: UInt8.self) == 1 else { throw .malformed(type) }
            return .text(buffer.readString(length: buffer.readableBytes) ?? "")
        case .numeric:
            return .text(try numericText(&buffer))
        case .date:
            guard let days = buffer.readInteger(as: Int32.self) else { throw .malformed(type) }
            if days == .max { return .text("infinity") }
            if days == .min { return .text("-infinity") }
            return .text(dateText(Int(days) + epochDay))
        case .timestamp, .timestamptz:
            guard let microseconds = buffer.readInteger(as: Int64.self) else { throw .malformed(type) }
            if microseconds == .max { return .text("infinity") }
            if microseconds == .min { return .text("-infinity") }
            let text = timestampText(microseconds)
            // Time zones are read in UTC: the binary value is an instant.
            return .text(type == .timestamptz ? text + "+00" : text)
        case .time:
            guard let microseconds = buffer.readInteger(as: Int64.self) else { throw .malformed(type) }
            return .text(timeText(microseconds))
        case .uuid:
            guard let bytes = buffer.readBytes(length: 16) else { throw .malformed(type) }
            let hex = bytes.hexadecimal
            let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
                hex.utf8.dropFirst(range.lowerBound).prefix(range.count)
            }
            return .text(parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "-"))
        case .bytea:
            // As SQLite's engine gives a BLOB: its bytes in hexadecimal.
            return .text(buffer.readableBytesView.hexadecimal)
        default:
            throw .unsupported(type)
        }
    }

    enum UnreadableValue: Error {
        case unsupported(PostgresDataType)
        case malformed(PostgresDataType)

        var reason: String {
            switch self {
            case .unsupported(let type):
                "its type (\(type), oid \(type.rawValue)) is not one Hublot reads; cast it in the query (::text)"
            case .malformed(let type): "a \(type) value that is not in PostgreSQL's binary format"
            }
        }
    }

    static func reason(_ error: any Error) -> String {
        (error as? UnreadableValue)?.reason ?? "\(error)"
    }

    /// The exact text of a binary numeric: base-10000 digits, the weight of the first, and the scale shown.
    /// Written byte by byte: a million-row read spends its time here otherwise.
    static func numericText(_ buffer: inout ByteBuffer) throws(UnreadableValue) -> String {
        guard let (count, weight, sign, scale) = buffer.readMultipleIntegers(as: (Int16, Int16, UInt16, UInt16).self), count >= 0,
            buffer.readableBytes >= Int(count) * 2
        else { throw .malformed(.numeric) }
        switch sign {
        case 0xC000: return "NaN"
        case 0xD000: return "Infinity"
        case 0xF000: return "-Infinity"
        case 0x0000, 0x4000: break
        default: throw .malformed(.numeric)
        }
        let first = buffer.readerIndex
        func group(_ index: Int) throws(UnreadableValue) -> Int {
            guard index >= 0, index < Int(count) else { return 0 }
            let digit = Int(buffer.getInteger(at: first + index * 2, as: Int16.self)!)
            guard (0..<10_000).contains(digit) else { throw .malformed(.numeric) }
            return digit
        }
        var text: [UInt8] = []
        text.reserveCapacity(Int(max(weight, 0) + 1) * 4 + Int(scale) + 2)
        if sign == 0x4000 { text.append(UInt8(ascii: "-")) }
        if weight < 0 {
            text.append(UInt8(ascii: "0"))
        } else {
            let leading = try group(0)
            var divisor = 1000
            while divisor > 1, leading / divisor == 0 { divisor /= 10 }
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(leading / divisor % 10))
                divisor /= 10
            }
            for index in stride(from: 1, through: Int(weight), by: 1) { try appendFourDigits(group(index), to: &text) }
        }
        if scale > 0 {
            text.append(UInt8(ascii: "."))
            let end = text.count + Int(scale)
            var index = Int(weight) + 1
            while text.count < end {
                try appendFourDigits(group(index), to: &text)
                index += 1
            }
            text.removeLast(text.count - end)
        }
        buffer.moveReaderIndex(forwardBy: Int(count) * 2)
        return String(decoding: text, as: UTF8.self)
    }

    static func appendFourDigits(_ value: Int, to text: inout [UInt8]) {
        text.append(UInt8(ascii: "0") + UInt8(value / 1000))
        text.append(UInt8(ascii: "0") + UInt8(value / 100 % 10))
        text.append(UInt8(ascii: "0") + UInt8(value / 10 % 10))
        text.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// `YYYY-MM-DD` of a day number since 1970-01-01; years before 1 as PostgreSQL writes them (`0044-03-15 BC`).
    static func dateText(_ day: Int) -> String {
        let (year, month, dayOfMonth) = CalendarDay.civil(day)
        let shownYear = year > 0 ? year : 1 - year
        let yearText = String(shownYear)
        let text =
            String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + CalendarDay.twoDigits(month) + "-"
            + CalendarDay.twoDigits(dayOfMonth)
        return year > 0 ? text : text + " BC"
    }

    /// `YYYY-MM-DD HH:MM:SS`, with the fraction of a second when there is one, as PostgreSQL writes it.
    static func timestampText(_ microseconds: Int64) -> String {
        var day = microseconds / microsecondsPerDay
        var within = microseconds % microsecondsPerDay
        if within < 0 {
            day -= 1
            within += microsecondsPerDay
        }
        let date = dateText(Int(day) + epochDay)
        let time = timeText(within)
        // A BC date carries its era after the time, as PostgreSQL writes it.
        if date.hasSuffix(" BC") { return String(date.dropLast(3)) + " " + time + " BC" }
        return date + " " + time
    }

    /// `HH:MM:SS`, then `.ffffff` without its trailing zeros when the second has a fraction.
    static func timeText(_ microseconds: Int64) -> String {
        let seconds = microseconds / 1_000_000
        let fraction = microseconds % 1_000_000
        var text =
            CalendarDay.twoDigits(Int(seconds / 3600)) + ":" + CalendarDay.twoDigits(Int(seconds / 60 % 60)) + ":"
            + CalendarDay.twoDigits(Int(seconds % 60))
        if fraction > 0 {
            let digits = String(fraction)
            var shown = String(repeating: "0", count: 6 - digits.count) + digits
            while shown.hasSuffix("0") { shown.removeLast() }
            text += "." + shown
        }
        return text
    }

    // MARK: - COPY's text format

    /// Appends one row in COPY's text format: tab-separated, `\N` for NULL, backslash, tab, newline and
    /// carriage return escaped, newline-terminated. `types` are the columns' types, to write a whole REAL
    /// bound for an integer column as an integer (SQLite would have stored it so).
    static func appendCopyRow(_ row: ArraySlice<CellValue>, types: [ColumnType], to buffer: inout ByteBuffer) {
        var column = 0
        for value in row {
            if column > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case .null:
                buffer.writeStaticString("\\N")
            case .integer(let number):
                buffer.writeString(String(number))
            case .real(let number):
                if types[column] == .integer, let whole = Int64(exactly: number) {
                    buffer.writeString(String(whole))
                } else {
                    buffer.writeString(String(number))
                }
            case .text(let text):
                appendCopyText(text, to: &buffer)
            }
            column += 1
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    static func appendCopyText(_ text: String, to buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: needsEscape) else {
                buffer.writeBytes(bytes)
                return
            }
            var start = 0
            for (index, byte) in bytes.enumerated() where needsEscape(byte) {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<index]))
                buffer.writeInteger(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\n"): buffer.writeInteger(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): buffer.writeInteger(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): buffer.writeInteger(UInt8(ascii: "t"))
                default: buffer.writeInteger(byte)
                }
                start = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
        }
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
