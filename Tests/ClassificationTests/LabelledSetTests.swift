import Catalog
import Foundation
import Publications
import Testing

@testable import Classification

/// The classifier against the labelled sets of Fixtures/README.md: real PubMed and Europe PMC records, and
/// abstracts written to be hard. The figures are printed; the floors only catch a regression.
@Suite struct LabelledSetTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let sharedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/data")
        .standardizedFileURL

    struct Label {
        var id: String
        var uses: Set<String>
    }

    static func labels(_ name: String) throws -> [Label] {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return Label(id: object["id"] as! String, uses: Set(object["uses"] as! [String]))
        }
    }

    /// Records of a file by the key labels use: the JSONL id, or `pmid:N`.
    static func records(_ format: PublicationSource, _ path: String) throws -> [String: PublicationMetadata] {
        var reader = try PublicationFormats.reader(for: format, path: path)
        var records: [String: PublicationMetadata] = [:]
        while let event = try reader.next() {
            guard case .record(let record) = event else { continue }
            let key = format == .jsonl ? record.key : "pmid:\(record.metadata.identifiers.pmid ?? record.key)"
            records[key] = record.metadata
        }
        return records
    }

    struct Score: CustomStringConvertible, Sendable {
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        var description: String {
            String(format: "P %.2f R %.2f F1 %.2f (tp %d fp %d fn %d)", precision, recall, f1, truePositives, falsePositives, falseNegatives)
        }
    }

    func evaluate(_ labelsFile: String, _ format: PublicationSource, _ path: String) throws -> Score {
        let classifier = try DatabaseClassifier()
        let labels = try Self.labels(labelsFile)
        let records = try Self.records(format, path)
        let databases = labels.reduce(into: Set<String>()) { $0.formUnion($1.uses) }
        var total = Score()
        var perDatabase: [String: Score] = [:]
        for label in labels {
            guard let metadata = records[label.id] else {
                Issue.record("\(labelsFile): \(label.id) is not in \(path)")
                continue
            }
            let verdicts = classifier.classify(metadata)
            let predicted = Set(verdicts.filter { $0.verdict == .uses && databases.contains($0.database) }.map(\.database))
            for database in databases {
                let expected = label.uses.contains(database)
                let found = predicted.contains(database)
                if expected && found { perDatabase[database, default: Score()].truePositives += 1 }
                if !expected && found { perDatabase[database, default: Score()].falsePositives += 1 }
                if expected && !found { perDatabase[database, default: Score()].falseNegatives += 1 }
                if expected != found {
                    let verdict = verdicts.first { $0.database == database }!
                    let evidence =
                        verdict.evidence.first.map {
                            "[\($0.field.rawValue) \($0.weight) \($0.note ?? "")] \($0.phrase) | \($0.sentence.prefix(160))"
                        } ?? "-"
                    print(
                        "MISS \(database) \(label.id) expected \(expected) got \(verdict.verdict) \(verdict.confidence): \((metadata.title ?? "").prefix(70)) :: \(evidence)"
                    )
                }
            }
        }
        for (database, score) in perDatabase.sorted(by: { $0.key < $1.key }) {
            print("\(labelsFile) \(database): \(score)")
            total.truePositives += score.truePositives
            total.falsePositives += score.falsePositives
            total.falseNegatives += score.falseNegatives
        }
        print("\(labelsFile) overall: \(total)")
        return total
    }

    /// One labelled set against its records, off the cooperative pool.
    func score(_ labels: String, _ format: PublicationSource, _ path: String) async throws -> Score {
        try await offTheCooperativePool { try LabelledSetTests().evaluate(labels, format, path) }
    }

    @Test func writtenAbstracts() async throws {
        let score = try await score("labels-written.jsonl", .jsonl, Self.fixtures.appendingPathComponent("written-abstracts.jsonl").path)
        #expect(score.f1 >= 0.5)
    }

    /// Written by someone who saw neither the rules nor the first set: the honest figure.
    @Test func heldOutAbstracts() async throws {
        let score = try await score("labels-heldout.jsonl", .jsonl, Self.fixtures.appendingPathComponent("heldout-abstracts.jsonl").path)
        #expect(score.f1 >= 0.5)
    }

    /// Written last, by someone who saw neither the rules nor the other sets, and measured once before any change.
    @Test func finalAbstracts() async throws {
        let score = try await score("labels-final.jsonl", .jsonl, Self.fixtures.appendingPathComponent("final-abstracts.jsonl").path)
        #expect(score.f1 >= 0.5)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("pubmed").path), "../shared/data is absent"))
    func realPubMedFile() async throws {
        let score = try await score("labels-real-pubmed.jsonl", .pubmed, Self.sharedData.appendingPathComponent("pubmed/pubmed21n1298.xml.gz").path)
        #expect(score.falsePositives <= 3)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("europepmc").path), "../shared/data is absent"))
    func realEuropePMCFile() async throws {
        let score = try await score(
            "labels-real-europepmc.jsonl", .europepmc, Self.sharedData.appendingPathComponent("europepmc/covid_papers.csv").path)
        #expect(score.falsePositives <= 3)
    }
}

/// Runs long synchronous work on a thread of its own: on the two threads of Swift's cooperative pool it would
/// starve the suites that wait for a local HTTP server (their requests time out and are retried).
func offTheCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
