import BenchmarkSupport
import Catalog
import Classification
import Foundation
import Publications
import Store

// Times the classifier over every record of one PubMed file held in memory, then the whole scan of the file
// (read, classify, store the candidates), and prints what the classifier finds per database.
// The issue's target: the 20,788 records of pubmed21n1298.xml.gz classified in under 5 s.
// Run from the repository root: swift run -c release --package-path Benchmarks classify [FILE]

let file = pubMedFile()
let targetSeconds = 5.0

print("file: \(file), \(ProcessInfo.processInfo.activeProcessorCount) cores")

// Not timed: the records, read once.
var publications: [(key: String, metadata: PublicationMetadata)] = []
var reader = try PubMedReader(path: file)
while let event = try reader.next() {
    if case .record(let record) = event { publications.append((record.key, record.metadata)) }
}
print("\(publications.count) records in memory")

let registry = DatabaseRegistry.standard
let classifier = try DatabaseClassifier(registry: registry)
var verdicts: [[DatabaseVerdict]] = []
let classify = timed("DatabaseClassifier.classify over every record") {
    verdicts = publications.map { classifier.classify($0.metadata) }
}
// `hublot classify run` classifies pages on every core: the same here, one slice of the records per core.
let cores = ProcessInfo.processInfo.activeProcessorCount
let onEveryCore = timed("the same on \(cores) cores") {
    let slices = stride(from: 0, to: publications.count, by: (publications.count + cores - 1) / cores).map {
        publications[$0..<min($0 + (publications.count + cores - 1) / cores, publications.count)]
    }
    DispatchQueue.concurrentPerform(iterations: slices.count) { index in
        for publication in slices[index] { _ = classifier.classify(publication.metadata) }
    }
}
print(
    String(
        format: "  %d records in %.2f s on %d cores (target < %.0f s: %@)", publications.count, onEveryCore.best, cores, targetSeconds,
        onEveryCore.best < targetSeconds ? "met" : "NOT met"))
let rate = Double(publications.count) / classify.best
print(
    String(
        format: "  one core: %.0f records/s; %d records in %.2f s", rate, publications.count, classify.best))

// What it finds, per database: one run's verdicts.
print("verdicts per database (uses / mentions):")
for (index, database) in registry.databases.enumerated() {
    let uses = verdicts.count { $0[index].verdict == .uses }
    let mentions = verdicts.count { $0[index].verdict == .mentions }
    guard uses + mentions > 0 else { continue }
    print("  \(database.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(uses) / \(mentions)")
}
let anyUse = verdicts.count { $0.contains { $0.verdict == .uses } }
let anyMention = verdicts.count { $0.contains { $0.verdict != .no } }
print("  any database: \(anyUse) use one, \(anyMention) use or mention one")

// The slowest records, where a profile should look first.
var slowest: [(key: String, seconds: Double)] = []
for publication in publications {
    let start = ContinuousClock.now
    _ = classifier.classify(publication.metadata)
    slowest.append((publication.key, seconds(ContinuousClock.now - start)))
}
slowest.sort { $0.seconds > $1.seconds }
print("slowest records: " + slowest.prefix(5).map { String(format: "PMID %@ %.1f ms", $0.key, $0.seconds * 1000) }.joined(separator: ", "))

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-classify-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }

_ = try timed("PubMedReader alone (the floor of a scan)") {
    var reader = try PubMedReader(path: file)
    while try reader.next() != nil {}
}
var run = 0
var summary = IngestSummary()
let scan = try timed("hublot publications scan (keep mentions) into an empty file store") {
    run += 1
    let store = try Store.open(path: directory.appendingPathComponent("store-\(run).sqlite").path, schemas: [PublicationsSchema.self])
    let scanner = try CandidateScanner(registry: registry, criterion: CandidateCriterion(keep: .mentions))
    summary = try PublicationIngestor(store: store, filter: scanner.filter).ingest(file, as: .pubmed)
}
print(
    String(
        format: "  %.0f records/s; %d read, %d candidates kept, %d skipped", Double(summary.read) / scan.best, summary.read,
        summary.new + summary.merged + summary.updated + summary.unchanged, summary.skipped))
