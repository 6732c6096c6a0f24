import Foundation
import Testing
import Workbench

@testable import Linkage

/// A side read from PostgreSQL and the clusters written back there, through the engine URL a spec names.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["HUBLOT_TEST_POSTGRES"].map { !$0.isEmpty } ?? false,
        "HUBLOT_TEST_POSTGRES is unset: start a server with scripts/postgres.sh start and export the URL it prints"))
struct PostgreSQLLinkageTests {
    @Test func recordsAreReadAndClustersWrittenBackOnPostgreSQL() async throws {
        let base = try #require(ProcessInfo.processInfo.environment["HUBLOT_TEST_POSTGRES"])
        let schema = "hublot_t_linkage"
        try await Engines.open(base).execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
        let url = base + (base.contains("?") ? "&" : "?") + "schema=" + schema
        let engine = try Engines.open(url)
        let people = TableDefinition(
            name: "People",
            columns: [
                ColumnDefinition(name: "Id", type: .integer), ColumnDefinition(name: "Given", type: .text(length: nil)),
                ColumnDefinition(name: "Birth", type: .date),
            ])
        _ = try await engine.load(people, replacing: true) { loader in
            try await loader.append(
                RowBatch(
                    columns: people.columnNames,
                    rows: [[.integer(1), .text(" Zoë "), .text("1980-02-29")], [.integer(2), .null, .text("1975-12-01")]]))
        }
        let side = SideSpec(name: "left", source: .engine(url: url, table: "People"), id: "Id")
        #expect(try await RecordLoader.availableColumns(side, spec: "spec.yaml") == ["Id", "Given", "Birth"])
        var dictionary = ValueDictionary()
        let records = try await RecordLoader.load(side, columns: ["Given", "Birth"], dictionary: &dictionary)
        #expect(records.ids == ["1", "2"] || records.ids == ["2", "1"])
        let first = try #require(records.ids.firstIndex(of: "1"))
        #expect(dictionary.values[Int(records.codes("Given")[first])] == "Zoë")
        #expect(dictionary.values[Int(records.codes("Birth")[first])] == "1980-02-29")
        #expect(records.codes("Given")[1 - first] == ValueDictionary.null)

        let table = LinkageOutput.clustersTable("run")
        #expect(try await LinkageOutput.writeClusters(ids: ["1", "2"], clusters: ["c1", "c1"], to: engine, table: table) == 2)
        #expect(try await LinkageOutput.readClusters(from: engine, table: table.name) == ["1": "c1", "2": "c1"])
    }
}
