import Foundation
import Testing

@testable import Enrichment

@Suite(.enabled(if: SharedData.has("pubmed/pubmed21n1298.xml.gz"), "absent"))
struct TemporaryPhasesTests {
    @Test func phases() throws {
        let mentions = try PubMedResearchersTests.mentions()
        let clock = ContinuousClock()
        var start = clock.now
        var run = DisambiguationRun(mentions: mentions, configuration: .init())
        print("phase init \(clock.now - start)")
        start = clock.now
        run.linkORCIDs()
        run.apply([], previous: [:])
        print("phase orcid \(clock.now - start)")
        start = clock.now
        run.clusterBlocks()
        print("phase blocks \(clock.now - start)")
        start = clock.now
        _ = run.result(previous: [:])
        print("phase result \(clock.now - start)")
    }
}
