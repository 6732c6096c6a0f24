import Foundation
import Store
import Testing

@testable import Catalog

/// `CatalogRepository.search` on the sample catalog.
@Suite struct CatalogSearchTests {
    @Test func ignoresCaseAndAccents() async throws {
        let (repository, version) = try await sampleRepository()
        let lower = try await repository.search("naissance", version: version)
        #expect(Set(lower.map(\.field)) == ["BEN_NAI_ANN", "BEN_NAI_MOI"])
        #expect(try await repository.search("NAISSANCE", version: version) == lower)
        #expect(try await repository.search("Naissancé", version: version) == lower)

        let death = try await repository.search("décès", version: version)
        #expect(death.first?.field == "BEN_DCD_DTE")
        #expect(death.first?.table == "SA_BEN_R")
        #expect(try await repository.search("deces", version: version) == death)
        #expect(try await repository.search("DÉCÈS", version: version) == death)
    }

    @Test func dateOfBirthInFrenchFindsBirthYearAndMonthFirst() async throws {
        let (repository, version) = try await sampleRepository()
        let results = try await repository.search("date de naissance", version: version)
        #expect(Set(results.prefix(2).map(\.field)) == ["BEN_NAI_ANN", "BEN_NAI_MOI"])
        let first = try #require(results.first)
        #expect(first.table == "SA_BEN_R")
        #expect(first.product == "SAMPLE_CLAIMS")
        #expect(first.matchedEntry == nil)
        #expect(results.map(\.score) == results.map(\.score).sorted(by: >), "best first")
        #expect(results.contains { $0.field == "BEN_DCD_DTE" }, "other dates come after")
    }

    @Test func dateOfBirthInEnglishFindsThemToo() async throws {
        let (repository, version) = try await sampleRepository()
        let results = try await repository.search("date of birth", version: version)
        #expect(Set(results.prefix(2).map(\.field)) == ["BEN_NAI_ANN", "BEN_NAI_MOI"])
        let death = try await repository.search("death", version: version)
        #expect(death.first?.field == "BEN_DCD_DTE")
    }

    @Test func anExactVariableNameComesFirst() async throws {
        let (repository, version) = try await sampleRepository()
        for query in ["ENT_DAT", "ent_dat", " ENT_DAT "] {
            let results = try await repository.search(query, version: version)
            let first = try #require(results.first)
            #expect(first.field == "ENT_DAT", "query \(query)")
            #expect(first.table == "SA_SEJ_B")
            #expect(results.dropFirst().allSatisfy { $0.score < first.score - 100 }, "an exact name outranks any text match")
        }
        // A name in several tables: all its variables come before the rest.
        let results = try await repository.search("SEJ_NUM", version: version)
        #expect(results.prefix(2).map(\.field) == ["SEJ_NUM", "SEJ_NUM"])
        #expect(Set(results.prefix(2).map(\.table)) == ["SA_SEJ_B", "SA_DIA_D"])
    }

    @Test func findsVariablesThroughTheirNomenclatureLabels() async throws {
        let (repository, version) = try await sampleRepository()
        let results = try await repository.search("diabete", version: version)
        #expect(Set(results.map { "\($0.table).\($0.field)" }) == ["SA_SEJ_B.DGN_PAL", "SA_DIA_D.ASS_DGN"])
        for match in results {
            let entry = try #require(match.matchedEntry, "\(match.field) is found only through a label")
            #expect(["E10", "E11"].contains(entry.code))
            #expect(entry.label.hasPrefix("Diabète sucré de type"))
            #expect(match.nomenclature == "SA_CIM_V")
        }
        let asthma = try await repository.search("ASTHME", version: version)
        #expect(asthma.first?.matchedEntry == VariableMatch.MatchedEntry(code: "J45", label: "Asthme"))
    }

    @Test func aDirectMatchOutranksALabelMatch() async throws {
        let (repository, version) = try await sampleRepository()
        // "pharmacie" is a label of SA_ACT_V (used by PRS_NAT_REF) and words of SA_PHA_F's title.
        let results = try await repository.search("pharmacie", version: version)
        let throughLabel = try #require(results.first { $0.field == "PRS_NAT_REF" })
        #expect(throughLabel.matchedEntry == VariableMatch.MatchedEntry(code: "3317", label: "Pharmacie"))
        let direct = results.filter { $0.matchedEntry == nil }
        #expect(Set(direct.map(\.table)) == ["SA_PHA_F"])
        #expect(direct.allSatisfy { $0.score > throughLabel.score })
    }

    @Test func takesTheLastWordAsAPrefixWhileTyping() async throws {
        let (repository, version) = try await sampleRepository()
        let typing = try await repository.search("naiss", version: version)
        #expect(Set(typing.prefix(2).map(\.field)) == ["BEN_NAI_ANN", "BEN_NAI_MOI"])
        let phrase = try await repository.search("date de naiss", version: version)
        #expect(phrase.prefix(2).map(\.field).sorted() == ["BEN_NAI_ANN", "BEN_NAI_MOI"])
        #expect(try await repository.search("naiss ", version: version).isEmpty, "a finished word is not a prefix")
    }

    @Test(arguments: ["", "   ", "de", "de la du", "the of", "l'", "?!"])
    func anEmptyOrStopWordQueryFindsNothing(query: String) async throws {
        let (repository, version) = try await sampleRepository()
        #expect(try await repository.search(query, version: version) == [])
    }

    @Test func respectsTheLimit() async throws {
        let (repository, version) = try await sampleRepository()
        let all = try await repository.search("beneficiaire", version: version)
        #expect(all.count > 2)
        #expect(try await repository.search("beneficiaire", version: version, limit: 2) == Array(all.prefix(2)))
        #expect(try await repository.search("beneficiaire", version: version, limit: 0) == [])
    }

    @Test func searchesOnlyTheVersionAsked() async throws {
        let fixture = try CatalogFixture.sample()
        let store = try makeStore()
        try importCatalog(fixture, into: store)
        try fixture.editFields(Sample.benR) { fields in fields.removeAll { ($0["name"] as? String)?.hasPrefix("BEN_NAI") == true } }
        try importCatalog(fixture, into: store)
        let repository = CatalogRepository(store: store)
        let v1 = try #require(try await repository.version(named: "v1"))
        let v2 = try #require(try await repository.version(named: "v2"))

        #expect(Set(try await repository.search("naissance", version: v1).map(\.field)) == ["BEN_NAI_ANN", "BEN_NAI_MOI"])
        #expect(try await repository.search("naissance", version: v2).isEmpty)
        // Nomenclature rows are shared by both versions; each finds its own variables once.
        let diabetes = try await repository.search("diabete", version: v2)
        #expect(diabetes.count == 2)
        #expect(try await repository.search("diabete", version: v1).map(\.field).sorted() == diabetes.map(\.field).sorted())
    }
}
