import BenchmarkSupport
import Foundation
import Publications
import Store

// Times the ingest of one PubMed update file against libxml2's own streaming pass over it (xmllint --stream),
// prints the peak memory, and extrapolates to a whole PubMed baseline of 1,300 files.
// Run from the repository root: swift run -c release --package-path Benchmarks publications-ingest [FILE]

// Peak memory is measured on one ingest run in a process of its own: this one re-launched with these arguments.
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "--ingest-once" {
    let store = try Store.open(path: CommandLine.arguments[3], schemas: [PublicationsSchema.self])
    _ = try PublicationIngestor(store: store).ingest(CommandLine.arguments[2], as: .pubmed)
    exit(0)
}

let file = pubMedFile()
let baselineFiles = 1_300.0

/// Runs one ingest of `file` into a new store at `path` in a child process; returns its peak resident memory.
func peakResidentMegabytesOfOneIngest(into path: String) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = ["--ingest-once", file, path]
    try process.run()
    process.waitUntilExit()
    precondition(process.terminationStatus == 0, "the ingest process failed")
    // The largest of the children's peaks: xmllint's is a few megabytes.
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func findXmllint() -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/xmllint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

print(
    "file: \(file) (\(((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) / 1_000_000) MB compressed), \(ProcessInfo.processInfo.activeProcessorCount) cores"
)

var reference: Double?
if let xmllint = findXmllint() {
    reference = try timed("xmllint --stream --noout (libxml2 alone, the reference)") {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--stream", "--noout", file]
        try process.run()
        process.waitUntilExit()
    }.best
} else {
    print("xmllint not found (Debian: libxml2-utils): no reference time")
}

var records = 0
let readerOnly = try timed("PubMedReader alone (parse to the model, nothing stored)") {
    var reader = try PubMedReader(path: file)
    records = 0
    while let event = try reader.next() { if case .record = event { records += 1 } }
}.best
print("  \(records) records")

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-ingest-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
var run = 0
let ingest = try timed("hublot publications ingest into an empty file store") {
    run += 1
    let path = directory.appendingPathComponent("store-\(run).sqlite").path
    let store = try Store.open(path: path, schemas: [PublicationsSchema.self])
    let summary = try PublicationIngestor(store: store).ingest(file, as: .pubmed)
    precondition(summary.read > 0, "nothing ingested")
}.best
let lastStore = try Store.open(path: directory.appendingPathComponent("store-\(run).sqlite").path, schemas: [PublicationsSchema.self])
_ = try timed("the same file again (nothing new)") {
    let summary = try PublicationIngestor(store: lastStore).ingest(file, as: .pubmed)
    precondition(summary.new == 0 && summary.merged == 0, "a second ingest added records")
}

let separatePath = directory.appendingPathComponent("store-alone.sqlite").path
let peak = try peakResidentMegabytesOfOneIngest(into: separatePath)
// The child closed its store: the write-ahead log is folded into the file, whose size is the store's.
let storeBytes = (try FileManager.default.attributesOfItem(atPath: separatePath)[.size] as? Int) ?? 0
print(String(format: "peak resident memory of one ingest (a process of its own): %.0f MB (target < 200 MB)", peak))
print(String(format: "store: %.0f MB for %d records", Double(storeBytes) / 1e6, records))
print(String(format: "reader alone: %.0f records/s; whole ingest: %.0f records/s", Double(records) / readerOnly, Double(records) / ingest))
if let reference {
    print(String(format: "whole ingest / xmllint --stream: %.2fx (target <= 2x)", ingest / reference))
}
let hours = ingest * baselineFiles / 3600
print(
    String(
        format: "extrapolated to %.0f such files, one after the other on these %d cores: %.1f h, store about %.0f GB",
        baselineFiles, ProcessInfo.processInfo.activeProcessorCount, hours, Double(storeBytes) * baselineFiles / 1e9))
