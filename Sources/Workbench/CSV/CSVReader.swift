import Foundation

/// How a CSV file's bytes become text. SNDS deliveries come in UTF-8 or in Latin-1 (ISO-8859-1).
public enum CSVEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case latin1 = "latin-1"

    func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        switch self {
        case .utf8: String(validating: bytes, as: UTF8.self)
        // Every byte is a Latin-1 character, the code point of the same number.
        case .latin1: String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        }
    }
}

public enum CSVError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(file: String, reason: String)
    case emptyFile(file: String)
    case unterminatedQuote(file: String, line: Int)
    case strayQuote(file: String, line: Int, column: String)
    case wrongFieldCount(file: String, line: Int, expected: Int, found: Int)
    case badValue(file: String, line: Int, column: String, value: String, expected: String)
    case unknownColumns(file: String, columns: [String], table: String)
    case unencodable(file: String, line: Int, column: String, encoding: CSVEncoding)

    public var description: String {
        switch self {
        case .cannotOpen(let file, let reason): "\(file): cannot open (\(reason))"
        case .emptyFile(let file): "\(file): empty file, no header line"
        case .unterminatedQuote(let file, let line): "\(file), line \(line): a quoted field is never closed"
        case .strayQuote(let file, let line, let column):
            "\(file), line \(line), column \(column): a quote inside an unquoted field or after a closing quote"
        case .wrongFieldCount(let file, let line, let expected, let found): "\(file), line \(line): \(found) fields where the header has \(expected)"
        case .badValue(let file, let line, let column, let value, let expected):
            "\(file), line \(line), column \(column): '\(value)' is not \(expected)"
        case .unknownColumns(let file, let columns, let table): "\(file): columns \(columns.joined(separator: ", ")) are not in table \(table)"
        case .unencodable(let file, let line, let column, let encoding):
            "\(file), line \(line), column \(column): a character \(encoding.rawValue) cannot write"
        }
    }
}

/// Reads a CSV file record by record, a buffer at a time: memory does not grow with the file.
///
/// The delimiter (`;` or `,`) is detected on the header line unless given; the encoding is UTF-8 unless the
/// bytes are not valid UTF-8, then Latin-1 (detected on the first megabyte; a later invalid byte switches
/// the rest of the file to Latin-1, which decodes any byte). Quoted fields may hold delimiters, doubled
/// quotes and line breaks. Lines end with LF or CRLF; a UTF-8 byte-order mark is skipped.
public final class CSVReader {
    public let file: String
    public private(set) var delimiter: UInt8
    public private(set) var encoding: CSVEncoding
    public private(set) var header: [String] = []
    /// The line the last record returned starts on (1 is the header).
    public private(set) var line = 0

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    private var nextLine = 1
    private static let chunk = 1 << 20

    deinit { try? handle.close() }

    public init(path: String, delimiter: UInt8? = nil, encoding: CSVEncoding? = nil) throws {
        file = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError.cannotOpen(file: path, reason: FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file")
        }
        self.handle = handle
        self.delimiter = delimiter ?? UInt8(ascii: ";")
        self.encoding = encoding ?? .utf8
        try refill()
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        if buffer.count <= position { throw CSVError.emptyFile(file: path) }
        if encoding == nil, String(validating: Self.trimmedToCharacter(buffer[position...], final: exhausted), as: UTF8.self) == nil {
            self.encoding = .latin1
        }
        if delimiter == nil { self.delimiter = Self.detectDelimiter(buffer[position...]) }
        guard let header = try nextRecord(expected: nil) else { throw CSVError.emptyFile(file: path) }
        self.header = header
    }

    /// The next record's fields, nil at the end of the file.
    public func next() throws -> [String]? {
        while let record = try nextRecord(expected: header.count) {
            if !record.isEmpty { return record }
        }
        return nil
    }

    /// `;` or `,`, whichever the first line (outside quotes) has more of; `;` on a tie, as SNDS files use it.
    static func detectDelimiter(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var semicolons = 0
        var commas = 0
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
            if byte == UInt8(ascii: ",") { commas += 1 }
        }
        return commas > semicolons ? UInt8(ascii: ",") : UInt8(ascii: ";")
    }

    /// Drops a UTF-8 sequence cut by the end of the buffer, so that detection does not see a false error.
    static func trimmedToCharacter(_ bytes: ArraySlice<UInt8>, final: Bool) -> ArraySlice<UInt8> {
        guard !final else { return bytes }
        var end = bytes.endIndex
        var steps = 0
        while end > bytes.startIndex, steps < 4, bytes[end - 1] & 0xC0 == 0x80 {
            end -= 1
            steps += 1
        }
        if end > bytes.startIndex, bytes[end - 1] >= 0xC0 { end -= 1 }
        return bytes[bytes.startIndex..<end]
    }

    private func refill() throws {
        guard !exhausted else { return }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let data = try handle.read(upToCount: Self.chunk) ?? Data()
        if data.isEmpty { exhausted = true } else { buffer.append(contentsOf: data) }
    }

    private func nextRecord(expected: Int?) throws -> [String]? {
        // Make sure the buffer holds a whole record: refill until a line end outside quotes, or the end.
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        var index = position
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
        if index >= buffer.count {
            try refill()
            index = position
            if index >= buffer.count { return nil }
        }
        line = nextLine
        func finishField(_ fields: inout [String], _ field: inout [UInt8]) {
            if let text = encoding.decode(field[...]) {
                fields.append(text)
            } else {
                encoding = .latin1
                fields.append(CSVEncoding.latin1.decode(field[...])!)
            }
            field.removeAll(keepingCapacity: true)
        }
        func columnName(_ count: Int) -> String { count < header.count ? header[count] : "#\(count + 1)" }
        while true {
            if index >= buffer.count {
                let consumed = index - position
                try refill()
                index = position + consumed
                if index >= buffer.count {
                    // End of file: the last record has no line end.
                    if quoted { throw CSVError.unterminatedQuote(file: file, line: line) }
                    finishField(&fields, &field)
                    position = index
                    return try checked(fields, expected: expected)
                }
            }
            let byte = buffer[index]
            index += 1
            if quoted {
                if byte == quote {
                    if index >= buffer.count {
                        let consumed = index - position
                        try refill()
                        index = position + consumed
                    }
                    if index < buffer.count, buffer[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == newline { nextLine += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case delimiter:
                finishField(&fields, &field)
                wasQuoted = false
            case newline:
                nextLine += 1
                if field.last == carriage, !wasQuoted { field.removeLast() }
                finishField(&fields, &field)
                position = index
                return try checked(fields, expected: expected)
            case quote:
                guard field.isEmpty, !wasQuoted else { throw CSVError.strayQuote(file: file, line: line, column: columnName(fields.count)) }
                quoted = true
                wasQuoted = true
            case carriage where wasQuoted:
                break
            default:
                if wasQuoted { throw CSVError.strayQuote(file: file, line: line, column: columnName(fields.count)) }
                field.append(byte)
            }
        }
    }

    private func checked(_ fields: [String], expected: Int?) throws -> [String] {
        if let expected, fields.count != expected {
            // A blank line at the end of a file is no record.
            if fields == [""] { return [] }
            throw CSVError.wrongFieldCount(file: file, line: line, expected: expected, found: fields.count)
        }
        return fields
    }
}
