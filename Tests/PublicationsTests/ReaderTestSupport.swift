import Core
import Foundation
import Testing

@testable import Publications

/// Everything a reader hands out, sorted by kind, in file order.
struct ReadOutcome {
    var events: [ReaderEvent] = []
    var records: [SourceRecord] = []
    var warnings: [PublicationProblem] = []
    var rejections: [PublicationProblem] = []
    var deletions: [String] = []

    func record(_ key: String) -> SourceRecord? { records.first { $0.key == key } }
}

func readAll(_ reader: some PublicationReader) throws(PublicationProblem) -> ReadOutcome {
    var reader = reader
    var outcome = ReadOutcome()
    while let event = try reader.next() {
        outcome.events.append(event)
        switch event {
        case .record(let record): outcome.records.append(record)
        case .warning(let problem): outcome.warnings.append(problem)
        case .rejected(let problem): outcome.rejections.append(problem)
        case .deletion(_, let key, _): outcome.deletions.append(key)
        }
    }
    return outcome
}

/// The problem a reading throws, or nil when it reads to the end.
func thrownProblem(_ read: () throws(PublicationProblem) -> Void) -> PublicationProblem? {
    do {
        try read()
        return nil
    } catch {
        return error
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}

/// A fresh directory for a test's files, removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// Compresses `file` with the gzip command into `file.gz`, as NLM's files are made; `keep` keeps the original.
func gzip(_ file: URL, keep: Bool = false) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-f"] + (keep ? ["-k"] : []) + [file.path]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
}
