import Core
import Crypto
import Foundation
import GRDB

/// Loads a nomenclature CSV (`;`-separated, any encoding) into the store, one file at a time so that memory
/// stays bounded by the largest file, and stores each distinct content once.
struct NomenclatureLoader {
    var analyzer = TextAnalyzer()

    struct Loaded {
        var contentID: Int64
        var rowCount: Int
        var reused: Bool
    }

    /// Loads the CSV of `nomenclature`; returns nil when it is missing (a warning, recorded in `problems`).
    func load(_ parsed: ParsedNomenclature, db: Database, problems: inout [ImportProblem]) throws -> Loaded? {
        let csvPath = parsed.csvPath
        guard let data = FileManager.default.contents(atPath: csvPath) else {
            problems.append(
                ImportProblem(
                    .warning, .missingNomenclatureCSV, at: SourceLocation(file: parsed.schemaPath),
                    "nomenclature \(parsed.nomenclature.name) has no CSV beside its schema: its schema is imported, its codes are not")
            )
            return nil
        }
        let bytes = [UInt8](data)
        let digest = SHA256.hash(data: bytes).hexadecimal
        let (text, encoding) = String.decodingText(bytes)
        if encoding == .windows1252 {
            problems.append(
                ImportProblem(.warning, .nonUTF8, at: SourceLocation(file: csvPath), "not valid UTF-8: read as Windows-1252")
            )
        }

        var reader = DelimitedTextReader(text: text, delimiter: ";")
        let header: [String]
        do {
            guard let first = try reader.next() else {
                problems.append(
                    ImportProblem(.error, .malformedCSV, at: SourceLocation(file: csvPath, line: 1), "the CSV is empty: a header line is expected"))
                return nil
            }
            header = first.fields
        } catch {
            problems.append(ImportProblem(.error, .malformedCSV, at: SourceLocation(file: csvPath, line: error.line), error.reason))
            return nil
        }
        let schemaNames = parsed.nomenclature.columns.map(\.name)
        if header.map(\.folded) != schemaNames.map(\.folded) {
            problems.append(
                ImportProblem(
                    .warning, .csvHeaderMismatch, at: SourceLocation(file: csvPath, line: 1),
                    "the header lists \(header.joined(separator: ";")) but the schema lists \(schemaNames.joined(separator: ";")); the header is used"
                )
            )
        }
        let codeIndex = Self.index(of: parsed.nomenclature.codeColumn, in: header) ?? 0
        let labelIndex = Self.index(of: parsed.nomenclature.labelColumn, in: header)

        if let existing = try NomenclatureContent.filter(Column("digest") == digest).fetchOne(db) {
            // Same bytes as an earlier import: read the file only for its problems, and share its rows.
            try scan(&reader, csvPath: csvPath, width: header.count, problems: &problems) { _ in }
            return Loaded(contentID: existing.id!, rowCount: existing.rowCount, reused: true)
        }

        var content = NomenclatureContent(digest: digest, header: header, rowCount: 0)
        try content.insert(db)
        let contentID = content.id!
        let insertEntry = try db.cachedStatement(
            sql: "INSERT INTO nomenclatureEntry (contentID, line, code, label, \"values\") VALUES (?, ?, ?, ?, ?)")
        let insertSearch = try db.cachedStatement(sql: "INSERT INTO nomenclatureEntrySearch (rowid, label) VALUES (?, ?)")
        var labels: [String] = []
        try scan(&reader, csvPath: csvPath, width: header.count, problems: &problems) { record in
            let code = record.fields.indices.contains(codeIndex) ? record.fields[codeIndex] : ""
            let label = labelIndex.flatMap { record.fields.indices.contains($0) ? record.fields[$0] : nil } ?? ""
            try insertEntry.execute(arguments: [contentID, record.line, code, label, jsonArrayText(record.fields)])
            let rowID = db.lastInsertedRowID
            if content.firstEntryRowID == nil { content.firstEntryRowID = rowID }
            content.lastEntryRowID = rowID
            content.rowCount += 1
            if !label.isEmpty {
                let terms = analyzer.terms(label).joined(separator: " ")
                try insertSearch.execute(arguments: [rowID, terms])
                labels.append(terms)
            }
        }
        try content.update(db)
        try db.execute(
            sql: "INSERT INTO nomenclatureLabelSearch (rowid, labels) VALUES (?, ?)", arguments: [contentID, labels.joined(separator: " ")])
        return Loaded(contentID: contentID, rowCount: content.rowCount, reused: false)
    }

    /// Reads every record after the header. Rows of the wrong width are kept as they are and reported once
    /// per file (with the first such line and their count), so a ragged export neither stops the import nor
    /// floods the report.
    private func scan(
        _ reader: inout DelimitedTextReader, csvPath: String, width: Int, problems: inout [ImportProblem],
        _ body: (DelimitedRecord) throws -> Void
    ) throws {
        var raggedLines: [Int] = []
        do {
            while let record = try reader.next() {
                if record.fields.count != width { raggedLines.append(record.line) }
                try body(record)
            }
        } catch let error as DelimitedTextError {
            problems.append(ImportProblem(.error, .malformedCSV, at: SourceLocation(file: csvPath, line: error.line), error.reason))
        }
        if let first = raggedLines.first {
            problems.append(
                ImportProblem(
                    .warning, .csvRowWidth, at: SourceLocation(file: csvPath, line: first),
                    "\(raggedLines.count) row(s) do not have the header's \(width) fields (lines \(raggedLines.prefix(5).map(String.init).joined(separator: ", "))\(raggedLines.count > 5 ? "..." : "")); kept as they are"
                )
            )
        }
    }

    private static func index(of column: String?, in header: [String]) -> Int? {
        guard let column else { return nil }
        return header.firstIndex { $0.folded == column.folded }
    }
}
