import Foundation

/// Writes CSV records to a file through a buffer: fields holding the delimiter, a quote or a line break are
/// quoted (quotes doubled), NULL is an empty field, lines end with LF.
public final class CSVWriter {
    public let file: String
    public let delimiter: UInt8
    public let encoding: CSVEncoding
    public private(set) var records = 0
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    public init(path: String, delimiter: UInt8 = UInt8(ascii: ";"), encoding: CSVEncoding = .utf8) throws {
        file = path
        self.delimiter = delimiter
        self.encoding = encoding
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CSVError.cannotOpen(file: path, reason: "cannot create the file")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    /// Writes one record; `columns` names the fields for errors (a character Latin-1 has no byte for).
    public func write(_ fields: [String?], columns: [String] = []) throws {
        // The record is built whole before it joins the buffer: a field that cannot be written leaves no half record.
        var record: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { record.append(delimiter) }
            guard let field else { continue }
            var bytes: [UInt8]
            switch encoding {
            case .utf8: bytes = Array(field.utf8)
            case .latin1:
                bytes = []
                for scalar in field.unicodeScalars {
                    guard scalar.value < 256 else {
                        throw CSVError.unencodable(
                            file: file, line: records + 1, column: index < columns.count ? columns[index] : "#\(index + 1)", encoding: encoding)
                    }
                    bytes.append(UInt8(scalar.value))
                }
            }
            let needsQuotes = bytes.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            if needsQuotes {
                record.append(UInt8(ascii: "\""))
                for byte in bytes {
                    if byte == UInt8(ascii: "\"") { record.append(byte) }
                    record.append(byte)
                }
                record.append(UInt8(ascii: "\""))
            } else {
                record.append(contentsOf: bytes)
            }
        }
        buffer.append(contentsOf: record)
        buffer.append(UInt8(ascii: "\n"))
        records += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    public func close() throws {
        try flush()
        try handle.close()
        closed = true
    }

    private var closed = false

    deinit { if !closed { try? handle.close() } }
}
