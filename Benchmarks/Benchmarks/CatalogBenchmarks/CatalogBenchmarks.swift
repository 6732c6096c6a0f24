import Benchmark
import BenchmarkSupport
import Catalog
import Foundation
import Store

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
            let (repository, version, queries) = try await importedCatalogAndQueries(from: schemaDirectory)
            return SearchFixture(repository: repository, version: version, queries: queries)
        }
    )
}
