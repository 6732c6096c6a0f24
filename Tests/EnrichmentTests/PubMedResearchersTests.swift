import Foundation
import Publications
import Testing

@testable import Enrichment

/// The disambiguation on one real PubMed update file: 20,788 records, about 130,000 author mentions.
@Suite(.enabled(if: SharedData.has("pubmed/pubmed21n1298.xml.gz"), "../shared/data/pubmed/pubmed21n1298.xml.gz is absent"))
struct PubMedResearchersTests {
    static func mentions() throws -> [AuthorMention] {
        var reader = try PubMedReader(path: SharedData.path("pubmed/pubmed21n1298.xml.gz"))
        var structures: [String: [String]] = [:]
        var mentions: [AuthorMention] = []
        while let event = try reader.next() {
            guard case .record(let record) = event else { continue }
            mentions += AuthorMention.mentions(in: record.metadata, publication: "pmid:\(record.key)") { affiliation in
                if let known = structures[affiliation] { return known }
                let found = AuthorMention.institution(affiliation)
                structures[affiliation] = found
                return found
            }
        }
        return mentions
    }

    @Test func theUpdateFileDisambiguatesQuicklyAndCautiously() throws {
        let readStart = ContinuousClock.now
        let mentions = try Self.mentions()
        let readTime = ContinuousClock.now - readStart
        let start = ContinuousClock.now
        let result = ResearcherDisambiguation().run(mentions)
        let time = ContinuousClock.now - start
        let statistics = result.statistics
        let several = result.researchers.filter { $0.mentions.count > 1 }
        let largest = result.researchers.map(\.mentions.count).max() ?? 0
        var reasons: [MergeReason.Kind: Int] = [:]
        for researcher in several { for mention in researcher.mentions { for reason in mention.reasons { reasons[reason.kind, default: 0] += 1 } } }
        print(
            """
            pubmed21n1298: \(statistics.mentions) mentions (read in \(readTime)), \(statistics.researchers) researchers, \
            \(statistics.withORCID) with ORCID, \(statistics.merged) mentions merged, \(several.count) researchers with several mentions \
            (largest \(largest)), reasons \(reasons.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }), \
            disambiguated in \(time)
            """)
        #expect(statistics.mentions > 120_000)
        // The target is for optimised builds; an unoptimised (debug) build runs this code about ten times slower.
        #if DEBUG
            let limit = Duration.seconds(60)
        #else
            let limit = Duration.seconds(10)
        #endif
        #expect(time < limit)
        #expect(statistics.merged > 1_000, "namesakes sharing co-authors are merged")
        #expect(Double(statistics.merged) < 0.2 * Double(statistics.mentions), "one month of PubMed is mostly different people")

        // No merge joins given names that contradict each other, unless an ORCID says so.
        // A PMID revised within the file appears twice; the disambiguation keeps its last version, as here.
        let byKey = Dictionary(mentions.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        for researcher in several where researcher.orcid == nil {
            let names = researcher.mentions.compactMap { byKey[$0.key]?.given }
            for (offset, name) in names.enumerated() {
                #expect(names[(offset + 1)...].allSatisfy { $0.isCompatible(with: name) }, "\(researcher.id): \(researcher.mentions.map(\.name))")
            }
        }
        // Every ORCID is one researcher.
        let orcids = Set(byKey.values.compactMap(\.orcid))
        #expect(orcids.count == statistics.withORCID)
        // The commonest block keeps many people apart.
        var blocks: [String: Set<String>] = [:]
        var blockSizes: [String: Int] = [:]
        let assignment = result.assignment
        for mention in byKey.values where !mention.given.isEmpty {
            blocks[mention.block, default: []].insert(assignment[mention.key] ?? "")
            blockSizes[mention.block, default: 0] += 1
        }
        let commonest = try #require(blockSizes.max { $0.value < $1.value })
        print("commonest block \(commonest.key): \(commonest.value) mentions, \(blocks[commonest.key]?.count ?? 0) researchers")
        #expect(Double(blocks[commonest.key]?.count ?? 0) > 0.5 * Double(commonest.value))

        // A rerun with the ids of the first gives the same researchers.
        #expect(ResearcherDisambiguation().run(mentions, previous: assignment).researchers.map(\.id) == result.researchers.map(\.id))
    }
}
