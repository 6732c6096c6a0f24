import Foundation
import Store
import Testing

@testable import Enrichment

/// Small registries written for these tests: a university and a hospital in ROR, two labs of the RNSR whose
/// tutelles they are; the organisations are invented.
enum SampleRegistries {
    static func ror(
        _ id: String, _ name: String, acronym: String? = nil, label: String? = nil, city: String = "Bordeaux", country: String = "FR",
        grid: String? = nil, status: String = "active"
    ) -> String {
        var names = [#"{"value": "\#(name)", "types": ["ror_display"], "lang": null}"#]
        if let acronym { names.append(#"{"value": "\#(acronym)", "types": ["acronym"], "lang": null}"#) }
        if let label { names.append(#"{"value": "\#(label)", "types": ["label"], "lang": "fr"}"#) }
        let ids = grid.map { #"[{"type": "grid", "all": ["\#($0)"], "preferred": "\#($0)"}]"# } ?? "[]"
        return #"""
            {"id": "https://ror.org/\#(id)", "status": "\#(status)", "types": ["education"], "names": [\#(names.joined(separator: ", "))],
             "locations": [{"geonames_details": {"name": "\#(city)", "country_code": "\#(country)", "lat": 44.8, "lng": -0.6}}],
             "external_ids": \#(ids), "relationships": []}
            """#
    }

    static let rorDump =
        "[\n"
        + [
            ror("0univ0001", "University of Exemple", acronym: "UEX", label: "Université d'Exemple", grid: "grid.1.a"),
            ror("0chu00002", "Centre Hospitalier Universitaire d'Exemple", acronym: "CHU EX"),
            ror("0lab00003", "Laboratoire de Biologie Exemplaire", acronym: "LBE"),
            ror("0lab00004", "Institut Exemple", acronym: "IEX", city: "Lyon"),
            // The same acronym in another city, and a homonym abroad: neither may be linked.
            ror("0lab00005", "Institut Autre", acronym: "IEX", city: "Paris"),
            ror("0ext00006", "Laboratoire de Biologie Exemplaire", country: "BE", grid: "grid.6.f"),
            ror("0old00007", "Centre Ancien", acronym: "CAN", status: "inactive"),
        ].joined(separator: ",\n") + "\n]\n"

    static let rnsrExport =
        [
            RNSRReaderTests.header,
            "201900010A;LABORATOIRE DE BIOLOGIE EXEMPLAIRE;LBE;2019;Unité mixte;;;;;33000;BORDEAUX;\"UMR 9999;UMR 9999\";"
                + "\"Université d'Exemple;Centre Hospitalier Universitaire d'Exemple\";\"UEX;CHU EX\";;;\"0339999Z;\";;\"TUTE;TUTE\";;;;;;;;;;;;",
            "201900011B;INSTITUT D'EXEMPLE;IEX;2019;Unité propre;;;;;69000;LYON;U 1299;Université inconnue;UINC;;;0699999A;;TUTE;;;;;;;;;;;;",
            "201900012C;ÉQUIPE SANS LIEN;ESL;2020;Equipe interne;;;;;75005;PARIS;;;;;;;;;;;201900010A;;;;;;;;;",
            "201900013D;CENTRE ANCIEN DE RECHERCHE;CAN;2020;Unité propre;;;;;33000;BORDEAUX;;;;;;;;;;;;;;;;;;;;",
        ].joined(separator: "\n") + "\n"

    static let mapping = """
        numero_national_de_structure,libelle,sigle,grid,ror_id_via_grid
        201900012C,ÉQUIPE SANS LIEN,ESL,grid.1.a,
        201900013D,CENTRE ANCIEN DE RECHERCHE,CAN,grid.9.z,https://ror.org/0old00007

        """

    static func files(in directory: URL) throws -> (ror: String, rnsr: String, mapping: String) {
        let paths = (
            directory.appendingPathComponent("ror.json").path, directory.appendingPathComponent("rnsr.csv").path,
            directory.appendingPathComponent("mapping.csv").path
        )
        try rorDump.write(toFile: paths.0, atomically: true, encoding: .utf8)
        try rnsrExport.write(toFile: paths.1, atomically: true, encoding: .utf8)
        try mapping.write(toFile: paths.2, atomically: true, encoding: .utf8)
        return paths
    }
}

func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hublot-organisations-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

@Suite struct OrganisationRepositoryTests {
    static func repository() throws -> OrganisationRepository {
        OrganisationRepository(store: try Store.inMemory(schemas: [OrganisationSchema.self]))
    }

    @Test func importsBothRegistriesAndLinksThemThroughTheMappingAndNames() async throws {
        try await withTemporaryDirectory { directory in
            let files = try SampleRegistries.files(in: directory)
            let repository = try Self.repository()
            let ror = try await repository.importROR(path: files.ror)
            #expect(ror.records == 7)
            #expect(ror.links.total == 0)
            let rnsr = try await repository.importRNSR(path: files.rnsr)
            #expect(rnsr.records == 4)
            let mapping = try await repository.importLinks(path: files.mapping)
            #expect(mapping.records == 2)

            let links = Dictionary(grouping: try await repository.links(), by: \.rnsrID)
            #expect(links["201900010A"]?.map(\.rorID) == ["https://ror.org/0lab00003"], "by name: the homonym abroad does not count")
            #expect(links["201900010A"]?.first?.via == .name)
            #expect(links["201900011B"]?.map(\.via) == [.acronym])
            #expect(links["201900012C"]?.map(\.via) == [.grid])
            #expect(links["201900012C"]?.first?.rorID == "https://ror.org/0univ0001")
            #expect(links["201900013D"]?.map(\.via) == [.ror], "the mapping's ROR id, even to an inactive organisation")
            #expect(links["rnsr-tutelle:0339999Z"]?.map(\.rorID) == ["https://ror.org/0univ0001"], "the tutelle by its French name")
            #expect(links["rnsr-tutelle:Centre Hospitalier Universitaire d'Exemple"]?.first?.via == .name)
            #expect(links["rnsr-tutelle:0699999A"] == nil)
            #expect(Set(links.values.joined().map(\.registryVersion)) == [mapping.registryVersion])

            let lab = try #require(try await repository.organisation(id: "201900010A"))
            #expect(lab.parentIDs == ["https://ror.org/0univ0001", "https://ror.org/0chu00002"], "the tutelles' placeholders resolved")
            #expect(lab.externalIDs["ror"] == ["https://ror.org/0lab00003"])
            #expect(lab.place?.latitude == 44.8, "placed where its ROR record is")
            #expect(try await repository.organisation(id: "201900011B")?.place?.latitude == 44.8)
            #expect(try await repository.organisations().first { $0.id == "201900010A" }?.place?.longitude == -0.6)
            let rorLab = try #require(try await repository.organisation(id: "https://ror.org/0lab00003"))
            #expect(rorLab.externalIDs["rnsr"] == ["201900010A"])

            let children = try await repository.children(of: "https://ror.org/0univ0001").map(\.id)
            #expect(children == ["201900010A"])
            #expect(try await repository.children(of: "201900010A").map(\.id) == ["201900012C"])
            #expect(try await repository.organisations().count == 11)
        }
    }

    @Test func anAcronymLinksALabInItsCityOnly() async throws {
        try await withTemporaryDirectory { directory in
            let files = try SampleRegistries.files(in: directory)
            let repository = try Self.repository()
            _ = try await repository.importRNSR(path: files.rnsr)
            let report = try await repository.importROR(path: files.ror)
            let links = Dictionary(grouping: try await repository.links(), by: \.rnsrID)
            #expect(links["201900011B"]?.map(\.rorID) == ["https://ror.org/0lab00004"], "IEX in Lyon, not the IEX of Paris")
            #expect(links["201900011B"]?.first?.via == .acronym)
            #expect(links["201900013D"] == nil, "CAN is inactive in ROR")
            #expect(report.links.labs == [.name: 1, .acronym: 1])
            #expect(report.links.tutelles == [.name: 2])
        }
    }

    @Test func aReimportReplacesTheRegistryAndAChangedFileChangesTheVersion() async throws {
        try await withTemporaryDirectory { directory in
            let files = try SampleRegistries.files(in: directory)
            let repository = try Self.repository()
            _ = try await repository.importROR(path: files.ror)
            _ = try await repository.importRNSR(path: files.rnsr)
            let first = try await repository.registryVersion()
            let again = try await repository.importROR(path: files.ror)
            #expect(again.replaced == 7)
            #expect(try await repository.registryVersion() == first, "the same files, the same version")

            let smaller = "[\(SampleRegistries.ror("0univ0001", "University of Exemple", label: "Université d'Exemple"))]"
            try smaller.write(toFile: files.ror, atomically: true, encoding: .utf8)
            let report = try await repository.importROR(path: files.ror)
            #expect(report.records == 1)
            #expect(report.registryVersion != first)
            #expect(try await repository.organisation(id: "https://ror.org/0lab00003") == nil)
            #expect(try await repository.organisations().filter { $0.registry == .rnsr }.count == 4, "the other registry stays")
            #expect(try await repository.links().map(\.rnsrID) == ["rnsr-tutelle:0339999Z"])
        }
    }

    @Test func aBrokenRecordInTheMiddleLeavesTheStoreAsItWas() async throws {
        try await withTemporaryDirectory { directory in
            let files = try SampleRegistries.files(in: directory)
            let repository = try Self.repository()
            _ = try await repository.importROR(path: files.ror)
            _ = try await repository.importRNSR(path: files.rnsr)
            let before = try await repository.stats()

            let broken = SampleRegistries.rorDump.replacingOccurrences(of: #""name": "Lyon""#, with: #""name": 7"#)
            try broken.write(toFile: files.ror, atomically: true, encoding: .utf8)
            let error = try await #require(throws: OrganisationImportError.self) { try await repository.importROR(path: files.ror) }
            #expect(error.record == 4)
            #expect(error.field == "locations[0].geonames_details.name")

            var lines = SampleRegistries.rnsrExport.split(separator: "\n").map(String.init)
            lines[2] = lines[2].replacingOccurrences(of: ";2019;", with: ";MMXIX;")
            try lines.joined(separator: "\n").write(toFile: files.rnsr, atomically: true, encoding: .utf8)
            let rnsrError = try await #require(throws: OrganisationImportError.self) { try await repository.importRNSR(path: files.rnsr) }
            #expect(rnsrError.line == 3)
            #expect(rnsrError.field == "annee_de_creation")

            #expect(try await repository.stats() == before)
        }
    }

    @Test func aDuplicateIDIsAnError() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("ror.json").path
            let record = SampleRegistries.ror("0univ0001", "University of Exemple")
            try "[\(record),\n\(record)]".write(toFile: path, atomically: true, encoding: .utf8)
            let error = try await #require(throws: OrganisationImportError.self) { try await Self.repository().importROR(path: path) }
            #expect(error.record == 2)
            #expect(error.reason.contains("twice"))
        }
    }

    @Test func statsCountRegistriesCountriesLinksAndImports() async throws {
        try await withTemporaryDirectory { directory in
            let files = try SampleRegistries.files(in: directory)
            let repository = try Self.repository()
            _ = try await repository.importROR(path: files.ror)
            _ = try await repository.importRNSR(path: files.rnsr)
            _ = try await repository.importLinks(path: files.mapping)
            let stats = try await repository.stats(topCountries: 1)
            let ror = try #require(stats.registries.first { $0.registry == .ror })
            #expect(ror.organisations == 7)
            #expect(ror.byStatus == ["active": 6, "inactive": 1])
            #expect(ror.withCoordinates == 7)
            #expect(ror.countries == 2)
            let rnsr = try #require(stats.registries.first { $0.registry == .rnsr })
            #expect(rnsr.organisations == 4)
            #expect(rnsr.withParents == 3)
            #expect(rnsr.withCoordinates == 4, "every lab is linked, and so placed")
            #expect(stats.topCountries == [OrganisationStats.Country(countryCode: "FR", organisations: 10)])
            #expect(stats.links.labs == 4)
            #expect(stats.links.labsLinked == 4)
            #expect(stats.links.tutelles == 3)
            #expect(stats.links.tutellesLinked == 2)
            #expect(stats.links.labsWithARORParent == 1)
            #expect(stats.links.byKind.labs == [.name: 1, .acronym: 1, .grid: 1, .ror: 1])
            #expect(stats.imports.map(\.source) == [.links, .rnsr, .ror])
            #expect(stats.imports.allSatisfy { $0.sha256.count == 64 })
            #expect(stats.registryVersion.count == 12)
        }
    }
}

@Suite struct OrganisationNameKeyTests {
    @Test func keysFoldCaseAccentsAndPunctuation() {
        #expect(OrganisationName.key("Université Paris-Saclay") == OrganisationName.key("UNIVERSITE PARIS SACLAY"))
        #expect(OrganisationName.key("Laboratoire d’Imagerie") == "laboratoire d imagerie")
    }

    @Test func looseKeysDropNotesAndSmallWords() {
        #expect(OrganisationName.looseKey("Université Clermont Auvergne  (EPE)") == "universite clermont auvergne")
        #expect(OrganisationName.looseKey("Université de Strasbourg") == OrganisationName.looseKey("Université Strasbourg"))
    }
}
