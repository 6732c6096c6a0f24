import Foundation

/// Moves tables between CSV files and an engine, a batch at a time: files larger than memory are fine.
public enum CSVTransfer {
    /// Loads `path` into the engine as `table` (replacing it). With a definition (from the catalog), the
    /// header's columns are matched to it by name, whatever the case, values are converted to its types and
    /// columns absent from the file are NULL; without one, every column is text. Returns the rows loaded.
    public static func load(
        _ path: String, into engine: any Engine, table name: String, definition: TableDefinition? = nil, delimiter: UInt8? = nil,
        encoding: CSVEncoding? = nil, batchRows: Int = 5_000
    ) async throws -> Int {
        let reader = try CSVReader(path: path, delimiter: delimiter, encoding: encoding)
        let header = reader.header
        var target = definition ?? TableDefinition(name: name, columns: header.map { ColumnDefinition(name: $0, type: .text(length: nil)) })
        target.name = name
        // For each definition column, the file's field index (nil: NULL).
        let sources: [Int?] = target.columns.map { column in header.firstIndex { $0.caseInsensitiveCompare(column.name) == .orderedSame } }
        let unknown = header.filter { field in !target.columns.contains { $0.name.caseInsensitiveCompare(field) == .orderedSame } }
        if !unknown.isEmpty { throw CSVError.unknownColumns(file: path, columns: unknown, table: name) }
        let table = target
        return try await engine.load(table, replacing: true) { loader in
            var values: [CellValue] = []
            values.reserveCapacity(batchRows * table.columns.count)
            while let record = try reader.next() {
                for (column, source) in zip(table.columns, sources) {
                    guard let source else {
                        values.append(.null)
                        continue
                    }
                    values.append(try convert(record[source], to: column.type, file: path, line: reader.line, column: column.name))
                }
                if values.count >= batchRows * table.columns.count {
                    try await loader.append(RowBatch(columns: table.columnNames, values: values))
                    values.removeAll(keepingCapacity: true)
                }
            }
            if !values.isEmpty { try await loader.append(RowBatch(columns: table.columnNames, values: values)) }
        }
    }

    /// Writes the rows of `sql` to `path`, with a header line. Returns the rows written.
    public static func dump(
        _ sql: String, from engine: any Engine, to path: String, delimiter: UInt8 = UInt8(ascii: ";"), encoding: CSVEncoding = .utf8
    ) async throws -> Int {
        let writer = try CSVWriter(path: path, delimiter: delimiter, encoding: encoding)
        var wroteHeader = false
        var rows = 0
        try await engine.stream(sql) { batch in
            if !wroteHeader {
                try writer.write(batch.columns)
                wroteHeader = true
            }
            for row in 0..<batch.count {
                try writer.write(batch.row(row).map(\.text), columns: batch.columns)
            }
            rows += batch.count
        }
        try writer.close()
        return rows
    }

    /// Writes a whole table to `path`.
    public static func dump(
        table: String, from engine: any Engine, to path: String, delimiter: UInt8 = UInt8(ascii: ";"), encoding: CSVEncoding = .utf8
    ) async throws -> Int {
        guard try await engine.columns(of: table) != nil else { throw EngineError.noSuchTable(engine: engine.url.description, table: table) }
        return try await dump("SELECT * FROM \(engine.dialect.quote(table))", from: engine, to: path, delimiter: delimiter, encoding: encoding)
    }

    /// A CSV field as the column's type holds it; an empty field is NULL. Decimals may use a comma (French
    /// deliveries); dates may be ISO, `DD/MM/YYYY` or `YYYYMMDD`.
    public static func convert(_ field: String, to type: ColumnType, file: String, line: Int, column: String) throws -> CellValue {
        let text = trimmed(field)
        if text.isEmpty { return .null }
        func bad(_ expected: String) -> CSVError { .badValue(file: file, line: line, column: column, value: field, expected: expected) }
        switch type {
        case .text: return .text(field)
        case .integer:
            guard let value = Int64(text) else { throw bad("an integer") }
            return .integer(value)
        case .real:
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")) else { throw bad("a number") }
            return .real(value)
        case .decimal(_, let scale):
            let normalised = text.replacingOccurrences(of: ",", with: ".")
            guard Double(normalised) != nil, normalised.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }) else {
                throw bad("a decimal with \(scale) digits after the point")
            }
            return .text(normalised)
        case .boolean:
            switch text.lowercased() {
            case "1", "true", "t", "o", "oui", "y", "yes": return .integer(1)
            case "0", "false", "f", "n", "non", "no": return .integer(0)
            default: throw bad("a boolean")
            }
        case .date:
            guard let iso = isoDate(text) else { throw bad("a date (YYYY-MM-DD, DD/MM/YYYY or YYYYMMDD)") }
            return .text(iso)
        case .timestamp:
            guard let iso = isoDate(String(text.prefix(10))) else { throw bad("a timestamp") }
            return .text(text.count > 10 ? iso + String(text.dropFirst(10)) : iso)
        }
    }

    /// The field without surrounding spaces. Most fields have none, and Foundation's trimming took most of a
    /// load's time: an ASCII first and last byte that is no space nor tab is checked first.
    static func trimmed(_ field: String) -> String {
        guard let first = field.utf8.first, let last = field.utf8.last else { return field }
        let plain = { (byte: UInt8) in byte < 0x80 && byte != 0x20 && byte != 0x09 }
        return plain(first) && plain(last) ? field : field.trimmingCharacters(in: .whitespaces)
    }

    static func isoDate(_ text: String) -> String? {
        let digits = text.filter(\.isNumber)
        let parts: (String, String, String)
        if text.count == 10, text.dropFirst(4).first == "-", digits.count == 8 {
            parts = (String(digits.prefix(4)), String(digits.dropFirst(4).prefix(2)), String(digits.suffix(2)))
        } else if text.count == 10, text.dropFirst(2).first == "/", digits.count == 8 {
            parts = (String(digits.suffix(4)), String(digits.dropFirst(2).prefix(2)), String(digits.prefix(2)))
        } else if text.count == 8, digits.count == 8 {
            parts = (String(digits.prefix(4)), String(digits.dropFirst(4).prefix(2)), String(digits.suffix(2)))
        } else {
            return nil
        }
        guard let year = Int(parts.0), let month = Int(parts.1), let day = Int(parts.2), (1...12).contains(month), day >= 1,
            day <= CalendarDay.civil(CalendarDay.day(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1) - 1).day
        else { return nil }
        return "\(parts.0)-\(parts.1)-\(parts.2)"
    }
}
