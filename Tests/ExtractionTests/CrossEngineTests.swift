import Foundation
import Testing
import Workbench

@testable import Extraction

/// The servers `scripts/test.sh` starts: their URLs, or nil when the test command could not install them.
enum TestServers {
    static var postgres: String? { nonEmpty("HUBLOT_TEST_POSTGRES") }
    static var spark: String? { nonEmpty("HUBLOT_TEST_SPARK") }

    static func nonEmpty(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// One synthetic SNDS sample loaded into SQLite, PostgreSQL and Spark; the same specs run on each must give the
/// same rows, compared row for row after sorting, and the same counts at every step.
@Suite(.serialized) struct CrossEngineTests {
    /// A cell as text all engines agree on: numbers by value (SQLite keeps `12.50` as the real 12.5), the rest as is.
    static func canonical(_ cell: CellValue) -> String {
        switch cell {
        case .null: return "∅"
        case .integer(let value): return String(value)
        case .real(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .text(let text):
            if text.contains("."), let value = Double(text) { return canonical(.real(value)) }
            return text
        }
    }

    static func rows(of table: String, on engine: any Engine) async throws -> [String] {
        try await engine.rows("SELECT * FROM \(engine.dialect.quote(table))").map { $0.map(canonical).joined(separator: "|") }.sorted()
    }

    /// Runs every example spec on `engine`; answers each output's sorted rows and the lineage's counts.
    static func results(on engine: any Engine) async throws -> [String: [String]] {
        var results: [String: [String]] = [:]
        for text in ExampleSpecs.all {
            let spec = try ExtractionSpec.parse(text, file: "example.yaml")
            let runner = ExtractionRunner(engine: engine)
            let lineage = try await runner.run(try await runner.plan(spec), spec: spec)
            results["lineage \(spec.name)"] = lineage.counts.map { $0.uppercased() }
            for table in lineage.tables { results[table.table.uppercased()] = try await rows(of: table.table, on: engine) }
        }
        return results
    }

    /// The engine in a schema (PostgreSQL) or database (Spark, for the engine's session) of the test's own: the
    /// sample's SNDS table names are then free for a benchmark or another run on the same server.
    static func ownSpace(on url: String) async throws -> any Engine {
        let space = "hublot_extraction_tests"
        if url.hasPrefix("sc://") {
            let engine = try Engines.open(url)
            try await engine.execute("CREATE DATABASE IF NOT EXISTS \(space)")
            try await engine.execute("USE \(space)")
            return engine
        }
        return try Engines.open(url + (url.contains("?") ? "&" : "?") + "schema=\(space)")
    }

    @Test(.enabled(if: TestServers.postgres != nil || TestServers.spark != nil, "no PostgreSQL or Spark server: scripts/test.sh starts them"))
    func sameRowsOnEveryEngine() async throws {
        let sample = SNDSSample(people: 400, claimsPerPerson: 8, years: 2019...2020, seed: 11)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-cross-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sqlite = try SQLiteEngine(url: EngineURL("sqlite://" + folder.appendingPathComponent("sample.sqlite").path))
        try await sample.load(into: sqlite)
        let reference = try await Self.results(on: sqlite)
        // Three lineages; the outputs of the diabetes (4), visits (2) and stays (3) specs.
        let outputs = 12
        #expect(reference.count == outputs)
        #expect(reference.values.allSatisfy { !$0.isEmpty })
        for url in [TestServers.postgres, TestServers.spark].compactMap({ $0 }) {
            let engine = try await Self.ownSpace(on: url)
            try await sample.load(into: engine)
            let results = try await Self.results(on: engine)
            #expect(results.keys.sorted() == reference.keys.sorted(), "\(url)")
            for (name, rows) in reference.sorted(by: { $0.key < $1.key }) {
                let other = results[name] ?? []
                #expect(other.count == rows.count, "\(name) on \(url): \(other.count) rows, SQLite \(rows.count)")
                let differing = zip(rows, other).first { $0 != $1 }
                #expect(differing == nil, "\(name) on \(url): SQLite has \(differing?.0 ?? ""), the engine \(differing?.1 ?? "")")
            }
        }
    }
}
