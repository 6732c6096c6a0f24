import Core
import Crypto
import Foundation

/// A table a project wants to take out of the platform: a small CSV of aggregated results, read whole.
///
/// Export files are aggregated tables of a few hundred rows at most, so they are held in memory; the disclosure
/// rules need random access to rows and columns anyway (margins, complementary suppression).
public struct ExportTable: Sendable, Equatable {
    /// The file's name as the user gave it, for messages.
    public var file: String
    public var header: [String]
    /// Data rows, each with as many fields as the header.
    public var rows: [[String]]
    /// The line of the file each data row starts on, for messages that send the user to the record.
    public var lines: [Int]
    public var delimiter: Character
    public var encoding: TextEncodingFound
    /// The SHA-256 of the file's bytes, as the audit log records it.
    public var sha256: String

    public init(
        file: String, header: [String], rows: [[String]], lines: [Int]? = nil, delimiter: Character = ";",
        encoding: TextEncodingFound = .utf8, sha256: String = ""
    ) {
        self.file = file
        self.header = header
        self.rows = rows
        self.lines = lines ?? rows.indices.map { $0 + 2 }
        self.delimiter = delimiter
        self.encoding = encoding
        self.sha256 = sha256
    }

    /// Reads `path`; the file is named `path` in messages.
    public static func read(path: String) throws(ExportFileError) -> ExportTable {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ExportFileError(file: path, line: nil, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try parse(bytes: Array(data), file: path)
    }

    /// Parses the bytes of a CSV file: UTF-8 or Windows-1252, `;`, `,` or tab as delimiter (whichever the header
    /// line holds most of), a header line then one record per row.
    public static func parse(bytes: [UInt8], file: String) throws(ExportFileError) -> ExportTable {
        let (text, encoding) = String.decodingText(bytes)
        let delimiter = detectDelimiter(text)
        var reader = DelimitedTextReader(text: text, delimiter: delimiter)
        let records: [DelimitedRecord]
        do {
            records = try reader.readAll()
        } catch {
            throw ExportFileError(file: file, line: error.line, reason: error.reason)
        }
        guard let headerRecord = records.first else {
            throw ExportFileError(file: file, line: nil, reason: "is empty: an export needs a header line and rows")
        }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        if let blank = header.firstIndex(where: \.isEmpty), header.count > 1 {
            throw ExportFileError(file: file, line: headerRecord.line, reason: "column \(blank + 1) of the header has no name")
        }
        var rows: [[String]] = []
        var lines: [Int] = []
        for record in records.dropFirst() {
            guard record.fields.count == header.count else {
                throw ExportFileError(
                    file: file, line: record.line,
                    reason: "has \(record.fields.count) field(s) where the header has \(header.count) (delimiter '\(delimiter)')")
            }
            rows.append(record.fields.map { $0.trimmingCharacters(in: .whitespaces) })
            lines.append(record.line)
        }
        let digest = SHA256.hash(data: bytes).hexadecimal
        return ExportTable(
            file: file, header: header, rows: rows, lines: lines, delimiter: delimiter, encoding: encoding, sha256: digest)
    }

    /// The delimiter the first line uses most, outside quotes; `;` when there is none (a one-column file).
    static func detectDelimiter(_ text: String) -> Character {
        var counts: [Character: Int] = [";": 0, ",": 0, "\t": 0]
        var inQuotes = false
        for character in text {
            if character == "\"" { inQuotes.toggle() }
            if !inQuotes, character == "\n" || character == "\r\n" || character == "\r" { break }
            if !inQuotes, counts[character] != nil { counts[character, default: 0] += 1 }
        }
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key != ";" && $1.key == ";") }!
        return best.value == 0 ? ";" : best.key
    }

    /// The CSV text of the table, with the file's delimiter, quoting the fields that need it.
    public func csvText() -> String {
        func field(_ value: String) -> String {
            let needsQuotes = value.contains(delimiter) || value.contains("\"") || value.contains("\n") || value.contains("\r")
            return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        let separator = String(delimiter)
        return ([header] + rows).map { $0.map(field).joined(separator: separator) }.joined(separator: "\n") + "\n"
    }

    /// The index of the column named `name`, whatever its case.
    public func columnIndex(named name: String) -> Int? {
        header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }
}

/// A file that cannot be read as a table: the file, the line when there is one, and why.
public struct ExportFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String

    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)" }
}

/// The SHA-256 of a file's bytes, in lower-case hexadecimal.
public func sha256Hex(ofFile path: String) throws(ExportFileError) -> String {
    do {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return SHA256.hash(data: data).hexadecimal
    } catch {
        throw ExportFileError(file: path, line: nil, reason: "cannot be read (\(error.localizedDescription))")
    }
}
