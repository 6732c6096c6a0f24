import Foundation
import Testing

@testable import Enrichment

@Suite struct ResearcherDisambiguationTests {
    let disambiguation = ResearcherDisambiguation()

    @Test func anORCIDMakesOnePersonWhateverTheNameAndTwoORCIDsNeverMerge() throws {
        let result = disambiguation.run([
            mention("p1", 1, "Dupont", "Jean-Pierre", orcid: "0000-0002-1825-0097", with: ["martin c"]),
            mention("p2", 3, "Dupont", "J-P", orcid: "0000-0002-1825-0097"),
            mention("p3", 1, "Dupont", "Jean-Pierre", orcid: "0000-0001-5109-3700", with: ["martin c"]),
            mention("p4", 2, "Dupont", "Jean-Pierre", with: ["martin c", "lee k"]),
        ])
        let identified = try #require(result.researcher(of: "p1", 1))
        #expect(identified.id == "orcid:0000-0002-1825-0097")
        #expect(identified.orcid == "0000-0002-1825-0097")
        // p4 shares a co-author with both ORCID persons: it joins one of them (the first, on a tie), never both.
        #expect(identified.mentions.map(\.key.description) == ["p1#1", "p2#3", "p4#2"])
        #expect(identified.mentions.prefix(2).allSatisfy { $0.reasons.first == MergeReason(.orcid, values: ["0000-0002-1825-0097"]) })
        #expect(identified.mentions[2].reasons == [MergeReason(.coAuthors, with: MentionKey("p1#1"), values: ["martin c"])])
        #expect(result.researcher(of: "p3", 1)?.mentions.map(\.key.description) == ["p3#1"])
        #expect(result.researcher(of: "p3", 1)?.id == "orcid:0000-0001-5109-3700")
        #expect(result.statistics.withORCID == 2)
        #expect(result.statistics.researchers == 2)
    }

    @Test func aSharedCoAuthorMergesAnInitialWithTheFullNameAndSaysWhy() throws {
        let result = disambiguation.run([
            mention("p1", 1, "Dupont", "Jean", with: ["martin c", "lee k"]),
            mention("p2", 2, "Dupont", "J", with: ["martin c"]),
            mention("p3", 1, "Dupont", "Jacques", with: ["martin c"]),
        ])
        #expect(result.together(("p1", 1), ("p2", 2)))
        #expect(!result.together(("p1", 1), ("p3", 1)), "Jean is not Jacques, whatever they share")
        let jean = try #require(result.researcher(of: "p1", 1))
        #expect(jean.name == "Jean Dupont")
        let initial = try #require(jean.mentions.first { $0.key.position == 2 })
        #expect(initial.reasons == [MergeReason(.coAuthors, with: MentionKey(publication: "p1", position: 1), values: ["martin c"])])
        #expect(initial.reasons[0].explanation == "shared co-authors martin c (with p1#1)")
    }

    @Test func anInitialNeverBridgesTwoIncompatibleFullNames() {
        // J shares a co-author with Jean and another with Jacques: one of the two merges, not both.
        let result = disambiguation.run([
            mention("p1", 1, "Dupont", "Jean", with: ["martin c"]),
            mention("p2", 1, "Dupont", "J", with: ["martin c", "lee k"]),
            mention("p3", 1, "Dupont", "Jacques", with: ["lee k"]),
        ])
        #expect(!result.together(("p1", 1), ("p3", 1)))
        #expect(result.together(("p2", 1), ("p1", 1)) != result.together(("p2", 1), ("p3", 1)))
        #expect(result.statistics.researchers == 2)
    }

    @Test func aCommonNameDoesNotMergeWithoutEvidence() {
        // 300 `Wang Y` with full, common given names, each in its own publication with its own co-authors.
        let givens = ["Yan", "Yi", "Ying", "Yu", "Yang", "Yong"]
        var mentions = (0..<300).map { index in
            mention("w\(index)", 1, "Wang", givens[index % givens.count], with: ["coauthor\(index) a"], topics: ["topic\(index)"])
        }
        mentions += strangers(2_000)
        let result = disambiguation.run(mentions)
        let wangs = Set((0..<300).compactMap { result.researcher(of: "w\($0)", 1)?.id })
        #expect(wangs.count == 300)
        // Two of them sharing two topics and a structure are one person; a single topic is not enough.
        var sharing = mentions
        sharing[0].structures = ["sun yat sen university"]
        sharing[0].topics = ["asthma", "cohort"]
        sharing[6].structures = ["sun yat sen university"]
        sharing[6].topics = ["asthma", "cohort"]
        sharing[12].topics = ["asthma"]
        let merged = disambiguation.run(sharing)
        #expect(merged.together(("w0", 1), ("w6", 1)))
        #expect(!merged.together(("w0", 1), ("w12", 1)))
        #expect(merged.statistics.merged == 1)
    }

