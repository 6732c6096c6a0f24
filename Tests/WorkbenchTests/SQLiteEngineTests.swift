import Foundation
import Testing
import Workbench

@Suite struct SQLiteEngineTests {
    static let people = TableDefinition(
        name: "IR_BEN_R",
        columns: [
            ColumnDefinition(name: "BEN_NIR_PSA", type: .text(length: 17), isNullable: false),
            ColumnDefinition(name: "BEN_RNG_GEM", type: .integer, isNullable: false),
            ColumnDefinition(name: "BEN_NAI_ANN", type: .text(length: 4)),
            ColumnDefinition(name: "WEIGHT", type: .real),
        ],
        primaryKey: ["BEN_NIR_PSA", "BEN_RNG_GEM"])

    @Test func loadsInBatchesAndStreamsBack() async throws {
        let engine = try SQLiteEngine.inMemory()
        let loaded = try await engine.load(Self.people, replacing: false) { loader in
            for start in stride(from: 0, to: 12_000, by: 1_000) {
                var batch = RowBatch(columns: Self.people.columnNames)
                for index in start..<start + 1_000 {
                    batch.append(row: [.text("NIR\(index)"), .integer(1), index % 7 == 0 ? .null : .text("1980"), .real(Double(index) / 2)])
                }
                try await loader.append(batch)
            }
        }
        #expect(loaded == 12_000)
        #expect(try await engine.tableNames() == ["IR_BEN_R"])
        let columns = try #require(try await engine.columns(of: "IR_BEN_R"))
        #expect(columns.map(\.declaredType) == ["VARCHAR(17)", "INTEGER", "VARCHAR(4)", "REAL"])
        #expect(columns.map(\.isNullable) == [false, false, true, true])
        #expect(try await engine.columns(of: "nothing") == nil)

        var batches: [Int] = []
        var nulls = 0
        try await engine.stream("SELECT * FROM IR_BEN_R ORDER BY WEIGHT", batchSize: 5_000) { batch in
            batches.append(batch.count)
            nulls += (0..<batch.count).filter { batch[$0, 2] == .null }.count
        }
        #expect(batches == [5_000, 5_000, 2_000])
        #expect(nulls == (0..<12_000).filter { $0 % 7 == 0 }.count)
        #expect(try await engine.count("SELECT COUNT(DISTINCT BEN_NIR_PSA) FROM IR_BEN_R") == 12_000)
    }

    @Test func aFailedLoadLeavesTheOldTableWhole() async throws {
        let engine = try SQLiteEngine.inMemory()
        let row: [CellValue] = [.text("A"), .integer(1), .null, .null]
        _ = try await engine.load(Self.people, replacing: false) { try await $0.append(RowBatch(columns: Self.people.columnNames, rows: [row])) }
        await #expect(throws: EngineError.self) {
            _ = try await engine.load(Self.people, replacing: true) { loader in
                // The same key twice breaks the primary key.
                try await loader.append(RowBatch(columns: Self.people.columnNames, rows: [row, row]))
            }
        }
        #expect(try await engine.rows("SELECT BEN_NIR_PSA FROM IR_BEN_R") == [[.text("A")]])
        #expect(try await engine.tableNames() == ["IR_BEN_R"])
    }

    @Test func urlsNameTheirEngine() throws {
        #expect(try EngineURL("sqlite:///tmp/p.sqlite").path == "/tmp/p.sqlite")
        #expect(try EngineURL("sqlite://data/p.sqlite").path == "data/p.sqlite")
        let postgres = try EngineURL("postgresql://hub:secret@db.example:5433/project")
        #expect(postgres.kind == .postgresql && postgres.port == 5433 && !postgres.description.contains("secret"))
        #expect(try EngineURL("sc://localhost:15002").kind == .sparkConnect)
        #expect(throws: EngineError.self) { try EngineURL("mysql://x/y") }
        #expect(throws: EngineError.self) { try EngineURL("/tmp/p.sqlite") }
        // Spark Connect opens lazily: the connection is made by the first statement.
        #expect(try Engines.open("sc://localhost:15002") is SparkEngine)
    }

    @Test func theEngineMessageNamesTheStatement() async throws {
        let engine = try SQLiteEngine.inMemory()
        do {
            try await engine.execute("SELECT * FROM missing_table")
            Issue.record("expected a failure")
        } catch let error as EngineError {
            #expect("\(error)".contains("no such table: missing_table") && "\(error)".contains("SELECT * FROM missing_table"))
        }
    }
}
