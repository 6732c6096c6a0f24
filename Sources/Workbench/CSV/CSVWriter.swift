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
        // The record is written into the buffer taken out of the object: a class's stored property would be
        // checked for exclusive access at every byte.
        var out = buffer
        buffer = []
        let start = out.count
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(delimiter) }
            guard let field else { continue }
            switch encoding {
            case .utf8:
                Self.append(field.utf8, delimiter: delimiter, to: &out)
            case .latin1:
                var bytes: [UInt8] = []
                for scalar in field.unicodeScalars {
                    guard scalar.value < 256 else {
                        // No half record.
                        out.removeSubrange(start...)
                        buffer = out
                        throw CSVError.unencodable(
                            file: file, line: records + 1, column: index < columns.count ? columns[index] : "#\(index + 1)", encoding: encoding)
                    }
                    bytes.append(UInt8(scalar.value))
                }
                Self.append(bytes, delimiter: delimiter, to: &out)
            }
        }
        out.append(UInt8(ascii: "\n"))
        buffer = out
        records += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    private static func append<Bytes: Collection<UInt8>>(_ bytes: Bytes, delimiter: UInt8, to out: inout [UInt8]) {
        let needsQuotes = bytes.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsQuotes else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
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
