import Foundation
import Testing

@testable import Enrichment

@Suite struct RORReaderTests {
    /// Records written for this test in ROR's two schemas; the organisations are invented.
    static let v2Record = """
        {"id": "https://ror.org/0abcd1234", "status": "active", "established": 1971, "types": ["education", "funder"],
         "domains": ["u-exemple.fr"],
         "names": [{"value": "Université d'Exemple", "types": ["ror_display", "label"], "lang": "fr"},
                   {"value": "University of Exemple", "types": ["label"], "lang": "en"},
                   {"value": "UEX", "types": ["acronym"], "lang": null},
                   {"value": "Exemple University", "types": ["alias"], "lang": null}],
         "locations": [{"geonames_id": 1, "geonames_details": {"name": "Bordeaux", "country_code": "FR", "country_name": "France",
                        "country_subdivision_name": "Nouvelle-Aquitaine", "lat": 44.84, "lng": -0.58}}],
         "links": [{"type": "website", "value": "https://www.u-exemple.fr"}],
         "external_ids": [{"type": "grid", "all": ["grid.1.a"], "preferred": "grid.1.a"}, {"type": "isni", "all": ["0000 0001"], "preferred": null}],
         "relationships": [{"type": "child", "id": "https://ror.org/0efgh5678", "label": "Laboratoire d'Exemple"}]}
        """
    static let v1Record = """
        {"id": "https://ror.org/0efgh5678", "name": "Laboratoire d'Exemple", "status": "active", "types": ["Facility"],
         "aliases": ["UMR 9999"], "acronyms": ["LEX"], "labels": [{"label": "Example Laboratory", "iso639": "en"}],
         "addresses": [{"city": "Talence", "lat": 44.8, "lng": -0.6, "postcode": null}],
         "country": {"country_code": "FR", "country_name": "France"}, "links": ["https://lex.example.org"],
         "external_ids": {"GRID": {"preferred": "grid.2.b", "all": "grid.2.b"}, "ISNI": {"preferred": null, "all": ["0000 0002"]}},
         "relationships": [{"type": "Parent", "id": "https://ror.org/0abcd1234", "label": "Université d'Exemple"}]}
        """

    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ror-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func readAll(_ path: String) throws -> [Organisation] {
        var reader = try RORReader(path: path)
        var organisations: [Organisation] = []
        while let organisation = try reader.next() { organisations.append(organisation) }
        return organisations
    }

    @Test func readsBothSchemasIntoOneShape() throws {
        let path = try Self.temporaryFile("[\n\(Self.v2Record),\n\(Self.v1Record)\n]\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let organisations = try Self.readAll(path)
        #expect(organisations.count == 2)

        let university = organisations[0]
        #expect(university.name == "Université d'Exemple")
        #expect(university.names.filter { $0.kind == .acronym }.map(\.value) == ["UEX"])
        #expect(university.names.contains(OrganisationName("University of Exemple", kind: .label, language: "en")))
        #expect(university.place?.city == "Bordeaux")
        #expect(university.place?.countryCode == "FR")
        #expect(university.place?.latitude == 44.84)
        #expect(university.externalIDs["grid"] == ["grid.1.a"])
        #expect(university.childIDs == ["https://ror.org/0efgh5678"])
        #expect(university.website == "https://www.u-exemple.fr")
        #expect(university.types == ["education", "funder"])

        let lab = organisations[1]
        #expect(lab.name == "Laboratoire d'Exemple")
        #expect(lab.names.map(\.kind) == [.display, .label, .alias, .acronym])
        #expect(lab.place == Place(city: "Talence", countryCode: "FR", countryName: "France", latitude: 44.8, longitude: -0.6))
        #expect(lab.externalIDs["grid"] == ["grid.2.b"])
        #expect(lab.externalIDs["isni"] == ["0000 0002"])
        #expect(lab.parentIDs == ["https://ror.org/0abcd1234"])
        #expect(lab.types == ["facility"])
    }

    @Test func anErrorNamesTheFileLineRecordAndField() throws {
        let broken = Self.v1Record.replacingOccurrences(of: "\"lat\": 44.8", with: "\"lat\": \"north\"")
        let path = try Self.temporaryFile("[\(Self.v2Record),\n\n\(broken)]")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: OrganisationImportError.self) { try Self.readAll(path) }
        #expect(error.record == 2)
        #expect(error.line == 13)
        #expect(error.field == "addresses[0].lat")
        #expect(error.description.hasPrefix(path + ":13: record 2: addresses[0].lat: "))
    }

    @Test func truncatedFilesAndOtherShapesAreRefused() throws {
        for (text, reason) in [
            ("[\(Self.v2Record)", "the array is not closed"), ("{\"id\": 1}", "a JSON array"), ("", "empty"),
            ("[\(Self.v2Record), 3]", "not an object"), (String(Self.v2Record.dropLast(3)), "a JSON array"),
            ("[" + String(Self.v2Record.dropLast(3)), "ends inside this record"),
        ] {
            let path = try Self.temporaryFile(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let error = try #require(throws: OrganisationImportError.self) { try Self.readAll(path) }
            #expect(error.reason.contains(reason), "\(error)")
        }
    }

    @Test(.enabled(if: SharedData.has("organisations/ror-partial-v2.json"), "../shared/data/organisations is absent"))
    func readsTheRealExtract() throws {
        let organisations = try Self.readAll(SharedData.path("organisations/ror-partial-v2.json"))
        #expect(organisations.count == 35_990)
        #expect(Set(organisations.map(\.id)).count == 35_990)
        #expect(organisations.allSatisfy { !$0.name.isEmpty })
        let located = organisations.filter { $0.place?.latitude != nil && $0.place?.countryCode != nil }
        #expect(Double(located.count) / Double(organisations.count) > 0.99)
    }
}
