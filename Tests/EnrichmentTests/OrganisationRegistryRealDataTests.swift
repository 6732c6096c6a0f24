import Foundation
import Store
import Testing

@testable import Enrichment

/// The real registries of `../shared/data/organisations` imported into a store file, with the figures printed:
/// import times and links found by kind.
@Suite(
    .enabled(
        if: SharedData.has("organisations/ror-partial-v2.json") && SharedData.has("organisations/rnsr-structures-actives-2022-02-nopersons.csv")
            && SharedData.has("organisations/rnsr-grid-ror-2022-02.csv"),
        "../shared/data/organisations is absent"))
struct OrganisationRegistryRealDataTests {
    @Test func importsAndLinksTheRealRegistries() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Store.open(path: directory.appendingPathComponent("store.sqlite").path, schemas: [OrganisationSchema.self])
            let repository = OrganisationRepository(store: store)
            let clock = ContinuousClock()

            var start = clock.now
            let ror = try await repository.importROR(path: SharedData.path("organisations/ror-partial-v2.json"))
            print("ROR: \(ror.records) organisations imported in \(start.duration(to: clock.now))")
            #expect(ror.records == 35_990)

            start = clock.now
            let rnsr = try await repository.importRNSR(path: SharedData.path("organisations/rnsr-structures-actives-2022-02-nopersons.csv"))
            print("RNSR: \(rnsr.records) labs imported and linked in \(start.duration(to: clock.now)); links \(Self.describe(rnsr.links))")
            #expect(rnsr.records == 4_506)

            start = clock.now
            let mapping = try await repository.importLinks(path: SharedData.path("organisations/rnsr-grid-ror-2022-02.csv"))
            print("Mapping: \(mapping.records) rows imported and linked in \(start.duration(to: clock.now))")
            #expect(mapping.records == 707)

            start = clock.now
            let again = try await repository.importROR(path: SharedData.path("organisations/ror-partial-v2.json"))
            print("ROR again: \(again.records) organisations replaced \(again.replaced) in \(start.duration(to: clock.now))")
            #expect(again.replaced == 35_990)
            #expect(again.registryVersion == mapping.registryVersion)

            let stats = try await repository.stats()
            let links = stats.links
            print(
                "Links: \(links.labsLinked) of \(links.labs) labs, \(links.tutellesLinked) of \(links.tutelles) tutelles, \(Self.describe(links.byKind)); "
                    + "\(links.labsWithARORParent) labs with a ROR parent")
            #expect(links.byKind.labs[.ror] ?? 0 >= 600)
            #expect(links.labsLinked > 700)
            #expect(links.labsWithARORParent > 3_000)

            start = clock.now
            let organisations = try await repository.organisations()
            print("All \(organisations.count) organisations read in \(start.duration(to: clock.now))")
            #expect(organisations.count == 35_990 + 4_506)
            let gem = try #require(try await repository.organisation(id: "200412238P"))
            #expect(gem.externalIDs["ror"] == ["https://ror.org/03x30hb31"])
        }
    }

    static func describe(_ counts: OrganisationLinkCounts) -> String {
        func list(_ counts: [OrganisationLink.Via: Int]) -> String {
            OrganisationLink.Via.allCases.compactMap { via in counts[via].map { "\($0) by \(via.rawValue)" } }.joined(separator: ", ")
        }
        return "labs: \(list(counts.labs)); tutelles: \(list(counts.tutelles))"
    }
}
