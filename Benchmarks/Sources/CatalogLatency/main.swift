import BenchmarkSupport
import Catalog
import Foundation
import Store

// Prints the import time of the real schema and the latency percentiles of 1,000 variable searches, timed
// with the clock alone: the benchmark harness's allocation counting slows allocation-heavy code such as search.
// Run from the repository root: swift run -c release --package-path Benchmarks catalog-latency

guard let schemaDirectory else {
    print("../shared/data/schema-snds not found (or set HUBLOT_SCHEMA_SNDS): nothing to measure")
    exit(0)
}

let clock = ContinuousClock()
let path = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-latency-\(UUID().uuidString).sqlite").path
defer {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
let importStart = clock.now
_ = try CatalogImporter().importCatalog(from: schemaDirectory, into: try Store.open(path: path, schemas: [CatalogSchema.self]))
print("import of \(schemaDirectory) into a file store: \(clock.now - importStart)")

let (repository, version, queries) = try await importedCatalogAndQueries(from: schemaDirectory)
for query in queries.prefix(50) { _ = try await repository.search(query, version: version) }
var durations: [Duration] = []
for query in queries {
    let start = clock.now
    _ = try await repository.search(query, version: version, limit: 20)
    durations.append(clock.now - start)
}
durations.sort()
func percentile(_ p: Double, of durations: [Duration]) -> String {
    let duration = durations[min(durations.count - 1, Int(Double(durations.count) * p))]
    return String(format: "%.2f ms", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)
}
print(
    "\(durations.count) variable searches: p50 \(percentile(0.5, of: durations)), p90 \(percentile(0.9, of: durations)), p99 \(percentile(0.99, of: durations)), max \(percentile(1, of: durations))"
)