    @Test func aRareFullNameMergesAloneButNotAnInitial() {
        var configuration = ResearcherDisambiguation.Configuration()
        configuration.minimumPopulation = 0
        let result = ResearcherDisambiguation(configuration: configuration).run(
            strangers(500) + [
                mention("b1", 1, "Bainton", "Roland"), mention("b2", 4, "Bainton", "Roland"), mention("b3", 2, "Bainton", "R"),
            ])
        #expect(result.together(("b1", 1), ("b2", 4)))
        #expect(result.researcher(of: "b2", 4)?.mentions.last?.reasons.first?.kind == .rareName)
        #expect(!result.together(("b1", 1), ("b3", 2)), "an initial needs evidence beyond the name")
        // With the default population, the same corpus is too small to call any name rare.
        #expect(
            !disambiguation.run(strangers(500) + [mention("b1", 1, "Bainton", "Roland"), mention("b2", 4, "Bainton", "Roland")])
                .together(("b1", 1), ("b2", 4)))
    }

    @Test func curatorsCorrectionsWinAndAreKeptOnReruns() throws {
        let mentions = [
            mention("p1", 1, "Dupont", "Jean", with: ["martin c"]),
            mention("p2", 1, "Dupont", "Jean", with: ["martin c"]),
            mention("p3", 1, "Dupont", "J"),
            mention("p4", 1, "Durand", "Marie"),
        ]
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let corrections = [
            ResearcherCorrection(.different(MentionKey("p1#1")!, MentionKey("p2#1")!), curator: "ana", note: "two Jeans", decidedAt: date),
            ResearcherCorrection(.same(MentionKey("p2#1")!, MentionKey("p3#1")!), curator: "ana", decidedAt: date),
        ]
        let first = disambiguation.run(mentions, corrections: corrections)
        #expect(!first.together(("p1", 1), ("p2", 1)))
        #expect(first.together(("p2", 1), ("p3", 1)))
        #expect(first.statistics.correctionsApplied == 2)
        let p3 = try #require(first.researcher(of: "p3", 1)?.mentions.first { $0.key.publication == "p3" })
        #expect(p3.reasons == [MergeReason(.curatorSame, with: MentionKey("p2#1"), values: ["ana"])])
        // A rerun, its mentions in another order, with the ids of the last run: same researchers, same ids.
        let again = disambiguation.run(mentions.reversed(), corrections: corrections, previous: first.assignment)
        #expect(again == first)

        // Assigning p4's Marie Durand to Jean's researcher, a later decision, moves her there.
        let jean = try #require(first.researcher(of: "p1", 1)).id
        let assigned = disambiguation.run(
            mentions,
            corrections: corrections + [ResearcherCorrection(.assign(MentionKey("p4#1")!, researcher: jean), curator: "bo", decidedAt: date)],
            previous: first.assignment)
        #expect(assigned.researcher(of: "p4", 1)?.id == jean)
        #expect(assigned.together(("p1", 1), ("p4", 1)))
        #expect(assigned.statistics.correctionsApplied == 3)

        // A later `same` on a pair replaces the earlier `different`.
        let reversed = disambiguation.run(
            mentions,
            corrections: corrections + [ResearcherCorrection(.same(MentionKey("p1#1")!, MentionKey("p2#1")!), curator: "bo", decidedAt: date + 60)])
        #expect(reversed.together(("p1", 1), ("p2", 1)))
        #expect(reversed.statistics.correctionsNotApplied == 1)
    }

    @Test func idsAreStableAcrossRerunsAndSplits() throws {
        let mentions = [
            mention("p1", 1, "Dupont", "Jean", with: ["martin c"]),
            mention("p2", 1, "Dupont", "J", with: ["martin c"]),
            mention("p3", 2, "Lee", "Kim"),
        ]
        let first = disambiguation.run(mentions)
        let jean = try #require(first.researcher(of: "p2", 1))
        #expect(jean.id == ResearcherDisambiguation.stableID(for: MentionKey("p1#1")!))
        #expect(jean.id.hasPrefix("hublot:") && jean.id.count == "hublot:".count + 10)
        #expect(disambiguation.run(mentions.shuffled()) == first, "ids come from keys, not from order")

        // A new first mention joins: the researcher keeps the id its mentions had.
        let grown = disambiguation.run([mention("p0", 1, "Dupont", "Jean", with: ["martin c"])] + mentions, previous: first.assignment)
        #expect(grown.researcher(of: "p0", 1)?.id == jean.id)
        #expect(disambiguation.run([mention("p0", 1, "Dupont", "Jean", with: ["martin c"])] + mentions).researcher(of: "p1", 1)?.id != jean.id)

        // Split by a curator: one part keeps the id, the other gets its own.
        let split = disambiguation.run(
            mentions, corrections: [ResearcherCorrection(.different(MentionKey("p1#1")!, MentionKey("p2#1")!), curator: "ana")],
            previous: first.assignment)
        #expect(split.researcher(of: "p1", 1)?.id == jean.id)
        #expect(split.researcher(of: "p2", 1)?.id == ResearcherDisambiguation.stableID(for: MentionKey("p2#1")!))
    }

    @Test func mentionsAreReadFromAByline() {
        let metadata = PublicationMetadataFixture.byline
        let mentions = AuthorMention.mentions(in: metadata, publication: "pmid:1")
        #expect(mentions.map(\.key.description) == ["pmid:1#1", "pmid:1#3"], "the collective is no person")
        #expect(mentions[0].family == "dupont")
        #expect(mentions[0].given.tokens == ["jean", "pierre"])
        #expect(mentions[0].coAuthors == ["muller h"])
        #expect(mentions[1].orcid == "0000-0002-1825-0097")
        #expect(mentions[0].topics == ["asthma", "cohort studies tag", "pharmacoepidemiology"])
        #expect(mentions[0].structures == ["chu de bordeaux"])
        #expect(mentions[1].structures.isEmpty)
    }
}
