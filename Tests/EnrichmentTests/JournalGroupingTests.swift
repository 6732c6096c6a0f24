import Foundation
import Publications
import Store
import Testing

@testable import Enrichment

@Suite struct JournalGroupingTests {
    @Test func theLinkingISSNGroupsEditionsAndSharedISSNsJoinRecordsWithoutIt() throws {
        let grouping = JournalGrouping([
            Journal(title: "Pharmacoepidemiol Drug Saf", issns: [ISSN("1053-8569", kind: .print), ISSN("1099-1557", kind: .electronic)]),
            Journal(title: "Pharmacoepidemiology and Drug Safety", issns: [ISSN("1099-1557", kind: .electronic), ISSN("1053-8569", kind: .linking)]),
            Journal(title: "Pharmacoepidemiology and Drug Safety", issns: [ISSN("1099-1557")]),
            // No linking ISSN anywhere: the print ISSN stands for the group.
            Journal(title: "Rev Epidemiol Sante Publique", issns: [ISSN("0398-7620", kind: .print)]),
            Journal(title: "Revue d'épidémiologie et de santé publique", issns: [ISSN("0398-7620"), ISSN("1773-0627", kind: .electronic)]),
            Journal(title: "Revue d'épidémiologie et de santé publique", issns: [ISSN("1773-0627")]),
            Journal(title: "No ISSN"),
        ])
        #expect(grouping.groups.count == 2)
        #expect(grouping.linking["1099-1557"] == "1053-8569")
        #expect(grouping.linking["1053-8569"] == "1053-8569")
        #expect(grouping.linking["1773-0627"] == "0398-7620")
        let pds = try #require(grouping.group(of: ["9999-9999", "1099-1557"]))
        #expect(pds == JournalGroup(issnL: "1053-8569", title: "Pharmacoepidemiology and Drug Safety", issns: ["1053-8569", "1099-1557"]))
        #expect(grouping.group(of: ["1773-0627"])?.title == "Revue d'épidémiologie et de santé publique")
        #expect(grouping.group(of: ["0000-0000"]) == nil)
    }

    @Test func theRepositoryStoresGroupsAndLooksThemUp() async throws {
        let store = try enrichmentStore()
        try ingestJSONL(
            """
            {"id": "a", "title": "One", "journal": {"title": "Rev Epidemiol Sante Publique", "issn": ["0398-7620", "1773-0627"]}}
            {"id": "b", "title": "Two", "journal": {"title": "Revue d'épidémiologie et de santé publique", "issn": ["1773-0627"]}}
            {"id": "c", "title": "Three", "journal": {"title": "Revue d'épidémiologie et de santé publique", "issn": ["0398-7620"]}}
            {"id": "d", "title": "Four", "journal": {"title": "BMJ Open", "issn": ["2044-6055"]}}
            """, into: store)
        let summary = try await JournalRepository(store: store).run()
        #expect(summary == JournalRunSummary(records: 4, journals: 2, issns: 3))
        let found = try await store.reader.read { db in try JournalRepository.linking(issns: ["1773-0627"], in: db) }
        #expect(found?.issnL == "0398-7620")
        #expect(found?.title == "Revue d'épidémiologie et de santé publique")
        #expect(try await store.reader.read { db in try JournalRepository.linking(issns: ["1234-5679"], in: db) } == nil)
        // A rerun replaces the groups, it does not add to them.
        #expect(try await JournalRepository(store: store).run() == summary)
        #expect(try await JournalRepository(store: store).journals().map(\.issnL) == ["0398-7620", "2044-6055"])
    }
}
