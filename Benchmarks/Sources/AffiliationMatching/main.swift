import BenchmarkSupport
import Enrichment
import Foundation
import Publications

// The affiliation matcher on real data: the registry's index built once, every affiliation string of one PubMed
// update file matched on one core and on all of them, then the gold sets' precision and recall.
let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/data").standardized.path
let rorFile = ProcessInfo.processInfo.environment["HUBLOT_ROR_FILE"] ?? data + "/organisations/ror-partial-v2.json"
let rnsrFile = data + "/organisations/rnsr-structures-actives-2022-02-nopersons.csv"
guard FileManager.default.fileExists(atPath: rorFile) else {
    print("\(rorFile) not found (set HUBLOT_ROR_FILE): nothing to measure")
    exit(0)
}

func readRegistry(withRNSR: Bool) throws -> [Organisation] {
    var organisations: [Organisation] = []
    var reader = try RORReader(path: rorFile)
    while let organisation = try reader.next() { organisations.append(organisation) }
    if withRNSR, FileManager.default.fileExists(atPath: rnsrFile) {
        var rnsr = try RNSRReader(path: rnsrFile)
        while let organisation = try rnsr.next() { organisations.append(organisation) }
    }
    return organisations
}

func report(_ label: String, _ evaluation: AffiliationEvaluation) {
    print(
        String(
            format: "  %@: %d judged (%d with empty gold): precision %.3f, recall %.3f, F1 %.3f (tp %d, fp %d, fn %d)", label,
            evaluation.judged, evaluation.judgedWithEmptyGold, evaluation.precision, evaluation.recall, evaluation.f1,
            evaluation.truePositives, evaluation.falsePositives, evaluation.falseNegatives))
    print("    misses by cause: " + evaluation.missesByCause.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", "))
}

let goldSets: [(String, () throws -> [AffiliationGoldItem])] = [
    ("Crossref", { try AffiliationGold.readJSON(path: data + "/affiliations/dataset_affiliations_crossref_2024_02_19.json") }),
    ("Springer", { try AffiliationGold.readJSON(path: data + "/affiliations/dataset_affiliations_springer_2023_10_31.json") }),
    ("names", { try AffiliationGold.readJSON(path: data + "/affiliations/dataset_names.json") }),
    ("works-magnet", { try AffiliationGold.readWorksMagnetCSV(path: data + "/affiliations/export_works-magnet_20240710_nocontact.csv") }),
]

for withRNSR in [false, true] {
    let organisations = try readRegistry(withRNSR: withRNSR)
    var matcher: AffiliationMatcher?
    _ = timed("index of \(organisations.count) organisations" + (withRNSR ? " (ROR + RNSR)" : " (ROR)"), runs: 1) {
        matcher = AffiliationMatcher(organisations: organisations)
    }
    guard let matcher else { continue }
    for (label, read) in goldSets {
        guard let items = try? read() else { continue }
        report(label, AffiliationEvaluation(items: items, matcher: matcher))
        var keeping = matcher
        keeping.keepsUnitsBesideParent = true
        report(label + ", units kept beside their parent", AffiliationEvaluation(items: items, matcher: keeping))
    }
    guard !withRNSR else { continue }

    // Every distinct affiliation string of the PubMed file, as enrichment meets them.
    let file = pubMedFile()
    var strings: [String] = []
    var reader = try PubMedReader(path: file)
    while let event = try reader.next() {
        guard case .record(let record) = event else { continue }
        for author in record.metadata.authors { strings += author.affiliations }
    }
    let distinct = Array(Set(strings))
    print("\(strings.count) affiliation strings, \(distinct.count) distinct, in \(file)")
    let single = timed("match on one core", runs: 3) {
        var count = 0
        for string in distinct { count += matcher.match(string).count }
        precondition(count >= 0)
    }
    print(String(format: "  %.0f strings/s on one core", Double(distinct.count) / single.best))
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let parallel = timed("match on \(cores) cores", runs: 3) {
        DispatchQueue.concurrentPerform(iterations: cores) { worker in
            var count = 0
            for index in stride(from: worker, to: distinct.count, by: cores) { count += matcher.match(distinct[index]).count }
            precondition(count >= 0)
        }
    }
    print(String(format: "  %.0f strings/s on %d cores", Double(distinct.count) / parallel.best, cores))
}
