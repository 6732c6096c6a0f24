import Benchmark
import Catalog
import Foundation
import GRDB
import Store

/// The real SNDS schema, beside the repository as in CI (`../shared/data/schema-snds`), or $HUBLOT_SCHEMA_SNDS.
let schemaDirectory: String? = {
    let candidates: [String?] = [
        ProcessInfo.processInfo.environment["HUBLOT_SCHEMA_SNDS"],
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/data/schema-snds").standardized.path,
    ]
    return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0 + "/schemas") }
}()

/// 1,000 searches as users type them: French and English words, variable names, prefixes, several words.
func searchQueries(from variables: [(name: String, description: String)]) -> [String] {
    let fixed = [
        "date de naissance", "date of birth", "sexe", "diagnostic principal", "FINESS", "montant remboursé", "date de décès",
        "BEN_NAI_ANN", "naiss", "code postal", "médicament", "hospitalisation", "acte CCAM", "affection longue durée", "spécialité du médecin",
    ]
    var generator = SystemRandomNumberGenerator.Seeded(seed: 42)
    var queries = fixed
    while queries.count < 1_000 {
        let variable = variables[Int(generator.next() % UInt64(variables.count))]
        let words = variable.description.split(separator: " ").map(String.init).filter { $0.count > 3 }
        switch generator.next() % 3 {
        case 0: queries.append(variable.name)
        case 1 where !words.isEmpty: queries.append(String(words[Int(generator.next() % UInt64(words.count))].prefix(5)))
        default: queries.append(words.prefix(3).joined(separator: " "))
        }
    }
    return queries
}

extension SystemRandomNumberGenerator {
    /// A repeatable generator (SplitMix64), so every run searches the same queries.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

/// What every search iteration reads: the imported real catalog and the queries.
struct SearchFixture: Sendable {
    var repository: CatalogRepository
    var version: CatalogVersion
    var queries: [String]
}

let benchmarks: @Sendable () -> Void = {
    guard let schemaDirectory else {
        print("../shared/data/schema-snds not found (or set HUBLOT_SCHEMA_SNDS): no catalog benchmark to run")
        return
    }

    Benchmark(
        "Catalog import of schema-snds (file store)",
        configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(120), maxIterations: 3)
    ) { benchmark in
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-bench-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try Store.open(path: path, schemas: [CatalogSchema.self])
        benchmark.startMeasurement()
        let report = try CatalogImporter().importCatalog(from: schemaDirectory, into: store)
        benchmark.stopMeasurement()
        blackHole(report)
    }

    Benchmark(
        "Variable search (one query of 1,000)",
        configuration: .init(metrics: [.wallClock], warmupIterations: 20, scalingFactor: .one, maxDuration: .seconds(60), maxIterations: 1_000),
        closure: { (benchmark: Benchmark, fixture: SearchFixture) in
            let query = fixture.queries[benchmark.currentIteration % fixture.queries.count]
            blackHole(try await fixture.repository.search(query, version: fixture.version, limit: 20))
        },
        setup: {
            let store = try Store.inMemory(schemas: [CatalogSchema.self])
            _ = try CatalogImporter().importCatalog(from: schemaDirectory, into: store)
            let repository = CatalogRepository(store: store)
            let version = try await repository.version()!
            let variables = try await store.reader.read { db in
                try Row.fetchAll(db, sql: "SELECT name, description FROM variable").map { ($0["name"] as String, $0["description"] as String) }
            }
            return SearchFixture(repository: repository, version: version, queries: searchQueries(from: variables))
        }
    )
}
