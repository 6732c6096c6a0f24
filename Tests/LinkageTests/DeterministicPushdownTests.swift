import Foundation
import Testing
import Workbench

@testable import Linkage

/// Deterministic link jobs run as SQL on the engine give the pairs the in-memory matcher gives, with the same rule.
@Suite struct DeterministicPushdownTests {
    static let pseudonyms = [
        "AAAQ12PSEUDO", "BBBZ77PSEUDO", "CCCX01PSEUDO", " DDDY55PSEUDO ", "0000000000000", "1234567", "98765", "INCONNU-1", "xxxxxxxxx", "",
        "EEEW31PSEUDO", "1357924680",
    ]

    /// Left: DCIR-like beneficiaries; right: PMSI-like stays with return codes; drawn from a pool of pseudonyms
    /// with fictive ones, so that every cleaning rule has work.
    static func load(into engine: any Engine, prefix: String) async throws {
        var random = SplitMix64(seed: 3)
        let left = TableDefinition(
            name: "\(prefix)_dcir",
            columns: [
                ColumnDefinition(name: "id", type: .text(length: nil)), ColumnDefinition(name: "BEN_NIR_PSA", type: .text(length: 17)),
                ColumnDefinition(name: "BEN_RNG_GEM", type: .integer),
            ])
        let right = TableDefinition(
            name: "\(prefix)_pmsi",
            columns: [
                ColumnDefinition(name: "id", type: .text(length: nil)), ColumnDefinition(name: "NIR_ANO_17", type: .text(length: 17)),
                ColumnDefinition(name: "NIR_RET", type: .text(length: 1)), ColumnDefinition(name: "SEX_RET", type: .text(length: 1)),
                ColumnDefinition(name: "BEN_NAI_ANN", type: .text(length: 4)),
            ])
        _ = try await engine.load(left, replacing: true) { loader in
            var batch = RowBatch(columns: left.columnNames)
            for index in 0..<120 {
                let pseudonym = pseudonyms[random.below(pseudonyms.count)]
                batch.append(row: [
                    .text("d\(index)"), pseudonym.isEmpty && random.chance(0.5) ? .null : .text(pseudonym), .integer(Int64(1 + random.below(2))),
                ])
            }
            try await loader.append(batch)
        }
        _ = try await engine.load(right, replacing: true) { loader in
            var batch = RowBatch(columns: right.columnNames)
            for index in 0..<90 {
                let pseudonym = pseudonyms[random.below(pseudonyms.count)]
                batch.append(row: [
                    .text("p\(index)"), .text(pseudonym), .text(random.chance(0.1) ? "1" : "0"), .text(random.chance(0.1) ? "2" : "0"),
                    .text(String(1940 + random.below(3))),
                ])
            }
            try await loader.append(batch)
        }
    }

    static func spec(url: String, prefix: String, folder: URL) throws -> LinkageSpec {
        let text = """
            version: 1
            mode: link
            left: {engine: "\(url)", table: \(prefix)_dcir, id: id}
            right: {engine: "\(url)", table: \(prefix)_pmsi, id: id}
            deterministic:
              - snds_pmsi_chaining
              - name: prefix_and_year
                keys: ["substr(BEN_NIR_PSA, 1, 4) = substr(NIR_ANO_17, 1, 4)"]
            """
        let path = folder.appendingPathComponent("\(prefix).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try LinkageSpec.read(path: path)
    }

    static func check(url: String, prefix: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pushdown-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let engine = try Engines.open(url)
        try await load(into: engine, prefix: prefix)
        let spec = try spec(url: url, prefix: prefix, folder: folder)
        #expect(DeterministicPushdown.obstacle(spec, out: url) == nil)
        let job = try await LinkageJob.prepare(spec)
        let prediction = try await job.predict(model: await job.train())
        let expected = Set(
            prediction.pairs.map { "\(job.left.ids[Int($0.left)])-\(job.right.ids[Int($0.right)]) \(spec.deterministic[$0.rule!].name)" })
        #expect(expected.count > 20)
        let pushed = try await DeterministicPushdown.run(spec, on: engine, prefix: prefix)
        let rows = try await engine.rows(
            "SELECT left_id, right_id, matched_by FROM \(engine.dialect.quote("\(prefix)_pairs"))")
        let found = Set(rows.map { "\($0[0].text ?? "")-\($0[1].text ?? "") \($0[2].text ?? "")" })
        #expect(found == expected, "\(url): only SQL \(found.subtracting(expected).sorted()); only memory \(expected.subtracting(found).sorted())")
        #expect(pushed == expected.count)
    }

    @Test func sqliteGivesTheInMemoryPairs() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pushdown-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.check(url: "sqlite://" + folder.appendingPathComponent("p.sqlite").path, prefix: "chain")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["HUBLOT_TEST_POSTGRES"] != nil, "no PostgreSQL server: scripts/test.sh starts one"))
    func postgresGivesTheInMemoryPairs() async throws {
        try await Self.check(url: ProcessInfo.processInfo.environment["HUBLOT_TEST_POSTGRES"]!, prefix: "pushdown_pg")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["HUBLOT_TEST_SPARK"] != nil, "no Spark Connect server: scripts/test.sh starts one"))
    func sparkGivesTheInMemoryPairs() async throws {
        try await Self.check(url: ProcessInfo.processInfo.environment["HUBLOT_TEST_SPARK"]!, prefix: "pushdown_spark")
    }

    @Test func jobsThatCannotRunAsSQLSayWhy() throws {
        let folder = FileManager.default.temporaryDirectory
        let spec = try Self.spec(url: "sqlite:///tmp/a.sqlite", prefix: "x", folder: folder)
        #expect(DeterministicPushdown.obstacle(spec, out: "sqlite:///tmp/b.sqlite") == "the sides and the output are not all on one engine")
        var withComparisons = spec
        withComparisons.comparisons = [ComparisonSpec(name: "c", columns: ["BEN_NIR_PSA"], levels: [])]
        #expect(DeterministicPushdown.obstacle(withComparisons, out: "sqlite:///tmp/a.sqlite") != nil)
    }
}
