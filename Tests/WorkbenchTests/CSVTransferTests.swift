import Foundation
import Testing
import Workbench

/// A fresh directory for a test's files, removed after it.
func withCSVDirectory(_ body: (URL) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-csv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try await body(directory)
}

@Suite struct CSVReaderTests {
    func read(_ bytes: [UInt8], in directory: URL, delimiter: UInt8? = nil) throws -> CSVReader {
        let path = directory.appendingPathComponent("file-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try CSVReader(path: path, delimiter: delimiter)
    }

    func records(_ reader: CSVReader) throws -> [[String]] {
        var records: [[String]] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    @Test func detectsTheDelimiterAndReadsQuotedFields() async throws {
        try await withCSVDirectory { directory in
            let semicolons = try read(Array("A;B;C\r\n1;\"x;y\";\"he said \"\"hi\"\"\"\r\n2;\"two\nlines\";\n".utf8), in: directory)
            #expect(semicolons.delimiter == UInt8(ascii: ";"))
            #expect(semicolons.header == ["A", "B", "C"])
            #expect(try records(semicolons) == [["1", "x;y", "he said \"hi\""], ["2", "two\nlines", ""]])

            let commas = try read(Array("\u{FEFF}A,B\n1,2\n3,\"4,5\"".utf8), in: directory)
            #expect(commas.delimiter == UInt8(ascii: ","))
            #expect(commas.header == ["A", "B"])
            #expect(try records(commas) == [["1", "2"], ["3", "4,5"]])
            #expect(commas.encoding == .utf8)
        }
    }

    @Test func readsLatin1WhenTheBytesAreNotUTF8() async throws {
        try await withCSVDirectory { directory in
            // "Féminin" and "Hôpital" in Latin-1: é is 0xE9, ô is 0xF4.
            let reader = try read(
                [
                    0x43, 0x4F, 0x44, 0x3B, 0x4C, 0x49, 0x42, 0x0A, 0x32, 0x3B, 0x46, 0xE9, 0x6D, 0x69, 0x6E, 0x69, 0x6E, 0x0A, 0x33, 0x3B, 0x48,
                    0xF4, 0x70, 0x0A,
                ], in: directory)
            #expect(reader.encoding == .latin1)
            #expect(try records(reader) == [["2", "Féminin"], ["3", "Hôp"]])
            let utf8 = try read(Array("COD;LIB\n2;Féminin\n".utf8), in: directory)
            #expect(utf8.encoding == .utf8)
            #expect(try records(utf8) == [["2", "Féminin"]])
        }
    }

    @Test func errorsNameTheFileTheLineAndTheColumn() async throws {
        try await withCSVDirectory { directory in
            let short = try read(Array("A;B\n1;2\n3\n".utf8), in: directory)
            #expect(try short.next() == ["1", "2"])
            #expect(throws: CSVError.wrongFieldCount(file: short.file, line: 3, expected: 2, found: 1)) { try short.next() }

            let open = try read(Array("A;B\n1;\"never closed\n".utf8), in: directory)
            #expect(throws: CSVError.unterminatedQuote(file: open.file, line: 2)) { try open.next() }

            let stray = try read(Array("A;B\n1;ab\"c\n".utf8), in: directory)
            #expect(throws: CSVError.strayQuote(file: stray.file, line: 2, column: "B")) { try stray.next() }
            #expect(throws: CSVError.self) { try CSVReader(path: directory.appendingPathComponent("none.csv").path) }
        }
    }

    @Test func readsAFileLargerThanItsBufferRecordByRecord() async throws {
        try await withCSVDirectory { directory in
            let path = directory.appendingPathComponent("big.csv").path
            let writer = try CSVWriter(path: path)
            try writer.write(["ID", "TEXT"])
            // About 3 MB: three buffers, records and quoted fields cut across their edges.
            for index in 0..<60_000 { try writer.write([String(index), "ligne \(index); \"quoted\" and long enough to cross"]) }
            try writer.close()
            let reader = try CSVReader(path: path)
            var count = 0
            while let record = try reader.next() {
                #expect(record[0] == String(count))
                count += 1
            }
            #expect(count == 60_000)
            #expect(reader.line == 60_001)
        }
    }
}

@Suite struct CSVTransferTests {
    @Test func loadsWithTheCatalogTypesAndDumpsBack() async throws {
        try await withCSVDirectory { directory in
            let input = directory.appendingPathComponent("ben.csv").path
            try Data("ben_idt_ano;BEN_SEX_COD;BEN_NAI_DTE;PRS_REM_MNT\nA1;1;15/03/1980;12,50\nA2;;19991231;3.00\n".utf8).write(
                to: URL(fileURLWithPath: input))
            let definition = TableDefinition(
                name: "ignored",
                columns: [
                    ColumnDefinition(name: "BEN_IDT_ANO", type: .text(length: 17)), ColumnDefinition(name: "BEN_SEX_COD", type: .integer),
                    ColumnDefinition(name: "BEN_NAI_DTE", type: .date),
                    ColumnDefinition(name: "PRS_REM_MNT", type: .decimal(precision: 10, scale: 2)),
                    ColumnDefinition(name: "BEN_RES_DPT", type: .text(length: 3)),
                ])
            let engine = try SQLiteEngine.inMemory()
            let loaded = try await CSVTransfer.load(input, into: engine, table: "IR_BEN_R", definition: definition, batchRows: 1)
            #expect(loaded == 2)
            let rows = try await engine.rows(
                "SELECT BEN_IDT_ANO, BEN_SEX_COD, BEN_NAI_DTE, CAST(PRS_REM_MNT AS TEXT), BEN_RES_DPT FROM IR_BEN_R ORDER BY 1")
            #expect(rows[0] == [.text("A1"), .integer(1), .text("1980-03-15"), .text("12.5"), .null])
            #expect(rows[1][1] == .null && rows[1][2] == .text("1999-12-31"))

            let output = directory.appendingPathComponent("out.csv").path
            let dumped = try await CSVTransfer.dump(
                "SELECT BEN_IDT_ANO, BEN_NAI_DTE FROM IR_BEN_R ORDER BY 1", from: engine, to: output, delimiter: UInt8(ascii: ","))
            #expect(dumped == 2)
            #expect(try String(contentsOfFile: output, encoding: .utf8) == "BEN_IDT_ANO,BEN_NAI_DTE\nA1,1980-03-15\nA2,1999-12-31\n")
        }
    }

    @Test func badValuesAndUnknownColumnsAreErrorsWithTheirPlace() async throws {
        try await withCSVDirectory { directory in
            let input = directory.appendingPathComponent("bad.csv").path
            try Data("A;B\n1;2021-01-01\nx;2021-02-30\n".utf8).write(to: URL(fileURLWithPath: input))
            let engine = try SQLiteEngine.inMemory()
            let typed = TableDefinition(name: "T", columns: [ColumnDefinition(name: "A", type: .integer), ColumnDefinition(name: "B", type: .date)])
            await #expect(throws: CSVError.badValue(file: input, line: 3, column: "A", value: "x", expected: "an integer")) {
                _ = try await CSVTransfer.load(input, into: engine, table: "T", definition: typed)
            }
            #expect(try await engine.tableNames().isEmpty)
            let dates = TableDefinition(
                name: "T", columns: [ColumnDefinition(name: "A", type: .text(length: nil)), ColumnDefinition(name: "B", type: .date)])
            await #expect(throws: CSVError.self) { _ = try await CSVTransfer.load(input, into: engine, table: "T", definition: dates) }
            let narrow = TableDefinition(name: "T", columns: [ColumnDefinition(name: "A", type: .integer)])
            await #expect(throws: CSVError.unknownColumns(file: input, columns: ["B"], table: "T")) {
                _ = try await CSVTransfer.load(input, into: engine, table: "T", definition: narrow)
            }
            // Without a definition every column is text, and the bad values load as they are.
            #expect(try await CSVTransfer.load(input, into: engine, table: "RAW") == 2)
            #expect(
                try await engine.rows("SELECT A, B FROM RAW ORDER BY A") == [[.text("1"), .text("2021-01-01")], [.text("x"), .text("2021-02-30")]])
        }
    }

    @Test func writesLatin1AndRefusesWhatLatin1CannotHold() async throws {
        try await withCSVDirectory { directory in
            let path = directory.appendingPathComponent("latin1.csv").path
            let writer = try CSVWriter(path: path, encoding: .latin1)
            try writer.write(["COD", "LIB"])
            try writer.write(["2", "Féminin"])
            #expect(throws: CSVError.self) { try writer.write(["3", "emoji 🙂"], columns: ["COD", "LIB"]) }
            try writer.close()
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: path))
                    == Data([0x43, 0x4F, 0x44, 0x3B, 0x4C, 0x49, 0x42, 0x0A, 0x32, 0x3B, 0x46, 0xE9, 0x6D, 0x69, 0x6E, 0x69, 0x6E, 0x0A]))
        }
    }
}
