import ArgumentParser
import Foundation
import Testing

@testable import CLI

@Suite struct OrganisationsCLITests {
    /// Two invented ROR records, one of them the other's parent.
    static let rorDump = """
        [{"id": "https://ror.org/0univ0001", "status": "active", "types": ["education"],
          "names": [{"value": "Université d'Exemple", "types": ["ror_display"], "lang": "fr"}, {"value": "UEX", "types": ["acronym"]}],
          "locations": [{"geonames_details": {"name": "Bordeaux", "country_code": "FR", "lat": 44.8, "lng": -0.6}}],
          "relationships": [{"type": "child", "id": "https://ror.org/0lab00002", "label": "Laboratoire d'Exemple"}]},
         {"id": "https://ror.org/0lab00002", "status": "active", "types": ["facility"],
          "names": [{"value": "Laboratoire d'Exemple", "types": ["ror_display"], "lang": "fr"}],
          "locations": [{"geonames_details": {"name": "Talence", "country_code": "FR", "lat": 44.8, "lng": -0.6}}],
          "relationships": [{"type": "parent", "id": "https://ror.org/0univ0001", "label": "Université d'Exemple"}]}]
        """
    static let rnsrExport = """
        numero_national_de_structure;libelle;sigle;commune;code_postal;tutelles;sigles_des_tutelles;uai_des_tutelles;code_de_type_de_tutelle
        201900010A;LABORATOIRE D'EXEMPLE;LEX;TALENCE CEDEX;33405;Université d'Exemple;UEX;0339999Z;TUTE

        """

    private func run(_ arguments: [String]) async throws {
        var command = try #require(try Hublot.parseAsRoot(arguments) as? any AsyncParsableCommand)
        try await command.run()
    }

    @Test func parsesTheInterfaceContract() throws {
        let importCommand = try #require(
            try Hublot.parseAsRoot(["organisations", "import", "ror", "ror.json", "--store", "x.sqlite"]) as? OrganisationsCommand.Import)
        #expect(importCommand.kind == .ror && importCommand.file == "ror.json" && importCommand.storeOptions.path == "x.sqlite")
        let stats = try #require(try Hublot.parseAsRoot(["organisations", "stats", "--format", "json"]) as? OrganisationsCommand.Stats)
        #expect(stats.format == .json)
        let show = try #require(try Hublot.parseAsRoot(["organisations", "show", "03acrzv41", "--format", "text"]) as? OrganisationsCommand.Show)
        #expect(show.storedID == "https://ror.org/03acrzv41")
        #expect(try #require(try Hublot.parseAsRoot(["organisations", "show", "200412238P"]) as? OrganisationsCommand.Show).storedID == "200412238P")
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["organisations", "import", "grid", "g.csv"]) }
        #expect(throws: (any Error).self) { try Hublot.parseAsRoot(["organisations", "stats", "--format", "xml"]) }
    }

    @Test func importsShowsAndCounts() async throws {
        try await withTemporaryDirectory { directory in
            let store = directory.appendingPathComponent("store.sqlite").path
            let ror = directory.appendingPathComponent("ror.json").path
            let rnsr = directory.appendingPathComponent("rnsr.csv").path
            try Self.rorDump.write(toFile: ror, atomically: true, encoding: .utf8)
            try Self.rnsrExport.write(toFile: rnsr, atomically: true, encoding: .utf8)

            try await run(["organisations", "import", "ror", ror, "--store", store])
            try await run(["organisations", "import", "rnsr", rnsr, "--store", store, "--format", "json"])
            for format in ["text", "json"] {
                try await run(["organisations", "show", "0univ0001", "--store", store, "--format", format])
                try await run(["organisations", "show", "201900010A", "--store", store, "--format", format])
                try await run(["organisations", "stats", "--store", store, "--format", format])
            }
            await #expect(throws: ValidationError.self) { try await run(["organisations", "show", "0nowhere0", "--store", store]) }
        }
    }

    @Test func aBrokenFileExitsWithCode2AndImportsNothing() async throws {
        try await withTemporaryDirectory { directory in
            let store = directory.appendingPathComponent("store.sqlite").path
            let ror = directory.appendingPathComponent("ror.json").path
            try Self.rorDump.replacingOccurrences(of: "\"lat\": 44.8", with: "\"lat\": \"nord\"").write(
                toFile: ror, atomically: true, encoding: .utf8)
            await #expect(throws: ExitCode(2)) { try await run(["organisations", "import", "ror", ror, "--store", store]) }
            await #expect(throws: ValidationError.self) { try await run(["organisations", "show", "0univ0001", "--store", store]) }
            await #expect(throws: ValidationError.self) {
                try await run(["organisations", "import", "rnsr", directory.appendingPathComponent("none.csv").path, "--store", store])
            }
        }
    }
}
