import BenchmarkSupport
import Classification
import Foundation
import Publications
import Search
import Store

// The whole answer of a search (top 20 with snippets, every facet's counts) over the real PubMed file, then
// over its documents replicated to 100,000 and 1,000,000 publications.
// Run from the repository root: swift run -c release --package-path Benchmarks search-latency [FILE.xml.gz] [--sizes 100000,1000000]
//
// The real file goes through the store (ingest, classification, documents built by the engine's catch-up);
// the replicated sets are indexed from their documents directly, without a store: building a million
// documents through SQLite would measure the store, not the search.

/// Writes each figure as soon as it is known, unbuffered even into a file: the million takes minutes.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

let clock = ContinuousClock()
let file = pubMedFile(arguments: CommandLine.arguments.dropFirst().prefix { !$0.hasPrefix("--") })
let sizes: [Int] = {
    guard let flag = CommandLine.arguments.firstIndex(of: "--sizes"), flag + 1 < CommandLine.arguments.count else { return [100_000, 1_000_000] }
    return CommandLine.arguments[flag + 1].split(separator: ",").compactMap { Int($0) }
}()

func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes / 1024
}

let path = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-search-\(UUID().uuidString).sqlite").path
defer {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
let store = try Store.open(path: path, schemas: [PublicationsSchema.self, ClassificationSchema.self, SearchSchema.self])
var start = clock.now
let ingested = try PublicationIngestor(store: store).ingest(file, as: .pubmed)
say("ingest of \(file): \(ingested.new) publications in \(clock.now - start)")
start = clock.now
_ = try await ClassificationRunner(store: store).run()
say("classify run: \(clock.now - start)")
start = clock.now
let stored = try await SearchEngine(store: store)
say(String(format: "documents built by the catch-up and indexed: %d in %.1f s", await stored.count, seconds(clock.now - start)))
start = clock.now
let reindexed = try await SearchEngine.reindex(store: store)
say(String(format: "search reindex (documents only): %d in %.1f s", reindexed.documents, reindexed.seconds))

let base = try await stored.documents(matching: SearchRequest()).sorted { $0.id < $1.id }

/// A repeatable generator, so that every run searches the same queries.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// 500 queries as users type them: 1 to 3 words of real titles, a fifth with filters, some still being typed.
func queries(from documents: [SearchDocument]) -> [SearchRequest] {
    var generator = SplitMix(state: 7)
    func random(_ count: Int) -> Int { Int(generator.next() % UInt64(count)) }
    var requests: [SearchRequest] = []
    while requests.count < 500 {
        let title = documents[random(documents.count)].title
        let words = title.split { !$0.isLetter }.map(String.init).filter { $0.count > 3 }
        guard !words.isEmpty else { continue }
        let first = random(words.count)
        var query = words[first..<min(words.count, first + 1 + random(3))].joined(separator: " ")
        query += random(4) == 0 ? "" : " "
        var request = SearchRequest(query: query)
        switch random(10) {
        case 0: request.filters.years = 2015...2021
        case 1: request.filters.values[.database] = ["SNDS"]
        case 2: request.filters.values[.language] = ["en"]
        case 3: request.sort = .date
        default: break
        }
        requests.append(request)
    }
    return requests
}

func percentiles(_ label: String, _ durations: [Duration]) {
    let sorted = durations.map { seconds($0) * 1000 }.sorted()
    func at(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    say(String(format: "%@: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", label, at(0.5), at(0.95), at(0.99), sorted.last ?? 0))
}

func measure(_ engine: SearchEngine, label: String, requests: [SearchRequest]) async throws {
    for request in requests.prefix(50) { _ = try await engine.search(request) }
    var durations: [Duration] = []
    var matched = 0
    for request in requests {
        let start = clock.now
        let response = try await engine.search(request)
        durations.append(clock.now - start)
        matched += response.total
    }
    percentiles("\(label): \(requests.count) searches (top 20, snippets, all facets), \(matched / requests.count) matches on average", durations)
}

let requests = queries(from: base)
try await measure(stored, label: "\(base.count) publications (from the store)", requests: requests)

for size in sizes {
    let before = residentMegabytes()
    start = clock.now
    // Each copy is another publication: another number, and years shifted so that dates and facets vary.
    let replicated = (0..<size).lazy.map { index -> SearchDocument in
        var document = base[index % base.count]
        let copy = index / base.count
        document.id = Int64(index + 1)
        document.name = "copy\(copy):\(document.name)"
        if let date = document.date { document.date = PublicationDate(year: date.year - copy % 12, month: date.month, day: date.day) }
        return document
    }
    let engine = SearchEngine(documents: replicated)
    let built = seconds(clock.now - start)
    say(
        String(
            format: "%d publications (replicated) indexed in %.1f s, resident memory %.0f MB (+%.0f MB)", size, built, residentMegabytes(),
            residentMegabytes() - before))
    try await measure(engine, label: "\(size) publications", requests: requests)
}
