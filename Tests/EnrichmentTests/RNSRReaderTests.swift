import Foundation
import Testing

@testable import Enrichment

@Suite struct RNSRReaderTests {
    /// The RNSR export's columns, the ones the reader ignores included; the labs below are invented.
    static let header =
        "numero_national_de_structure;libelle;sigle;annee_de_creation;type_de_structure;code_de_type_de_structure;"
        + "code_de_niveau_de_structure;site_web;adresse;code_postal;commune;label_numero;tutelles;sigles_des_tutelles;"
        + "code_de_nature_de_tutelle;nature_de_tutelle;uai_des_tutelles;siret_des_tutelles;code_de_type_de_tutelle;type_de_tutelle;"
        + "numero_de_structure_enfant;numero_de_structure_parent;numero_de_structure_historique;type_de_succession;"
        + "code_de_type_de_succession;annee_d_effet_historique;code_domaine_scientifique;domaine_scientifique;code_panel_erc;"
        + "panel_erc;fiche_rnsr"
    static let mixedUnit =
        "201900001A;LABORATOIRE D'EXEMPLE EN SANTÉ PUBLIQUE;LESP;2019;Unité mixte;22;2;https://lesp.example.org;1 rue Exemple;"
        + "33076;BORDEAUX CEDEX 3;\"UMR 9999;U 1299;UMRS 1299\";\"Université d'Exemple;Institut national de la santé et de la recherche médicale;"
        + "Centre Hospitalier Exemple\";\"EXEMPLE;INSERM;CHU EX\";\"UNIV;EPST;CHU\";\"Université;EPST;CHU\";\"0339999Z;0759999Y;\";"
        + "\"19339999900011;18009999900012;26339999900013\";\"TUTE;TUTE;PART\";\"tutelle;tutelle;participant\";"
        + "\"201900002B;201900003C\";201800009X;;;;;4;Biologie;;;https://example.org/fiche"
    static let teamAbroad =
        "201900002B;ÉQUIPE INTERNATIONALE;;;Unité mixte internationale;;;;;;MONTREAL;\"UMI 3999\";Université d'Exemple;EXEMPLE;;;0339999Z;;TUTE;;;"
        + "201900001A;;;;;;;;;"

    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rnsr-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func readAll(_ path: String) throws -> [RNSRStructure] {
        var reader = try RNSRReader(path: path)
        var structures: [RNSRStructure] = []
        while let structure = try reader.nextStructure() { structures.append(structure) }
        return structures
    }

    @Test func readsALabWithItsTutellesCodesAndPlace() throws {
        let path = try Self.temporaryFile([Self.header, Self.mixedUnit, Self.teamAbroad].joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let structures = try Self.readAll(path)
        #expect(structures.count == 2)

        let lab = structures[0].organisation
        #expect(lab.id == "201900001A")
        #expect(lab.registry == .rnsr)
        #expect(lab.name == "LABORATOIRE D'EXEMPLE EN SANTÉ PUBLIQUE")
        #expect(lab.names.filter { $0.kind == .acronym }.map(\.value) == ["LESP"])
        #expect(lab.names.filter { $0.kind == .unitCode }.map(\.value) == ["UMR 9999", "U 1299", "UMR_S 1299"])
        #expect(lab.types == ["Unité mixte"])
        #expect(lab.established == 2019)
        #expect(lab.website == "https://lesp.example.org")
        #expect(lab.place == Place(city: "Bordeaux", countryCode: "FR", countryName: "France", postcode: "33076"))
        #expect(
            lab.parentIDs == ["rnsr-tutelle:0339999Z", "rnsr-tutelle:0759999Y", "201800009X"],
            "tutelles first, by UAI; the parent structure by its RNSR number")
        #expect(lab.relationships.first { $0.id == "rnsr-tutelle:0339999Z" }?.label == "Université d'Exemple")
        #expect(
            lab.relationships.first { $0.kind == .related }
                == OrganisationRelationship(
                    kind: .related, id: "rnsr-tutelle:26339999900013", label: "Centre Hospitalier Exemple"),
            "a participant has no UAI here: its SIRET stands for it, and it is not a parent")
        #expect(lab.childIDs == ["201900002B", "201900003C"])
        #expect(
            structures[0].tutelles[1]
                == RNSRTutelle(
                    name: "Institut national de la santé et de la recherche médicale", acronym: "INSERM", uai: "0759999Y",
                    siret: "18009999900012"))

        let team = structures[1].organisation
        #expect(team.place == Place(city: "Montreal"), "abroad: no French postcode, so no country said")
        #expect(team.established == nil)
        #expect(team.names.map(\.kind) == [.display, .unitCode])
        #expect(team.parentIDs == ["rnsr-tutelle:0339999Z", "201900001A"])
    }

    @Test(arguments: [
        ("UMR 6183", ["UMR 6183"]), ("U1219", ["U 1219"]), ("UMR_S 1136", ["UMR_S 1136"]), ("UMR-S 1136", ["UMR_S 1136"]),
        ("UMRS 1136", ["UMR_S 1136"]), ("UMR CNRS 5157", ["UMR 5157"]), ("UMR  7020", ["UMR 7020"]), ("UMR 7019 7019", ["UMR 7019"]),
        ("UAR 2014 US 41", ["UAR 2014", "US 41"]), ("UR UM101", ["UR UM101"]), ("EPR STI", ["EPR STI"]), ("ea 4360", ["EA 4360"]),
    ])
    func unitCodesHaveOneSpelling(entry: String, codes: [String]) {
        #expect(RNSRUnitCode.codes(in: [entry]) == codes)
    }

    @Test(arguments: [
        ("NANTES CEDEX 3", "Nantes"), ("VILLENEUVE D'ASCQ", "Villeneuve d'Ascq"), ("GIF-SUR-YVETTE", "Gif-sur-Yvette"),
        ("Bron Cedex", "Bron"), ("LILLECEDEX", "Lille"), ("Nice cedex3", "Nice"), ("Saint-Etienne Cedex 2", "Saint-Etienne"),
        ("LE KREMLIN-BICETRE", "Le Kremlin-Bicetre"),
    ])
    func citiesLoseTheirCedex(written: String, city: String) {
        #expect(RNSRPlace.cityName(written) == city)
    }

    @Test func postcodesGetBackTheirLeadingZero() {
        #expect(RNSRPlace.frenchPostcode("1000") == "01000")
        #expect(RNSRPlace.frenchPostcode("OX2 6SE") == nil)
    }

    @Test func errorsNameTheFileLineAndField() throws {
        let noName = Self.mixedUnit.replacingOccurrences(of: "LABORATOIRE D'EXEMPLE EN SANTÉ PUBLIQUE", with: "")
        let badYear = Self.mixedUnit.replacingOccurrences(of: ";2019;", with: ";deux mille;")
        let shortUAIs = Self.mixedUnit.replacingOccurrences(of: "\"0339999Z;0759999Y;\"", with: "\"0339999Z;0759999Y\"")
        let cases: [(String, String, String)] = [
            (noName, "libelle", "no name"), (badYear, "annee_de_creation", "not a year"),
            (shortUAIs, "uai_des_tutelles", "2 entries for 3 tutelles"),
        ]
        for (row, field, reason) in cases {
            let path = try Self.temporaryFile([Self.header, Self.teamAbroad, row].joined(separator: "\n"))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let error = try #require(throws: OrganisationImportError.self) { try Self.readAll(path) }
            #expect(error.line == 3)
            #expect(error.record == 2)
            #expect(error.field == field)
            #expect(error.reason.contains(reason), "\(error)")
            #expect(error.description.hasPrefix("\(path):3: record 2: \(field): "))
        }
    }

    @Test func aFileWithoutTheStructureNumberIsRefused() throws {
        let path = try Self.temporaryFile("libelle;sigle\nLABO;L\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: OrganisationImportError.self) { try Self.readAll(path) }
        #expect(error.field == "numero_national_de_structure")
        #expect(error.line == 1)
    }

    @Test(.enabled(if: SharedData.has("organisations/rnsr-structures-actives-2022-02-nopersons.csv"), "../shared/data/organisations is absent"))
    func readsTheRealRegistry() throws {
        let structures = try Self.readAll(SharedData.path("organisations/rnsr-structures-actives-2022-02-nopersons.csv"))
        let labs = structures.map(\.organisation)
        #expect(labs.count == 4_506)
        #expect(Set(labs.map(\.id)).count == 4_506)
        #expect(labs.allSatisfy { $0.registry == .rnsr && !$0.name.isEmpty })
        #expect(labs.allSatisfy { !($0.place?.city?.uppercased().contains("CEDEX") ?? false) })
        let withCodes = labs.filter { $0.names.contains { $0.kind == .unitCode } }
        let withTutelles = structures.filter { !$0.tutelles.isEmpty }
        #expect(withCodes.count > 2_900)
        #expect(withTutelles.count > 4_000)
        let gem = try #require(labs.first { $0.id == "200412238P" })
        #expect(gem.names.contains(OrganisationName("UMR 6183", kind: .unitCode)))
        #expect(gem.place?.city == "Nantes")
        print("RNSR: \(labs.count) labs, \(withCodes.count) with unit codes, \(withTutelles.count) with tutelles")
    }
}
